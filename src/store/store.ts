/**
 * The event store's rules, written once over a {@link Backend}: an append steps the machine from the
 * stored snapshot and, only when the event is accepted, writes the event, the new snapshot, the
 * projection row, the deadline index and the record in one transaction; a conflict is decided again.
 */
import { REGIONS, type Region } from '../calendar/regions.js';
import { InvalidInputError, readOptions, typedErrors } from '../errors.js';
import { eventCopy } from '../machine/decide.js';
import { openDeadlines, type OpenDeadline } from '../machine/deadlines.js';
import { parseEvent, MalformedEventError, type ComplaintEvent } from '../machine/events.js';
import { createComplaintMachine, machineEnv, type ComplaintMachine, type ComplaintMachineOptions, type ComplaintSnapshot } from '../machine/machine.js';
import { isSnapshotRestoreError, restore } from '../machine/persist.js';
import { replay } from '../machine/replay.js';
import type { Reason, RuleEnv } from '../machine/rules.js';
import { step, type StepResult } from '../machine/step.js';
import { byDue, queueEntry, queueOptions, type WorklistEntry } from '../machine/worklist.js';
import type { Policy } from '../policy/schema.js';
import { parseRecord, type ComplaintRecord } from '../reporting/record.js';
import { identifier, MAX_ID_LENGTH, type ComplaintContext } from '../machine/context.js';
import { Conflict, SCHEMA_VERSION, type Backend, type BackendTransaction, type EventRow, type Head } from './backend.js';
import { deadlineChanges, derive, type CancelledDeadline, type ComplaintProjection, type Derived, type ScheduledDeadline } from './derive.js';
import { ConcurrencyError, CorruptLogError, SchemaVersionError, UnknownComplaintError } from './errors.js';

/**
 * What an append tells the host about deadlines, inside the append's transaction: schedule a `TICK`
 * at each `scheduled[i].tickAt` (replacing any job with the same `key`), drop the jobs of
 * `cancelled`. Writing the jobs with `transaction` makes them commit, or roll back, with the event;
 * an append that lost a race is decided again, and the hook called again, so write jobs by key.
 *
 * - A `key` is unique within one store: several stores (one schema per landlord) sharing one job
 *   queue should prefix it with their own name.
 * - When the job runs, append `{ type: 'TICK', at: job.tickAt }`. The machine refuses a TICK older
 *   than the complaint's latest event (5.12: events arrive in time order); nothing is lost, since
 *   every accepted event records the deadlines already missed. Treat that refusal as done, not as
 *   a failure to retry.
 * - A TICK changes no deadline: once a breach is recorded, no new job is scheduled for it.
 *
 * @example
 * ```ts
 * // With graphile-worker on the same PostgreSQL (examples/job-queue/).
 * const onDeadlines = async ({ scheduled, cancelled, transaction }: DeadlineChanges<PostgresTransaction>) => {
 *   for (const job of scheduled) {
 *     await transaction.query("SELECT graphile_worker.add_job('tick', json_build_object('complaintId', $1::text, 'tickAt', $2::text), run_at => $2::timestamptz, job_key => $3, job_key_mode => 'replace')", [job.complaintId, job.tickAt, job.key]);
 *   }
 *   for (const job of cancelled) await transaction.query('SELECT graphile_worker.remove_job($1)', [job.key]);
 * };
 * ```
 */
export interface DeadlineChanges<H> {
  /** The complaint. */
  readonly complaintId: string;
  /** The sequence number of the event that changed them. */
  readonly sequence: number;
  /** Deadlines new or moved. */
  readonly scheduled: readonly ScheduledDeadline[];
  /** Deadlines met or gone. */
  readonly cancelled: readonly CancelledDeadline[];
  /** The open transaction: a PostgreSQL client, the SQLite database, or `undefined` in memory. */
  readonly transaction: H;
}

/**
 * Something the store repaired and the host should know of.
 * - `snapshot-rebuilt`: a stored snapshot could not be restored (corrupted, or from an older
 *   library) and was rebuilt from the complaint's event log; never trusted.
 * - `event-refused-on-rebuild`: an event in a log is refused by today's rules (a policy change, or
 *   an upgrade). It stays in the log; the snapshot is what the rest of the log makes.
 *
 * @example
 * ```ts
 * const onWarning = (warning: StoreWarning) => logger.warn(warning.message, { complaintId: warning.complaintId });
 * ```
 */
export interface StoreWarning {
  /** What happened. */
  readonly kind: 'snapshot-rebuilt' | 'event-refused-on-rebuild';
  /** The complaint. */
  readonly complaintId: string;
  /** Its sequence number. */
  readonly sequence: number;
  /** A sentence for a log. */
  readonly message: string;
  /** The details: the snapshot's problems, or the machine's reasons. */
  readonly problems: readonly string[];
}

/**
 * Options of every store.
 *
 * @example
 * ```ts
 * const options: StoreOptions<undefined> = { policy: policies.code2024, retries: 5, onWarning: console.warn };
 * ```
 */
export interface StoreOptions<H> {
  /** The landlord's policy (default: the Code 2024). */
  readonly policy?: Policy;
  /** Make the Code the floor (default `true`), as `createComplaintMachine` does. */
  readonly enforceCode?: boolean;
  /** The working-day clock per division, as `createComplaintMachine` takes it (a rebuild then runs on one thread). */
  readonly calendar?: ComplaintMachineOptions['calendar'];
  /** How many times an append that lost a race is decided again, after a short random pause, before a {@link ConcurrencyError} (default 10). */
  readonly retries?: number;
  /**
   * Called inside each append's transaction when its deadlines changed; what it throws rolls the
   * append back. It gets copies of the changes, and writes with `transaction`: a store call made
   * from inside it would wait for the lock its own append holds, and is refused (on Node) with an
   * `InvalidInputError`. The append waits for it to settle, however long that takes.
   */
  readonly onDeadlines?: (changes: DeadlineChanges<H>) => void | Promise<void>;
  /** Called for each {@link StoreWarning} (default: `console.warn` of its message); what it throws or rejects with is ignored. */
  readonly onWarning?: (warning: StoreWarning) => void;
  /** Complaint snapshots kept in memory, by sequence number, so an append need not restore one (default 1,000). */
  readonly cacheSize?: number;
}

/**
 * Options of {@link ComplaintStore.append}.
 *
 * @example
 * ```ts
 * const options: AppendOptions = { expectedSequence: 3 };
 * ```
 */
export interface AppendOptions {
  /**
   * The sequence number the caller decided at (a screen showing sequence 3): when the complaint has
   * moved on, the append is not decided again but fails with a {@link ConcurrencyError}.
   */
  readonly expectedSequence?: number;
}

/**
 * What an append did: the machine's answer ({@link StepResult}), the complaint's sequence number
 * after it, and the deadlines it scheduled and cancelled.
 *
 * @example
 * ```ts
 * // C-1 was received on 6 January 2025 and never acknowledged: the TICK records the breach.
 * const result: AppendResult = await store.append('C-1', { type: 'TICK', at: '2025-01-14T09:00:00Z' });
 * result.accepted; //=> true
 * result.sequence; //=> 2
 * result.breaches[0].provision; //=> '6.2'
 * ```
 */
export interface AppendResult extends StepResult {
  /** The complaint. */
  readonly complaintId: string;
  /** Its sequence number after the append: the new event's, or unchanged when refused. */
  readonly sequence: number;
  /** Deadlines this event set or moved (empty when refused). */
  readonly scheduled: readonly ScheduledDeadline[];
  /** Deadlines this event met or ended. */
  readonly cancelled: readonly CancelledDeadline[];
}

/**
 * A complaint as stored: its snapshot, restored and checked, its sequence number and its projection.
 *
 * @example
 * ```ts
 * const { snapshot, sequence } = await store.load('C-1');
 * describeComplaint(snapshot).stage; //=> 'received'
 * sequence; //=> 1
 * ```
 */
export interface StoredComplaint {
  /** The complaint. */
  readonly complaintId: string;
  /** The sequence number of its latest event. */
  readonly sequence: number;
  /** Its snapshot, to describe, explain or continue. */
  readonly snapshot: ComplaintSnapshot;
  /** Its projection row. */
  readonly projection: ComplaintProjection;
}

/**
 * One stored event.
 *
 * @example
 * ```ts
 * const first: StoredEvent = (await store.history('C-1')).events[0];
 * first.event.type; //=> 'RECEIVE'
 * ```
 */
export interface StoredEvent {
  /** Its sequence number, from 1. */
  readonly sequence: number;
  /** The event, as the machine accepted it. */
  readonly event: ComplaintEvent;
}

/**
 * A complaint's history: every accepted event in order, and every letter it sent.
 *
 * @example
 * ```ts
 * const { events, letters } = await store.history('C-1');
 * events.length; //=> 1
 * letters.map((letter) => letter.kind); //=> [] (none sent before the acknowledgement)
 * ```
 */
export interface ComplaintHistory {
  /** The complaint. */
  readonly complaintId: string;
  /** Its events, oldest first. */
  readonly events: readonly StoredEvent[];
  /** Its letters, in the order sent, as the record keeps them. */
  readonly letters: ComplaintContext['letters'];
  /** Its snapshot after the last event. */
  readonly snapshot: ComplaintSnapshot;
}

/**
 * Options of {@link ComplaintStore.workQueue}.
 *
 * @example
 * ```ts
 * const options: WorkQueueOptions = { now: '2025-01-20T08:00:00Z', within: 3, limit: 50 };
 * ```
 */
export interface WorkQueueOptions {
  /** Today: an instant, a Date or a UK date. */
  readonly now: string | Date;
  /** Deadlines due within this many working days (default: every open one). Overdue ones are always included. */
  readonly within?: number;
  /** At most this many entries, nearest first (default: all). */
  readonly limit?: number;
}

/**
 * What {@link ComplaintStore.importLog} did.
 *
 * @example
 * ```ts
 * const summary: ImportSummary = await store.importLog([
 *   JSON.stringify({ complaintId: 'C-2', type: 'RECEIVE', at: '2025-01-08T09:00:00Z', complaint: { id: 'C-2', region: 'scotland', summary: 'Damp' } }),
 *   'not json',
 * ]);
 * summary.accepted; //=> 1
 * summary.bad; //=> [{ line: 2, message: 'not JSON' }]
 * ```
 */
export interface ImportSummary {
  /** Lines read (blank lines not counted). */
  readonly lines: number;
  /** Events appended. */
  readonly accepted: number;
  /** Lines whose event was already stored at the same place in its complaint's log (an import run again). */
  readonly alreadyStored: number;
  /** Events the machine refused, or for a complaint already stored: the first 1,000. */
  readonly refused: readonly {
    /** The line number, from 1. */
    readonly line: number;
    /** The complaint. */
    readonly complaintId: string;
    /** Why, each with its provision where there is one. */
    readonly reasons: readonly Reason[];
  }[];
  /** How many were refused in all. */
  readonly refusedCount: number;
  /** Lines that are not complaint events: the first 1,000. */
  readonly bad: readonly {
    /** The line number, from 1. */
    readonly line: number;
    /** What is wrong with it. */
    readonly message: string;
  }[];
  /** How many lines were bad in all. */
  readonly badCount: number;
}

/**
 * Options of {@link ComplaintStore.rebuild}.
 *
 * @example
 * ```ts
 * const options: RebuildOptions = { workers: 4 };
 * ```
 */
export interface RebuildOptions {
  /** Worker threads to replay on (Node stores; default: the machine's cores, and never more than they, or two). `1` replays on the calling thread. */
  readonly workers?: number;
  /** Complaints per transaction (default 500). */
  readonly batch?: number;
}

/**
 * What {@link ComplaintStore.rebuild} did.
 *
 * @example
 * ```ts
 * const summary: RebuildSummary = await store.rebuild();
 * summary.complaints; //=> 1
 * ```
 */
export interface RebuildSummary {
  /** Complaints replayed. */
  readonly complaints: number;
  /** Events replayed. */
  readonly events: number;
  /** Complaints whose snapshot changed (every complaint's rows are rewritten). */
  readonly changed: number;
  /** Complaints appended to while the rebuild ran: left as the append wrote them. */
  readonly movedOn: number;
  /** Events today's rules refuse (each also a warning): they stay in the log. */
  readonly refusedEvents: number;
  /** Complaints whose log cannot be replayed at all, left untouched: the first 1,000, with why. */
  readonly failed: readonly {
    /** The complaint. */
    readonly complaintId: string;
    /** Why its log cannot be replayed. */
    readonly message: string;
  }[];
  /** Worker threads used. */
  readonly workers: number;
}

/** @internal One complaint's log, replayed: what to store, or why it cannot be. */
export interface Rebuilt {
  readonly complaintId: string;
  readonly sequence: number;
  readonly events: number;
  readonly derived?: Derived;
  readonly refused: readonly { readonly sequence: number; readonly reasons: readonly Reason[] }[];
  readonly error?: string;
}

/** @internal Replays batches of complaints' logs, on worker threads or here. */
export type Replayer = (batch: readonly { complaintId: string; events: readonly EventRow[] }[]) => Promise<Rebuilt[]>;

/** @internal Starts a pool of `workers` replayers for a rebuild with `options`; Node stores provide it. */
export type ParallelReplay = (options: { policy?: Policy; enforceCode?: boolean }, workers: number) => { replay: Replayer; workers: number; close(): Promise<void> };

const MAX_LISTED = 1_000;

/** A snapshot the store holds in memory, with the sequence number and the stored text it was made at. */
interface Known {
  readonly sequence: number;
  readonly snapshot: ComplaintSnapshot;
  /** Its serialized form as written: the cache answers only for a row holding exactly this text. */
  readonly text: string;
}
const PAGE = 1_000;

/** @internal Replays one complaint's stored log on `machine`. */
export function replayStored(machine: ComplaintMachine, complaintId: string, rows: readonly EventRow[]): Rebuilt {
  const sequence = rows.length > 0 ? rows[rows.length - 1]!.sequence : 0;
  const fail = (error: string): Rebuilt => ({ complaintId, sequence, events: rows.length, refused: [], error });
  const events: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.sequence !== i + 1) return fail(`its events are numbered ${rows[i]!.sequence} where ${i + 1} was expected (an event is missing)`);
    try {
      events.push(JSON.parse(rows[i]!.event));
    } catch {
      return fail(`event ${i + 1} is not JSON`);
    }
  }
  if (events.length === 0) return fail('it has no events');
  let result;
  try {
    result = replay(machine, events);
  } catch (error) {
    return fail(`event ${(error as { index?: number }).index === undefined ? '?' : (error as { index: number }).index + 1} is malformed: ${(error as Error).message}`);
  }
  const received = result.snapshot.context.complaint;
  if (!received) return fail('its RECEIVE is refused by the rules');
  if (received.id !== complaintId) return fail(`its RECEIVE is for complaint '${received.id.slice(0, 100)}'`);
  const refused = result.rejected.map(({ index, reasons }) => ({ sequence: index + 1, reasons }));
  return { complaintId, sequence, events: rows.length, derived: derive(result.snapshot, sequence), refused };
}

/**
 * A short random pause before an append that lost a race is decided again (up to about 5 ms, then
 * 10, 20, ... at most 160 ms): writers that collided do not collide again in step. A pause of the
 * store's, between transactions: the machine reads no clock.
 */
const backOff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** Math.min(attempt - 1, 5)));

const reasonLine = (reason: Reason) => (reason.provision ? `${reason.message} (${reason.provision})` : reason.message);

/**
 * Whether `id` is one the store can hold: an id as the library defines one (text of up to 200
 * characters on one line, with a letter or digit, without control or invisible characters, which
 * is also what the record keeps) and already in the form the machine keeps (trimmed). Anything else
 * would be stored under one id and received as another, or break the record, or the database
 * (PostgreSQL's text holds no NUL).
 */
function storableId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= MAX_ID_LENGTH && identifier.safeParse(id).data === id;
}
const ID_EXPECTED = `the complaint id: 1 to ${MAX_ID_LENGTH} characters on one line, with a letter or digit, no control or invisible characters, no spaces around it`;

/** Freezes plain data all the way down; what is frozen already is left as it is (a record shares what did not change). */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/**
 * A snapshot the store keeps and hands out, frozen: its record and state value all the way down,
 * and the snapshot itself. A caller cannot change what the store decides the next append from.
 */
function sealed(snapshot: ComplaintSnapshot): ComplaintSnapshot {
  deepFreeze(snapshot.context);
  deepFreeze(snapshot.value);
  return Object.freeze(snapshot);
}

/** Whether `error` is a backend's {@link Conflict}; never throws, whatever a hook threw. */
function isConflict(error: unknown): error is Conflict {
  try {
    return error instanceof Conflict;
  } catch {
    return false;
  }
}

/**
 * The lines of an import, read one at a time from the host's iterator (`method` of `lines`, called
 * once). What the iterator throws or rejects with, or a result that is no iterator result, is an
 * `InvalidInputError` naming the line (the host's error as its `cause`); an error of this library's
 * (another store's export) is passed on. A plain iterable's values are taken as they are: a Promise
 * or a thenable in an array is no line of text, and is never waited for. `close()` ends an iterator
 * left part-way (as `for await` does), and never throws.
 */
function readLines(lines: unknown, method: unknown, async: boolean): { next(line: number): Promise<{ done: true } | { done: false; value: unknown }>; close(): void } {
  type Iterator = { next?: unknown; return?: unknown };
  let iterator: Iterator | undefined;
  let finished = false;
  const failed = (line: number, error: unknown): unknown => {
    finished = true;
    try {
      typedErrors('lines', lines, `an iterable whose lines can all be read (reading line ${line} failed)`, () => {
        throw error;
      });
    } catch (typed) {
      if (typed !== error) Object.defineProperty(typed, 'cause', { value: error, configurable: true, writable: true });
      return typed;
    }
  };
  return {
    async next(line) {
      if (finished) return { done: true };
      try {
        if (!iterator) {
          const made: unknown = (method as (this: unknown) => unknown).call(lines);
          if (typeof made !== 'object' || made === null) throw new TypeError('the iterator method did not return an iterator');
          iterator = made as Iterator;
        }
        const next = iterator.next;
        if (typeof next !== 'function') throw new TypeError('the iterator has no next()');
        const result: unknown = async ? await next.call(iterator) : next.call(iterator);
        if (typeof result !== 'object' || result === null) throw new TypeError('the iterator gave no iterator result');
        if ((result as IteratorResult<unknown>).done) {
          finished = true;
          return { done: true };
        }
        return { done: false, value: (result as IteratorResult<unknown>).value };
      } catch (error) {
        throw failed(line, error);
      }
    },
    close() {
      if (finished || !iterator) return;
      finished = true;
      try {
        const close = iterator.return;
        if (typeof close === 'function') Promise.resolve(close.call(iterator)).catch(() => undefined);
      } catch {
        // An iterator that cannot be closed: nothing more to do with it.
      }
    },
  };
}

/**
 * Node's `AsyncLocalStorage`, where there is one (the in-memory store also runs in browsers), read
 * without an import: what tells a store call made from inside an `onDeadlines` hook.
 */
type HookScope = { getStore(): HookRun | undefined; run<T>(store: HookRun, fn: () => T): T };
/** One call of a hook: running until it settles. */
type HookRun = { running: boolean; readonly hook: unknown };
const hookScope: HookScope | undefined = (() => {
  try {
    const builtin = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule?.('node:async_hooks') as { AsyncLocalStorage?: new () => HookScope } | undefined;
    return builtin?.AsyncLocalStorage ? new builtin.AsyncLocalStorage() : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * A complaint store: the event log of every complaint, each complaint's latest snapshot, its
 * projection row and its open deadlines, in one database. Make one with {@link createMemoryStore},
 * `createSqliteStore` (`housing-complaints/store/sqlite`) or `createPostgresStore`
 * (`housing-complaints/store/postgres`); all behave the same, and pass one test suite.
 *
 * @typeParam H - what the `onDeadlines` hook gets to write in the append's transaction
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.migrate();
 * const received = await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
 * received.sequence; //=> 1
 * (await store.workQueue({ now: '2025-01-10', within: 3 }))[0].deadline; //=> 'stage1.acknowledge'
 * ```
 */
export class ComplaintStore<H = unknown> {
  /** The machine every append steps: its snapshots work with `describeComplaint`, `explain` and the rest. */
  readonly machine: ComplaintMachine;
  private readonly backend: Backend<H>;
  private readonly env: RuleEnv;
  private readonly initial: ComplaintSnapshot;
  private readonly retries: number;
  private readonly onDeadlines: StoreOptions<H>['onDeadlines'];
  private readonly onWarning: (warning: StoreWarning) => void;
  private readonly machineOptions: { policy?: Policy; enforceCode?: boolean };
  private readonly threaded: boolean;
  private readonly parallel: ParallelReplay | undefined;
  private readonly cacheSize: number;
  /** Snapshots by complaint, least recently used first, each with its sequence number. */
  private readonly cache = new Map<string, Known>();
  private schemaChecked = false;

  /** @internal Use a `create…Store` function. */
  constructor(backend: Backend<H>, options: StoreOptions<H> | undefined, parallel?: ParallelReplay) {
    const read = readOptions(options, ['policy', 'enforceCode', 'calendar', 'retries', 'onDeadlines', 'onWarning', 'cacheSize']);
    const whole = (name: string, value: unknown, fallback: number) => {
      if (value === undefined) return fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000) throw new InvalidInputError(`options.${name}`, value, 'a whole number from 0 to 1,000,000');
      return value;
    };
    for (const name of ['onDeadlines', 'onWarning', 'calendar'] as const) {
      if (read[name] !== undefined && typeof read[name] !== 'function') throw new InvalidInputError(`options.${name}`, read[name], 'a function');
      // A revoked Proxy is a function that cannot be called: refused now, not with a TypeError at the first append.
      if (read[name] !== undefined) typedErrors(`options.${name}`, read[name], 'a function that can be called', () => Reflect.getPrototypeOf(read[name] as object));
    }
    this.retries = whole('retries', read.retries, 10);
    this.cacheSize = whole('cacheSize', read.cacheSize, 1_000);
    this.machineOptions = { ...(read.policy !== undefined ? { policy: read.policy as Policy } : {}), ...(read.enforceCode !== undefined ? { enforceCode: read.enforceCode as boolean } : {}) };
    this.machine = createComplaintMachine({ ...this.machineOptions, ...(read.calendar ? { calendar: read.calendar as NonNullable<ComplaintMachineOptions["calendar"]> } : {}) });
    this.threaded = read.calendar === undefined;
    this.env = machineEnv(this.machine, 'store');
    this.initial = sealed(replay(this.machine, []).snapshot);
    this.backend = backend;
    this.onDeadlines = read.onDeadlines as StoreOptions<H>['onDeadlines'];
    this.onWarning = (read.onWarning as (warning: StoreWarning) => void) ?? ((warning) => console.warn(`housing-complaints store: ${warning.message}`));
    this.parallel = parallel;
  }

  /**
   * Creates the store's tables, or brings them up to this library's schema version: idempotent,
   * in one transaction, safe to call from every app server at start-up.
   *
   * @returns the version found before (0 for a new database) and the version now
   * @throws {@link SchemaVersionError} when the database is newer than this library
   *
   * @example
   * ```ts
   * const fresh = createMemoryStore();
   * await fresh.migrate(); //=> { from: 0, to: 1 }
   * await fresh.migrate(); //=> { from: 1, to: 1 }
   * ```
   */
  async migrate(): Promise<{
    /** The version found (0 for a new database). */
    from: number;
    /** The version now. */
    to: number;
  }> {
    this.notFromHook();
    const from = await this.backend.migrate();
    this.schemaChecked = true;
    return { from, to: SCHEMA_VERSION };
  }

  private async ready(): Promise<void> {
    this.notFromHook();
    if (this.schemaChecked) return;
    const found = await this.backend.schemaVersion();
    if (found !== SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
    this.schemaChecked = true;
  }

  /**
   * Refuses a store call made from inside an `onDeadlines` hook (of this store or another): it runs
   * inside an append's transaction, which holds the lock the call would wait for, for ever.
   */
  private notFromHook(): void {
    const scope = hookScope?.getStore();
    if (scope?.running) throw new InvalidInputError('options.onDeadlines', scope.hook, "a hook that calls no store: it runs inside the append's transaction, which holds the store's lock (write with its `transaction`; append after the append returns)");
  }

  /**
   * Calls `onDeadlines` with copies of the changes (the append's result stays the store's), in a scope
   * where a store call it makes is refused rather than left waiting for the lock its append holds.
   */
  private async callHook(changes: DeadlineChanges<H>): Promise<void> {
    const hook = this.onDeadlines!;
    const copy: DeadlineChanges<H> = { ...changes, scheduled: changes.scheduled.map((job) => ({ ...job })), cancelled: changes.cancelled.map((job) => ({ ...job })) };
    if (!hookScope) return hook(copy);
    const scope = { running: true, hook };
    try {
      await hookScope.run(scope, () => hook(copy));
    } finally {
      // What the hook left running after it settled (a timer, an unawaited promise) may use the store.
      scope.running = false;
    }
  }

  /** Tells `onWarning`; a logger that throws or rejects does not fail the store's work, nor leaves a rejection unhandled. */
  private warn(warning: StoreWarning): void {
    try {
      const result: unknown = this.onWarning(warning);
      if ((typeof result === 'object' && result !== null) || typeof result === 'function') Promise.resolve(result).catch(() => undefined);
    } catch {
      // Ignored, as a failed log line is.
    }
  }

  private remember(complaintId: string, known: Known): void {
    if (this.cacheSize === 0) return;
    // Handed out too (an append's result, a load): frozen, so no caller changes what the next append decides from.
    sealed(known.snapshot);
    this.cache.delete(complaintId);
    this.cache.set(complaintId, known);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * The snapshot stored at `head`, from the cache when it holds that sequence number, else restored
   * and checked; a snapshot that does not restore is rebuilt from the log (and rewritten), never trusted.
   */
  private async snapshotAt(tx: BackendTransaction<H>, complaintId: string, head: Head, pending?: Map<string, Known>): Promise<ComplaintSnapshot> {
    const known = pending?.get(complaintId) ?? this.cache.get(complaintId);
    // Only for the very row it was made for: another process may have rewritten it (a rebuild, an id erased and used again).
    if (known && known.sequence === head.sequence && known.text === head.snapshot) return known.snapshot;
    try {
      return restore(this.machine, head.snapshot);
    } catch (error) {
      if (!isSnapshotRestoreError(error)) throw error;
      const rebuilt = replayStored(this.machine, complaintId, await tx.events(complaintId));
      if (!rebuilt.derived || rebuilt.sequence !== head.sequence) {
        throw new CorruptLogError(complaintId, rebuilt.error ?? `its log ends at sequence ${rebuilt.sequence}, its snapshot is at ${head.sequence}`);
      }
      this.warnRefused(rebuilt);
      this.warn({
        kind: 'snapshot-rebuilt',
        complaintId,
        sequence: head.sequence,
        message: `the stored snapshot of complaint '${complaintId.slice(0, 100)}' at sequence ${head.sequence} could not be restored (${error.problems.slice(0, 3).join('; ')}); it was rebuilt from the event log`,
        problems: error.problems,
      });
      await tx.replace(complaintId, head.sequence, rebuilt.derived);
      return restore(this.machine, rebuilt.derived.snapshot);
    }
  }

  private warnRefused(rebuilt: Rebuilt): void {
    for (const { sequence, reasons } of rebuilt.refused) {
      this.warn({
        kind: 'event-refused-on-rebuild',
        complaintId: rebuilt.complaintId,
        sequence,
        message: `event ${sequence} of complaint '${rebuilt.complaintId.slice(0, 100)}' is refused by today's rules (${reasons.map(reasonLine).join('; ').slice(0, 300)}); it stays in the log`,
        problems: reasons.map(reasonLine),
      });
    }
  }

  /** One append's decision and write, inside `tx`. */
  private async decide(
    tx: BackendTransaction<H>,
    complaintId: string,
    event: ComplaintEvent,
    expected: number | undefined,
    attempt: number,
    pending: Map<string, Known>,
    read?: { sequence: number },
  ): Promise<AppendResult> {
    const head = await tx.head(complaintId);
    const previous = head?.sequence ?? 0;
    if (read) read.sequence = previous;
    if (expected !== undefined && expected !== previous) throw new ConcurrencyError(complaintId, expected, previous, attempt);
    if (!head && event.type !== 'RECEIVE') {
      // A malformed event is the host's mistake first, whatever complaint it is for.
      parseEvent(event);
      throw new UnknownComplaintError(complaintId, `a ${event.type.slice(0, 40)} needs its RECEIVE first`);
    }
    const before = head ? await this.snapshotAt(tx, complaintId, head, pending) : this.initial;
    const result = step(this.machine, before, event);
    if (!result.accepted) {
      // A malformed event is the host's mistake, not the machine's refusal.
      parseEvent(event);
      return { ...result, complaintId, sequence: previous, scheduled: [], cancelled: [] };
    }
    const sequence = previous + 1;
    const derived = derive(result.snapshot, sequence);
    const { scheduled, cancelled } = deadlineChanges(complaintId, openDeadlines(before.context), derived.deadlines);
    await tx.append({ complaintId, previous, sequence, type: event.type, at: event.at, event: JSON.stringify(event), derived });
    if (this.onDeadlines && (scheduled.length > 0 || cancelled.length > 0)) await this.callHook({ complaintId, sequence, scheduled, cancelled, transaction: tx.handle });
    pending.set(complaintId, { sequence, snapshot: result.snapshot, text: derived.snapshot });
    return { ...result, complaintId, sequence, scheduled, cancelled };
  }

  /** The event read once into plain data, with its type; a malformed one is a `MalformedEventError`. */
  private eventOf(complaintId: unknown, event: unknown): ComplaintEvent {
    if (!storableId(complaintId)) throw new InvalidInputError('complaintId', complaintId, ID_EXPECTED);
    const copied = eventCopy(event);
    if ('refusal' in copied) throw new MalformedEventError(event, [copied.refusal.message.replace(/^malformed event: /, '')]);
    const copy = copied.event as unknown as { type?: unknown; complaint?: { id?: unknown } };
    if (typeof copy !== 'object' || copy === null || typeof copy.type !== 'string' || typeof (copy as { at?: unknown }).at !== 'string') parseEvent(copy);
    if (copy.type === 'RECEIVE' && typeof copy.complaint === 'object' && copy.complaint !== null && typeof copy.complaint.id === 'string' && copy.complaint.id !== complaintId) {
      throw new InvalidInputError('event.complaint.id', copy.complaint.id, `the id the event is appended to, '${complaintId.slice(0, 100)}'`);
    }
    return copied.event;
  }

  /**
   * Appends an event to a complaint: steps the machine from the stored snapshot and, only if the
   * machine accepts the event, writes the event (at the next sequence number), the new snapshot,
   * the projection row and the open deadlines in one transaction, calling `onDeadlines` inside it.
   * A refused event writes nothing and comes back with the machine's reasons, each with its
   * provision. If another writer appended first, the event is decided again on the new state, up
   * to `retries` times.
   *
   * @param complaintId - the complaint (for a `RECEIVE`, its `complaint.id`)
   * @param event - the event
   * @param options - `expectedSequence`, to fail rather than decide again when the complaint moved on
   * @returns the machine's answer, the sequence number, and the deadlines scheduled and cancelled
   * @throws `MalformedEventError` for an event that is not a complaint event; {@link UnknownComplaintError}
   *   for an event other than `RECEIVE` to a complaint not stored; {@link ConcurrencyError};
   *   {@link SchemaVersionError}; {@link CorruptLogError} when a corrupted snapshot's log cannot rebuild it
   *
   * @example
   * ```ts
   * const store = createMemoryStore();
   * await store.migrate();
   * await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
   * const early = await store.append('C-1', { type: 'ESCALATE', at: '2025-01-07T09:00:00Z' });
   * early.accepted; //=> false
   * early.reasons[0].provision; //=> '6.10'
   * early.sequence; //=> 1
   * ```
   */
  async append(complaintId: string, event: ComplaintEvent, options?: AppendOptions): Promise<AppendResult> {
    const copy = this.eventOf(complaintId, event);
    const read = readOptions(options, ['expectedSequence']);
    const expected = read.expectedSequence;
    if (expected !== undefined && (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0)) throw new InvalidInputError('options.expectedSequence', expected, 'a sequence number, 0 or more');
    await this.ready();
    for (let attempt = 1; ; attempt++) {
      const pending = new Map<string, Known>();
      const read = { sequence: 0 };
      try {
        const result = await this.backend.transaction((tx) => this.decide(tx, complaintId, copy, expected as number | undefined, attempt, pending, read));
        for (const [id, known] of pending) this.remember(id, known);
        return result;
      } catch (error) {
        if (!isConflict(error)) throw error;
        this.cache.delete(complaintId);
        if (expected !== undefined || error.final || attempt > this.retries) throw new ConcurrencyError(complaintId, read.sequence, error.actual, attempt);
        await backOff(attempt);
      }
    }
  }

  private async stored(complaintId: unknown, doing: string) {
    if (typeof complaintId !== 'string') throw new InvalidInputError('complaintId', complaintId, 'the complaint id, a string');
    await this.ready();
    // No complaint can have an id the store refuses: answered without asking the database (which may not take it).
    if (!storableId(complaintId)) throw new UnknownComplaintError(complaintId, doing);
    const head = await this.backend.head(complaintId);
    if (!head) throw new UnknownComplaintError(complaintId, doing);
    return head;
  }

  /**
   * Loads a complaint: its snapshot (restored and checked, or rebuilt from its log with a warning
   * when the stored one is corrupted), its sequence number and its projection row.
   *
   * @param complaintId - the complaint
   * @returns the stored complaint
   * @throws {@link UnknownComplaintError}; {@link SchemaVersionError}; {@link CorruptLogError}
   *
   * @example
   * ```ts
   * const { snapshot } = await store.load('C-1');
   * nextEvents(snapshot).includes('ACKNOWLEDGE'); //=> true
   * ```
   */
  async load(complaintId: string): Promise<StoredComplaint> {
    const head = await this.stored(complaintId, 'load');
    const known = this.cache.get(complaintId);
    if (known && known.sequence === head.sequence && known.text === head.snapshot) return { complaintId, sequence: head.sequence, snapshot: known.snapshot, projection: head.projection };
    let snapshot: ComplaintSnapshot;
    try {
      snapshot = restore(this.machine, head.snapshot);
    } catch (error) {
      if (!isSnapshotRestoreError(error)) throw error;
      // Repaired in a transaction of its own, against the sequence read (a writer may have moved on).
      snapshot = await this.backend.transaction(async (tx) => {
        const now = await tx.head(complaintId);
        if (!now) throw new UnknownComplaintError(complaintId, 'load');
        return this.snapshotAt(tx, complaintId, now);
      });
      return this.load(complaintId);
    }
    this.remember(complaintId, { sequence: head.sequence, snapshot, text: head.snapshot });
    return { complaintId, sequence: head.sequence, snapshot, projection: head.projection };
  }

  /**
   * A complaint's history: every accepted event, in order, with the letters the record keeps.
   *
   * @param complaintId - the complaint
   * @returns its events, letters and snapshot
   * @throws {@link UnknownComplaintError}; {@link SchemaVersionError}; {@link CorruptLogError}
   *
   * @example
   * ```ts
   * const { events } = await store.history('C-1');
   * events.map((e) => `${e.sequence} ${e.event.type}`); //=> ['1 RECEIVE']
   * ```
   */
  async history(complaintId: string): Promise<ComplaintHistory> {
    const { snapshot, sequence } = await this.load(complaintId);
    const rows = (await this.backend.events(complaintId)).filter((row) => row.sequence <= sequence);
    if (rows.length !== sequence || rows.some((row, i) => row.sequence !== i + 1)) throw new CorruptLogError(complaintId, `its log has ${rows.length} events up to sequence ${sequence}, where ${sequence} were expected (an event is missing)`);
    const events = rows.map((row) => {
      try {
        return { sequence: row.sequence, event: JSON.parse(row.event) as ComplaintEvent };
      } catch {
        throw new CorruptLogError(complaintId, `event ${row.sequence} is not JSON`);
      }
    });
    return { complaintId, events, letters: snapshot.context.letters, snapshot };
  }

  /**
   * The morning's work queue: every open deadline overdue or due within `within` working days of
   * `now`, nearest first, each counted in its complaint's own division. Answered from the deadline
   * index (one range scan), not by replaying: the same entries `worklist` gives for the
   * stored snapshots.
   *
   * @param options - `now`, `within` working days, `limit`
   * @returns the entries, by due date, then complaint, then deadline
   * @throws `InvalidInputError` for a bad `now`, `within` or `limit`; {@link SchemaVersionError}
   *
   * @example
   * ```ts
   * const queue = await store.workQueue({ now: '2025-01-10', within: 3 });
   * queue.map((e) => `${e.complaintId} ${e.deadline} ${e.workingDaysLeft}`); //=> ['C-1 stage1.acknowledge 1']
   * ```
   */
  async workQueue(options: WorkQueueOptions): Promise<WorklistEntry[]> {
    const read = readOptions(options, ['now', 'within', 'limit']);
    const { today, within } = typedErrors('options', options, '{ now, within?, limit? }', () => queueOptions(read));
    const limit = read.limit;
    if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) throw new InvalidInputError('options.limit', limit, 'a whole number, 1 or more');
    await this.ready();
    // The calendars may be the host's (options.calendar): what one throws, or one that is no calendar, is a typed error.
    const counted = <T>(fn: () => T): T => typedErrors('options.calendar', this.env.calendar, 'a function from a UK division to its working-day calendar', fn);
    const calendars = counted(() => new Map(REGIONS.map((region) => [region, this.env.calendar(region)] as const)));
    // The last day any division could count as within: one working day more in the division with the
    // fewest holidays is a bound on every division's; each row is then counted in its own.
    let upTo: string | undefined;
    if (within !== undefined) counted(() => { for (const calendar of calendars.values()) upTo = [upTo ?? '', calendar.addWorkingDays(today, within + 1)].sort()[1]; });
    const rows = await this.backend.queue(upTo);
    const entries: WorklistEntry[] = counted(() => {
      const counting: WorklistEntry[] = [];
      for (const row of rows) {
        const calendar = calendars.get(row.division as Region);
        if (!calendar) continue;
        const entry = queueEntry(calendar, today, row.complaintId, row, within);
        if (entry) counting.push(entry);
      }
      return counting;
    });
    entries.sort(byDue);
    return limit === undefined ? entries : entries.slice(0, limit as number);
  }

  /**
   * Every complaint's projection row, in id order, read a page at a time.
   *
   * @returns an async iterable of projection rows
   * @throws {@link SchemaVersionError}
   *
   * @example
   * ```ts
   * for await (const row of store.complaints()) if (row.overdue) console.log(row.complaintId, row.nextDeadline);
   * ```
   */
  async *complaints(): AsyncGenerator<ComplaintProjection, void, undefined> {
    await this.ready();
    for (let after = ''; ; ) {
      const page = await this.backend.projections(after, PAGE);
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.complaintId;
    }
  }

  /**
   * Every complaint's anonymous record (`toRecord`), streamed a page at a time and checked with
   * `parseRecord`: give it straight to `tenantSatisfactionMeasures` or `annualReport`.
   *
   * @returns an async iterable of records
   * @throws {@link SchemaVersionError}; `InvalidRecordError` for a stored record that is not valid
   *
   * @example
   * ```ts
   * const measures = await tenantSatisfactionMeasures(store.records(), { period: { from: '2025-04-01', to: '2026-03-31' }, homes: 1000 });
   * ```
   */
  async *records(): AsyncGenerator<ComplaintRecord, void, undefined> {
    await this.ready();
    for (let after = ''; ; ) {
      const page = await this.backend.records(after, PAGE);
      for (const row of page) {
        let data: unknown = row.record;
        try {
          data = JSON.parse(row.record);
        } catch {
          // Not JSON: parseRecord refuses the text itself, with a typed error.
        }
        yield parseRecord(data);
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.complaintId;
    }
  }

  /** Every stored event in complaint and sequence order, a page at a time. */
  private async *rows(): AsyncGenerator<EventRow, void, undefined> {
    await this.ready();
    for (let after: { complaintId: string; sequence: number } | undefined; ; ) {
      const page = await this.backend.log(after, PAGE * 10);
      yield* page;
      if (page.length < PAGE * 10) return;
      after = page[page.length - 1]!;
    }
  }

  /**
   * The whole event log as JSONL: one line per event, `{"complaintId": …, …event}`, each complaint's
   * events together and in order, each line ending in a newline. It is the format
   * {@link ComplaintStore.importLog} and the `housing-complaints` command read.
   *
   * @returns an async iterable of lines
   * @throws {@link SchemaVersionError}
   *
   * @example
   * ```ts
   * const lines = [];
   * for await (const line of store.exportLog()) lines.push(line);
   * lines[0].startsWith('{"complaintId":"C-1","type":"RECEIVE"'); //=> true
   * // To a file: await pipeline(Readable.from(store.exportLog()), createWriteStream('complaints.jsonl'));
   * ```
   */
  async *exportLog(): AsyncGenerator<string, void, undefined> {
    for await (const row of this.rows()) yield `{"complaintId":${JSON.stringify(row.complaintId)},${row.event.slice(1)}\n`;
  }

  /**
   * Imports a JSONL event log (from {@link ComplaintStore.exportLog}, or the `generate:events`
   * script): each line is appended as {@link ComplaintStore.append} would, in transactions of a few
   * hundred lines. Bad lines are reported with their numbers and skipped; nothing is thrown for them.
   *
   * An import can be run again, after a failure or on a newer export: a line already in its
   * complaint's stored log (the same event at the same place among the complaint's lines) is
   * counted as `alreadyStored`, and the complaint continues from the first line that is not. A line
   * that differs from the stored event at its place is refused: a complaint's log is never mixed.
   *
   * @param lines - the lines: an array, any iterable, or an async iterable (a file read with `readline`)
   * @returns what was appended, refused and skipped
   * @throws `InvalidInputError` for `lines` that are not iterable, or whose reading fails (the error as its `cause`;
   *   lines in transactions already written stay written, and an import run again continues them); {@link SchemaVersionError}
   *
   * @example
   * ```ts
   * const backup = createMemoryStore();
   * await backup.migrate();
   * const summary = await backup.importLog(store.exportLog());
   * summary.accepted; //=> 1
   * // From a file: await backup.importLog(createInterface({ input: createReadStream('complaints.jsonl') }));
   * ```
   */
  async importLog(lines: Iterable<string> | AsyncIterable<string>): Promise<ImportSummary> {
    const expected = 'an iterable or async iterable of lines';
    // Its iterator method, read once: the one found is the one called.
    const source = typedErrors('lines', lines, expected, () => {
      if (typeof lines !== 'object' || lines === null) throw new InvalidInputError('lines', lines, expected);
      const asyncMethod: unknown = (lines as AsyncIterable<string>)[Symbol.asyncIterator];
      if (typeof asyncMethod === 'function') return { method: asyncMethod, async: true };
      const method: unknown = (lines as Iterable<string>)[Symbol.iterator];
      if (typeof method === 'function') return { method, async: false };
      throw new InvalidInputError('lines', lines, expected);
    });
    await this.ready();
    const lineReader = readLines(lines, source.method, source.async);
    const summary = { lines: 0, accepted: 0, alreadyStored: 0, refused: [] as { line: number; complaintId: string; reasons: readonly Reason[] }[], refusedCount: 0, bad: [] as { line: number; message: string }[], badCount: 0 };
    // How many of each complaint's lines so far are in its stored log (found there, or appended).
    const position = new Map<string, number>();
    let batch: { line: number; complaintId: string; event: ComplaintEvent }[] = [];
    const refuse = (line: number, complaintId: string, reasons: readonly Reason[]) => {
      summary.refusedCount++;
      if (summary.refused.length < MAX_LISTED) summary.refused.push({ line, complaintId, reasons });
    };
    const bad = (line: number, message: string) => {
      summary.badCount++;
      if (summary.bad.length < MAX_LISTED) summary.bad.push({ line, message });
    };
    type Outcome = AppendResult | { stored: true } | { differs: number } | UnknownComplaintError | MalformedEventError;
    const flush = async () => {
      if (batch.length === 0) return;
      const items = batch;
      batch = [];
      for (let attempt = 1; ; attempt++) {
        const pending = new Map<string, Known>();
        // Positions move only when the batch commits: a retried batch starts from the same ones.
        const moved = new Map<string, number>();
        try {
          const outcomes = await this.backend.transaction(async (tx) => {
            const results: Outcome[] = [];
            const logs = new Map<string, EventRow[]>();
            for (const item of items) {
              const at = moved.get(item.complaintId) ?? position.get(item.complaintId) ?? 0;
              const stored = (await tx.head(item.complaintId))?.sequence ?? 0;
              if (at < stored) {
                // The complaint's log already has this many events: this line must be the next of them (an import run again).
                let log = logs.get(item.complaintId);
                if (!log) logs.set(item.complaintId, (log = await tx.events(item.complaintId)));
                if (log[at]?.event === JSON.stringify(item.event)) {
                  moved.set(item.complaintId, at + 1);
                  results.push({ stored: true });
                } else results.push({ differs: at + 1 });
                continue;
              }
              try {
                const result = await this.decide(tx, item.complaintId, item.event, undefined, attempt, pending);
                if (result.accepted) moved.set(item.complaintId, at + 1);
                results.push(result);
              } catch (error) {
                if (error instanceof UnknownComplaintError || error instanceof MalformedEventError) results.push(error);
                else throw error;
              }
            }
            return results;
          });
          for (const [id, known] of pending) this.remember(id, known);
          for (const [id, at] of moved) position.set(id, at);
          outcomes.forEach((outcome, i) => {
            const { line, complaintId } = items[i]!;
            if (outcome instanceof MalformedEventError) bad(line, outcome.message);
            else if (outcome instanceof UnknownComplaintError) refuse(line, complaintId, [{ message: 'no RECEIVE for this complaint was accepted before this event' }]);
            else if ('stored' in outcome) summary.alreadyStored++;
            else if ('differs' in outcome) refuse(line, complaintId, [{ message: `the complaint is already stored, and its event ${outcome.differs} is not this one: a log is imported in full or not at all` }]);
            else if (outcome.accepted) summary.accepted++;
            else refuse(line, complaintId, outcome.reasons);
          });
          return;
        } catch (error) {
          if (!isConflict(error) || error.final || attempt > this.retries) throw isConflict(error) ? new ConcurrencyError(items[0]!.complaintId, 0, error.actual, attempt) : error;
          for (const item of items) this.cache.delete(item.complaintId);
          await backOff(attempt);
        }
      }
    };
    let number = 0;
    try {
      for (;;) {
        const next = await lineReader.next(number + 1);
        if (next.done) break;
        number++;
        const raw = next.value;
        if (typeof raw !== 'string') {
          bad(number, 'not a line of text');
          continue;
        }
        if (raw.trim() === '') continue;
        summary.lines++;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch {
          bad(number, 'not JSON');
          continue;
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          bad(number, 'not a JSON object');
          continue;
        }
        const { complaintId, ...event } = value as { complaintId?: unknown };
        try {
          batch.push({ line: number, complaintId: complaintId as string, event: this.eventOf(complaintId, event) });
        } catch (error) {
          bad(number, (error as Error).message);
          continue;
        }
        if (batch.length >= 200) await flush();
      }
      await flush();
    } finally {
      lineReader.close();
    }
    // Malformed events are found in their batch, after lines found bad on reading: in line order again.
    summary.bad.sort((a, b) => a.line - b.line);
    return summary;
  }

  /**
   * Rebuilds every complaint's snapshot, projection row, deadlines and record from its event log:
   * after an upgrade of the library, a change of policy, or to repair. Complaints are replayed in
   * parallel on worker threads (Node stores) and written in batches; a complaint appended to while
   * the rebuild ran is left as its append wrote it. Events today's rules refuse stay in the log,
   * each reported as a warning. `onDeadlines` is told of every deadline that moved.
   *
   * @param options - `workers`, `batch`
   * @returns what was rebuilt
   * @throws {@link SchemaVersionError}
   *
   * @example
   * ```ts
   * const summary = await store.rebuild({ workers: 2 });
   * console.log(`${summary.complaints} complaints, ${summary.events} events, ${summary.changed} changed`);
   * ```
   */
  async rebuild(options?: RebuildOptions): Promise<RebuildSummary> {
    const read = readOptions(options, ['workers', 'batch']);
    for (const name of ['workers', 'batch'] as const) {
      const value = read[name];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1024)) throw new InvalidInputError(`options.${name}`, value, 'a whole number from 1 to 1,024');
    }
    await this.ready();
    const wanted = (read.workers as number | undefined) ?? (this.parallel ? 0 : 1);
    const pool = this.parallel && this.threaded && wanted !== 1 ? this.parallel(this.machineOptions, wanted) : undefined;
    const replayer: Replayer = pool?.replay ?? (async (batch) => batch.map(({ complaintId, events }) => replayStored(this.machine, complaintId, events)));
    const size = (read.batch as number | undefined) ?? 500;
    const summary = { complaints: 0, events: 0, changed: 0, movedOn: 0, refusedEvents: 0, failed: [] as { complaintId: string; message: string }[], workers: pool?.workers ?? 1 };
    const write = async (rebuilt: Rebuilt[]) => {
      await this.backend.transaction(async (tx) => {
        for (const item of rebuilt) {
          summary.complaints++;
          summary.events += item.events;
          if (!item.derived) {
            if (summary.failed.length < MAX_LISTED) summary.failed.push({ complaintId: item.complaintId, message: item.error ?? 'cannot be replayed' });
            continue;
          }
          summary.refusedEvents += item.refused.length;
          this.warnRefused(item);
          const head = await tx.head(item.complaintId);
          if (head && head.sequence !== item.sequence) {
            // Appended to since its log was read, or a row that no log explains (an event deleted, tables from different backups).
            const logged = (await tx.events(item.complaintId)).length;
            if (logged === head.sequence) summary.movedOn++;
            else if (summary.failed.length < MAX_LISTED) summary.failed.push({ complaintId: item.complaintId, message: `its row is at sequence ${head.sequence}, but its log has ${logged} events: the row and the log disagree (an event deleted, or tables restored from different backups)` });
            continue;
          }
          const before = this.onDeadlines ? await tx.deadlines(item.complaintId) : [];
          // Always written: what is derived from a snapshot may change with the library even when the snapshot does not.
          if (!(await tx.replace(item.complaintId, item.sequence, item.derived))) {
            summary.movedOn++;
            continue;
          }
          if (head?.snapshot !== item.derived.snapshot) summary.changed++;
          if (this.onDeadlines) {
            const { scheduled, cancelled } = deadlineChanges(item.complaintId, before as OpenDeadline[], item.derived.deadlines);
            if (scheduled.length > 0 || cancelled.length > 0) await this.callHook({ complaintId: item.complaintId, sequence: item.sequence, scheduled, cancelled, transaction: tx.handle });
          }
        }
      });
    };
    const inFlight: Promise<void>[] = [];
    let writing = Promise.resolve();
    try {
      let batch: { complaintId: string; events: EventRow[] }[] = [];
      const send = async () => {
        const sent = batch;
        batch = [];
        const done = replayer(sent).then((rebuilt) => {
          writing = writing.then(() => write(rebuilt));
          return writing;
        });
        // Handled here and awaited below: a failure is thrown once, from the rebuild.
        done.catch(() => undefined);
        inFlight.push(done);
        if (inFlight.length >= Math.max(2, summary.workers * 2)) await inFlight.shift();
      };
      let current: { complaintId: string; events: EventRow[] } | undefined;
      for await (const row of this.rows()) {
        if (current?.complaintId !== row.complaintId) {
          if (current) batch.push(current);
          if (batch.length >= size) await send();
          current = { complaintId: row.complaintId, events: [] };
        }
        current.events.push(row);
      }
      if (current) batch.push(current);
      if (batch.length > 0) await send();
      await Promise.all(inFlight);
      await writing;
    } finally {
      await pool?.close();
    }
    this.cache.clear();
    return summary;
  }

  /**
   * Closes the store's connection, when the store opened it (a path given to `createSqliteStore`);
   * a client or pool the host passed in is the host's to close.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    this.notFromHook();
    this.cache.clear();
    await this.backend.close();
  }
}
