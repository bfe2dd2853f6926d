import * as z from 'zod/mini';
import { OmbudsmanContact } from './ombudsman.js';
import { isPence, isoDate, text } from './primitives.js';

type Ctx = z.core.$RefinementCtx;

/** Adds an issue that names its provision (the validator reads `params.provision`). */
function breach(ctx: Ctx, path: (string | number)[], provision: string, message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { provision } });
}

/** A promised date must not be before the letter is sent. */
function notBeforeSent(ctx: Ctx, sentOn: unknown, date: unknown, path: (string | number)[], provision: string, what: string): void {
  if (typeof sentOn === 'string' && typeof date === 'string' && date < sentOn) {
    breach(ctx, path, provision, `${what} (${date}) is before the letter is sent (${sentOn})`);
  }
}

const stage = z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2 (the Code has two stages, 5.2)' });

/**
 * The complaint definition (5.6): the points of complaint, each with an id the findings refer to,
 * and the outcomes the resident is seeking. Both lists must be non-empty and point ids unique.
 *
 * @example
 * ```ts
 * const definition = ComplaintDefinition.parse({
 *   points: [{ id: 'repair', summary: ' The kitchen leak was not repaired after two reports. ' }],
 *   outcomesSought: ['The leak fixed'],
 * });
 * definition.points[0].summary; //=> 'The kitchen leak was not repaired after two reports.'
 * ```
 */
export const ComplaintDefinition = z
  .strictObject({
    /** The points of complaint. */
    points: z.array(
      z.strictObject({
        /** A short id the findings refer to, unique in the definition. */
        id: text,
        /** The point, in the resident's terms. */
        summary: text,
      }),
    ).check(z.minLength(1, { error: 'must list at least one point of complaint' })),
    /** What the resident wants to happen. */
    outcomesSought: z.array(text).check(z.minLength(1, { error: 'must list at least one outcome the resident is seeking' })),
  })
  .check(
    z.superRefine((definition, ctx) => {
    const seen = new Set<string>();
    definition.points.forEach((point, i) => {
      if (seen.has(point.id)) breach(ctx, ['points', i, 'id'], '5.6', `point id '${point.id}' is used twice`);
      seen.add(point.id);
    });
    }),
  );

/**
 * The type of {@link ComplaintDefinition}.
 *
 * @example
 * ```ts
 * const definition: ComplaintDefinition = { points: [{ id: 'p1', summary: 'Damp in the bedroom' }], outcomesSought: ['Damp treated'] };
 * ```
 */
export type ComplaintDefinition = z.infer<typeof ComplaintDefinition>;

/**
 * A landlord's decision on a complaint (policy 10.1): every point upheld, some, or none.
 *
 * @example
 * ```ts
 * Decision.safeParse('partly-upheld').success; //=> true
 * Decision.safeParse('partly').success; //=> false
 * ```
 */
export const Decision = z.literal(['upheld', 'partly-upheld', 'not-upheld'], { error: "must be 'upheld', 'partly-upheld' or 'not-upheld'" });

/**
 * The type of {@link Decision}.
 *
 * @example
 * ```ts
 * const decision: Decision = 'partly-upheld';
 * ```
 */
export type Decision = z.infer<typeof Decision>;

/** Remedies that happen after the letter, so must say by when (7.3); an apology or explanation is given in the letter itself. */
const DATED_REMEDIES = new Set(['action', 'financial', 'record-amended', 'policy-change']);

/**
 * A remedy (7.1): what the landlord will do to put things right. Anything still to happen (an
 * `action`, a `financial` payment, an amended record, a policy change) says by when (`dueOn`), and a
 * `financial` remedy says how much in whole pence, more than 0 (7.3: what will happen and by when;
 * `formatPounds` takes the same whole pence).
 *
 * @example
 * ```ts
 * Remedy.parse({ kind: 'financial', description: 'Compensation for the delay', amountPence: 15000, dueOn: '2025-02-07' }).amountPence; //=> 15000
 * ```
 */
export const Remedy = z
  .strictObject({
    /** Which of the remedies of 7.1. */
    kind: z.literal(['apology', 'explanation', 'action', 'decision-changed', 'record-amended', 'financial', 'policy-change'], {
      error: 'must be one of the remedies of 7.1: apology, explanation, action, decision-changed, record-amended, financial, policy-change',
    }),
    /** What will happen, in the resident's terms. */
    description: text,
    /** By when (required for an `action`). */
    dueOn: z.optional(isoDate),
    /** For a `financial` remedy: the amount in whole pence. */
    amountPence: z.optional(z.number({ error: 'must be a number of pence' })),
  })
  .check(
    z.superRefine((remedy, ctx) => {
    if (remedy.kind === 'financial' && !(isPence(remedy.amountPence) && remedy.amountPence > 0)) {
      breach(ctx, ['amountPence'], '7.3', 'a financial remedy must state a whole, positive amount in pence');
    }
    if (remedy.kind !== 'financial' && remedy.amountPence !== undefined) {
      breach(ctx, ['amountPence'], '7.3', 'only a financial remedy has an amount');
    }
    if (DATED_REMEDIES.has(remedy.kind) && remedy.dueOn === undefined) {
      breach(ctx, ['dueOn'], '7.3', `${remedy.kind === 'action' ? 'an action' : `a ${remedy.kind} remedy`} must say by when it will be done (dueOn)`);
    }
    }),
  );

/**
 * The type of {@link Remedy}.
 *
 * @example
 * ```ts
 * const remedy: Remedy = { kind: 'action', description: 'Replace the extractor fan', dueOn: '2025-02-14' };
 * ```
 */
export type Remedy = z.infer<typeof Remedy>;

/**
 * The finding on one point of the complaint definition, with its reasons (6.7: clear reasons,
 * referencing policy, law or good practice where appropriate).
 *
 * @example
 * ```ts
 * Finding.parse({ pointId: 'p1', upheld: true, reasons: 'We missed two appointments.', references: ['Repairs policy 4.2'] }).upheld; //=> true
 * ```
 */
export const Finding = z.strictObject({
  /** The `id` of the point in the complaint definition. */
  pointId: text,
  /** Whether the point is upheld. */
  upheld: z.boolean({ error: 'must be true or false' }),
  /** Clear reasons for the finding. */
  reasons: text,
  /** The policy, law or good practice relied on. */
  references: z.optional(z.array(text).check(z.minLength(1, { error: 'must list at least one reference, or be left out' }))),
});

/**
 * The type of {@link Finding}.
 *
 * @example
 * ```ts
 * const finding: Finding = { pointId: 'p1', upheld: false, reasons: 'The repair was done on time.' };
 * ```
 */
export type Finding = z.infer<typeof Finding>;

/**
 * An action still to be done when the response is sent (6.6, 6.17): respond when the answer is
 * known, and track what remains.
 *
 * @example
 * ```ts
 * OutstandingAction.parse({ description: 'Replaster the bedroom wall', dueOn: '2025-03-07' }).dueOn; //=> '2025-03-07'
 * ```
 */
export const OutstandingAction = z.strictObject({
  /** What is still to be done. */
  description: text,
  /** By when. */
  dueOn: isoDate,
});

/**
 * The type of {@link OutstandingAction}.
 *
 * @example
 * ```ts
 * const action: OutstandingAction = { description: 'Survey the roof', dueOn: '2025-02-03' };
 * ```
 */
export type OutstandingAction = z.infer<typeof OutstandingAction>;

const record = {
  /** The landlord's reference for the complaint. */
  complaintId: text,
  /** The date the letter is sent, `'YYYY-MM-DD'`. */
  sentOn: isoDate,
};

/**
 * An acknowledgement at stage 1 (5.6, 5.7, 6.2) or stage 2 (6.11): the complaint definition, who is
 * handling it, when the response is due, any clarification needed and what the landlord is not
 * responsible for.
 *
 * @example
 * ```ts
 * const letter = Acknowledgement.parse({
 *   kind: 'acknowledgement', complaintId: 'C-1', sentOn: '2025-01-06', stage: 1, handler: 'Sam Patel',
 *   definition: { points: [{ id: 'p1', summary: 'Leak not repaired' }], outcomesSought: ['Leak repaired'] },
 *   respondBy: '2025-01-20',
 * });
 * letter.handler; //=> 'Sam Patel'
 * ```
 */
export const Acknowledgement = z
  .strictObject({
    /** The kind of letter. */
    kind: z.literal('acknowledgement'),
    ...record,
    /** Stage 1 or 2. */
    stage,
    /** Who is handling the complaint. */
    handler: text,
    /** The complaint definition (5.6). */
    definition: ComplaintDefinition,
    /** The date the response is due. */
    respondBy: isoDate,
    /** Where anything is unclear, what the resident is asked to clarify (5.6). */
    clarificationRequested: z.optional(text),
    /** Aspects the landlord is not responsible for (5.7). */
    notResponsibleFor: z.optional(z.array(text).check(z.minLength(1, { error: 'must list at least one aspect, or be left out' }))),
    /** The Housing Ombudsman's contact details: the resident's right to the Ombudsman (3.7). */
    ombudsman: z.optional(OmbudsmanContact),
  })
  .check(
    z.superRefine((letter, ctx) => {
    notBeforeSent(ctx, letter.sentOn, letter.respondBy, ['respondBy'], letter.stage === 2 ? '6.14' : '6.3', 'the response date');
    }),
  );

/**
 * The type of {@link Acknowledgement}.
 *
 * @example
 * ```ts
 * const stage: Acknowledgement['stage'] = 2;
 * ```
 */
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/**
 * A notice that the response will take longer (6.4, 6.5 at stage 1; 6.15, 6.16 at stage 2): the
 * reasons, the new date, a good reason when the extension goes beyond the Code's limit, and the
 * Ombudsman's contact details, without which it is not valid.
 *
 * @example
 * ```ts
 * const result = ExtensionNotice.safeParse({
 *   kind: 'extension-notice', complaintId: 'C-1', sentOn: '2025-01-15', stage: 1,
 *   reasons: 'We are waiting for a damp survey.', newRespondBy: '2025-01-29',
 * });
 * result.success; //=> false (no Ombudsman details: 6.5)
 * ```
 */
export const ExtensionNotice = z
  .strictObject({
    /** The kind of letter. */
    kind: z.literal('extension-notice'),
    ...record,
    /** Stage 1 or 2. */
    stage,
    /** Why more time is needed, clearly explained. */
    reasons: text,
    /** The new response date. */
    newRespondBy: isoDate,
    /** Why the extension goes beyond the Code's limit (10 or 20 working days), when it does. */
    goodReason: z.optional(text),
    /** The Housing Ombudsman's contact details (6.5, 6.16). */
    ombudsman: OmbudsmanContact,
  })
  .check(
    z.superRefine((letter, ctx) => {
    notBeforeSent(ctx, letter.sentOn, letter.newRespondBy, ['newRespondBy'], letter.stage === 2 ? '6.15' : '6.4', 'the new response date');
    }),
  );

/**
 * The type of {@link ExtensionNotice}.
 *
 * @example
 * ```ts
 * const reasons: ExtensionNotice['reasons'] = 'We are waiting for a contractor’s report.';
 * ```
 */
export type ExtensionNotice = z.infer<typeof ExtensionNotice>;

const responseFields = {
  ...record,
  /** (b) The complaint definition. */
  definition: ComplaintDefinition,
  /** (c) The decision. */
  decision: Decision,
  /** (d) One finding per point, with reasons. */
  findings: z.array(Finding).check(z.minLength(1, { error: 'must give a finding for each point of complaint' })),
  /** (e) The remedies offered. */
  remedies: z.array(Remedy),
  /** (f) Actions still to be done. */
  outstandingActions: z.array(OutstandingAction),
};

interface ResponseLike {
  sentOn: string;
  definition: ComplaintDefinition;
  decision: Decision;
  findings: Finding[];
  remedies: Remedy[];
  outstandingActions: OutstandingAction[];
}

/** Rules a response must meet beyond its fields: every point answered once, a decision that fits. */
function checkResponse(stage: 1 | 2) {
  const address = stage === 1 ? '6.7' : '6.18';
  const parts = stage === 1 ? '6.9' : '6.19';
  return (letter: ResponseLike, ctx: Ctx): void => {
    const points = new Set(letter.definition.points.map((p) => p.id));
    const answered = new Set<string>();
    let covered = true;
    letter.findings.forEach((finding, i) => {
      if (!points.has(finding.pointId)) {
        covered = false;
        breach(ctx, ['findings', i, 'pointId'], address, `finding ${i + 1} is about '${finding.pointId}', which is not a point in the complaint definition`);
      } else if (answered.has(finding.pointId)) {
        covered = false;
        breach(ctx, ['findings', i, 'pointId'], address, `point '${finding.pointId}' has more than one finding`);
      }
      answered.add(finding.pointId);
    });
    letter.definition.points.forEach((point, i) => {
      if (answered.has(point.id)) return;
      covered = false;
      breach(ctx, ['definition', 'points', i], address, `point '${point.id}' (${point.summary}) has no finding: every point must be addressed`);
    });
    // The decision is judged only on a complete set of findings: one per point.
    const upheld = letter.findings.filter((f) => f.upheld).length;
    const expected = upheld === letter.findings.length ? 'upheld' : upheld === 0 ? 'not-upheld' : 'partly-upheld';
    if (covered && letter.findings.length > 0 && letter.decision !== expected) {
      breach(ctx, ['decision'], `${parts}(c)`, `the decision is '${letter.decision}' but ${upheld} of ${letter.findings.length} findings are upheld, so it must be '${expected}'`);
    }
    if (upheld > 0 && letter.remedies.length === 0) {
      breach(ctx, ['remedies'], '7.1', `${upheld} finding${upheld === 1 ? ' is' : 's are'} upheld but no remedy is offered: where something has gone wrong, say what will put it right (at least an apology)`);
    }
    letter.remedies.forEach((remedy, i) => notBeforeSent(ctx, letter.sentOn, remedy.dueOn, ['remedies', i, 'dueOn'], '7.3', 'the remedy date'));
    letter.outstandingActions.forEach((action, i) =>
      notBeforeSent(ctx, letter.sentOn, action.dueOn, ['outstandingActions', i, 'dueOn'], stage === 1 ? '6.6' : '6.17', 'the action date'),
    );
  };
}

/**
 * The stage 1 response (6.9): (a) stage, (b) complaint definition, (c) decision, (d) reasons,
 * (e) remedies, (f) outstanding actions, (g) how to escalate to stage 2; every point addressed (6.7).
 *
 * @example
 * ```ts
 * Stage1Response.shape.escalation.shape.route.safeParse('  ').success; //=> false
 * ```
 */
export const Stage1Response = z
  .strictObject({
    /** The kind of letter. */
    kind: z.literal('stage1-response'),
    /** (a) The complaint stage. */
    stage: z.literal(1, { error: 'must be 1' }),
    ...responseFields,
    /** (g) How to escalate to stage 2: the `route`, and optionally the date to ask by. */
    escalation: z.strictObject({
      /** How to ask for stage 2. */
      route: text,
      /** The date to ask by, if the landlord's policy has one. */
      requestBy: z.optional(isoDate),
    }),
    /** The Housing Ombudsman's contact details, which landlords give in every letter (3.7). */
    ombudsman: z.optional(OmbudsmanContact),
  })
  .check(
    z.superRefine((letter, ctx) => {
    checkResponse(1)(letter, ctx);
    notBeforeSent(ctx, letter.sentOn, letter.escalation.requestBy, ['escalation', 'requestBy'], '6.9(g)', 'the date to ask for stage 2 by');
    }),
  );

/**
 * The type of {@link Stage1Response}.
 *
 * @example
 * ```ts
 * const part: Stage1Response['escalation'] = { route: 'Reply to this letter or call 0300 123 4567.' };
 * ```
 */
export type Stage1Response = z.infer<typeof Stage1Response>;

/**
 * The stage 2 (final) response (6.19): parts (a) to (f) as at stage 1, and (g) how to escalate to
 * the Housing Ombudsman, with the Ombudsman's contact details; every point addressed (6.18).
 *
 * @example
 * ```ts
 * Stage2Response.shape.stage.safeParse(1).success; //=> false
 * ```
 */
export const Stage2Response = z
  .strictObject({
    /** The kind of letter. */
    kind: z.literal('stage2-response'),
    /** (a) The complaint stage. */
    stage: z.literal(2, { error: 'must be 2' }),
    ...responseFields,
    /** (g) How to escalate to the Housing Ombudsman. */
    ombudsmanRoute: text,
    /** (g) The Housing Ombudsman's contact details. */
    ombudsman: OmbudsmanContact,
  })
  .check(z.superRefine(checkResponse(2)));

/**
 * The type of {@link Stage2Response}.
 *
 * @example
 * ```ts
 * const route: Stage2Response['ombudsmanRoute'] = 'You can ask the Housing Ombudsman to investigate.';
 * ```
 */
export type Stage2Response = z.infer<typeof Stage2Response>;

/** The two letters that say no: the reasons, and the right to take the decision to the Ombudsman (2.4, 5.11). */
function refusalLetter<K extends 'decline-notice' | 'escalation-refusal'>(kind: K) {
  return z.strictObject({
    /** The kind of letter. */
    kind: z.literal(kind),
    ...record,
    /** The reasons, clearly set out. */
    reasons: text,
    /** The Housing Ombudsman's contact details, for the right to take the decision to the Ombudsman. */
    ombudsman: OmbudsmanContact,
  });
}

/**
 * A decision not to accept a complaint (2.4): the reasons, and the right to take that decision to
 * the Ombudsman.
 *
 * @example
 * ```ts
 * DeclineNotice.shape.reasons.parse('  Legal proceedings have started.  '); //=> 'Legal proceedings have started.'
 * ```
 */
export const DeclineNotice = refusalLetter('decline-notice');

/**
 * The type of {@link DeclineNotice}.
 *
 * @example
 * ```ts
 * const reasons: DeclineNotice['reasons'] = 'Court proceedings about this matter have started.';
 * ```
 */
export type DeclineNotice = z.infer<typeof DeclineNotice>;

/**
 * A refusal to take a complaint to stage 2 (5.11): only for a reason in section 2 of the Code,
 * clearly set out, with the right to take the decision to the Ombudsman.
 *
 * @example
 * ```ts
 * EscalationRefusal.safeParse({ kind: 'escalation-refusal', complaintId: 'C-1', sentOn: '2025-01-06', reasons: 'Already considered' }).success; //=> false (no Ombudsman details: 2.4)
 * ```
 */
export const EscalationRefusal = refusalLetter('escalation-refusal');

/**
 * The type of {@link EscalationRefusal}.
 *
 * @example
 * ```ts
 * const kind: EscalationRefusal['kind'] = 'escalation-refusal';
 * ```
 */
export type EscalationRefusal = z.infer<typeof EscalationRefusal>;

/**
 * Any complaint letter, discriminated on `kind`.
 *
 * @example
 * ```ts
 * Letter.safeParse({ kind: 'postcard' }).success; //=> false
 * ```
 */
export const Letter = z.discriminatedUnion('kind', [Acknowledgement, ExtensionNotice, Stage1Response, Stage2Response, DeclineNotice, EscalationRefusal], {
  error: "must be one of the Code's letters: acknowledgement, extension-notice, stage1-response, stage2-response, decline-notice, escalation-refusal",
});

/**
 * The type of {@link Letter}.
 *
 * @example
 * ```ts
 * function dueDate(letter: Letter) {
 *   return letter.kind === 'acknowledgement' ? letter.respondBy : undefined;
 * }
 * ```
 */
export type Letter = z.infer<typeof Letter>;
