import * as z from 'zod/mini';
import { NotPlain, plainCopy } from '../plain.js';
import { isoDate } from '../letters/primitives.js';
import { phaseDatesProblem } from '../hazards/phases.js';

const workingDays = z.int().check(z.minimum(1, { error: 'must be at least 1 working day' }), z.maximum(250, { error: 'must be at most 250 working days' }));
const label = z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' }));
/** A list of a policy: at most 100 entries (a real policy has a handful). */
const list = <T extends z.ZodMiniType>(entry: T) => z.array(entry).check(z.maxLength(100, { error: 'must have at most 100 entries' }));

const StageTimescales = z.strictObject({
  /** Working days to acknowledge, from receipt (stage 1) or the escalation request (stage 2). */
  acknowledgeWithin: workingDays,
  /** Working days to respond, from the acknowledgement (or from the start of the stage, see `responsesCountFrom`). */
  respondWithin: workingDays,
  /** The most working days an extension may add without a good reason. */
  extensionLimit: workingDays,
});

/**
 * Stage 1 may have no formal acknowledgement: the SPSO model procedure's frontline stage answers
 * within 5 working days of receipt, with none. Leave `acknowledgeWithin` out for such a procedure.
 */
const Stage1Timescales = z.strictObject({
  /** Working days to acknowledge, from receipt; absent when stage 1 has no formal acknowledgement. */
  acknowledgeWithin: z.optional(workingDays),
  /** Working days to respond, from the acknowledgement (or from receipt, see `responsesCountFrom`). */
  respondWithin: workingDays,
  /** The most working days an extension may add without a good reason. */
  extensionLimit: workingDays,
});

/** The fields of a {@link Policy}, as given. */
const PolicyShape = z.strictObject({
  /** A stable id, stored in every snapshot made under this policy. */
  id: label,
  /** A name for people. */
  name: label,
  /** Where the rules come from (document and version). */
  source: label,
  /**
   * Whose rules are the floor, and which ombudsman the resident may go to: `'england'` (the
   * Housing Ombudsman's Complaint Handling Code 2024, the default) or `'scotland'` (the Scottish
   * Public Services Ombudsman's model complaints handling procedure). Not the calendar: deadlines
   * are still counted in the working days of the resident's own UK division.
   */
  jurisdiction: z.optional(z.literal(['england', 'scotland'])),
  /**
   * What a stage's response deadline is counted from: the acknowledgement (the Code, 6.3 and 6.14;
   * the default) or the start of the stage, receipt or the escalation request (the SPSO model
   * procedure). A stage 1 without an acknowledgement always counts from receipt.
   */
  responsesCountFrom: z.optional(z.literal(['acknowledgement', 'start-of-stage'])),
  /**
   * Whether a complaint may go to stage 2 before a stage 1 response, when it is complex or serious
   * or the resident asks (the SPSO model procedure allows it; the Code does not, 6.10). Default `false`.
   */
  directToStage2: z.optional(z.boolean()),
  /**
   * How the landlord reads what Awaab's Law leaves open (the Regulations' own text could not be
   * checked; see the Awaab's Law guide): the days phases 2 and 3 begin, once announced (sources give
   * only the years, 2026 and 2027), and when an emergency's 24 hours to make safe start (`'aware'`,
   * the default, or `'safety-work-identified'`).
   */
  hazards: z.optional(
    z.strictObject({
      /** The days phases 2 and 3 begin, `'YYYY-MM-DD'`. */
      phaseDates: z.optional(
        z.strictObject({
          /** The day phase 2 begins (sources give the year, 2026). */
          2: z.optional(isoDate),
          /** The day phase 3 begins (sources give the year, 2027). */
          3: z.optional(isoDate),
        }).check(
          z.superRefine((dates, ctx) => {
            const problem = phaseDatesProblem(dates);
            if (problem) ctx.issues.push({ code: 'custom', message: `must be ${problem.expected}`, input: dates[problem.phase], path: [problem.phase] });
          }),
        ),
      ),
      /** When an emergency's 24 hours to make safe start. */
      emergencyMakeSafeFrom: z.optional(z.literal(['aware', 'safety-work-identified'])),
    }),
  ),
  /** Stage 1 timescales (Code 6.2, 6.3, 6.4). */
  stage1: Stage1Timescales,
  /** Stage 2 timescales (Code 6.11, 6.14, 6.15). */
  stage2: StageTimescales,
  /** Stages besides stage 1 and 2 that the policy names, e.g. `['Quick fix']` (Code 5.2 forbids them). */
  extraNamedStages: list(label),
  /** When a complaint may be declined. */
  exclusions: z.strictObject({
    /** How old an issue may be, in calendar months before receipt (Code 2.3: 12). */
    timeLimitMonths: z.int().check(z.minimum(1), z.maximum(120)),
    /** Kinds of complaint the time limit never excludes, e.g. safeguarding. */
    timeLimitExceptions: list(z.literal(['safeguarding', 'health-and-safety'])),
    /** Other exclusions the policy lists beyond the Code's (2.2), e.g. unacceptable behaviour. */
    otherGrounds: list(label),
  }),
  /** How stage 2 is asked for. */
  escalation: z.strictObject({
    /** Working days after the stage 1 response within which stage 2 must be asked for, if the policy sets a window. */
    requestWithinWorkingDays: z.optional(workingDays),
    /** Whether the resident must say why they want stage 2 (Code 6.12: they must not have to). */
    reasonsRequired: z.boolean(),
  }),
  /** When the Ombudsman's details are given with an extension (Code 6.5, 6.16: always). */
  extensionOmbudsmanDetails: z.literal(['always', 'only-if-not-agreed']),
  /** Whether the policy lets community complaints extend its timescales beyond the limits. */
  communityMayExtend: z.boolean(),
  /** Whether a representative needs the resident's written consent. */
  representativeConsent: z.literal(['written', 'none']),
  /**
   * Whether every letter to the resident gives the Housing Ombudsman's contact details, as many
   * landlords do to meet 3.7 (default `false`: the Code itself asks for them in the letters that
   * refuse, extend or close).
   */
  ombudsmanDetailsInEveryLetter: z.optional(z.boolean()),
  /** Extra timers the policy sets, reported in `describeComplaint` and recorded as breaches when missed. */
  timers: list(
    z.strictObject({
      /** A short id, e.g. `'investigator-contact'`. */
      id: label,
      /** What must happen. */
      label,
      /** What the timer runs from. */
      from: z.literal(['received', 'stage1-acknowledged', 'stage2-acknowledged']),
      /**
       * What stops it, if it is not met first (every timer also stops when the complaint closes):
       * a quick fix stops once the complaint is formally acknowledged for investigation.
       */
      until: z.optional(z.literal(['stage1-acknowledged', 'stage1-responded', 'stage2-acknowledged', 'stage2-responded'])),
      /** Working days allowed. */
      workingDays,
      /** The policy paragraph, e.g. `'6.2.1'`. */
      reference: label,
    }),
  ),
});

/** A policy is small: ten thousand values is far more than any. */
const MAX_POLICY_VALUES = 10_000;

/** Reads the input once into a plain copy; what cannot be read is an issue at its path. */
const readOnce = z.transform((input: unknown, ctx) => {
  try {
    return plainCopy(input, { maxValues: MAX_POLICY_VALUES });
  } catch (error) {
    const unreadable = error instanceof NotPlain ? error : new NotPlain([], 'could not be read', input);
    ctx.issues.push({ code: 'custom', message: unreadable.reason, input: undefined, path: unreadable.path });
    return z.NEVER;
  }
});

/**
 * A complaints policy as data: timescales, exclusions, the escalation rules and any extra timers.
 * Two ship in {@link policies}; a landlord may describe its own and check it with
 * {@link checkPolicy}.
 *
 * Parsing reads the input once, into a copy, and validates the copy: a getter, a Proxy or a
 * throwing accessor gives an issue at its path (`safeParse` never throws), and the result shares
 * nothing with the input. Each list holds at most 100 entries.
 *
 * @example
 * ```ts
 * const strict = Policy.parse({ ...policies.code2024, id: 'strict', name: 'Strict', stage1: { acknowledgeWithin: 3, respondWithin: 10, extensionLimit: 10 } });
 * strict.stage1.acknowledgeWithin; //=> 3
 * ```
 */
export const Policy = z.pipe(readOnce, PolicyShape);

/**
 * The type of {@link Policy}.
 *
 * @example
 * ```ts
 * const limit: Policy['stage2']['extensionLimit'] = 20;
 * ```
 */
export type Policy = z.infer<typeof Policy>;
