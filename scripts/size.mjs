// Size check: bundles each public entry point of the built package for a browser (esbuild,
// minified, ESM), gzips it, and fails when one is over its budget. Part of `npm run check`.
// Usage: node scripts/size.mjs [--json]
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Budgets in bytes, gzipped, for everything a browser downloads, peer dependencies included (the
 * letters bundle carries zod/mini). The calendar's 15 kB comes from the foundation issue; the
 * others sit a few kB above today's size so growth is a decision, not an accident. The machine's
 * and the whole package's grew by 8 and 10 kB with the reliability work (one record validator
 * that recomputes every deadline, plain copies of every input, typed errors everywhere): a
 * system of record that can always load what it accepted is worth about 7 kB gzipped.
 */
export const BUDGETS = {
  'housing-complaints/calendar': 15 * 1024,
  'housing-complaints/letters': 20 * 1024,
  'housing-complaints/machine': 53 * 1024,
  // Everything, reporting included (see below): a server's import, not a screen's.
  'housing-complaints': 92 * 1024,
  // All of reporting: `toRecord` and `comparePolicies` carry the machine (they read and replay
  // complaints), the self-assessment carries the Code's provision table (about 9 kB of text).
  'housing-complaints/reporting': 84 * 1024,
  // What a dashboard in a browser imports to show the measures and the annual report from records:
  // no machine, no provision table (zod/mini for reading records is most of it).
  'housing-complaints/reporting { tenantSatisfactionMeasures, annualReport, renderAnnualReport, parseRecord }': 30 * 1024,
  // The store's interface and the in-memory store (a screen's offline store): the machine, the
  // record (toRecord, parseRecord) and the store's rules. The databases are Node subpaths.
  'housing-complaints/store': 62 * 1024,
  // Test tooling, not for browsers, but it should not balloon either.
  'housing-complaints/testing': 60 * 1024,
};

/**
 * The minified, gzipped size of a bundle that imports everything from `specifier`, or only the
 * names in braces after it (`'housing-complaints/reporting { annualReport }'`).
 */
export async function bundleSize(specifier) {
  const [, from, names] = /^(\S+)(?:\s*\{(.*)\})?$/.exec(specifier);
  const result = await build({
    stdin: { contents: names ? `export {${names}} from '${from}';` : `export * from '${from}';`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = false;
  const rows = [];
  for (const [specifier, budget] of Object.entries(BUDGETS)) {
    const { raw, gzip } = await bundleSize(specifier);
    const ok = gzip <= budget;
    failed ||= !ok;
    rows.push({ specifier, raw, gzip, budget, ok });
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  else {
    for (const { specifier, raw, gzip, budget, ok } of rows) {
      console.log(`${ok ? 'ok  ' : 'OVER'} ${specifier.padEnd(40)} ${(gzip / 1024).toFixed(2)} kB gzipped (${(raw / 1024).toFixed(1)} kB minified), budget ${(budget / 1024).toFixed(0)} kB`);
    }
  }
  if (failed) {
    console.error('A bundle is over its size budget.');
    process.exit(1);
  }
}
