/**
 * What if: the same complaints under two or more policies. Each complaint's event log is replayed
 * under each policy by the machine itself, and what changes is reported with the machine's own
 * reasons: events refused under one and accepted under another, complaints declinable as out of
 * time, requests for stage 2 refusable as late, deadlines missed, and the regulator's measures.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import type { Region } from '../calendar/regions.js';
import { toUkDate } from '../calendar/ukDate.js';
import { InvalidInputError, isHousingComplaintsError, isInvalidInputError, summarise, typedErrors } from '../errors.js';
import { HOUSING_OMBUDSMAN } from '../letters/ombudsman.js';
import { parseEvent, isMalformedEventError, type ComplaintEvent } from '../machine/events.js';
import { createComplaintMachine, type ComplaintMachine, type ComplaintSnapshot } from '../machine/machine.js';
import { replay } from '../machine/replay.js';
import type { Reason } from '../machine/rules.js';
import { explain } from '../machine/views.js';
import type { Policy } from '../policy/schema.js';
import { NotPlain, plainCopy } from '../plain.js';
import type { CountingOptions, Homes, ReportingPeriod } from './options.js';
import { toRecord, type ComplaintRecord } from './record.js';
import { tenantSatisfactionMeasures, type TenantSatisfactionMeasures, type TenureMeasures } from './tsm.js';

/**
 * One policy to replay the complaints under: a name for people (unique in the comparison), the
 * policy, and whether the Code is the floor.
 *
 * `enforceCode` defaults to `true`, as {@link createComplaintMachine}'s does, so a comparison
 * replays what the landlord's machine would really do. To see a policy **as written** (Peaks &
 * Plains V4's 6-month exclusion window, its 20-working-day window for stage 2), pass
 * `enforceCode: false`. Each policy's entry in the result says which it was.
 *
 * @example
 * ```ts
 * const asWritten: ComparedPolicy = { name: 'Peaks & Plains V4 as written', policy: policies.peaksPlainsV4, enforceCode: false };
 * ```
 */
export interface ComparedPolicy {
  /** A name for people, unique in the comparison: the result's `under` fields use it. */
  readonly name: string;
  /** The policy. */
  readonly policy: Policy;
  /** Make the Code the floor (default `true`, as for the machine); `false` runs the policy as written. */
  readonly enforceCode?: boolean;
}

/**
 * Options of {@link comparePolicies}. Give `period` and `homes` together to have the regulator's
 * measures (CH01, CH02) computed under each policy.
 *
 * @example
 * ```ts
 * const options: ComparePoliciesOptions = { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 12_000 };
 * ```
 */
export interface ComparePoliciesOptions {
  /** The reporting year, for the measures (with `homes`). */
  readonly period?: ReportingPeriod;
  /** The homes owned, for CH01 (with `period`): one number, or split by tenure for the figures by tenure. */
  readonly homes?: Homes;
  /** The measures' counting options (extensions, declined, withdrawn...), as {@link tenantSatisfactionMeasures} takes them. */
  readonly measures?: CountingOptions;
  /** The working-day clock of each UK division, as for {@link createComplaintMachine} (default: the built-in one). */
  readonly calendar?: (region: Region) => WorkingDayCalendar;
}

/**
 * A log of complaint events: every complaint's events, oldest first within each complaint. Either
 * - an iterable (array, generator) of events that each carry the complaint's id as `complaintId`,
 *   interleaved as a case system's event log is; an item may also be one line of JSON of such an
 *   event (a JSONL log read line by line); or
 * - a `Map`, or a plain object, from a complaint's id to its events.
 *
 * @example
 * ```ts
 * const log: EventLog = [{ complaintId: 'C-1', type: 'TICK', at: '2025-01-06T09:00:00Z' }];
 * ```
 */
export type EventLog =
  | Iterable<
      | (ComplaintEvent & {
          /** The complaint the event belongs to. */
          readonly complaintId: string;
        })
      | string
    >
  | ReadonlyMap<string, Iterable<ComplaintEvent>>
  | Readonly<Record<string, Iterable<ComplaintEvent>>>;

/**
 * What differs between policies: see {@link PolicyDifference}.
 *
 * @example
 * ```ts
 * const kind: DifferenceKind = 'declinable';
 * ```
 */
export type DifferenceKind = 'refused-event' | 'declinable' | 'escalation-refusable' | 'late';

/**
 * One thing that happens to a complaint under one policy and not under others.
 *
 * - `'refused-event'`: an event of the log refused under `under`, accepted under `notUnder`;
 *   `reasons` are the machine's refusal. `consequential` when an earlier event of the complaint
 *   already went differently (the stages no longer line up).
 * - `'declinable'`: under `under` the complaint could have been declined as out of time (the
 *   machine would accept `DECLINE` with `'outside-time-limit'` just after receipt); under
 *   `notUnder` it must be accepted, and `reasons` say why (e.g. 2.3).
 * - `'escalation-refusable'`: the request for stage 2 could have been refused as outside the
 *   policy's window (`REFUSE_ESCALATION` with `'outside-policy-window'`); under `notUnder` it must
 *   be escalated (5.11).
 * - `'late'`: a deadline missed under `under`, not under `notUnder` (a breach, with its provision).
 *
 * @example
 * ```ts
 * const difference: PolicyDifference = { complaintId: 'C-1', kind: 'declinable', under: 'P&P as written', notUnder: ['Code'], provision: '2.3', detail: '...', reasons: [], consequential: false };
 * ```
 */
export interface PolicyDifference {
  /** The complaint. */
  readonly complaintId: string;
  /** What differs. */
  readonly kind: DifferenceKind;
  /** The policy (its `name`) under which it happens. */
  readonly under: string;
  /** The policies under which it does not. */
  readonly notUnder: readonly string[];
  /** The provision (or policy paragraph) behind the difference, when there is one. */
  readonly provision?: string;
  /** One line for people. */
  readonly detail: string;
  /** For `'late'`: the deadline missed, as the machine names it (`'stage1.respond'`, `'timer:investigator-contact'`). */
  readonly deadline?: string;
  /** The event of the log concerned, by its position in the complaint's log. */
  readonly event?: {
    /** Its position in the complaint's log. */
    readonly index: number;
    /** Its type. */
    readonly type: string;
    /** Its instant. */
    readonly at: string;
  };
  /** The machine's reasons: the refusal under `under` (refused events) or under `notUnder` (the others). */
  readonly reasons: readonly Reason[];
  /** Whether an earlier event of this complaint already went differently under these policies. */
  readonly consequential: boolean;
}

/**
 * What happened to the complaints under one policy.
 *
 * @example
 * ```ts
 * const totals: PolicyTotals['declinable'] = 14;
 * ```
 */
export interface PolicyTotals {
  /** Complaints received (their `RECEIVE` accepted). */
  readonly complaints: number;
  /** Events replayed (malformed ones aside). */
  readonly events: number;
  /** Events refused. */
  readonly refusedEvents: number;
  /** Complaints with at least one event refused. */
  readonly complaintsWithRefusals: number;
  /** Complaints that could have been declined as out of time, just after receipt. */
  readonly declinable: number;
  /** Complaints declined. */
  readonly declined: number;
  /** Complaints escalated to stage 2. */
  readonly escalated: number;
  /** Requests for stage 2 that could have been refused as outside the policy's window. */
  readonly escalationRefusable: number;
  /** Escalations refused. */
  readonly escalationRefused: number;
  /** Deadlines missed, in all. */
  readonly breaches: number;
  /** Complaints with at least one deadline missed. */
  readonly complaintsWithBreaches: number;
}

/**
 * One policy's side of a {@link PolicyComparison}.
 *
 * @example
 * ```ts
 * const side: PolicyOutcome['enforceCode'] = false;
 * ```
 */
export interface PolicyOutcome {
  /** The name given. */
  readonly name: string;
  /** The policy's id. */
  readonly id: string;
  /** Whether the Code was the floor (`false`: the policy as written). */
  readonly enforceCode: boolean;
  /** The fingerprint of the rules run, as stored in each record. */
  readonly fingerprint: string;
  /** What happened. */
  readonly totals: PolicyTotals;
  /** The regulator's measures of the records under this policy, when `period` and `homes` were given. */
  readonly tsm?: TenantSatisfactionMeasures;
}

/**
 * An event that could not be read at all: refused under every policy alike, so not a difference.
 *
 * @example
 * ```ts
 * const bad: MalformedLogEvent = { complaintId: 'C-1', index: 3, problems: ['type: must be one of RECEIVE, ...'] };
 * ```
 */
export interface MalformedLogEvent {
  /** The complaint, when the item named one. */
  readonly complaintId?: string;
  /** Its position in the complaint's log; without a `complaintId`, in the input. */
  readonly index: number;
  /** What is wrong with it. */
  readonly problems: readonly string[];
}

/**
 * The result of {@link comparePolicies}: plain data (JSON-serialisable), for a screen, a report or
 * {@link comparisonToText}.
 *
 * @example
 * ```ts
 * const comparison: PolicyComparison = comparePolicies([], [
 *   { name: 'the Code', policy: policies.code2024 },
 *   { name: 'Peaks & Plains V4 as written', policy: policies.peaksPlainsV4, enforceCode: false },
 * ]);
 * comparison.differences; //=> []
 * ```
 */
export interface PolicyComparison {
  /** Each policy, in the order given. */
  readonly policies: readonly PolicyOutcome[];
  /** Complaints in the log (received under at least one policy, or not). */
  readonly complaints: number;
  /** Events in the log, malformed ones included. */
  readonly events: number;
  /** Events that could not be read, in all. */
  readonly malformedEvents: number;
  /** The first 1,000 of them. */
  readonly malformed: readonly MalformedLogEvent[];
  /** What differs, complaint by complaint (in the order the log first names them), event by event. */
  readonly differences: readonly PolicyDifference[];
  /** The comparison in sentences: what {@link comparisonToText} starts with. */
  readonly summary: readonly string[];
}

const MALFORMED_KEPT = 1_000;

/** One event of a complaint's log: readable, or why not. */
type Entry = { readonly index: number; readonly event: ComplaintEvent } | { readonly index: number; readonly problems: readonly string[] };

interface Run {
  readonly name: string;
  readonly machine: ComplaintMachine;
  readonly id: string;
  readonly enforceCode: boolean;
  readonly fingerprint: string;
}

/** What one complaint did under one policy. */
interface Replayed {
  readonly snapshot: ComplaintSnapshot;
  /** Refusals by position in the complaint's log. */
  readonly refused: ReadonlyMap<number, readonly Reason[]>;
  /** The machine's answer to a `DECLINE` as out of time just after receipt, when there was an issue date. */
  readonly declinable?: { readonly allowed: boolean; readonly reasons: readonly Reason[]; readonly index: number };
  /** The machine's answer to `REFUSE_ESCALATION` as outside the window just after the request for stage 2. */
  readonly refusable?: { readonly allowed: boolean; readonly reasons: readonly Reason[]; readonly index: number };
}

// ---------------------------------------------------------------------------------------------
// Reading the input

function readPolicies(value: unknown, calendar: ComparePoliciesOptions['calendar']): Run[] {
  const list = typedErrors('policies', value, 'an array of 2 or more { name, policy, enforceCode? }', () => {
    if (!Array.isArray(value)) throw new InvalidInputError('policies', value, 'an array of 2 or more { name, policy, enforceCode? }');
    // The length read once, and checked before any item is: an array may claim billions.
    const length: unknown = value.length;
    if (typeof length !== 'number' || length < 2) throw new InvalidInputError('policies', value, 'an array of 2 or more { name, policy, enforceCode? }');
    if (length > 100) throw new InvalidInputError('policies', value, 'at most 100 policies');
    return Array.from({ length }, (_, i) => (value as unknown[])[i]);
  });
  const names = new Set<string>();
  return list.map((entry, i) => {
    const path = `policies[${i}]`;
    const { name, policy, enforceCode } = typedErrors(path, entry, '{ name, policy, enforceCode? }', () => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InvalidInputError(path, entry, '{ name, policy, enforceCode? }');
      const { name, policy, enforceCode, ...rest } = entry as Record<string, unknown>;
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) throw new InvalidInputError(`${path}.${extra.slice(0, 40)}`, rest[extra], 'no such field (name, policy, enforceCode)');
      return { name, policy, enforceCode };
    });
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw new InvalidInputError(`${path}.name`, name, 'a name of 1 to 200 characters');
    if (names.has(name.trim())) throw new InvalidInputError(`${path}.name`, name, 'a name not given to another policy in the comparison');
    names.add(name.trim());
    if (policy === undefined) throw new InvalidInputError(`${path}.policy`, policy, 'a policy, such as policies.code2024');
    if (enforceCode !== undefined && typeof enforceCode !== 'boolean') throw new InvalidInputError(`${path}.enforceCode`, enforceCode, 'true or false');
    let machine: ComplaintMachine;
    try {
      machine = createComplaintMachine({ policy: policy as Policy, enforceCode: enforceCode ?? true, ...(calendar ? { calendar } : {}) });
    } catch (error) {
      if (isInvalidInputError(error) && error.path === 'options.calendar') throw new InvalidInputError('options.calendar', calendar, 'a function from a UK division to its working-day calendar');
      const problems = isHousingComplaintsError(error) && 'problems' in error ? (error as { problems: readonly string[] }).problems : [isHousingComplaintsError(error) ? error.message : 'it could not be read'];
      throw new InvalidInputError(`${path}.policy`, policy, `a valid policy (${summarise(problems, 3)})`);
    }
    // The rules the machine runs, as every snapshot of it records them.
    const rules = replay(machine, []).snapshot.context.policy;
    return { name: name.trim(), machine, id: rules.id, enforceCode: rules.enforceCode, fingerprint: rules.fingerprint };
  });
}

function readOptions(value: unknown): ComparePoliciesOptions {
  return typedErrors('options', value, 'an options object { period?, homes?, measures?, calendar? }', () => {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError('options', value, 'an options object { period?, homes?, measures?, calendar? }');
    const { period: givenPeriod, homes: givenHomes, measures: givenMeasures, calendar, ...rest } = value as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw new InvalidInputError(`options.${extra.slice(0, 40)}`, rest[extra], 'no such option (period, homes, measures, calendar)');
    // Read once, into plain copies: the measures are computed under each policy from these, so a
    // getter that answers differently on a later read is never asked again.
    const period = plainOption('period', givenPeriod);
    const homes = plainOption('homes', givenHomes);
    const measures = plainOption('measures', givenMeasures);
    if ((period === undefined) !== (homes === undefined)) {
      throw new InvalidInputError(period === undefined ? 'options.period' : 'options.homes', period === undefined ? period : homes, 'period and homes given together, for the measures');
    }
    if (measures !== undefined && (typeof measures !== 'object' || measures === null || Array.isArray(measures))) throw new InvalidInputError('options.measures', measures, 'the measures counting options');
    for (const key of ['period', 'homes'] as const) {
      if (measures !== undefined && Object.hasOwn(measures, key)) throw new InvalidInputError(`options.measures.${key}`, (measures as Record<string, unknown>)[key], `no ${key} here: it is options.${key}`);
    }
    if (calendar !== undefined && typeof calendar !== 'function') throw new InvalidInputError('options.calendar', calendar, 'a function from a UK division to its working-day calendar');
    const read = { ...(period !== undefined ? { period, homes } : {}), ...(measures !== undefined ? { measures } : {}), ...(calendar !== undefined ? { calendar } : {}) } as ComparePoliciesOptions;
    if (read.period !== undefined) {
      // The measures' own check, before anything is replayed; a counting option is named under `measures`.
      try {
        measure([], read);
      } catch (error) {
        const path = isInvalidInputError(error) ? error.path : 'options';
        if (path.startsWith('options.period') || path.startsWith('options.homes')) throw error;
        throw new InvalidInputError(path.replace(/^options\.?/, 'options.measures.').replace(/\.$/, ''), isInvalidInputError(error) ? error.value : measures, 'a counting option of tenantSatisfactionMeasures');
      }
    } else if (measures !== undefined) throw new InvalidInputError('options.measures', measures, 'counting options given with period and homes');
    return read;
  });
}

/** An option's value copied once into plain data; what cannot be copied is an {@link InvalidInputError} naming where. */
function plainOption(name: string, value: unknown): unknown {
  try {
    return plainCopy(value, { maxDepth: 4, maxValues: 200 });
  } catch (error) {
    const where = error instanceof NotPlain && error.path.length > 0 ? `options.${name}.${error.path.join('.')}` : `options.${name}`;
    throw new InvalidInputError(where, error instanceof NotPlain ? error.value : value, `plain data (it ${error instanceof NotPlain ? error.reason : 'could not be read'})`);
  }
}

/** Reads one log item into an event of a complaint, or why it cannot be read. */
function readItem(item: unknown, key?: string): { complaintId?: string; event?: ComplaintEvent; problems?: string[] } {
  let copy: unknown;
  try {
    copy = plainCopy(typeof item === 'string' ? JSON.parse(item) : item);
  } catch {
    return { problems: [typeof item === 'string' ? 'not a line of JSON' : 'it could not be read; an event must be plain data'] };
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) return { problems: ['an event must be an object'] };
  const { complaintId, ...event } = copy as Record<string, unknown>;
  const id = key ?? complaintId;
  if (typeof id !== 'string' || id.trim() === '' || id.length > 200) return { problems: ['complaintId: must name the complaint (1 to 200 characters)'] };
  if (key !== undefined && complaintId !== undefined && complaintId !== key) return { complaintId: key, problems: [`complaintId: ${String(complaintId).slice(0, 40)} is in the log of ${key.slice(0, 40)}`] };
  try {
    return { complaintId: id, event: parseEvent(event) };
  } catch (error) {
    return { complaintId: id, problems: isMalformedEventError(error) ? [...error.problems] : ['it could not be read'] };
  }
}

const LOG_EXPECTED = 'an event log: an iterable or async iterable of events, or a Map or object of complaint ids to events';

/**
 * How the log arrives, read once: its complaints' lists (a `Map`, or a plain object, of ids to
 * events), or the iterator method of an iterable or an async iterable of events.
 */
type LogSource = { readonly kind: 'lists'; readonly lists: readonly (readonly [unknown, unknown])[] } | { readonly kind: 'iterable' | 'async'; readonly method: (this: unknown) => unknown };

function logSourceOf(events: unknown): LogSource {
  return typedErrors('events', events, LOG_EXPECTED, () => {
    if ((typeof events !== 'object' && typeof events !== 'function') || events === null) throw new InvalidInputError('events', events, LOG_EXPECTED);
    if (events instanceof Map) return { kind: 'lists', lists: [...Map.prototype.entries.call(events)] as [unknown, unknown][] };
    const sync: unknown = (events as Iterable<unknown>)[Symbol.iterator];
    if (typeof sync === 'function') return { kind: 'iterable', method: sync as (this: unknown) => unknown };
    const async: unknown = (events as AsyncIterable<unknown>)[Symbol.asyncIterator];
    if (typeof async === 'function') return { kind: 'async', method: async as (this: unknown) => unknown };
    if (typeof events === 'function') throw new InvalidInputError('events', events, LOG_EXPECTED);
    return { kind: 'lists', lists: Object.keys(events).map((key) => [key, (events as Record<string, unknown>)[key]] as const) };
  });
}

/** The iterator `method` makes of `source`, and its `next`, each read once; anything amiss is an {@link InvalidInputError} at `path`. */
function iteratorOf(source: unknown, method: (this: unknown) => unknown, path: string): { iterator: object; next: (this: unknown) => unknown } {
  return typedErrors(path, source, 'an iterable of events', () => {
    const iterator = method.call(source);
    if ((typeof iterator !== 'object' && typeof iterator !== 'function') || iterator === null) throw new InvalidInputError(path, source, 'an iterable of events');
    const next: unknown = (iterator as Iterator<unknown>).next;
    if (typeof next !== 'function') throw new InvalidInputError(path, source, 'an iterable of events');
    return { iterator, next: next as (this: unknown) => unknown };
  });
}

/** One step's `done` and `value`, each read once. */
function stepOf(result: unknown, source: unknown, path: string): { done: boolean; value: unknown } {
  return typedErrors(path, source, 'an iterable of events that can be read', () => {
    if ((typeof result !== 'object' && typeof result !== 'function') || result === null) throw new InvalidInputError(path, source, 'an iterable of events that can be read');
    return (result as IteratorResult<unknown>).done ? { done: true, value: undefined } : { done: false, value: (result as IteratorResult<unknown>).value };
  });
}

/** Every item of an async log, read once each, as it arrives; the iterator's own failure is an {@link InvalidInputError} at `events`. */
async function readAsync(events: unknown, method: (this: unknown) => unknown): Promise<ReadLog> {
  const { iterator, next } = iteratorOf(events, method, 'events');
  const log = logBuilder(events);
  for (let position = 0; ; position++) {
    let result: unknown;
    try {
      result = await next.call(iterator);
    } catch (error) {
      if (isHousingComplaintsError(error)) throw error;
      throw new InvalidInputError('events', events, 'an async iterable of events that can be read');
    }
    const { done, value } = stepOf(result, events, 'events');
    if (done) return log.result();
    log.add(value, position);
  }
}

/** The log grouped by complaint, in the order the log first names them. */
interface ReadLog {
  readonly logs: Map<string, Entry[]>;
  /** The first {@link MALFORMED_KEPT} items that named no complaint. */
  readonly unassigned: MalformedLogEvent[];
  /** How many items named no complaint. */
  readonly unassignedCount: number;
  readonly count: number;
}

/**
 * Items that cannot be read, past which the input is not an event log (an iterable of junk, or one
 * that claims billions of items): what is kept of each is small, but reading on would never end.
 */
const MALFORMED_LIMIT = 100_000;

/** Groups a log's items by complaint as they are read, one at a time. */
function logBuilder(events: unknown): { add(item: unknown, position: number, key?: string): void; result(): ReadLog } {
  const logs = new Map<string, Entry[]>();
  const unassigned: MalformedLogEvent[] = [];
  let unassignedCount = 0;
  let malformed = 0;
  let count = 0;
  return {
    add(item, position, key) {
      count++;
      const read = readItem(item, key);
      if (read.event === undefined && ++malformed > MALFORMED_LIMIT) {
        throw new InvalidInputError('events', events, `an event log (more than ${MALFORMED_LIMIT.toLocaleString('en-GB')} of its items are not events)`);
      }
      if (read.complaintId === undefined) {
        if (unassignedCount++ < MALFORMED_KEPT) unassigned.push({ index: position, problems: read.problems ?? [] });
        return;
      }
      let log = logs.get(read.complaintId);
      if (!log) logs.set(read.complaintId, (log = []));
      log.push(read.event ? { index: log.length, event: read.event } : { index: log.length, problems: read.problems ?? [] });
    },
    result: () => ({ logs, unassigned, unassignedCount, count }),
  };
}

/** The log of a sync source grouped by complaint, in the order the log first names them. */
function readLog(source: Exclude<LogSource, { kind: 'async' }>, events: unknown): ReadLog {
  const builder = logBuilder(events);
  const add = builder.add;
  const each = (list: unknown, method: (this: unknown) => unknown, path: string, fn: (item: unknown, position: number) => void) => {
    const { iterator, next } = iteratorOf(list, method, path);
    for (let position = 0; ; position++) {
      const result = typedErrors(path, list, 'an iterable of events that can be read', () => next.call(iterator));
      const { done, value } = stepOf(result, list, path);
      if (done) return;
      fn(value, position);
    }
  };
  if (source.kind === 'lists') {
    for (const [key, list] of source.lists) {
      const id = typeof key === 'string' ? key : typedErrors('events', events, 'a Map whose keys are complaint ids', () => String(key));
      const path = `events[${JSON.stringify(id.slice(0, 40))}]`;
      const method = typedErrors(path, list, 'an iterable of events', () => {
        const found: unknown = typeof list === 'object' && list !== null ? (list as Iterable<unknown>)[Symbol.iterator] : undefined;
        if (typeof found !== 'function') throw new InvalidInputError(path, list, 'an iterable of events');
        return found as (this: unknown) => unknown;
      });
      each(list, method, path, (item) => add(item, 0, id));
    }
  } else {
    each(events, source.method, 'events', (item, position) => add(item, position));
  }
  return builder.result();
}

// ---------------------------------------------------------------------------------------------
// Replaying

/** Replays one complaint's log under one policy, in segments that end at receipt and at each request for stage 2. */
function replayComplaint(run: Run, log: readonly Entry[]): Replayed {
  const readable = log.filter((entry): entry is Extract<Entry, { event: ComplaintEvent }> => 'event' in entry);
  const refused = new Map<number, readonly Reason[]>();
  let snapshot: ComplaintSnapshot | undefined;
  let declinable: Replayed['declinable'];
  let refusable: Replayed['refusable'];
  let start = 0;
  while (start < readable.length || snapshot === undefined) {
    let end = start;
    while (end < readable.length && !isBoundary(readable[end]!.event)) end++;
    end = Math.min(end + 1, readable.length);
    const segment = readable.slice(start, end);
    const result = replay(run.machine, segment.map((entry) => entry.event), snapshot ? { from: snapshot } : {});
    snapshot = result.snapshot;
    for (const { index, reasons } of result.rejected) refused.set(segment[index]!.index, reasons);
    const last = segment.at(-1);
    if (last && !refused.has(last.index) && snapshot.context.complaint) {
      if (last.event.type === 'RECEIVE' && snapshot.context.complaint.issueDate !== undefined) declinable = { ...ask(snapshot, declineOutOfTime(snapshot, last.event.at)), index: last.index };
      if (last.event.type === 'ESCALATE') refusable = { ...ask(snapshot, refuseAsLate(snapshot, last.event.at)), index: last.index };
    }
    start = end;
  }
  return { snapshot, refused, ...(declinable ? { declinable } : {}), ...(refusable ? { refusable } : {}) };
}

const isBoundary = (event: ComplaintEvent) => event.type === 'RECEIVE' || event.type === 'ESCALATE';

function ask(snapshot: ComplaintSnapshot, event: ComplaintEvent): { allowed: boolean; reasons: readonly Reason[] } {
  const { allowed, reasons } = explain(snapshot, event);
  return { allowed, reasons };
}

/** The decline the machine would be asked for just after receipt: out of time, with its notice (2.4). */
function declineOutOfTime(snapshot: ComplaintSnapshot, at: string): ComplaintEvent {
  const letter = { kind: 'decline-notice', complaintId: snapshot.context.complaint!.id, sentOn: toUkDate(at), reasons: 'The issue is outside the time limit for complaints.', ombudsman: HOUSING_OMBUDSMAN };
  return { type: 'DECLINE', at, reason: 'outside-time-limit', letter: letter as Extract<ComplaintEvent, { type: 'DECLINE' }>['letter'] };
}

/** The refusal the machine would be asked for just after a request for stage 2: outside the policy's window (5.11). */
function refuseAsLate(snapshot: ComplaintSnapshot, at: string): ComplaintEvent {
  const letter = { kind: 'escalation-refusal', complaintId: snapshot.context.complaint!.id, sentOn: toUkDate(at), reasons: 'The request for stage 2 came after the window for asking.', ombudsman: HOUSING_OMBUDSMAN };
  return { type: 'REFUSE_ESCALATION', at, reason: 'outside-policy-window', letter: letter as Extract<ComplaintEvent, { type: 'REFUSE_ESCALATION' }>['letter'] };
}

// ---------------------------------------------------------------------------------------------
// Comparing

const reasonText = (reasons: readonly Reason[]) => reasons.map((r) => (r.provision ? `${r.provision}: ${r.message}` : r.message)).join(' ');

function differencesOf(complaintId: string, runs: readonly Run[], replays: readonly Replayed[], log: readonly Entry[]): PolicyDifference[] {
  const out: PolicyDifference[] = [];
  const received = replays.map((r) => r.snapshot.context.complaint !== undefined);
  let diverged = Infinity;
  for (const entry of log) {
    if (!('event' in entry)) continue;
    const refusedBy = replays.map((r) => r.refused.get(entry.index));
    const accepted = runs.filter((_, i) => !refusedBy[i]).map((run) => run.name);
    if (accepted.length === 0 || accepted.length === runs.length) continue;
    diverged = Math.min(diverged, entry.index);
    refusedBy.forEach((reasons, i) => {
      if (!reasons) return;
      const { type, at } = entry.event;
      out.push({
        complaintId,
        kind: 'refused-event',
        under: runs[i]!.name,
        notUnder: accepted,
        ...(reasons[0]?.provision ? { provision: reasons[0].provision } : {}),
        detail: `${type} (event ${entry.index}, ${at}) refused: ${reasonText(reasons)}`,
        event: { index: entry.index, type, at },
        reasons,
        consequential: entry.index > diverged,
      });
    });
  }
  const chance = (kind: 'declinable' | 'escalation-refusable', pick: (r: Replayed) => Replayed['declinable']) => {
    const answers = replays.map(pick);
    answers.forEach((answer, i) => {
      if (!answer?.allowed) return;
      const others = answers.map((other, j) => ({ other, j })).filter(({ other }) => other && !other.allowed);
      if (others.length === 0) return;
      const reasons = others[0]!.other!.reasons;
      const event = log[answer.index] as Extract<Entry, { event: ComplaintEvent }>;
      out.push({
        complaintId,
        kind,
        under: runs[i]!.name,
        notUnder: others.map(({ j }) => runs[j]!.name),
        ...(reasons[0]?.provision ? { provision: reasons[0].provision } : {}),
        detail:
          kind === 'declinable'
            ? `Could have been declined as out of time (issue ${replays[i]!.snapshot.context.complaint?.issueDate}, received ${replays[i]!.snapshot.context.stage1?.requestedOn}); under ${others.map(({ j }) => runs[j]!.name).join(', ')}: ${reasonText(reasons)}`
            : `The request for stage 2 (${event.event.at}) could have been refused as outside the policy's window; under ${others.map(({ j }) => runs[j]!.name).join(', ')}: ${reasonText(reasons)}`,
        event: { index: answer.index, type: event.event.type, at: event.event.at },
        reasons,
        consequential: answer.index > diverged,
      });
    });
  };
  chance('declinable', (r) => r.declinable);
  chance('escalation-refusable', (r) => r.refusable);
  const missed = replays.map((r) => new Map(r.snapshot.context.breaches.map((b) => [b.deadline, b])));
  missed.forEach((breaches, i) => {
    for (const [deadline, breach] of breaches) {
      const notUnder = runs.filter((_, j) => j !== i && received[j] && !missed[j]!.has(deadline)).map((run) => run.name);
      if (notUnder.length === 0) continue;
      out.push({
        complaintId,
        kind: 'late',
        under: runs[i]!.name,
        notUnder,
        provision: breach.provision,
        deadline,
        detail: `${deadline} was due on ${breach.due} and missed (recorded ${breach.recordedOn})`,
        reasons: [{ provision: breach.provision, message: `${deadline} was due on ${breach.due}.` }],
        consequential: diverged !== Infinity,
      });
    }
  });
  return out;
}

interface Tally {
  complaints: number;
  events: number;
  refusedEvents: number;
  complaintsWithRefusals: number;
  declinable: number;
  declined: number;
  escalated: number;
  escalationRefusable: number;
  escalationRefused: number;
  breaches: number;
  complaintsWithBreaches: number;
}

function tally(totals: Tally, replayed: Replayed, events: number): void {
  const { context } = replayed.snapshot;
  totals.events += events;
  totals.refusedEvents += replayed.refused.size;
  if (replayed.refused.size > 0) totals.complaintsWithRefusals++;
  if (!context.complaint) return;
  totals.complaints++;
  if (replayed.declinable?.allowed) totals.declinable++;
  if (replayed.refusable?.allowed) totals.escalationRefusable++;
  if (context.stage2) totals.escalated++;
  if (context.closure?.reason === 'declined') totals.declined++;
  if (context.closure?.reason === 'escalation-refused') totals.escalationRefused++;
  totals.breaches += context.breaches.length;
  if (context.breaches.length > 0) totals.complaintsWithBreaches++;
}

/**
 * Replays the same complaints under two or more policies and reports what changes: what no
 * landlord's case system answers ("what if our policy were the Code?"). Each complaint's log is
 * replayed under each policy by the machine's own {@link replay}; the differences carry the
 * machine's reasons and provisions (see {@link PolicyDifference}), each policy its totals and, with
 * `period` and `homes`, its Tenant Satisfaction Measures ({@link tenantSatisfactionMeasures} of the
 * records, {@link toRecord}). `summary` says it in sentences.
 *
 * A complaint is declinable when, just after its receipt, the machine would accept a `DECLINE` as
 * out of time (2.3: the issue older than the rules' window, and no exception); a request for stage 2
 * is refusable when, just after it, the machine would accept `REFUSE_ESCALATION` as outside the
 * policy's window (only a policy run as written has one: with the Code enforced, lateness is no
 * section 2 reason, 5.11). The same rules answer `explain`.
 *
 * Nothing in the log is thrown: an item that is not an event (unreadable, of an unknown type,
 * without a `complaintId`, a line that is not JSON) is listed in `malformed` and left out under
 * every policy alike. Only past 100,000 such items is the input refused, as not an event log.
 *
 * @param events - the event log (see {@link EventLog}): sync, or async (then a Promise is returned)
 * @param policies - two or more {@link ComparedPolicy}; `enforceCode` defaults to `true`, as for the machine: pass `false` for a policy as written
 * @param options - `period` and `homes` for the measures, `measures` for their counting options, `calendar`
 * @returns a {@link PolicyComparison}
 * @throws {@link InvalidInputError} naming the path: `events` not a log, `policies` not 2 or more, `policies[1].name` repeated, `policies[0].policy` invalid, `options.period` and such
 *
 * @example
 * ```ts
 * import { comparePolicies } from 'housing-complaints/reporting';
 *
 * // A complaint received on 6 January 2025 about an issue of May 2024: 8 months old.
 * const log = [
 *   { complaintId: 'C-1', type: 'RECEIVE', at: '2025-01-06T10:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak', issueDate: '2024-05-06' } },
 * ];
 * const comparison = comparePolicies(log, [
 *   { name: 'Peaks & Plains V4 as written', policy: policies.peaksPlainsV4, enforceCode: false },
 *   { name: 'the Code', policy: policies.code2024 },
 * ]);
 * comparison.policies[0].totals.declinable; //=> 1
 * comparison.differences[0].provision; //=> '2.3'
 * comparison.summary[1]; //=> 'Under Peaks & Plains V4 as written, the one complaint would have been declinable as out of time; under the Code it must be accepted (2.3).'
 * ```
 */
export function comparePolicies(events: EventLog, policies: readonly ComparedPolicy[], options?: ComparePoliciesOptions): PolicyComparison;
export function comparePolicies(events: AsyncIterable<unknown>, policies: readonly ComparedPolicy[], options?: ComparePoliciesOptions): Promise<PolicyComparison>;
export function comparePolicies(events: EventLog | AsyncIterable<unknown>, policies: readonly ComparedPolicy[], options?: ComparePoliciesOptions): PolicyComparison | Promise<PolicyComparison> {
  const read = readOptions(options);
  const runs = readPolicies(policies, read.calendar);
  const source = logSourceOf(events);
  if (source.kind !== 'async') return compareLog(readLog(source, events), runs, read);
  return readAsync(events, source.method).then((log) => compareLog(log, runs, read));
}

function compareLog(read: ReadLog, runs: readonly Run[], options: ComparePoliciesOptions): PolicyComparison {
  const tallies: Tally[] = runs.map(() => ({ complaints: 0, events: 0, refusedEvents: 0, complaintsWithRefusals: 0, declinable: 0, declined: 0, escalated: 0, escalationRefusable: 0, escalationRefused: 0, breaches: 0, complaintsWithBreaches: 0 }));
  const records: ComplaintRecord[][] = runs.map(() => []);
  const differences: PolicyDifference[] = [];
  const malformed: MalformedLogEvent[] = [...read.unassigned];
  let malformedEvents = read.unassignedCount;
  for (const [complaintId, log] of read.logs) {
    for (const entry of log) {
      if ('problems' in entry) {
        malformedEvents++;
        if (malformed.length < MALFORMED_KEPT) malformed.push({ complaintId, index: entry.index, problems: entry.problems });
      }
    }
    const readable = log.filter((entry) => 'event' in entry).length;
    const replays = runs.map((run) => replayComplaint(run, log));
    replays.forEach((replayed, i) => {
      tally(tallies[i]!, replayed, readable);
      const record = toRecord(replayed.snapshot);
      if (record) records[i]!.push(record);
    });
    differences.push(...differencesOf(complaintId, runs, replays, log));
  }
  const outcomes: PolicyOutcome[] = runs.map((run, i) => {
    const tsm = options.period !== undefined && options.homes !== undefined ? measure(records[i]!, options) : undefined;
    return { name: run.name, id: run.id, enforceCode: run.enforceCode, fingerprint: run.fingerprint, totals: { ...tallies[i]! }, ...(tsm ? { tsm } : {}) };
  });
  const comparison = { policies: outcomes, complaints: read.logs.size, events: read.count, malformedEvents, malformed: malformed.slice(0, MALFORMED_KEPT), differences, summary: [] };
  return { ...comparison, summary: summaryOf(comparison) };
}

function measure(records: readonly ComplaintRecord[], options: ComparePoliciesOptions): TenantSatisfactionMeasures {
  return tenantSatisfactionMeasures(records, { ...options.measures, period: options.period!, homes: options.homes! });
}

// ---------------------------------------------------------------------------------------------
// In words

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
/** `n` of `total` things: "the one complaint", "all 14 complaints", "14 of the 212 complaints". */
const ofThe = (n: number, total: number, one: string, many: string) =>
  total === 1 && n === 1 ? `the one ${one}` : n === total ? `all ${plural(total, one, many)}` : `${n.toLocaleString('en-GB')} of the ${plural(total, one, many)}`;
/** `k` of `n` things already named: "it", "all 14", "9 of them". */
const them = (k: number, n: number) => (n === 1 ? 'it' : k === n ? `all ${n.toLocaleString('en-GB')}` : `${k.toLocaleString('en-GB')} of them`);
const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** How many of `items` fall under each key, in the order first found. */
function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts];
}

function summaryOf(comparison: Omit<PolicyComparison, 'summary'>): string[] {
  const { policies, complaints, differences } = comparison;
  const lines: string[] = [];
  const how = (p: PolicyOutcome) => `${p.name} (${p.id}, ${p.enforceCode ? 'with the Code as the floor' : 'as written: the Code not enforced'})`;
  lines.push(`${plural(complaints, 'complaint')} (${plural(comparison.events, 'event')}) replayed under ${list(policies.map(how))}.`);
  if (comparison.malformedEvents > 0) lines.push(`${plural(comparison.malformedEvents, 'event')} could not be read and ${comparison.malformedEvents === 1 ? 'was' : 'were'} left out under every policy.`);
  // The differences by kind and policy, grouped in one pass: a policy's sentences look up their own.
  const grouped = new Map<string, PolicyDifference[]>();
  for (const d of differences) {
    const key = `${String(d.kind)}\u0000${String(d.under)}`;
    const group = grouped.get(key);
    if (group === undefined) grouped.set(key, [d]);
    else group.push(d);
  }
  const of = (kind: DifferenceKind, under: string): readonly PolicyDifference[] => grouped.get(`${kind}\u0000${String(under)}`) ?? [];
  const others = (found: readonly PolicyDifference[]) => {
    const counts = new Map<string, number>();
    for (const d of found) for (const name of d.notUnder) counts.set(name, (counts.get(name) ?? 0) + 1);
    return [...counts];
  };
  for (const p of policies) {
    const declinable = of('declinable', p.name);
    if (declinable.length > 0) {
      const provision = declinable[0]!.provision ? ` (${declinable[0]!.provision})` : '';
      const elsewhere = others(declinable).map(([name, k]) => `under ${name} ${them(k, declinable.length)} must be accepted${provision}`);
      lines.push(`Under ${p.name}, ${ofThe(declinable.length, complaints, 'complaint', 'complaints')} would have been declinable as out of time; ${list(elsewhere)}.`);
    }
    const refusable = of('escalation-refusable', p.name);
    if (refusable.length > 0) {
      const elsewhere = others(refusable).map(([name, k]) => `under ${name} ${them(k, refusable.length)} must go to stage 2 (5.11)`);
      lines.push(`Under ${p.name}, ${ofThe(refusable.length, p.totals.escalated, 'request for stage 2', 'requests for stage 2')} could have been refused as outside the policy's window; ${list(elsewhere)}.`);
    }
    const refused = of('refused-event', p.name);
    if (refused.length > 0) {
      const first = refused.filter((d) => !d.consequential);
      const groups = countBy(first, (d) => `${d.event?.type ?? 'event'}${d.provision ? ` (${d.provision})` : ''}`);
      const complaintsHit = new Set(refused.map((d) => d.complaintId)).size;
      const accepted = list(others(refused).map(([name]) => name));
      lines.push(
        `Under ${p.name}, ${plural(refused.length, 'event')} in ${plural(complaintsHit, 'complaint')} ${refused.length === 1 ? 'was' : 'were'} refused that ${accepted} accepted; the first refused in each complaint: ${groups.map(([what, n]) => `${what} in ${plural(n, 'complaint')}`).join('; ')}.`,
      );
    }
    const late = of('late', p.name);
    if (late.length > 0) {
      const groups = countBy(late, (d) => `${d.deadline ?? 'a deadline'}${d.provision ? ` (${d.provision})` : ''}`);
      const complaintsHit = new Set(late.map((d) => d.complaintId)).size;
      lines.push(`Under ${p.name}, ${plural(complaintsHit, 'complaint')} missed deadlines that ${list(others(late).map(([name]) => name))} did not: ${groups.map(([what, n]) => `${what} in ${plural(n, 'complaint')}`).join('; ')}.`);
    }
  }
  if (differences.length === 0) lines.push(`The ${plural(complaints, 'complaint')} give the same answers under ${list(policies.map((p) => p.name))}.`);
  lines.push(...measuresLines(policies));
  return lines;
}

/** The measures side by side, when they were computed: one sentence per figure that differs, or one that says they agree. */
function measuresLines(policies: readonly PolicyOutcome[]): string[] {
  const withTsm = policies.filter((p) => p.tsm !== undefined);
  if (withTsm.length < 2) return [];
  const figures = (group: string, pick: (tsm: TenantSatisfactionMeasures) => TenureMeasures | undefined) => {
    const of = (p: PolicyOutcome) => pick(p.tsm!);
    const rows: [string, (m: TenureMeasures) => number | null, string][] = [
      ['CH01(1), stage 1 complaints per 1,000 homes', (m) => m.CH01.stage1.perThousandHomes, ''],
      ['CH01(2), stage 2 complaints per 1,000 homes', (m) => m.CH01.stage2.perThousandHomes, ''],
      ["CH02(1), stage 1 responses within the Code's timescales", (m) => m.CH02.stage1.percent, '%'],
      ["CH02(2), stage 2 responses within the Code's timescales", (m) => m.CH02.stage2.percent, '%'],
    ];
    return rows.flatMap(([label, value, unit]) => {
      const values = withTsm.map((p) => {
        const m = of(p);
        return m ? value(m) : null;
      });
      if (new Set(values).size <= 1) return [];
      return [`${label}${group}: ${withTsm.map((p, i) => `${values[i] === null ? 'none' : `${values[i]}${unit}`} under ${p.name}`).join(', ')}.`];
    });
  };
  const lines = [
    ...figures('', (tsm) => tsm),
    ...figures(' (low-cost rental)', (tsm) => tsm.byTenure?.lowCostRental),
    ...figures(' (low-cost home ownership)', (tsm) => tsm.byTenure?.lowCostHomeOwnership),
  ];
  return lines.length > 0 ? lines : [`The Tenant Satisfaction Measures (CH01, CH02) are the same under ${list(withTsm.map((p) => p.name))}.`];
}

/**
 * The comparison in words, for a report or a terminal: the summary's sentences, then each
 * difference complaint by complaint (the first `limit`, default 50; consequential refusals, those
 * after the complaints' paths parted, left out unless `consequential` is set).
 *
 * @param comparison - from {@link comparePolicies} (or its JSON, parsed)
 * @param options - `limit` on the differences listed (default 50), `consequential` to list every refusal
 * @returns plain text, lines separated by `\n`
 * @throws {@link InvalidInputError} for anything but a comparison
 *
 * @example
 * ```ts
 * const log = [
 *   { complaintId: 'C-1', type: 'RECEIVE', at: '2025-01-06T10:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak', issueDate: '2024-05-06' } },
 *   { complaintId: 'C-2', type: 'RECEIVE', at: '2025-01-07T10:00:00Z', complaint: { id: 'C-2', region: 'scotland', summary: 'Damp', issueDate: '2024-12-02' } },
 * ];
 * const text = comparisonToText(comparePolicies(log, [
 *   { name: 'Peaks & Plains V4 as written', policy: policies.peaksPlainsV4, enforceCode: false },
 *   { name: 'the Code', policy: policies.code2024 },
 * ]));
 * text.split('\n')[1]; //=> 'Under Peaks & Plains V4 as written, 1 of the 2 complaints would have been declinable as out of time; under the Code it must be accepted (2.3).'
 * ```
 */
export function comparisonToText(comparison: PolicyComparison, options: { limit?: number; consequential?: boolean } = {}): string {
  return typedErrors('comparison', comparison, 'a comparison from comparePolicies', () => {
    if (typeof options !== 'object' || options === null) throw new InvalidInputError('options', options, '{ limit?, consequential? }');
    // Each option read once; the comparison read once, into a plain copy, before anything looks at it.
    const { limit: givenLimit, consequential: all } = typedErrors('options', options, '{ limit?, consequential? } that can be read', () => ({ limit: options.limit, consequential: options.consequential }));
    const limit = givenLimit ?? 50;
    if (!Number.isInteger(limit) || limit < 0) throw new InvalidInputError('options.limit', limit, 'a whole number, 0 or more');
    const copy = plainCopy(comparison, { maxDepth: 10, maxValues: 10_000_000 }) as PolicyComparison;
    const summary = summaryOf(copy).map(String);
    const shown = copy.differences.filter((d) => all === true || !d.consequential);
    const lines = [...summary];
    if (shown.length > 0 && limit > 0) {
      lines.push('', 'Differences:');
      for (const d of shown.slice(0, limit)) lines.push(`- ${String(d.complaintId)}, under ${String(d.under)} (${d.kind}${d.provision ? `, ${String(d.provision)}` : ''}): ${String(d.detail)}`);
      if (shown.length > limit) lines.push(`... and ${(shown.length - limit).toLocaleString('en-GB')} more.`);
    }
    return lines.join('\n');
  });
}
