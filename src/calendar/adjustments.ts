/**
 * A landlord's adjustments (closures, extra holidays, forced working days), read once from the
 * caller's options into sorted plain lists, and the calendar's fingerprint computed from them.
 * @internal
 * @module
 */
import { InvalidCalendarInputError } from './errors.js';
import { fnv1a64 } from './fingerprint.js';
import { isObject, readField, readList } from './input.js';
import type { Region } from './regions.js';
import { COVERED_FROM, COVERED_THROUGH, FIRST_DAY, SPAN_DAYS, formatIndex, spanIndex } from './span.js';

/** A holiday as a day number (days since 1970-01-01), with its name and substitute flag. */
export interface HolidayAt {
  readonly dayNumber: number;
  readonly name: string;
  readonly substitute: boolean;
}

/** The adjustments, read once: span indexes in date order without repeats; extra holidays by date, then name. */
export interface Adjustments {
  readonly closures: readonly number[];
  readonly forced: readonly number[];
  readonly extra: readonly HolidayAt[];
}

const DATES = "an array of 'YYYY-MM-DD' dates";
const HOLIDAYS = 'an array of { date, name }';

/** The span index of a date inside an input, or an {@link InvalidCalendarInputError} naming where it is. */
export function inputDate(value: unknown, path: string): number {
  try {
    return spanIndex(value, path);
  } catch {
    throw new InvalidCalendarInputError(path, value, `a real date 'YYYY-MM-DD' from ${COVERED_FROM} to ${COVERED_THROUGH}`);
  }
}

function dateList(value: unknown, path: string): number[] {
  if (value === undefined) return [];
  const listed = new Uint8Array(SPAN_DAYS);
  readList(value, path, DATES).forEach((date, i) => (listed[inputDate(date, `${path}[${i}]`)] = 1));
  const indexes: number[] = [];
  for (let i = 0; i < SPAN_DAYS; i++) if (listed[i]) indexes.push(i);
  return indexes;
}

function holidayList(value: unknown, path: string): HolidayAt[] {
  if (value === undefined) return [];
  const holidays = readList(value, path, HOLIDAYS).map((entry, i): HolidayAt => {
    const at = `${path}[${i}]`;
    if (!isObject(entry)) throw new InvalidCalendarInputError(at, entry, 'an object { date, name }');
    const date = readField(entry, 'date', `${at}.date`, 'a date');
    const name = readField(entry, 'name', `${at}.name`, 'a name');
    if (typeof name !== 'string' || name.trim() === '') throw new InvalidCalendarInputError(`${at}.name`, name, 'a non-empty name');
    return { dayNumber: inputDate(date, `${at}.date`) + FIRST_DAY, name: name.trim(), substitute: false };
  });
  // Date order, then name order, without repeats: the same holidays in any order make the same calendar.
  holidays.sort((a, b) => a.dayNumber - b.dayNumber || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return holidays.filter((h, i) => i === 0 || h.dayNumber !== holidays[i - 1]!.dayNumber || h.name !== holidays[i - 1]!.name);
}

/** Reads the adjustments of `options` once each, or throws an {@link InvalidCalendarInputError} naming the option. */
export function readAdjustments(options: unknown): Adjustments {
  if (!isObject(options)) throw new InvalidCalendarInputError('options', options, 'an options object');
  const closures = dateList(readField(options, 'closures', 'closures', DATES), 'closures');
  const forced = dateList(readField(options, 'workingDays', 'workingDays', DATES), 'workingDays');
  const extra = holidayList(readField(options, 'extraHolidays', 'extraHolidays', HOLIDAYS), 'extraHolidays');
  const forcedSet = new Set(forced);
  const both = closures.find((index) => forcedSet.has(index));
  if (both !== undefined) throw new InvalidCalendarInputError('closures', formatIndex(both), 'no date that is also listed in workingDays');
  return { closures, forced, extra };
}

/**
 * The fingerprint of a calendar: 64-bit FNV-1a (16 hex digits) of the canonical JSON
 * `["housing-complaints/calendar@1", region, source, closures, workingDays, extraHolidays]`, where
 * `source` is `"built-in"` or, for a calendar from a feed, the feed's holidays as
 * `[date, name, substitute]` in date order; the lists are in date order without repeats, extra
 * holidays as `[date, name]` (name trimmed).
 */
export function calendarFingerprint(region: Region, adjustments: Adjustments, feed?: readonly HolidayAt[]): string {
  const date = (dayNumber: number) => formatIndex(dayNumber - FIRST_DAY);
  const source = feed ? [...feed].sort((a, b) => a.dayNumber - b.dayNumber).map((h) => [date(h.dayNumber), h.name, h.substitute]) : 'built-in';
  return fnv1a64(
    JSON.stringify([
      'housing-complaints/calendar@1',
      region,
      source,
      adjustments.closures.map(formatIndex),
      adjustments.forced.map(formatIndex),
      adjustments.extra.map((h) => [date(h.dayNumber), h.name]),
    ]),
  );
}
