import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  resolve: {
    // Examples and docs import the package by name; in the tests that name means the source (as in
    // tsconfig.json's `paths`), so `npm test` needs no build. The built package is tested apart, as
    // users install it, by `npm run test:package`.
    alias: [
      { find: /^housing-complaints$/, replacement: `${src}index.ts` },
      // The stores' databases are files of src/store/, not folders.
      { find: /^housing-complaints\/store\/(sqlite|postgres)$/, replacement: `${src}store/$1.ts` },
      { find: /^housing-complaints\/([\w/-]+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The installed-package tests pack and install the package: `npm run test:package`. The
    // PostgreSQL suite needs a server: `npm run test:postgres`.
    exclude: ['test/package/**', 'test/store-postgres/**', 'node_modules/**'],
    testTimeout: 60_000,
    // One test file per core: vitest's default leaves a core idle, which on the 2-core machines CI
    // and the benchmarks run on means one file at a time (the suite took 580 s instead of 375 s).
    maxWorkers: availableParallelism(),
    // Fails the test that leaves an uncaught exception or unhandled rejection behind.
    setupFiles: ['test/support/noStrayErrors.ts'],
  },
});
