import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { REGIONS, createWorkingDayCalendar, type IsoDate, type WorkingDayCalendar } from '../../src/calendar/index.js';

const calendars = REGIONS.map((region) =>
  createWorkingDayCalendar({ region, closures: region === 'scotland' ? ['2030-12-27', '2030-12-30'] : [] }),
);

const DAY = 86_400_000;
const FROM = Date.UTC(2000, 0, 1);
const TO = Date.UTC(2100, 11, 31);

/** Any date well inside the span, so counts of up to 400 working days stay inside it. */
const date = fc.integer({ min: (FROM + 600 * DAY) / DAY, max: (TO - 600 * DAY) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const days = fc.integer({ min: -400, max: 400 });
const calendar = fc.constantFrom(...calendars);

function shift(date: IsoDate, by: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + by * DAY).toISOString().slice(0, 10);
}

/** The obvious day-by-day definition, to check the fast path against. */
function naiveAdd(cal: WorkingDayCalendar, date: IsoDate, n: number): IsoDate {
  if (n === 0) return date;
  let current = date;
  let count = 0;
  if (n > 0) {
    while (count < n) {
      current = shift(current, 1);
      if (cal.isWorkingDay(current)) count++;
    }
    return current;
  }
  // Going back: the working day w with (w, date] holding exactly -n working days.
  while (count < -n) {
    if (cal.isWorkingDay(current)) count++;
    current = shift(current, -1);
  }
  while (!cal.isWorkingDay(current)) current = shift(current, -1);
  return current;
}

describe('working-day laws (property-based, every division)', () => {
  test.prop([calendar, date, days], { numRuns: 3000 })('workingDaysBetween(d, addWorkingDays(d, n)) === n', (cal, d, n) => {
    expect(cal.workingDaysBetween(d, cal.addWorkingDays(d, n))).toBe(n);
  });

  test.prop([calendar, date, days.filter((n) => n !== 0)], { numRuns: 3000 })('addWorkingDays never lands on a non-working day for n != 0', (cal, d, n) => {
    expect(cal.isWorkingDay(cal.addWorkingDays(d, n))).toBe(true);
  });

  test.prop([calendar, date, days], { numRuns: 1000 })('agrees with a day-by-day count', (cal, d, n) => {
    expect(cal.addWorkingDays(d, n)).toBe(naiveAdd(cal, d, n));
  });

  test.prop([calendar, date, days], { numRuns: 2000 })('gives identical results for every day of a weekend', (cal, d, n) => {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    const saturday = shift(d, (6 - day + 7) % 7);
    const sunday = shift(saturday, 1);
    expect(cal.addWorkingDays(sunday, n === 0 ? 1 : n)).toBe(cal.addWorkingDays(saturday, n === 0 ? 1 : n));
    expect(cal.workingDaysBetween(sunday, d)).toBe(cal.workingDaysBetween(saturday, d));
    expect(cal.nextWorkingDay(sunday)).toBe(cal.nextWorkingDay(saturday));
  });

  test.prop([calendar, date, date], { numRuns: 2000 })('workingDaysBetween is antisymmetric and zero from a date to itself', (cal, a, b) => {
    expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, a)).toBe(0);
    expect(cal.workingDaysBetween(a, a)).toBe(0);
  });

  test.prop([calendar, date, days], { numRuns: 2000 })('going forward and back from a working day returns to it', (cal, d, n) => {
    const start = cal.isWorkingDay(d) ? d : cal.nextWorkingDay(d);
    expect(cal.addWorkingDays(cal.addWorkingDays(start, n), -n)).toBe(start);
  });

  test.prop([calendar, date], { numRuns: 2000 })('nextWorkingDay is the first working day strictly after', (cal, d) => {
    const next = cal.nextWorkingDay(d);
    expect(next > d).toBe(true);
    expect(cal.isWorkingDay(next)).toBe(true);
    for (let between = shift(d, 1); between < next; between = shift(between, 1)) expect(cal.isWorkingDay(between)).toBe(false);
  });
});

describe('day 0 and the Code’s counting (DOMAIN.md, Working days)', () => {
  const england = createWorkingDayCalendar({ region: 'england-and-wales' });

  it('returns the Monday when 1 day is added on the Friday', () => {
    expect(england.addWorkingDays('2024-06-07', 1)).toBe('2024-06-10');
  });

  it('counts a complaint received on a Saturday from the Monday after: day 5 is the Friday', () => {
    expect(england.addWorkingDays('2024-06-08', 5)).toBe('2024-06-14');
    expect(england.addWorkingDays('2024-06-07', 5)).toBe('2024-06-14');
  });

  it('returns the date itself for 0 days, even a holiday', () => {
    expect(england.addWorkingDays('2024-12-25', 0)).toBe('2024-12-25');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(england.addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
  });

  it('goes back over a weekend: 1 working day before a Monday is the Friday', () => {
    expect(england.addWorkingDays('2024-06-10', -1)).toBe('2024-06-07');
    expect(england.workingDaysBetween('2024-06-10', '2024-06-07')).toBe(-1);
  });

  it('counts a weekend date as its Friday when going back', () => {
    expect(england.addWorkingDays('2024-06-08', -1)).toBe(england.addWorkingDays('2024-06-07', -1));
  });

  it('does not count the start date: from a working day to the next is 1', () => {
    expect(england.workingDaysBetween('2024-06-10', '2024-06-11')).toBe(1);
    expect(england.workingDaysBetween('2024-06-08', '2024-06-10')).toBe(1);
  });

  it('works at the edges of the covered span', () => {
    expect(england.addWorkingDays('2000-01-01', 1)).toBe('2000-01-04'); // 3 January 2000 was the New Year substitute
    expect(england.addWorkingDays('2100-12-29', -1)).toBe('2100-12-24');
  });
});
