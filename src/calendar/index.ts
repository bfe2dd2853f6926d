/**
 * The UK working-day clock: bank holidays of England and Wales, Scotland and Northern Ireland,
 * the Code's day-0 counting, Europe/London dates, and a landlord's own closures.
 *
 * This entry point has no dependencies: no XState, no zod, no date-holidays at run time.
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar, toUkDate } from 'housing-complaints/calendar';
 *
 * const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });
 * const received = toUkDate('2024-12-20T16:45:00Z'); //=> '2024-12-20'
 * calendar.addWorkingDays(received, 10); //=> '2025-01-08' (Christmas, Boxing Day, New Year's Day skipped)
 * ```
 * @module
 */
export { REGIONS, isRegion, type Region } from './regions.js';
export { isIsoDate, type IsoDate } from './isoDate.js';
export {
  createWorkingDayCalendar,
  type CalendarAdjustments,
  type ExtraHoliday,
  type Holiday,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
} from './calendar.js';
export { calendarFromGovUkFeed } from './govUkFeed.js';
export { toUkDate, type ToUkDateOptions } from './ukDate.js';
export { addClockHours, compareInstants, toUkDateTime } from './instant.js';
export {
  DateOutOfRangeError,
  InvalidCalendarInputError,
  InvalidDateError,
  InvalidDayCountError,
  InvalidInstantError,
  isDateOutOfRangeError,
  isInvalidCalendarInputError,
  isInvalidDateError,
  isInvalidDayCountError,
  isInvalidInstantError,
} from './errors.js';
export { HousingComplaintsError, InvalidInputError, isHousingComplaintsError, isInvalidInputError } from '../errors.js';
