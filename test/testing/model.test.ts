import type { AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { createComplaintTestModel } from '../../src/testing/index.js';
import { describeComplaint, policies, replay, type ComplaintSnapshot } from '../../src/machine/index.js';
import { activeNodes } from '../../src/machine/views.js';
import { machineEnv } from '../../src/machine/machine.js';
import { judge } from '../../src/machine/rules.js';

const model = createComplaintTestModel();
const shortest = model.shortestPaths();
// The Scottish model procedure's policy takes the branches the Code never does: receipt straight
// into stage 1 (no acknowledgement) and stage 2 before a stage 1 response.
const scottish = createComplaintTestModel({ policy: policies.spsoModelChp, region: 'scotland' });
// A complaint after Awaab's Law came into force (27 October 2025): the hazard track beside it.
const hazards = createComplaintTestModel({ start: '2025-11-03T09:00:00Z' });

/** Every state node, and every transition as `sourceId:EVENT`, of the machine's definition. */
function definition(root: AnyStateNode) {
  const nodes: string[] = [];
  const transitions: string[] = [];
  const walk = (node: AnyStateNode) => {
    nodes.push(node.id);
    for (const [type, list] of Object.entries(node.on)) for (let i = 0; i < list.length; i++) transitions.push(`${node.id}:${type}#${i}`);
    Object.values(node.states).forEach(walk);
  };
  walk(root);
  return { nodes, transitions };
}

describe('createComplaintTestModel: coverage of our own machine', () => {
  it('reaches every state node and takes every transition (a check, not a hope)', () => {
    const { nodes, transitions } = definition(model.machine.root);
    // One statechart: both policies' machines have the same states and transitions.
    expect(definition(scottish.machine.root)).toEqual({ nodes, transitions });
    // Its paths without a hazard are the Code model's own, already walked: only the hazard's are replayed.
    const hazardPaths = hazards.shortestPaths().filter((p) => p.events.some((e) => e.type.endsWith('_HAZARD') || e.type === 'RECORD_HAZARD_WORK'));
    const reached = new Set<string>();
    const taken = new Set<string>();
    for (const [each, path] of [...shortest.map((p) => [model, p] as const), ...scottish.shortestPaths().map((p) => [scottish, p] as const), ...hazardPaths.map((p) => [hazards, p] as const)]) {
      let snapshot: ComplaintSnapshot = replay(each.machine, []).snapshot;
      for (const event of path.events) {
        const before = activeNodes(snapshot);
        const next = replay(each.machine, [event], { from: snapshot });
        expect(next.rejected, `${path.description}: ${event.type}`).toEqual([]);
        // The branch that fired: the first, deepest first, whose guard's rule has no refusals.
        let fired: string | undefined;
        for (const node of before) {
          (node.on[event.type] ?? []).forEach((branch, i) => {
            if (fired) return;
            const guard = branch.guard as string | { type: string; params?: { stage?: 1 | 2 } };
            const rule = typeof guard === 'string' ? guard : guard.type;
            const stage = typeof guard === 'string' ? 1 : (guard.params?.stage ?? 1);
            const verdict = judge(rule as never, snapshot.context, event, machineEnv(each.machine, 'test'), stage);
            if (verdict.refusals.length === 0 && !verdict.elsewhere) fired = `${node.id}:${event.type}#${i}`;
          });
          if (fired) break;
        }
        expect(fired).toBeDefined();
        taken.add(fired!);
        snapshot = next.snapshot;
        for (const node of activeNodes(snapshot)) reached.add(node.id);
      }
    }
    const unreachedStates = nodes.filter((id) => !reached.has(id) && id !== 'complaint.process.new');
    expect(new Set(transitions).size).toBe(transitions.length);
    const untaken = transitions.filter((id) => !taken.has(id));
    console.log(
      `model coverage: ${shortest.length} paths under the Code, ${hazardPaths.length} with a hazard beside the complaint, and the Scottish procedure's; ${nodes.length - unreachedStates.length} of ${nodes.length} state nodes reached (the initial one included); ${taken.size} of ${transitions.length} transition branches taken`,
    );
    expect(unreachedStates).toEqual([]);
    expect(untaken).toEqual([]);
  });
});

describe('generated paths', () => {
  it('replay cleanly and end where they say they do', () => {
    for (const path of shortest) {
      const { snapshot, rejected } = replay(model.machine, path.events);
      expect(rejected).toEqual([]);
      expect(path.steps.at(-1)?.status).toBe(describeComplaint(snapshot).status);
      expect(path.states).toHaveLength(path.events.length);
    }
  });

  it('describe themselves in plain language', () => {
    const descriptions = shortest.map((path) => path.description);
    expect(descriptions).toContain('received -> acknowledged day 2 -> responded -> escalated -> stage 2 acknowledged day 2 -> final response');
    expect(descriptions).toContain('received -> acknowledged day 2 -> extended 10 days');
    expect(descriptions).toContain('received -> deadline missed (TICK 2025-01-14)');
  });

  it('serialise to plain JSON a runner in another language can read', () => {
    const path = shortest.find((p) => p.description.endsWith('final response'))!;
    const json = JSON.parse(JSON.stringify(path)) as ReturnType<typeof path.toJSON>;
    expect(Object.keys(json)).toEqual(['description', 'steps']);
    expect(json.steps[0]).toMatchObject({ event: { type: 'RECEIVE' }, state: 'received', stage: 'received', deadlines: { acknowledgeBy: '2025-01-13' } });
    expect(json.steps.at(-1)).toMatchObject({ stage: 'closed', status: 'final-response' });
  });

  it('use TICKs on and after deadlines, times advancing in working days, and different handlers', () => {
    const events = shortest.flatMap((path) => path.events);
    const received = replay(model.machine, shortest[0]!.events).snapshot;
    const ticks = model.eventsFrom(received).filter((e) => e.type === 'TICK');
    expect(ticks.map((e) => e.at)).toEqual(['2025-01-13T18:00:00Z', '2025-01-14T07:00:00Z']); // on the deadline, and the morning after
    expect(replay(model.machine, [ticks[0]!], { from: received }).snapshot.context.breaches).toEqual([]);
    expect(replay(model.machine, [ticks[1]!], { from: received }).snapshot.context.breaches).toHaveLength(1);
    expect(events.some((e) => e.type === 'TICK' && e.at.endsWith('T07:00:00Z'))).toBe(true);
    const handlers = new Set(events.flatMap((e) => (e.type === 'ACKNOWLEDGE' && 'letter' in e ? [e.letter.handler] : [])));
    expect(handlers.size).toBe(2);
    for (const path of shortest) {
      const times = path.events.map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
  });
});

describe('simplePaths', () => {
  it('caps the events of every path at maxEvents, and replays cleanly', () => {
    const paths = model.simplePaths({ maxEvents: 5 });
    expect(paths.length).toBeGreaterThan(100);
    expect(Math.max(...paths.map((p) => p.events.length))).toBe(5);
    for (const path of paths) expect(replay(model.machine, path.events).rejected).toEqual([]);
  });

  it('refuses a maxEvents that is not a whole number of at least 1', () => {
    for (const maxEvents of [0, -1, 2.5, Number.NaN]) expect(() => model.simplePaths({ maxEvents })).toThrow(/maxEvents/);
  });
});

describe('models for other divisions and policies', () => {
  it('counts in the chosen division', () => {
    const scotland = createComplaintTestModel({ region: 'scotland', start: '2024-12-27T10:00:00Z' }).shortestPaths();
    expect(scotland[0]!.steps[0]!.deadlines.acknowledgeBy).toBe('2025-01-07');
  });

  it('runs Peaks & Plains as written, whose paths all replay', () => {
    const pp = createComplaintTestModel({ policy: policies.peaksPlainsV4, enforceCode: false });
    const paths = pp.shortestPaths();
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths.slice(0, 200)) expect(replay(pp.machine, path.events).rejected).toEqual([]);
  });
});

describe('each path’s expected steps', () => {
  it('are what replaying that path’s own events gives, step by step (deadlines included)', () => {
    for (const path of shortest) {
      let snapshot = replay(model.machine, []).snapshot;
      path.steps.forEach((step) => {
        snapshot = replay(model.machine, [step.event], { from: snapshot }).snapshot;
        const view = describeComplaint(snapshot);
        expect({ stage: step.stage, status: step.status, ...step.deadlines }).toEqual({
          stage: view.stage,
          status: view.status,
          ...(view.deadlines.acknowledgeBy ? { acknowledgeBy: view.deadlines.acknowledgeBy } : {}),
          ...(view.deadlines.respondBy ? { respondBy: view.deadlines.respondBy } : {}),
        });
      });
    }
  });
});
