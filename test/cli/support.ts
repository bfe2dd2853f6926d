/**
 * Runs the command line as a user does, as a child process with files in a temporary folder, and
 * makes small event logs with the generator.
 *
 * Most runs use the command built as `dist/cli.js` is (one esbuild bundle of src/cli/main.ts, its
 * packages bundled in), built once per test file: a run then starts in a quarter of the time, and
 * the replay workers start on the built file, as they do once published. Runs with `source: true`
 * use `node --import tsx src/cli/main.ts`, the sources themselves.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll } from 'vitest';
import { generateEventLog } from '../../scripts/generate-events.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

let bundle: Promise<string> | undefined;
let bundleDir: string | undefined;

/** The command line as one file, built from the sources once per test file. */
function built(): Promise<string> {
  bundle ??= (async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'housing-complaints-bin-'));
    const outfile = join(bundleDir, 'cli.js');
    await build({ entryPoints: [join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent' });
    return outfile;
  })();
  return bundle;
}

afterAll(() => {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

/** What a run of the command line gave. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `housing-complaints ...args` in the repository's folder, stdout and stderr piped (not terminals). */
export async function cli(args: readonly string[], options: { input?: string; source?: boolean } = {}): Promise<CliResult> {
  const command = options.source ? ['--import', 'tsx', 'src/cli/main.ts'] : [await built()];
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env['HOUSING_COMPLAINTS_DEBUG'];
    const child = spawn(process.execPath, [...command, ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A temporary folder, and a function to write files into it. */
export function tempFolder(): { dir: string; file(name: string, content: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'housing-complaints-cli-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The lines of a generated event log. */
export function eventLines(complaints: number, seed = 11): string[] {
  return [...generateEventLog({ complaints, seed, from: '2025-04-01', to: '2026-03-31' })];
}
