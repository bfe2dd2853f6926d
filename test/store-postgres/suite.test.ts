/**
 * The store suite on a real PostgreSQL server, through a `pg.Pool` (each transaction on a connection
 * of its own, as app servers run it). `npm run test:postgres`, with `HC_POSTGRES_URL` set: the suite
 * fails, rather than skips, when the server cannot be reached.
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres.js';
import { postgresDamage } from '../store/postgresDamage.js';
import { describeStore } from '../store/suite.js';

const url = process.env.HC_POSTGRES_URL;
if (!url) throw new Error('HC_POSTGRES_URL is not set: start a server with scripts/postgres-server.sh and export HC_POSTGRES_URL=<the URL it prints> (see CONTRIBUTING.md)');
const pool = new pg.Pool({ connectionString: url, max: 8 });
const prefix = `hc_suite_${process.pid}_`;
let schemas = 0;

beforeAll(async () => {
  await pool.query('SELECT 1');
});
afterAll(() => pool.end());

describeStore({
  name: 'PostgreSQL (server)',
  threads: true,
  async open(options) {
    const schema = `${prefix}${++schemas}`;
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    return {
      store: createPostgresStore({ pool }, { ...options, schema }),
      reopen: (more) => createPostgresStore({ pool }, { ...more, schema }),
      damage: postgresDamage(pool, schema),
      close: async () => void (await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
    };
  },
});
