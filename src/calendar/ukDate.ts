import { DateOutOfRangeError, InvalidCalendarInputError, InvalidInstantError } from './errors.js';
import { isObject, readField } from './input.js';
import { dayNumberFromCivil, daysInMonth, formatDayNumber, weekday, type IsoDate } from './isoDate.js';
import { COVERED_FROM, COVERED_THROUGH, FIRST_DAY, LAST_DAY } from './span.js';

/**
 * Options of {@link toUkDate}.
 *
 * @example
 * ```ts
 * const options: ToUkDateOptions = { cutOff: '17:00' };
 * ```
 */
export interface ToUkDateOptions {
  /**
   * A landlord's cut-off time, `'HH:MM'` UK time: a contact at or after it counts as received the
   * next calendar day. Off by default (the Code has no cut-off; some landlords' policies do).
   */
  cutOff?: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The UTC instant of the last Sunday of `month` in `year`, 01:00 UTC: the UK's clock change. */
function lastSundayOneAm(year: number, month: number): number {
  const last = dayNumberFromCivil(year, month, daysInMonth(year, month));
  return (last - weekday(last)) * DAY + 60 * MINUTE;
}

/** The time value of a real `Date` (of any realm), or `undefined` for anything else; never throws. */
function dateTime(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    // Reads the Date's own time value: an object that only pretends to be a Date (Object.create(Date.prototype), a Proxy) throws here.
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

/**
 * @internal Milliseconds since the epoch of an instant (finer fractions of a second are dropped), or
 * throws an {@link InvalidInstantError} naming `path`, the argument that held it.
 */
export function instantMillis(instant: unknown, path = 'instant'): number {
  const time = dateTime(instant);
  if (time !== undefined) {
    if (Number.isNaN(time)) throw new InvalidInstantError(instant, '', path);
    return time;
  }
  if (typeof instant !== 'string') throw new InvalidInstantError(instant, '', path);
  const match = INSTANT.exec(instant);
  if (!match) {
    const hint = /^\d{4}-\d{2}-\d{2}$/.test(instant) ? 'That is a date, not an instant: it is already a UK date.' : '';
    throw new InvalidInstantError(instant, hint, path);
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone, oh = '0', om = '0'] = match;
  const year = +y!, month = +mo!, day = +d!, hour = +h!, minute = +mi!, second = +s;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || +oh > 23 || +om > 59) {
    throw new InvalidInstantError(instant, '', path);
  }
  const offset = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (+oh * 60 + +om) * MINUTE;
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  return dayNumberFromCivil(year, month, day) * DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}

/**
 * @internal The UK wall-clock reading of an instant, as milliseconds on a UTC clock: the instant
 * itself in winter (GMT), one hour later during British Summer Time.
 */
export function ukWallClock(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayOneAm(year, 3) && ms < lastSundayOneAm(year, 10);
  return ms + (summer ? 60 * MINUTE : 0);
}

/**
 * The UK calendar date (Europe/London) of an instant: British Summer Time runs from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October, and a late-evening contact in
 * summer already falls on the next UK day.
 *
 * Use it on every timestamp before counting working days: deadlines are counted in UK dates.
 *
 * @param instant - an ISO 8601 timestamp with `Z` or an offset, or a valid `Date` (a real one: an
 *   object that only inherits from `Date.prototype` is refused)
 * @param options - an optional landlord cut-off time (`null` counts as none)
 * @returns the UK date, `'YYYY-MM-DD'`
 * @throws {@link InvalidInstantError} for a date-only string, a timestamp without offset, or an invalid `Date`
 * @throws {@link DateOutOfRangeError} for an instant outside 2000 to 2100
 * @throws {@link InvalidCalendarInputError} for options that are not an object, or a `cutOff` that is not `'HH:MM'`
 *
 * @example
 * ```ts
 * import { toUkDate } from 'housing-complaints/calendar';
 *
 * toUkDate('2024-06-30T23:30:00Z'); //=> '2024-07-01' (00:30 BST)
 * toUkDate('2024-12-31T23:30:00Z'); //=> '2024-12-31' (GMT in winter)
 * toUkDate('2024-07-01T17:30:00+01:00', { cutOff: '17:00' }); //=> '2024-07-02'
 * ```
 */
export function toUkDate(instant: string | Date, options?: ToUkDateOptions): IsoDate {
  const ms = instantMillis(instant);
  let local = ukWallClock(ms);
  let cutOff: unknown;
  if (options !== undefined && options !== null) {
    if (!isObject(options)) throw new InvalidCalendarInputError('options', options, 'an options object { cutOff? }');
    cutOff = readField(options, 'cutOff', 'cutOff', "a time 'HH:MM'");
  }
  if (cutOff !== undefined) {
    const match = typeof cutOff === 'string' ? HH_MM.exec(cutOff) : null;
    if (!match) throw new InvalidCalendarInputError('cutOff', cutOff, "a time 'HH:MM' (00:00 to 23:59)");
    const minuteOfDay = Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
    if (minuteOfDay >= +match[1]! * 60 + +match[2]!) local += DAY;
  }
  const dayNumber = Math.floor(local / DAY);
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) {
    const shown = typeof instant === 'string' ? instant : new Date(ms).toISOString();
    throw new DateOutOfRangeError(shown, COVERED_FROM, COVERED_THROUGH, `The instant '${shown}' falls on a UK date that`, 'instant');
  }
  return formatDayNumber(dayNumber);
}
