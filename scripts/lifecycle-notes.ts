/**
 * What each state and each guard of the complaint machine means, in words for a manager or an
 * auditor, with the Code provisions behind it. The structure (which states, which transitions,
 * which guard on which) is read from the machine; only these words are written here, and
 * test/machine/diagram.test.ts fails when a state or a guard has none, or one that no longer exists.
 * Used by `npm run diagram` (docs/lifecycle.md) and `npm run stately` (the Stately file's descriptions).
 */

/** Each state, by its path below the root. */
export const STATE_NOTES: Record<string, string> = {
  process: 'The complaint through the landlord’s two stages, never more (5.3).',
  'process.new': 'Nothing received yet.',
  'process.received':
    'Logged on the day it arrived (day 0): to be acknowledged within 5 working days (6.2), or declined with reasons for an exclusion in section 2 (2.1 to 2.4).',
  'process.stage1': 'Stage 1 (6.1 to 6.9).',
  'process.stage1.investigating':
    'Acknowledged, with the complaint defined (5.6): the response is due within 10 working days of the acknowledgement (6.3), extendable by up to 10 more with reasons and the Ombudsman’s details (6.4, 6.5). Under the Scottish model procedure there is no acknowledgement: the frontline response is due within 5 working days of receipt, and a complex or serious complaint may go straight to stage 2.',
  'process.stage1.responded':
    'The stage 1 response was sent, answering every point (6.7, 6.9): the resident may ask for stage 2 without giving reasons (6.10, 6.12).',
  'process.stage2': 'Stage 2 (6.10 to 6.20).',
  'process.stage2.acknowledging':
    'Stage 2 was asked for: to be acknowledged within 5 working days (6.11) by someone who did not handle stage 1 (6.13), or refused only for a reason in section 2 (5.11).',
  'process.stage2.reviewing':
    'Acknowledged: the final response is due within 20 working days of the acknowledgement (6.14), extendable by up to 20 more with reasons and the Ombudsman’s details (6.15, 6.16).',
  'process.closed': 'Closed: remedies and actions are still followed through (7.3), and the resident may still go to the Ombudsman (3.7).',
  'process.closed.declined': 'Not taken on, or taken out of the process by legal proceedings (2.2), with the reasons and the right to go to the Ombudsman (2.4).',
  'process.closed.resolvedAtStage1': 'Resolved at stage 1; the resident may still ask for stage 2 (6.10, 5.11).',
  'process.closed.finalResponse': 'The stage 2 response was sent: the landlord’s final response (6.19, 6.20).',
  'process.closed.withdrawn': 'The resident withdrew the complaint.',
  'process.closed.escalationRefused': 'Stage 2 was refused for a reason in section 2, with the reasons and the right to go to the Ombudsman (5.11, 2.4).',
  ombudsman: 'Beside the stages: the Housing Ombudsman, whom the resident may ask at any time (3.7).',
  'ombudsman.notReferred': 'Not referred to the Ombudsman.',
  'ombudsman.referred': 'Referred to the Ombudsman.',
  'ombudsman.determined': 'The Ombudsman’s determination is recorded, with its findings for each element and any orders.',
  hazard:
    'Beside the stages, in England: a hazard in the home under Awaab’s Law, on its own clock (24 clock hours for an emergency, working days otherwise), met at the same time as the complaint’s timescales and followed through after the complaint closes.',
  'hazard.none': 'No hazard reported on this complaint.',
  'hazard.reported':
    'Reported: an emergency hazard to be investigated and made safe within 24 clock hours of the landlord becoming aware; a significant one investigated within 10 working days.',
  'hazard.investigated':
    'The investigation concluded: a written summary within 3 working days; for a significant hazard, safety work within 5; supplementary work begun within 5, or on site within 12 weeks; or the household in alternative accommodation.',
  'hazard.closed': 'Every duty met, or the household in alternative accommodation while the work is done.',
};

/**
 * Each guard: what it checks, with its provisions. A refusal names the provision that failed.
 * Besides these, every guard refuses an event dated before the complaint's last one, and every
 * letter for another complaint or dated another day than its event (5.12: the record must be
 * complete and true); under a policy that gives the Ombudsman's details in every letter, a letter
 * without them (3.7). {@link GUARDS_ALSO} says so beside each table.
 */
export const GUARD_NOTES: Record<string, { meaning: string; provisions: readonly string[] }> = {
  canReceive: { meaning: 'A complaint with its reference, division and summary; the date of the issue, if given, no later than the day it arrived and within the dates the calendar covers.', provisions: ['1.2', '2.3'] },
  canReceiveAtFrontline: {
    meaning: 'The same checks, under a policy whose stage 1 has no acknowledgement (the SPSO model procedure’s frontline response): stage 1 starts on receipt, its response due from that day.',
    provisions: ['1.2', '2.3'],
  },
  canAcknowledge: {
    meaning:
      'A named handler and the complaint defined point by point; at stage 2 not the stage 1 handler; an acknowledgement letter that promises the response date the machine counts.',
    provisions: ['5.6', '5.12', '6.2', '6.3', '6.11', '6.13', '6.14'],
  },
  canDecline: {
    meaning: 'Only for an exclusion the Code allows, with a decline notice giving the reasons and the Ombudsman’s details; once accepted, only legal proceedings take it out.',
    provisions: ['2.1', '2.2', '2.3', '2.4', '5.12'],
  },
  canExtend: {
    meaning: 'A new working-day deadline, later than the current one, with reasons and the Ombudsman’s details; more than the extension limit only with a good reason.',
    provisions: ['5.12', '6.4', '6.5', '6.15', '6.16'],
  },
  canAddIssue: { meaning: 'An issue related to the complaint, raised before the stage 1 response, joins its definition; an unrelated one is a new complaint.', provisions: ['5.6', '6.8'] },
  canRespond: {
    meaning:
      'A response letter answering every point of the definition, with a remedy where a finding is upheld, saying what will happen and by when, and listing every remedy and action still open; a late response is allowed and recorded as a breach.',
    provisions: ['5.12', '6.6', '6.7', '6.9', '6.17', '6.18', '6.19', '7.1', '7.3'],
  },
  canEscalate: {
    meaning:
      'Stage 2 whenever the resident asks after the stage 1 response, with or without reasons, unless the Ombudsman has already determined the complaint; before the response only under a policy that allows it (the SPSO model procedure: complex or serious, or the resident asks).',
    provisions: ['5.3', '5.11', '6.10', '6.12'],
  },
  canRefuseEscalation: { meaning: 'Only for a reason in section 2 of the Code, with a refusal letter giving the reasons and the Ombudsman’s details.', provisions: ['2.4', '5.11', '5.12'] },
  canClose: { meaning: 'The resident is satisfied with the stage 1 response; stage 2 stays open to them.', provisions: ['6.10'] },
  canWithdraw: { meaning: 'The resident may withdraw at any point before a final outcome.', provisions: [] },
  canOfferRemedy: { meaning: 'A remedy at any stage, with an id, what will happen and by when.', provisions: ['5.13', '7.1', '7.3'] },
  canCompleteAction: { meaning: 'A remedy, action or timer that exists and is not yet complete.', provisions: ['7.3'] },
  canRefer: { meaning: 'The resident may refer the complaint to the Ombudsman at any time.', provisions: ['3.7'] },
  canRecordDetermination: { meaning: 'The Ombudsman’s findings for each element of the complaint.', provisions: [] },
  canTick: { meaning: 'Always: the clock records deadlines missed up to its instant.', provisions: ['6.2', '6.3', '6.11', '6.14'] },
  canRecordConsent: { meaning: 'A representative’s complaint whose resident’s consent is not yet on file.', provisions: ['1.3', '3.6'] },
  // Awaab's Law, not the Code: its regulations are named in the words (as secondary sources number them), not as provisions.
  canReportHazard: {
    meaning: 'A hazard in a social home in England (LTA 1985 s10A), in scope of Awaab’s Law’s phase in force when the landlord became aware (damp and mould, and every emergency hazard but overcrowding, from 27 October 2025), not reported before it was known.',
    provisions: [],
  },
  canInvestigateHazard: { meaning: 'The investigation’s finding (emergency, significant or none), concluded after the landlord became aware; a late one is recorded as a breach.', provisions: [] },
  canRecordHazardWork: { meaning: 'A duty due on this hazard and not yet met: the written summary, making safe, safety work, supplementary work, or alternative accommodation.', provisions: [] },
  canCloseHazard: { meaning: 'Every duty due is met (alternative accommodation stands in for safety work); supplementary work has at least begun.', provisions: [] },
};

/** What every guard also checks, said once beside each table of guards. */
export const GUARDS_ALSO =
  'Every guard also refuses an event dated before the complaint’s last one, and a letter for another complaint or dated another day than its event (5.12: a full record of the complaint); under a policy that gives the Ombudsman’s details in every letter, a letter without them (3.7).';
