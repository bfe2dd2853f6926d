import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * `npm run test:postgres`: the tests that need a real PostgreSQL server (the store suite through a
 * pg.Pool, the multi-process scenarios of test/store/processes/), named by `HC_POSTGRES_URL`: start
 * one with scripts/postgres-server.sh. Without it the suite fails, saying so: it never skips. The
 * root vitest.config.ts leaves this folder out of `npm test`.
 */
export default defineConfig({
  root,
  resolve: {
    // As in the root vitest.config.ts: the package's name means the source.
    alias: [
      { find: /^housing-complaints$/, replacement: `${src}index.ts` },
      { find: /^housing-complaints\/store\/(sqlite|postgres)$/, replacement: `${src}store/$1.ts` },
      // The stores' databases are files of src/store/, not folders.
      { find: /^housing-complaints\/store\/(sqlite|postgres)$/, replacement: `${src}store/$1.ts` },
      { find: /^housing-complaints\/([\w/-]+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ['test/store-postgres/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Fails the test that leaves an uncaught exception or unhandled rejection behind.
    setupFiles: ['test/support/noStrayErrors.ts'],
  },
});
