/**
 * British formats for letters: dates written out in full, money in pounds.
 */
import { civilFromDayNumber, parseIsoDate, weekday, type IsoDate } from '../calendar/isoDate.js';
import { InvalidInputError } from '../errors.js';
import { isPence } from './primitives.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date as a British letter writes it.
 *
 * @param date - `'YYYY-MM-DD'`
 * @returns e.g. `'Tuesday 31 December 2024'`
 * @throws `InvalidDateError` when `date` is not a real `'YYYY-MM-DD'` date
 *
 * @example
 * ```ts
 * formatLetterDate('2024-12-31'); //=> 'Tuesday 31 December 2024'
 * ```
 */
export function formatLetterDate(date: IsoDate): string {
  const dayNumber = parseIsoDate(date);
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${WEEKDAYS[weekday(dayNumber)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * An amount of pence as pounds, with thousands separators. Money is held as whole pence, as a
 * financial remedy's `amountPence` is: an integer from 0 to `Number.MAX_SAFE_INTEGER`; anything
 * else (negative, fractional, `NaN`, `Infinity`, not a number) is refused.
 *
 * @param pence - a whole number of pence, not negative
 * @returns e.g. `'£1,250.00'`
 * @throws {@link InvalidInputError} at `'pence'` for anything but a whole, non-negative, safe integer
 *
 * @example
 * ```ts
 * formatPounds(125000); //=> '£1,250.00'
 * formatPounds(5); //=> '£0.05'
 * formatPounds(1.5); // throws InvalidInputError
 * ```
 */
export function formatPounds(pence: number): string {
  if (!isPence(pence)) throw new InvalidInputError('pence', pence, `a whole number of pence from 0 to ${Number.MAX_SAFE_INTEGER}`);
  const rest = pence % 100;
  // Exact: pence - rest is a multiple of 100, so the division is an integer.
  return `£${((pence - rest) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest.toString().padStart(2, '0')}`;
}
