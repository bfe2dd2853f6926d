/**
 * Cases found by reviewing the machine: each test fails without its fix.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { checkPolicy, createComplaintMachine, explain, policies, replay, restore, serialize, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, escalate, extend, receive, refuseEscalation, respond1, respond2, throughBothStages } from '../support/complaint.js';

const machine = createComplaintMachine();
const run = (events: ComplaintEvent[], m = machine) => replay(m, events);
const offer = (id: string, at = '2024-12-27T10:00:00Z', extra: Record<string, unknown> = {}): ComplaintEvent =>
  ({ type: 'OFFER_REMEDY', at, remedy: { id, kind: 'action', description: 'Clear the gutter', dueOn: '2025-01-10', ...extra } }) as ComplaintEvent;

describe('ids', () => {
  it('refuses a point or remedy id that differs from an existing one only by spaces', () => {
    const added = run([receive(), acknowledge(), { type: 'ADD_ISSUE', at: '2025-01-06T10:00:00Z', point: { id: ' leak ', summary: 'Again' }, related: true }]);
    expect(added.rejected[0]?.reasons[0]?.provision).toBe('5.6');
    const remedies = run([receive(), offer('g'), offer(' g ', '2024-12-28T10:00:00Z')]);
    expect(remedies.rejected).toHaveLength(1);
    expect(restore(machine, serialize(remedies.snapshot)).context.tracked).toHaveLength(1);
  });

  it('refuses host ids that the machine gives to response remedies and actions, or to policy timers', () => {
    expect(run([receive(), offer('s1-remedy-2')]).rejected[0]?.reasons[0]?.message).toContain('reserved');
    const pp = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    expect(run([receive(), offer('investigator-contact')], pp).rejected[0]?.reasons[0]?.message).toContain('reserved');
  });

  it('completes an id given with spaces', () => {
    const { snapshot, rejected } = run([receive(), offer('g'), { type: 'COMPLETE_ACTION', at: '2025-01-02T10:00:00Z', id: ' g ' }]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.tracked[0]?.completedOn).toBe('2025-01-02');
  });
});

describe('an event object edited and sent again', () => {
  it('is judged afresh each time, by explain and by the machine', () => {
    const actor = createActor(machine).start();
    actor.send(receive());
    actor.send(acknowledge());
    const event = extend('2025-01-08T10:00:00Z', '2025-01-16', { ombudsmanDetailsGiven: false });
    expect(explain(actor.getSnapshot(), event).allowed).toBe(false);
    actor.send(event);
    expect(actor.getSnapshot().context.stage1?.respondBy).toBe('2025-01-09');
    event.ombudsmanDetailsGiven = true;
    expect(explain(actor.getSnapshot(), event).allowed).toBe(true);
    actor.send(event);
    expect(actor.getSnapshot().context.stage1?.respondBy).toBe('2025-01-16');
  });

  it('cannot sneak an invalid region past a check made before the edit', () => {
    const snapshot = run([]).snapshot;
    const event = receive() as Extract<ComplaintEvent, { type: 'RECEIVE' }>;
    expect(explain(snapshot, event).allowed).toBe(true);
    (event.complaint as { region: string }).region = 'mars';
    expect(explain(snapshot, event).allowed).toBe(false);
    const actor = createActor(machine).start();
    actor.send(event);
    expect(actor.getSnapshot().status).toBe('active');
    expect(actor.getSnapshot().context.complaint).toBeUndefined();
  });
});

describe('the end of the calendar', () => {
  it('refuses a step whose deadline would fall after 2100, instead of crashing', () => {
    const late = run([receive('2100-12-30T10:00:00Z')]);
    expect(late.snapshot.status).toBe('active');
    expect(late.rejected[0]?.reasons[0]?.message).toContain('2100-12-31');
    const ack = run([receive('2100-11-01T10:00:00Z'), acknowledge('2100-12-20T10:00:00Z')]);
    expect(ack.snapshot.status).toBe('active');
    expect(ack.rejected).toHaveLength(1);
  });
});

describe('missed deadlines are recorded by any event, not only TICK', () => {
  it('records the missed acknowledgement when the resident withdraws', () => {
    const { snapshot } = run([receive(), { type: 'WITHDRAW', at: '2025-01-20T10:00:00Z' }, { type: 'TICK', at: '2025-01-21T10:00:00Z' }]);
    expect(snapshot.context.breaches.map((b) => b.deadline)).toEqual(['stage1.acknowledge']);
  });

  it('records a missed stage 2 acknowledgement when escalation is refused late', () => {
    const { snapshot } = run([receive(), acknowledge(), respond1(), escalate(), refuseEscalation('2025-02-20T10:00:00Z')]);
    expect(snapshot.context.breaches.map((b) => `${b.deadline} ${b.provision}`)).toContain('stage2.acknowledge 6.11');
  });

  it('records a remedy completed after its date', () => {
    const { snapshot } = run([receive(), offer('g'), { type: 'COMPLETE_ACTION', at: '2025-02-10T10:00:00Z', id: 'g' }]);
    expect(snapshot.context.breaches.filter((b) => b.deadline.startsWith('remedy'))).toEqual([{ deadline: 'remedy:g', provision: '7.3', due: '2025-01-10', recordedOn: '2025-02-10' }]);
  });

  it('records late stage 2 steps (6.11, 6.14)', () => {
    // Stage 2 acknowledged on 10 February, so the response was due on 10 March; it went on 14 March.
    const { snapshot, rejected } = run([receive(), acknowledge(), respond1(), escalate(), acknowledge2('2025-02-10T10:00:00Z'), respond2('2025-03-14T10:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.breaches.filter((b) => b.deadline.startsWith('stage2')).map((b) => `${b.deadline} ${b.provision}`)).toEqual(['stage2.acknowledge 6.11', 'stage2.respond 6.14']);
  });
});

describe('restore refuses records that could never have happened', () => {
  const stored = (events: ComplaintEvent[]) => JSON.parse(serialize(run(events).snapshot));
  const refuses = (data: unknown) => expect(() => restore(machine, data as object)).toThrow(/Cannot restore/);

  it('a new complaint with a closure, received with a stage 2, a final response without stage 2', () => {
    const fresh = stored([]);
    fresh.context.closure = { reason: 'withdrawn', on: '2025-01-01' };
    refuses(fresh);
    const received = stored([receive()]);
    received.context.stage2 = { requestedOn: '2025-01-02', acknowledgeBy: '2025-01-09', extensions: [] };
    refuses(received);
    const final = stored(throughBothStages());
    delete final.context.stage2;
    refuses(final);
    const reviewing = stored([receive(), acknowledge(), respond1(), escalate(), acknowledge2()]);
    delete reviewing.context.stage1.respondedOn;
    refuses(reviewing);
  });

  it('a last event time that is a date, not an instant', () => {
    const received = stored([receive()]);
    received.context.lastEventAt = '2024-12-20';
    refuses(received);
  });

  it('a snapshot made with the Code enforced, restored without it', () => {
    expect(() => restore(createComplaintMachine({ enforceCode: false }), serialize(run([receive()]).snapshot))).toThrow(/not enforced/);
  });

  it('round-trips Peaks & Plains snapshots', () => {
    const pp = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    const snapshot = run([receive(), acknowledge(), respond1(), escalate()], pp).snapshot;
    expect(restore(pp, serialize(snapshot)).context).toEqual(snapshot.context);
  });
});

describe('policies', () => {
  it('lets a community complaint extend beyond the limit under Peaks & Plains as written (policy 9.1), never under the Code', () => {
    const asWritten = createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false });
    const community = [receive(undefined, { community: true }), acknowledge()];
    const long = extend('2025-01-08T10:00:00Z', '2025-01-30');
    expect(explain(run(community, asWritten).snapshot, long).allowed).toBe(true);
    expect(explain(run(community).snapshot, long).reasons[0]?.provision).toBe('6.4');
    expect(explain(run([receive(), acknowledge()], asWritten).snapshot, long).reasons[0]?.provision).toBe('6.4');
  });

  it('finds the stage 2 extension conflict (6.15) on its own', () => {
    const slow = { ...policies.code2024, id: 'slow2', stage2: { ...policies.code2024.stage2, extensionLimit: 25 } };
    expect(checkPolicy(slow).map((c) => c.provision)).toEqual(['6.15']);
  });

  it('refuses a late stage 2 request as a reason only just after the window, not on its last day', () => {
    const asWritten = createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false });
    // Stage 1 responded on 2025-01-08; 20 working days later is 2025-02-05.
    const onTime = [receive(), acknowledge(), respond1(), escalate('2025-02-05T09:00:00Z', 'Unhappy')];
    expect(explain(run(onTime, asWritten).snapshot, refuseEscalation('2025-02-06T09:00:00Z', 'outside-policy-window')).allowed).toBe(false);
    const late = [receive(), acknowledge(), respond1(), escalate('2025-02-06T09:00:00Z', 'Unhappy')];
    expect(explain(run(late, asWritten).snapshot, refuseEscalation('2025-02-07T09:00:00Z', 'outside-policy-window')).allowed).toBe(true);
  });

  it('does not apply the safety exception to out-of-time declines under the Code', () => {
    const old = [receive('2025-03-03T10:00:00Z', { issueDate: '2023-01-01', safetyConcern: true })];
    const event: ComplaintEvent = { type: 'DECLINE', at: '2025-03-04T10:00:00Z', reason: 'outside-time-limit', letter: { kind: 'decline-notice', complaintId: 'C-2024-0142', sentOn: '2025-03-04', reasons: 'Over 12 months old', ombudsman: { name: 'Housing Ombudsman Service', address: 'PO Box 1484, Unit D, Preston PR2 0ET', phone: '0300 111 3000', email: 'info@housing-ombudsman.org.uk', website: 'www.housing-ombudsman.org.uk' } } };
    expect(explain(run(old).snapshot, event).allowed).toBe(true);
  });
});

describe('the record keeps what was said (5.12)', () => {
  it('keeps the discretion applied at escalation and the reason for refusing it', () => {
    const escalated = run([receive(), acknowledge(), respond1(), { type: 'ESCALATE', at: '2025-01-30T09:00:00Z', discretion: 'Accepted although late: the resident was in hospital' }]);
    expect(escalated.snapshot.context.stage2?.discretion).toBe('Accepted although late: the resident was in hospital');
    const refused = run([receive(), acknowledge(), respond1(), escalate(), refuseEscalation('2025-02-03T10:00:00Z')]);
    expect(refused.snapshot.context.refusalReason).toBe('previously-considered');
  });

  it('refuses to complete something twice, and a determination without a referral', () => {
    const twice = run([receive(), offer('g'), { type: 'COMPLETE_ACTION', at: '2025-01-02T10:00:00Z', id: 'g' }, { type: 'COMPLETE_ACTION', at: '2025-01-03T10:00:00Z', id: 'g' }]);
    expect(twice.rejected[0]?.reasons[0]?.message).toBe("'g' was already completed on 2025-01-02.");
    const determined = run([receive(), { type: 'OMBUDSMAN_DETERMINATION', at: '2025-01-03T10:00:00Z', findings: [{ element: 'x', finding: 'withdrawn' }] }]);
    expect(determined.rejected[0]?.reasons[0]?.message).toBe('The complaint has not been referred to the Housing Ombudsman.');
  });
});
