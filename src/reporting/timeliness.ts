/**
 * Whether a stage's response was within the Code's timescales: the one rule the measures (CH02) and
 * the annual report share.
 */
import { InvalidInputError, typedErrors } from '../errors.js';
import { NotPlain, plainCopy } from '../plain.js';
import { isIsoDate } from '../calendar/isoDate.js';
import type { ComplaintRecord } from './record.js';

/** The Code's own extension limits in working days, without a good reason (6.4, 6.15). */
export const CODE_EXTENSION_LIMIT = { 1: 10, 2: 20 } as const;

/**
 * How a response's timeliness is judged. Every choice the regulator's technical requirements leave
 * to the landlord is here, with the library's default and its reason.
 *
 * @example
 * ```ts
 * const strict: TimelinessOptions = { extensions: 'original-deadline', lateAcknowledgement: 'not-within-timescale' };
 * ```
 */
export interface TimelinessOptions {
  /**
   * A response after the original deadline but within an extension:
   * - `'permitted'` (default): within timescale if the extension is one the Code permits: given
   *   before the deadline passed, and within the Code's limit (10 working days at stage 1, 20 at
   *   stage 2, in all) or beyond it with a good reason (6.4, 6.15). The Code's timescales include
   *   its extensions, and CH02 measures against the Code's timescales.
   * - `'original-deadline'`: only a response by the deadline before any extension counts.
   * - `'any-agreed'`: any date the resident was told in time counts, even one beyond the Code's
   *   limit without a good reason (a policy that does not enforce the Code may allow it).
   */
  readonly extensions?: 'permitted' | 'original-deadline' | 'any-agreed';
  /**
   * A response after a late acknowledgement:
   * - `'response-deadline'` (default): judged against its own deadline, which the Code counts from
   *   the acknowledgement (6.3, 6.14); the late acknowledgement is its own breach (6.2, 6.11),
   *   reported as one.
   * - `'as-if-acknowledged-on-time'`: also due by the day it would have been had the
   *   acknowledgement been sent on its last day, so a late acknowledgement cannot buy time.
   * - `'not-within-timescale'`: a stage acknowledged late never counts as responded to within
   *   timescale.
   */
  readonly lateAcknowledgement?: 'response-deadline' | 'as-if-acknowledged-on-time' | 'not-within-timescale';
}

/** @internal The options with their defaults. */
export const TIMELINESS_DEFAULTS: Required<TimelinessOptions> = { extensions: 'permitted', lateAcknowledgement: 'response-deadline' };

type StageFacts = ComplaintRecord['stage1'];

/**
 * @internal A record's day, as the reports read it: text, compared as text. The reports trust
 * records to be of the record's shape; anything else where a day goes (an object, whose comparison
 * would run its own conversion code, however slow) stops the count with an error the caller turns
 * into a typed one.
 */
export function day(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new TypeError(`not a complaint record: ${field} is not a date`);
  return value;
}

/** @internal {@link day} for a day that may be missing. */
export function maybeDay(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : day(value, field);
}

/**
 * The last day a stage's response counts as within timescale under `options`, or `undefined` when
 * the stage has no response deadline (not acknowledged).
 *
 * @example
 * ```ts
 * // Acknowledged on 7 January, due 21 January, extended by 5 working days to 28 January, answered on the 27th.
 * const stage1 = {
 *   requestedOn: '2025-01-06', acknowledgeBy: '2025-01-13', acknowledgedOn: '2025-01-07', originalRespondBy: '2025-01-21',
 *   respondBy: '2025-01-28', respondedOn: '2025-01-27', extensionLimit: 10,
 *   extensions: [{ on: '2025-01-20', until: '2025-01-28', workingDays: 5, goodReason: false, afterDeadline: false }],
 * };
 * timescaleDeadline(stage1, 1); //=> '2025-01-28'
 * timescaleDeadline(stage1, 1, { extensions: 'original-deadline' }); //=> '2025-01-21'
 * ```
 */
export function timescaleDeadline(facts: StageFacts, stage: 1 | 2, options: TimelinessOptions = TIMELINESS_DEFAULTS): string | undefined {
  const read = readArguments(facts, stage, options);
  return deadlineWithin(read.facts, read.stage, read.options);
}

/** @internal {@link timescaleDeadline} on arguments already checked: the measures' hot path. */
export function deadlineWithin(facts: StageFacts, stage: 1 | 2, options: Required<TimelinessOptions>): string | undefined {
  if (!facts.originalRespondBy || !facts.respondBy) return undefined;
  const due = deadlineOf(facts, stage, options.extensions, false);
  if (options.lateAcknowledgement !== 'as-if-acknowledged-on-time' || !facts.respondByIfAcknowledgedOnTime) return due;
  // The same extensions, counted from the deadline the stage would have had: never later than `due`.
  const asIf = deadlineOf(facts, stage, options.extensions, true);
  return asIf < due ? asIf : due;
}

/** The last day within timescale, following the extensions the choice allows, on the actual or the as-if dates. */
function deadlineOf(facts: StageFacts, stage: 1 | 2, extensions: NonNullable<TimelinessOptions['extensions']>, asIf: boolean): string {
  let due = day(asIf ? facts.respondByIfAcknowledgedOnTime : facts.originalRespondBy, 'respondBy');
  if (extensions !== 'original-deadline') {
    let total = 0;
    for (const extension of facts.extensions) {
      // A record made by hand may hold anything here: what is not an extension stops the count
      // (a typed error for the caller) rather than running on, however long the list says it is.
      const days = extension.workingDays;
      if (typeof days !== 'number') throw new TypeError('not an extension: workingDays is not a number');
      // A date given after the deadline had passed is not an extension in time: the breach stands.
      if (extension.afterDeadline) break;
      total += days;
      if (extensions === 'permitted' && total > CODE_EXTENSION_LIMIT[stage] && !extension.goodReason) break;
      due = day(asIf ? (extension.untilIfAcknowledgedOnTime ?? extension.until) : extension.until, 'extensions.until');
    }
  }
  return due;
}

/**
 * Whether a stage's response was sent within the Code's timescales, under `options`; `undefined`
 * when it has not been responded to.
 *
 * @example
 * ```ts
 * // Acknowledged on 7 January, due 21 January, extended by 5 working days to 28 January, answered on the 27th.
 * const stage1 = {
 *   requestedOn: '2025-01-06', acknowledgeBy: '2025-01-13', acknowledgedOn: '2025-01-07', originalRespondBy: '2025-01-21',
 *   respondBy: '2025-01-28', respondedOn: '2025-01-27', extensionLimit: 10,
 *   extensions: [{ on: '2025-01-20', until: '2025-01-28', workingDays: 5, goodReason: false, afterDeadline: false }],
 * };
 * respondedWithinTimescale(stage1, 1); //=> true
 * respondedWithinTimescale(stage1, 1, { extensions: 'original-deadline' }); //=> false
 * ```
 */
export function respondedWithinTimescale(facts: StageFacts, stage: 1 | 2, options: TimelinessOptions = TIMELINESS_DEFAULTS): boolean | undefined {
  const read = readArguments(facts, stage, options);
  return withinTimescale(read.facts, read.stage, read.options);
}

/** @internal {@link respondedWithinTimescale} on arguments already checked: the measures' hot path. */
export function withinTimescale(facts: StageFacts, stage: 1 | 2, options: Required<TimelinessOptions>): boolean | undefined {
  const respondedOn = maybeDay(facts.respondedOn, 'respondedOn');
  if (!respondedOn) return undefined;
  if (options.lateAcknowledgement === 'not-within-timescale') {
    const acknowledgedOn = maybeDay(facts.acknowledgedOn, 'acknowledgedOn');
    if (acknowledgedOn && facts.acknowledgeBy !== undefined && acknowledgedOn > day(facts.acknowledgeBy, 'acknowledgeBy')) return false;
  }
  const due = deadlineWithin(facts, stage, options);
  return due !== undefined && respondedOn <= due;
}

const CHOICES = {
  extensions: ['permitted', 'original-deadline', 'any-agreed'],
  lateAcknowledgement: ['response-deadline', 'as-if-acknowledged-on-time', 'not-within-timescale'],
} as const;
const OPTIONS_EXPECTED = 'undefined or the timeliness options { extensions?, lateAcknowledgement? }';
const FACTS_EXPECTED = "a stage's facts from a complaint record (record.stage1 or record.stage2)";

/**
 * The public functions' arguments, each read once into a copy and checked: a stage's facts of the
 * record's shape, the stage 1 or 2, and the options. Anything else is an {@link InvalidInputError}
 * naming it, never a `TypeError` from deep inside.
 */
function readArguments(facts: unknown, stage: unknown, options: unknown): { facts: StageFacts; stage: 1 | 2; options: Required<TimelinessOptions> } {
  let copy: unknown;
  try {
    copy = plainCopy(facts, { maxDepth: 4, maxValues: 20_000 });
  } catch (error) {
    const where = error instanceof NotPlain && error.path.length > 0 ? `facts.${error.path.join('.')}` : 'facts';
    throw new InvalidInputError(where, error instanceof NotPlain ? error.value : facts, `${FACTS_EXPECTED}, as plain data`);
  }
  checkFacts(copy);
  if (stage !== 1 && stage !== 2) throw new InvalidInputError('stage', stage, '1 or 2');
  // Options of a wider type (the measures' counting options, say) are allowed: only these two are read, once each.
  const read = typedErrors('options', options, OPTIONS_EXPECTED, () => {
    if (options === undefined) return {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InvalidInputError('options', options, OPTIONS_EXPECTED);
    const { extensions, lateAcknowledgement } = options as Record<string, unknown>;
    return { extensions, lateAcknowledgement };
  });
  const out = { ...TIMELINESS_DEFAULTS };
  for (const key of ['extensions', 'lateAcknowledgement'] as const) {
    const value = read[key];
    if (value === undefined) continue;
    const choices = CHOICES[key] as readonly unknown[];
    if (!choices.includes(value)) throw new InvalidInputError(`options.${key}`, value, `one of ${choices.map((c) => `'${String(c)}'`).join(', ')}`);
    (out as Record<string, unknown>)[key] = value;
  }
  return { facts: copy as StageFacts, stage, options: out };
}

const DAYS = ['acknowledgeBy', 'acknowledgedOn', 'originalRespondBy', 'respondBy', 'respondByIfAcknowledgedOnTime', 'respondedOn'] as const;

/**
 * What the two functions read of a stage's facts (a plain copy), checked by hand rather than with
 * the record's schema, so that a dashboard importing the measures carries no schema: each day a
 * real `'YYYY-MM-DD'` date (each optional: a stage with no acknowledgement has no `acknowledgeBy`) and each extension's
 * dates, working days and flags. Other fields are not read, so not judged.
 */
function checkFacts(facts: unknown): asserts facts is StageFacts {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) throw new InvalidInputError('facts', facts, FACTS_EXPECTED);
  const record = facts as Record<string, unknown>;
  for (const key of DAYS) {
    const value = record[key];
    if (value === undefined) continue;
    if (!isIsoDate(value)) throw new InvalidInputError(`facts.${key}`, value, `${FACTS_EXPECTED}: a real date 'YYYY-MM-DD'`);
  }
  const extensions = record.extensions;
  if (!Array.isArray(extensions)) throw new InvalidInputError('facts.extensions', extensions, `${FACTS_EXPECTED}: an array of extensions`);
  extensions.forEach((extension: unknown, i) => {
    const at = `facts.extensions.${i}`;
    if (typeof extension !== 'object' || extension === null || Array.isArray(extension)) throw new InvalidInputError(at, extension, 'an extension { on, until, workingDays, goodReason, afterDeadline }');
    const { until, untilIfAcknowledgedOnTime, workingDays, goodReason, afterDeadline } = extension as Record<string, unknown>;
    if (!isIsoDate(until)) throw new InvalidInputError(`${at}.until`, until, "a real date 'YYYY-MM-DD'");
    if (untilIfAcknowledgedOnTime !== undefined && !isIsoDate(untilIfAcknowledgedOnTime)) throw new InvalidInputError(`${at}.untilIfAcknowledgedOnTime`, untilIfAcknowledgedOnTime, "a real date 'YYYY-MM-DD'");
    if (typeof workingDays !== 'number' || !Number.isInteger(workingDays) || workingDays < 0 || workingDays > 10_000) throw new InvalidInputError(`${at}.workingDays`, workingDays, 'a whole number of working days, 0 to 10,000');
    if (typeof goodReason !== 'boolean') throw new InvalidInputError(`${at}.goodReason`, goodReason, 'true or false');
    if (typeof afterDeadline !== 'boolean') throw new InvalidInputError(`${at}.afterDeadline`, afterDeadline, 'true or false');
  });
}
