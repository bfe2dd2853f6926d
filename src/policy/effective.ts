import { InvalidInputError } from '../errors.js';
import { conflictsOf, parsePolicy, type PolicyConflict } from './check.js';
import { rulesFingerprint } from './fingerprint.js';
import type { JurisdictionId } from './jurisdiction.js';
import { policies } from './policies.js';
import type { Policy } from './schema.js';

/**
 * The rules a complaint machine actually runs: the policy, with the Code as the floor when
 * `enforceCode` is on. Timescales are the stricter of the two; a rule that takes a right away from
 * the resident gives way to the Code, and `gaveWay` says which.
 *
 * @example
 * ```ts
 * const rules = effectivePolicy(policies.peaksPlainsV4, true);
 * rules.timeLimitMonths; //=> 12
 * rules.gaveWay.map((c) => c.provision); //=> ['2.2', '2.3', '5.2', '5.11', '6.4', '6.5', '6.12', '6.15', '6.16']
 * rules.fingerprint === effectivePolicy(policies.peaksPlainsV4, false).fingerprint; //=> false
 * ```
 */
export interface EffectivePolicy {
  /** The policy's id. */
  readonly policyId: string;
  /** Whether the floor of the policy's jurisdiction (the Code in England, the SPSO model procedure in Scotland) is enforced. */
  readonly enforceCode: boolean;
  /** The policy's jurisdiction: whose rules are the floor, and which ombudsman letters and explanations name. */
  readonly jurisdiction: JurisdictionId;
  /** Whether responses are counted from the start of their stage (receipt, the escalation request) rather than the acknowledgement. */
  readonly responsesFromStartOfStage: boolean;
  /** Whether a complaint may go to stage 2 before a stage 1 response (complex or serious, or the resident asks). */
  readonly directToStage2: boolean;
  /** The landlord's reading of what Awaab's Law leaves open (phase dates, when make-safe starts), if it gave one. */
  readonly hazards: Policy['hazards'];
  /** Stage 1 timescales in working days. */
  readonly stage1: Policy['stage1'];
  /** Stage 2 timescales in working days. */
  readonly stage2: Policy['stage2'];
  /** How old an issue may be, in months, before it can be declined as out of time. */
  readonly timeLimitMonths: number;
  /** Kinds of complaint the time limit never excludes. */
  readonly timeLimitExceptions: Policy['exclusions']['timeLimitExceptions'];
  /** The window for asking for stage 2, in working days after the stage 1 response, if one applies. */
  readonly escalationWindow: number | undefined;
  /** The policy's own window, applied or not: with the Code enforced, a late request is noted, never refused. */
  readonly policyEscalationWindow: number | undefined;
  /** Whether an escalation must give reasons. */
  readonly escalationReasonsRequired: boolean;
  /** Whether an extension needs the Ombudsman's details given. */
  readonly extensionNeedsOmbudsmanDetails: boolean;
  /** The policy's extra timers. */
  readonly timers: Policy['timers'];
  /** Whether community complaints may extend beyond the limits (only with the Code not enforced). */
  readonly communityMayExtend: boolean;
  /** Whether a representative needs the resident's written consent (the Code leaves this to the policy, 1.3). */
  readonly representativeConsent: Policy['representativeConsent'];
  /** Whether every letter must give the Ombudsman's contact details (3.7). */
  readonly ombudsmanDetailsInEveryLetter: boolean;
  /** The policy rules that gave way to the Code (empty when the Code is not enforced). */
  readonly gaveWay: readonly PolicyConflict[];
  /** Every conflict of the policy with the Code. */
  readonly conflicts: readonly PolicyConflict[];
  /**
   * A short, stable digest (16 hex digits) of these rules: equal for equal rules, whatever the key
   * order of the policy given, and different when any timescale, limit, timer, flag or
   * `enforceCode` differs. It leaves out the policy's id, name and source and the wording of the
   * conflicts. Store it beside a record to notice a record later run under other rules. (64-bit
   * FNV-1a of a canonical JSON form; not cryptographic.)
   */
  readonly fingerprint: string;
}

const CODE = policies.code2024;

function stricter<T extends Policy['stage1']>(policy: T, floor: T, enforce: boolean): T {
  if (!enforce) return policy;
  // A stage 1 the floor acknowledges is acknowledged (the Code, 6.2); one it does not may still be.
  const acknowledgeWithin = floor.acknowledgeWithin === undefined ? policy.acknowledgeWithin : Math.min(policy.acknowledgeWithin ?? floor.acknowledgeWithin, floor.acknowledgeWithin);
  return {
    ...(acknowledgeWithin === undefined ? {} : { acknowledgeWithin }),
    respondWithin: Math.min(policy.respondWithin, floor.respondWithin),
    extensionLimit: Math.min(policy.extensionLimit, floor.extensionLimit),
  } as T;
}

/**
 * The rules a machine runs for `policy`, with the floor of its jurisdiction enforced when
 * `enforceCode` is true: the Code 2024 in England, the SPSO model complaints handling procedure in
 * Scotland (whose stage 1 has no acknowledgement and whose responses count from the start of each
 * stage).
 *
 * @param policy - a policy (read once and validated here)
 * @param enforceCode - make the Code the floor (default `true`)
 * @returns the effective rules, the policy rules that gave way, and the rules' fingerprint
 * @throws {@link InvalidPolicyError} for a malformed or unreadable policy (`path` `'policy'`)
 * @throws {@link InvalidInputError} for an `enforceCode` that is not `true` or `false` (`path` `'enforceCode'`)
 *
 * @example
 * ```ts
 * effectivePolicy(policies.peaksPlainsV4, false).timeLimitMonths; //=> 6
 * effectivePolicy(policies.peaksPlainsV4).escalationReasonsRequired; //=> false
 * effectivePolicy({ ...policies.code2024 }).fingerprint === effectivePolicy(policies.code2024).fingerprint; //=> true
 * effectivePolicy(policies.spsoModelChp).jurisdiction; //=> 'scotland'
 * effectivePolicy(policies.spsoModelChp).stage1.acknowledgeWithin; //=> undefined
 * ```
 */
export function effectivePolicy(policy: Policy, enforceCode = true): EffectivePolicy {
  const p = parsePolicy(policy);
  if (typeof enforceCode !== 'boolean') throw new InvalidInputError('enforceCode', enforceCode, 'true or false');
  const conflicts = conflictsOf(p);
  const jurisdiction = p.jurisdiction ?? 'england';
  // The floor is the jurisdiction's own rules: the Code in England, the model procedure in Scotland.
  const floor = jurisdiction === 'scotland' ? policies.spsoModelChp : CODE;
  const code = enforceCode && jurisdiction === 'england';
  const rules = {
    policyId: p.id,
    enforceCode,
    jurisdiction,
    responsesFromStartOfStage: enforceCode ? floor.responsesCountFrom === 'start-of-stage' : p.responsesCountFrom === 'start-of-stage',
    // The floor decides: never under the Code (6.10), always under the model procedure.
    directToStage2: enforceCode ? floor.directToStage2 === true : p.directToStage2 === true,
    hazards: p.hazards,
    stage1: stricter(p.stage1, floor.stage1, enforceCode),
    stage2: stricter(p.stage2, floor.stage2, enforceCode),
    timeLimitMonths: enforceCode ? Math.max(p.exclusions.timeLimitMonths, floor.exclusions.timeLimitMonths) : p.exclusions.timeLimitMonths,
    timeLimitExceptions: p.exclusions.timeLimitExceptions,
    escalationWindow: code ? undefined : p.escalation.requestWithinWorkingDays,
    policyEscalationWindow: p.escalation.requestWithinWorkingDays,
    escalationReasonsRequired: code ? false : p.escalation.reasonsRequired,
    extensionNeedsOmbudsmanDetails: code || p.extensionOmbudsmanDetails === 'always',
    timers: p.timers,
    representativeConsent: p.representativeConsent,
    ombudsmanDetailsInEveryLetter: p.ombudsmanDetailsInEveryLetter === true,
    communityMayExtend: enforceCode ? false : p.communityMayExtend,
    gaveWay: enforceCode ? conflicts.filter((c) => c.givesWay) : [],
    conflicts,
  };
  return Object.freeze({ ...rules, fingerprint: rulesFingerprint(rules) });
}

/**
 * @internal The fingerprint of the rules a machine runs for `policy`: the same as
 * `effectivePolicy(policy, enforceCode).fingerprint`.
 * @throws {@link InvalidPolicyError} for a malformed policy; {@link InvalidInputError} for an `enforceCode` that is not a boolean
 */
export function policyFingerprint(policy: Policy, enforceCode = true): string {
  return effectivePolicy(policy, enforceCode).fingerprint;
}
