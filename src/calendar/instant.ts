/**
 * Instants counted in clock hours, beside the working days: for deadlines set in hours, such as
 * Awaab's Law's 24 hours to deal with an emergency hazard, where weekends, bank holidays and the
 * UK clock changes all count. Instants are read like {@link toUkDate} reads them, and the UK wall
 * clock follows its British Summer Time rules (no `Intl` time zones: the answers are the same on
 * every machine).
 */
import { DateOutOfRangeError, InvalidCalendarInputError } from './errors.js';
import { formatDayNumber } from './isoDate.js';
import { COVERED_FROM, COVERED_THROUGH, FIRST_DAY, LAST_DAY } from './span.js';
import { instantMillis, ukWallClock } from './ukDate.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The most clock hours one call may add: a leap year of them (366 × 24). */
const MAX_HOURS = 8784;

/** Whether the UK date of the instant `ms` lies inside the span the holiday rules cover. */
function inSpan(ms: number): boolean {
  const dayNumber = Math.floor(ukWallClock(ms) / DAY);
  return dayNumber >= FIRST_DAY && dayNumber <= LAST_DAY;
}

/** An instant as a UTC ISO string, `'YYYY-MM-DDTHH:MM:SSZ'`, with `.sss` only when the milliseconds are not zero. */
function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** How an error shows the instant it was given: the string itself, or a Date's ISO form. */
function shown(instant: unknown, ms: number): string {
  return typeof instant === 'string' ? instant : new Date(ms).toISOString();
}

/** Milliseconds of an instant whose UK date lies inside the span, or throws as {@link toUkDate} does. */
function coveredMillis(instant: unknown): number {
  const ms = instantMillis(instant);
  if (!inSpan(ms)) {
    throw new DateOutOfRangeError(shown(instant, ms), COVERED_FROM, COVERED_THROUGH, `The instant '${shown(instant, ms)}' falls on a UK date that`, 'instant');
  }
  return ms;
}

/** A number as two digits. */
function twoDigits(n: number): string {
  return `${n < 10 ? '0' : ''}${n}`;
}

/**
 * The instant a number of clock hours after another: every hour counts, weekends, bank holidays
 * and the night the clocks change included (24 clock hours are not always 24 hours on the UK wall
 * clock).
 *
 * Use it for deadlines set in hours, such as Awaab's Law's 24 hours for an emergency hazard,
 * counted from the moment the landlord became aware.
 *
 * @param instant - an ISO 8601 timestamp with `Z` or an offset, or a valid `Date` (a real one: an
 *   object that only inherits from `Date.prototype` is refused); fractions of a second finer than a
 *   millisecond are dropped
 * @param hours - a whole number of clock hours, 1 to 8784 (a leap year of hours)
 * @returns the later instant in UTC, `'YYYY-MM-DDTHH:MM:SSZ'`, or `'YYYY-MM-DDTHH:MM:SS.sssZ'` when
 *   its milliseconds are not zero
 * @throws {@link InvalidInstantError} for a date-only string, a timestamp without offset, or an invalid `Date`
 * @throws {@link InvalidCalendarInputError} for `hours` that are not a whole number from 1 to 8784
 * @throws {@link DateOutOfRangeError} for an instant, or a result, whose UK date is outside 2000 to 2100
 *
 * @example
 * ```ts
 * import { addClockHours, toUkDateTime } from 'housing-complaints/calendar';
 *
 * addClockHours('2025-11-14T16:30:00Z', 24); //=> '2025-11-15T16:30:00Z' (a Saturday: weekends count)
 * addClockHours('2025-10-25T12:00:00+01:00', 24); //=> '2025-10-26T11:00:00Z' (the clocks went back overnight)
 * toUkDateTime(addClockHours('2025-10-25T12:00:00+01:00', 24)); //=> '2025-10-26 11:00'
 * addClockHours('2025-12-24T09:15:30.250Z', 48); //=> '2025-12-26T09:15:30.250Z' (Christmas counts too)
 * addClockHours('2025-11-14T16:30:00Z', 1.5); // throws InvalidCalendarInputError
 * ```
 */
export function addClockHours(instant: string | Date, hours: number): string {
  const ms = coveredMillis(instant);
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) {
    throw new InvalidCalendarInputError('hours', hours, 'a whole number of clock hours from 1 to 8784 (a leap year of hours)');
  }
  const result = ms + hours * HOUR;
  if (!inSpan(result)) {
    const reached = formatInstant(result);
    throw new DateOutOfRangeError(COVERED_THROUGH, COVERED_FROM, COVERED_THROUGH, `Adding ${hours} clock hours to '${shown(instant, ms)}' reaches ${reached}, whose UK date`, 'hours');
  }
  return formatInstant(result);
}

/**
 * The UK wall-clock date and time (Europe/London) of an instant: Greenwich Mean Time in winter,
 * British Summer Time (one hour ahead) from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October.
 *
 * Use it to show a resident or an officer when an hours deadline falls. Seconds are dropped, not
 * rounded; in the hour the clocks go back, two instants an hour apart show the same time.
 *
 * @param instant - an ISO 8601 timestamp with `Z` or an offset, or a valid `Date` (a real one: an
 *   object that only inherits from `Date.prototype` is refused)
 * @returns the UK date and time, `'YYYY-MM-DD HH:MM'`; its date is what {@link toUkDate} gives
 * @throws {@link InvalidInstantError} for a date-only string, a timestamp without offset, or an invalid `Date`
 * @throws {@link DateOutOfRangeError} for an instant whose UK date is outside 2000 to 2100
 *
 * @example
 * ```ts
 * import { toUkDateTime } from 'housing-complaints/calendar';
 *
 * toUkDateTime('2025-07-01T08:30:00Z'); //=> '2025-07-01 09:30' (BST)
 * toUkDateTime('2025-01-10T16:05:00Z'); //=> '2025-01-10 16:05' (GMT in winter)
 * toUkDateTime('2025-06-30T23:30:00Z'); //=> '2025-07-01 00:30' (already the next UK day)
 * toUkDateTime('2025-07-01'); // throws InvalidInstantError
 * ```
 */
export function toUkDateTime(instant: string | Date): string {
  const local = ukWallClock(coveredMillis(instant));
  const dayNumber = Math.floor(local / DAY);
  const minuteOfDay = Math.floor((local - dayNumber * DAY) / MINUTE);
  return `${formatDayNumber(dayNumber)} ${twoDigits(Math.floor(minuteOfDay / 60))}:${twoDigits(minuteOfDay % 60)}`;
}

/**
 * Compares two instants by the moment they name, whatever offsets they are written with: `-1` when
 * `a` is earlier, `1` when it is later, `0` for the same millisecond. Usable as a sort comparator.
 *
 * Comparing needs no holiday rules, so instants outside the calendar's span are compared too.
 *
 * @param a - an ISO 8601 timestamp with `Z` or an offset, or a valid `Date` (a real one)
 * @param b - another, read the same way
 * @returns `-1`, `0` or `1`; fractions of a second finer than a millisecond are ignored
 * @throws {@link InvalidInstantError} for a date-only string, a timestamp without offset, or an invalid `Date`, naming `'a'` or `'b'` in `path`
 *
 * @example
 * ```ts
 * import { compareInstants } from 'housing-complaints/calendar';
 *
 * compareInstants('2025-01-01T00:00:00+01:00', '2025-01-01T00:00:00Z'); //=> -1 (23:00 UTC the day before)
 * compareInstants('2025-07-01T09:30:00+01:00', '2025-07-01T08:30:00Z'); //=> 0
 * compareInstants(new Date('2025-07-02T00:00:00Z'), '2025-07-01T23:59:59Z'); //=> 1
 * ['2025-07-01T09:30:00Z', '2025-07-01T10:00:00+01:00'].sort(compareInstants); //=> ['2025-07-01T10:00:00+01:00', '2025-07-01T09:30:00Z']
 * ```
 */
export function compareInstants(a: string | Date, b: string | Date): -1 | 0 | 1 {
  const first = instantMillis(a, 'a');
  const second = instantMillis(b, 'b');
  return first < second ? -1 : first > second ? 1 : 0;
}
