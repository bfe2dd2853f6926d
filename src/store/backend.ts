/**
 * @internal What a database must do for the store: a handful of reads and one write, each a
 * statement or two. The store's rules (stepping the machine, retries, hooks, repair) are written
 * once, in `store.ts`, over this interface; `memory.ts`, `sqlite.ts` and `postgres.ts` implement it.
 */
import type { ComplaintProjection, Derived } from './derive.js';

/** @internal The schema version this library writes and reads. */
export const SCHEMA_VERSION = 1;

/** @internal A complaint's latest stored state. */
export interface Head {
  readonly sequence: number;
  readonly snapshot: string;
}

/** @internal One stored event. */
export interface EventRow {
  readonly complaintId: string;
  readonly sequence: number;
  /** The event as the machine accepted it, JSON. */
  readonly event: string;
}

/** @internal One open deadline row of the work queue's index. */
export interface DeadlineRow {
  readonly complaintId: string;
  readonly deadline: string;
  readonly provision: string;
  readonly due: string;
  readonly division: string;
}

/** @internal An append to write: the event at `sequence`, and what is derived from the snapshot after it. */
export interface Write {
  readonly complaintId: string;
  /** The complaint's sequence before this write (0 for a new complaint). */
  readonly previous: number;
  readonly sequence: number;
  readonly type: string;
  readonly at: string;
  readonly event: string;
  readonly derived: Derived;
}

/** @internal Thrown by a backend when another writer got there first: a unique key or a stale sequence. */
export class Conflict extends Error {
  /**
   * @param actual - the sequence number found, when known
   * @param final - not worth deciding again (SQLite's lock held past the busy timeout)
   */
  constructor(
    readonly actual?: number,
    readonly final = false,
  ) {
    super('conflict');
  }
}

/** @internal Reads and writes inside one transaction. */
export interface BackendTransaction<H> {
  /** What the host's hook gets to write in the same transaction. */
  readonly handle: H;
  head(complaintId: string): Promise<Head | undefined>;
  events(complaintId: string): Promise<EventRow[]>;
  /** The open deadlines stored for a complaint. */
  deadlines(complaintId: string): Promise<DeadlineRow[]>;
  /** Inserts the event and moves the complaint from `previous` to `sequence`; throws {@link Conflict} when either fails. */
  append(write: Write): Promise<void>;
  /** Replaces what is derived of a complaint at `sequence` (a repair or a rebuild); false when the complaint has moved on. */
  replace(complaintId: string, sequence: number, derived: Derived): Promise<boolean>;
}

/** @internal A database. */
export interface Backend<H> {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  /** The schema version found: 0 when there is none. */
  schemaVersion(): Promise<number>;
  /** Brings the schema to {@link SCHEMA_VERSION}, in one transaction; returns the version found before. */
  migrate(): Promise<number>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: BackendTransaction<H>) => Promise<T>): Promise<T>;
  head(complaintId: string): Promise<(Head & { projection: ComplaintProjection }) | undefined>;
  events(complaintId: string): Promise<EventRow[]>;
  /** Open deadlines due on or before `upTo` (all when undefined), nearest first, from the index. */
  queue(upTo: string | undefined): Promise<DeadlineRow[]>;
  /** Projection rows after `after` in id order, `limit` at most, with the filters given. */
  projections(after: string, limit: number): Promise<ComplaintProjection[]>;
  /** Stored records after `after` in id order. */
  records(after: string, limit: number): Promise<{ complaintId: string; record: string }[]>;
  /** Events after the (complaint, sequence) given, in complaint and sequence order. */
  log(after: { complaintId: string; sequence: number } | undefined, limit: number): Promise<EventRow[]>;
  close(): Promise<void>;
}

/** @internal A promise chain that runs one task at a time: one connection runs one transaction at a time. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
