/**
 * No input crashes the host: every public function of `housing-complaints/machine`, given hostile
 * values in each argument (throwing getters, changing getters, Proxies, revoked Proxies, sparse
 * arrays, frozen objects, objects pretending to be Dates, huge strings, cycles), either answers or
 * throws a typed HousingComplaintsError, synchronously. And nothing reaches XState's unobserved
 * error path: an actor sent a hostile event stays running.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { isHousingComplaintsError } from '../../src/errors.js';
import * as machineEntry from '../../src/machine/index.js';
import {
  createComplaintMachine,
  describeComplaint,
  explain,
  nextEvents,
  replay,
  restore,
  sendEvent,
  serialize,
  step,
  type ComplaintEvent,
} from '../../src/machine/index.js';
import { acknowledge, receive, respond1 } from '../support/complaint.js';

const machine = createComplaintMachine();
const received = replay(machine, [receive()]).snapshot;
const responded = replay(machine, [receive(), acknowledge(), respond1()]).snapshot;

/** Values an attacker passes where an object, an array, a string or a date is expected. */
function hostileValues(): [string, unknown][] {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const revokedArray = Proxy.revocable([], {});
  revokedArray.revoke();
  const cycle: Record<string, unknown> = { type: 'TICK', at: '2025-01-06T09:00:00Z' };
  cycle.self = cycle;
  let flips = 0;
  return [
    ['undefined', undefined],
    ['null', null],
    ['true', true],
    ['a number', 5],
    ['NaN', NaN],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['a string', 'x'],
    ['a huge string', 'x'.repeat(200_000)],
    ['an empty object', {}],
    ['an empty array', []],
    ['a sparse array', [, , 1]], // eslint-disable-line no-sparse-arrays
    ['a frozen object', Object.freeze({ type: 'TICK', at: '2025-01-06T09:00:00Z' })],
    ['an object with a throwing getter', { type: 'TICK', get at(): string { throw new Error('boom'); } }],
    ['an object with a changing getter', { type: 'TICK', get at() { flips += 1; return flips % 2 ? '2025-01-06T09:00:00Z' : 'not a date'; } }],
    ['a Proxy that throws on every trap', new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); }, has() { throw new Error('trap'); } })],
    ['a revoked Proxy', revoked.proxy],
    ['a revoked array Proxy', revokedArray.proxy],
    ['a fake Date', Object.create(Date.prototype)],
    ['an invalid Date', new Date(NaN)],
    ['a cycle', cycle],
    ['an object with __proto__', JSON.parse('{"__proto__":{"polluted":true},"type":"TICK","at":"2025-01-06T09:00:00Z"}')],
    ['a deep nest', JSON.parse('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000))],
    ['a snapshot-like object', { machine, value: { process: { __proto__: 'x' } }, context: { letters: [], tracked: [], breaches: [], timers: [], notes: [], ombudsman: {} }, status: 'active' }],
  ];
}

/** Each function with good arguments, so that one argument at a time can be made hostile. */
const CALLS: Record<string, [(...args: any[]) => unknown, unknown[]]> = {
  createComplaintMachine: [machineEntry.createComplaintMachine, [{}]],
  parseEvent: [machineEntry.parseEvent, [{ type: 'TICK', at: '2025-01-06T09:00:00Z' }, 0]],
  describeComplaint: [describeComplaint, [responded, { now: '2025-02-01' }]],
  explain: [explain, [responded, { type: 'ESCALATE', at: '2025-01-20T09:00:00Z' }]],
  nextEvents: [nextEvents, [responded]],
  replay: [replay, [machine, [receive()], {}]],
  step: [step, [machine, received, { type: 'TICK', at: '2025-01-06T09:00:00Z' }]],
  sendEvent: [(event: unknown) => sendEvent(createActor(machine, { snapshot: received }).start(), event as ComplaintEvent), [{ type: 'TICK', at: '2025-01-06T09:00:00Z' }]],
  sendEventActor: [(actor: unknown) => sendEvent(actor as never, { type: 'TICK', at: '2025-01-06T09:00:00Z' }), [createActor(machine).start()]],
  draftLetter: [machineEntry.draftLetter, [responded, 'stage2-response', {}]],
  worklist: [machineEntry.worklist, [[responded], { now: '2025-02-01', within: 5 }]],
  projectTimeline: [machineEntry.projectTimeline, [received]],
  serialize: [serialize, [responded]],
  restore: [restore, [machine, serialize(responded)]],
  checkPolicy: [machineEntry.checkPolicy, [machineEntry.policies.peaksPlainsV4]],
  effectivePolicy: [machineEntry.effectivePolicy, [machineEntry.policies.peaksPlainsV4, true]],
  isSnapshotRestoreError: [machineEntry.isSnapshotRestoreError, [new Error('x')]],
  isMalformedEventError: [machineEntry.isMalformedEventError, [new Error('x')]],
  isForeignMachineError: [machineEntry.isForeignMachineError, [new Error('x')]],
  isInvalidPolicyError: [machineEntry.isInvalidPolicyError, [new Error('x')]],
};

describe('every public function answers or throws a typed error, for every hostile argument', () => {
  it('covers every function the entry exports', () => {
    const functions = Object.entries(machineEntry)
      .filter(([name, value]) => typeof value === 'function' && !/^[A-Z]/.test(name))
      .map(([name]) => name);
    for (const name of functions) expect(Object.keys(CALLS), `${name} has no hostile-input case`).toContain(name);
  });

  const cases = Object.entries(CALLS).flatMap(([name, [, args]]) => args.map((_, position) => [name, position] as const));
  it.each(cases)('%s, argument %i', (name, position) => {
    const [fn, args] = CALLS[name]!;
    let answered = 0;
    for (const [label, value] of hostileValues()) {
      const call = [...args];
      call[position] = value;
      try {
        fn(...call);
        answered += 1;
      } catch (error) {
        // A typed error, never a raw TypeError or RangeError from inside the library.
        if (!isHousingComplaintsError(error)) throw new Error(`${name}(argument ${position} = ${label}) threw ${String((error as Error)?.name)}: ${String((error as Error)?.message).slice(0, 200)}`);
        expect((error as Error).message.length).toBeGreaterThan(0);
      }
    }
    expect(answered).toBeGreaterThanOrEqual(0);
    // The good call itself still answers.
    expect(() => fn(...args)).not.toThrow();
  });
});

describe('nothing reaches the unobserved-error path', () => {
  // XState reads an event's `type` itself, before any guard: an event without a string type fails
  // inside XState (sendEvent, step and replay refuse those before XState sees them). Every event
  // with a type, whatever else it carries, reaches the guards, and they never throw.
  const payloads = hostileValues().flatMap(([label, value]) => [
    [`TICK at ${label}`, { type: 'TICK', at: value }],
    [`RESPOND with letter ${label}`, { type: 'RESPOND', at: '2025-01-06T09:00:00Z', letter: value }],
    [`ACKNOWLEDGE with letter ${label}`, { type: 'ACKNOWLEDGE', at: '2025-01-06T09:00:00Z', letter: value }],
    [`OFFER_REMEDY with remedy ${label}`, { type: 'OFFER_REMEDY', at: '2025-01-06T09:00:00Z', remedy: value }],
    [`OMBUDSMAN_DETERMINATION with findings ${label}`, { type: 'OMBUDSMAN_DETERMINATION', at: '2025-01-06T09:00:00Z', findings: value }],
  ] as const);
  it.each(payloads)('an actor sent %s stays running and unchanged', (_label, value) => {
    const actor = createActor(machine, { snapshot: received }).start();
    actor.send(value as ComplaintEvent);
    expect(actor.getSnapshot().status).toBe('active');
    expect(actor.getSnapshot().context).toBe(received.context);
    actor.stop();
  });

  it.each(hostileValues())('sendEvent answers %s as an event, with the actor still running', (_label, value) => {
    const actor = createActor(machine, { snapshot: received }).start();
    const result = sendEvent(actor, value as ComplaintEvent);
    // Only a TICK read once as valid (frozen, or a getter whose first read is good) is accepted, as read.
    if (result.accepted) expect(actor.getSnapshot().context.lastEventAt).toBe('2025-01-06T09:00:00Z');
    else expect(result.reasons.length).toBeGreaterThan(0);
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });

  it("an event whose `at` getter throws is refused by sendEvent, with the actor still running", () => {
    const actor = createActor(machine, { snapshot: received }).start();
    const result = sendEvent(actor, { type: 'TICK', get at(): string { throw new Error('boom'); } } as ComplaintEvent);
    expect(result.accepted).toBe(false);
    expect(actor.getSnapshot().status).toBe('active');
  });

  it('replay from a non-snapshot throws a typed error, synchronously', () => {
    for (const from of [{}, { machine }, [], 5]) {
      let thrown: unknown;
      try {
        replay(machine, [], { from: from as never });
      } catch (error) {
        thrown = error;
      }
      expect(isHousingComplaintsError(thrown)).toBe(true);
    }
  });

  it('replay takes any iterable, and names the position of a hole', () => {
    function* events() {
      yield receive();
      yield { type: 'TICK', at: '2025-01-06T09:00:00Z' };
    }
    expect(replay(machine, events()).snapshot.context.lastEventAt).toBe('2025-01-06T09:00:00Z');
    expect(replay(machine, new Set([receive()])).snapshot.context.complaint?.id).toBeDefined();
    const holes = [receive(), , { type: 'TICK', at: '2025-01-06T09:00:00Z' }]; // eslint-disable-line no-sparse-arrays
    expect(() => replay(machine, holes)).toThrow(/Event 1/);
    expect(() => replay(machine, 'RECEIVE' as never)).toThrow(/events/);
  });
});

describe('the record never aliases the caller', () => {
  it('mutating every sent event afterwards changes nothing on the record', () => {
    const events: ComplaintEvent[] = [
      receive(),
      acknowledge(),
      respond1(),
      { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' },
      { type: 'OMBUDSMAN_DETERMINATION', at: '2025-09-01T10:00:00Z', findings: [{ element: 'Repairs', finding: 'maladministration', orders: ['Pay £300'] }] },
    ];
    const sent = structuredClone(events);
    const actor = createActor(machine).start();
    for (const event of sent) actor.send(event);
    const before = structuredClone(actor.getSnapshot().context);
    // Scribble over everything the caller still holds.
    const scribble = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string') (node as Record<string, unknown>)[key] = 'changed';
        else if (Array.isArray(value)) {
          value.forEach(scribble);
          value.push('extra');
        } else scribble(value);
      }
    };
    sent.forEach(scribble);
    expect(actor.getSnapshot().context).toEqual(before);
    expect(actor.getSnapshot().context.ombudsman.findings).toEqual(events[4] && (events[4] as { findings: unknown }).findings);
  });

  it('a restored snapshot shares nothing with the object it was restored from', () => {
    const object = JSON.parse(serialize(responded));
    const restored = restore(machine, object);
    object.context.letters[0].sentOn = '2030-01-01';
    object.context.stage1.handler = 'Someone Else';
    object.value.process = 'new';
    expect(restored.context).toEqual(responded.context);
    expect(restored.value).toEqual(responded.value);
  });

  it('a getter is read once: what was validated is what is stored', () => {
    let reads = 0;
    const findings = [{ element: 'Repairs', finding: 'maladministration' }];
    const event = {
      type: 'OMBUDSMAN_DETERMINATION',
      at: '2025-09-01T10:00:00Z',
      get findings() {
        reads += 1;
        return reads === 1 ? findings : 'not findings';
      },
    };
    const referred = replay(machine, [receive(), acknowledge(), respond1(), { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' }]).snapshot;
    const result = step(machine, referred, event as unknown as ComplaintEvent);
    expect(result.accepted).toBe(true);
    expect(result.snapshot.context.ombudsman.findings).toEqual(findings);
    expect(result.snapshot.context.ombudsman.findings).not.toBe(findings);
  });
});
