import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, replay, sendEvent, step, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, receive, respond1, throughBothStages, tick } from '../support/complaint.js';

const machine = createComplaintMachine();
const start = replay(machine, []).snapshot;

describe('step: one event, purely, always answered', () => {
  it('gives the same snapshots as replay, event by event, through both stages', () => {
    let snapshot = start;
    for (const event of throughBothStages()) {
      const result = step(machine, snapshot, event);
      expect(result.accepted).toBe(true);
      snapshot = result.snapshot;
    }
    expect(snapshot.context).toEqual(replay(machine, throughBothStages()).snapshot.context);
    expect(snapshot.value).toEqual(replay(machine, throughBothStages()).snapshot.value);
  });

  it('refuses with reasons and leaves the snapshot as it was', () => {
    const received = step(machine, start, receive()).snapshot;
    const result = step(machine, received, respond1());
    expect(result.accepted).toBe(false);
    expect(result.snapshot).toBe(received);
    expect(result.breaches).toEqual([]);
    expect(result.reasons[0]).toMatchObject({ provision: '6.2' });
  });

  it('reports the notes an accepted event recorded, and the breaches it found', () => {
    const received = step(machine, start, receive()).snapshot;
    const late = step(machine, received, tick('2025-01-06T09:00:00Z'));
    expect(late.accepted).toBe(true);
    expect(late.breaches).toEqual([expect.objectContaining({ deadline: 'stage1.acknowledge', provision: '6.2', due: '2024-12-31', recordedOn: '2025-01-06' })]);
    const acknowledged = step(machine, late.snapshot, acknowledge('2025-01-06T10:00:00Z'));
    expect(acknowledged.reasons).toEqual([expect.objectContaining({ provision: '6.2', message: expect.stringContaining('after the deadline') })]);
  });

  it('never throws, whatever it is given as an event', () => {
    for (const junk of [null, 42, 'RECEIVE', {}, { type: 7 }, { type: 'RECEIVE' }, { type: 'NOPE', at: '2025-01-06T09:00:00Z' }]) {
      const result = step(machine, start, junk as unknown as ComplaintEvent);
      expect(result.accepted).toBe(false);
      expect(result.snapshot).toBe(start);
      expect(result.reasons.length).toBeGreaterThan(0);
    }
  });

  it('does not change the snapshot it is given', () => {
    const received = step(machine, start, receive()).snapshot;
    const copy = structuredClone(received.context);
    step(machine, received, acknowledge());
    expect(received.context).toEqual(copy);
  });
});

describe('sendEvent: the same answer from a running actor', () => {
  it('tells the host when its event was refused, and why, and when it was accepted', () => {
    const actor = createActor(machine).start();
    expect(sendEvent(actor, receive()).accepted).toBe(true);
    const refused = sendEvent(actor, respond1());
    expect(refused.accepted).toBe(false);
    expect(refused.reasons[0]?.provision).toBe('6.2');
    expect(refused.snapshot).toBe(actor.getSnapshot());
    const accepted = sendEvent(actor, acknowledge());
    expect(accepted.accepted).toBe(true);
    expect(actor.getSnapshot().context.stage1?.acknowledgedOn).toBe('2024-12-23');
    actor.stop();
  });
});
