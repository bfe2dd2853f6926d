/**
 * The complaint record for reporting and export: flat, versioned, plain JSON, and anonymous (policy
 * 17.1). One schema gives the type, the reader of records files and the docs.
 */
import * as z from 'zod/mini';
import type { Region } from '../calendar/regions.js';
import { InvalidInputError, isErrorNamed, summarise, typedErrors } from '../errors.js';
import { Decision } from '../letters/schemas.js';
import { toUkDate } from '../calendar/ukDate.js';
import { isoDate } from '../letters/primitives.js';
import { identifier, instant, label } from '../machine/context.js';
import type { ComplaintContext } from '../machine/context.js';
import { snapshotEnv, type ComplaintSnapshot } from '../machine/machine.js';
import type { RuleEnv } from '../machine/rules.js';
import { hazardView, processState } from '../machine/views.js';
import { NotPlain, plainCopy } from '../plain.js';

/**
 * The version of {@link ComplaintRecord} this library writes and reads. A record of another version
 * is refused by {@link parseRecord}, naming both.
 *
 * @example
 * ```ts
 * RECORD_VERSION; //=> 1
 * ```
 */
export const RECORD_VERSION = 1;

const days = z.int().check(z.minimum(0), z.maximum(10_000));

const StageFacts = z.strictObject({
  /** The day the stage began: receipt (stage 1) or the escalation request (stage 2). */
  requestedOn: isoDate,
  /** The acknowledgement deadline (6.2, 6.11); absent for a stage with no acknowledgement (the SPSO model procedure's stage 1). */
  acknowledgeBy: z.optional(isoDate),
  /** When the stage was acknowledged. */
  acknowledgedOn: z.optional(isoDate),
  /** The response deadline before any extension (6.3, 6.14). */
  originalRespondBy: z.optional(isoDate),
  /** The response deadline after extensions. */
  respondBy: z.optional(isoDate),
  /**
   * Only when the stage was acknowledged late: the response deadline before any extension had the
   * acknowledgement been sent on its last day. The Code counts the response from the
   * acknowledgement (6.3, 6.14); this is for measures that count from the acknowledgement's
   * deadline instead, so that a late acknowledgement buys no time.
   */
  respondByIfAcknowledgedOnTime: z.optional(isoDate),
  /** When the response was sent. */
  respondedOn: z.optional(isoDate),
  /** The response's decision. */
  decision: z.optional(Decision),
  /** The root cause the landlord found, as labelled on RESPOND. */
  cause: z.optional(label),
  /** At stage 2, when the complaint went straight there before a stage 1 response (a policy that allows it): why. */
  route: z.optional(z.literal(['complex-or-serious', 'resident-asked'])),
  /** The working days an extension may add without a good reason under the complaint's policy (6.4, 6.15). */
  extensionLimit: days,
  /** Extensions, in order. */
  extensions: z.array(
    z.strictObject({
      /** When it was given. */
      on: isoDate,
      /** The new response date. */
      until: isoDate,
      /** Only when the stage was acknowledged late: the new date counted from the deadline it would have had (`respondByIfAcknowledgedOnTime`). */
      untilIfAcknowledgedOnTime: z.optional(isoDate),
      /** Working days it added. */
      workingDays: days,
      /** Whether it needed, and gave, a good reason (beyond the limit). */
      goodReason: z.boolean(),
      /** Given after the deadline had passed: a revised date, not an extension in time. */
      afterDeadline: z.boolean(),
      /** The landlord's label for the reason, if given on EXTEND. */
      category: z.optional(label),
    }),
  ),
});

const Remedy = z.strictObject({
  /** Its id. */
  id: identifier,
  /** The stage at which it was offered. */
  stage: z.literal([1, 2]),
  /** Which remedy of 7.1. */
  kind: z.literal(['apology', 'explanation', 'action', 'decision-changed', 'record-amended', 'financial', 'policy-change']),
  /** For a financial remedy: its amount in whole pence. */
  amountPence: z.optional(z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER))),
  /** When it was offered. */
  offeredOn: isoDate,
  /** By when it was promised. */
  dueOn: z.optional(isoDate),
  /** When it was done (an apology or explanation is done in the letter). */
  completedOn: z.optional(isoDate),
});

const Action = z.strictObject({
  /** Its id. */
  id: identifier,
  /** The stage at which it was promised. */
  stage: z.literal([1, 2]),
  /** The provision that makes it a commitment: 6.6 or 6.17. */
  provision: z.string().check(z.maxLength(20)),
  /** When it was promised. */
  offeredOn: isoDate,
  /** By when. */
  dueOn: z.optional(isoDate),
  /** When it was done. */
  completedOn: z.optional(isoDate),
});

/**
 * The schema of a {@link ComplaintRecord}: what {@link parseRecord} checks.
 *
 * @example
 * ```ts
 * ComplaintRecordSchema.safeParse({ recordVersion: 1 }).success; //=> false
 * ```
 */
export const ComplaintRecordSchema = z.strictObject({
  /** {@link RECORD_VERSION}. */
  recordVersion: z.literal(RECORD_VERSION),
  /** The landlord's reference. */
  id: identifier,
  /** The home's UK division. */
  region: z.literal(['england-and-wales', 'scotland', 'northern-ireland']),
  /** The policy the complaint ran under. */
  policy: z.strictObject({
    /** The policy's id. */
    id: identifier,
    /** Whether the Code was enforced as the floor. */
    enforceCode: z.boolean(),
    /** The digest of the policy's content. */
    fingerprint: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
    /** The policy's jurisdiction, when it is not England's: `'scotland'` (the SPSO model complaints handling procedure). */
    jurisdiction: z.optional(z.literal(['scotland'])),
  }),
  /** The home's tenure, when known. */
  tenure: z.optional(z.literal(['general-needs', 'supported-housing', 'shared-ownership'])),
  /** The landlord's category, when given. */
  category: z.optional(label),
  /** The landlord's service area, when given (policy 18.1). */
  serviceArea: z.optional(label),
  /** How it was made (phone, email, ...), when given. */
  channel: z.optional(label),
  /** Who made it. */
  raisedBy: z.optional(z.literal(['resident', 'representative'])),
  /** Whether it is a community complaint. */
  community: z.boolean(),
  /** Whether it concerns safeguarding or health and safety. */
  safetyConcern: z.boolean(),
  /** When the issue occurred or the resident became aware of it (2.3), when given. */
  issueDate: z.optional(isoDate),
  /** The UK day it was received (the day counted from: a landlord's cut-off time may make it the next). */
  receivedOn: isoDate,
  /** The instant of the last event. */
  lastEventAt: instant,
  /** Where it is now: `'stage1'`, `'stage2'` or `'closed'`. */
  stage: z.literal(['stage1', 'stage2', 'closed']),
  /** The state in words, as `describeComplaint` gives it. */
  status: z.string().check(z.maxLength(100)),
  /** Stage 1. */
  stage1: StageFacts,
  /** Stage 2, once requested. */
  stage2: z.optional(StageFacts),
  /** How and when it closed. */
  closure: z.optional(
    z.strictObject({
      /** Why it closed. */
      reason: z.literal(['declined', 'resolved-at-stage-1', 'final-response', 'withdrawn', 'escalation-refused']),
      /** When. */
      on: isoDate,
    }),
  ),
  /** Declined under section 2 (or 1.4), with the reason code and the stage it was at. */
  declined: z.optional(
    z.strictObject({
      /** When. */
      on: isoDate,
      /** The reason code (2.2, 2.3; 1.4). */
      reason: z.literal(['outside-time-limit', 'legal-proceedings', 'previously-considered', 'not-a-complaint']),
      /** The stage it was at. */
      stage: z.literal([1, 2]),
    }),
  ),
  /** Escalation refused (5.11), with the reason code. */
  escalationRefused: z.optional(
    z.strictObject({
      /** When. */
      on: isoDate,
      /** The reason code (5.11). */
      reason: z.literal(['legal-proceedings', 'previously-considered', 'outside-policy-window']),
    }),
  ),
  /** Deadlines missed, each with its provision. */
  breaches: z.array(
    z.strictObject({
      /** Which deadline: `stage1.respond`, `remedy:<id>`, `timer:<id>`, `hazard:<duty>`. */
      deadline: identifier,
      /** The provision it breaches (a Code provision, a policy paragraph, a part of the SPSO model procedure, or a regulation). */
      provision: z.string().check(z.maxLength(60)),
      /** When it was due. */
      due: isoDate,
      /** For a deadline in clock hours (an emergency hazard's 24 hours), the instant it was due. */
      dueAt: z.optional(instant),
      /** When the breach was recorded. */
      recordedOn: isoDate,
    }),
  ),
  /**
   * A hazard reported beside the complaint (Awaab's Law), when there was one: what it was, and each
   * of its deadlines with when it was met.
   */
  hazard: z.optional(
    z.strictObject({
      /** The HHSRS hazard, e.g. `'damp-and-mould'`. */
      type: identifier,
      /** Emergency or significant, as reported. */
      category: z.literal(['emergency', 'significant']),
      /** The phase of Awaab's Law that brought it into scope. */
      phase: z.literal([1, 2, 3]),
      /** When the landlord became aware of it. */
      awareAt: instant,
      /** What the investigation found, once it concluded. */
      finding: z.optional(z.literal(['emergency', 'significant', 'none'])),
      /** When the track was closed. */
      closedAt: z.optional(instant),
      /** Each deadline. */
      deadlines: z.array(
        z.strictObject({
          /** The duty. */
          duty: identifier,
          /** Its regulation, as secondary sources number it. */
          regulation: z.optional(z.string().check(z.maxLength(40))),
          /** The UK date it was due. */
          due: isoDate,
          /** For a duty in clock hours, the instant. */
          dueAt: z.optional(instant),
          /** When it was met. */
          metAt: z.optional(instant),
        }),
      ),
    }),
  ),
  /** Remedies offered (7.1 to 7.3), without their descriptions. */
  remedies: z.array(Remedy),
  /** Outstanding actions promised in responses (6.6, 6.17), without their descriptions. */
  actions: z.array(Action),
  /** The policy's own timers. */
  timers: z.array(
    z.strictObject({
      /** The policy timer's id. */
      id: identifier,
      /** By when. */
      due: isoDate,
      /** When it was met. */
      metOn: z.optional(isoDate),
      /** When it stopped without being met. */
      stoppedOn: z.optional(isoDate),
    }),
  ),
  /** The Housing Ombudsman's involvement: the findings without the elements' wording. */
  ombudsman: z.strictObject({
    /** When the complaint was referred to the Ombudsman. */
    referredOn: z.optional(isoDate),
    /** When the Ombudsman determined it. */
    determinedOn: z.optional(isoDate),
    /** The finding on each element, in order. */
    findings: z.optional(
      z.array(z.literal(['no-maladministration', 'service-failure', 'maladministration', 'severe-maladministration', 'reasonable-redress', 'outside-jurisdiction', 'withdrawn'])),
    ),
    /** How many orders the determination made. */
    orders: z.optional(days),
  }),
});

/**
 * One complaint as a flat, versioned, JSON-serialisable record for reporting and export: ids,
 * division, policy, tenure, category and service area, each stage's dates, deadlines, extensions
 * and outcome, breaches, decline and refusal reasons, remedies and their completion, the Ombudsman's
 * referral and findings. It holds no name, address or free text: no summary, definition, letter,
 * explanation, reason's wording, remedy description or finding's element (policy 17.1). Labels
 * (`category`, `serviceArea`, `cause`, an extension's `category`) are the landlord's own codes.
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Damp in the bedroom', tenure: 'general-needs' } },
 * ]);
 * const record: ComplaintRecord = toRecord(snapshot)!;
 * record.stage1.acknowledgeBy; //=> '2025-01-13'
 * 'summary' in record; //=> false
 * ```
 */
export type ComplaintRecord = z.infer<typeof ComplaintRecordSchema>;

/**
 * A record that cannot be read: not plain JSON, of another `recordVersion`, or not of the record's
 * shape. `problems` lists each field and what is wrong.
 *
 * @example
 * ```ts
 * try {
 *   parseRecord({ recordVersion: 2 });
 * } catch (error) {
 *   isInvalidRecordError(error); //=> true
 * }
 * ```
 */
export class InvalidRecordError extends InvalidInputError {
  /** The class name: what the `isX()` guards check. */
  override name = 'InvalidRecordError';
  /** Each problem, `path: what is wrong`. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[], value: unknown) {
    super('record', value, `a complaint record of version ${RECORD_VERSION} (${summarise(problems, 3)})`);
    this.problems = problems;
  }
}

/**
 * Whether `error` is an {@link InvalidRecordError}.
 *
 * @example
 * ```ts
 * isInvalidRecordError(new Error('x')); //=> false
 * ```
 */
export function isInvalidRecordError(error: unknown): error is InvalidRecordError {
  return isErrorNamed(error, 'InvalidRecordError');
}

/**
 * Reads a record (from a records file, say): copies it into plain data and checks it against
 * {@link ComplaintRecordSchema} and the order of its dates.
 *
 * @param value - the parsed JSON of one record
 * @returns the record, a copy
 * @throws {@link InvalidRecordError} naming each problem; never anything else
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Damp in the bedroom' } },
 * ]);
 * parseRecord(JSON.parse(JSON.stringify(toRecord(snapshot)))).id; //=> 'C-1'
 * parseRecord({ recordVersion: 2 }); // throws InvalidRecordError
 * ```
 */
export function parseRecord(value: unknown): ComplaintRecord {
  let copy: unknown;
  try {
    copy = plainCopy(value, { maxDepth: 8, maxValues: 20_000 });
  } catch (error) {
    throw new InvalidRecordError([error instanceof NotPlain ? error.message : 'could not be read'], value);
  }
  if (typeof copy === 'object' && copy !== null && 'recordVersion' in copy && (copy as { recordVersion: unknown }).recordVersion !== RECORD_VERSION) {
    throw new InvalidRecordError([`recordVersion: this library reads version ${RECORD_VERSION}, not ${JSON.stringify((copy as { recordVersion: unknown }).recordVersion)}`], value);
  }
  const result = ComplaintRecordSchema.safeParse(copy);
  if (!result.success) {
    throw new InvalidRecordError(
      result.error.issues.slice(0, 20).map((issue) => `${issue.path.map(String).join('.') || 'record'}: ${issue.code === 'unrecognized_keys' ? `no such field ${issue.keys.slice(0, 3).join(', ')}` : issue.message}`),
      value,
    );
  }
  const record = result.data;
  const problems = orderProblems(record);
  if (problems.length > 0) throw new InvalidRecordError(problems, value);
  return record;
}

/** Dates that cannot be in this order in any complaint. */
function orderProblems(record: ComplaintRecord): string[] {
  const problems: string[] = [];
  const last = toUkDate(record.lastEventAt);
  const check = (path: string, earlier: string | undefined, later: string | undefined) => {
    if (earlier !== undefined && later !== undefined && earlier > later) problems.push(`${path}: ${later} is before ${earlier}`);
  };
  // Everything that happened, happened between receipt and the last event.
  const happened = (path: string, day: string | undefined) => {
    check(path, record.receivedOn, day);
    if (day !== undefined && day > last) problems.push(`${path}: ${day} is after the last event (${last})`);
  };
  happened('receivedOn', record.receivedOn);
  check('stage1.requestedOn', record.receivedOn, record.stage1.requestedOn);
  for (const stage of [1, 2] as const) {
    const facts = stage === 1 ? record.stage1 : record.stage2;
    if (!facts) continue;
    const at = `stage${stage}`;
    happened(`${at}.requestedOn`, facts.requestedOn);
    happened(`${at}.acknowledgedOn`, facts.acknowledgedOn);
    happened(`${at}.respondedOn`, facts.respondedOn);
    check(`${at}.acknowledgeBy`, facts.requestedOn, facts.acknowledgeBy);
    check(`${at}.acknowledgedOn`, facts.requestedOn, facts.acknowledgedOn);
    check(`${at}.respondedOn`, facts.acknowledgedOn ?? facts.requestedOn, facts.respondedOn);
    check(`${at}.respondBy`, facts.originalRespondBy, facts.respondBy);
    check(`${at}.originalRespondBy`, facts.acknowledgedOn, facts.originalRespondBy);
    facts.extensions.forEach((extension, i) => {
      happened(`${at}.extensions.${i}.on`, extension.on);
      check(`${at}.extensions.${i}.on`, facts.acknowledgedOn ?? facts.requestedOn, extension.on);
      check(`${at}.extensions.${i}.until`, extension.on, extension.until);
      check(`${at}.extensions.${i}.until`, facts.originalRespondBy, extension.until);
    });
  }
  check('stage2.requestedOn', record.stage1.respondedOn, record.stage2?.requestedOn);
  happened('closure.on', record.closure?.on);
  happened('declined.on', record.declined?.on);
  happened('escalationRefused.on', record.escalationRefused?.on);
  record.breaches.forEach((breach, i) => {
    happened(`breaches.${i}.recordedOn`, breach.recordedOn);
    // A deadline is missed the day after it was due, at the earliest; one in clock hours, on its own day.
    if (breach.dueAt !== undefined ? breach.recordedOn < breach.due : breach.recordedOn <= breach.due) problems.push(`breaches.${i}.recordedOn: ${breach.recordedOn} is not after the ${breach.dueAt !== undefined ? 'instant' : 'day'} it was due (${breach.dueAt ?? breach.due})`);
  });
  for (const [name, items] of [['remedies', record.remedies], ['actions', record.actions]] as const) {
    items.forEach((item, i) => {
      happened(`${name}.${i}.offeredOn`, item.offeredOn);
      happened(`${name}.${i}.completedOn`, item.completedOn);
      check(`${name}.${i}.completedOn`, item.offeredOn, item.completedOn);
    });
  }
  record.timers.forEach((timer, i) => {
    happened(`timers.${i}.metOn`, timer.metOn);
    happened(`timers.${i}.stoppedOn`, timer.stoppedOn);
  });
  happened('ombudsman.referredOn', record.ombudsman.referredOn);
  happened('ombudsman.determinedOn', record.ombudsman.determinedOn);
  check('ombudsman.determinedOn', record.ombudsman.referredOn, record.ombudsman.determinedOn);
  if (record.stage2 && !record.stage1.respondedOn && record.stage2.route === undefined) problems.push('stage2: a stage 2 needs a stage 1 response, unless the complaint went straight there (route)');
  return problems;
}

/**
 * The record of a complaint for reporting and export (see {@link ComplaintRecord}), from a snapshot
 * of the complaint machine. Nothing personal reaches it (policy 17.1).
 *
 * @param snapshot - a snapshot of a complaint machine (from `replay`, `step`, `restore`)
 * @returns the record, or `undefined` before the complaint is received
 * @throws {@link InvalidInputError} for anything but a complaint snapshot; never for a snapshot the machine made
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Mrs Jones: damp at 4 Mill Lane', tenure: 'general-needs', serviceArea: 'repairs' } },
 * ]);
 * toRecord(snapshot)?.stage1.acknowledgeBy; //=> '2025-01-13'
 * toRecord(snapshot)?.serviceArea; //=> 'repairs'
 * ```
 */
export function toRecord(snapshot: ComplaintSnapshot): ComplaintRecord | undefined {
  return typedErrors('snapshot', snapshot, 'a complaint snapshot', () => {
    const env = snapshotEnv(snapshot, 'toRecord');
    return recordOf(snapshot.context, processState(snapshot), env);
  });
}

const STATUS: Record<string, string> = {
  received: 'received',
  'stage1.awaitingAcknowledgement': 'stage 1: to acknowledge',
  'stage1.investigating': 'stage 1: investigating',
  'stage1.responded': 'stage 1: responded',
  'stage2.awaitingAcknowledgement': 'stage 2: to acknowledge',
  'stage2.investigating': 'stage 2: investigating',
};

/** The hazard's facts for the record: its view, without the description (a record holds no free text). */
function hazardFacts(hazard: NonNullable<ComplaintContext['hazard']>): NonNullable<ComplaintRecord['hazard']> {
  const { status: _status, type, category, phase, finding, deadlines } = hazardView(hazard);
  return {
    type,
    category,
    phase,
    awareAt: hazard.awareAt,
    ...(finding ? { finding } : {}),
    ...(hazard.closedAt ? { closedAt: hazard.closedAt } : {}),
    deadlines: deadlines.map(({ duty, regulation, due, dueAt, metAt }) => ({ duty, ...(regulation ? { regulation } : {}), due, ...(dueAt ? { dueAt } : {}), ...(metAt ? { metAt } : {}) })),
  };
}

/**
 * @internal The record of a context, given its process state and the machine's rules. Kept apart
 * from {@link toRecord} so that a store can make records without a snapshot object.
 */
export function recordOf(context: ComplaintContext, state: string, env: RuleEnv): ComplaintRecord | undefined {
  const complaint = context.complaint;
  const stage1 = context.stage1;
  if (!complaint || !stage1 || !context.lastEventAt) return undefined;
  const calendar = env.calendar(complaint.region as Region);
  const stageOf = (day: string): 1 | 2 => (context.stage2 && day >= context.stage2.requestedOn ? 2 : 1);
  const facts = (stage: 1 | 2, record: NonNullable<ComplaintContext['stage1']>) => {
    const policy = stage === 1 ? env.policy.stage1 : env.policy.stage2;
    // Acknowledged late: the deadlines it would have had had it been acknowledged on its last day.
    let shifted: string[] | undefined;
    if (record.originalRespondBy && record.acknowledgedOn && record.acknowledgeBy && record.acknowledgedOn > record.acknowledgeBy) {
      try {
        let due = calendar.addWorkingDays(record.acknowledgeBy, policy.respondWithin);
        shifted = [due];
        for (const e of record.extensions) shifted.push((due = calendar.addWorkingDays(due, e.workingDays)));
      } catch {
        shifted = undefined;
      }
    }
    return {
      requestedOn: record.requestedOn,
      ...(record.acknowledgeBy ? { acknowledgeBy: record.acknowledgeBy } : {}),
      ...(record.acknowledgedOn ? { acknowledgedOn: record.acknowledgedOn } : {}),
      ...(record.originalRespondBy ? { originalRespondBy: record.originalRespondBy } : {}),
      ...(record.respondBy ? { respondBy: record.respondBy } : {}),
      ...(shifted ? { respondByIfAcknowledgedOnTime: shifted[0]! } : {}),
      ...(record.respondedOn ? { respondedOn: record.respondedOn } : {}),
      ...(record.decision ? { decision: record.decision } : {}),
      ...(record.cause ? { cause: record.cause } : {}),
      ...(record.route ? { route: record.route } : {}),
      extensionLimit: policy.extensionLimit,
      extensions: record.extensions.map((e, i) => ({
        on: e.on,
        until: e.until,
        ...(shifted ? { untilIfAcknowledgedOnTime: shifted[i + 1]! } : {}),
        workingDays: e.workingDays,
        goodReason: e.goodReason !== undefined,
        afterDeadline: e.afterDeadline === true,
        ...(e.category ? { category: e.category } : {}),
      })),
    };
  };
  const process = state.split('.')[0];
  const closure = context.closure;
  const declineReason = context.declineReason as NonNullable<ComplaintRecord['declined']>['reason'] | undefined;
  const refusalReason = context.refusalReason as NonNullable<ComplaintRecord['escalationRefused']>['reason'] | undefined;
  const finished = context.ombudsman.findings;
  return {
    recordVersion: RECORD_VERSION,
    id: complaint.id,
    region: complaint.region as Region,
    policy: { id: context.policy.id, enforceCode: context.policy.enforceCode, fingerprint: context.policy.fingerprint, ...(context.policy.jurisdiction ? { jurisdiction: context.policy.jurisdiction } : {}) },
    ...(complaint.tenure ? { tenure: complaint.tenure } : {}),
    ...(complaint.category !== undefined && identifier.safeParse(complaint.category).success ? { category: complaint.category } : {}),
    ...(complaint.serviceArea ? { serviceArea: complaint.serviceArea } : {}),
    ...(complaint.channel !== undefined && identifier.safeParse(complaint.channel).success ? { channel: complaint.channel } : {}),
    ...(complaint.raisedBy ? { raisedBy: complaint.raisedBy } : {}),
    community: complaint.community === true,
    safetyConcern: complaint.safetyConcern === true,
    ...(complaint.issueDate ? { issueDate: complaint.issueDate } : {}),
    receivedOn: stage1.requestedOn,
    lastEventAt: context.lastEventAt,
    stage: process === 'stage2' ? 'stage2' : process === 'closed' ? 'closed' : 'stage1',
    status: process === 'closed' ? `closed: ${closure?.reason ?? 'closed'}` : (STATUS[state] ?? state),
    stage1: facts(1, stage1),
    ...(context.stage2 ? { stage2: facts(2, context.stage2) } : {}),
    ...(closure ? { closure: { reason: closure.reason, on: closure.on } } : {}),
    ...(closure?.reason === 'declined' && declineReason ? { declined: { on: closure.on, reason: declineReason, stage: context.stage2 ? 2 : 1 } } : {}),
    ...(closure?.reason === 'escalation-refused' && refusalReason ? { escalationRefused: { on: closure.on, reason: refusalReason } } : {}),
    breaches: context.breaches.map((b) => ({ deadline: b.deadline, provision: b.provision, due: b.due, ...(b.dueAt ? { dueAt: b.dueAt } : {}), recordedOn: b.recordedOn })),
    ...(context.hazard ? { hazard: hazardFacts(context.hazard) } : {}),
    remedies: context.tracked.flatMap((item) =>
      item.kind === 'remedy' && item.remedy
        ? [
            {
              id: item.id,
              stage: stageOf(item.offeredOn),
              kind: item.remedy.kind,
              ...(item.remedy.amountPence !== undefined ? { amountPence: item.remedy.amountPence } : {}),
              offeredOn: item.offeredOn,
              ...(item.dueOn ? { dueOn: item.dueOn } : {}),
              ...(item.completedOn ? { completedOn: item.completedOn } : {}),
            },
          ]
        : [],
    ),
    actions: context.tracked.flatMap((item) =>
      item.kind === 'action'
        ? [{ id: item.id, stage: stageOf(item.offeredOn), provision: item.provision, offeredOn: item.offeredOn, ...(item.dueOn ? { dueOn: item.dueOn } : {}), ...(item.completedOn ? { completedOn: item.completedOn } : {}) }]
        : [],
    ),
    timers: context.timers.map((t) => ({ id: t.id, due: t.due, ...(t.metOn ? { metOn: t.metOn } : {}), ...(t.stoppedOn ? { stoppedOn: t.stoppedOn } : {}) })),
    ombudsman: {
      ...(context.ombudsman.referredOn ? { referredOn: context.ombudsman.referredOn } : {}),
      ...(context.ombudsman.determinedOn ? { determinedOn: context.ombudsman.determinedOn } : {}),
      ...(finished ? { findings: finished.map((f) => f.finding), orders: finished.reduce((n, f) => n + (f.orders?.length ?? 0), 0) } : {}),
    },
  };
}
