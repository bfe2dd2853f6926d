/**
 * The SPSO model complaints handling procedure as a policy of the one statechart: a frontline
 * stage 1 with no acknowledgement, straight to stage 2 when complex or serious or asked for,
 * responses counted from the start of each stage, and the SPSO (never the Housing Ombudsman) in
 * letters, explanations, records and breaches.
 */
import { describe, expect, it } from 'vitest';
import { samples } from '../../examples/letters/samples.js';
import { createWorkingDayCalendar } from '../../src/calendar/index.js';
import { HOUSING_OMBUDSMAN, SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN, type Letter } from '../../src/letters/index.js';
import {
  checkPolicy,
  createComplaintMachine,
  describeComplaint,
  effectivePolicy,
  explain,
  nextEvents,
  policies,
  projectTimeline,
  replay,
  restore,
  serialize,
  type ComplaintEvent,
  type Policy,
} from '../../src/machine/index.js';
import { parseRecord, toRecord } from '../../src/reporting/index.js';

const spso = createComplaintMachine({ policy: policies.spsoModelChp });
const code = createComplaintMachine();
const scotland = createWorkingDayCalendar({ region: 'scotland' });
const SPSO = SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN;

// Received on Friday 28 November 2025 in Scotland: St Andrew's Day (30 Nov, a Sunday) is kept on Monday 1 December.
const receive: ComplaintEvent = { type: 'RECEIVE', at: '2025-11-28T10:00:00Z', complaint: { id: 'S-1', region: 'scotland', summary: 'Broken boiler' } };
const letter = <K extends Letter['kind']>(sample: Letter, sentOn: string, extra: Record<string, unknown> = {}) => ({ ...sample, complaintId: 'S-1', sentOn, ombudsman: SPSO, ...extra }) as Extract<Letter, { kind: K }>;
const frontlineResponse = (on: string): ComplaintEvent => ({
  type: 'RESPOND',
  at: `${on}T15:00:00Z`,
  letter: letter(samples.stage1Response, on, { remedies: [{ kind: 'apology', description: 'We are sorry the boiler was not fixed sooner' }], outstandingActions: [] }),
});
const stage2Definition = (samples.stage2Acknowledgement as Extract<Letter, { kind: 'acknowledgement' }>).definition;

describe('the SPSO model procedure as a policy', () => {
  it('meets its own floor, and is judged against it rather than the Code', () => {
    expect(checkPolicy(policies.spsoModelChp)).toEqual([]);
    const slow: Policy = { ...policies.spsoModelChp, stage1: { respondWithin: 10, extensionLimit: 10 }, stage2: { acknowledgeWithin: 5, respondWithin: 20, extensionLimit: 20 }, extraNamedStages: ['Informal'] };
    expect(checkPolicy(slow).map((c) => c.provision)).toEqual(['MCHP stage 1', 'MCHP stage 1 extension', 'MCHP stage 2 acknowledgement', 'MCHP two stages']);
    // The same rules under England's jurisdiction break the Code instead.
    expect(checkPolicy({ ...policies.spsoModelChp, jurisdiction: 'england' }).map((c) => c.provision)).toEqual(['2.3', '6.2', '6.3', '6.10']);
  });

  it('enforces its floor: the stricter of the policy and the procedure', () => {
    const rules = effectivePolicy({ ...policies.spsoModelChp, id: 'slow-scot', stage1: { respondWithin: 8, extensionLimit: 9 } });
    expect(rules).toMatchObject({ jurisdiction: 'scotland', responsesFromStartOfStage: true, directToStage2: true, stage1: { respondWithin: 5, extensionLimit: 5 } });
    expect(rules.stage1.acknowledgeWithin).toBeUndefined();
    expect(rules.gaveWay.map((c) => c.provision)).toEqual(['MCHP stage 1', 'MCHP stage 1 extension']);
  });
});

describe('stage 1 with no acknowledgement', () => {
  const { snapshot } = replay(spso, [receive]);

  it('starts stage 1 on receipt, its frontline response due 5 working days later', () => {
    expect(snapshot.value).toEqual({ process: { stage1: 'investigating' }, ombudsman: 'notReferred', hazard: 'none' });
    const due = scotland.addWorkingDays('2025-11-28', 5);
    expect(due).toBe('2025-12-08'); // 1 December is St Andrew's Day (substitute) in Scotland
    expect(snapshot.context.stage1).toEqual({ requestedOn: '2025-11-28', respondBy: due, originalRespondBy: due, extensions: [] });
    expect(describeComplaint(snapshot).deadlines).toEqual({ respondBy: due, originalRespondBy: due });
    expect(describeComplaint(snapshot).openDeadlines).toEqual([{ deadline: 'stage1.respond', provision: 'MCHP stage 1', due }]);
    expect(projectTimeline(snapshot)).toEqual({ respondBy: due, respondByWithLongestExtension: scotland.addWorkingDays(due, 5) });
  });

  it('offers no acknowledgement, and going straight to stage 2', () => {
    expect(nextEvents(snapshot)).toContain('ESCALATE');
    expect(nextEvents(snapshot)).not.toContain('ACKNOWLEDGE');
    expect(explain(snapshot, { type: 'ACKNOWLEDGE', at: '2025-11-28T11:00:00Z', handler: 'Ailsa Reid', definition: stage2Definition }).allowed).toBe(false);
  });

  it('answers at stage 1 without an acknowledgement, on time', () => {
    const after = replay(spso, [receive, frontlineResponse('2025-12-05')]);
    expect(after.rejected).toEqual([]);
    expect(after.snapshot.value).toMatchObject({ process: { stage1: 'responded' } });
    expect(after.snapshot.context.breaches).toEqual([]);
  });

  it('records a late frontline response as a breach of the procedure, not of the Code', () => {
    const after = replay(spso, [receive, frontlineResponse('2025-12-09')]);
    expect(after.snapshot.context.breaches).toEqual([{ deadline: 'stage1.respond', provision: 'MCHP stage 1', due: '2025-12-08', recordedOn: '2025-12-09' }]);
  });

  it('extends to at most 10 working days in all without a good reason', () => {
    const extend = (until: string): ComplaintEvent => ({ type: 'EXTEND', at: '2025-12-03T10:00:00Z', letter: letter(samples.extensionNotice, '2025-12-03', { newRespondBy: until }) });
    expect(explain(snapshot, extend(scotland.addWorkingDays('2025-12-08', 5))).allowed).toBe(true);
    expect(explain(snapshot, extend(scotland.addWorkingDays('2025-12-08', 6))).reasons.map((r) => r.provision)).toEqual(['MCHP stage 1 extension']);
  });

  it('has no definition to add an issue to', () => {
    const reasons = explain(snapshot, { type: 'ADD_ISSUE', at: '2025-12-01T10:00:00Z', related: true, point: { id: 'radiator', summary: 'Radiator leaks' } }).reasons;
    expect(reasons.map((r) => r.provision)).toEqual(['Code 2024 5.6']);
  });
});

describe('straight to stage 2', () => {
  const direct: ComplaintEvent = { type: 'ESCALATE', at: '2025-12-01T09:00:00Z', route: 'complex-or-serious' };

  it('goes to stage 2 before a stage 1 response when complex or serious, saying why, with stage 2’s own timescales', () => {
    const { snapshot, rejected } = replay(spso, [receive, direct]);
    expect(rejected).toEqual([]);
    expect(snapshot.value).toMatchObject({ process: { stage2: 'acknowledging' } });
    expect(snapshot.context.stage2).toMatchObject({ requestedOn: '2025-12-01', acknowledgeBy: scotland.addWorkingDays('2025-12-01', 3), route: 'complex-or-serious' });
    // The frontline response is no longer owed; stage 2's acknowledgement is.
    expect(describeComplaint(snapshot).openDeadlines.map((d) => [d.deadline, d.provision])).toEqual([['stage2.acknowledge', 'MCHP stage 2 acknowledgement']]);
    expect(snapshot.context.notes).toContainEqual({ on: '2025-12-01', provision: 'MCHP straight to stage 2', message: 'Straight to stage 2 before a stage 1 response: the complaint is complex or serious.' });
  });

  it('counts the stage 2 decision from the request, not the acknowledgement', () => {
    const due = scotland.addWorkingDays('2025-12-01', 20);
    const ack: ComplaintEvent = { type: 'ACKNOWLEDGE', at: '2025-12-03T09:00:00Z', letter: letter(samples.stage2Acknowledgement, '2025-12-03', { respondBy: due, ombudsman: undefined }) };
    const { snapshot, rejected } = replay(spso, [receive, direct, ack]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.stage2).toMatchObject({ acknowledgedOn: '2025-12-03', respondBy: due, originalRespondBy: due });
    // A letter promising the Code's count (from the acknowledgement) is refused.
    const codeCount = { ...ack, letter: { ...ack.letter, respondBy: scotland.addWorkingDays('2025-12-03', 20) } } as ComplaintEvent;
    expect(explain(replay(spso, [receive, direct]).snapshot, codeCount).reasons.map((r) => r.provision)).toEqual(['MCHP stage 2']);
  });

  it('needs the reason for going straight to stage 2', () => {
    const { snapshot } = replay(spso, [receive]);
    expect(explain(snapshot, { type: 'ESCALATE', at: '2025-12-01T09:00:00Z' }).reasons.map((r) => r.provision)).toEqual(['MCHP straight to stage 2']);
    expect(explain(snapshot, { ...direct, route: 'resident-asked' }).allowed).toBe(true);
  });

  it('is refused under the Code, as before, and never offered', () => {
    const { snapshot } = replay(code, [{ ...receive, complaint: { ...(receive as Extract<ComplaintEvent, { type: 'RECEIVE' }>).complaint, region: 'england-and-wales' } }, { type: 'ACKNOWLEDGE', at: '2025-11-28T11:00:00Z', handler: 'Sam Patel', definition: stage2Definition }]);
    expect(explain(snapshot, direct)).toEqual({ allowed: false, reasons: [{ provision: '6.10', message: 'Stage 2 follows the stage 1 response: respond at stage 1 first.' }] });
    expect(explain(snapshot, { type: 'ESCALATE', at: '2025-12-01T09:00:00Z' })).toEqual({ allowed: false, reasons: [{ provision: '6.10', message: 'Stage 2 follows the stage 1 response: respond at stage 1 first.' }] });
    expect(nextEvents(snapshot)).not.toContain('ESCALATE');
  });
});

describe('the jurisdiction in letters, explanations and records', () => {
  it('refuses a letter that sends a Scottish resident to the Housing Ombudsman', () => {
    const { snapshot } = replay(spso, [receive]);
    const right = frontlineResponse('2025-12-05') as Extract<ComplaintEvent, { type: 'RESPOND' }>;
    const wrong = { ...right, letter: { ...right.letter, ombudsman: HOUSING_OMBUDSMAN } } as ComplaintEvent;
    expect(explain(snapshot, wrong).reasons).toEqual([expect.objectContaining({ provision: 'SPSO Act 2002 s10' })]);
  });

  it('names the SPSO, and cites the Code only as the Code 2024 applied as good practice', () => {
    const { snapshot } = replay(spso, [receive, frontlineResponse('2025-12-05'), { type: 'REFER_TO_OMBUDSMAN', at: '2025-12-10T09:00:00Z' }]);
    const reasons = explain(snapshot, { type: 'REFER_TO_OMBUDSMAN', at: '2025-12-11T09:00:00Z' }).reasons;
    expect(reasons[0]!.message).toContain('SPSO');
    expect(reasons[0]!.message).not.toContain('Housing Ombudsman');
    const stage1Handler = replay(spso, [receive, { type: 'ESCALATE', at: '2025-12-01T09:00:00Z', route: 'resident-asked' }]).snapshot;
    expect(explain(stage1Handler, { type: 'RESPOND', at: '2025-12-02T09:00:00Z', letter: letter(samples.stage2Response, '2025-12-02') }).reasons.every((r) => r.provision === undefined || !/^\d/.test(r.provision))).toBe(true);
  });

  it('keeps the jurisdiction in the stored snapshot and the record, and restores it', () => {
    const { snapshot } = replay(spso, [receive, { type: 'ESCALATE', at: '2025-12-01T09:00:00Z', route: 'resident-asked' }]);
    expect(snapshot.context.policy.jurisdiction).toBe('scotland');
    const again = restore(spso, serialize(snapshot));
    expect(again.context).toEqual(snapshot.context);
    const record = toRecord(snapshot)!;
    expect(record.policy.jurisdiction).toBe('scotland');
    // A complaint that went straight to stage 2 makes a record that parses, saying why.
    expect(record.stage2?.route).toBe('resident-asked');
    expect(parseRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(record.stage1.acknowledgeBy).toBeUndefined();
    // Under the Code, the same record cannot be restored: the policy is another.
    expect(() => restore(code, serialize(snapshot))).toThrow(/policy/);
  });

  it('refuses a stored record that went straight to stage 2 under the Code', () => {
    const { snapshot } = replay(spso, [receive, { type: 'ESCALATE', at: '2025-12-01T09:00:00Z', route: 'resident-asked' }]);
    const json = JSON.parse(serialize(snapshot));
    // A forged Code record: the Code policy's stamp, with a stage 2 entered before any stage 1 response.
    const codeStamp = replay(code, []).snapshot.context.policy;
    json.context.policy = codeStamp;
    expect(() => restore(code, json)).toThrow();
  });
});
