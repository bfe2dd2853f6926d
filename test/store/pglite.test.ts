/**
 * The PostgreSQL store on PGlite: real PostgreSQL compiled to WebAssembly, in this process, so
 * `npm test` needs no server. One database for the file, a schema of its own for each test.
 * `npm run test:postgres` runs the same suite on a real server.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll } from 'vitest';
import { createPostgresStore, type PostgresClient } from '../../src/store/postgres.js';
import { describeStore } from './suite.js';
import { postgresDamage } from './postgresDamage.js';

const db = new PGlite();
const client = db as unknown as PostgresClient;
afterAll(() => db.close());
let schemas = 0;

describeStore({
  name: 'PostgreSQL (PGlite)',
  threads: true,
  async open(options) {
    const schema = `suite_${++schemas}`;
    return {
      store: createPostgresStore({ client }, { ...options, schema }),
      reopen: (more) => createPostgresStore({ client }, { ...more, schema }),
      damage: postgresDamage(client, schema),
      close: async () => void (await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
    };
  },
});
