/**
 * An independent implementation of UK bank holidays from the statutes and proclamations, used only
 * by tests as a second source against the table generated from date-holidays.
 *
 * Sources: Banking and Financial Dealings Act 1971, Schedule 1 (as amended; early May from 1978);
 * St Andrew's Day Bank Holiday (Scotland) Act 2007; the Royal Proclamations for one-off days
 * (2002 Golden Jubilee, 2011 royal wedding, 2012 Diamond Jubilee, 2020 VE Day, 2022 Platinum
 * Jubilee and State Funeral, 2023 Coronation). Substitute days follow the Act: a holiday on a
 * Saturday or Sunday moves to the next weekday that is not already a holiday.
 */
import type { Region } from '../../src/calendar/regions.js';

export interface RuleHoliday {
  date: string;
  substitute: boolean;
}

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Easter Sunday (Gregorian), the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

function firstMonday(year: number, month: number): Date {
  const first = utc(year, month, 1);
  return addDays(first, (8 - first.getUTCDay()) % 7);
}

function lastMonday(year: number, month: number): Date {
  const last = utc(year, month + 1, 0);
  return addDays(last, -((last.getUTCDay() + 6) % 7));
}

const ONE_OFF: Record<string, string[]> = {
  2002: ['2002-06-03'],
  2011: ['2011-04-29'],
  2012: ['2012-06-05'],
  2022: ['2022-06-03', '2022-09-19'],
  2023: ['2023-05-08'],
};

/** Fixed-date holidays (which move to a substitute day) and movable Monday/Friday holidays, by region. */
export function ruleHolidays(region: Region, year: number): RuleHoliday[] {
  const fixed: Date[] = [utc(year, 1, 1)];
  if (region === 'scotland') fixed.push(utc(year, 1, 2));
  if (region === 'northern-ireland') fixed.push(utc(year, 3, 17), utc(year, 7, 12));
  if (region === 'scotland' && year >= 2007) fixed.push(utc(year, 11, 30));
  fixed.push(utc(year, 12, 25), utc(year, 12, 26));

  const easter = easterSunday(year);
  const movable: Date[] = [addDays(easter, -2)];
  if (region !== 'scotland') movable.push(addDays(easter, 1));
  movable.push(year === 2020 ? utc(2020, 5, 8) : firstMonday(year, 5));
  const spring: Record<number, Date> = { 2002: utc(2002, 6, 4), 2012: utc(2012, 6, 4), 2022: utc(2022, 6, 2) };
  movable.push(spring[year] ?? lastMonday(year, 5));
  movable.push(region === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8));
  for (const date of ONE_OFF[year] ?? []) movable.push(new Date(`${date}T00:00:00Z`));

  const taken = new Set<string>();
  const result: RuleHoliday[] = [];
  for (const date of movable) {
    taken.add(iso(date));
    result.push({ date: iso(date), substitute: false });
  }
  // Fixed dates in calendar order; a weekend one takes the next free weekday.
  for (const date of fixed.sort((a, b) => a.getTime() - b.getTime())) {
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) {
      taken.add(iso(date));
      result.push({ date: iso(date), substitute: false });
    }
  }
  for (const date of fixed) {
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) continue;
    let substitute = addDays(date, day === 6 ? 2 : 1);
    while (taken.has(iso(substitute)) || substitute.getUTCDay() === 0 || substitute.getUTCDay() === 6) substitute = addDays(substitute, 1);
    taken.add(iso(substitute));
    result.push({ date: iso(substitute), substitute: true });
  }
  // GOV.UK's convention for Scotland: when 1 January is a Sunday, Monday 2 January is listed as the
  // New Year's Day substitute and 2nd January moves to the Tuesday as its own substitute.
  if (region === 'scotland' && utc(year, 1, 1).getUTCDay() === 0) {
    for (const holiday of result) if (holiday.date === `${year}-01-02`) holiday.substitute = true;
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : 1));
}
