/**
 * The folders are the architecture: each entry point may import only what its layer allows. A
 * bundle of each entry point (with every package left external) lists what it really imports.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

async function importsOf(entry: string): Promise<{ packages: string[]; files: string[] }> {
  const result = await build({
    entryPoints: [`${root}/src/${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    packages: [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort(),
    files: Object.keys(result.metafile.inputs).sort(),
  };
}

describe('module boundaries', () => {
  it('housing-complaints/calendar imports no package at all (no XState, no zod, no date-holidays)', async () => {
    const { packages, files } = await importsOf('calendar/index.ts');
    expect(packages).toEqual([]);
    expect(files.every((file) => file.startsWith('src/calendar/') || file === 'src/errors.ts')).toBe(true);
  });

  it('housing-complaints/hazards imports no package at all: data and the calendar’s clock', async () => {
    const { packages, files } = await importsOf('hazards/index.ts');
    expect(packages).toEqual([]);
    expect(files.every((file) => /^src\/(hazards|calendar)\/|^src\/errors\.ts$|^src\/plain\.ts$/.test(file))).toBe(true);
  });

  it('housing-complaints/letters imports zod/mini (tree-shakable) and nothing else: not XState', async () => {
    const { packages, files } = await importsOf('letters/index.ts');
    expect(packages).toEqual(['zod/mini']);
    expect(files.some((file) => file.startsWith('src/machine/'))).toBe(false);
  });

  it('housing-complaints/testing imports xstate, xstate/graph and zod/mini', async () => {
    const { packages } = await importsOf('testing/index.ts');
    expect(packages).toEqual(['xstate', 'xstate/graph', 'zod/mini']);
  });

  it('housing-complaints/machine imports xstate and zod/mini, and no letters renderer', async () => {
    const { packages, files } = await importsOf('machine/index.ts');
    expect(packages).toEqual(['xstate', 'zod/mini']);
    expect(files).not.toContain('src/letters/render.ts');
  });

  it('housing-complaints/diagram imports xstate (through the machine it reads) and no letters renderer', async () => {
    const { packages, files } = await importsOf('diagram/index.ts');
    expect(packages).toEqual(['xstate']);
    expect(files).toContain('src/machine/machine.ts');
    expect(files).not.toContain('src/letters/render.ts');
  });

  it('housing-complaints/reporting imports xstate and zod/mini, nothing of Node (it runs in a browser), and no letters renderer', async () => {
    const { packages, files } = await importsOf('reporting/index.ts');
    expect(packages).toEqual(['xstate', 'zod/mini']);
    expect(files.filter((file) => file.startsWith('src/cli/'))).toEqual([]);
    expect(files).not.toContain('src/letters/render.ts');
  });

  it('housing-complaints/store imports xstate and zod/mini, nothing of Node (the in-memory store runs in a browser); the databases are subpaths of their own', async () => {
    const { packages, files } = await importsOf('store/index.ts');
    expect(packages).toEqual(['xstate', 'zod/mini']);
    expect(files.filter((file) => /src\/store\/(sqlite|postgres|threads)\.ts|src\/cli\//.test(file))).toEqual([]);
    expect((await importsOf('store/sqlite.ts')).packages).toEqual(['better-sqlite3', 'node:os', 'node:path', 'node:url', 'node:worker_threads', 'xstate', 'zod/mini']);
    // Any client with node-postgres's query shape: the store imports no driver.
    expect((await importsOf('store/postgres.ts')).packages).toEqual(['node:os', 'node:url', 'node:worker_threads', 'xstate', 'zod/mini']);
  });
});
