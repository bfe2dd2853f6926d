/**
 * Awaab's Law beside a complaint: the hazard region of the one statechart. Its deadlines run on
 * their own clock (24 clock hours for an emergency, working days otherwise), appear with the
 * complaint's in describeComplaint, the work queue and the record, and are kept and restored with it.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../src/calendar/index.js';
import { hazardDeadlines } from '../../src/hazards/index.js';
import {
  createComplaintMachine,
  describeComplaint,
  explain,
  nextEvents,
  policies,
  replay,
  restore,
  serialize,
  worklist,
  type ComplaintEvent,
} from '../../src/machine/index.js';
import { toRecord, parseRecord, annualReport } from '../../src/reporting/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { acknowledge, receive } from '../support/complaint.js';

const machine = createComplaintMachine();
const england = createWorkingDayCalendar({ region: 'england-and-wales' });

// Received and acknowledged in December 2025, after Awaab's Law came into force (27 October 2025).
const received = receive('2025-12-01T09:00:00Z');
const acknowledged = acknowledge('2025-12-02T10:00:00Z');
const damp: ComplaintEvent = { type: 'REPORT_HAZARD', at: '2025-12-08T09:00:00Z', hazard: { type: 'damp-and-mould', category: 'significant', description: 'Black mould on the bedroom wall' } };
// An emergency on a Friday afternoon: its 24 hours run through the Saturday.
const wires: ComplaintEvent = { type: 'REPORT_HAZARD', at: '2025-11-14T16:30:00Z', hazard: { type: 'electrical-hazards', category: 'emergency', description: 'Exposed live wires by the sink' } };
const run = (events: ComplaintEvent[]) => replay(machine, events);

describe('a significant hazard (damp and mould) beside the complaint', () => {
  const reported = run([received, acknowledged, damp]);

  it('starts its own track, investigated within 10 working days of awareness', () => {
    expect(reported.rejected).toEqual([]);
    expect(reported.snapshot.value).toEqual({ process: { stage1: 'investigating' }, ombudsman: 'notReferred', hazard: 'reported' });
    const due = england.addWorkingDays('2025-12-08', 10);
    expect(due).toBe('2025-12-22');
    const view = describeComplaint(reported.snapshot);
    expect(view.openDeadlines).toContainEqual({ deadline: 'hazard:significant-investigate', provision: 'reg. 6', due });
    // The complaint's own deadline is still there, beside it.
    expect(view.openDeadlines.map((d) => d.deadline)).toEqual(['stage1.respond', 'hazard:significant-investigate']);
    expect(view.hazard).toMatchObject({ status: 'reported', type: 'damp-and-mould', category: 'significant', phase: 1 });
    expect(reported.snapshot.context.notes.at(-1)?.message).toContain('beside the complaint');
  });

  it('counts the summary, safety work and supplementary work from the investigation’s conclusion, across Christmas', () => {
    const investigated = run([received, acknowledged, damp, { type: 'INVESTIGATE_HAZARD', at: '2025-12-22T15:00:00Z', finding: 'significant' }]);
    expect(investigated.rejected).toEqual([]);
    const expected = hazardDeadlines({ category: 'significant', awareAt: '2025-12-08T09:00:00Z', investigationConcludedAt: '2025-12-22T15:00:00Z', finding: 'significant' });
    const open = describeComplaint(investigated.snapshot).openDeadlines.filter((d) => d.deadline.startsWith('hazard:'));
    expect(open.map((d) => [d.deadline, d.due])).toEqual(expected.filter((d) => d.duty !== 'significant-investigate').map((d) => [`hazard:${d.duty}`, d.due]));
    // 3 working days after Monday 22 December: 23, 24 and (after Christmas and Boxing Day) 29 December.
    expect(open.find((d) => d.deadline === 'hazard:written-summary')?.due).toBe('2025-12-29');
    expect(open.find((d) => d.deadline === 'hazard:supplementary-work-begin')).toMatchObject({ soft: true });
  });

  it('follows each duty through to closing, refusing to close while one is owed', () => {
    const events: ComplaintEvent[] = [received, acknowledged, damp, { type: 'INVESTIGATE_HAZARD', at: '2025-12-22T15:00:00Z', finding: 'significant' }];
    const early = explain(run(events).snapshot, { type: 'CLOSE_HAZARD', at: '2025-12-23T09:00:00Z' });
    expect(early.allowed).toBe(false);
    expect(early.reasons.map((r) => r.provision)).toEqual(['reg. 9', 'reg. 11(2)(a)', 'reg. 13(3)(b)']);
    events.push(
      { type: 'RECORD_HAZARD_WORK', at: '2025-12-23T12:00:00Z', duty: 'written-summary' },
      { type: 'RECORD_HAZARD_WORK', at: '2025-12-30T12:00:00Z', duty: 'significant-safety-work' },
      { type: 'RECORD_HAZARD_WORK', at: '2026-01-05T12:00:00Z', duty: 'supplementary-work-begin' },
      { type: 'CLOSE_HAZARD', at: '2026-01-05T13:00:00Z' },
    );
    const done = run(events);
    expect(done.rejected).toEqual([]);
    expect((done.snapshot.value as { hazard: string }).hazard).toBe('closed');
    // supplementary-work-begin was due 31 December: a target, not a breach (on site within 12 weeks is the limit).
    expect(done.snapshot.context.breaches.filter((b) => b.deadline.startsWith('hazard:'))).toEqual([]);
    expect(describeComplaint(done.snapshot).openDeadlines.some((d) => d.deadline.startsWith('hazard:'))).toBe(false);
    expect(describeComplaint(done.snapshot).hazard?.deadlines.find((d) => d.duty === 'supplementary-work-on-site')?.metAt).toBe('2026-01-05T12:00:00Z');
  });

  it('records a missed working-day deadline as a breach, with its regulation', () => {
    const late = run([received, acknowledged, damp, { type: 'TICK', at: '2025-12-23T08:00:00Z' }]);
    expect(late.snapshot.context.breaches).toContainEqual({ deadline: 'hazard:significant-investigate', provision: 'reg. 6', due: '2025-12-22', recordedOn: '2025-12-23' });
  });

  it('puts the hazard’s deadlines in the morning’s work queue, beside the complaint’s', () => {
    const queue = worklist([reported.snapshot], { now: '2025-12-09' });
    expect(queue.map((e) => e.deadline)).toEqual(['stage1.respond', 'hazard:significant-investigate']);
  });

  it('keeps the hazard in the record, and the record parses', () => {
    const record = toRecord(reported.snapshot)!;
    expect(record.hazard).toEqual({ type: 'damp-and-mould', category: 'significant', phase: 1, awareAt: '2025-12-08T09:00:00Z', deadlines: [{ duty: 'significant-investigate', regulation: 'reg. 6', due: '2025-12-22' }] });
    expect(parseRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('counts the hazard’s missed deadlines in the annual report beside the complaint’s', () => {
    const late = toRecord(run([received, acknowledged, damp, { type: 'TICK', at: '2026-01-05T08:00:00Z' }]).snapshot)!;
    const report = annualReport([late], { period: { from: '2025-04-01', to: '2026-03-31' } });
    expect(report.breaches.byDeadline).toContainEqual({ deadline: 'hazard:significant-investigate', provision: 'reg. 6', count: 1 });
  });
});

describe('an emergency hazard: 24 clock hours, weekends included', () => {
  const reported = run([receive('2025-11-14T10:00:00Z'), wires]);

  it('is due 24 hours after awareness, on the Saturday, not the next working day', () => {
    expect(reported.rejected).toEqual([]);
    expect(describeComplaint(reported.snapshot).openDeadlines.filter((d) => d.deadline.startsWith('hazard:'))).toEqual([
      { deadline: 'hazard:emergency-investigate', provision: "Awaab's Law", due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z' },
      { deadline: 'hazard:emergency-make-safe', provision: 'reg. 5', due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z' },
    ]);
  });

  it('is overdue by the clock, not by the day', () => {
    expect(describeComplaint(reported.snapshot, { now: '2025-11-15T16:00:00Z' }).overdue).toEqual([]);
    expect(describeComplaint(reported.snapshot, { now: '2025-11-15T17:00:00Z' }).overdue).toEqual(['hazard:emergency-investigate', 'hazard:emergency-make-safe']);
  });

  it('records the breach the moment the 24 hours pass, with the instant it was due', () => {
    const before = run([receive('2025-11-14T10:00:00Z'), wires, { type: 'TICK', at: '2025-11-15T16:00:00Z' }]);
    expect(before.snapshot.context.breaches).toEqual([]);
    const after = run([receive('2025-11-14T10:00:00Z'), wires, { type: 'TICK', at: '2025-11-15T16:31:00Z' }]);
    expect(after.snapshot.context.breaches).toEqual([
      { deadline: 'hazard:emergency-investigate', provision: "Awaab's Law", due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z', recordedOn: '2025-11-15' },
      { deadline: 'hazard:emergency-make-safe', provision: 'reg. 5', due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z', recordedOn: '2025-11-15' },
    ]);
    // And the record with it is a record the machine can store and restore.
    expect(restore(machine, serialize(after.snapshot)).context).toEqual(after.snapshot.context);
  });

  it('may be made safe before its investigation concludes, or the household moved out', () => {
    const safe = run([receive('2025-11-14T10:00:00Z'), wires, { type: 'RECORD_HAZARD_WORK', at: '2025-11-14T20:00:00Z', duty: 'emergency-make-safe' }]);
    expect(safe.rejected).toEqual([]);
    expect(describeComplaint(safe.snapshot).openDeadlines.map((d) => d.deadline)).toEqual(['stage1.acknowledge', 'hazard:emergency-investigate']);
    const moved = run([receive('2025-11-14T10:00:00Z'), wires, { type: 'RECORD_HAZARD_WORK', at: '2025-11-14T20:00:00Z', duty: 'alternative-accommodation' }]);
    expect(describeComplaint(moved.snapshot).openDeadlines.map((d) => d.deadline)).toEqual(['stage1.acknowledge', 'hazard:emergency-investigate']);
  });

  it('takes the landlord’s reading of when the make-safe clock starts', () => {
    const reading = createComplaintMachine({ policy: { ...policies.code2024, id: 'identified', hazards: { emergencyMakeSafeFrom: 'safety-work-identified' } } });
    const { snapshot } = replay(reading, [receive('2025-11-14T10:00:00Z'), wires]);
    // Not counted until the safety work is identified.
    expect(describeComplaint(snapshot).openDeadlines.map((d) => d.deadline)).toEqual(['stage1.acknowledge', 'hazard:emergency-investigate']);
  });
});

describe('what is in scope, and where', () => {
  const after = [receive('2025-12-01T09:00:00Z')];
  const report = (type: string, category = 'significant', at = '2025-12-02T09:00:00Z'): ComplaintEvent => ({ type: 'REPORT_HAZARD', at, hazard: { type, category, description: 'Reported by the resident' } }) as ComplaintEvent;

  it('takes damp and mould, and every emergency but overcrowding, from 27 October 2025', () => {
    expect(explain(run(after).snapshot, report('damp-and-mould')).allowed).toBe(true);
    expect(explain(run(after).snapshot, report('excess-cold', 'emergency')).allowed).toBe(true);
    expect(explain(run(after).snapshot, report('crowding-and-space', 'emergency')).allowed).toBe(false);
  });

  it('leaves phase 2 hazards out until the landlord gives the day phase 2 began', () => {
    const snapshot = run([receive('2026-11-02T09:00:00Z')]).snapshot;
    expect(explain(snapshot, report('excess-cold', 'significant', '2026-11-02T10:00:00Z')).reasons[0]?.message).toMatch(/phase 2/i);
    const phased = createComplaintMachine({ policy: { ...policies.code2024, id: 'phased', hazards: { phaseDates: { 2: '2026-10-01' } } } });
    const later = replay(phased, [receive('2026-11-02T09:00:00Z'), report('excess-cold', 'significant', '2026-11-02T10:00:00Z')]);
    expect(later.rejected).toEqual([]);
    expect(describeComplaint(later.snapshot).hazard?.phase).toBe(2);
  });

  it('refuses a hazard the landlord knew of before the Regulations came into force', () => {
    const before: ComplaintEvent = { type: 'REPORT_HAZARD', at: '2025-12-02T09:00:00Z', hazard: { type: 'damp-and-mould', category: 'significant', description: 'Mould', awareAt: '2025-10-20T09:00:00Z' } };
    expect(explain(run(after).snapshot, before).allowed).toBe(false);
  });

  it('is England’s alone: not in Scotland, not under the SPSO procedure, and never offered there', () => {
    const scottishHome = run([receive('2025-12-01T09:00:00Z', { region: 'scotland' })]).snapshot;
    expect(explain(scottishHome, report('damp-and-mould')).reasons.map((r) => r.provision)).toEqual(['LTA 1985 s10A']);
    expect(nextEvents(scottishHome)).not.toContain('REPORT_HAZARD');
    const spso = createComplaintMachine({ policy: policies.spsoModelChp });
    expect(explain(replay(spso, [receive('2025-12-01T09:00:00Z')]).snapshot, report('damp-and-mould')).allowed).toBe(false);
  });

  it('explains hazard events sent at the wrong time', () => {
    const none = run(after).snapshot;
    expect(explain(none, { type: 'INVESTIGATE_HAZARD', at: '2025-12-02T09:00:00Z', finding: 'none' }).reasons[0]?.message).toContain('REPORT_HAZARD first');
    const investigated = run([...after, report('damp-and-mould'), { type: 'INVESTIGATE_HAZARD', at: '2025-12-03T09:00:00Z', finding: 'none' }]).snapshot;
    expect(explain(investigated, { type: 'RECORD_HAZARD_WORK', at: '2025-12-03T10:00:00Z', duty: 'significant-safety-work' }).reasons[0]?.message).toContain('found no hazard');
  });
});

describe('found in review: the edges of the hazard track', () => {
  const emergency = (category: 'emergency' | 'significant' = 'emergency'): ComplaintEvent => ({ type: 'REPORT_HAZARD', at: '2025-12-03T09:00:00Z', hazard: { type: 'fire', category, description: 'Scorched socket' } });

  it('keeps an emergency made safe early when the investigation finds less, and can close it', () => {
    const events: ComplaintEvent[] = [received, emergency(), { type: 'RECORD_HAZARD_WORK', at: '2025-12-03T12:00:00Z', duty: 'emergency-make-safe' }, { type: 'INVESTIGATE_HAZARD', at: '2025-12-03T13:00:00Z', finding: 'none' }];
    const result = run(events);
    expect(result.rejected).toEqual([]);
    expect(restore(machine, serialize(result.snapshot)).context).toEqual(result.snapshot.context);
    const closed = run([...events, { type: 'RECORD_HAZARD_WORK', at: '2025-12-04T09:00:00Z', duty: 'written-summary' }, { type: 'CLOSE_HAZARD', at: '2025-12-04T10:00:00Z' }]);
    expect(closed.rejected).toEqual([]);
  });

  it('makes records that parse when a clock-hour deadline is missed on its own day', () => {
    const { snapshot } = run([received, { ...emergency(), at: '2025-12-02T08:00:00Z' } as ComplaintEvent, { type: 'TICK', at: '2025-12-03T12:00:00Z' }]);
    expect(snapshot.context.breaches.map((b) => [b.due, b.recordedOn])).toEqual([['2025-12-03', '2025-12-03'], ['2025-12-03', '2025-12-03']]);
    const record = toRecord(snapshot)!;
    expect(parseRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('puts a clock-hour deadline in the work queue as overdue by its instant', () => {
    const { snapshot } = run([received, { ...emergency(), at: '2025-12-02T08:00:00Z' } as ComplaintEvent]);
    const entries = worklist([snapshot], { now: '2025-12-03T12:00:00Z' }).filter((e) => e.deadline.startsWith('hazard:'));
    expect(entries.map((e) => [e.deadline, e.overdue, e.dueAt])).toEqual([
      ['hazard:emergency-investigate', true, '2025-12-03T08:00:00Z'],
      ['hazard:emergency-make-safe', true, '2025-12-03T08:00:00Z'],
    ]);
    expect(worklist([snapshot], { now: '2025-12-03T07:00:00Z' }).filter((e) => e.overdue)).toEqual([]);
  });

  it('asks a job queue for the TICK of a clock-hour deadline a moment after its instant', async () => {
    const store = createMemoryStore();
    await store.migrate();
    await store.append('C-9', { ...received, complaint: { ...(received as Extract<ComplaintEvent, { type: 'RECEIVE' }>).complaint, id: 'C-9' } } as ComplaintEvent);
    const result = await store.append('C-9', { ...emergency(), at: '2025-12-02T08:00:00Z' } as ComplaintEvent);
    expect(result.scheduled.filter((job) => job.deadline.startsWith('hazard:')).map((job) => [job.deadline, job.tickAt, job.dueAt])).toEqual([
      ['hazard:emergency-investigate', '2025-12-03T08:00:00.001Z', '2025-12-03T08:00:00Z'],
      ['hazard:emergency-make-safe', '2025-12-03T08:00:00.001Z', '2025-12-03T08:00:00Z'],
    ]);
  });

  it('refuses a policy whose phase dates the hazard rules could not use, when the machine is made', () => {
    for (const phaseDates of [{ 2: '2025-06-01' }, { 2: '2026-10-01', 3: '2026-11-01' }]) {
      expect(() => createComplaintMachine({ policy: { ...policies.code2024, id: 'phases', hazards: { phaseDates } } })).toThrow(/phaseDates/);
    }
    expect(() => createComplaintMachine({ policy: { ...policies.code2024, id: 'phases', hazards: { phaseDates: { 2: '2026-10-01', 3: '2027-01-01' } } } })).not.toThrow();
  });

  it('refuses a hazard whose deadlines would run past the calendar, and every view still answers', () => {
    const late = run([{ ...received, at: '2100-06-01T09:00:00Z' } as ComplaintEvent, { type: 'REPORT_HAZARD', at: '2100-12-10T09:00:00Z', hazard: { type: 'damp-and-mould', category: 'significant', description: 'x' } }]);
    expect(late.rejected[0]?.reasons[0]?.message).toContain('the last date the working-day clock covers');
    expect(() => describeComplaint(late.snapshot)).not.toThrow();
  });

  it('offers alternative accommodation only where it stands in for the duty still owed', () => {
    const events: ComplaintEvent[] = [received, acknowledged, damp, { type: 'INVESTIGATE_HAZARD', at: '2025-12-22T15:00:00Z', finding: 'significant' }, { type: 'RECORD_HAZARD_WORK', at: '2025-12-23T09:00:00Z', duty: 'alternative-accommodation' }, { type: 'RECORD_HAZARD_WORK', at: '2025-12-23T10:00:00Z', duty: 'written-summary' }];
    const reasons = explain(run(events).snapshot, { type: 'CLOSE_HAZARD', at: '2025-12-23T11:00:00Z' }).reasons;
    expect(reasons).toEqual([{ provision: 'reg. 13(3)(b)', message: "'supplementary-work-on-site' is still to be met (due 2026-03-16): record it (RECORD_HAZARD_WORK)." }]);
  });
});

describe('stored and restored', () => {
  it('restores a snapshot with a hazard, and refuses one whose hazard deadlines were edited', () => {
    const { snapshot } = run([received, acknowledged, damp]);
    expect(restore(machine, serialize(snapshot)).context).toEqual(snapshot.context);
    const json = JSON.parse(serialize(snapshot));
    json.context.hazard.deadlines[0].due = '2025-12-31';
    expect(() => restore(machine, json)).toThrow(/hazard\.deadlines/);
    const flipped = JSON.parse(serialize(snapshot));
    flipped.value.hazard = 'closed';
    expect(() => restore(machine, flipped)).toThrow(/hazard state/);
  });

  it('restores a snapshot stored before the hazard track existed, as having no hazard', () => {
    const { snapshot } = run([received, acknowledged]);
    const json = JSON.parse(serialize(snapshot));
    delete json.value.hazard;
    expect(restore(machine, json).value).toEqual(snapshot.value);
  });
});
