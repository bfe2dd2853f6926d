/**
 * What callers hand the testing module, checked before any work is done: the options of
 * `createComplaintTestModel` and of `simplePaths`, and the snapshot given to `eventsFrom`.
 *
 * Each option is read exactly once (a getter that answers differently on each read cannot make
 * the check and the use disagree), and anything unusable (the wrong type, out of range, an unknown
 * option, a throwing getter, a revoked Proxy) becomes an {@link InvalidInputError} naming it.
 */
import * as z from 'zod/mini';
import { isRegion, type Region } from '../calendar/regions.js';
import { toUkDate } from '../calendar/ukDate.js';
import { InvalidInputError, isHousingComplaintsError, readOptions, typedErrors } from '../errors.js';
import { isoDate, text } from '../letters/primitives.js';
import { ComplaintContext, identifier, MAX_ID_LENGTH } from '../machine/context.js';
import { parsePolicy } from '../policy/check.js';
import { InvalidPolicyError, isInvalidPolicyError } from '../policy/errors.js';
import type { Policy } from '../policy/schema.js';

/** The most events `simplePaths` allows in a path: well beyond the longest shortest path. */
export const MAX_EVENTS = 30;
/** Events per path when `simplePaths` is given no `maxEvents`. */
export const DEFAULT_MAX_EVENTS = 8;
/** The most paths `simplePaths` may be allowed to build (`maxPaths`). */
export const MAX_PATHS = 200_000;
/** Paths `simplePaths` builds before it gives up, when given no `maxPaths`. */
export const DEFAULT_MAX_PATHS = 25_000;
/** The UK dates a model may start on: the working-day calendar's first day, to ten years before its last. */
export const FIRST_START = '2000-01-01';
export const LAST_START = '2090-12-31';

const MODEL_OPTIONS = ['policy', 'enforceCode', 'region', 'start', 'complaintId'] as const;
const SIMPLE_PATHS_OPTIONS = ['maxEvents', 'maxPaths'] as const;
const START_EXPECTED = `an ISO 8601 instant with 'Z' or an offset, on a UK date from ${FIRST_START} to ${LAST_START}, e.g. '2025-01-06T09:00:00Z'`;

/** `object[key]`, read once; a getter or Proxy trap that throws is an error at `path`. */
function readField(object: object, key: string, path: string): unknown {
  return typedErrors(path, undefined, 'a value that can be read (reading it threw)', () => (object as Record<string, unknown>)[key]);
}

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** @internal The options of `createComplaintTestModel`, checked, with defaults. */
export interface ModelSettings {
  /** The parsed policy (plain data, read once), or `undefined` for the Code. */
  readonly policy: Policy | undefined;
  readonly enforceCode: boolean | undefined;
  readonly region: Region;
  /** The instant the complaint arrives. */
  readonly start: string;
  readonly complaintId: string;
}

/**
 * @internal Checks the options of `createComplaintTestModel`.
 * @throws {@link InvalidInputError} naming the option; InvalidPolicyError for a malformed policy
 */
export function checkModelOptions(options: unknown): ModelSettings {
  const { policy, enforceCode, region = 'england-and-wales', start = '2025-01-06T09:00:00Z', complaintId = 'C-TEST-1' } = readOptions(options, MODEL_OPTIONS);
  if (enforceCode !== undefined && typeof enforceCode !== 'boolean') throw new InvalidInputError('options.enforceCode', enforceCode, 'true or false');
  if (!isRegion(region)) throw new InvalidInputError('options.region', region, "'england-and-wales', 'scotland' or 'northern-ireland'");
  checkStart(start);
  checkComplaintId(complaintId);
  return { policy: policy === undefined ? undefined : checkPolicy(policy), enforceCode, region, start: start as string, complaintId: complaintId as string };
}

/** A policy, parsed once into plain data. Malformed data is an InvalidPolicyError at `options.policy` listing the problems. */
function checkPolicy(policy: unknown): Policy {
  const expected = 'a policy object, e.g. policies.peaksPlainsV4';
  return typedErrors('options.policy', policy, expected, () => {
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw new InvalidInputError('options.policy', policy, expected);
    try {
      return parsePolicy(policy);
    } catch (error) {
      if (isInvalidPolicyError(error)) throw new InvalidPolicyError(error.problems, policy, 'options.policy');
      throw error;
    }
  });
}

function checkStart(start: unknown): void {
  if (typeof start !== 'string') throw new InvalidInputError('options.start', start, START_EXPECTED);
  let day: string;
  try {
    day = toUkDate(start);
  } catch {
    throw new InvalidInputError('options.start', start, START_EXPECTED);
  }
  if (day < FIRST_START || day > LAST_START) throw new InvalidInputError('options.start', start, `${START_EXPECTED} (it leaves ten years of the working-day calendar for the paths), not ${day}`);
}

function checkComplaintId(id: unknown): void {
  // The machine's definition of an id, and no spaces around it (the model puts it in letters as given).
  const ok = typeof id === 'string' && id === id.trim() && identifier.safeParse(id).success;
  if (!ok) {
    throw new InvalidInputError('options.complaintId', id, `a landlord's reference: text of 1 to ${MAX_ID_LENGTH} characters on one line, with a letter or digit and no spaces around it, e.g. 'C-TEST-1'`);
  }
}

/**
 * @internal Checks the options of `simplePaths`.
 * @throws {@link InvalidInputError} naming the option
 */
export function checkSimplePathsOptions(options: unknown): { maxEvents: number; maxPaths: number } {
  const { maxEvents = DEFAULT_MAX_EVENTS, maxPaths = DEFAULT_MAX_PATHS } = readOptions(options, SIMPLE_PATHS_OPTIONS);
  if (!isWhole(maxEvents, 1, MAX_EVENTS)) throw new InvalidInputError('options.maxEvents', maxEvents, `a whole number from 1 to ${MAX_EVENTS}`);
  if (!isWhole(maxPaths, 1, MAX_PATHS)) throw new InvalidInputError('options.maxPaths', maxPaths, `a whole number from 1 to ${MAX_PATHS.toLocaleString('en-GB')}`);
  return { maxEvents, maxPaths };
}

/** @internal The part of a snapshot the model makes events from. */
export interface ScenarioState {
  /** The process state, e.g. `'stage1.investigating'`. */
  readonly process: string;
  readonly context: ScenarioContext;
}

const optionalDate = z.optional(isoDate);
const StageFacts = z.object({ requestedOn: optionalDate, acknowledgeBy: optionalDate, respondBy: optionalDate, extensions: z.array(z.unknown()) });

/**
 * Only the fields of a context that the model reads (the rest is dropped unread): checking a whole
 * context, letters and all, would cost more than making the events.
 */
const ScenarioContext = z.object({
  complaint: z.optional(z.object({ consentOnFile: z.optional(z.boolean()), region: z.optional(z.string()) })),
  hazard: ComplaintContext.shape.hazard,
  breaches: z.array(z.unknown()),
  lastEventAt: ComplaintContext.shape.lastEventAt,
  definition: ComplaintContext.shape.definition,
  stage1: z.optional(StageFacts),
  stage2: z.optional(StageFacts),
  tracked: z.array(z.object({ id: text, description: text, dueOn: optionalDate, completedOn: optionalDate })),
  ombudsman: z.object({ referredOn: optionalDate, determinedOn: optionalDate }),
});

/** @internal The fields of a complaint's context that the model reads. */
export type ScenarioContext = z.infer<typeof ScenarioContext>;

const SNAPSHOT_EXPECTED = 'a snapshot of a complaint machine, e.g. actor.getSnapshot() or restore(machine, json)';

/** `'received'` or `'stage1.investigating'` from a state value's `process`, if it has that shape. */
function processLabel(process: unknown): string | undefined {
  if (typeof process === 'string') return process;
  if (typeof process !== 'object' || process === null || Array.isArray(process)) return undefined;
  const entries = Object.entries(process);
  return entries.length === 1 && typeof entries[0]![1] === 'string' ? `${entries[0]![0]}.${entries[0]![1]}` : undefined;
}

/**
 * @internal Reads what the model needs of a snapshot from the host, once, into checked plain data:
 * its process state (one of `processStates`) and the parts of its context the events are made from.
 * @throws {@link InvalidInputError} at `snapshot`, `snapshot.value` or the field of `snapshot.context` at fault
 */
export function readSnapshot(snapshot: unknown, processStates: ReadonlySet<string>): ScenarioState {
  return typedErrors('snapshot', snapshot, SNAPSHOT_EXPECTED, () => {
    if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) throw new InvalidInputError('snapshot', snapshot, SNAPSHOT_EXPECTED);
    const value = readField(snapshot, 'value', 'snapshot.value');
    const context = readField(snapshot, 'context', 'snapshot.context');
    const process = typedErrors('snapshot.value', value, 'a state value of the complaint machine', () =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? processLabel((value as { process?: unknown }).process) : undefined,
    );
    if (process === undefined || !processStates.has(process)) {
      throw new InvalidInputError('snapshot.value', value, `a state value of the complaint machine, e.g. { process: 'received', ombudsman: 'notReferred', hazard: 'none' }`);
    }
    const parsed = typedErrors('snapshot.context', context, "the complaint machine's context", () => {
      if (typeof context !== 'object' || context === null || Array.isArray(context)) throw new InvalidInputError('snapshot.context', context, "the complaint machine's context");
      return ScenarioContext.safeParse(context, { reportInput: true });
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidInputError(['snapshot.context', ...issue.path.map(String)].join('.').slice(0, 200), issue.input, issue.message);
    }
    return { process, context: parsed.data };
  });
}

/**
 * @internal Runs `fn`, which makes events from a checked snapshot: a date it cannot count (too
 * close to the end of the working-day calendar) or anything else that fails is the snapshot's fault.
 */
export function fromSnapshot<T>(snapshot: unknown, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const why = isHousingComplaintsError(error) ? ` (${error.message})` : '';
    throw new InvalidInputError('snapshot', snapshot, `a snapshot whose next events fall within the working-day calendar${why.slice(0, 300)}`);
  }
}
