/**
 * British formats for letters: dates written out in full, money in pounds.
 */
import { civilFromDayNumber, parseIsoDate, weekday, type IsoDate } from '../calendar/isoDate.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date as a British letter writes it.
 *
 * @param date - `'YYYY-MM-DD'`
 * @returns e.g. `'Tuesday 31 December 2024'`
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
 * An amount of pence as pounds, with thousands separators.
 *
 * @param pence - a whole number of pence
 * @returns e.g. `'£1,250.00'`
 *
 * @example
 * ```ts
 * formatPounds(125000); //=> '£1,250.00'
 * formatPounds(5); //=> '£0.05'
 * ```
 */
export function formatPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return `£${pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest.toString().padStart(2, '0')}`;
}
