import { describe, expect, it } from 'vitest';
import { createComplaintMachine, describeComplaint, isMalformedEventError, nextEvents, replay, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, decline, escalate, receive, respond1, throughBothStages } from '../support/complaint.js';

const machine = createComplaintMachine();
const at = (events: ComplaintEvent[]) => replay(machine, events).snapshot;

describe('describeComplaint', () => {
  it('describes a complaint before RECEIVE as new', () => {
    expect(describeComplaint(at([]))).toEqual({
      stage: 'new',
      status: 'new',
      deadlines: {},
      openDeadlines: [],
      overdue: [],
      provisional: [],
      outstandingActions: [],
      breaches: [],
      consentAwaited: false,
      ombudsman: {},
      history: {},
    });
  });

  it('gives the current stage’s deadlines, stage 2’s once escalated, with stage 1 in the history', () => {
    const s1 = describeComplaint(at([receive(), acknowledge()]));
    expect(s1).toMatchObject({ stage: 'stage1', status: 'investigating', complaintId: 'C-2024-0142', region: 'england-and-wales', deadlines: { acknowledgeBy: '2024-12-31', respondBy: '2025-01-09' } });
    const s2 = describeComplaint(at([receive(), acknowledge(), respond1(), escalate()]));
    expect(s2).toMatchObject({ stage: 'stage2', status: 'acknowledging', deadlines: { acknowledgeBy: '2025-02-06' }, outcome: 'partly-upheld' });
    expect(s2.history.stage1?.respondedOn).toBe('2025-01-08');
  });

  it('lists what is overdue at `now` (default: the last event)', () => {
    const snapshot = at([receive()]);
    expect(describeComplaint(snapshot).overdue).toEqual([]);
    expect(describeComplaint(snapshot, { now: '2024-12-31' }).overdue).toEqual([]);
    expect(describeComplaint(snapshot, { now: '2025-01-01' }).overdue).toEqual(['stage1.acknowledge']);
    expect(describeComplaint(snapshot, { now: '2025-01-01T00:30:00+01:00' }).overdue).toEqual([]); // still 31 December in the UK
  });

  it('says when a deadline lies beyond the official bank holiday data', () => {
    const late = at([receive('2027-12-28T10:00:00Z')]);
    expect(describeComplaint(late).deadlines.acknowledgeBy).toBe('2028-01-05'); // 3 January 2028 is the New Year substitute
    expect(describeComplaint(late).provisional).toEqual(['stage1.acknowledge']);
    expect(describeComplaint(at([receive()])).provisional).toEqual([]);
  });

  it('shows the closure and outcome of a finished complaint', () => {
    expect(describeComplaint(at(throughBothStages()))).toMatchObject({ stage: 'closed', status: 'final-response', closure: { reason: 'final-response', on: '2025-03-04' }, outcome: 'partly-upheld' });
    expect(describeComplaint(at([receive(), decline('2024-12-23T10:00:00Z')]))).toMatchObject({ status: 'declined', closure: { reason: 'declined' } });
  });
});

describe('nextEvents', () => {
  it.each([
    ['new', [], ['RECEIVE']],
    ['received', [receive()], ['ACKNOWLEDGE', 'DECLINE', 'OFFER_REMEDY', 'WITHDRAW', 'TICK', 'REFER_TO_OMBUDSMAN', 'REPORT_HAZARD']],
    ['stage 1 investigating', [receive(), acknowledge()], ['DECLINE', 'EXTEND', 'ADD_ISSUE', 'RESPOND', 'OFFER_REMEDY', 'WITHDRAW', 'TICK', 'REFER_TO_OMBUDSMAN', 'REPORT_HAZARD']],
    ['stage 1 responded', [receive(), acknowledge(), respond1()], ['ESCALATE', 'OFFER_REMEDY', 'COMPLETE_ACTION', 'CLOSE', 'WITHDRAW', 'TICK', 'REFER_TO_OMBUDSMAN', 'REPORT_HAZARD']],
    ['stage 2 reviewing', [receive(), acknowledge(), respond1(), escalate(), acknowledge2()], ['DECLINE', 'EXTEND', 'RESPOND', 'OFFER_REMEDY', 'COMPLETE_ACTION', 'WITHDRAW', 'TICK', 'REFER_TO_OMBUDSMAN', 'REPORT_HAZARD']],
    // Awaab's Law is England's: a home in Scotland has no hazard track.
    ['received in Scotland', [receive(undefined, { region: 'scotland' })], ['ACKNOWLEDGE', 'DECLINE', 'OFFER_REMEDY', 'WITHDRAW', 'TICK', 'REFER_TO_OMBUDSMAN']],
  ] as const)('offers the buttons for %s', (_, events, expected) => {
    expect(nextEvents(at([...events]))).toEqual(expected);
  });

  it('never offers an event the machine would refuse whatever it carried', () => {
    const snapshot = at([receive(), acknowledge(), respond1()]);
    for (const type of ['ACKNOWLEDGE', 'RECEIVE', 'DECLINE', 'ADD_ISSUE', 'RESPOND']) expect(nextEvents(snapshot)).not.toContain(type);
  });
});

describe('replay', () => {
  it('reports refused events with their index and reasons, and carries on', () => {
    const { snapshot, rejected } = replay(machine, [receive(), respond1(), acknowledge()]);
    expect(rejected).toEqual([{ index: 1, event: respond1(), reasons: [{ provision: '6.2', message: 'Acknowledge and define the complaint before responding.' }] }]);
    expect(describeComplaint(snapshot).status).toBe('investigating');
  });

  it('throws a typed error naming the position of a malformed event, applying nothing after it', () => {
    for (const bad of [{ type: 'RECEIVE', at: 'yesterday' }, { type: 'SHOUT', at: '2025-01-01T00:00:00Z' }, null, { type: 'TICK' }, { type: 'TICK', at: '2025-01-01T00:00:00' }]) {
      try {
        replay(machine, [receive(), bad]);
        expect.unreachable();
      } catch (error) {
        expect(isMalformedEventError(error)).toBe(true);
        expect((error as { index: number }).index).toBe(1);
        expect((error as Error).message).toMatch(/^Event 1: malformed/);
      }
    }
  });

  it('continues from a snapshot', () => {
    const half = replay(machine, [receive(), acknowledge()]).snapshot;
    expect(replay(machine, [respond1()], { from: half }).snapshot.context).toEqual(replay(machine, [receive(), acknowledge(), respond1()]).snapshot.context);
  });
});
