import type * as z from 'zod/mini';
import { InvalidPolicyError } from './errors.js';
import { MCHP } from './jurisdiction.js';
import { policies } from './policies.js';
import { Policy } from './schema.js';

/**
 * A rule of a policy that conflicts with the floor of its jurisdiction: the Code 2024 in England,
 * the SPSO model complaints handling procedure in Scotland.
 *
 * @example
 * ```ts
 * const conflict: PolicyConflict = { provision: '2.3', policyRule: 'exclusions.timeLimitMonths', message: '...' };
 * ```
 */
export interface PolicyConflict {
  /** The Code provision (or, in Scotland, the part of the model procedure: `'MCHP stage 1'`) the rule conflicts with. */
  readonly provision: string;
  /** The policy field that holds the rule. */
  readonly policyRule: string;
  /** What conflicts, and what the Code requires. */
  readonly message: string;
  /** Whether, with the Code enforced, the machine follows the Code here (the policy rule gives way). */
  readonly givesWay: boolean;
}

const CODE = policies.code2024;

/** One problem for a message: `path: what is wrong`, cut short. zod/mini's own messages say only "Invalid input". */
function problem(issue: z.core.$ZodIssue): string {
  const quote = (values: readonly unknown[]) => values.slice(0, 5).map((value) => (typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(value))).join(', ');
  const what =
    issue.code === 'unrecognized_keys'
      ? `no such field ${quote(issue.keys)}`
      : issue.code === 'invalid_type'
        ? `expected ${issue.expected}`
        : issue.code === 'invalid_value'
          ? `expected one of ${quote(issue.values)}`
          : issue.message;
  const line = `${issue.path.map(String).join('.') || 'policy'}: ${what}`;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * @internal Parses a policy (read once, into a copy), or throws {@link InvalidPolicyError} listing
 * the problems. Never throws anything else, whatever `policy` is.
 */
export function parsePolicy(policy: unknown): Policy {
  let result: ReturnType<typeof Policy.safeParse>;
  try {
    result = Policy.safeParse(policy);
  } catch {
    throw new InvalidPolicyError(['policy: could not be read'], policy);
  }
  if (result.success) return result.data;
  throw new InvalidPolicyError(result.error.issues.map(problem), policy);
}

/**
 * Every rule of a policy that conflicts with the floor of its own jurisdiction, each naming its
 * provision: the Code 2024 for a policy of `'england'` (the default), the SPSO model complaints
 * handling procedure for one of `'scotland'`. A policy may be stricter with the landlord (shorter
 * timescales) without conflict; a rule that is slower than the floor or takes a right away from
 * the resident is listed.
 *
 * @param policy - a policy (read once and validated here)
 * @returns the conflicts, in provision order; empty for a policy that meets the Code
 * @throws {@link InvalidPolicyError} for a malformed or unreadable policy (its `path` is `'policy'`)
 *
 * @example
 * ```ts
 * checkPolicy(policies.code2024); //=> []
 * checkPolicy(policies.peaksPlainsV4).map((c) => c.provision); //=> ['2.2', '2.3', '5.2', '5.11', '6.4', '6.5', '6.12', '6.15', '6.16']
 * checkPolicy(policies.spsoModelChp); //=> []
 * checkPolicy({ ...policies.spsoModelChp, stage1: { respondWithin: 10, extensionLimit: 5 } })[0].provision; //=> 'MCHP stage 1'
 * ```
 */
export function checkPolicy(policy: Policy): PolicyConflict[] {
  return conflictsOf(parsePolicy(policy));
}

/** @internal The conflicts of a policy already parsed. */
export function conflictsOf(p: Policy): PolicyConflict[] {
  return p.jurisdiction === 'scotland' ? scottishConflicts(p) : codeConflicts(p);
}

/** The conflicts of a Scottish policy with the SPSO model procedure, in the procedure's order. */
function scottishConflicts(p: Policy): PolicyConflict[] {
  const floor = policies.spsoModelChp;
  const conflicts: PolicyConflict[] = [];
  const add = (provision: string, policyRule: string, message: string) => conflicts.push({ provision, policyRule, message, givesWay: true });
  const limits = [
    ['stage1', 'respondWithin', MCHP.stage1, 'give the frontline (stage 1) response'],
    ['stage1', 'extensionLimit', MCHP.stage1Extension, 'extend the frontline response'],
    ['stage2', 'acknowledgeWithin', MCHP.stage2Acknowledgement, 'acknowledge a stage 2 complaint'],
    ['stage2', 'respondWithin', MCHP.stage2, 'give the stage 2 decision'],
    ['stage2', 'extensionLimit', MCHP.stage2Extension, 'extend stage 2 without a good reason'],
  ] as const;
  for (const [stage, field, provision, what] of limits) {
    const value = (p[stage] as Record<string, number | undefined>)[field];
    const most = (floor[stage] as Record<string, number>)[field]!;
    if (value !== undefined && value > most) add(provision, `${stage}.${field}`, `The policy allows ${value} working days to ${what}; the model procedure allows at most ${most}.`);
  }
  if (p.responsesCountFrom !== 'start-of-stage') {
    add(MCHP.stage2, 'responsesCountFrom', 'The policy counts a response from its acknowledgement; the model procedure counts it from receipt at stage 1 and from the start of stage 2, so the machine does too.');
  }
  if (p.directToStage2 !== true) {
    add(MCHP.direct, 'directToStage2', 'The policy does not let a complaint go straight to stage 2; the model procedure sends complex or serious complaints there, and a resident may ask for it.');
  }
  if (p.communityMayExtend) {
    add(MCHP.stage1Extension, 'communityMayExtend', 'The policy lets community complaints extend its timescales at the landlord’s discretion; the model procedure allows the frontline response at most 10 working days in all, and asks for revised time limits at stage 2 to be explained.');
  }
  if (p.extraNamedStages.length > 0) {
    add(MCHP.stages, 'extraNamedStages', `The policy names stages besides stage 1 and stage 2 (${p.extraNamedStages.join(', ')}); the model procedure has two stages, frontline response and investigation.`);
  }
  if (p.exclusions.timeLimitMonths < floor.exclusions.timeLimitMonths) {
    add(MCHP.timeLimit, 'exclusions.timeLimitMonths', `The policy excludes complaints about issues more than ${p.exclusions.timeLimitMonths} months old; the model procedure takes complaints made within ${floor.exclusions.timeLimitMonths} months of the event or of the resident finding out.`);
  }
  return conflicts;
}

/** The conflicts of a policy with the Code 2024, in provision order. */
function codeConflicts(p: Policy): PolicyConflict[] {
  const conflicts: PolicyConflict[] = [];
  const add = (provision: string, policyRule: string, message: string, givesWay = true) => conflicts.push({ provision, policyRule, message, givesWay });
  if (p.stage1.acknowledgeWithin === undefined) {
    add('6.2', 'stage1.acknowledgeWithin', `The policy has no acknowledgement at stage 1; the Code requires one within ${CODE.stage1.acknowledgeWithin} working days of receipt.`);
  }
  if (p.responsesCountFrom === 'start-of-stage') {
    add('6.3', 'responsesCountFrom', 'The policy counts a response from the start of its stage; the Code counts it from the acknowledgement (6.3, 6.14), so the machine does too.');
  }
  if (p.directToStage2 === true) {
    add('6.10', 'directToStage2', 'The policy lets a complaint go to stage 2 before a stage 1 response; under the Code stage 2 follows the stage 1 response.');
  }

  const timescales = [
    ['stage1', 'acknowledgeWithin', '6.2', 'acknowledge a stage 1 complaint'],
    ['stage1', 'respondWithin', '6.3', 'respond at stage 1'],
    ['stage1', 'extensionLimit', '6.4', 'extend at stage 1 without good reason'],
    ['stage2', 'acknowledgeWithin', '6.11', 'acknowledge a stage 2 request'],
    ['stage2', 'respondWithin', '6.14', 'respond at stage 2'],
    ['stage2', 'extensionLimit', '6.15', 'extend at stage 2 without good reason'],
  ] as const;
  for (const [stage, field, provision, what] of timescales) {
    const value = (p[stage] as Record<string, number | undefined>)[field];
    const most = (CODE[stage] as Record<string, number>)[field]!;
    if (value !== undefined && value > most) add(provision, `${stage}.${field}`, `The policy allows ${value} working days to ${what}; the Code allows at most ${most}.`);
  }
  if (p.exclusions.otherGrounds.length > 0) {
    add('2.2', 'exclusions.otherGrounds', `The policy excludes complaints on grounds the Code does not list as exclusions (${p.exclusions.otherGrounds.join('; ')}); the Code's are an issue over 12 months old, legal proceedings started, or a matter already considered. The machine declines only for the Code's reasons (and 'not-a-complaint', 1.4).`);
  }
  if (p.exclusions.timeLimitMonths < CODE.exclusions.timeLimitMonths) {
    add('2.3', 'exclusions.timeLimitMonths', `The policy excludes complaints about issues more than ${p.exclusions.timeLimitMonths} months old; the Code requires landlords to accept them within 12 months of the issue (or of the resident becoming aware of it).`);
  }
  if (p.extraNamedStages.length > 0) {
    add('5.2', 'extraNamedStages', `The policy names stages besides stage 1 and stage 2 (${p.extraNamedStages.join(', ')}); the Code does not allow extra named stages such as 'stage 0' or 'informal complaint'. A quick resolution is fine, but as stage 1.`);
  }
  if (p.escalation.requestWithinWorkingDays !== undefined) {
    add('5.11', 'escalation.requestWithinWorkingDays', `The policy only escalates requests made within ${p.escalation.requestWithinWorkingDays} working days of the stage 1 response; under the Code a landlord may refuse to escalate only for a reason in section 2, and a late request is not one.`);
  }
  if (p.communityMayExtend) {
    add('6.4', 'communityMayExtend', 'The policy lets community complaints extend its timescales at the landlord’s discretion; the Code allows an extension of at most 10 working days (20 at stage 2) without a good reason, explained to the resident.');
  }
  if (p.extensionOmbudsmanDetails !== 'always') {
    add('6.5', 'extensionOmbudsmanDetails', 'The policy gives the Ombudsman’s details with a stage 1 extension only if the new date cannot be agreed; the Code requires them whenever the resident is told of an extension.');
  }
  if (p.escalation.reasonsRequired) {
    add('6.12', 'escalation.reasonsRequired', 'The policy requires the resident to state what they challenge and why before escalating; the Code says residents must not be required to explain their reasons for requesting stage 2.');
  }
  if (p.communityMayExtend) {
    add('6.15', 'communityMayExtend', 'The same discretion applies at stage 2; the Code allows at most 20 working days more without a good reason.');
  }
  if (p.extensionOmbudsmanDetails !== 'always') {
    add('6.16', 'extensionOmbudsmanDetails', 'The same applies to stage 2 extensions; the Code requires the Ombudsman’s details with every extension.');
  }
  const order = (provision: string) => provision.split('.').map(Number);
  return conflicts.sort((a, b) => {
    const [a1, a2] = order(a.provision);
    const [b1, b2] = order(b.provision);
    return a1! - b1! || a2! - b2!;
  });
}
