/**
 * Builds the embedded complaint screen with Vite's JS API, with the same config as
 * `npx vite build examples/web-ui`, into a folder of the caller's choosing: the browser test
 * (test/examples/webUi.test.ts) serves it from a temporary folder, and scripts/size.mjs measures it.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

/** One file of the build. */
export interface BuiltFile {
  /** Its path inside the output folder, e.g. `assets/index-3f2a1b.js`. */
  fileName: string;
  /** Its size in bytes. */
  bytes: number;
}

/** What {@link buildWebUi} built. */
export interface WebUiBuild {
  /** The output folder. */
  outDir: string;
  /** Every file written there: index.html, the JS and the CSS. */
  files: BuiltFile[];
  /** The JS, minified, in bytes. */
  jsBytes: number;
  /** The JS gzipped at level 9 (as scripts/size.mjs measures the entry points), in bytes. */
  jsGzip: number;
}

/**
 * Runs a production build of examples/web-ui into `outDir` (emptied first) and says what it wrote.
 *
 * @param outDir - an absolute path; the build writes index.html and assets/ there
 */
export async function buildWebUi(outDir: string): Promise<WebUiBuild> {
  const result = await build({
    configFile,
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files: BuiltFile[] = [];
  const js: Uint8Array[] = [];
  for (const item of outputs.flatMap((output) => output.output)) {
    const contents = item.type === 'chunk' ? Buffer.from(item.code) : Buffer.from(item.source);
    files.push({ fileName: item.fileName, bytes: contents.length });
    if (item.fileName.endsWith('.js')) js.push(contents);
  }
  const all = Buffer.concat(js);
  return { outDir, files: files.sort((a, b) => a.fileName.localeCompare(b.fileName)), jsBytes: all.length, jsGzip: gzipSync(all, { level: 9 }).length };
}
