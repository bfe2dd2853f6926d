import { describe, expect, it } from 'vitest';
import { createComplaintMachine, isForeignMachineError, isInvalidInputError, projectTimeline, replay, worklist } from '../../src/index.js';
import { acknowledge, receive, respond1 } from '../support/complaint.js';
import { caught } from '../support/caught.js';

const machine = createComplaintMachine();
const received = (id: string, at: string, region: 'england-and-wales' | 'scotland' | 'northern-ireland' = 'england-and-wales') =>
  replay(machine, [{ type: 'RECEIVE', at, complaint: { id, region, summary: 'Leak' } }]).snapshot;


describe('worklist: the morning queue across complaints', () => {
  it('lists what is overdue and what is due within N working days, nearest first, in each complaint’s division', () => {
    const queue = worklist([received('A', '2025-03-10T09:00:00Z'), received('NI', '2025-03-10T09:00:00Z', 'northern-ireland'), received('OLD', '2025-02-24T09:00:00Z')], {
      now: '2025-03-14T08:00:00Z',
      within: 2,
    });
    expect(queue).toEqual([
      { complaintId: 'OLD', deadline: 'stage1.acknowledge', provision: '6.2', due: '2025-03-03', workingDaysLeft: -9, overdue: true },
      { complaintId: 'A', deadline: 'stage1.acknowledge', provision: '6.2', due: '2025-03-17', workingDaysLeft: 1, overdue: false },
      // St Patrick's Day (17 March) is a holiday in Northern Ireland: due a day later, and still one working day away.
      { complaintId: 'NI', deadline: 'stage1.acknowledge', provision: '6.2', due: '2025-03-18', workingDaysLeft: 1, overdue: false },
    ]);
    expect(worklist([received('A', '2025-03-10T09:00:00Z')], { now: '2025-03-14', within: 0 })).toEqual([]);
    expect(worklist([received('A', '2025-03-10T09:00:00Z')], { now: '2025-03-17' })[0]).toMatchObject({ workingDaysLeft: 0, overdue: false });
  });

  it('includes remedies and actions still open after a complaint closed, and skips complaints not yet received', () => {
    const responded = replay(machine, [receive(), acknowledge(), respond1(), { type: 'CLOSE', at: '2025-01-09T09:00:00Z' }]).snapshot;
    const queue = worklist([responded, replay(machine, []).snapshot], { now: '2025-02-10' });
    expect(queue.map((e) => e.deadline)).toEqual(['remedy:s1-remedy-2', 'remedy:s1-remedy-3', 'action:s1-action-1', 'action:s1-action-2']);
    expect(queue.filter((e) => e.overdue).map((e) => e.deadline)).toEqual(['remedy:s1-remedy-2', 'remedy:s1-remedy-3']);
  });

  it('refuses a bad `now` or `within`, and anything that is not a complaint snapshot, with typed errors', () => {
    const one = [received('A', '2025-03-10T09:00:00Z')];
    expect(isInvalidInputError(caught(() => worklist(one, { now: 'tomorrow' })))).toBe(true);
    expect(isInvalidInputError(caught(() => worklist(one, { now: '2025-03-14', within: -1 })))).toBe(true);
    expect(isInvalidInputError(caught(() => worklist(one, { now: '2025-03-14', within: 1.5 })))).toBe(true);
    expect(isInvalidInputError(caught(() => worklist(one, undefined as never)))).toBe(true);
    expect(isForeignMachineError(caught(() => worklist([{} as never], { now: '2025-03-14' })))).toBe(true);
  });
});

describe('projectTimeline: what a received complaint can expect', () => {
  it('projects the acknowledgement, the response if acknowledged on the last day, and the longest plain extension (6.2, 6.3, 6.4)', () => {
    expect(projectTimeline(received('A', '2024-12-20T16:45:00Z'))).toEqual({ acknowledgeBy: '2024-12-31', respondBy: '2025-01-15', respondByWithLongestExtension: '2025-01-29' });
    // Scotland: 2 January is a holiday too.
    expect(projectTimeline(received('S', '2024-12-20T16:45:00Z', 'scotland'))).toEqual({ acknowledgeBy: '2024-12-31', respondBy: '2025-01-16', respondByWithLongestExtension: '2025-01-30' });
  });

  it('refuses a complaint not yet received', () => {
    expect(isInvalidInputError(caught(() => projectTimeline(replay(machine, []).snapshot)))).toBe(true);
  });
});
