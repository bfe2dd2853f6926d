/**
 * Nothing accepted that cannot be stored: for every event the machine accepts, in every generated
 * sequence, under several policies and calendars, `restore(serialize(s))` succeeds and gives back
 * `s`, and every view answers on it. The events are realistic ones from the test model with odd
 * values put into their text, ids and dates: the values an adversarial run tries first.
 * `npm run soak` runs ten times as many (HC_PROPERTY_SCALE=10).
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { createWorkingDayCalendar } from '../../src/calendar/index.js';
import {
  createComplaintMachine,
  describeComplaint,
  draftLetter,
  nextEvents,
  policies,
  projectTimeline,
  replay,
  restore,
  serialize,
  step,
  worklist,
  type ComplaintEvent,
  type ComplaintMachine,
  type ComplaintSnapshot,
} from '../../src/machine/index.js';
import { createComplaintTestModel } from '../../src/testing/index.js';

const SCALE = Number(process.env.HC_PROPERTY_SCALE ?? 1);
const runs = (n: number) => Math.round(n * SCALE);

const closures = createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2025-01-08', '2025-02-14'], extraHolidays: [{ date: '2025-03-03', name: 'Founders day' }] });
const machines: Record<string, ComplaintMachine> = {
  code: createComplaintMachine(),
  peaksPlainsEnforced: createComplaintMachine({ policy: policies.peaksPlainsV4 }),
  peaksPlainsAsWritten: createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false }),
  closures: createComplaintMachine({ calendar: (region) => (region === 'england-and-wales' ? closures : createWorkingDayCalendar({ region })) }),
};
const codeModel = createComplaintTestModel();
/** The test model's realistic events for each machine (the closures machine takes the Code's: some of its letters then promise the wrong date, and are refused). */
const models = {
  code: codeModel,
  peaksPlainsEnforced: createComplaintTestModel({ policy: policies.peaksPlainsV4 }),
  peaksPlainsAsWritten: createComplaintTestModel({ policy: policies.peaksPlainsV4, enforceCode: false }),
  closures: codeModel,
} as Record<string, ReturnType<typeof createComplaintTestModel>>;

/** Values an attacker tries in text, ids and dates. */
const ODD_TEXT = [
  '---', '...', '?!', '\u200B', '\u2060', ' ', '', '\u3164', 'x'.repeat(20_001), 'x'.repeat(19_995), 'é'.repeat(20_000),
  'Ｓａｍ Ｐａｔｅｌ', 'Sam Patel\u200B', '\u2060Sam Patel', 'SAM  PATEL', '\u202Eevil', '\u001b[31mred', 'a\u0000b', 'line\nbreak',
  '💧'.repeat(12), '__proto__', 'constructor', 'toString', 's1-remedy-1',
];
const ODD_DATES = ['9999-06-01', '0900-01-01', '2150-01-01', '1999-12-31', '2100-12-31', '2000-01-01', '2024-02-30', '2025-01-05'];

type Mutation = { path: number; value: number; kind: 'text' | 'date' | 'number' | 'none' };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.nat({ max: 400 }),
  value: fc.nat({ max: 400 }),
  kind: fc.constantFrom<Mutation['kind']>('none', 'none', 'text', 'text', 'date', 'number'),
});

/** Every leaf of `value` of a kind, with a setter: the strings (not `type` or `at`), the ISO dates, the numbers. */
function leaves(value: unknown, kind: Mutation['kind']): ((replacement: unknown) => void)[] {
  const found: ((replacement: unknown) => void)[] = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, inner] of Object.entries(node)) {
      if (key === 'type' || key === 'at' || key === 'kind') continue;
      const set = (replacement: unknown) => ((node as Record<string, unknown>)[key] = replacement);
      const isDate = typeof inner === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(inner);
      if ((kind === 'text' && typeof inner === 'string' && !isDate) || (kind === 'date' && isDate) || (kind === 'number' && typeof inner === 'number')) found.push(set);
      walk(inner);
    }
  };
  walk(value);
  return found;
}

function mutated(event: ComplaintEvent, m: Mutation): unknown {
  if (m.kind === 'none') return event;
  const copy = structuredClone(event);
  const targets = leaves(copy, m.kind);
  if (targets.length === 0) return event;
  const pool = m.kind === 'text' ? ODD_TEXT : m.kind === 'date' ? ODD_DATES : [-1, 0, 0.5, 1e9, -0, 2 ** 53, 1e-9];
  targets[m.path % targets.length]!(pool[m.value % pool.length]);
  return copy;
}

const counts = { sequences: 0, events: 0, accepted: 0, refused: 0, restored: 0 };

/** What a snapshot holds that must survive storage: its state and its whole record. */
const stored = (snapshot: ComplaintSnapshot) => ({ value: snapshot.value, context: snapshot.context });

function checkRoundTrip(machine: ComplaintMachine, snapshot: ComplaintSnapshot): void {
  const restored = restore(machine, serialize(snapshot));
  expect(stored(restored)).toEqual(stored(snapshot));
  // Restoring again from the object (not the string) gives the same, and shares nothing with it.
  const object = JSON.parse(serialize(snapshot));
  const again = restore(machine, object);
  expect(stored(again)).toEqual(stored(snapshot));
  expect(again.context).not.toBe(object.context);
  counts.restored += 1;
}

function checkViews(snapshot: ComplaintSnapshot): void {
  // A view never throws on a snapshot the machine made.
  expect(() => describeComplaint(snapshot, { now: '2025-06-01' })).not.toThrow();
  expect(Array.isArray(nextEvents(snapshot))).toBe(true);
  expect(Array.isArray(worklist([snapshot], { now: '2025-06-01' }))).toBe(true);
  expect(() => projectTimeline(snapshot)).not.toThrow();
  for (const kind of ['acknowledgement', 'stage1-response', 'extension-notice'] as const) {
    expect(() => draftLetter(snapshot, kind)).not.toThrow();
  }
}

describe('every accepted event leaves a record that restores to itself', () => {
  afterAll(() => {
    // The walks must accept a good share of events, or the property proves little.
    expect(counts.accepted).toBeGreaterThan(counts.sequences);
    console.info(`accept/restore: ${counts.sequences} sequences, ${counts.events} events, ${counts.accepted} accepted and restored (${counts.restored} round trips), ${counts.refused} refused`);
  });

  test.prop([fc.constantFrom(...Object.keys(machines)), fc.array(fc.tuple(fc.nat({ max: 50 }), mutation), { minLength: 1, maxLength: 16 })], { numRuns: runs(300) })(
    'restore(serialize(s)) equals s after every accepted event',
    (name, plan) => {
      const machine = machines[name]!;
      const model = models[name]!;
      counts.sequences += 1;
      let snapshot = replay(machine, []).snapshot;
      checkRoundTrip(machine, snapshot);
      for (const [pick, m] of plan) {
        const options = model.eventsFrom(snapshot);
        if (options.length === 0) break;
        const event = mutated(options[pick % options.length]!, m);
        const result = step(machine, snapshot, event as ComplaintEvent);
        counts.events += 1;
        if (!result.accepted) {
          counts.refused += 1;
          expect(result.snapshot).toBe(snapshot);
          expect(result.reasons.length).toBeGreaterThan(0);
          continue;
        }
        counts.accepted += 1;
        snapshot = result.snapshot;
        checkRoundTrip(machine, snapshot);
        checkViews(snapshot);
      }
    },
  );
});

describe('the examples the adversarial run reported', () => {
  const machine = machines.code!;
  const model = models.code!;
  /** The first realistic event of `type` in a walk of the model, then `change` applied to a copy. */
  function reach(type: ComplaintEvent['type']): { snapshot: ComplaintSnapshot; event: ComplaintEvent } {
    let snapshot = replay(machine, []).snapshot;
    for (let i = 0; i < 40; i++) {
      const options = model.eventsFrom(snapshot);
      const wanted = options.find((e) => e.type === type);
      if (wanted) return { snapshot, event: structuredClone(wanted) };
      const order = ['RECEIVE', 'ACKNOWLEDGE', 'RESPOND', 'ESCALATE'];
      const next = options.find((e) => e.type === order.find((t) => options.some((o) => o.type === t))) ?? options[0]!;
      snapshot = step(machine, snapshot, next).snapshot;
    }
    throw new Error(`no ${type} reached`);
  }

  test.each([
    ['a remedy id of only symbols', 'OFFER_REMEDY', (e: any) => (e.remedy.id = '---')],
    ['a remedy id of 19,995 characters (its breach name would pass 20,000)', 'OFFER_REMEDY', (e: any) => (e.remedy.id = 'r'.repeat(19_995))],
    ['an escalation explanation of only symbols', 'ESCALATE', (e: any) => (e.explanation = '?!')],
    ['an escalation explanation over 20,000 characters', 'ESCALATE', (e: any) => (e.explanation = 'why '.repeat(5_001))],
    ['a remedy due after the calendar ends', 'OFFER_REMEDY', (e: any) => (e.remedy.dueOn = '2150-01-01')],
  ])('%s: refused, or accepted and restorable', (_name, type, change) => {
    const { snapshot, event } = reach(type as ComplaintEvent['type']);
    change(event);
    const result = step(machine, snapshot, event);
    if (result.accepted) checkRoundTrip(machine, result.snapshot);
    else expect(result.reasons.length).toBeGreaterThan(0);
    // Either way, never a record that cannot be opened again.
    checkRoundTrip(machine, result.snapshot);
    checkViews(result.snapshot);
  });

  test.each([['...'], ['\u200B'], ['x'.repeat(20_001)]])('a deprecated extension with the reason %j is refused', (reason) => {
    const { snapshot, event } = reach('EXTEND');
    const until = (event as { letter: { newRespondBy: string } }).letter.newRespondBy;
    const result = step(machine, snapshot, { type: 'EXTEND', at: event.at, until, reason, ombudsmanDetailsGiven: true });
    expect(result.accepted).toBe(false);
    expect(result.reasons.map((r) => r.message).join(' ')).toMatch(/reason/i);
  });
});
