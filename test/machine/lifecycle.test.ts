import { createActor, initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, describeComplaint, replay, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, escalate, extend, receive, respond1, throughBothStages, tick } from '../support/complaint.js';

const machine = createComplaintMachine();
const run = (events: ComplaintEvent[]) => replay(machine, events);

describe('the two-stage lifecycle (Code 2024)', () => {
  it('takes the sample complaint through both stages to the final response', () => {
    const { snapshot, rejected } = run(throughBothStages());
    expect(rejected).toEqual([]);
    expect(snapshot.value).toEqual({ process: { closed: 'finalResponse' }, ombudsman: 'notReferred', hazard: 'none' });
    expect(snapshot.context.stage1).toMatchObject({ requestedOn: '2024-12-20', acknowledgeBy: '2024-12-31', acknowledgedOn: '2024-12-23', originalRespondBy: '2025-01-09', respondBy: '2025-01-23' });
    expect(snapshot.context.stage2).toMatchObject({ requestedOn: '2025-01-30', acknowledgeBy: '2025-02-06', respondBy: '2025-03-05', respondedOn: '2025-03-04' });
    expect(snapshot.context.letters.map((l) => l.kind)).toEqual(['stage1-response', 'stage2-response']);
    // Every statutory deadline was met; the stage 1 remedies and action left open were missed by the final response.
    expect(snapshot.context.breaches.map((b) => `${b.deadline} ${b.provision} ${b.recordedOn}`)).toEqual([
      'remedy:s1-remedy-2 7.3 2025-02-05',
      'remedy:s1-remedy-3 7.3 2025-03-04',
      'action:s1-action-1 6.6 2025-03-04',
    ]);
  });

  it('computes the four deadlines in working days of the division, day 0 not counted (6.2, 6.3, 6.11, 6.14)', () => {
    const scotland = run([receive('2024-12-27T10:00:00Z', { region: 'scotland' }), acknowledge('2025-01-07T10:00:00Z')]).snapshot;
    expect(scotland.context.stage1?.acknowledgeBy).toBe('2025-01-07'); // 1 and 2 January are Scottish holidays
    expect(scotland.context.stage1?.respondBy).toBe('2025-01-21');
    const ni = run([receive('2025-03-10T10:00:00Z', { region: 'northern-ireland' })]).snapshot;
    expect(ni.context.stage1?.acknowledgeBy).toBe('2025-03-18'); // St Patrick's Day, 17 March
    const england = run([receive('2025-03-10T10:00:00Z')]).snapshot;
    expect(england.context.stage1?.acknowledgeBy).toBe('2025-03-17');
  });

  it('receives on the UK date of `at`: 23:30 UTC on 30 June 2024 is Monday 1 July', () => {
    const { snapshot } = run([receive('2024-06-30T23:30:00Z')]);
    expect(snapshot.context.stage1?.requestedOn).toBe('2024-07-01');
    expect(snapshot.context.stage1?.acknowledgeBy).toBe('2024-07-08');
  });

  it('is deterministic: the same events always give the same snapshot', () => {
    const a = run(throughBothStages()).snapshot;
    const b = run(throughBothStages()).snapshot;
    expect(b.value).toEqual(a.value);
    expect(b.context).toEqual(a.context);
    expect(JSON.parse(JSON.stringify(a.context))).toEqual(a.context);
  });

  it('runs the same in an actor as in replay', () => {
    const actor = createActor(machine).start();
    for (const event of throughBothStages()) actor.send(event);
    expect(actor.getSnapshot().context).toEqual(run(throughBothStages()).snapshot.context);
    actor.stop();
  });

  it('refuses an event earlier than the last accepted one, leaving the snapshot unchanged (5.12)', () => {
    const [start] = initialTransition(machine);
    const [received] = transition(machine, start, receive());
    const [after] = transition(machine, received, acknowledge('2024-12-19T10:00:00Z'));
    expect(after).toBe(received);
    const result = run([receive(), acknowledge('2024-12-19T10:00:00Z')]);
    expect(result.rejected[0]?.reasons[0]).toMatchObject({ provision: '5.12' });
  });

  it('keeps tracking remedies and actions after the final response, and records missed ones on TICK (6.6, 6.17, 7.3)', () => {
    const { snapshot, rejected } = run([...throughBothStages(), { type: 'COMPLETE_ACTION', at: '2025-03-06T09:00:00Z', id: 's1-action-2' }, tick('2025-03-20T09:00:00Z')]);
    expect(rejected).toEqual([]);
    const view = describeComplaint(snapshot);
    expect(view.stage).toBe('closed');
    expect(view.outstandingActions.map((a) => a.id)).toEqual(['s1-remedy-2', 's1-remedy-3', 's1-action-1', 's2-remedy-1']);
    expect(snapshot.context.breaches.map((b) => `${b.deadline} ${b.provision} ${b.recordedOn}`)).toEqual([
      'remedy:s1-remedy-2 7.3 2025-02-05',
      'remedy:s1-remedy-3 7.3 2025-03-04',
      'action:s1-action-1 6.6 2025-03-04',
      'remedy:s2-remedy-1 7.3 2025-03-20',
    ]);
  });

  it('records a late acknowledgement and response as breaches (6.2, 6.3)', () => {
    const { snapshot, rejected } = run([receive(), acknowledge('2025-01-02T10:00:00Z'), respond1('2025-01-20T10:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.breaches).toEqual([
      { deadline: 'stage1.acknowledge', provision: '6.2', due: '2024-12-31', recordedOn: '2025-01-02' },
      { deadline: 'stage1.respond', provision: '6.3', due: '2025-01-16', recordedOn: '2025-01-20' },
    ]);
  });

  it('records a deadline missed while waiting when the host sends TICK, on the day after it', () => {
    const onTheDay = run([receive(), tick('2024-12-31T22:00:00Z')]).snapshot;
    expect(onTheDay.context.breaches).toEqual([]);
    const dayAfter = run([receive(), tick('2025-01-01T09:00:00Z')]).snapshot;
    expect(dayAfter.context.breaches).toEqual([{ deadline: 'stage1.acknowledge', provision: '6.2', due: '2024-12-31', recordedOn: '2025-01-01' }]);
    expect(run([receive(), tick('2025-01-01T09:00:00Z'), tick('2025-01-02T09:00:00Z')]).snapshot.context.breaches).toHaveLength(1);
  });

  it('never has a third stage or a stage 0 (5.2, 5.3)', () => {
    const states = new Set<string>();
    const visit = (node: { key: string; states: Record<string, unknown> }, path: string) => {
      for (const [key, child] of Object.entries(node.states)) {
        states.add(`${path}${key}`);
        visit(child as typeof node, `${path}${key}.`);
      }
    };
    visit(machine.root as never, '');
    expect([...states].some((s) => /stage ?[03-9]|quick|informal/i.test(s))).toBe(false);
    expect([...states].filter((s) => s.startsWith('process.stage')).sort()).toEqual([
      'process.stage1',
      'process.stage1.investigating',
      'process.stage1.responded',
      'process.stage2',
      'process.stage2.acknowledging',
      'process.stage2.reviewing',
    ]);
    const third = run([...throughBothStages(), escalate('2025-03-10T09:00:00Z')]);
    expect(third.rejected[0]?.reasons[0]?.provision).toBe('5.3');
  });

  it('is pure: no delayed transitions, no invoked actors, no clock reads', async () => {
    const nodes: { after: unknown[]; invoke: unknown[]; states: Record<string, unknown> }[] = [];
    const walk = (node: (typeof nodes)[number]) => {
      nodes.push(node);
      Object.values(node.states).forEach((child) => walk(child as never));
    };
    walk(machine.root as never);
    expect(nodes.every((node) => node.after.length === 0 && node.invoke.length === 0)).toBe(true);
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('../../src/machine/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/Date\.now|new Date\(\)|performance\.now|setTimeout|setInterval|fetch\(/);
    }
  });

  it('extends, then responds within the extension', () => {
    const { snapshot, rejected } = run([receive(), acknowledge(), extend('2025-01-08T10:00:00Z', '2025-01-23'), respond1('2025-01-22T15:00:00Z')]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.stage1?.extensions).toEqual([{ on: '2025-01-08', until: '2025-01-23', reason: 'We are waiting for a damp survey.', workingDays: 10 }]);
    expect(snapshot.context.breaches).toEqual([]);
  });

  it('reaches stage 2 with a different handler and a stage 2 definition', () => {
    const { snapshot } = run([receive(), acknowledge(), respond1(), escalate(), acknowledge2()]);
    expect(describeComplaint(snapshot)).toMatchObject({ stage: 'stage2', status: 'reviewing', deadlines: { acknowledgeBy: '2025-02-06', respondBy: '2025-03-05' } });
    expect(snapshot.context.definition?.points.map((p) => p.id)).toEqual(['leak', 'mould', 'call', 'remedy']);
  });
});
