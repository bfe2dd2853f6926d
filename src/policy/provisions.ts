/**
 * The provisions of the Complaint Handling Code 2024, one entry per numbered provision (1.2 to
 * 9.8), each summarised in this library's own words, with how the library covers it: a rule the
 * machine enforces, a letter rule, a record field, a report, a policy check, or a duty outside
 * software for the landlord to evidence. One table serves the self-assessment report
 * (`selfAssessment`) and the "Code traceability" docs page.
 */

/**
 * How the library covers a provision: `'rule'` the machine enforces it (a guard, a deadline, a
 * breach); `'letter'` a letter's schema requires it; `'record'` the complaint record keeps it;
 * `'report'` a report produces it; `'policy'` `checkPolicy` checks the policy against it;
 * `'landlord'` it is outside what software can do, for the landlord to evidence.
 *
 * @example
 * ```ts
 * const kind: CoverageKind = 'landlord';
 * ```
 */
export type CoverageKind = 'rule' | 'letter' | 'record' | 'report' | 'policy' | 'landlord';

/**
 * A section of the Code: its number and its title as the Code gives it.
 *
 * @example
 * ```ts
 * const section: ProvisionSection = { number: 6, title: 'Complaints Stages' };
 * ```
 */
export interface ProvisionSection {
  /** 1 to 9. */
  readonly number: number;
  /** The Code's title for the section. */
  readonly title: string;
}

/**
 * One provision of the Code and how the library covers it.
 *
 * @example
 * ```ts
 * const p: Provision = PROVISIONS.find((p) => p.number === '6.13')!;
 * p.coverage.kind; //=> 'rule'
 * p.section.title; //=> 'Complaints Stages'
 * ```
 */
export interface Provision {
  /** The provision's number, e.g. `'6.13'`. */
  readonly number: string;
  /** The section it belongs to. */
  readonly section: ProvisionSection;
  /** What it requires, summarised in one or two sentences (not the Code's wording). */
  readonly summary: string;
  /** How the library covers it. */
  readonly coverage: {
    /** The kind of coverage. */
    readonly kind: CoverageKind;
    /** What in the library does it: the rule, letter rule, record field or report (or, for `'landlord'`, what the library offers towards it). */
    readonly evidence: string;
    /** Repository-relative test files that prove the evidence (for `'landlord'`, those of the supporting features, if any). */
    readonly tests: readonly string[];
    /** The policy fields that bear on it (see `Policy`), if any. */
    readonly policyFields: readonly string[];
    /** What is left for the landlord to show, beyond the software; always given for `'landlord'`. */
    readonly landlordPart?: string;
  };
}

const T = {
  rules: 'test/machine/rules.test.ts',
  record: 'test/machine/record.test.ts',
  lifecycle: 'test/machine/lifecycle.test.ts',
  policies: 'test/machine/policies.test.ts',
  review: 'test/machine/review.test.ts',
  hardening: 'test/machine/hardening.test.ts',
  persistence: 'test/machine/persistence.test.ts',
  worklist: 'test/machine/worklist.test.ts',
  letters: 'test/letters/validate.test.ts',
  readability: 'test/letters/readability.test.ts',
  walkarounds: 'test/reliability/walkarounds.test.ts',
  selfAssessment: 'test/reporting/selfAssessment.test.ts',
} as const;

const SECTIONS: Record<number, ProvisionSection> = {
  1: { number: 1, title: 'Definition of a complaint' },
  2: { number: 2, title: 'Exclusions' },
  3: { number: 3, title: 'Accessibility and Awareness' },
  4: { number: 4, title: 'Complaint Handling Staff' },
  5: { number: 5, title: 'The Complaint Handling Process' },
  6: { number: 6, title: 'Complaints Stages' },
  7: { number: 7, title: 'Putting things right' },
  8: { number: 8, title: 'Self-assessment, reporting and compliance' },
  9: { number: 9, title: 'Scrutiny & oversight: continuous learning and improvement' },
};

interface Extra {
  readonly policyFields?: readonly string[];
  readonly landlordPart?: string;
}

function covered(number: string, summary: string, kind: Exclude<CoverageKind, 'landlord'>, evidence: string, tests: readonly string[], extra: Extra = {}): Provision {
  const section = SECTIONS[Number(number.split('.')[0])]!;
  return {
    number,
    section,
    summary,
    coverage: { kind, evidence, tests, policyFields: extra.policyFields ?? [], ...(extra.landlordPart ? { landlordPart: extra.landlordPart } : {}) },
  };
}

function landlord(number: string, summary: string, landlordPart: string, evidence = 'Outside the software.', tests: readonly string[] = [], policyFields: readonly string[] = []): Provision {
  const section = SECTIONS[Number(number.split('.')[0])]!;
  return { number, section, summary, coverage: { kind: 'landlord', evidence, tests, policyFields, landlordPart } };
}

const ENTRIES: Provision[] = [
  // Section 1: Definition of a complaint
  landlord(
    '1.2',
    "A complaint is any expression of dissatisfaction, in whatever form, about the landlord's service or about what it, its staff or anyone acting for it did or failed to do, affecting one resident or a group.",
    'Adopt this definition in the policy and apply it when contacts are triaged.',
    '`RECEIVE` takes any dissatisfaction as a complaint, whatever its wording or channel (`complaint.channel`); deciding what counts as one is the landlord’s.',
  ),
  landlord(
    '1.3',
    "Residents need not use the word 'complaint': whenever they express dissatisfaction they must be offered the chance to complain, and complaints made through a representative or third party follow the same policy.",
    'Show that staff offer residents the choice to complain whenever they voice dissatisfaction.',
    'A complaint may be raised by a representative (`complaint.raisedBy`); the policy says whether written consent is needed (`representativeConsent`), and `RECORD_CONSENT` records it (`consentAwaited`, `consentReceivedOn`).',
    [T.rules, T.record],
    ['representativeConsent'],
  ),
  landlord(
    '1.4',
    'A service request (asking the landlord to put something right) is not a complaint; the policy must explain the difference, and service requests must still be recorded, monitored and reviewed.',
    'Explain the difference in the policy, and record, monitor and review service requests in the landlord’s own systems.',
    "A contact logged as a complaint that is really a service request can be declined with the reason `'not-a-complaint'` and a decline notice; service requests themselves are not tracked by the library.",
    [T.rules],
  ),
  landlord(
    '1.5',
    'Dissatisfaction with how a service request was answered must be taken as a complaint even while the request is still being dealt with, and work on the request must carry on.',
    'Show that such dissatisfaction is logged as a complaint (`RECEIVE`) and that the service request carries on.',
  ),
  landlord(
    '1.6',
    'Dissatisfaction voiced in a survey is not itself a complaint, but the person should where possible be told how to complain; any request for wider feedback must say how to complain.',
    'Show that surveys and feedback requests tell residents how to complain.',
  ),

  // Section 2: Exclusions
  covered(
    '2.1',
    'A complaint must be accepted unless there is a valid reason not to, each one judged on its own facts, and the landlord must be able to show why it refused one.',
    'rule',
    "`DECLINE` takes only a Code reason (over 12 months old, legal proceedings, already considered, or `'not-a-complaint'`) and needs a decline notice giving the reasons; once the complaint is acknowledged it can be declined only for legal proceedings started since (refusal cites 2.1). The reason is kept on the record (`declineReason`).",
    [T.rules, T.record],
    { landlordPart: 'Judging each complaint on its merits is the handler’s.' },
  ),
  covered(
    '2.2',
    'The policy must state, fairly, when a matter will not be taken on or escalated. Acceptable grounds include an issue arising more than 12 months earlier, legal proceedings already filed at court, and a matter already dealt with under the policy.',
    'policy',
    "`checkPolicy` flags exclusions beyond the Code's (`exclusions.otherGrounds`, 2.2); the machine declines (`DECLINE`) and refuses escalation (`REFUSE_ESCALATION`) only for the Code's grounds, and legal proceedings started during a stage take the complaint out of the process.",
    [T.rules, T.record, T.policies],
    { policyFields: ['exclusions.otherGrounds'] },
  ),
  covered(
    '2.3',
    'Complaints made within 12 months of the issue happening, or of the resident learning of it, must be accepted unless another exclusion applies; for older ones the landlord must consider using discretion where there is good reason.',
    'rule',
    "`DECLINE` with `'outside-time-limit'` is refused unless the issue (`complaint.issueDate`) is more than the time limit before receipt (never less than 12 months with the Code enforced), and an allowed decline notes the discretion to consider; `checkPolicy` flags a shorter limit (`exclusions.timeLimitMonths`).",
    [T.rules, T.policies, T.walkarounds],
    { policyFields: ['exclusions.timeLimitMonths', 'exclusions.timeLimitExceptions'], landlordPart: 'Whether to use the discretion is the landlord’s decision.' },
  ),
  covered(
    '2.4',
    'When a complaint is not accepted, the resident must be told in writing why it is unsuitable for the process and that they may take the decision to the Ombudsman, who may direct the landlord to take it on.',
    'letter',
    "`DECLINE` needs a decline notice, which does not validate without its reasons and the resident's right to take the decision to the Housing Ombudsman, with the Ombudsman's contact details; it is kept on the record.",
    [T.letters, T.rules],
  ),
  landlord(
    '2.5',
    "Exclusions must never be applied across the board: each complaint's own circumstances must be considered.",
    'Show that each decision to decline considers the complaint’s own circumstances.',
    'Each decline is a decision on one complaint (`DECLINE`, with its own letter and reasons); blanket grounds in a policy are flagged under 2.2.',
  ),

  // Section 3: Accessibility and Awareness
  landlord(
    '3.1',
    'Residents must be able to complain easily, through several channels, and the landlord must anticipate the needs and reasonable adjustments of residents under the Equality Act 2010.',
    'Show the channels offered and how residents’ needs and adjustments are anticipated.',
    'The channel a complaint came by can be recorded (`complaint.channel`); the library does not offer channels itself.',
  ),
  landlord(
    '3.2',
    'A complaint may be made in any way and to any member of staff; every member of staff must know the process and be able to pass a complaint to the right person.',
    'Show staff awareness and how complaints reach the right person.',
  ),
  landlord(
    '3.3',
    'A high number of complaints must not be treated as bad in itself: it may show an accessible process, while very few may mean residents cannot complain.',
    'Show how complaint volumes are interpreted and reported.',
  ),
  landlord(
    '3.4',
    "The complaints policy must be clear and accessible to all residents, explain both stages, what happens at each and the response times, and be published on the landlord's website.",
    'Publish the policy in accessible formats on the website.',
    'The policy’s timescales are data (`Policy`), which can be shown to residents as they are enforced.',
  ),
  landlord(
    '3.5',
    'The policy must say how the landlord will publicise it, together with information about the Ombudsman and the Code.',
    'Show how the policy, the Ombudsman and the Code are publicised.',
  ),
  landlord(
    '3.6',
    'Residents must be able to have a representative handle their complaint, and to bring someone to represent or accompany them at any meeting with the landlord.',
    'Show that residents are offered representation and company at meetings.',
    'A complaint may be raised by a representative (`complaint.raisedBy`); the resident’s consent can be recorded (`RECORD_CONSENT`), and is awaited when the policy needs it in writing.',
    [T.record],
    ['representativeConsent'],
  ),
  covered(
    '3.7',
    "Residents must be told of their right to use the Ombudsman's service and how to engage with it about their complaint.",
    'letter',
    "The Ombudsman's contact details are required in decline notices, escalation refusals, extension notices and stage 2 responses, and accepted in every other letter; with `ombudsmanDetailsInEveryLetter` the machine refuses any letter without them (refusal cites 3.7).",
    [T.record, T.letters],
    { policyFields: ['ombudsmanDetailsInEveryLetter'], landlordPart: 'Information on the website and in other publications is the landlord’s.' },
  ),

  // Section 4: Complaint Handling Staff
  landlord(
    '4.1',
    "A named person or team (the 'complaints officer') must be responsible for complaint handling, including dealing with the Ombudsman and reporting complaints to the governing body; it may be part of a wider role.",
    'Name the complaints officer and show the role’s remit.',
  ),
  landlord(
    '4.2',
    'The complaints officer must be able to reach staff at every level and have the authority and independence to settle disputes quickly and fairly.',
    'Show the complaints officer’s access and authority.',
  ),
  landlord(
    '4.3',
    'Complaint handling must be a properly resourced core service with a culture of learning, and staff who need it must be trained in why it matters.',
    'Show training, resourcing and the learning culture.',
  ),

  // Section 5: The Complaint Handling Process
  landlord(
    '5.1',
    'One policy must cover all complaints within the Code, and a resident must not be treated differently for having complained.',
    'Show that one policy applies and that complainants are not treated differently.',
    'A machine runs one policy (`createComplaintMachine({ policy })`), and each complaint record names the policy it ran under (`policy.id`, `policy.fingerprint`).',
  ),
  covered(
    '5.2',
    "Issues should be resolved early and locally, but without extra named stages such as 'stage 0' or an 'informal complaint', which confuse residents.",
    'rule',
    "The machine has stage 1 and stage 2 only; a letter for any other stage does not validate (cites 5.2); `checkPolicy` flags extra named stages in a policy (`extraNamedStages`, e.g. a 'Quick fix' stage). A policy's quick resolution runs as a timer within stage 1.",
    [T.lifecycle, T.letters, T.policies],
    { policyFields: ['extraNamedStages'] },
  ),
  covered(
    '5.3',
    'A complaints process may never have more than two stages, as more would prolong it and delay access to the Ombudsman.',
    'rule',
    'There is no state after stage 2: `ESCALATE` after the final response, or after an Ombudsman determination, is refused (cites 5.3).',
    [T.lifecycle, T.hardening],
  ),
  landlord(
    '5.4',
    'Where a third party such as a contractor or independent adjudicator handles a response, it must sit within the two-stage process; residents must not go through two processes.',
    'Show that third parties’ responses are part of the two stages.',
  ),
  landlord('5.5', 'The landlord remains responsible for any third party handling complaints following the Code.', 'Show how third parties are held to the Code.'),
  covered(
    '5.6',
    "On logging at stage 1 or escalating to stage 2, the landlord must state its understanding of the complaint and the outcomes sought (the 'complaint definition'), and ask the resident to clarify anything unclear.",
    'rule',
    '`ACKNOWLEDGE` at either stage is refused without a complaint definition of points and outcomes sought (cites 5.6); the acknowledgement letter carries it, with a request for clarification where needed (`clarificationRequested`).',
    [T.rules, T.letters, T.review],
  ),
  covered(
    '5.7',
    'An acknowledgement at either stage must make clear which parts of the complaint the landlord is and is not responsible for, clarifying anything uncertain.',
    'letter',
    'The acknowledgement letter has a part for the aspects the landlord is not responsible for (`notResponsibleFor`), which must list at least one when given (cites 5.7).',
    [T.letters],
    { landlordPart: 'Filling it in where it applies is the handler’s.' },
  ),
  landlord(
    '5.8',
    'At every stage, handlers must judge complaints on their merits, independently and with an open mind, give the resident a fair hearing, deal with any real or apparent conflict of interest, and weigh all relevant evidence.',
    'Show how handlers’ independence and fairness are assured.',
    'The stage 2 handler cannot be the stage 1 handler (6.13).',
    [T.rules],
  ),
  landlord(
    '5.9',
    "If a response will miss the Code's timescales, the landlord must agree with the resident how often it will update them.",
    'Agree and keep to update intervals with the resident.',
    'A new date given after a missed deadline is recorded as what the resident was told, with the breach kept (`EXTEND`, note citing 5.9); the update intervals themselves are not tracked.',
    [T.rules, T.record],
  ),
  landlord(
    '5.10',
    'Reasonable adjustments under the Equality Act 2010 must be made where appropriate, recorded together with any disability the resident has disclosed, and kept under active review.',
    'Record adjustments and disclosed disabilities in the landlord’s resident record, and review them.',
    'The complaint record has no field for adjustments or disabilities.',
  ),
  covered(
    '5.11',
    'A landlord may refuse to take a complaint through all its stages only for valid reasons, which it must explain, and which must be among those in section 2.',
    'rule',
    "`REFUSE_ESCALATION` takes only a section 2 reason and an escalation refusal letter with the reasons and the right to go to the Ombudsman; with the Code enforced a request outside the policy's window is accepted, noting that the window gave way (cites 5.11); `checkPolicy` flags such a window (`escalation.requestWithinWorkingDays`).",
    [T.rules, T.record, T.policies],
    { policyFields: ['escalation.requestWithinWorkingDays'] },
  ),
  covered(
    '5.12',
    'A complete record must be kept of each complaint and its outcome at each stage: the original complaint and date received, all correspondence with the resident and others, and relevant supporting documents such as reports or surveys.',
    'record',
    'The snapshot’s context is the record: the complaint as received and its date (`stage1.requestedOn`), every letter sent (`letters`, each dated the day of the event that sent it), each stage’s dates, handler and decision, remedies and actions (`tracked`), breaches, notes and closure; events must come in order, and `restore` refuses a record that contradicts itself.',
    [T.record, T.rules, T.lifecycle, T.letters],
    { landlordPart: 'Letters received, correspondence with other parties and supporting documents belong in the landlord’s case file.' },
  ),
  covered(
    '5.13',
    'Processes must allow a complaint to be put right at any stage, with suitable remedies available without the resident having to escalate.',
    'rule',
    '`OFFER_REMEDY` is accepted in every state, before any response and after closing, without escalation (note cites 5.13), and the remedy is tracked to completion.',
    [T.rules],
  ),
  landlord(
    '5.14',
    'There must be policies and procedures for managing unacceptable behaviour by residents or their representatives; any restriction needs evidenced reasons and regular review.',
    'Show the unacceptable behaviour policy and the review of restrictions.',
  ),
  landlord(
    '5.15',
    'Any restriction on contact because of unacceptable behaviour must be proportionate and show regard for the Equality Act 2010.',
    'Show that restrictions are proportionate and consider the Equality Act 2010.',
  ),

  // Section 6: Complaints Stages (stage 1)
  landlord(
    '6.1',
    "Landlords need a process for deciding which complaints can be answered quickly and which need investigation, weighing complexity and the resident's vulnerability or risk; most stage 1 complaints can be settled promptly with an explanation, apology or resolution.",
    'Show the triage process and what it weighs.',
    "A policy's early-resolution target can run as a timer within stage 1 (`timers`, e.g. a quick fix), reported and recorded as a breach when missed.",
    [T.record, T.policies],
    ['timers'],
  ),
  covered(
    '6.2',
    'A stage 1 complaint must be acknowledged, defined and logged within 5 working days of receipt.',
    'rule',
    '`RECEIVE` sets `stage1.acknowledgeBy` on the 5th working day after receipt in the resident’s UK nation (`stage1.acknowledgeWithin`, never more than 5 with the Code enforced); `ACKNOWLEDGE` needs the definition and the handler, and a late one is recorded as a breach citing 6.2; `worklist` lists the deadline.',
    [T.lifecycle, T.rules, T.worklist],
    { policyFields: ['stage1.acknowledgeWithin'] },
  ),
  covered(
    '6.3',
    'The full stage 1 response must be sent within 10 working days of the acknowledgement.',
    'rule',
    '`ACKNOWLEDGE` sets `stage1.respondBy` 10 working days after the acknowledgement (`stage1.respondWithin`, never more with the Code enforced), and the acknowledgement letter must promise that date; a later `RESPOND`, or a `TICK` past it, records a breach citing 6.3.',
    [T.lifecycle, T.record, T.letters],
    { policyFields: ['stage1.respondWithin'] },
  ),
  covered(
    '6.4',
    'The landlord must decide whether the complexity of a complaint needs an extension and tell the resident the new timescale; without good reason an extension may add at most 10 working days, and the reasons must be clearly explained.',
    'rule',
    '`EXTEND` needs an extension notice with the reasons and the new date; extensions adding more than `stage1.extensionLimit` (at most 10 with the Code enforced) working days to the original deadline are refused without a `goodReason` (cites 6.4).',
    [T.rules, T.letters, T.policies],
    { policyFields: ['stage1.extensionLimit', 'communityMayExtend'], landlordPart: 'Deciding whether an extension is needed is the handler’s.' },
  ),
  covered(
    '6.5',
    "Whenever a resident is told of an extension, they must also be given the Ombudsman's contact details.",
    'letter',
    "An extension notice does not validate without the Ombudsman's contact details, so `EXTEND` with one lacking them is refused (cites 6.5).",
    [T.letters, T.rules, T.record],
    { policyFields: ['extensionOmbudsmanDetails'] },
  ),
  covered(
    '6.6',
    'The response must go out once the answer is known, not wait until remedial actions are done; those outstanding actions must still be tracked and carried out promptly, with the resident kept updated.',
    'rule',
    '`RESPOND` at stage 1 is refused unless every open remedy and action is listed in the letter’s outstanding actions (cites 6.6); each is then tracked (`tracked`) until `COMPLETE_ACTION`, and one missed is recorded as a breach.',
    [T.lifecycle, T.record, T.hardening],
    { landlordPart: 'Updating the resident on outstanding actions is the landlord’s.' },
  ),
  covered(
    '6.7',
    'The response must deal with every point in the complaint definition and give clear reasons for each decision, citing relevant policy, law and good practice where appropriate.',
    'rule',
    '`RESPOND` at stage 1 is refused when the letter leaves out a point of the complaint definition, including issues added since (cites 6.7); the stage 1 response needs a finding with reasons for each point, and may cite references.',
    [T.rules, T.letters],
  ),
  covered(
    '6.8',
    'New issues raised during the stage 1 investigation join the response if they are related and it has not been sent; if it has been sent, if they are unrelated, or if including them would unduly delay the response, they are logged as a new complaint.',
    'rule',
    '`ADD_ISSUE` joins a related issue to the complaint definition while stage 1 is investigated, and is refused for an unrelated one or after the stage 1 response (cites 6.8), which must be received as a new complaint.',
    [T.rules],
    { landlordPart: 'Judging whether an issue would unreasonably delay the response is the handler’s.' },
  ),
  covered(
    '6.9',
    'At the end of stage 1 the landlord must write to the resident, in clear plain language, giving: (a) the stage, (b) the complaint definition, (c) the decision, (d) the reasons, (e) any remedy, (f) outstanding actions, and (g) how to escalate to stage 2.',
    'letter',
    'The stage 1 response does not validate without each of parts (a) to (g), each issue citing its part (`letterParts`); `RESPOND` needs it; `readability` scores the plain language and warns citing 6.9.',
    [T.letters, T.readability, T.rules],
  ),

  // Section 6: Complaints Stages (stage 2)
  covered(
    '6.10',
    "If any part of the complaint is not resolved to the resident's satisfaction at stage 1, it must go to stage 2, the landlord's final response.",
    'rule',
    '`ESCALATE` is accepted once stage 1 has been answered, even after the complaint was closed as resolved at stage 1 (note cites 6.10); only a section 2 refusal stops it (5.11).',
    [T.rules, T.record],
  ),
  covered(
    '6.11',
    'A request for stage 2 must be acknowledged, defined and logged within 5 working days of being received.',
    'rule',
    '`ESCALATE` sets `stage2.acknowledgeBy` 5 working days after the request (`stage2.acknowledgeWithin`); `ACKNOWLEDGE` at stage 2 needs the definition, and a late one is recorded as a breach citing 6.11.',
    [T.lifecycle, T.review],
    { policyFields: ['stage2.acknowledgeWithin'] },
  ),
  covered(
    '6.12',
    'A resident must not have to give reasons for asking for stage 2, though the landlord should make reasonable efforts to understand why they remain unhappy.',
    'rule',
    "With the Code enforced, `ESCALATE` needs no explanation (note cites 6.12, or says the policy's rule gave way); `checkPolicy` flags a policy that requires reasons (`escalation.reasonsRequired`).",
    [T.rules, T.policies],
    { policyFields: ['escalation.reasonsRequired'], landlordPart: 'Understanding why the resident is still unhappy is the stage 2 handler’s.' },
  ),
  covered(
    '6.13',
    'Stage 2 must be considered by someone other than the person who considered stage 1.',
    'rule',
    '`ACKNOWLEDGE` at stage 2 refuses the stage 1 handler, by the host’s ids or by the name as a person reads it (guard; `explain` cites 6.13), and `restore` refuses a record where they are the same.',
    [T.rules, T.record, T.walkarounds],
  ),
  covered(
    '6.14',
    'The final stage 2 response must be sent within 20 working days of the acknowledgement.',
    'rule',
    '`ACKNOWLEDGE` at stage 2 sets `stage2.respondBy` 20 working days after the acknowledgement (`stage2.respondWithin`), and the letter must promise that date; a later `RESPOND`, or a `TICK` past it, records a breach citing 6.14.',
    [T.lifecycle, T.review, T.record],
    { policyFields: ['stage2.respondWithin'] },
  ),
  covered(
    '6.15',
    'As at stage 1, the landlord decides whether a stage 2 extension is needed and tells the resident; without good reason it may add at most 20 working days, with the reasons clearly explained.',
    'rule',
    '`EXTEND` at stage 2 needs an extension notice with the reasons and the new date; more than `stage2.extensionLimit` (at most 20 with the Code enforced) working days beyond the original deadline are refused without a `goodReason` (cites 6.15).',
    [T.rules, T.review, T.policies],
    { policyFields: ['stage2.extensionLimit', 'communityMayExtend'], landlordPart: 'Deciding whether an extension is needed is the handler’s.' },
  ),
  covered(
    '6.16',
    "Whenever a resident is told of a stage 2 extension, they must also be given the Ombudsman's contact details.",
    'letter',
    "A stage 2 extension notice does not validate without the Ombudsman's contact details, so `EXTEND` with one lacking them is refused (cites 6.16).",
    [T.letters, T.rules],
    { policyFields: ['extensionOmbudsmanDetails'] },
  ),
  covered(
    '6.17',
    'At stage 2 too, the response goes out once the answer is known; outstanding actions are tracked and done promptly, with the resident kept updated.',
    'rule',
    '`RESPOND` at stage 2 is refused unless every open remedy and action is listed in the final response’s outstanding actions (cites 6.17); they stay tracked after the complaint closes, and one missed is recorded as a breach.',
    [T.lifecycle, T.record, T.hardening],
    { landlordPart: 'Updating the resident on outstanding actions is the landlord’s.' },
  ),
  covered(
    '6.18',
    'The stage 2 response must deal with every point in the complaint definition and give clear reasons for each decision, citing relevant policy, law and good practice where appropriate.',
    'rule',
    '`RESPOND` at stage 2 is refused when the final response leaves out a point of the complaint definition (cites 6.18); it needs a finding with reasons for each point, and may cite references.',
    [T.rules, T.letters],
  ),
  covered(
    '6.19',
    'At the end of stage 2 the landlord must write, in clear plain language, giving (a) to (f) as at stage 1 and (g) how to take the complaint to the Ombudsman if the resident is still dissatisfied.',
    'letter',
    "The stage 2 response does not validate without parts (a) to (f), the route to the Housing Ombudsman and the Ombudsman's contact details (6.19(g)); `readability` warns citing 6.19.",
    [T.letters, T.readability, T.rules],
  ),
  landlord(
    '6.20',
    'Stage 2 is the landlord’s final response, and everyone needed to give that response must be involved.',
    'Show that the staff needed for the final response are involved.',
    'The stage 2 response closes the complaint as the final response (`closure.reason` `final-response`); there is no further stage (5.3).',
    [T.persistence, T.lifecycle],
  ),

  // Section 7: Putting things right
  covered(
    '7.1',
    'Where something went wrong the landlord must say so and set out what it has done or will do to put it right, such as an apology, an explanation, prompt action, a changed decision, a corrected record, a payment, or a change of policy or practice.',
    'letter',
    "A remedy's kind is one of those the Code lists (`Remedy`), and a response with any finding upheld does not validate without a remedy (cites 7.1).",
    [T.letters, T.rules],
  ),
  landlord('7.2', 'A remedy must be proportionate to the impact of the failing on the resident.', 'Show how remedies are matched to the impact on the resident.', 'A financial remedy states its amount (`amountPence`); whether it fits the impact is the landlord’s judgement.'),
  covered(
    '7.3',
    'A remedy offer must say what will happen and by when, agreed with the resident where appropriate, and must be carried through to completion.',
    'rule',
    'A remedy that happens after the letter must say by when (`dueOn`, not before the day it is offered), and an amount for a financial one; every remedy is tracked (`tracked`) until `COMPLETE_ACTION`, and one not done by its date is recorded as a breach citing 7.3.',
    [T.rules, T.letters, T.lifecycle, T.record],
    { landlordPart: 'Agreeing the remedy with the resident, where appropriate, is the landlord’s.' },
  ),
  landlord('7.4', "Landlords must take the Ombudsman's guidance on remedies into account.", 'Show that remedy decisions follow the Ombudsman’s remedies guidance.'),

  // Section 8: Self-assessment, reporting and compliance
  covered(
    '8.1',
    'Each year the landlord must produce a complaints performance and service improvement report, including (a) its self-assessment against the Code, (b) qualitative and quantitative analysis of its complaint handling, with the kinds of complaint it refused, (c) any Ombudsman findings of non-compliance, (d) service improvements from learning, and (e), (f) the Ombudsman’s annual and other reports on it.',
    'report',
    '`selfAssessment` gives (a), with every conflict of the policy with the Code as a "no"; `annualReport` gives (b): volumes, outcomes, declines and refusals by reason, extensions, breaches and remedies; (c): Ombudsman determinations; and the top causes (from the `cause` given with `RESPOND`) for (d).',
    [T.selfAssessment],
    { landlordPart: 'The qualitative analysis, the improvements made, and the Ombudsman’s own reports ((e), (f)) are the landlord’s.' },
  ),
  landlord(
    '8.2',
    'The annual report must go to the governing body (or equivalent) and be published in the complaints section of the landlord’s website, with the governing body’s response alongside.',
    'Show the report going to the governing body and its publication with the response.',
    '`annualReport` and `selfAssessmentToMarkdown` produce the content to publish.',
  ),
  landlord(
    '8.3',
    'A fresh self-assessment is also needed after a significant restructure, merger or change of procedures.',
    'Show that such changes trigger a new self-assessment.',
    '`selfAssessment` can be run again for the changed policy at any time.',
    [T.selfAssessment],
  ),
  landlord('8.4', 'After an Ombudsman investigation the landlord may be asked to review and update its self-assessment.', 'Show that requests from the Ombudsman are acted on.'),
  landlord(
    '8.5',
    'If exceptional circumstances such as a cyber incident stop a landlord complying, it must tell the Ombudsman, inform affected residents, publish this on its website and give a timescale for returning to compliance.',
    'Have a procedure for notifying the Ombudsman and residents, and for publishing a return-to-compliance timescale.',
  ),

  // Section 9: Scrutiny & oversight: continuous learning and improvement
  landlord(
    '9.1',
    'Landlords must look beyond each individual complaint and consider what service improvements its lessons suggest.',
    'Show the learning taken from complaints and the improvements made.',
    'The root cause found can be recorded with each response (`RESPOND` `cause`), with the service area (`complaint.serviceArea`) and category; `annualReport` lists the top causes for learning.',
  ),
  landlord('9.2', 'Complaints must be used as a source of intelligence to find problems and improve services, as part of a positive complaint handling culture.', 'Show how complaint intelligence changes services.'),
  landlord(
    '9.3',
    "Landlords must be accountable and open, reporting wider learning and improvements from complaints to stakeholders such as residents' panels, staff and committees.",
    'Show the reporting of learning to stakeholders.',
  ),
  landlord(
    '9.4',
    'A suitably senior person must be accountable for complaint handling and must review themes and trends for systemic problems, serious risks or policies needing change.',
    'Name the senior lead and show the reviews of themes and trends.',
  ),
  landlord(
    '9.5',
    "A member of the governing body must be appointed as the Member Responsible for Complaints (the 'MRC'), leading on a positive complaint handling culture.",
    'Name the MRC.',
  ),
  landlord(
    '9.6',
    'The MRC must make sure the governing body regularly gets information giving insight into complaint handling, and must have the information and staff access needed to do this and report findings.',
    'Show the MRC’s reports to the governing body and access to information.',
  ),
  landlord(
    '9.7',
    "At minimum, the MRC and governing body must receive regular updates on complaint volumes, categories, outcomes and handling performance; regular reviews of issues and trends; updates on the Ombudsman's investigation outcomes and progress on orders after severe maladministration findings; and the annual report.",
    'Show that these updates reach the MRC and the governing body regularly.',
    '`annualReport` gives volumes, outcomes, timeliness, causes and Ombudsman determinations for any period, and `tenantSatisfactionMeasures` the regulator’s CH01 and CH02; both can be run as often as the updates are due.',
  ),
  // Seed 001 lists this requirement in a row of its own without a number; the Code numbers it 9.8.
  landlord(
    '9.8',
    'Every relevant employee and third party must have a standard objective on complaint handling: working with colleagues across teams to resolve complaints, taking collective responsibility for shortfalls rather than blaming others, and acting within the professional standards for complaint handling of any relevant professional body.',
    'Show the standard objective in staff and contractor objectives.',
  ),
];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Every provision of the Complaint Handling Code 2024, 1.2 to 9.8, in the Code's order: what each
 * requires (summarised in the library's own words) and how the library covers it. Frozen.
 *
 * A provision covered by the library is covered for the complaints the landlord runs through it;
 * one of kind `'landlord'` is outside what software can do. Some covered provisions still leave a
 * part to the landlord (`coverage.landlordPart`).
 *
 * @example
 * ```ts
 * PROVISIONS.length; //=> 72
 * PROVISIONS[0].number; //=> '1.2'
 * PROVISIONS.find((p) => p.number === '6.13').coverage.evidence.includes('6.13'); //=> true
 * PROVISIONS.filter((p) => p.coverage.kind !== 'landlord').length; //=> 33
 * ```
 */
export const PROVISIONS: readonly Provision[] = deepFreeze(ENTRIES);
