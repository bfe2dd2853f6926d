// Size check: bundles each public entry point of the built package for a browser (esbuild,
// minified, ESM), gzips it, and fails when one is over its budget; then builds the embedded-screen
// example (examples/web-ui) with Vite and checks its bundle the same way. Part of `npm run check`.
// Usage: node scripts/size.mjs [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

/**
 * Budgets in bytes, gzipped, for everything a browser downloads, peer dependencies included (the
 * letters bundle carries zod/mini). The calendar's 15 kB comes from the foundation issue; the
 * others sit a few kB above today's size so growth is a decision, not an accident. The machine's
 * and the whole package's grew by 8 and 10 kB with the reliability work (one record validator
 * that recomputes every deadline, plain copies of every input, typed errors everywhere): a
 * system of record that can always load what it accepted is worth about 7 kB gzipped. Issue 14
 * added about 11 kB gzipped to the machine, and so to everything that carries it: the hazard
 * track of Awaab's Law (its phases and duties as data, the clock-hour calendar, four guards and
 * the record's checks of their deadlines) and the Scottish procedure (its policy, its floor, its
 * citations and the SPSO's letters). The hazard data's descriptions ride along with the machine;
 * moving them to the hazards subpath alone would win back about 2 kB.
 */
export const BUDGETS = {
  'housing-complaints/calendar': 15 * 1024,
  // Awaab's Law's hazard timescales as data, with the calendar's clock hours: no peer dependency.
  'housing-complaints/hazards': 12 * 1024,
  'housing-complaints/letters': 20 * 1024,
  'housing-complaints/machine': 64 * 1024,
  // The lifecycle as a Mermaid diagram: tooling for docs, a subpath of its own so that a screen
  // embedding the machine does not carry it (it reads a machine it is given: about 2 kB).
  'housing-complaints/diagram': 4 * 1024,
  // Everything, reporting included (see below): a server's import, not a screen's.
  'housing-complaints': 105 * 1024,
  // All of reporting: `toRecord` and `comparePolicies` carry the machine (they read and replay
  // complaints), the self-assessment carries the Code's provision table (about 9 kB of text).
  'housing-complaints/reporting': 95 * 1024,
  // What a dashboard in a browser imports to show the measures and the annual report from records:
  // no machine, no provision table (zod/mini for reading records is most of it).
  'housing-complaints/reporting { tenantSatisfactionMeasures, annualReport, renderAnnualReport, parseRecord }': 32 * 1024,
  // The store's interface and the in-memory store (a screen's offline store): the machine, the
  // record (toRecord, parseRecord) and the store's rules. The databases are Node subpaths.
  'housing-complaints/store': 73 * 1024,
  // Test tooling, not for browsers, but it should not balloon either.
  'housing-complaints/testing': 67 * 1024,
};

/**
 * Budgets of the examples' production bundles, gzipped. examples/web-ui is a whole screen as a
 * housing system's front end would ship it, measured by its own `buildWebUi` (Vite 7, minified):
 * React 19 and react-dom are about 67 kB of it, @xstate/react about 2 kB, the library as the
 * screen uses it about 58 kB (the machine with XState and zod/mini, the letters' validator and
 * HTML renderer, the working-day calendar) and the screen's own code about 5 kB. It measured
 * 132.8 kB when the budget was set.
 */
export const EXAMPLE_BUDGETS = {
  'examples/web-ui (React, @xstate/react, machine, letters)': 146 * 1024,
};

/** The gzipped size of the web UI example's JS, built by its own `buildWebUi` into a temporary folder. */
export async function webUiSize() {
  const { buildWebUi } = await tsImport('../examples/web-ui/build.ts', import.meta.url);
  const outDir = mkdtempSync(join(tmpdir(), 'hc-size-web-ui-'));
  try {
    const { jsBytes, jsGzip } = await buildWebUi(outDir);
    return { raw: jsBytes, gzip: jsGzip };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

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
  for (const [specifier, budget] of Object.entries(EXAMPLE_BUDGETS)) {
    const { raw, gzip } = await webUiSize();
    const ok = gzip <= budget;
    failed ||= !ok;
    rows.push({ specifier, raw, gzip, budget, ok });
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  else {
    for (const { specifier, raw, gzip, budget, ok } of rows) {
      console.log(`${ok ? 'ok  ' : 'OVER'} ${specifier.padEnd(56)} ${(gzip / 1024).toFixed(2)} kB gzipped (${(raw / 1024).toFixed(1)} kB minified), budget ${(budget / 1024).toFixed(0)} kB`);
    }
  }
  if (failed) {
    console.error('A bundle is over its size budget.');
    process.exit(1);
  }
}
