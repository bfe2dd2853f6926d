/**
 * The databases the multi-process scenarios run on: a new SQLite file in a temporary folder, or a new
 * schema (`hc_proc_…`) on the PostgreSQL server named by `HC_POSTGRES_URL`. Each test makes its own
 * and drops it when done.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { ComplaintStore, StoreWarning } from '../../../src/store/index.js';
import { createPostgresStore } from '../../../src/store/postgres.js';
import { createSqliteStore } from '../../../src/store/sqlite.js';

/** One database, new and empty, for one test. */
export interface Database {
  /** The writer's options that reach it (see writer.ts). */
  readonly writerArgs: readonly string[];
  /** Opens a store on it in this process: a new store, with nothing cached. */
  open(options: { onWarning: (warning: StoreWarning) => void }): ComplaintStore<unknown>;
  /** What the database itself finds wrong with its files (SQLite's integrity check); none is `[]`. */
  problems(): Promise<string[]>;
  /** Removes it. */
  drop(): Promise<void>;
}

/** Makes a new database. */
export type Databases = () => Promise<Database>;

/** A new SQLite file in a folder of its own under the system's temporary folder. */
export const sqlite: Databases = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hc-proc-'));
  const file = join(dir, 'complaints.db');
  return {
    writerArgs: ['--sqlite', file],
    open: (options) => createSqliteStore(file, { busyTimeout: 30_000, ...options }) as unknown as ComplaintStore<unknown>,
    problems: async () => {
      const db = new Sqlite(file, { timeout: 30_000 });
      try {
        const rows = db.pragma('integrity_check') as { integrity_check: string }[];
        return rows.map((row) => row.integrity_check).filter((result) => result !== 'ok');
      } finally {
        db.close();
      }
    },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
};

/** The server's address with any password hidden, for messages. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * New schemas on the PostgreSQL server named by `HC_POSTGRES_URL`. Fails, saying what to do, when
 * the variable is missing or the server cannot be reached: this suite never skips. `end()` closes
 * the pool (call it in `afterAll`).
 */
export function postgres(): { databases: Databases; end(): Promise<void> } {
  let pool: Promise<pg.Pool> | undefined;
  const connect = async (): Promise<pg.Pool> => {
    const url = process.env['HC_POSTGRES_URL'];
    if (!url) {
      throw new Error(
        'HC_POSTGRES_URL is not set: this suite needs a PostgreSQL server. Start one with `export HC_POSTGRES_URL=$(scripts/postgres-server.sh | tail -n 1)` and run `npm run test:postgres` again.',
      );
    }
    const opened = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 15_000 });
    // An idle connection the server drops is the pool's to replace, not an uncaught error.
    opened.on('error', () => undefined);
    try {
      await opened.query('SELECT 1');
    } catch (error) {
      await opened.end().catch(() => undefined);
      throw new Error(`Cannot reach the PostgreSQL server at ${shown(url)} (HC_POSTGRES_URL): ${(error as Error).message}. Start one with scripts/postgres-server.sh.`);
    }
    return opened;
  };
  return {
    databases: async () => {
      pool ??= connect();
      const url = process.env['HC_POSTGRES_URL']!;
      const server = await pool.catch((error: unknown) => {
        pool = undefined;
        throw error;
      });
      // Only schemas named hc_proc_…: others use the same server.
      const schema = `hc_proc_${process.pid}_${randomBytes(4).toString('hex')}`;
      return {
        writerArgs: ['--postgres', url, '--schema', schema],
        open: (options) => createPostgresStore({ pool: server }, { schema, ...options }) as unknown as ComplaintStore<unknown>,
        problems: async () => [],
        drop: async () => void (await server.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
      };
    },
    end: async () => {
      const opened = await pool?.catch(() => undefined);
      pool = undefined;
      await opened?.end();
    },
  };
}
