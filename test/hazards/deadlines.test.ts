/**
 * hazardDeadlines: clock hours for emergencies (never moved by weekends, bank holidays or the clock
 * changes), working days from day 0 for the rest, 84 calendar days for the 12 weeks. Expected dates
 * are checked against the calendar itself (and a few worked by hand, explained in comments).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addClockHours, createWorkingDayCalendar, toUkDate, toUkDateTime } from '../../src/calendar/index.js';
import { hazardDeadlines, type HazardDeadline, type HazardDeadlineInput } from '../../src/hazards/index.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const england = createWorkingDayCalendar({ region: 'england-and-wales' });

/** The deadline for `duty`, or a failed test. */
function find(list: HazardDeadline[], duty: string): HazardDeadline {
  const found = list.find((d) => d.duty === duty);
  expect(found, `no ${duty} deadline`).toBeDefined();
  return found!;
}

/** `date` plus `days` calendar days, by Date arithmetic (an independent oracle). */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

describe('emergency hazards: 24 clock hours from awareness', () => {
  it('lists the investigation and the make-safe, both 24 clock hours on, with their regulations and status', () => {
    expect(hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T16:30:00Z' })).toEqual([
      { duty: 'emergency-investigate', regulation: undefined, due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z', verified: false },
      { duty: 'emergency-make-safe', regulation: 'reg. 5', due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z', verified: false },
    ]);
  });

  it('runs through a weekend: Friday 16:30 is due Saturday 16:30, not moved to Monday', () => {
    // Friday 14 November 2025, 16:30 GMT, plus 24 hours: Saturday 15 November, 16:30. The weekend counts.
    const [investigate] = hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T16:30:00Z' });
    expect(investigate!.dueAt).toBe('2025-11-15T16:30:00Z');
    expect(investigate!.due).toBe('2025-11-15');
    expect(england.isWorkingDay(investigate!.due)).toBe(false);
  });

  it('runs through a bank holiday: Maundy Thursday afternoon is due on Good Friday', () => {
    // Thursday 2 April 2026, 14:00 BST (13:00 UTC), plus 24 hours: Good Friday, 3 April, 14:00 BST.
    expect(england.holidays(2026).map((h) => h.date)).toContain('2026-04-03');
    const list = hazardDeadlines({ category: 'emergency', awareAt: '2026-04-02T14:00:00+01:00' });
    for (const deadline of list) {
      expect(deadline.dueAt).toBe('2026-04-03T13:00:00Z');
      expect(deadline.due).toBe('2026-04-03');
      expect(toUkDateTime(deadline.dueAt!)).toBe('2026-04-03 14:00');
    }
    // And Christmas Eve evening is due on Christmas Day.
    expect(hazardDeadlines({ category: 'emergency', awareAt: '2025-12-24T18:00:00Z' })[0]!.dueAt).toBe('2025-12-25T18:00:00Z');
  });

  it('counts 24 real hours across the October clock change (23 hours on the wall clock)', () => {
    // Saturday 24 October 2026, 12:00 BST (11:00 UTC). The clocks go back at 02:00 BST on Sunday 25 October,
    // so 24 hours later is 11:00 UTC = 11:00 GMT on Sunday: the wall clock shows 11:00, not 12:00.
    const [investigate] = hazardDeadlines({ category: 'emergency', awareAt: '2026-10-24T12:00:00+01:00' });
    expect(investigate!.dueAt).toBe('2026-10-25T11:00:00Z');
    expect(toUkDateTime(investigate!.dueAt!)).toBe('2026-10-25 11:00');
    expect(investigate!.due).toBe('2026-10-25');
    // The first clock change under Awaab's Law (26 October 2025) gives the same.
    expect(hazardDeadlines({ category: 'emergency', awareAt: '2025-10-25T12:00:00+01:00' })[0]!.dueAt).toBe('2025-10-26T11:00:00Z');
  });

  it('counts 24 real hours across the March clock change (25 hours on the wall clock)', () => {
    // Saturday 28 March 2026, 12:00 GMT; the clocks go forward on Sunday 29 March: due 12:00 UTC = 13:00 BST.
    const [investigate] = hazardDeadlines({ category: 'emergency', awareAt: '2026-03-28T12:00:00Z' });
    expect(investigate!.dueAt).toBe('2026-03-29T12:00:00Z');
    expect(toUkDateTime(investigate!.dueAt!)).toBe('2026-03-29 13:00');
  });

  it("gives due as the UK date of dueAt, not the UTC date", () => {
    // 23:30 UTC on 30 June 2026 is 00:30 BST on 1 July; 24 hours later is 00:30 BST on 2 July.
    const [investigate] = hazardDeadlines({ category: 'emergency', awareAt: '2026-06-30T23:30:00Z' });
    expect(investigate!.dueAt).toBe('2026-07-01T23:30:00Z');
    expect(investigate!.due).toBe('2026-07-02');
  });

  it('accepts a Date and any offset, and answers in canonical UTC', () => {
    const fromDate = hazardDeadlines({ category: 'emergency', awareAt: new Date('2025-11-14T16:30:00.250Z') });
    expect(fromDate[0]!.dueAt).toBe('2025-11-15T16:30:00.250Z');
    expect(hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T22:00:00+05:30' })[0]!.dueAt).toBe('2025-11-15T16:30:00Z');
  });

  it('property: dueAt is exactly 24 hours after awareness, and due is its UK date', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 9, 27), max: Date.UTC(2099, 11, 30) }), (ms) => {
        const awareAt = new Date(ms).toISOString();
        for (const deadline of hazardDeadlines({ category: 'emergency', awareAt })) {
          expect(Date.parse(deadline.dueAt!) - ms).toBe(24 * HOUR);
          expect(deadline.due).toBe(toUkDate(deadline.dueAt!));
          expect(deadline.dueAt).toBe(addClockHours(awareAt, 24));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('significant hazards: 10 working days from awareness', () => {
  it('counts across Christmas 2025 and New Year (25, 26 December and 1 January are holidays in England and Wales)', () => {
    // Day 0: Thursday 18 December 2025. Working days: Fri 19 (1), Mon 22 (2), Tue 23 (3), Wed 24 (4);
    // Thu 25 and Fri 26 are holidays; Mon 29 (5), Tue 30 (6), Wed 31 (7); Thu 1 January is a holiday;
    // Fri 2 (8), Mon 5 (9), Tue 6 January 2026 (10).
    const holidays = [...england.holidays(2025), ...england.holidays(2026)].map((h) => h.date);
    expect(holidays).toEqual(expect.arrayContaining(['2025-12-25', '2025-12-26', '2026-01-01']));
    expect(hazardDeadlines({ category: 'significant', awareAt: '2025-12-18T10:00:00Z' })).toEqual([
      { duty: 'significant-investigate', regulation: 'reg. 6', due: '2026-01-06', verified: false },
    ]);
    expect(england.workingDaysBetween('2025-12-18', '2026-01-06')).toBe(10);
  });

  it('uses the calendar option: in Scotland, 2 January is a holiday too', () => {
    const scotland = createWorkingDayCalendar({ region: 'scotland' });
    const [investigate] = hazardDeadlines({ category: 'significant', awareAt: '2025-12-18T10:00:00Z' }, { calendar: scotland });
    expect(investigate!.due).toBe(scotland.addWorkingDays('2025-12-18', 10));
    expect(investigate!.due).toBe('2026-01-07');
  });

  it('makes day 0 the UK date of awareness: 23:30 UTC on a summer Thursday is already Friday', () => {
    // 2 July 2026, 23:30 UTC = Friday 3 July, 00:30 BST. Day 0 is Friday 3 July; ten working days on is Friday 17 July
    // (counting from Thursday 2 July would give Thursday 16 July).
    const [investigate] = hazardDeadlines({ category: 'significant', awareAt: '2026-07-02T23:30:00Z' });
    expect(investigate!.due).toBe('2026-07-17');
    expect(investigate!.dueAt).toBeUndefined();
    expect('dueAt' in investigate!).toBe(false);
  });

  it('property: the due date is a working day exactly 10 working days after the UK date of awareness', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 9, 27), max: Date.UTC(2099, 5, 30) }), (ms) => {
        const awareAt = new Date(ms).toISOString();
        const [investigate] = hazardDeadlines({ category: 'significant', awareAt });
        expect(england.isWorkingDay(investigate!.due)).toBe(true);
        expect(england.workingDaysBetween(toUkDate(awareAt), investigate!.due)).toBe(10);
      }),
      { numRuns: 300 },
    );
  });
});

describe('after the investigation concludes', () => {
  const significant: HazardDeadlineInput = {
    category: 'significant',
    awareAt: '2025-12-08T09:00:00Z',
    investigationConcludedAt: '2025-12-22T15:00:00Z',
    finding: 'significant',
  };

  it('gives the summary (3 WD), the safety work (5 WD), the further work (5 WD) and the 12 weeks', () => {
    // Day 0: Monday 22 December 2025. Summary: Tue 23 (1), Wed 24 (2), [25, 26 holidays, 27, 28 weekend], Mon 29 (3).
    // Safety work and further work: Tue 30 (4), Wed 31 December (5).
    // 12 weeks: 84 calendar days after 22 December 2025 = 16 March 2026 (9 days to 31 December, 31 in January, 28 in February, 16).
    expect(hazardDeadlines(significant).map((d) => [d.duty, d.regulation, d.due])).toEqual([
      ['significant-investigate', 'reg. 6', '2025-12-22'],
      ['written-summary', 'reg. 9', '2025-12-29'],
      ['significant-safety-work', 'reg. 11(2)(a)', '2025-12-31'],
      ['supplementary-work-begin', 'reg. 13(2)', '2025-12-31'],
      ['supplementary-work-on-site', 'reg. 13(3)(b)', '2026-03-16'],
    ]);
    const list = hazardDeadlines(significant);
    expect(find(list, 'written-summary').due).toBe(england.addWorkingDays('2025-12-22', 3));
    expect(find(list, 'significant-safety-work').due).toBe(england.addWorkingDays('2025-12-22', 5));
    expect(find(list, 'supplementary-work-on-site').due).toBe(plusDays('2025-12-22', 84));
    for (const deadline of list) expect(deadline.verified).toBe(false);
  });

  it('counts 12 weeks in calendar days, on the UK date of the conclusion, whatever the weekday or holiday', () => {
    for (const concluded of ['2026-02-10T10:00:00Z', '2026-04-03T09:00:00+01:00', '2026-06-30T23:30:00Z', '2026-10-25T01:30:00Z']) {
      const day0 = toUkDate(concluded);
      const list = hazardDeadlines({ category: 'significant', awareAt: '2026-01-05T09:00:00Z', investigationConcludedAt: concluded, finding: 'significant' });
      expect(find(list, 'supplementary-work-on-site').due).toBe(plusDays(day0, 84));
      expect(find(list, 'written-summary').due).toBe(england.addWorkingDays(day0, 3));
    }
  });

  it('without a finding yet, gives the summary only', () => {
    const list = hazardDeadlines({ category: 'significant', awareAt: '2025-12-08T09:00:00Z', investigationConcludedAt: '2025-12-22T15:00:00Z' });
    expect(list.map((d) => d.duty)).toEqual(['significant-investigate', 'written-summary']);
  });

  it("a finding of 'none' leaves the summary only, and drops an emergency's make-safe", () => {
    const list = hazardDeadlines({ category: 'emergency', awareAt: '2025-12-08T09:00:00Z', investigationConcludedAt: '2025-12-08T13:00:00Z', finding: 'none' });
    expect(list.map((d) => d.duty)).toEqual(['emergency-investigate', 'written-summary']);
  });

  it('an emergency found to be significant: no 24-hour make-safe, the 5-working-day safety work instead', () => {
    const list = hazardDeadlines({ category: 'emergency', awareAt: '2025-12-08T09:00:00Z', investigationConcludedAt: '2025-12-08T13:00:00Z', finding: 'significant' });
    expect(list.map((d) => d.duty)).toEqual(['emergency-investigate', 'written-summary', 'significant-safety-work', 'supplementary-work-begin', 'supplementary-work-on-site']);
    // Day 0: Monday 8 December 2025; five working days on: Monday 15 December.
    expect(find(list, 'significant-safety-work').due).toBe('2025-12-15');
  });

  it('an emergency confirmed: the make-safe stays as counted from awareness (not counted twice), with further work', () => {
    const list = hazardDeadlines({ category: 'emergency', awareAt: '2025-12-08T09:00:00Z', investigationConcludedAt: '2025-12-08T13:00:00Z', finding: 'emergency' });
    expect(list.map((d) => d.duty)).toEqual(['emergency-investigate', 'emergency-make-safe', 'written-summary', 'supplementary-work-begin', 'supplementary-work-on-site']);
    expect(find(list, 'emergency-make-safe').dueAt).toBe('2025-12-09T09:00:00Z');
  });

  it('a significant hazard found to be an emergency: 24 hours to make safe from the conclusion (or the identification)', () => {
    const input = { category: 'significant', awareAt: '2025-12-08T09:00:00Z', investigationConcludedAt: '2025-12-12T16:00:00Z', finding: 'emergency' } as const;
    for (const emergencyMakeSafeFrom of ['aware', 'safety-work-identified'] as const) {
      const list = hazardDeadlines(input, { emergencyMakeSafeFrom });
      expect(list.map((d) => d.duty)).toEqual(['emergency-make-safe', 'significant-investigate', 'written-summary', 'supplementary-work-begin', 'supplementary-work-on-site']);
      // Friday 12 December, 16:00, plus 24 hours: Saturday 13 December, 16:00.
      expect(find(list, 'emergency-make-safe')).toMatchObject({ dueAt: '2025-12-13T16:00:00Z', due: '2025-12-13' });
      const identified = hazardDeadlines({ ...input, safetyWorkIdentifiedAt: '2025-12-12T11:00:00Z' }, { emergencyMakeSafeFrom });
      expect(find(identified, 'emergency-make-safe').dueAt).toBe('2025-12-13T11:00:00Z');
    }
  });
});

describe('the disputed emergency make-safe start (emergencyMakeSafeFrom)', () => {
  const awareAt = '2025-11-14T16:30:00Z';

  it("defaults to 'aware': 24 hours from awareness, whatever safetyWorkIdentifiedAt says", () => {
    const byDefault = hazardDeadlines({ category: 'emergency', awareAt, safetyWorkIdentifiedAt: '2025-11-15T10:00:00Z' });
    expect(find(byDefault, 'emergency-make-safe').dueAt).toBe('2025-11-15T16:30:00Z');
    expect(hazardDeadlines({ category: 'emergency', awareAt }, { emergencyMakeSafeFrom: 'aware' })).toEqual(hazardDeadlines({ category: 'emergency', awareAt }));
  });

  it("with 'safety-work-identified': no make-safe deadline until the work is identified (or the investigation concludes)", () => {
    const options = { emergencyMakeSafeFrom: 'safety-work-identified' } as const;
    expect(hazardDeadlines({ category: 'emergency', awareAt }, options).map((d) => d.duty)).toEqual(['emergency-investigate']);
    // Identified 23 hours after awareness: the make-safe falls 47 hours after awareness, on Sunday 16 November.
    const identified = hazardDeadlines({ category: 'emergency', awareAt, safetyWorkIdentifiedAt: '2025-11-15T15:30:00Z' }, options);
    expect(find(identified, 'emergency-make-safe')).toMatchObject({ dueAt: '2025-11-16T15:30:00Z', due: '2025-11-16', regulation: 'reg. 5', verified: false });
    expect(Date.parse(find(identified, 'emergency-make-safe').dueAt!) - Date.parse(awareAt)).toBe(47 * HOUR);
    // Concluded (an emergency found) without a time of identification: from the conclusion.
    const concluded = hazardDeadlines({ category: 'emergency', awareAt, investigationConcludedAt: '2025-11-15T09:00:00Z', finding: 'emergency' }, options);
    expect(find(concluded, 'emergency-make-safe').dueAt).toBe('2025-11-16T09:00:00Z');
  });

  it('returns a fresh list each call, with the same answer for the same input', () => {
    const a = hazardDeadlines({ category: 'emergency', awareAt });
    const b = hazardDeadlines({ category: 'emergency', awareAt });
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });
});
