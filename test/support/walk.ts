/**
 * Random walks through the complaint machine for property tests: each instruction picks a realistic
 * event (from the test model's event source) or a mischievous one (out of order, duplicated,
 * tampered, malformed), so sequences shrink to small readable counterexamples.
 */
import { fc } from '@fast-check/vitest';
import { createActor } from 'xstate';
import { samples } from '../../examples/letters/samples.js';
import { explain, type ComplaintEvent, type ComplaintMachine, type ComplaintSnapshot } from '../../src/machine/index.js';
import { eventProblems } from '../../src/machine/events.js';

export interface Instruction {
  kind: 'realistic' | 'backwards' | 'duplicate' | 'same-handler' | 'bad-letter' | 'random-extend' | 'random-tick' | 'malformed';
  pick: number;
  days: number;
}

export const instruction: fc.Arbitrary<Instruction> = fc.record({
  kind: fc.constantFrom<Instruction['kind']>('realistic', 'realistic', 'realistic', 'realistic', 'backwards', 'duplicate', 'same-handler', 'bad-letter', 'random-extend', 'random-tick', 'malformed'),
  pick: fc.nat({ max: 20 }),
  days: fc.integer({ min: -40, max: 60 }),
});

const shiftDays = (at: string, days: number) => new Date(Date.parse(at) + days * 86_400_000).toISOString().replace('.000Z', 'Z');

/** Turns an instruction into an event, given what has happened so far. */
export function eventFor(ins: Instruction, snapshot: ComplaintSnapshot, history: ComplaintEvent[], eventsFrom: (s: ComplaintSnapshot) => ComplaintEvent[]): unknown {
  const options = eventsFrom(snapshot);
  const realistic = options.length ? options[ins.pick % options.length]! : { type: 'TICK', at: '2025-01-06T09:00:00Z' };
  const last = snapshot.context.lastEventAt ?? '2025-01-06T09:00:00Z';
  switch (ins.kind) {
    case 'realistic':
      return realistic;
    case 'backwards':
      return { ...realistic, at: shiftDays(last, -Math.abs(ins.days) - 1) };
    case 'duplicate':
      return history.length ? history[ins.pick % history.length] : realistic;
    case 'same-handler':
      return { type: 'ACKNOWLEDGE', at: shiftDays(last, 1), handler: snapshot.context.stage1?.handler ?? 'Sam Patel', definition: snapshot.context.definition ?? (samples.acknowledgement as { definition: unknown }).definition };
    case 'bad-letter': {
      const letter = 'letter' in realistic ? realistic.letter : samples.stage1Response;
      const broken = { ...structuredClone(letter), findings: [] };
      return { type: 'RESPOND', at: shiftDays(last, 1), letter: broken };
    }
    case 'random-extend':
      return {
        type: 'EXTEND',
        at: shiftDays(last, Math.abs(ins.days) % 10),
        until: shiftDays(last, ins.days).slice(0, 10),
        reason: ins.pick % 5 === 0 ? ' ' : 'Survey needed',
        ...(ins.pick % 3 === 0 ? { goodReason: 'Asbestos found' } : {}),
        ombudsmanDetailsGiven: ins.pick % 4 !== 0,
      };
    case 'random-tick':
      return { type: 'TICK', at: shiftDays(last, ins.days) };
    case 'malformed':
      return [{ type: 'TICK' }, { type: 'SHOUT', at: last }, { ...realistic, at: 'yesterday' }, null, { ...realistic, extra: 1 }, { type: 'RECEIVE', at: last, complaint: { id: '', region: 'wales', summary: 'x' } }][ins.pick % 6];
  }
}

export interface Walk {
  events: unknown[];
  snapshots: ComplaintSnapshot[];
  /** Whether explain() allowed each event, decided before it was sent. */
  allowed: boolean[];
}

/** Runs instructions one by one through an actor; never lets an exception escape unnoticed. */
export function walk(machine: ComplaintMachine, instructions: Instruction[], eventsFrom: (s: ComplaintSnapshot) => ComplaintEvent[]): Walk {
  const actor = createActor(machine).start();
  const result: Walk = { events: [], snapshots: [actor.getSnapshot()], allowed: [] };
  const history: ComplaintEvent[] = [];
  for (const ins of instructions) {
    const before = actor.getSnapshot();
    const event = eventFor(ins, before, history, eventsFrom);
    const allowed = eventProblems(event).length === 0 && explain(before, event as ComplaintEvent).allowed;
    // Malformed objects are sent too (the guards must refuse them); only non-objects cannot be sent at all.
    if (typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string') actor.send(event as ComplaintEvent);
    const after = actor.getSnapshot();
    if (after.status === 'error') throw after.error;
    result.events.push(event);
    result.snapshots.push(after);
    result.allowed.push(allowed);
    if (allowed) history.push(event as ComplaintEvent);
  }
  actor.stop();
  return result;
}
