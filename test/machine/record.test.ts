/**
 * The whole record (issue "a whole record"): the resident's rights survive the landlord's steps, and
 * every refusal is answered with a reason.
 */
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, describeComplaint, explain, nextEvents, policies, replay, restore, serialize, type ComplaintEvent } from '../../src/machine/index.js';
import { ID, acknowledge, acknowledge2, decline, definition, escalate, receive, refuseEscalation, respond1, respond2, stage2Definition } from '../support/complaint.js';
import { samples } from '../../examples/letters/samples.js';
import { HOUSING_OMBUDSMAN, renderLetter, validateLetter } from '../../src/letters/index.js';

const machine = createComplaintMachine();
const run = (events: ComplaintEvent[]) => replay(machine, events);
const close = (at: string): ComplaintEvent => ({ type: 'CLOSE', at });

describe('escalation after closing at stage 1 (6.10, 5.11)', () => {
  const closedAtStage1 = [receive(), acknowledge(), respond1(), close('2025-01-10T09:00:00Z')];

  it('accepts ESCALATE weeks after the complaint was closed as resolved, and opens stage 2', () => {
    const { snapshot, rejected } = run([...closedAtStage1, escalate('2025-02-03T09:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.value).toEqual({ process: { stage2: 'acknowledging' }, ombudsman: 'notReferred', hazard: 'none' });
    expect(snapshot.context.closure).toBeUndefined();
    expect(snapshot.context.stage2).toMatchObject({ requestedOn: '2025-02-03', acknowledgeBy: '2025-02-10' });
    // The earlier closing stays on the record.
    expect(snapshot.context.notes).toContainEqual(expect.objectContaining({ on: '2025-02-03', provision: '6.10', message: expect.stringContaining('closed as resolved at stage 1 on 2025-01-10') }));
    expect(describeComplaint(snapshot).stage).toBe('stage2');
  });

  it('offers ESCALATE as a next event once closed at stage 1, and explains it as allowed', () => {
    const { snapshot } = run(closedAtStage1);
    expect(nextEvents(snapshot)).toContain('ESCALATE');
    expect(explain(snapshot, escalate('2025-02-03T09:00:00Z'))).toMatchObject({ allowed: true, reasons: expect.arrayContaining([expect.objectContaining({ provision: '6.10' })]) });
  });

  it('goes on through stage 2 to the final response, or to a refusal in writing for a section 2 reason', () => {
    const reopened = [...closedAtStage1, escalate('2025-02-03T09:00:00Z')];
    expect(run([...reopened, acknowledge2('2025-02-05T09:00:00Z')]).snapshot.value).toEqual({ process: { stage2: 'reviewing' }, ombudsman: 'notReferred', hazard: 'none' });
    const refused = run([...reopened, refuseEscalation('2025-02-05T09:00:00Z')]);
    expect(refused.rejected).toEqual([]);
    expect(refused.snapshot.context.closure).toEqual({ reason: 'escalation-refused', on: '2025-02-05' });
  });

  it('stores and restores the reopened complaint', () => {
    const { snapshot } = run([...closedAtStage1, escalate('2025-02-03T09:00:00Z')]);
    expect(restore(machine, serialize(snapshot)).context).toEqual(snapshot.context);
  });

  it('under a policy run as written, a request outside its window is still recorded, for the landlord to refuse in writing', () => {
    const asWritten = createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false });
    const { snapshot, rejected } = replay(asWritten, [...closedAtStage1, escalate('2025-03-03T09:00:00Z', 'The leak is back')]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.notes.map((n) => n.provision)).toContain('policy 6.3.1');
  });
});

describe('every refusal comes with a reason', () => {
  it('names a provision when a declined complaint or a refused escalation is escalated again', () => {
    const declined = run([receive(), decline('2024-12-23T10:00:00Z')]).snapshot;
    expect(explain(declined, escalate('2025-01-06T09:00:00Z'))).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '2.4' })] });
    const refused = run([receive(), acknowledge(), respond1(), escalate(), refuseEscalation('2025-02-03T09:00:00Z')]).snapshot;
    expect(explain(refused, escalate('2025-02-10T09:00:00Z'))).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '5.11' })] });
  });
});

describe('remedies promised for a date already past (7.3)', () => {
  const offer = (at: string, dueOn: string): ComplaintEvent => ({
    type: 'OFFER_REMEDY',
    at,
    remedy: { id: 'goodwill', kind: 'financial', description: 'A goodwill payment for the delay', amountPence: 5000, dueOn },
  });

  it('refuses a remedy offered on 20 January to be done by 10 January, naming 7.3', () => {
    const received = run([receive('2025-01-06T09:00:00Z')]).snapshot;
    const { snapshot, rejected } = replay(machine, [offer('2025-01-20T09:00:00Z', '2025-01-10')], { from: received });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reasons).toEqual([expect.objectContaining({ provision: '7.3', message: expect.stringContaining('before the day it is offered (2025-01-20)') })]);
    expect(snapshot.context.tracked).toEqual([]);
  });

  it('accepts one due the same day or later, in UK time', () => {
    const received = run([receive('2025-01-06T09:00:00Z')]).snapshot;
    expect(replay(machine, [offer('2025-01-20T09:00:00Z', '2025-01-20')], { from: received }).rejected).toEqual([]);
    // 23:30 UTC on 30 June is 1 July in the UK: a remedy due on 1 July is not in the past.
    const summer = run([receive('2024-06-28T09:00:00Z')]).snapshot;
    expect(replay(machine, [offer('2024-06-30T23:30:00Z', '2024-07-01')], { from: summer }).rejected).toEqual([]);
  });
});

describe('letters are dated the day of the event that sends them (5.12)', () => {
  it('refuses RESPOND on 3 February with a letter dated 28 January', () => {
    const acknowledged = run([receive('2025-01-20T09:00:00Z'), acknowledge('2025-01-21T09:00:00Z')]).snapshot;
    const letter = { ...respond1('2025-01-28T09:00:00Z').letter };
    const { rejected, snapshot } = replay(machine, [{ type: 'RESPOND', at: '2025-02-03T09:00:00Z', letter }], { from: acknowledged });
    expect(rejected[0]!.reasons).toEqual([expect.objectContaining({ provision: '5.12', message: expect.stringContaining('dated 2025-01-28, but the event that sends it happened on 2025-02-03') })]);
    expect(snapshot.context).toEqual(acknowledged.context);
  });

  it('refuses a decline notice and a refusal to escalate dated another day, and takes them on their day', () => {
    const received = run([receive('2025-01-20T09:00:00Z')]).snapshot;
    const misdated = { ...decline('2025-01-21T09:00:00Z'), at: '2025-01-22T09:00:00Z' };
    expect(explain(received, misdated)).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '5.12' })] });
    expect(explain(received, decline('2025-01-22T09:00:00Z')).allowed).toBe(true);
    const requested = run([receive(), acknowledge(), respond1(), escalate()]).snapshot;
    expect(explain(requested, { ...refuseEscalation('2025-02-03T09:00:00Z'), at: '2025-02-04T09:00:00Z' }).reasons[0]?.provision).toBe('5.12');
  });

  it('dates a letter sent late in the evening in summer by the UK day, not the UTC one', () => {
    const received = run([receive('2024-06-20T09:00:00Z')]).snapshot;
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    const late = { ...decline('2024-07-01T09:00:00Z'), at: '2024-06-30T23:30:00Z' };
    expect(explain(received, late).allowed).toBe(true);
  });
});

describe("a representative's consent (1.3, 3.6)", () => {
  const written = createComplaintMachine({ policy: policies.peaksPlainsV4 });
  const byRepresentative = receive('2025-01-06T09:00:00Z', { raisedBy: 'representative' });
  const consent = (at: string): ComplaintEvent => ({ type: 'RECORD_CONSENT', at });

  it('clears consentAwaited when the consent arrives, and stops repeating the note at each acknowledgement', () => {
    const { snapshot, rejected } = replay(written, [byRepresentative, consent('2025-01-07T09:00:00Z'), acknowledge('2025-01-08T09:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.consentAwaited).toBe(false);
    expect(snapshot.context.consentReceivedOn).toBe('2025-01-07');
    expect(snapshot.context.complaint?.consentOnFile).toBe(true);
    expect(snapshot.context.notes.map((n) => n.message)).toEqual(["The resident's consent for their representative was received."]);
    expect(describeComplaint(snapshot).consentAwaited).toBe(false);
    expect(restore(written, serialize(snapshot)).context).toEqual(snapshot.context);
  });

  it('can arrive at any stage, and is offered as a next event only while it is not on file', () => {
    const waiting = replay(written, [byRepresentative, acknowledge('2025-01-08T09:00:00Z')]).snapshot;
    expect(waiting.context.consentAwaited).toBe(true);
    expect(nextEvents(waiting)).toContain('RECORD_CONSENT');
    const received = replay(written, [consent('2025-01-09T09:00:00Z')], { from: waiting }).snapshot;
    expect(received.context.consentAwaited).toBe(false);
    expect(nextEvents(received)).not.toContain('RECORD_CONSENT');
  });

  it('refuses it twice, or for a complaint the resident made themselves, naming the rule', () => {
    const done = replay(written, [byRepresentative, consent('2025-01-07T09:00:00Z')]).snapshot;
    expect(explain(done, consent('2025-01-08T09:00:00Z'))).toEqual({
      allowed: false,
      reasons: [{ provision: 'policy 8.2', message: "The resident's consent for their representative is already on file (received 2025-01-07)." }],
    });
    const ownComplaint = run([receive('2025-01-06T09:00:00Z')]).snapshot;
    expect(explain(ownComplaint, consent('2025-01-07T09:00:00Z'))).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '1.3' })] });
    expect(nextEvents(ownComplaint)).not.toContain('RECORD_CONSENT');
  });

  it('under the Code, a representative complaint is not marked as waiting for consent, and consent may still be recorded', () => {
    const { snapshot } = run([byRepresentative]);
    expect(snapshot.context.consentAwaited).toBe(false);
    expect(replay(machine, [consent('2025-01-07T09:00:00Z')], { from: snapshot }).snapshot.context.consentReceivedOn).toBe('2025-01-07');
  });
});

describe('policy timers stop as well as start (Peaks & Plains 6.1.1, 6.1.2)', () => {
  const written = createComplaintMachine({ policy: policies.peaksPlainsV4 });
  const timer = (snapshot: { context: { timers: { id: string }[] } }, id: string) => snapshot.context.timers.find((t) => t.id === id);

  it('stops the quick-fix timer when the complaint is acknowledged for investigation: no false breach later', () => {
    const { snapshot } = replay(written, [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-07T09:00:00Z'), { type: 'TICK', at: '2025-01-20T09:00:00Z' }]);
    expect(timer(snapshot, 'quick-fix')).toMatchObject({ due: '2025-01-08', stoppedOn: '2025-01-07' });
    expect(snapshot.context.breaches.map((b) => b.deadline)).not.toContain('timer:quick-fix');
    expect(describeComplaint(snapshot).openDeadlines.map((d) => d.deadline)).not.toContain('timer:quick-fix');
    expect(explain(snapshot, { type: 'COMPLETE_ACTION', at: '2025-01-21T09:00:00Z', id: 'quick-fix' })).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: 'policy 6.1.1' })] });
  });

  it('still records the quick fix as missed when its two working days ran out before the acknowledgement', () => {
    const { snapshot } = replay(written, [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-10T09:00:00Z')]);
    expect(snapshot.context.breaches.map((b) => b.deadline)).toContain('timer:quick-fix');
    expect(timer(snapshot, 'quick-fix')).toMatchObject({ stoppedOn: '2025-01-10' });
  });

  it("stops the investigating manager's contact timer at the stage 1 response, and every timer when the complaint closes", () => {
    const responded = replay(written, [receive('2024-12-20T16:45:00Z'), acknowledge('2024-12-23T10:00:00Z'), respond1('2024-12-24T15:00:00Z')]).snapshot;
    expect(timer(responded, 'investigator-contact')).toMatchObject({ stoppedOn: '2024-12-24' });
    const withdrawn = replay(written, [receive('2025-01-06T09:00:00Z'), { type: 'WITHDRAW', at: '2025-01-07T09:00:00Z' }]).snapshot;
    expect(timer(withdrawn, 'quick-fix')).toMatchObject({ stoppedOn: '2025-01-07' });
    expect(restore(written, serialize(withdrawn)).context).toEqual(withdrawn.context);
  });

  it('keeps a timer that was met as met', () => {
    const { snapshot } = replay(written, [receive('2025-01-06T09:00:00Z'), { type: 'COMPLETE_ACTION', at: '2025-01-07T09:00:00Z', id: 'quick-fix' }, acknowledge('2025-01-08T09:00:00Z')]);
    expect(timer(snapshot, 'quick-fix')).toEqual(expect.objectContaining({ metOn: '2025-01-07' }));
    expect(timer(snapshot, 'quick-fix')).not.toHaveProperty('stoppedOn');
  });
});

describe("the Ombudsman's details in every letter (3.7)", () => {
  it('an acknowledgement and a stage 1 response accept the details, and render them under their own heading', () => {
    for (const letter of [samples.acknowledgement, samples.stage1Response]) {
      expect((letter as { ombudsman?: unknown }).ombudsman).toEqual(HOUSING_OMBUDSMAN);
      expect(validateLetter(letter).ok).toBe(true);
      const text = renderLetter(letter, { format: 'text' });
      expect(text).toContain('Contacting the Housing Ombudsman');
      expect(text).toContain(HOUSING_OMBUDSMAN.phone);
    }
  });

  it('a policy that gives them in every letter refuses a stage 1 response without them, naming 3.7', () => {
    const everyLetter = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    const acknowledged = replay(everyLetter, [receive(), acknowledge()]).snapshot;
    const { ombudsman: _left, ...without } = respond1().letter as Record<string, unknown>;
    const refused = explain(acknowledged, { type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter: without as never });
    expect(refused).toEqual({ allowed: false, reasons: [expect.objectContaining({ provision: '3.7' })] });
    expect(explain(acknowledged, respond1()).allowed).toBe(true);
    const received = replay(everyLetter, [receive('2025-01-06T09:00:00Z')]).snapshot;
    const ack = { kind: 'acknowledgement', complaintId: ID, sentOn: '2025-01-07', stage: 1, handler: 'Sam Patel', definition, respondBy: '2025-01-21' } as const;
    expect(explain(received, { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: ack })).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '3.7' })] });
    expect(explain(received, { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: { ...ack, ombudsman: HOUSING_OMBUDSMAN } }).allowed).toBe(true);
    // The Code alone does not ask for them in a stage 1 response.
    expect(explain(replay(machine, [receive(), acknowledge()]).snapshot, { type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter: without as never }).allowed).toBe(true);
  });
});

describe('a new response date given after the deadline has passed (6.3, 6.14)', () => {
  it('keeps the breach on the record and records the revised date the resident was told', () => {
    const events = [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-07T09:00:00Z')];
    const late = { type: 'EXTEND', at: '2025-01-23T09:00:00Z', until: '2025-01-30', reason: 'The surveyor was ill.', ombudsmanDetailsGiven: true } as const;
    const { snapshot, rejected } = run([...events, late]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.breaches).toEqual([expect.objectContaining({ deadline: 'stage1.respond', provision: '6.3', due: '2025-01-21', recordedOn: '2025-01-23' })]);
    expect(snapshot.context.stage1?.respondBy).toBe('2025-01-30');
    expect(snapshot.context.stage1?.extensions).toEqual([expect.objectContaining({ on: '2025-01-23', until: '2025-01-30', afterDeadline: true })]);
    expect(describeComplaint(snapshot).deadlines.respondBy).toBe('2025-01-30');
    expect(restore(machine, serialize(snapshot)).context).toEqual(snapshot.context);
  });

  it('still holds the revised date to the extension limit and to working days', () => {
    const events = [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-07T09:00:00Z')];
    const tooFar = { type: 'EXTEND', at: '2025-01-23T09:00:00Z', until: '2025-02-21', reason: 'The surveyor was ill.', ombudsmanDetailsGiven: true } as const;
    expect(explain(run(events).snapshot, tooFar)).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '6.4' })] });
  });
});

describe('legal proceedings started during stage 1 or stage 2 (2.2)', () => {
  const claim = (at: string) => decline(at, 'legal-proceedings');

  it('takes the complaint out of the process during the stage 1 investigation, with the decline notice on the record', () => {
    const { snapshot, rejected } = run([receive(), acknowledge(), claim('2025-01-06T10:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.value).toEqual({ process: { closed: 'declined' }, ombudsman: 'notReferred', hazard: 'none' });
    expect(snapshot.context.declineReason).toBe('legal-proceedings');
    expect(snapshot.context.letters.map((l) => l.kind)).toEqual(['decline-notice']);
    expect(snapshot.context.notes).toContainEqual(expect.objectContaining({ provision: '2.2' }));
    expect(describeComplaint(snapshot).openDeadlines.filter((d) => d.deadline.startsWith('stage'))).toEqual([]);
    expect(restore(machine, serialize(snapshot)).context).toEqual(snapshot.context);
  });

  it('and during the stage 2 review', () => {
    const { snapshot, rejected } = run([receive(), acknowledge(), respond1(), escalate(), acknowledge2(), claim('2025-02-10T10:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.closure).toEqual({ reason: 'declined', on: '2025-02-10' });
    expect(restore(machine, serialize(snapshot)).value).toEqual(snapshot.value);
  });

  it('refuses any other reason to decline once the complaint is accepted, naming 2.1', () => {
    const acknowledged = run([receive(), acknowledge()]).snapshot;
    expect(explain(acknowledged, decline('2025-01-06T10:00:00Z', 'previously-considered'))).toMatchObject({ allowed: false, reasons: [expect.objectContaining({ provision: '2.1' })] });
  });
});

describe('letters belong on the record: the acknowledgement and the extension notice (5.12)', () => {
  const ackLetter = (sentOn: string, respondBy: string, stage: 1 | 2 = 1, handler = 'Sam Patel') => ({
    kind: 'acknowledgement' as const,
    complaintId: ID,
    sentOn,
    stage,
    handler,
    definition: stage === 1 ? definition : stage2Definition,
    respondBy,
  });
  const notice = (sentOn: string, newRespondBy: string, extra: Record<string, unknown> = {}) => ({
    kind: 'extension-notice' as const,
    complaintId: ID,
    sentOn,
    stage: 1 as const,
    reasons: 'We have booked a damp survey for 15 January and need its findings.',
    newRespondBy,
    ombudsman: HOUSING_OMBUDSMAN,
    ...extra,
  });

  it('ACKNOWLEDGE carries the acknowledgement, whose response date is the deadline the machine counts', () => {
    const { snapshot, rejected } = run([receive('2025-01-06T09:00:00Z'), { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: ackLetter('2025-01-07', '2025-01-21') }]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.stage1).toMatchObject({ acknowledgedOn: '2025-01-07', handler: 'Sam Patel', respondBy: '2025-01-21' });
    expect(snapshot.context.letters.map((l) => l.kind)).toEqual(['acknowledgement']);
    expect(snapshot.context.definition).toEqual(definition);
    expect(restore(machine, serialize(snapshot)).context).toEqual(snapshot.context);
  });

  it('refuses an acknowledgement promising another date, or for the other stage, or with the deprecated fields as well', () => {
    const received = run([receive('2025-01-06T09:00:00Z')]).snapshot;
    expect(explain(received, { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: ackLetter('2025-01-07', '2025-01-24') })).toEqual({
      allowed: false,
      reasons: [{ provision: '6.3', message: 'The letter promises a response by 2025-01-24; counted from this acknowledgement, the response is due on 2025-01-21.' }],
    });
    expect(explain(received, { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: ackLetter('2025-01-07', '2025-01-21', 2) }).reasons[0]?.provision).toBe('6.2');
    const both = { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: ackLetter('2025-01-07', '2025-01-21'), handler: 'Sam Patel' } as unknown as ComplaintEvent;
    expect(explain(received, both).reasons[0]?.message).toMatch(/malformed event: .*not both/);
  });

  it('at stage 2, the acknowledgement still keeps 6.13: a different handler', () => {
    const requested = run([receive(), acknowledge(), respond1(), escalate()]).snapshot;
    const same = { type: 'ACKNOWLEDGE', at: '2025-02-05T09:00:00Z', letter: ackLetter('2025-02-05', '2025-03-05', 2, 'Sam Patel') } as const;
    expect(explain(requested, same).reasons[0]?.provision).toBe('6.13');
    const other = { type: 'ACKNOWLEDGE', at: '2025-02-05T09:00:00Z', letter: ackLetter('2025-02-05', '2025-03-05', 2, 'Priya Shah') } as const;
    expect(replay(machine, [other], { from: requested }).snapshot.context.letters.map((l) => l.kind)).toEqual(['stage1-response', 'acknowledgement']);
  });

  it('EXTEND carries the extension notice: its new date is the new deadline, and it is kept on the record', () => {
    const acknowledged = run([receive('2025-01-06T09:00:00Z'), { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: ackLetter('2025-01-07', '2025-01-21') }]).snapshot;
    const { snapshot, rejected } = replay(machine, [{ type: 'EXTEND', at: '2025-01-15T09:00:00Z', letter: notice('2025-01-15', '2025-01-28') }], { from: acknowledged });
    expect(rejected).toEqual([]);
    expect(snapshot.context.stage1?.respondBy).toBe('2025-01-28');
    expect(snapshot.context.stage1?.extensions).toEqual([expect.objectContaining({ on: '2025-01-15', until: '2025-01-28', reason: expect.stringContaining('damp survey'), workingDays: 5 })]);
    expect(snapshot.context.letters.map((l) => l.kind)).toEqual(['acknowledgement', 'extension-notice']);
  });

  it("refuses a notice without the Ombudsman's details: the details are in the letter, not the host's word (6.5)", () => {
    const acknowledged = run([receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-07T09:00:00Z')]).snapshot;
    const { ombudsman: _none, ...withoutDetails } = notice('2025-01-15', '2025-01-28');
    expect(explain(acknowledged, { type: 'EXTEND', at: '2025-01-15T09:00:00Z', letter: withoutDetails as never })).toMatchObject({
      allowed: false,
      reasons: [expect.objectContaining({ provision: '6.5' })],
    });
  });
});

describe('a response says what is still to be done (6.6, 6.17)', () => {
  const upToStage2 = [receive(), acknowledge(), respond1(), escalate(), acknowledge2()];

  it('refuses a final response that says nothing is left to do while remedies and actions are open, naming them', () => {
    const reviewing = run(upToStage2).snapshot;
    const nothingLeft = { ...respond2().letter, outstandingActions: [] } as never;
    const why = explain(reviewing, { type: 'RESPOND', at: '2025-03-04T12:00:00Z', letter: nothingLeft });
    expect(why.allowed).toBe(false);
    expect(why.reasons).toEqual([expect.objectContaining({ provision: '6.17', message: expect.stringContaining('says nothing is left to do, but 4 remedies or actions are still open') })]);
    expect(why.reasons[0]!.message).toContain("'Treat the mould and redecorate the back bedroom' (due 2025-02-14)");
  });

  it('refuses one that leaves an open item out, and accepts one that lists them all, tracking each once', () => {
    const reviewing = run(upToStage2).snapshot;
    const full = respond2();
    const partial = { ...full.letter, outstandingActions: full.letter.outstandingActions.slice(1) } as never;
    expect(explain(reviewing, { type: 'RESPOND', at: '2025-03-04T12:00:00Z', letter: partial }).reasons[0]).toMatchObject({ provision: '6.17', message: expect.stringContaining('leave out') });
    const { snapshot, rejected } = replay(machine, [full], { from: reviewing });
    expect(rejected).toEqual([]);
    expect(snapshot.context.tracked.filter((item) => !item.completedOn).map((item) => item.id)).toEqual(['s1-remedy-2', 's1-remedy-3', 's1-action-1', 's1-action-2', 's2-remedy-1']);
  });

  it('at stage 1, a remedy offered before the response is one of its outstanding actions (6.6)', () => {
    const withRemedy = run([
      receive(),
      acknowledge(),
      { type: 'OFFER_REMEDY', at: '2024-12-30T09:00:00Z', remedy: { id: 'goodwill', kind: 'financial', description: 'A goodwill payment for the missed appointments', amountPence: 5000, dueOn: '2025-01-31' } },
    ]).snapshot;
    expect(explain(withRemedy, respond1()).reasons[0]).toMatchObject({ provision: '6.6', message: expect.stringContaining("'A goodwill payment for the missed appointments' (due 2025-01-31)") });
  });
});
