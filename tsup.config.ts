import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { addPeerGuards } from './scripts/peer-guards.js';

const entry = {
  index: 'src/index.ts',
  'calendar/index': 'src/calendar/index.ts',
  'letters/index': 'src/letters/index.ts',
  'machine/index': 'src/machine/index.ts',
  'diagram/index': 'src/diagram/index.ts',
  'hazards/index': 'src/hazards/index.ts',
  'testing/index': 'src/testing/index.ts',
  'reporting/index': 'src/reporting/index.ts',
  'store/index': 'src/store/index.ts',
  'store/sqlite': 'src/store/sqlite.ts',
  'store/postgres': 'src/store/postgres.ts',
};

const { peerDependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { peerDependencies: Record<string, string> };

export default defineConfig([
  {
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  // Not the command's file, which the second build writes at the same time.
  clean: ['!cli.js', '!cli.js.map'],
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  // Never bundle a package in: every package import stays an import, and the peer guards below
  // refuse any that package.json does not declare as a peer.
  esbuildOptions(options) {
    options.packages = 'external';
  },
  // Without its peers, an entry point says so by name (see scripts/peer-guards.ts).
  async onSuccess() {
    const needs = await addPeerGuards('dist', Object.keys(entry), peerDependencies);
    for (const [entryPoint, peers] of Object.entries(needs)) console.log(`Peers ${entryPoint.padEnd(30)} ${peers.join(', ') || '(none)'}`);
  },
},
  // The command line (`bin`): one file for Node, with XState and zod inside, because npm does not
  // install optional peers and `npx housing-complaints` must run in an empty folder. Its shebang
  // comes from src/cli/main.ts. The replay workers run this same file (see src/reporting/replayLog.ts).
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    clean: false,
    sourcemap: true,
    splitting: false,
    treeshake: true,
    noExternal: ['xstate', 'zod'],
  },
]);
