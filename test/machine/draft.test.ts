import { describe, expect, it } from 'vitest';
import { HOUSING_OMBUDSMAN, validateLetter, type Letter } from '../../src/letters/index.js';
import { createComplaintMachine, draftLetter, isInvalidInputError, policies, replay, step } from '../../src/index.js';
import { acknowledge, acknowledge2, definition, escalate, receive, respond1 } from '../support/complaint.js';

const machine = createComplaintMachine();

describe('draftLetter: every date and list the machine knows, filled in', () => {
  it('drafts the acknowledgement with the response date the machine will count, which it then accepts', () => {
    const received = replay(machine, [receive('2025-01-06T09:00:00Z', { region: 'scotland' })]).snapshot;
    const draft = draftLetter(received, 'acknowledgement', { now: '2025-01-07T09:00:00Z' });
    expect(draft).toEqual({ kind: 'acknowledgement', complaintId: received.context.complaint!.id, sentOn: '2025-01-07', stage: 1, respondBy: '2025-01-21', ombudsman: HOUSING_OMBUDSMAN });
    const letter = { ...draft, handler: 'Sam Patel', definition } as Letter;
    expect(validateLetter(letter).ok).toBe(true);
    expect(step(machine, received, { type: 'ACKNOWLEDGE', at: '2025-01-07T09:00:00Z', letter: letter as never }).accepted).toBe(true);
  });

  it('drafts the final response with the definition and every remedy and action still open', () => {
    const reviewing = replay(machine, [receive(), acknowledge(), respond1(), escalate(), acknowledge2()]).snapshot;
    const draft = draftLetter(reviewing, 'stage2-response', { now: '2025-03-04' });
    expect(draft.stage).toBe(2);
    expect(draft.definition).toEqual(reviewing.context.definition);
    expect(draft.outstandingActions?.map((a) => a.description)).toEqual(reviewing.context.tracked.filter((t) => !t.completedOn).map((t) => t.description));
    expect(draft.ombudsman).toEqual(HOUSING_OMBUDSMAN);
  });

  it('under a policy run as written, gives the stage 1 response the date to ask for stage 2 by', () => {
    const asWritten = createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false });
    const investigating = replay(asWritten, [receive(), acknowledge()]).snapshot;
    expect(draftLetter(investigating, 'stage1-response', { now: '2025-01-08' }).escalation).toEqual({ requestBy: '2025-02-05' });
    expect(draftLetter(replay(machine, [receive(), acknowledge()]).snapshot, 'stage1-response', { now: '2025-01-08' })).not.toHaveProperty('escalation');
  });

  it('dates the letter by the UK day of `now`, or of the last event', () => {
    const received = replay(machine, [receive('2024-06-30T23:30:00Z')]).snapshot;
    expect(draftLetter(received, 'decline-notice').sentOn).toBe('2024-07-01');
    expect(draftLetter(received, 'decline-notice', { now: new Date('2024-07-02T22:30:00Z') }).sentOn).toBe('2024-07-02');
  });

  it('refuses an unknown kind, a complaint not yet received, and a bad date, with typed errors', () => {
    const received = replay(machine, [receive()]).snapshot;
    for (const call of [
      () => draftLetter(received, 'postcard' as never),
      () => draftLetter(replay(machine, []).snapshot, 'acknowledgement'),
      () => draftLetter(received, 'acknowledgement', { now: 'tomorrow' }),
    ]) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(isInvalidInputError(caught)).toBe(true);
    }
  });

  it('shares nothing with the record: changing a draft never changes the snapshot', () => {
    const investigating = replay(machine, [receive(), acknowledge()]).snapshot;
    const draft = draftLetter(investigating, 'stage1-response');
    draft.definition!.points!.push({ id: 'x', summary: 'changed' });
    expect(investigating.context.definition?.points.map((p) => p.id)).not.toContain('x');
  });
});
