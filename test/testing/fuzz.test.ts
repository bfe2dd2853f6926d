/**
 * The boundaries under fuzzing: malformed events, snapshots with flipped fields, truncated JSON,
 * other machine versions, huge strings and `__proto__` keys. Each gets a typed error with a clear
 * message, and nothing is half-applied.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { isHousingComplaintsError } from '../../src/errors.js';
import { createComplaintMachine, MACHINE_VERSION, isMalformedEventError, isSnapshotRestoreError, replay, restore, serialize } from '../../src/machine/index.js';
import { throughBothStages } from '../support/complaint.js';
import { eventProblems } from '../../src/machine/events.js';

const SCALE = Number(process.env.HC_PROPERTY_SCALE ?? 1);
const machine = createComplaintMachine();
const stored = serialize(replay(machine, throughBothStages()).snapshot);
const tried = { events: 0, snapshots: 0, restoredUnchanged: 0 };

/** Every path to a leaf of a JSON value. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return [path];
}
const storedLeaves = leaves(JSON.parse(stored));

describe('malformed events', () => {
  test.prop([fc.anything({ withObjectString: true, withNullPrototype: true })], { numRuns: Math.round(1500 * SCALE) })('throw MalformedEventError from replay, with nothing applied', (value) => {
    tried.events++;
    const before = replay(machine, throughBothStages().slice(0, 2)).snapshot;
    try {
      const { snapshot, rejected } = replay(machine, [value], { from: before });
      // Only a well-formed event gets this far: refused and unchanged, or accepted and recorded.
      expect(eventProblems(value)).toEqual([]);
      if (rejected.length > 0) expect(snapshot).toBe(before);
      else expect(snapshot.context.lastEventAt).toBe((value as { at: string }).at);
    } catch (error) {
      expect(isMalformedEventError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^Event 0: malformed/);
    }
  });

  // Huge strings that stay huge after trimming (one of spaces around a single character is valid text).
  const huge = fc.constantFrom('x'.repeat(20_001), 'é'.repeat(30_000), `${' '.repeat(10)}${'word '.repeat(8_000)}`, '\u{1F3E0}'.repeat(25_000));
  test.prop([fc.constantFrom('type', 'at', 'complaint', 'handler', 'letter'), fc.oneof(huge, fc.constant({ __proto__: { polluted: true } }), fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')))], {
    numRuns: Math.round(300 * SCALE),
  })('refuse huge strings and __proto__ payloads without polluting anything', (field, value) => {
    tried.events++;
    const event = { ...throughBothStages()[1], [field]: value };
    expect(() => replay(machine, [throughBothStages()[0], event])).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('stored snapshots', () => {
  test.prop([fc.nat({ max: stored.length - 1 })], { numRuns: Math.round(1000 * SCALE) })('truncated JSON is refused with a typed error', (cut) => {
    tried.snapshots++;
    try {
      restore(machine, stored.slice(0, cut));
      expect.unreachable();
    } catch (error) {
      expect(isSnapshotRestoreError(error)).toBe(true);
    }
  });

  test.prop([fc.constantFrom(...storedLeaves), fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 12 }), fc.boolean(), fc.constant('2025-02-30'), fc.constant({}))], { numRuns: Math.round(2000 * SCALE) })(
    'a flipped field either restores exactly what was stored or throws a typed error',
    (path, value) => {
      tried.snapshots++;
      const data = JSON.parse(stored);
      let target = data;
      for (const key of path.slice(0, -1)) target = target[key];
      target[path.at(-1)!] = value;
      const json = JSON.stringify(data);
      try {
        const restored = restore(machine, json);
        tried.restoredUnchanged++;
        expect(serialize(restored)).toBe(json);
      } catch (error) {
        expect(isSnapshotRestoreError(error)).toBe(true);
        expect((error as Error).message).toMatch(/^Cannot restore the complaint snapshot: /);
      }
    },
  );

  test.prop([fc.oneof(fc.integer(), fc.string(), fc.constant(null))], { numRuns: Math.round(200 * SCALE) })('another machine version is refused', (version) => {
    tried.snapshots++;
    const data = { ...JSON.parse(stored), version };
    // The current version, and version 1 (migrated), are read.
    if (version === MACHINE_VERSION || version === 1) return;
    expect(() => restore(machine, data)).toThrow(/version/);
  });

  test.prop([fc.anything()], { numRuns: Math.round(500 * SCALE) })('anything at all is refused with a typed error, never a crash', (value) => {
    tried.snapshots++;
    try {
      restore(machine, value as string);
    } catch (error) {
      expect(isHousingComplaintsError(error)).toBe(true);
    }
  });
});

afterAll(() => {
  console.log(`fuzz: ${tried.events} events and ${tried.snapshots} stored snapshots tried; ${tried.restoredUnchanged} flipped snapshots were still valid and restored exactly`);
});
