/**
 * The demo's complaints beyond the English Code: a Scottish landlord's complaint under the SPSO
 * model complaints handling procedure, and English complaints with a hazard under Awaab's Law
 * beside them. Used by `npm run demo` and by test/examples/beyondEngland.test.ts.
 */
import { SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN, HOUSING_OMBUDSMAN, replay, type ComplaintEvent, type ComplaintMachine, type ComplaintSnapshot, type Letter } from 'housing-complaints';
import { samples } from './letters/samples.js';

const SPSO = SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN;
const ID = 'S-2025-0031';
const definition = (samples.stage2Acknowledgement as Extract<Letter, { kind: 'acknowledgement' }>).definition;

/**
 * Received on Friday 28 November 2025 in Scotland. There is no acknowledgement at stage 1; the
 * landlord extends the frontline response by the 5 working days the procedure allows, is refused a
 * further day (a complaint that needs longer goes to stage 2), and sends it straight to stage 2 as
 * complex. Stage 2 is acknowledged within 3 working days and answered within 20 of the request.
 */
export function scottishComplaint(): { events: ComplaintEvent[]; misdirected: ComplaintEvent; before: (machine: ComplaintMachine) => ComplaintSnapshot } {
  const final: Extract<Letter, { kind: 'stage2-response' }> = {
    ...(samples.stage2Response as Extract<Letter, { kind: 'stage2-response' }>),
    complaintId: ID,
    sentOn: '2026-01-06',
    definition,
    // The English sample's findings cite the Housing Ombudsman's guidance: a Scottish letter cites none.
    findings: (samples.stage2Response as Extract<Letter, { kind: 'stage2-response' }>).findings.map(({ references: _references, ...finding }) => finding),
    outstandingActions: [],
    remedies: [{ kind: 'apology', description: 'We are sorry the mould was not treated when you first told us' }],
    ombudsmanRoute: 'If you are still unhappy, you can ask the Scottish Public Services Ombudsman to look at your complaint. You should normally do so within 12 months of first knowing about the problem',
    ombudsman: SPSO,
  };
  const events: ComplaintEvent[] = [
    { type: 'RECEIVE', at: '2025-11-28T10:00:00Z', complaint: { id: ID, region: 'scotland', summary: 'Mould in the bedroom, repairs not done' } },
    { type: 'EXTEND', at: '2025-12-04T10:00:00Z', letter: { ...samples.extensionNotice, complaintId: ID, sentOn: '2025-12-04', newRespondBy: '2025-12-15', ombudsman: SPSO } } as ComplaintEvent,
    { type: 'EXTEND', at: '2025-12-05T10:00:00Z', letter: { ...samples.extensionNotice, complaintId: ID, sentOn: '2025-12-05', newRespondBy: '2025-12-16', ombudsman: SPSO } } as ComplaintEvent,
    { type: 'ESCALATE', at: '2025-12-05T11:00:00Z', route: 'complex-or-serious' },
    {
      type: 'ACKNOWLEDGE',
      at: '2025-12-09T10:00:00Z',
      letter: { ...samples.stage2Acknowledgement, complaintId: ID, sentOn: '2025-12-09', respondBy: '2026-01-08', ombudsman: SPSO },
    } as ComplaintEvent,
    { type: 'RESPOND', at: '2026-01-06T15:00:00Z', letter: final },
  ];
  const misdirected: ComplaintEvent = { type: 'RESPOND', at: '2026-01-06T15:00:00Z', letter: { ...final, ombudsman: HOUSING_OMBUDSMAN } };
  return { events, misdirected, before: (machine) => replay(machine, events.slice(0, -1)).snapshot };
}

/**
 * An English complaint received on Monday 1 December 2025, with damp and mould reported a week
 * later: the hazard is investigated within 10 working days, its written summary follows within 3
 * and its safety work within 5 working days of the investigation concluding, over Christmas, while
 * the complaint gets its stage 1 response on time.
 */
export function dampAndMould(): ComplaintEvent[] {
  const id = 'C-2025-0412';
  return [
    { type: 'RECEIVE', at: '2025-12-01T09:00:00Z', complaint: { id, region: 'england-and-wales', summary: 'Damp and mould in the bedroom' } },
    { type: 'ACKNOWLEDGE', at: '2025-12-02T10:00:00Z', letter: { ...samples.acknowledgement, complaintId: id, sentOn: '2025-12-02', respondBy: '2025-12-16' } } as ComplaintEvent,
    { type: 'REPORT_HAZARD', at: '2025-12-08T09:00:00Z', hazard: { type: 'damp-and-mould', category: 'significant', description: 'Black mould spreading on the bedroom wall' } },
    {
      type: 'RESPOND',
      at: '2025-12-16T15:00:00Z',
      letter: {
        ...samples.stage1Response,
        complaintId: id,
        sentOn: '2025-12-16',
        remedies: [{ kind: 'apology', description: 'We are sorry that we did not fix the leak or inspect the mould when we should have' }],
        outstandingActions: [{ description: 'Treat the mould and make the wall safe, as Awaab’s Law requires', dueOn: '2026-01-09' }],
      },
    } as ComplaintEvent,
    { type: 'INVESTIGATE_HAZARD', at: '2025-12-19T15:00:00Z', finding: 'significant' },
    { type: 'RECORD_HAZARD_WORK', at: '2025-12-22T12:00:00Z', duty: 'written-summary' },
  ];
}

/** Exposed wires reported at 16:30 on Friday 14 November 2025, checked the next morning, made safe late. */
export function emergencyOnFriday(): ComplaintEvent[] {
  const id = 'C-2025-0388';
  return [
    { type: 'RECEIVE', at: '2025-11-14T16:00:00Z', complaint: { id, region: 'england-and-wales', summary: 'Electrics unsafe' } },
    { type: 'REPORT_HAZARD', at: '2025-11-14T16:30:00Z', hazard: { type: 'electrical-hazards', category: 'emergency', description: 'Exposed live wires by the kitchen sink' } },
    { type: 'INVESTIGATE_HAZARD', at: '2025-11-15T09:00:00Z', finding: 'emergency' },
    { type: 'RECORD_HAZARD_WORK', at: '2025-11-15T18:00:00Z', duty: 'emergency-make-safe' },
  ];
}
