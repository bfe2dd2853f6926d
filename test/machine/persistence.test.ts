import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, isSnapshotRestoreError, policies, replay, restore, serialize, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, decline, escalate, receive, refuseEscalation, respond1, respond2, throughBothStages } from '../support/complaint.js';

const machine = createComplaintMachine();

/** One event list reaching each state of the machine (process leaf x Ombudsman state). */
const REACHABLE: Record<string, ComplaintEvent[]> = {
  new: [],
  received: [receive()],
  'stage1.investigating': [receive(), acknowledge()],
  'stage1.responded': [receive(), acknowledge(), respond1()],
  'stage2.acknowledging': [receive(), acknowledge(), respond1(), escalate()],
  'stage2.reviewing': [receive(), acknowledge(), respond1(), escalate(), acknowledge2()],
  'closed.finalResponse': throughBothStages(),
  'closed.declined': [receive(), decline('2024-12-23T10:00:00Z')],
  'closed.resolvedAtStage1': [receive(), acknowledge(), respond1(), { type: 'CLOSE', at: '2025-01-10T10:00:00Z' }],
  'closed.withdrawn': [receive(), acknowledge(), { type: 'WITHDRAW', at: '2025-01-02T10:00:00Z' }],
  'closed.escalationRefused': [receive(), acknowledge(), respond1(), escalate(), refuseEscalation('2025-02-03T10:00:00Z')],
  'ombudsman.referred': [...throughBothStages(), { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' }],
  'ombudsman.determined': [
    ...throughBothStages(),
    { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' },
    { type: 'OMBUDSMAN_DETERMINATION', at: '2025-09-01T10:00:00Z', findings: [{ element: 'Repairs', finding: 'maladministration', orders: ['Pay £300'] }] },
  ],
};

const reached = Object.entries(REACHABLE).map(([name, events]) => {
  const result = replay(machine, events);
  return { name, events, snapshot: result.snapshot, rejected: result.rejected };
});

describe('serialize and restore', () => {
  it.each(reached)('round-trips $name exactly, and an actor carries on from it', ({ snapshot, rejected }) => {
    expect(rejected).toEqual([]);
    const json = serialize(snapshot);
    const restored = restore(machine, json);
    expect(restored.value).toEqual(snapshot.value);
    expect(restored.context).toEqual(snapshot.context);
    expect(serialize(restored)).toBe(json);
    const actor = createActor(machine, { snapshot: restored }).start();
    actor.send({ type: 'TICK', at: '2026-01-05T09:00:00Z' });
    expect(actor.getSnapshot().context.lastEventAt).toBe(snapshot.context.complaint ? '2026-01-05T09:00:00Z' : undefined);
    actor.stop();
  });

  it('reaches every leaf state of the process and every Ombudsman state', () => {
    const values = reached.map(({ snapshot }) => JSON.stringify(snapshot.value));
    expect(new Set(values).size).toBe(reached.length);
  });

  it('accepts the parsed object as well as the string', () => {
    const snapshot = reached[3]!.snapshot;
    expect(restore(machine, JSON.parse(serialize(snapshot))).context).toEqual(snapshot.context);
  });
});

describe('restore refuses, with a typed error and nothing half-restored', () => {
  const good = JSON.parse(serialize(reached.find((r) => r.name === 'stage2.reviewing')!.snapshot)) as Record<string, any>;
  const problemsOf = (json: unknown): string[] => {
    try {
      restore(machine, json as string);
    } catch (error) {
      expect(isSnapshotRestoreError(error)).toBe(true);
      return [...(error as { problems: string[] }).problems];
    }
    throw new Error('expected restore to refuse');
  };
  const tampered = (change: (copy: Record<string, any>) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return copy;
  };

  it('truncated JSON', () => {
    const json = serialize(reached[4]!.snapshot);
    expect(problemsOf(json.slice(0, json.length / 2))[0]).toMatch(/^not valid JSON \(\d+ characters; truncated\?\)$/);
  });

  it('another format, or another machine version', () => {
    expect(problemsOf(tampered((c) => { c.format = 'something-else'; }))[0]).toContain("format: expected 'housing-complaints/complaint'");
    expect(problemsOf(tampered((c) => { c.version = 3; }))[0]).toBe('version: the snapshot is from machine version 3, this is version 2; migrate it first');
    expect(problemsOf([])).toEqual(['a stored snapshot must be an object']);
  });

  it('a snapshot made under another policy', () => {
    const other = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    expect(() => restore(other, good)).toThrow(/made under 'code-2024'.*runs 'peaks-plains-v4'/);
  });

  it('a state that does not exist, or a missing region', () => {
    expect(problemsOf(tampered((c) => { c.value.process = { stage3: 'reviewing' }; }))[0]).toContain('value.process: must name one compound state');
    expect(problemsOf(tampered((c) => { c.value.process = { stage2: 'deciding' }; }))[0]).toContain("'deciding' is not a state");
    expect(problemsOf(tampered((c) => { delete c.value.ombudsman; }))[0]).toContain('exactly the regions process, ombudsman');
  });

  it('flipped fields: a state that disagrees with the record', () => {
    expect(problemsOf(tampered((c) => { c.value.process = { stage1: 'investigating' }; }))).toEqual(['the state stage1.investigating does not match the record (stage dates and closure)']);
    expect(problemsOf(tampered((c) => { c.value.ombudsman = 'determined'; }))).toEqual(['the Ombudsman state determined does not match the record']);
    expect(problemsOf(tampered((c) => { c.context.closure = { reason: 'withdrawn', on: '2025-03-01' }; }))[0]).toContain('does not match the record');
  });

  it('a record with a malformed or unknown field', () => {
    expect(problemsOf(tampered((c) => { c.context.stage2.respondBy = '2025-02-30'; }))[0]).toMatch(/^context\.stage2\.respondBy: must be a real date/);
    expect(problemsOf(tampered((c) => { c.context.stage1.handler = ''; }))[0]).toBe('context.stage1.handler: must not be empty');
    expect(problemsOf(tampered((c) => { c.context.secret = 1; }))[0]).toContain('context');
    expect(problemsOf(tampered((c) => { c.extra = true; }))).toEqual(['extra: not a field of a stored snapshot']);
    expect(problemsOf(tampered((c) => { c.context.complaint.region = 'wales'; }))[0]).toContain('context.complaint.region');
  });

  it('prototype-polluting keys, without polluting', () => {
    const json = serialize(reached[2]!.snapshot).replace('"context":{', '"context":{"__proto__":{"polluted":true},');
    expect(problemsOf(json)[0]).toContain('context');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a letter in the record that no longer validates', () => {
    const closed = JSON.parse(serialize(reached.find((r) => r.name === 'closed.finalResponse')!.snapshot));
    closed.context.letters[0].escalation.route = '';
    expect(() => restore(machine, closed)).toThrow(/context\.letters\.0\.escalation\.route/);
  });
});

describe('the stage 2 response closes the complaint (6.20)', () => {
  it('records the final response as the closure', () => {
    const { snapshot } = replay(machine, [receive(), acknowledge(), respond1(), escalate(), acknowledge2(), respond2()]);
    expect(snapshot.context.closure).toEqual({ reason: 'final-response', on: '2025-03-04' });
  });
});
