/**
 * Found by an adversarial second reading of the 'whole record' work: each test failed before its fix.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  createComplaintMachine,
  describeComplaint,
  draftLetter,
  isHousingComplaintsError,
  policies,
  projectTimeline,
  replay,
  restore,
  sendEvent,
  serialize,
  step,
  worklist,
  type ComplaintEvent,
} from '../../src/index.js';
import { acknowledge, acknowledge2, escalate, receive, respond1, respond2 } from '../support/complaint.js';
import { caught } from '../support/caught.js';

const machine = createComplaintMachine();
const run = (events: ComplaintEvent[]) => replay(machine, events);
const throwing = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
    },
  );


describe('sendEvent and step keep the actor alive and always answer', () => {
  it('refuses null, a string and an event with a throwing getter without stopping the actor', () => {
    const actor = createActor(machine).start();
    sendEvent(actor, receive());
    for (const junk of [null, 'ACKNOWLEDGE', Object.defineProperty({ type: 'TICK' }, 'at', { get: () => { throw new Error('boom'); } })]) {
      const result = sendEvent(actor, junk as never);
      expect(result.accepted).toBe(false);
      expect(result.reasons.length).toBeGreaterThan(0);
      expect(actor.getSnapshot().status).toBe('active');
    }
    expect(sendEvent(actor, acknowledge()).accepted).toBe(true);
    actor.stop();
    const late = sendEvent(actor, { type: 'TICK', at: '2025-01-06T09:00:00Z' });
    expect(late.accepted).toBe(false);
    expect(late.reasons[0]?.message).toMatch(/actor is stopped/);
  });

  it('step refuses hostile events with a reason, and a foreign machine or snapshot with a typed error', () => {
    const start = run([]).snapshot;
    expect(step(machine, start, throwing() as never)).toMatchObject({ accepted: false });
    const getter = Object.defineProperty({ type: 'TICK' }, 'at', { get: () => { throw new Error('boom'); } });
    expect(step(machine, run([receive()]).snapshot, getter as never).reasons[0]?.message).toMatch(/malformed event/);
    for (const call of [() => step({} as never, start, receive()), () => step(null as never, start, receive()), () => step(machine, null as never, receive()), () => step(machine, throwing() as never, receive())]) {
      expect(isHousingComplaintsError(caught(call))).toBe(true);
    }
  });

  it('the views throw only typed errors on hostile input', () => {
    const received = run([receive()]).snapshot;
    const calls = [
      () => draftLetter(throwing() as never, 'acknowledgement'),
      () => draftLetter(received, 'acknowledgement', null as never),
      () => draftLetter(received, 'acknowledgement', { ombudsman: throwing() as never }),
      () => worklist(null as never, { now: '2025-01-06' }),
      () => worklist(42 as never, { now: '2025-01-06' }),
      () => worklist([received], { now: '2025-01-06', get within(): number { throw new Error('boom'); } }),
      () => worklist([throwing() as never], { now: '2025-01-06' }),
      () => projectTimeline(throwing() as never),
      () => projectTimeline({ ...received, context: null } as never),
    ];
    for (const call of calls) {
      const error = caught(call);
      if (error !== undefined) expect(isHousingComplaintsError(error)).toBe(true);
    }
    expect(draftLetter(received, 'acknowledgement', null as never).kind).toBe('acknowledgement');
  });
});

describe('the outstanding actions of a response (6.6, 6.17)', () => {
  it('a remedy and an outstanding action with the same words in one letter are one tracked item', () => {
    const acknowledged = run([receive(), acknowledge()]).snapshot;
    const letter = { ...respond1().letter, outstandingActions: [{ description: 'Our contractor will repair the leak and dry out the wall.', dueOn: '2025-02-20' }] } as never;
    const { snapshot, rejected } = replay(machine, [{ type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter }], { from: acknowledged });
    expect(rejected).toEqual([]);
    const repair = snapshot.context.tracked.filter((item) => item.description.startsWith('Our contractor will repair'));
    expect(repair).toEqual([expect.objectContaining({ id: 's1-remedy-2', dueOn: '2025-02-20' })]);
  });

  it('keeps the new date the final response gives an open item, and the breach already recorded', () => {
    const { snapshot } = run([receive(), acknowledge(), respond1(), escalate(), acknowledge2(), respond2()]);
    const repair = snapshot.context.tracked.find((item) => item.id === 's1-remedy-2');
    expect(repair?.dueOn).toBe('2025-03-11');
    expect(snapshot.context.breaches.map((b) => b.deadline)).toContain('remedy:s1-remedy-2');
    expect(worklist([snapshot], { now: '2025-03-05' }).filter((e) => e.overdue)).toEqual([]);
  });

  it('needs a line for each open item, even two with the same words', () => {
    const offer = (id: string, amountPence: number, at: string): ComplaintEvent => ({ type: 'OFFER_REMEDY', at, remedy: { id, kind: 'financial', description: 'Compensation', amountPence, dueOn: '2025-02-28' } });
    const acknowledged = run([receive(), acknowledge(), offer('a', 5000, '2024-12-24T09:00:00Z'), offer('b', 30000, '2024-12-24T10:00:00Z')]).snapshot;
    const one = { ...respond1().letter, outstandingActions: [{ description: 'compensation.', dueOn: '2025-02-28' }] } as never;
    expect(step(machine, acknowledged, { type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter: one }).reasons[0]).toMatchObject({ provision: '6.6' });
    const two = { ...respond1().letter, outstandingActions: [{ description: 'Compensation', dueOn: '2025-02-28' }, { description: 'Compensation', dueOn: '2025-02-28' }] } as never;
    expect(step(machine, acknowledged, { type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter: two }).accepted).toBe(true);
  });

  it('a drafted response leaves an overdue item for the host to re-date, instead of a date already past', () => {
    const reviewing = run([receive(), acknowledge(), respond1(), escalate(), acknowledge2()]).snapshot;
    const draft = draftLetter(reviewing, 'stage2-response', { now: '2025-03-04' });
    expect(draft.outstandingActions?.find((a) => a.description.startsWith('Our contractor'))).not.toHaveProperty('dueOn');
    expect(draft.outstandingActions?.find((a) => a.description === 'Check that the repair has held')?.dueOn).toBe('2025-03-07');
  });
});

describe('the record', () => {
  it('refuses ESCALATE once the Ombudsman has determined the complaint', () => {
    const determined = run([
      receive(),
      acknowledge(),
      respond1(),
      { type: 'CLOSE', at: '2025-01-10T09:00:00Z' },
      { type: 'REFER_TO_OMBUDSMAN', at: '2025-01-20T09:00:00Z' },
      { type: 'OMBUDSMAN_DETERMINATION', at: '2025-04-01T09:00:00Z', findings: [{ element: 'Repairs', finding: 'service-failure' }] },
    ]).snapshot;
    expect(step(machine, determined, escalate('2025-04-02T09:00:00Z'))).toMatchObject({ accepted: false, reasons: [expect.objectContaining({ provision: '5.3' })] });
  });

  it('a record stored before timers could stop is restored with them stopped where the record shows why', () => {
    const written = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    const { snapshot } = replay(written, [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-07T09:00:00Z')]);
    const stored = JSON.parse(serialize(snapshot));
    for (const timer of stored.context.timers) delete timer.stoppedOn; // as the previous version stored it
    const restored = restore(written, stored);
    expect(restored.context.timers.find((t) => t.id === 'quick-fix')?.stoppedOn).toBe('2025-01-07');
    expect(replay(written, [{ type: 'TICK', at: '2025-01-20T09:00:00Z' }], { from: restored }).snapshot.context.breaches.map((b) => b.deadline)).not.toContain('timer:quick-fix');
    // A record made now restores exactly.
    expect(serialize(restore(written, serialize(snapshot)))).toBe(serialize(snapshot));
  });

  it('refuses to restore a complaint declined during a stage without the legal proceedings and the notice that allow it', () => {
    const { snapshot } = run([receive(), acknowledge(), { type: 'DECLINE', at: '2025-01-06T10:00:00Z', reason: 'legal-proceedings', letter: { kind: 'decline-notice', complaintId: 'C-2024-0142', sentOn: '2025-01-06', reasons: 'A claim has been filed at court.', ombudsman: { name: 'Housing Ombudsman Service', address: 'PO Box 1484, Unit D, Preston PR2 0ET', phone: '0300 111 3000', email: 'info@housing-ombudsman.org.uk', website: 'www.housing-ombudsman.org.uk' } } }]);
    const stored = JSON.parse(serialize(snapshot));
    expect(() => restore(machine, { ...stored, context: { ...stored.context, declineReason: 'not-a-complaint' } })).toThrow(/does not match the record/);
    expect(() => restore(machine, { ...stored, context: { ...stored.context, letters: [] } })).toThrow(/does not match the record/);
  });

  it('counts a deadline missed on Friday as at least one working day late at the weekend', () => {
    const received = run([{ type: 'RECEIVE', at: '2025-03-03T09:00:00Z', complaint: { id: 'W', region: 'england-and-wales', summary: 'Leak' } }]).snapshot;
    expect(worklist([received], { now: '2025-03-15' })[0]).toMatchObject({ due: '2025-03-10', overdue: true, workingDaysLeft: -4 });
    const friday = run([{ type: 'RECEIVE', at: '2025-03-07T09:00:00Z', complaint: { id: 'F', region: 'england-and-wales', summary: 'Leak' } }]).snapshot;
    expect(worklist([friday], { now: '2025-03-15' })[0]).toMatchObject({ due: '2025-03-14', overdue: true, workingDaysLeft: -1 });
  });
});

describe('one reading of `now` for every view', () => {
  it('refuses a date that does not exist, and names the option', () => {
    const received = run([receive()]).snapshot;
    for (const call of [
      () => draftLetter(received, 'acknowledgement', { now: '2025-02-30' }),
      () => worklist([received], { now: '2025-02-30' }),
      () => describeComplaint(received, { now: '2025-02-30' }),
    ]) {
      const error = caught(call) as { path?: string };
      expect(isHousingComplaintsError(error)).toBe(true);
      expect(error.path).toMatch(/now$/);
    }
    expect(describeComplaint(received, { now: '2025-01-06' }).overdue).toEqual(['stage1.acknowledge']);
  });
});
