/**
 * The complaint store on PostgreSQL: with a `pg` (node-postgres) `Pool` for many app servers, or any
 * client with node-postgres's `query` shape (a `pg.Client`, PGlite) used one transaction at a time.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStore } from 'housing-complaints/store/postgres';
 *
 * // On a server: createPostgresStore({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) })
 * const store = createPostgresStore({ client: new PGlite() });
 * await store.migrate(); //=> { from: 0, to: 1 }
 * ```
 * @module
 */
import { availableParallelism } from 'node:os';
import { InvalidInputError, readOptions, typedErrors } from '../errors.js';
import { Conflict, Mutex, SCHEMA_VERSION, type Backend, type BackendTransaction, type DeadlineRow, type EventRow, type Write } from './backend.js';
import type { Derived } from './derive.js';
import { SchemaVersionError } from './errors.js';
import { COMPLAINT_COLUMNS, complaintValues, PROJECTION_SELECT, projectionOf } from './sql.js';
import { ComplaintStore, type ParallelReplay, type StoreOptions } from './store.js';
import { threadedReplay } from './threads.js';

/**
 * Anything with node-postgres's `query(text, values)`: a `pg.Client`, a `pg.PoolClient`, PGlite.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const client: PostgresClient = new PGlite();
 * ```
 */
export interface PostgresClient {
  /** Runs one statement with `$1`-style parameters. */
  query(
    text: string,
    values?: unknown[],
  ): Promise<{
    /** The rows, as objects by column name. */
    rows: unknown[];
  }>;
}

/**
 * A pool of connections, as `pg.Pool` is: each transaction takes a client of its own.
 *
 * @example
 * ```ts
 * import { Pool } from 'pg';
 * const pool: PostgresPool = new Pool({ connectionString: 'postgres://localhost/housing' }); // connects when first used
 * ```
 */
export interface PostgresPool {
  /** A client for one transaction, released after it. */
  connect(): Promise<
    PostgresClient & {
      /** Gives the client back to the pool. */
      release(destroy?: boolean | Error): void;
    }
  >;
}

/**
 * The client an `onDeadlines` hook writes with, inside the append's transaction.
 *
 * @example
 * ```ts
 * const onDeadlines = async ({ cancelled, transaction }: DeadlineChanges<PostgresTransaction>) => {
 *   for (const job of cancelled) await transaction.query('SELECT graphile_worker.remove_job($1)', [job.key]);
 * };
 * ```
 */
export type PostgresTransaction = PostgresClient;

/**
 * Options of {@link createPostgresStore}.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { schema: 'landlord_a', retries: 10 };
 * ```
 */
export interface PostgresStoreOptions extends StoreOptions<PostgresTransaction> {
  /** The PostgreSQL schema the tables live in (default `'public'`): one per landlord lets a vendor keep many apart on one server. */
  readonly schema?: string;
}

/**
 * What the store talks to: a pool (one client per transaction; many app servers and requests at
 * once) or one client (its transactions run one at a time, in this process).
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const connection: PostgresConnection = { client: new PGlite() };
 * ```
 */
export type PostgresConnection =
  | {
      /** A pool: each transaction on a connection of its own. */
      readonly pool: PostgresPool;
    }
  | {
      /** One client: the store's transactions run on it one at a time. */
      readonly client: PostgresClient;
    };

const MIGRATIONS = (s: string): readonly (readonly string[])[] => [
  [
    `CREATE TABLE ${s}.hc_events (complaint_id text COLLATE "C" NOT NULL, sequence integer NOT NULL, type text NOT NULL, at text NOT NULL, event text NOT NULL, PRIMARY KEY (complaint_id, sequence))`,
    `CREATE TABLE ${s}.hc_complaints (complaint_id text COLLATE "C" PRIMARY KEY, sequence integer NOT NULL, snapshot text NOT NULL, stage text NOT NULL, status text NOT NULL, closure text, next_deadline text, next_due text COLLATE "C", overdue boolean NOT NULL, handler text, division text NOT NULL, tenure text, category text, received_on text NOT NULL, last_event_at text NOT NULL, record text NOT NULL)`,
    `CREATE INDEX hc_complaints_next_due ON ${s}.hc_complaints (next_due) WHERE next_due IS NOT NULL`,
    `CREATE TABLE ${s}.hc_deadlines (complaint_id text COLLATE "C" NOT NULL, deadline text COLLATE "C" NOT NULL, provision text NOT NULL, due text COLLATE "C" NOT NULL, division text NOT NULL, PRIMARY KEY (complaint_id, deadline))`,
    `CREATE INDEX hc_deadlines_due ON ${s}.hc_deadlines (due, complaint_id, deadline) INCLUDE (provision, division)`,
  ],
];

/** SQLSTATEs of a lost race: a unique key taken, a serialization failure, a deadlock. */
const RACE = new Set(['23505', '40001', '40P01']);
const isRace = (error: unknown) => {
  try {
    return RACE.has((error as { code?: unknown } | null)?.code as string);
  } catch {
    // A hook threw something unreadable (a revoked Proxy): no race, and what it threw goes on.
    return false;
  }
};

type Row = Record<string, unknown>;
const DEADLINE_SELECT = 'complaint_id AS "complaintId", deadline, provision, due, division';
const EVENT_SELECT = 'complaint_id AS "complaintId", sequence, event';

/** One lock per client: stores sharing a client must not interleave their transactions on its one connection. */
const locks = new WeakMap<object, Mutex>();
function lockOf(client: PostgresClient): Mutex {
  let lock = locks.get(client);
  if (!lock) locks.set(client, (lock = new Mutex()));
  return lock;
}

class PostgresBackend implements Backend<PostgresTransaction> {
  readonly kind = 'postgres';
  private readonly s: string;
  constructor(
    private readonly connection: PostgresConnection,
    private readonly schema: string,
  ) {
    this.s = `"${schema}"`;
  }

  /** Runs `fn` with a client: a pooled one of its own, or the one client, one at a time. */
  private withClient<T>(fn: (client: PostgresClient) => Promise<T>): Promise<T> {
    if ('client' in this.connection) {
      const client = this.connection.client;
      return lockOf(client).run(() => fn(client));
    }
    const pool = this.connection.pool;
    return (async () => {
      const client = await pool.connect();
      try {
        return await fn(client);
      } finally {
        // A client whose connection broke is dropped by the pool itself.
        client.release();
      }
    })();
  }

  private async rows<T = Row>(client: PostgresClient, text: string, values?: unknown[]): Promise<T[]> {
    return (await client.query(text, values)).rows as T[];
  }

  private async inTransaction<T>(client: PostgresClient, fn: () => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    try {
      const result = await fn();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection is gone: the server rolls the transaction back itself.
      }
      if (isRace(error)) throw new Conflict();
      throw error;
    }
  }

  private async version(client: PostgresClient): Promise<number> {
    const [exists] = await this.rows<{ table: string | null }>(client, 'SELECT to_regclass($1) AS "table"', [`${this.s}.hc_schema`]);
    if (!exists?.table) return 0;
    const [row] = await this.rows<{ version: number }>(client, `SELECT version FROM ${this.s}.hc_schema`);
    return row ? Number(row.version) : 0;
  }

  schemaVersion(): Promise<number> {
    return this.withClient((client) => this.version(client));
  }

  migrate(): Promise<number> {
    return this.withClient((client) =>
      this.inTransaction(client, async () => {
        // One app server migrates at a time; the others wait, then find nothing to do.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`housing-complaints:${this.schema}`]);
        // CREATE SCHEMA needs the CREATE privilege on the database even when the schema exists: asked only when it does not.
        const [exists] = await this.rows(client, 'SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [this.schema]);
        if (!exists) await client.query(`CREATE SCHEMA ${this.s}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${this.s}.hc_schema (version integer NOT NULL)`);
        const found = await this.version(client);
        if (found > SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
        const migrations = MIGRATIONS(this.s);
        for (let version = found + 1; version <= SCHEMA_VERSION; version++) for (const statement of migrations[version - 1]!) await client.query(statement);
        await client.query(`DELETE FROM ${this.s}.hc_schema`);
        await client.query(`INSERT INTO ${this.s}.hc_schema (version) VALUES ($1)`, [Math.max(found, SCHEMA_VERSION)]);
        return found;
      }),
    );
  }

  private async writeDeadlines(client: PostgresClient, id: string, derived: Derived): Promise<void> {
    await client.query(`DELETE FROM ${this.s}.hc_deadlines WHERE complaint_id = $1`, [id]);
    if (derived.deadlines.length === 0) return;
    const values: unknown[] = [id, derived.projection.division];
    const tuples = derived.deadlines.map((open) => {
      values.push(open.deadline, open.provision, open.due);
      const n = values.length;
      return `($1, $${n - 2}, $${n - 1}, $${n}, $2)`;
    });
    await client.query(`INSERT INTO ${this.s}.hc_deadlines (complaint_id, deadline, provision, due, division) VALUES ${tuples.join(', ')}`, values);
  }

  transaction<T>(fn: (tx: BackendTransaction<PostgresTransaction>) => Promise<T>): Promise<T> {
    const s = this.s;
    const columns = COMPLAINT_COLUMNS.join(', ');
    return this.withClient((client) =>
      this.inTransaction(client, () => {
        const head = async (id: string) => (await this.rows<{ sequence: number; snapshot: string }>(client, `SELECT sequence, snapshot FROM ${s}.hc_complaints WHERE complaint_id = $1`, [id]))[0];
        return fn({
          handle: client,
          head,
          events: (id) => this.rows<EventRow>(client, `SELECT ${EVENT_SELECT} FROM ${s}.hc_events WHERE complaint_id = $1 ORDER BY sequence`, [id]),
          deadlines: (id) => this.rows<DeadlineRow>(client, `SELECT ${DEADLINE_SELECT} FROM ${s}.hc_deadlines WHERE complaint_id = $1`, [id]),
          append: async (write: Write) => {
            await client.query(`INSERT INTO ${s}.hc_events (complaint_id, sequence, type, at, event) VALUES ($1, $2, $3, $4, $5)`, [write.complaintId, write.sequence, write.type, write.at, write.event]);
            const values = complaintValues(write.sequence, write.derived, Boolean);
            if (write.previous === 0) {
              await client.query(`INSERT INTO ${s}.hc_complaints (complaint_id, ${columns}) VALUES ($1, ${COMPLAINT_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')})`, [write.complaintId, ...values]);
            } else {
              const set = COMPLAINT_COLUMNS.map((column, i) => `${column} = $${i + 3}`).join(', ');
              const updated = await this.rows(client, `UPDATE ${s}.hc_complaints SET ${set} WHERE complaint_id = $1 AND sequence = $2 RETURNING 1`, [write.complaintId, write.previous, ...values]);
              if (updated.length !== 1) throw new Conflict();
            }
            await this.writeDeadlines(client, write.complaintId, write.derived);
          },
          replace: async (id, sequence, derived) => {
            const set = COMPLAINT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');
            const written = await this.rows(
              client,
              `INSERT INTO ${s}.hc_complaints (complaint_id, ${columns}) VALUES ($1, ${COMPLAINT_COLUMNS.map((_, i) => `$${i + 2}`).join(', ')}) ON CONFLICT (complaint_id) DO UPDATE SET ${set} WHERE ${s}.hc_complaints.sequence = excluded.sequence RETURNING 1`,
              [id, ...complaintValues(sequence, derived, Boolean)],
            );
            if (written.length !== 1) return false;
            await this.writeDeadlines(client, id, derived);
            return true;
          },
        });
      }),
    );
  }

  head(id: string) {
    return this.withClient(async (client) => {
      const [row] = await this.rows(client, `SELECT ${PROJECTION_SELECT}, snapshot FROM ${this.s}.hc_complaints WHERE complaint_id = $1`, [id]);
      return row && { sequence: Number(row.sequence), snapshot: row.snapshot as string, projection: projectionOf(row) };
    });
  }
  events(id: string) {
    return this.withClient((client) => this.rows<EventRow>(client, `SELECT ${EVENT_SELECT} FROM ${this.s}.hc_events WHERE complaint_id = $1 ORDER BY sequence`, [id]));
  }
  queue(upTo: string | undefined) {
    return this.withClient((client) =>
      upTo === undefined
        ? this.rows<DeadlineRow>(client, `SELECT ${DEADLINE_SELECT} FROM ${this.s}.hc_deadlines ORDER BY due, complaint_id, deadline`)
        : this.rows<DeadlineRow>(client, `SELECT ${DEADLINE_SELECT} FROM ${this.s}.hc_deadlines WHERE due <= $1 ORDER BY due, complaint_id, deadline`, [upTo]),
    );
  }
  projections(after: string, limit: number) {
    return this.withClient(async (client) => (await this.rows(client, `SELECT ${PROJECTION_SELECT} FROM ${this.s}.hc_complaints WHERE complaint_id > $1 ORDER BY complaint_id LIMIT $2`, [after, limit])).map(projectionOf));
  }
  records(after: string, limit: number) {
    return this.withClient((client) => this.rows<{ complaintId: string; record: string }>(client, `SELECT complaint_id AS "complaintId", record FROM ${this.s}.hc_complaints WHERE complaint_id > $1 ORDER BY complaint_id LIMIT $2`, [after, limit]));
  }
  log(after: { complaintId: string; sequence: number } | undefined, limit: number) {
    return this.withClient(async (client) => {
      const rows = after
        ? await this.rows<EventRow>(client, `SELECT ${EVENT_SELECT} FROM ${this.s}.hc_events WHERE (complaint_id, sequence) > ($1, $2) ORDER BY complaint_id, sequence LIMIT $3`, [after.complaintId, after.sequence, limit])
        : await this.rows<EventRow>(client, `SELECT ${EVENT_SELECT} FROM ${this.s}.hc_events ORDER BY complaint_id, sequence LIMIT $1`, [limit]);
      return rows.map((row) => ({ ...row, sequence: Number(row.sequence) }));
    });
  }
  async close() {}
}

/**
 * A complaint store on PostgreSQL. With `{ pool }` (a `pg.Pool`) each transaction takes its own
 * connection, so many requests and many app servers append at once; two appends to the same
 * complaint never both win (a unique key on complaint and sequence number), and the loser is
 * decided again on the winner's state. With `{ client }` (a `pg.Client`, or PGlite for tests and
 * embedded use) the store runs its transactions one at a time on that client.
 *
 * @param connection - `{ pool }` or `{ client }`; the host opens and closes it
 * @param options - the store's options; `schema`
 * @returns a store; call `migrate()` before using it
 * @throws `InvalidInputError` for a connection of neither shape or a bad schema name
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresStore } from 'housing-complaints/store/postgres';
 *
 * const store = createPostgresStore({ client: new PGlite() });
 * await store.migrate();
 * await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
 * ```
 */
export function createPostgresStore(connection: PostgresConnection, options?: PostgresStoreOptions): ComplaintStore<PostgresTransaction> {
  const read = readOptions(options, ['policy', 'enforceCode', 'calendar', 'retries', 'onDeadlines', 'onWarning', 'cacheSize', 'schema']);
  const { schema = 'public', ...storeOptions } = read;
  // PostgreSQL's own schemas (pg_catalog, pg_toast, any pg_ name, information_schema) are not the store's to write in.
  if (typeof schema !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema) || schema.startsWith('pg_') || schema === 'information_schema') {
    throw new InvalidInputError('options.schema', schema, "a schema name of the store's own: lower-case letters, digits and _, up to 63, not pg_… or information_schema");
  }
  const expected = '{ pool } (a pg.Pool) or { client } (a pg.Client, PGlite, or any client with query(text, values))';
  // Read once: the client or pool found is the one used, whatever a getter would give later.
  const resolved = typedErrors('connection', connection, expected, (): PostgresConnection => {
    if (typeof connection !== 'object' || connection === null) throw new InvalidInputError('connection', connection, expected);
    const { client, pool } = connection as { client?: unknown; pool?: unknown };
    if (typeof client === 'object' && client !== null && typeof (client as { query?: unknown }).query === 'function') return { client: client as PostgresClient };
    if (typeof pool === 'object' && pool !== null && typeof (pool as { connect?: unknown }).connect === 'function') return { pool: pool as PostgresPool };
    throw new InvalidInputError('connection', connection, expected);
  });
  return new ComplaintStore(new PostgresBackend(resolved, schema), storeOptions as StoreOptions<PostgresTransaction>, replayOnCores);
}

/** The rebuild's worker threads: at most one per core (two at least), whatever a rebuild asks for. */
const replayOnCores: ParallelReplay = (options, wanted) => threadedReplay(options, wanted === 0 ? 0 : Math.min(wanted, Math.max(2, availableParallelism())));

export type { ComplaintStore } from './store.js';
