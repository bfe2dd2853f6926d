/**
 * UK calendar dates as `'YYYY-MM-DD'` strings, and their arithmetic as whole day numbers.
 *
 * Day numbers count days since 1970-01-01 (day 0, a Thursday). Parsing and formatting are done by
 * hand, not with `Date`, because they sit on the hot path of every deadline and must reject
 * anything that is not exactly a real date.
 */
import { InvalidDateError } from './errors.js';

/**
 * A UK calendar date, `'YYYY-MM-DD'`: a day in the resident's nation, not an instant. Turn an
 * instant into one with {@link toUkDate}. ISO dates compare correctly as strings.
 *
 * @example
 * ```ts
 * const received: IsoDate = '2024-07-01';
 * received < '2024-07-08'; //=> true
 * ```
 */
export type IsoDate = string;

const ZERO = 48; // '0'
const DASH = 45; // '-'

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Days in `month` (1 to 12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of a civil date (Howard Hinnant's days_from_civil). */
export function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (Howard Hinnant's civil_from_days). */
export function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Parses `'YYYY-MM-DD'` into a day number, or throws {@link InvalidDateError} naming the value
 * (and `path`, the argument that held it). Only four-digit years 0001 to 9999 are accepted; ranges
 * are the caller's business.
 */
export function parseIsoDate(value: unknown, what?: string, path?: string): number {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) {
    throw new InvalidDateError(value, what, path);
  }
  const y0 = digit(value, 0), y1 = digit(value, 1), y2 = digit(value, 2), y3 = digit(value, 3);
  const m0 = digit(value, 5), m1 = digit(value, 6), d0 = digit(value, 8), d1 = digit(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) throw new InvalidDateError(value, what, path);
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(value, what, path);
  }
  return dayNumberFromCivil(year, month, day);
}

/** Formats a day number as `'YYYY-MM-DD'` (years 1000 to 9999). */
export function formatDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Day of the week of a day number: 0 Sunday to 6 Saturday. */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/**
 * Whether `value` is a real calendar date written `'YYYY-MM-DD'` (the non-throwing check behind
 * every date this library accepts).
 *
 * @example
 * ```ts
 * isIsoDate('2024-02-29'); //=> true
 * isIsoDate('2023-02-29'); //=> false
 * isIsoDate('2024-2-3'); //=> false
 * ```
 */
export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}
