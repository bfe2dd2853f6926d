/**
 * The machine checks a new record incrementally (only what changed since the last valid one);
 * `restore` checks it whole. Both must give the same verdict, or the machine could accept what
 * restore refuses. Each leaf of machine-made records is changed to an odd value and both checks
 * are asked.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createComplaintMachine, replay, type ComplaintContext } from '../../src/machine/index.js';
import { machineEnv } from '../../src/machine/machine.js';
import { recordProblems } from '../../src/machine/record.js';
import { acknowledge, escalate, extend, receive, respond1, throughBothStages } from '../support/complaint.js';

const SCALE = Number(process.env.HC_PROPERTY_SCALE ?? 1);
const machine = createComplaintMachine();
const env = machineEnv(machine, 'test');
const records = [
  replay(machine, [receive(), acknowledge(), extend('2025-01-06T10:00:00Z', '2025-01-14'), respond1('2025-01-10T15:00:00Z'), escalate()]).snapshot.context,
  replay(machine, [...throughBothStages(), { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' }, { type: 'OMBUDSMAN_DETERMINATION', at: '2025-09-01T10:00:00Z', findings: [{ element: 'Repairs', finding: 'maladministration' }] }]).snapshot.context,
];
const ODD = ['', '---', 'x'.repeat(20_001), '2025-02-30', 5, -1, null, [], {}, true, '\u202Eevil', '2150-01-01'];

/** Every leaf's parent and key, copying each object on the way down (as the machine's actions do). */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.length === 0 ? [path] : entries.flatMap(([key, inner]) => leafPaths(inner, [...path, key]));
}

/** `record` with the value at `path` replaced, sharing everything off the path (structural sharing). */
function changed(record: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(record) ? [...record] : { ...(record as object) }) as Record<string | number, unknown>;
  copy[head!] = changed(copy[head!], rest, value);
  return copy;
}

describe('the incremental check and the whole check agree', () => {
  test.prop([fc.nat({ max: records.length - 1 }), fc.nat(), fc.nat({ max: ODD.length - 1 })], { numRuns: Math.round(2000 * SCALE) })('on a record with one leaf changed', (which, leaf, odd) => {
    const base = records[which]!;
    const paths = leafPaths(base).filter((p) => p.length > 0);
    const next = changed(base, paths[leaf % paths.length]!, ODD[odd]) as ComplaintContext;
    const whole = recordProblems(next, env).length > 0;
    const incremental = recordProblems(next, env, base).length > 0;
    expect(incremental).toBe(whole);
  });
});
