/**
 * Two copies of the package in one process: an app that imports the ESM build while a dependency
 * requires the CommonJS one. A snapshot crossing between copies of one version is read as if it had
 * never left; one from another version is refused with a message that names the cause and the fix.
 * (`test/package/install.test.ts` does the same with the real ESM and CommonJS builds.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import * as first from '../../src/index.js';

async function secondCopy(): Promise<typeof first> {
  vi.resetModules();
  const entry: string = '../../src/index.js';
  return (await import(entry)) as typeof first;
}

const events = [
  { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Damp in the bedroom' } },
  { type: 'TICK', at: '2025-01-20T09:00:00Z' },
] as const;

describe('a snapshot passed between two copies of the package', () => {
  it('the second copy is really another module instance, with its own error classes', async () => {
    const second = await secondCopy();
    expect(second.createComplaintMachine).not.toBe(first.createComplaintMachine);
    expect(second.ForeignMachineError).not.toBe(first.ForeignMachineError);
  });

  it('explain, describeComplaint, nextEvents and restore of the other copy read it as their own', async () => {
    const second = await secondCopy();
    const machine = first.createComplaintMachine();
    const { snapshot } = first.replay(machine, events);
    const escalate = { type: 'ESCALATE', at: '2025-01-21T09:00:00Z' } as const;
    expect(second.explain(snapshot, escalate)).toEqual(first.explain(snapshot, escalate));
    expect(second.describeComplaint(snapshot)).toEqual(first.describeComplaint(snapshot));
    expect(second.describeComplaint(snapshot).overdue).toEqual(['stage1.acknowledge']);
    expect(second.nextEvents(snapshot)).toEqual(first.nextEvents(snapshot));
    const restored = second.restore(machine, first.serialize(snapshot));
    expect(restored.context).toEqual(snapshot.context);
    expect(second.replay(machine, [], { from: restored }).snapshot.context).toEqual(snapshot.context);
  });

  it('a machine from another version is refused, naming both versions, the cause and the fix', async () => {
    const second = await secondCopy();
    const { snapshot } = first.replay(first.createComplaintMachine(), events);
    const brand = Symbol.for('housing-complaints.machine');
    const env = (snapshot.machine as unknown as Record<symbol, { env: unknown }>)[brand]!.env;
    const machine = Object.defineProperty(Object.create(snapshot.machine), brand, { value: { version: '0.0.9', env } });
    const older = { ...snapshot, machine } as typeof snapshot;
    let caught: unknown;
    try {
      second.explain(older, { type: 'TICK', at: '2025-01-21T09:00:00Z' });
    } catch (error) {
      caught = error;
    }
    expect(first.isForeignMachineError(caught)).toBe(true);
    const error = caught as InstanceType<typeof first.ForeignMachineError>;
    expect(error.foundVersion).toBe('0.0.9');
    expect(error.message).toContain(`housing-complaints 0.0.9, but this copy is ${first.VERSION}`);
    expect(error.message).toMatch(/two versions of the package are loaded in one process/);
    expect(error.message).toMatch(/npm ls housing-complaints/);
    expect(() => second.restore(older.machine, first.serialize(snapshot))).toThrow(/0\.0\.9/);
    expect(() => second.describeComplaint(older)).toThrow(second.ForeignMachineError);
  });

  it('a snapshot of some other machine is refused with a typed error, not a TypeError', async () => {
    const { createMachine } = await import('xstate');
    const other = createMachine({}).getInitialSnapshot({} as never) as unknown as first.ComplaintSnapshot;
    expect(() => first.explain(other, { type: 'TICK', at: '2025-01-06T09:00:00Z' })).toThrow(/explain takes a machine made by createComplaintMachine/);
    expect(() => first.describeComplaint(null as never)).toThrow(first.ForeignMachineError);
    expect(() => first.restore({} as never, '{}')).toThrow(/restore takes a machine made by createComplaintMachine/);
  });

  it('hostile objects in place of a snapshot or machine get the same typed error, never a crash', () => {
    const brand = Symbol.for('housing-complaints.machine');
    const throwing = new Proxy({}, { get: () => { throw new Error('boom'); } });
    const hostile: unknown[] = [
      throwing,
      { machine: throwing },
      Object.defineProperty({}, 'machine', { get: () => { throw new Error('boom'); } }),
      { machine: { [brand]: throwing } },
      { machine: { [brand]: { version: 1, env: {} } } },
      { machine: { [brand]: { version: first.VERSION } } },
      { machine: { [brand]: null } },
      // A forged brand without what a machine is made with.
      { machine: { [brand]: { version: first.VERSION, env: {} } } },
      { machine: { root: {}, [brand]: { version: first.VERSION, env: { policy: null, calendar: () => {} } } } },
    ];
    hostile.push(...hostile.slice(3).map((value) => (value as { machine: unknown }).machine));
    for (const value of hostile) {
      expect(() => first.explain(value as never, { type: 'TICK', at: '2025-01-06T09:00:00Z' })).toThrow(first.ForeignMachineError);
      expect(() => first.describeComplaint(value as never)).toThrow(first.ForeignMachineError);
      expect(() => first.nextEvents(value as never)).toThrow(first.ForeignMachineError);
      expect(() => first.restore(value as never, '{}')).toThrow(first.ForeignMachineError);
    }
  });

  it('what a machine was made with cannot be changed through its brand', () => {
    const machine = first.createComplaintMachine();
    const brand = (machine as unknown as Record<symbol, { env: { calendar: unknown; policy: { stage1: { respondWithin: number } } } }>)[Symbol.for('housing-complaints.machine')]!;
    expect(() => {
      brand.env.calendar = () => undefined;
    }).toThrow(TypeError);
    expect(() => {
      brand.env.policy.stage1.respondWithin = 99;
    }).toThrow(TypeError);
    expect(Object.keys(machine)).not.toContain(String(Symbol.for('housing-complaints.machine')));
    expect(Object.getOwnPropertyDescriptor(machine, Symbol.for('housing-complaints.machine'))).toMatchObject({ writable: false, enumerable: false, configurable: false });
    const { snapshot } = first.replay(machine, events);
    expect(snapshot.context.stage1?.acknowledgeBy).toBe('2025-01-13');
  });

  it('VERSION is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(first.VERSION).toBe(pkg.version);
  });
});
