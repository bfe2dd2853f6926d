/**
 * Whether a stage's response was within the Code's timescales: the one rule the measures (CH02) and
 * the annual report share.
 */
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
  if (!facts.originalRespondBy || !facts.respondBy) return undefined;
  const due = deadlineOf(facts, stage, options.extensions ?? TIMELINESS_DEFAULTS.extensions, false);
  const late = options.lateAcknowledgement ?? TIMELINESS_DEFAULTS.lateAcknowledgement;
  if (late !== 'as-if-acknowledged-on-time' || !facts.respondByIfAcknowledgedOnTime) return due;
  // The same extensions, counted from the deadline the stage would have had: never later than `due`.
  const asIf = deadlineOf(facts, stage, options.extensions ?? TIMELINESS_DEFAULTS.extensions, true);
  return asIf < due ? asIf : due;
}

/** The last day within timescale, following the extensions the choice allows, on the actual or the as-if dates. */
function deadlineOf(facts: StageFacts, stage: 1 | 2, extensions: NonNullable<TimelinessOptions['extensions']>, asIf: boolean): string {
  let due = asIf ? facts.respondByIfAcknowledgedOnTime! : facts.originalRespondBy!;
  if (extensions !== 'original-deadline') {
    let total = 0;
    for (const extension of facts.extensions) {
      // A date given after the deadline had passed is not an extension in time: the breach stands.
      if (extension.afterDeadline) break;
      total += extension.workingDays;
      if (extensions === 'permitted' && total > CODE_EXTENSION_LIMIT[stage] && !extension.goodReason) break;
      due = asIf ? (extension.untilIfAcknowledgedOnTime ?? extension.until) : extension.until;
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
  if (!facts.respondedOn) return undefined;
  const late = options.lateAcknowledgement ?? TIMELINESS_DEFAULTS.lateAcknowledgement;
  if (late === 'not-within-timescale' && facts.acknowledgedOn && facts.acknowledgedOn > facts.acknowledgeBy) return false;
  const due = timescaleDeadline(facts, stage, options);
  return due !== undefined && facts.respondedOn <= due;
}
