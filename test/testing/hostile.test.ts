/**
 * Issue 10 for `housing-complaints/testing`: no input crashes the host. Every public function
 * either gives a correct answer or throws, synchronously, one of the library's typed errors, naming
 * the argument at fault: bounds on the size of the work, UK dates of instants, every option checked,
 * and hostile objects (throwing getters, getters that change, Proxies, revoked Proxies, sparse
 * arrays, frozen objects, null, numbers, strings).
 */
import { describe, expect, it } from 'vitest';
import { toUkDate } from '../../src/calendar/index.js';
import { isHousingComplaintsError, isInvalidInputError, type InvalidInputError } from '../../src/errors.js';
import { isInvalidPolicyError, policies, replay, type ComplaintEvent, type ComplaintMachine, type ComplaintSnapshot } from '../../src/machine/index.js';
import * as testing from '../../src/testing/index.js';
import { createComplaintTestModel, type ComplaintPath } from '../../src/testing/index.js';

const model = createComplaintTestModel();
const [path] = model.simplePaths({ maxEvents: 1 }) as [ComplaintPath];
const receive = (at: string): ComplaintEvent => ({ type: 'RECEIVE', at, complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Kitchen leak' } });
/** A snapshot the machine made: received at 23:30 in New York on 6 January, which is 04:30 on 7 January in the UK. */
const received = replay(model.machine, [receive('2025-01-06T23:30:00-05:00')]).snapshot;
const receivedEvents = model.eventsFrom(received);

type Outcome = { threw: false; value: unknown } | { threw: true; error: unknown };

/** Calls `fn` and says what happened; a thenable result fails (every function here is synchronous). */
function attempt(fn: () => unknown): Outcome {
  try {
    const value = fn();
    expect(typeof (value as { then?: unknown } | null)?.then).not.toBe('function');
    return { threw: false, value };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Expects an InvalidInputError at exactly `path`, whose message names it. */
function expectInvalid(fn: () => unknown, path: string): InvalidInputError {
  const outcome = attempt(fn);
  expect(outcome.threw, `expected an InvalidInputError at ${path}`).toBe(true);
  const error = (outcome as { error: unknown }).error;
  expect(isInvalidInputError(error), `${String(error)}`).toBe(true);
  expect((error as InvalidInputError).path).toBe(path);
  // An InvalidPolicyError (an InvalidInputError too) lists the policy's problems instead.
  expect((error as Error).message).toContain(isInvalidPolicyError(error) ? 'The policy is not valid: ' : `Invalid ${path}: expected `);
  return error as InvalidInputError;
}

/** Counts the machine's transitions while `fn` runs: the work a generator does. */
function countTransitions(machine: ComplaintMachine, fn: () => unknown): { count: number; outcome: Outcome } {
  const original = machine.transition;
  let count = 0;
  machine.transition = function (this: unknown, ...args: Parameters<typeof original>) {
    count++;
    return original.apply(this, args);
  } as typeof original;
  try {
    return { outcome: attempt(fn), count };
  } finally {
    machine.transition = original;
  }
}

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
/** A Proxy every trap of which throws. */
const trapsThrow = (): object =>
  new Proxy(
    {},
    Object.fromEntries(
      ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty', 'set', 'deleteProperty'].map((trap) => [
        trap,
        () => {
          throw new Error(`the ${trap} trap`);
        },
      ]),
    ),
  );
const throwing = (key: string, rest: object = {}): object =>
  Object.defineProperty({ ...rest }, key, {
    enumerable: true,
    get() {
      throw new Error(`the ${key} getter`);
    },
  });
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The public functions of `housing-complaints/testing`, each with the path its argument is named by.
 * `path.toJSON()` takes no argument: whatever it is given, it answers the same.
 */
const surfaces = [
  { name: 'createComplaintTestModel(options)', call: (value: unknown) => createComplaintTestModel(value as never), path: 'options' },
  { name: 'model.simplePaths(options)', call: (value: unknown) => model.simplePaths(value as never), path: 'options' },
  { name: 'model.eventsFrom(snapshot)', call: (value: unknown) => model.eventsFrom(value as never), path: 'snapshot' },
  { name: 'path.toJSON()', call: (value: unknown) => (path.toJSON as (v: unknown) => unknown)(value), path: undefined },
] as const;

describe('the public surface of housing-complaints/testing', () => {
  it('is createComplaintTestModel and a model of machine, shortestPaths, simplePaths and eventsFrom (a new member must be added to these tests)', () => {
    expect(Object.keys(testing).sort()).toEqual(['createComplaintTestModel']);
    expect(Object.keys(model).sort()).toEqual(['eventsFrom', 'machine', 'shortestPaths', 'simplePaths']);
    expect(Object.keys(path).sort()).toEqual(['description', 'events', 'states', 'steps', 'toJSON']);
  });
});

describe('1. bounds on the work', () => {
  it('refuses a maxEvents above 30 up front, before a single transition', () => {
    for (const maxEvents of [1e6, 31, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER]) {
      const { count, outcome } = countTransitions(model.machine, () => expectInvalid(() => model.simplePaths({ maxEvents }), 'options.maxEvents'));
      expect(outcome.threw).toBe(false);
      expect(count).toBe(0);
    }
  });

  it('refuses a maxPaths out of 1 to 200,000 up front', () => {
    for (const maxPaths of [0, -1, 1.5, 200_001, 1e9, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { count } = countTransitions(model.machine, () => expectInvalid(() => model.simplePaths({ maxEvents: 2, maxPaths }), 'options.maxPaths'));
      expect(count).toBe(0);
    }
  });

  it('builds exactly maxPaths paths, and one more is a typed error rather than more work', () => {
    const all = model.simplePaths({ maxEvents: 4 });
    expect(all.length).toBeGreaterThan(20);
    expect(model.simplePaths({ maxEvents: 4, maxPaths: all.length })).toHaveLength(all.length);
    const error = expectInvalid(() => model.simplePaths({ maxEvents: 4, maxPaths: all.length - 1 }), 'options.maxPaths');
    expect(error.value).toBe(all.length - 1);
    expect(error.message).toMatch(/lower maxEvents, or raise maxPaths/);
  });

  it('stops the longest walk allowed after at most maxPaths paths, counted in transitions', () => {
    const maxPaths = 300;
    const { count, outcome } = countTransitions(model.machine, () => model.simplePaths({ maxEvents: 30, maxPaths }));
    expect(outcome.threw).toBe(true);
    expect(isInvalidInputError((outcome as { error: unknown }).error) && ((outcome as { error: InvalidInputError }).error.path)).toBe('options.maxPaths');
    // Each path built tries the few candidate events of its last state (never more than 20).
    expect(count).toBeLessThanOrEqual((maxPaths + 1) * 20);
  });

  it('stops with the default maxPaths (25,000) too: maxEvents 30 without maxPaths never runs unbounded', () => {
    const { count, outcome } = countTransitions(model.machine, () => model.simplePaths({ maxEvents: 30 }));
    expect(outcome.threw).toBe(true);
    expect((outcome as { error: InvalidInputError }).error.path).toBe('options.maxPaths');
    expect((outcome as { error: InvalidInputError }).error.value).toBe(25_000);
    expect(count).toBeLessThanOrEqual(25_001 * 20);
  });

  it('bounds the size options of the model: complaintId at 200 characters, start from 2000 to 2090', () => {
    expect(createComplaintTestModel({ complaintId: 'C'.repeat(200) })).toBeDefined();
    expectInvalid(() => createComplaintTestModel({ complaintId: 'C'.repeat(201) }), 'options.complaintId');
    expectInvalid(() => createComplaintTestModel({ complaintId: 'C'.repeat(1_000_000) }), 'options.complaintId');
    expect(createComplaintTestModel({ start: '2000-01-01T00:00:00Z' })).toBeDefined();
    expect(createComplaintTestModel({ start: '2090-12-31T23:59:00Z' })).toBeDefined();
    expectInvalid(() => createComplaintTestModel({ start: '2090-12-31T23:30:00-05:00' }), 'options.start'); // 1 January 2091 in the UK
    expectInvalid(() => createComplaintTestModel({ start: '1999-12-31T23:59:00Z' }), 'options.start');
    expectInvalid(() => createComplaintTestModel({ start: '2100-06-01T09:00:00Z' }), 'options.start');
    expectInvalid(() => createComplaintTestModel({ start: `2025-01-06T09:00:00${'0'.repeat(1_000_000)}Z` }), 'options.start');
  });

  it('ends every path of a model started on the last day allowed within the calendar, under the slowest policy allowed', () => {
    const slowest = { ...policies.peaksPlainsV4, id: 'slowest', stage1: { acknowledgeWithin: 250, respondWithin: 250, extensionLimit: 250 }, stage2: { acknowledgeWithin: 250, respondWithin: 250, extensionLimit: 250 } };
    const late = createComplaintTestModel({ policy: slowest, enforceCode: false, start: '2090-12-31T12:00:00Z' });
    const paths = late.simplePaths({ maxEvents: 5 });
    expect(paths.length).toBeGreaterThan(100);
    for (const p of paths) {
      expect(replay(late.machine, p.events).rejected).toEqual([]);
      for (const event of p.events) expect(toUkDate(event.at) <= '2100-12-31').toBe(true);
    }
  });
});

describe('2. the start and every event fall on the UK day of their instant', () => {
  it('receives a complaint started at 23:30 in New York on 6 January on 7 January', () => {
    const ny = createComplaintTestModel({ start: '2025-01-06T23:30:00-05:00' });
    const paths = ny.simplePaths({ maxEvents: 3 });
    const [first] = paths;
    expect(first!.events[0]).toMatchObject({ type: 'RECEIVE', at: '2025-01-06T23:30:00-05:00' });
    // 7 January plus 5 working days: the 14th (from the 6th it would be the 13th).
    expect(first!.steps[0]!.deadlines).toEqual({ acknowledgeBy: '2025-01-14' });
    expect(replay(ny.machine, first!.events).snapshot.context.stage1?.requestedOn).toBe('2025-01-07');
    const acknowledged = paths.find((p) => p.events[1]?.type === 'ACKNOWLEDGE')!;
    expect(acknowledged.description).toBe('received -> acknowledged day 2');
    expect(toUkDate(acknowledged.events[1]!.at)).toBe('2025-01-09');
  });

  it('counts from the UK day in summer time too: 23:30 UTC on 30 June is 1 July', () => {
    const summer = createComplaintTestModel({ start: '2025-06-30T23:30:00Z' });
    const [first] = summer.simplePaths({ maxEvents: 1 });
    expect(replay(summer.machine, first!.events).snapshot.context.stage1?.requestedOn).toBe('2025-07-01');
    expect(first!.steps[0]!.deadlines).toEqual({ acknowledgeBy: '2025-07-08' });
  });

  it('makes the next events of a snapshot from the UK day of its last event, never the first ten characters', () => {
    const withdraw = receivedEvents.find((e) => e.type === 'WITHDRAW')!;
    expect(toUkDate(withdraw.at)).toBe('2025-01-08'); // one working day after 7 January
    for (const event of receivedEvents) expect(toUkDate(event.at) > '2025-01-07').toBe(true);
  });

  it('dates every letter the UK day of its event, and every path replays, for starts with offsets at all hours', () => {
    for (const start of ['2025-01-06T23:30:00-05:00', '2025-01-07T00:30:00+01:00', '2025-03-30T00:30:00Z', '2025-10-25T23:30:00Z', '2025-01-10T23:59:59.999+00:00']) {
      const m = createComplaintTestModel({ start });
      for (const p of m.simplePaths({ maxEvents: 4 })) {
        const { rejected } = replay(m.machine, p.events);
        expect(rejected, `${start}: ${p.description}`).toEqual([]);
        for (const event of p.events) {
          const letter = (event as { letter?: { sentOn?: string } }).letter;
          if (letter?.sentOn) expect(letter.sentOn).toBe(toUkDate(event.at));
        }
        expect(toUkDate(p.events[0]!.at)).toBe(toUkDate(start));
      }
    }
  });
});

describe('3. every option of every function is checked, and named', () => {
  it.each([
    ['complaintId', 5],
    ['complaintId', ''],
    ['complaintId', '   '],
    ['complaintId', ' C-1'],
    ['complaintId', 'C-1\nC-2'],
    ['complaintId', '\u200B'],
    ['complaintId', '---'],
    ['complaintId', null],
    ['complaintId', ['C-1']],
    ['region', 'wales'],
    ['region', 5],
    ['region', null],
    ['enforceCode', 'no'],
    ['enforceCode', 0],
    ['enforceCode', null],
    ['start', 5],
    ['start', '2025-01-06'],
    ['start', 'yesterday'],
    ['start', '2025-02-30T09:00:00Z'],
    ['start', '2025-01-06T09:00:00'],
    ['start', new Date('2025-01-06T09:00:00Z')],
    ['start', null],
    ['policy', 5],
    ['policy', 'code2024'],
    ['policy', null],
    ['policy', []],
    ['maxEvents', 8],
    ['machine', createComplaintTestModel().machine],
    ['__proto__', 'x'],
  ] as [string, unknown][])('createComplaintTestModel refuses %s: %o', (key, value) => {
    const options = Object.defineProperty({}, key, { value, enumerable: true });
    expectInvalid(() => createComplaintTestModel(options), `options.${key}`);
  });

  it('refuses a malformed policy object with InvalidPolicyError listing the problems', () => {
    for (const policy of [{ id: 'mine' }, { ...policies.code2024, stage1: { acknowledgeWithin: 0, respondWithin: 10, extensionLimit: 10 } }, { ...policies.code2024, extra: true }]) {
      const outcome = attempt(() => createComplaintTestModel({ policy: policy as never }));
      expect(outcome.threw).toBe(true);
      expect(isInvalidPolicyError((outcome as { error: unknown }).error)).toBe(true);
      expect((outcome as { error: InvalidInputError }).error.path).toBe('options.policy');
    }
  });

  it.each([
    ['maxEvents', 0],
    ['maxEvents', -1],
    ['maxEvents', 2.5],
    ['maxEvents', Number.NaN],
    ['maxEvents', '8'],
    ['maxEvents', null],
    ['maxEvents', 8n],
    ['maxPaths', 0],
    ['maxPaths', '100'],
    ['maxPaths', null],
    ['maxevents', 3],
    ['policy', policies.code2024],
  ] as [string, unknown][])('simplePaths refuses %s: %o', (key, value) => {
    const { count } = countTransitions(model.machine, () => expectInvalid(() => model.simplePaths({ [key]: value } as never), `options.${key}`));
    expect(count).toBe(0);
  });

  it('accepts undefined options as the defaults', () => {
    expect(createComplaintTestModel(undefined).eventsFrom(received)).toEqual(receivedEvents);
    expect(createComplaintTestModel({ region: undefined, start: undefined } as never).eventsFrom(received)).toEqual(receivedEvents);
    expect(model.simplePaths({ maxEvents: 3, maxPaths: undefined } as never).length).toBe(model.simplePaths({ maxEvents: 3 }).length);
  });

  it('gives paths for every option it accepts (never silently none), with the complaint id in every event and letter', () => {
    for (const options of [
      { complaintId: 'x' },
      { complaintId: 'HC/2025/000123 (repairs)' },
      { complaintId: 'Réclamation-1' },
      { complaintId: 'C'.repeat(200) },
      { region: 'scotland', start: '2024-12-27T10:00:00Z' },
      { region: 'northern-ireland', start: '2025-07-11T16:00:00+01:00' },
      { policy: policies.peaksPlainsV4 },
      { policy: policies.peaksPlainsV4, enforceCode: false },
      { start: '2000-01-01T09:00:00Z' },
    ] as const) {
      const m = createComplaintTestModel(options);
      const paths = m.simplePaths({ maxEvents: 3 });
      expect(paths.length, JSON.stringify(options)).toBeGreaterThan(10);
      const id = 'complaintId' in options ? options.complaintId : 'C-TEST-1';
      for (const p of paths) {
        expect(replay(m.machine, p.events).rejected).toEqual([]);
        expect(p.events[0]).toMatchObject({ type: 'RECEIVE', complaint: { id } });
        for (const event of p.events) if ('letter' in event && event.letter) expect((event.letter as { complaintId: string }).complaintId).toBe(id);
      }
    }
  });

  it('eventsFrom refuses anything but a complaint snapshot, naming the part at fault', () => {
    expectInvalid(() => model.eventsFrom({} as never), 'snapshot.value');
    expectInvalid(() => model.eventsFrom({ value: { process: 'limbo', ombudsman: 'notReferred' }, context: received.context } as never), 'snapshot.value');
    expectInvalid(() => model.eventsFrom({ value: received.value } as never), 'snapshot.context');
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, tracked: 5 } } as never), 'snapshot.context.tracked');
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, lastEventAt: '2025-01-06' } } as never), 'snapshot.context.lastEventAt');
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, stage1: { ...received.context.stage1, acknowledgeBy: '2025-02-30' } } } as never), 'snapshot.context.stage1.acknowledgeBy');
    // A record whose deadline falls on the calendar's last day: the next working day cannot be counted.
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, lastEventAt: '2100-12-30T10:00:00Z', stage1: { ...received.context.stage1, acknowledgeBy: '2100-12-31' } } } as never), 'snapshot');
  });

  it('eventsFrom answers for a snapshot as plain JSON, and for one of another policy’s machine', () => {
    expect(model.eventsFrom(plain(received))).toEqual(receivedEvents);
    const pp = replay(createComplaintTestModel({ policy: policies.peaksPlainsV4 }).machine, [receive('2025-01-06T23:30:00-05:00')]).snapshot;
    expect(model.eventsFrom(pp).map((e) => e.type)).toEqual(receivedEvents.map((e) => e.type));
  });
});

describe('4. hostile objects at every public function', () => {
  /** Runs `value()` through every surface: each gives an answer or a typed error; `expected` says which, per surface. */
  function throughEverySurface(value: () => unknown, expected: Partial<Record<(typeof surfaces)[number]['name'], string | ((answer: unknown) => void)>>) {
    for (const surface of surfaces) {
      const outcome = attempt(() => surface.call(value()));
      const want = expected[surface.name] ?? (surface.path === undefined ? (answer: unknown) => expect(answer).toEqual(path.toJSON()) : surface.path);
      if (typeof want === 'string') {
        expect(outcome.threw, `${surface.name} should refuse`).toBe(true);
        const error = (outcome as { error: unknown }).error;
        expect(isHousingComplaintsError(error), `${surface.name}: ${String(error)}`).toBe(true);
        expect(isInvalidInputError(error) && error.path, surface.name).toBe(want);
      } else {
        expect(outcome.threw, `${surface.name}: ${outcome.threw ? String((outcome as { error: unknown }).error) : ''}`).toBe(false);
        want((outcome as { value: unknown }).value);
      }
    }
  }

  it('null, numbers, strings, booleans, functions and symbols', () => {
    for (const value of [null, 0, 5, -1, Number.NaN, 1e6, '', 'options', '{"maxEvents":2}', true, false, () => ({}), Symbol('x'), 10n]) {
      throughEverySurface(() => value, {});
    }
    // undefined is "no options" (the defaults), but never a snapshot.
    expectInvalid(() => model.eventsFrom(undefined as never), 'snapshot');
  });

  it('throwing getters: refused at the option or field that threw', () => {
    throughEverySurface(() => throwing('complaintId'), {
      'createComplaintTestModel(options)': 'options.complaintId',
      'model.simplePaths(options)': 'options.complaintId',
      'model.eventsFrom(snapshot)': 'snapshot.value',
    });
    expectInvalid(() => model.simplePaths(throwing('maxEvents') as never), 'options.maxEvents');
    expectInvalid(() => model.simplePaths(throwing('maxPaths', { maxEvents: 2 }) as never), 'options.maxPaths');
    for (const key of ['policy', 'enforceCode', 'region', 'start']) expectInvalid(() => createComplaintTestModel(throwing(key) as never), `options.${key}`);
    expectInvalid(() => createComplaintTestModel({ policy: throwing('stage1', policies.code2024) as never }), 'options.policy');
    expectInvalid(() => model.eventsFrom(throwing('context', { value: received.value }) as never), 'snapshot.context');
    const context = { ...received.context, tracked: [throwing('id', { kind: 'remedy', description: 'x' })] };
    expectInvalid(() => model.eventsFrom({ value: received.value, context } as never), 'snapshot.context');
  });

  it('getters that change on each read: each option and field is read once, and the first answer is used throughout', () => {
    const reads: Record<string, number> = {};
    const flipping = <T extends object>(values: Record<string, [unknown, unknown]>, target = {} as T): T => {
      for (const [key, [first, later]] of Object.entries(values)) {
        Object.defineProperty(target, key, {
          enumerable: true,
          get() {
            reads[key] = (reads[key] ?? 0) + 1;
            return reads[key] === 1 ? first : later;
          },
        });
      }
      return target;
    };
    const options = flipping({ complaintId: ['C-FIRST', 5], region: ['scotland', 'wales'], start: ['2024-12-27T10:00:00Z', 'never'], enforceCode: [true, 'no'], policy: [policies.code2024, null] });
    const m = createComplaintTestModel(options as never);
    expect(reads).toEqual({ complaintId: 1, region: 1, start: 1, enforceCode: 1, policy: 1 });
    const [first] = m.simplePaths(flipping({ maxEvents: [2, 1e6], maxPaths: [1000, 0] }) as never).filter((p) => p.events.length === 1);
    expect(reads).toMatchObject({ maxEvents: 1, maxPaths: 1 });
    expect(first!.events[0]).toMatchObject({ complaint: { id: 'C-FIRST', region: 'scotland' } });
    expect(first!.steps[0]!.deadlines.acknowledgeBy).toBe('2025-01-07'); // the Scottish count from 27 December
    // A snapshot whose value and context change after the first read.
    const snapshot = flipping({ value: [received.value, { process: 'limbo' }], context: [received.context, null] });
    expect(model.eventsFrom(snapshot as never)).toEqual(receivedEvents);
    expect(reads).toMatchObject({ value: 1, context: 1 });
    // Deep inside a policy too: zod reads each field once.
    const policy = flipping({ stage1: [policies.peaksPlainsV4.stage1, 5] }, { ...policies.peaksPlainsV4 } as object);
    delete reads.stage1;
    expect(createComplaintTestModel({ policy: policy as never, enforceCode: false }).simplePaths({ maxEvents: 2 }).length).toBeGreaterThan(0);
    expect(reads.stage1).toBe(1);
  });

  it('Proxies: a transparent one answers as its target does; one whose traps throw is refused', () => {
    throughEverySurface(trapsThrow, { 'model.eventsFrom(snapshot)': 'snapshot.value' });
    const transparent = <T extends object>(target: T): T => new Proxy(target, {});
    expect(model.eventsFrom(transparent(received))).toEqual(receivedEvents);
    expect(model.eventsFrom(transparent({ value: transparent(received.value), context: transparent(received.context) }) as never)).toEqual(receivedEvents);
    const scotland = createComplaintTestModel(transparent({ region: 'scotland' as const, start: '2024-12-27T10:00:00Z', policy: transparent(policies.code2024) }));
    expect(scotland.simplePaths(transparent({ maxEvents: 1 }))[0]!.steps[0]!.deadlines).toEqual({ acknowledgeBy: '2025-01-07' });
    expectInvalid(() => createComplaintTestModel(transparent({ complaintId: 5 }) as never), 'options.complaintId');
    expectInvalid(() => createComplaintTestModel({ policy: trapsThrow() as never }), 'options.policy');
    expectInvalid(() => model.eventsFrom({ value: received.value, context: trapsThrow() } as never), 'snapshot.context');
  });

  it('revoked Proxies: refused at the argument, or at the option or field that holds one', () => {
    throughEverySurface(revoked, {});
    for (const key of ['policy', 'region', 'start', 'complaintId', 'enforceCode']) expectInvalid(() => createComplaintTestModel({ [key]: revoked() } as never), `options.${key}`);
    for (const key of ['maxEvents', 'maxPaths']) expectInvalid(() => model.simplePaths({ [key]: revoked() } as never), `options.${key}`);
    expectInvalid(() => model.eventsFrom({ value: revoked(), context: received.context } as never), 'snapshot.value');
    expectInvalid(() => model.eventsFrom({ value: received.value, context: revoked() } as never), 'snapshot.context');
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, tracked: revoked() } } as never), 'snapshot.context');
  });

  it('sparse arrays: never taken for options or snapshots, and holes inside are named', () => {
    // eslint-disable-next-line no-sparse-arrays
    throughEverySurface(() => [, , ,], {});
    // eslint-disable-next-line no-sparse-arrays
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, tracked: [, ,] } } as never), 'snapshot.context.tracked.0');
    const definition = { points: new Array(2), outcomesSought: ['x'] };
    expectInvalid(() => model.eventsFrom({ value: received.value, context: { ...received.context, definition } } as never), 'snapshot.context.definition.points.0');
    // eslint-disable-next-line no-sparse-arrays
    const policy = { ...policies.code2024, timers: [, ,] };
    const outcome = attempt(() => createComplaintTestModel({ policy: policy as never }));
    expect(outcome.threw && isInvalidPolicyError((outcome as { error: unknown }).error)).toBe(true);
  });

  it('frozen objects: used as they are, never changed', () => {
    const options = deepFreeze({ region: 'scotland' as const, start: '2024-12-27T10:00:00Z', complaintId: 'C-9', policy: deepFreeze(plain(policies.peaksPlainsV4)), enforceCode: true });
    const m = createComplaintTestModel(options as never);
    const paths = m.simplePaths(deepFreeze({ maxEvents: 2, maxPaths: 100 }));
    expect(paths[0]!.events[0]).toMatchObject({ complaint: { id: 'C-9', region: 'scotland' } });
    const frozen = deepFreeze({ value: plain(received.value), context: plain(received.context) }) as unknown as ComplaintSnapshot;
    expect(model.eventsFrom(frozen)).toEqual(receivedEvents);
    throughEverySurface(() => Object.freeze({ maxEvents: 2 }), {
      'createComplaintTestModel(options)': 'options.maxEvents',
      'model.simplePaths(options)': (answer) => expect((answer as ComplaintPath[]).map((p) => p.description)).toEqual(model.simplePaths({ maxEvents: 2 }).map((p) => p.description)),
      'model.eventsFrom(snapshot)': 'snapshot.value',
    });
    expect(createComplaintTestModel(Object.freeze({})).eventsFrom(received)).toEqual(receivedEvents);
  });

  it('shortestPaths takes no argument: anything passed is ignored, and the paths are the usual ones', () => {
    const hostile = [revoked(), trapsThrow(), throwing('x'), null, 5, 'x', [, ,]]; // eslint-disable-line no-sparse-arrays
    const paths = (model.shortestPaths as (...args: unknown[]) => ComplaintPath[])(...hostile);
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.map((p) => p.description)).toContain('received -> acknowledged day 2 -> responded -> escalated -> stage 2 acknowledged day 2 -> final response');
    for (const p of paths.slice(0, 50)) expect(replay(model.machine, p.events).rejected).toEqual([]);
  });
});
