/**
 * The span of dates the built-in holiday rules cover, and conversions between day numbers and
 * indexes into that span.
 * @internal
 * @module
 */
import { FIRST_YEAR, LAST_YEAR } from './data/ukBankHolidays.js';
import { DateOutOfRangeError } from './errors.js';
import { dayNumberFromCivil, formatDayNumber, parseIsoDate } from './isoDate.js';

export const COVERED_FROM = `${FIRST_YEAR}-01-01`;
export const COVERED_THROUGH = `${LAST_YEAR}-12-31`;
export const FIRST_DAY = dayNumberFromCivil(FIRST_YEAR, 1, 1);
export const LAST_DAY = dayNumberFromCivil(LAST_YEAR, 12, 31);
export const SPAN_DAYS = LAST_DAY - FIRST_DAY + 1;

/** Parses a date and returns its index in the span, or throws a typed error naming `path`, the argument. */
export function spanIndex(value: unknown, path = 'date'): number {
  const index = parseIsoDate(value, undefined, path) - FIRST_DAY;
  if (index < 0 || index >= SPAN_DAYS) throw new DateOutOfRangeError(value as string, COVERED_FROM, COVERED_THROUGH, '', path);
  return index;
}

/** Formats an index in the span as a date. */
export function formatIndex(index: number): string {
  return formatDayNumber(index + FIRST_DAY);
}

/** Throws unless `year` is a whole year inside the span. */
export function checkYear(year: number): void {
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new DateOutOfRangeError(`${year}`, COVERED_FROM, COVERED_THROUGH, `The year ${year}`, 'year');
  }
}
