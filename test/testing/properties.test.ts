/**
 * Property-based tests: thousands of random event sequences per run (valid, out of order,
 * duplicated, tampered, malformed), with the machine's invariants checked after every step.
 * `npm run soak` runs ten times as many (HC_PROPERTY_SCALE=10).
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { createWorkingDayCalendar, toUkDate, type Region } from '../../src/calendar/index.js';
import { LETTER_KINDS, validateLetter } from '../../src/letters/index.js';
import { draftLetter, explain, projectTimeline, step, worklist, isMalformedEventError, policies, replay, restore, serialize, type ComplaintEvent, type ComplaintSnapshot } from '../../src/machine/index.js';
import { eventProblems } from '../../src/machine/events.js';
import { createComplaintTestModel } from '../../src/testing/index.js';
import { instruction, walk } from '../support/walk.js';

const SCALE = Number(process.env.HC_PROPERTY_SCALE ?? 1);
const runs = (n: number) => Math.round(n * SCALE);
const model = createComplaintTestModel();
const machine = model.machine;
const calendars = new Map<Region, ReturnType<typeof createWorkingDayCalendar>>();
const calendarOf = (region: Region) => calendars.get(region) ?? calendars.set(region, createWorkingDayCalendar({ region })).get(region)!;
const counts = { sequences: 0, events: 0, accepted: 0, refused: 0, malformed: 0 };
const sequences = fc.array(instruction, { minLength: 1, maxLength: 14 });

function checkInvariants(snapshot: ComplaintSnapshot): void {
  const { context } = snapshot;
  // Never more than two stages, never a stage 0.
  expect(Object.keys(snapshot.value)).toEqual(['process', 'ombudsman', 'hazard']);
  const process = JSON.stringify((snapshot.value as { process: unknown }).process);
  expect(process).toMatch(/^"(new|received)"$|^\{"(stage1|stage2|closed)":"\w+"\}$/);
  // The stage 2 handler is never the stage 1 handler.
  if (context.stage1?.handler && context.stage2?.handler) {
    expect(context.stage2.handler.trim().toLowerCase()).not.toBe(context.stage1.handler.trim().toLowerCase());
  }
  // No response without a valid letter of its stage.
  for (const [stage, kind] of [[context.stage1, 'stage1-response'], [context.stage2, 'stage2-response']] as const) {
    if (stage?.respondedOn) expect(context.letters.some((l) => l.kind === kind)).toBe(true);
  }
  for (const letter of context.letters) expect(validateLetter(letter).ok).toBe(true);
  if (!context.complaint) return;
  const calendar = calendarOf(context.complaint.region as Region);
  for (const [name, stage, limit] of [['stage1', context.stage1, 10], ['stage2', context.stage2, 20]] as const) {
    if (!stage) continue;
    // Every computed deadline is a working day of the division.
    for (const date of [stage.acknowledgeBy, stage.respondBy, stage.originalRespondBy]) if (date) expect(calendar.isWorkingDay(date), `${name} ${date}`).toBe(true);
    // An extension never exceeds the limit without a recorded good reason.
    if (stage.respondBy && stage.originalRespondBy && !stage.extensions.some((e) => e.goodReason)) {
      expect(calendar.workingDaysBetween(stage.originalRespondBy, stage.respondBy)).toBeLessThanOrEqual(limit);
    }
  }
  for (const timer of context.timers) expect(calendar.isWorkingDay(timer.due)).toBe(true);
}

describe('the machine under any sequence of events', () => {
  test.prop([sequences], { numRuns: runs(6000) })('never throws, agrees with explain, leaves refused events unchanged, and keeps every invariant', (instructions) => {
    const result = walk(machine, instructions, (s) => model.eventsFrom(s));
    counts.sequences++;
    result.events.forEach((event, i) => {
      counts.events++;
      const before = result.snapshots[i]!;
      const after = result.snapshots[i + 1]!;
      if (eventProblems(event).length > 0) {
        counts.malformed++;
        // Sent to the actor anyway: the guards refuse it and nothing changes. step() answers, never throws.
        expect(after).toBe(before);
        const stepped = step(machine, before, event as ComplaintEvent);
        expect(stepped.accepted).toBe(false);
        expect(stepped.snapshot).toBe(before);
        expect(stepped.reasons.length).toBeGreaterThan(0);
        expect(() => replay(machine, [event], { from: before })).toThrow();
        try {
          replay(machine, [event], { from: before });
        } catch (error) {
          expect(isMalformedEventError(error)).toBe(true);
        }
        return;
      }
      // The pure step gives what the actor did, with the same verdict.
      const stepped = step(machine, before, event as ComplaintEvent);
      expect(stepped.accepted).toBe(result.allowed[i]);
      // (Compared as JSON: the record is plain JSON, and a deep toEqual on every step is slow.)
      if (JSON.stringify(stepped.snapshot.context) !== JSON.stringify(after.context)) expect(stepped.snapshot.context).toEqual(after.context);
      // explain() decided before the event was sent; the machine must agree.
      if (result.allowed[i]) {
        counts.accepted++;
        expect(after).not.toBe(before);
        expect(after.context.lastEventAt).toBe((event as { at: string }).at);
        // Every letter the event put on the record is dated the UK day of that event (5.12).
        for (const letter of after.context.letters.slice(before.context.letters.length)) expect(letter.sentOn).toBe(toUkDate((event as { at: string }).at));
      } else {
        counts.refused++;
        expect(after).toBe(before);
        expect(after.context).toEqual(before.context);
        // Every refusal, of any event in any state, is answered with at least one reason.
        const why = explain(before, event as ComplaintEvent);
        expect(why.allowed).toBe(false);
        expect(why.reasons.length).toBeGreaterThan(0);
        for (const reason of why.reasons) expect(reason.message.trim()).not.toBe('');
      }
      checkInvariants(after);
    });
    // A safety net, not a timing: 6,000 random sequences take about 45 s alone, longer on a loaded 2-core machine.
  }, 180_000);

  test.prop([sequences], { numRuns: runs(2000) })('replay of any prefix equals the step-by-step result', (instructions) => {
    const result = walk(machine, instructions, (s) => model.eventsFrom(s));
    counts.sequences++;
    const valid = result.events.filter((event) => eventProblems(event).length === 0);
    const steps = result.snapshots.filter((_, i) => i === 0 || eventProblems(result.events[i - 1]).length === 0);
    for (let k = 0; k <= valid.length; k++) {
      const replayed = replay(machine, valid.slice(0, k)).snapshot;
      expect(replayed.value).toEqual(steps[k]!.value);
      expect(replayed.context).toEqual(steps[k]!.context);
    }
  });

  test.prop([sequences], { numRuns: runs(2000) })('restore(serialize(s)) equals s for every snapshot reached', (instructions) => {
    const result = walk(machine, instructions, (s) => model.eventsFrom(s));
    counts.sequences++;
    for (const snapshot of new Set(result.snapshots)) {
      const restored = restore(machine, serialize(snapshot));
      expect(restored.value).toEqual(snapshot.value);
      expect(restored.context).toEqual(snapshot.context);
    }
  });

  test.prop([sequences], { numRuns: runs(1000) })('the views never throw on a snapshot the machine made: worklist, draftLetter, projectTimeline', (instructions) => {
    const result = walk(machine, instructions, (s) => model.eventsFrom(s));
    counts.sequences++;
    const reached = [...new Set(result.snapshots)];
    const last = reached.at(-1)!;
    const now = last.context.lastEventAt ?? '2025-01-06T09:00:00Z';
    for (const entry of worklist(reached, { now })) expect(entry.overdue ? entry.workingDaysLeft <= 0 : entry.workingDaysLeft >= 0).toBe(true);
    for (const snapshot of reached) {
      if (!snapshot.context.complaint) continue;
      expect(projectTimeline(snapshot).acknowledgeBy).toBe(snapshot.context.stage1?.acknowledgeBy);
      for (const kind of LETTER_KINDS) expect(draftLetter(snapshot, kind).complaintId).toBe(snapshot.context.complaint.id);
    }
  });
});

afterAll(() => {
  console.log(
    `property suite: ${counts.sequences} sequences, ${counts.events} events in the invariant run (${counts.accepted} accepted, ${counts.refused} refused, ${counts.malformed} malformed)`,
  );
});

// A machine under another policy keeps the same invariants.
describe('Peaks & Plains as written', () => {
  const pp = createComplaintTestModel({ enforceCode: false, policy: policies.peaksPlainsV4 });
  test.prop([sequences], { numRuns: runs(300) })('keeps every invariant', (instructions) => {
    const result = walk(pp.machine, instructions, (s) => pp.eventsFrom(s));
    counts.sequences++;
    for (const snapshot of result.snapshots) checkInvariants(snapshot);
  });
});
