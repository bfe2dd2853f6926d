import { InvalidInputError } from '../errors.js';
import { conflictsOf, parsePolicy, type PolicyConflict } from './check.js';
import { rulesFingerprint } from './fingerprint.js';
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
  /** Whether the Code is the floor. */
  readonly enforceCode: boolean;
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

function stricter(policy: Policy['stage1'], code: Policy['stage1'], enforce: boolean): Policy['stage1'] {
  if (!enforce) return policy;
  return {
    acknowledgeWithin: Math.min(policy.acknowledgeWithin, code.acknowledgeWithin),
    respondWithin: Math.min(policy.respondWithin, code.respondWithin),
    extensionLimit: Math.min(policy.extensionLimit, code.extensionLimit),
  };
}

/**
 * The rules a machine runs for `policy`, with the Code as the floor when `enforceCode` is true.
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
 * ```
 */
export function effectivePolicy(policy: Policy, enforceCode = true): EffectivePolicy {
  const p = parsePolicy(policy);
  if (typeof enforceCode !== 'boolean') throw new InvalidInputError('enforceCode', enforceCode, 'true or false');
  const conflicts = conflictsOf(p);
  const rules = {
    policyId: p.id,
    enforceCode,
    stage1: stricter(p.stage1, CODE.stage1, enforceCode),
    stage2: stricter(p.stage2, CODE.stage2, enforceCode),
    timeLimitMonths: enforceCode ? Math.max(p.exclusions.timeLimitMonths, CODE.exclusions.timeLimitMonths) : p.exclusions.timeLimitMonths,
    timeLimitExceptions: p.exclusions.timeLimitExceptions,
    escalationWindow: enforceCode ? undefined : p.escalation.requestWithinWorkingDays,
    policyEscalationWindow: p.escalation.requestWithinWorkingDays,
    escalationReasonsRequired: enforceCode ? false : p.escalation.reasonsRequired,
    extensionNeedsOmbudsmanDetails: enforceCode || p.extensionOmbudsmanDetails === 'always',
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
