/**
 * The complaint store on SQLite, with `better-sqlite3` 12 (an optional peer dependency: version 13
 * needs Node 22). One file, WAL mode, one writer at a time across processes (`BEGIN IMMEDIATE`).
 *
 * @example
 * ```ts
 * import { createSqliteStore } from 'housing-complaints/store/sqlite';
 *
 * const store = createSqliteStore(':memory:'); // or a file: 'complaints.db'
 * await store.migrate();
 * ```
 * @module
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InvalidInputError, readOptions, typedErrors } from '../errors.js';
import { Conflict, Mutex, SCHEMA_VERSION, type Backend, type BackendTransaction, type DeadlineRow, type EventRow, type Write } from './backend.js';
import type { Derived } from './derive.js';
import { SchemaVersionError } from './errors.js';
import { COMPLAINT_COLUMNS, complaintValues, PROJECTION_SELECT, projectionOf } from './sql.js';
import { ComplaintStore, type ParallelReplay, type StoreOptions } from './store.js';
import { threadedReplay } from './threads.js';

/** The schema, version by version: each list runs in one transaction. */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE hc_events (complaint_id TEXT NOT NULL, sequence INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (complaint_id, sequence)) WITHOUT ROWID`,
    `CREATE TABLE hc_complaints (complaint_id TEXT PRIMARY KEY, sequence INTEGER NOT NULL, snapshot TEXT NOT NULL, stage TEXT NOT NULL, status TEXT NOT NULL, closure TEXT, next_deadline TEXT, next_due TEXT, overdue INTEGER NOT NULL, handler TEXT, division TEXT NOT NULL, tenure TEXT, category TEXT, received_on TEXT NOT NULL, last_event_at TEXT NOT NULL, record TEXT NOT NULL) WITHOUT ROWID`,
    `CREATE INDEX hc_complaints_next_due ON hc_complaints (next_due) WHERE next_due IS NOT NULL`,
    `CREATE TABLE hc_deadlines (complaint_id TEXT NOT NULL, deadline TEXT NOT NULL, provision TEXT NOT NULL, due TEXT NOT NULL, division TEXT NOT NULL, PRIMARY KEY (complaint_id, deadline)) WITHOUT ROWID`,
    `CREATE INDEX hc_deadlines_due ON hc_deadlines (due, complaint_id, deadline, provision, division)`,
  ],
];

/**
 * The SQLite connection an `onDeadlines` hook writes with, inside the append's transaction.
 *
 * @example
 * ```ts
 * const onDeadlines = ({ scheduled, transaction }: DeadlineChanges<SqliteTransaction>) => {
 *   const insert = transaction.prepare('INSERT INTO my_jobs (key, run_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET run_at = excluded.run_at');
 *   for (const job of scheduled) insert.run(job.key, job.tickAt);
 * };
 * ```
 */
export type SqliteTransaction = Database.Database;

/**
 * Options of {@link createSqliteStore}: the store's, and how long to wait for another process's write.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { busyTimeout: 10_000, synchronous: 'full' };
 * ```
 */
export interface SqliteStoreOptions extends StoreOptions<SqliteTransaction> {
  /** How long a write waits for another process's transaction, in milliseconds (default 10,000). */
  readonly busyTimeout?: number;
  /** SQLite's `synchronous` setting for a file the store opens: `'full'` (default: no accepted event lost even on power loss) or `'normal'` (faster; safe against a process crash). */
  readonly synchronous?: 'full' | 'normal';
}

/** SQLite's error code of `error`, read safely (a fake Database may throw anything). */
const codeOf = (error: unknown): string | undefined => {
  try {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
};
const isUnique = (error: unknown) => codeOf(error)?.startsWith('SQLITE_CONSTRAINT') === true;
const isBusy = (error: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(codeOf(error) ?? '');

/**
 * One lock per database file in this process. better-sqlite3 waits for SQLite's write lock
 * synchronously, blocking the event loop: a second store on the same file in the same process would
 * block the very transaction it waits for. Stores on one file share this lock instead.
 */
const locks = new Map<string, Mutex>();
function lockOf(db: Database.Database): Mutex {
  if (db.memory || db.name === '') return new Mutex();
  const key = resolve(db.name);
  let lock = locks.get(key);
  if (!lock) locks.set(key, (lock = new Mutex()));
  return lock;
}

class SqliteBackend implements Backend<SqliteTransaction> {
  readonly kind = 'sqlite';
  private readonly mutex: Mutex;
  private statements: ReturnType<SqliteBackend['prepare']> | undefined;
  constructor(
    private readonly db: Database.Database,
    private readonly owned: boolean,
  ) {
    this.mutex = lockOf(db);
  }

  private prepare() {
    const db = this.db;
    const placeholders = COMPLAINT_COLUMNS.map(() => '?').join(', ');
    const set = COMPLAINT_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');
    return {
      head: db.prepare<[string], { sequence: number; snapshot: string }>('SELECT sequence, snapshot FROM hc_complaints WHERE complaint_id = ?'),
      headWithProjection: db.prepare<[string], Record<string, unknown>>(`SELECT ${PROJECTION_SELECT}, snapshot FROM hc_complaints WHERE complaint_id = ?`),
      events: db.prepare<[string], EventRow>('SELECT complaint_id AS complaintId, sequence, event FROM hc_events WHERE complaint_id = ? ORDER BY sequence'),
      deadlines: db.prepare<[string], DeadlineRow>('SELECT complaint_id AS complaintId, deadline, provision, due, division FROM hc_deadlines WHERE complaint_id = ?'),
      insertEvent: db.prepare('INSERT INTO hc_events (complaint_id, sequence, type, at, event) VALUES (?, ?, ?, ?, ?)'),
      insertComplaint: db.prepare(`INSERT INTO hc_complaints (complaint_id, ${COMPLAINT_COLUMNS.join(', ')}) VALUES (?, ${placeholders})`),
      updateComplaint: db.prepare(`UPDATE hc_complaints SET ${COMPLAINT_COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE complaint_id = ? AND sequence = ?`),
      replaceComplaint: db.prepare(`INSERT INTO hc_complaints (complaint_id, ${COMPLAINT_COLUMNS.join(', ')}) VALUES (?, ${placeholders}) ON CONFLICT (complaint_id) DO UPDATE SET ${set} WHERE hc_complaints.sequence = excluded.sequence`),
      clearDeadlines: db.prepare('DELETE FROM hc_deadlines WHERE complaint_id = ?'),
      insertDeadline: db.prepare('INSERT INTO hc_deadlines (complaint_id, deadline, provision, due, division) VALUES (?, ?, ?, ?, ?)'),
      queueAll: db.prepare<[], DeadlineRow>('SELECT complaint_id AS complaintId, deadline, provision, due, division FROM hc_deadlines ORDER BY due, complaint_id, deadline'),
      queueUpTo: db.prepare<[string], DeadlineRow>('SELECT complaint_id AS complaintId, deadline, provision, due, division FROM hc_deadlines WHERE due <= ? ORDER BY due, complaint_id, deadline'),
      projections: db.prepare<[string, number], Record<string, unknown>>(`SELECT ${PROJECTION_SELECT} FROM hc_complaints WHERE complaint_id > ? ORDER BY complaint_id LIMIT ?`),
      records: db.prepare<[string, number], { complaintId: string; record: string }>('SELECT complaint_id AS complaintId, record FROM hc_complaints WHERE complaint_id > ? ORDER BY complaint_id LIMIT ?'),
      logFirst: db.prepare<[number], EventRow>('SELECT complaint_id AS complaintId, sequence, event FROM hc_events ORDER BY complaint_id, sequence LIMIT ?'),
      logAfter: db.prepare<[string, number, number], EventRow>('SELECT complaint_id AS complaintId, sequence, event FROM hc_events WHERE (complaint_id, sequence) > (?, ?) ORDER BY complaint_id, sequence LIMIT ?'),
    };
  }

  /** The statements, prepared once the schema exists. */
  private get sql() {
    return (this.statements ??= this.prepare());
  }

  /** A store closed, or a Database its host closed, answers with a typed error rather than better-sqlite3's TypeError. */
  private checkOpen(): void {
    if (this.db.open !== true) throw new InvalidInputError('database', this.db.name, 'an open database: this store was closed, or the Database given to it was');
  }

  async schemaVersion(): Promise<number> {
    this.checkOpen();
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hc_schema'").get();
    if (!table) return 0;
    return (this.db.prepare('SELECT version FROM hc_schema').get() as { version: number } | undefined)?.version ?? 0;
  }

  async migrate(): Promise<number> {
    return this.mutex.run(async () => {
      this.checkOpen();
      this.db.exec('BEGIN IMMEDIATE');
      try {
        this.db.exec('CREATE TABLE IF NOT EXISTS hc_schema (version INTEGER NOT NULL)');
        const found = await this.schemaVersion();
        if (found > SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
        for (let version = found + 1; version <= SCHEMA_VERSION; version++) for (const statement of MIGRATIONS[version - 1]!) this.db.exec(statement);
        this.db.exec('DELETE FROM hc_schema');
        this.db.prepare('INSERT INTO hc_schema (version) VALUES (?)').run(Math.max(found, SCHEMA_VERSION));
        this.db.exec('COMMIT');
        return found;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  private writeDeadlines(id: string, derived: Derived): void {
    this.sql.clearDeadlines.run(id);
    for (const open of derived.deadlines) this.sql.insertDeadline.run(id, open.deadline, open.provision, open.due, derived.projection.division);
  }

  transaction<T>(fn: (tx: BackendTransaction<SqliteTransaction>) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.checkOpen();
      const sql = this.sql;
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        // Another process held the write lock for the whole busy timeout: waiting again would block this one as long.
        if (isBusy(error)) throw new Conflict(undefined, true);
        throw error;
      }
      const tx: BackendTransaction<SqliteTransaction> = {
        handle: this.db,
        head: async (id) => sql.head.get(id),
        events: async (id) => sql.events.all(id),
        deadlines: async (id) => sql.deadlines.all(id),
        append: async (write: Write) => {
          try {
            sql.insertEvent.run(write.complaintId, write.sequence, write.type, write.at, write.event);
            const values = complaintValues(write.sequence, write.derived, Number);
            if (write.previous === 0) sql.insertComplaint.run(write.complaintId, ...values);
            else if (sql.updateComplaint.run(...values, write.complaintId, write.previous).changes !== 1) throw new Conflict(sql.head.get(write.complaintId)?.sequence);
          } catch (error) {
            if (isUnique(error)) throw new Conflict(sql.head.get(write.complaintId)?.sequence);
            throw error;
          }
          this.writeDeadlines(write.complaintId, write.derived);
        },
        replace: async (id, sequence, derived) => {
          if (sql.replaceComplaint.run(id, ...complaintValues(sequence, derived, Number)).changes !== 1) return false;
          this.writeDeadlines(id, derived);
          return true;
        },
      };
      try {
        const result = await fn(tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  // Reads wait for this connection's open transaction: they never see what it has not committed.
  private read<T>(fn: () => T): Promise<T> {
    return this.mutex.run(async () => {
      this.checkOpen();
      return fn();
    });
  }
  head(id: string) {
    return this.read(() => {
      const row = this.sql.headWithProjection.get(id);
      return row && { sequence: Number(row.sequence), snapshot: row.snapshot as string, projection: projectionOf(row) };
    });
  }
  events(id: string) {
    return this.read(() => this.sql.events.all(id));
  }
  queue(upTo: string | undefined) {
    return this.read(() => (upTo === undefined ? this.sql.queueAll.all() : this.sql.queueUpTo.all(upTo)));
  }
  projections(after: string, limit: number) {
    return this.read(() => this.sql.projections.all(after, limit).map(projectionOf));
  }
  records(after: string, limit: number) {
    return this.read(() => this.sql.records.all(after, limit));
  }
  log(after: { complaintId: string; sequence: number } | undefined, limit: number) {
    return this.read(() => (after ? this.sql.logAfter.all(after.complaintId, after.sequence, limit) : this.sql.logFirst.all(limit)));
  }
  async close() {
    if (this.owned) this.db.close();
  }
}

/**
 * A complaint store in an SQLite file, with `better-sqlite3` 12. Give it a path (the store opens the
 * file in WAL mode and closes it on `close()`) or a `Database` you opened (the store sets WAL mode
 * and a busy timeout on it, and leaves it open). Several processes may share the file: each append
 * takes SQLite's write lock (`BEGIN IMMEDIATE`), so one writer decides at a time, on the latest state.
 *
 * @param database - a file path, `':memory:'`, or a `better-sqlite3` `Database`
 * @param options - the store's options; `busyTimeout`, `synchronous`
 * @returns a store; call `migrate()` before using it
 * @throws `InvalidInputError` for a `database` that is neither
 *
 * @example
 * ```ts
 * import { createSqliteStore } from 'housing-complaints/store/sqlite';
 *
 * const store = createSqliteStore(':memory:'); // or a file: 'complaints.db'
 * await store.migrate();
 * await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
 * (await store.workQueue({ now: '2025-01-10', within: 3 })).length; //=> 1
 * await store.close();
 * ```
 */
export function createSqliteStore(database: string | Database.Database, options?: SqliteStoreOptions): ComplaintStore<SqliteTransaction> {
  const read = readOptions(options, ['policy', 'enforceCode', 'calendar', 'retries', 'onDeadlines', 'onWarning', 'cacheSize', 'busyTimeout', 'synchronous']);
  const { busyTimeout = 10_000, synchronous = 'full', ...storeOptions } = read;
  // SQLite takes a 32-bit timeout; a larger one would be read as something else.
  if (typeof busyTimeout !== 'number' || !Number.isInteger(busyTimeout) || busyTimeout < 0 || busyTimeout > 2_147_483_647) throw new InvalidInputError('options.busyTimeout', busyTimeout, 'milliseconds, a whole number from 0 to 2,147,483,647');
  if (synchronous !== 'full' && synchronous !== 'normal') throw new InvalidInputError('options.synchronous', synchronous, "'full' or 'normal'");
  const expected = 'a file path or a better-sqlite3 Database';
  let db: Database.Database;
  const owned = typeof database === 'string';
  if (typeof database === 'string') {
    // SQLite would cut the path short at a NUL and open another file.
    if (database.includes('\0')) throw new InvalidInputError('database', database, 'a file path without NUL characters');
    db = typedErrors('database', database, 'a file path SQLite can open (an existing folder, a name the system allows)', () => new Database(database));
  } else {
    db = typedErrors('database', database, expected, () => {
      const given = database as unknown as Record<string, unknown> | null;
      if (typeof given !== 'object' || given === null || typeof given.prepare !== 'function' || typeof given.pragma !== 'function' || typeof given.exec !== 'function') throw new InvalidInputError('database', database, expected);
      if (given.open !== true) throw new InvalidInputError('database', database, 'an open better-sqlite3 Database (this one is closed)');
      return database;
    });
  }
  try {
    try {
      // The busy timeout first: switching to WAL takes a lock another process may hold for a moment.
      db.pragma(`busy_timeout = ${busyTimeout}`);
      if (owned) db.pragma(`synchronous = ${synchronous}`);
      db.pragma('journal_mode = WAL');
    } catch (error) {
      // Another process's lock held past the busy timeout is no fault of the database given: SQLite's error, as it is.
      if (isBusy(error)) throw error;
      throw new InvalidInputError('database', database, 'an SQLite database that can be written in WAL mode (a file that is not one, or cannot be written, cannot)');
    }
    return new ComplaintStore(new SqliteBackend(db, owned), storeOptions as StoreOptions<SqliteTransaction>, replayOnCores);
  } catch (error) {
    // A file the store opened is closed again: no handle is left open for a store that was not made.
    if (owned) db.close();
    throw error;
  }
}

/** The rebuild's worker threads: at most one per core (two at least), whatever a rebuild asks for. */
const replayOnCores: ParallelReplay = (options, wanted) => threadedReplay(options, wanted === 0 ? 0 : Math.min(wanted, Math.max(2, availableParallelism())));

export type { ComplaintStore } from './store.js';
