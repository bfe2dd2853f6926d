import { HousingComplaintsError, InvalidInputError, asText, describeValue, isErrorNamed } from '../errors.js';

/**
 * A value that should be a UK calendar date (`'YYYY-MM-DD'`) is not one: wrong shape, a day that
 * does not exist (`'2024-02-30'`), a timestamp, or not a string at all.
 *
 * @example
 * ```ts
 * const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });
 * calendar.addWorkingDays('2024-2-3', 1); // throws InvalidDateError
 * new InvalidDateError('2024-2-3').value; //=> '2024-2-3'
 * new InvalidDateError('2024-2-3', 'date', 'to').path; //=> 'to'
 * ```
 */
export class InvalidDateError extends HousingComplaintsError {
  /** The class name, `'InvalidDateError'`: what the `isX()` guards check. */
  override name = 'InvalidDateError';
  /** The value that was given. */
  readonly value: unknown;
  /** The argument that held it, e.g. `'date'`, `'from'` or `'to'`. */
  readonly path: string;
  constructor(value: unknown, what = 'date', path = 'date') {
    super(`Expected a ${asText(what)} as 'YYYY-MM-DD' (a real calendar date), got ${describeValue(value)}.`);
    this.value = value;
    this.path = asText(path);
  }
}

/**
 * Whether `error` is an {@link InvalidDateError}.
 *
 * @example
 * ```ts
 * isInvalidDateError(new InvalidDateError('2024-02-30')); //=> true
 * ```
 */
export function isInvalidDateError(error: unknown): error is InvalidDateError {
  return isErrorNamed(error, 'InvalidDateError');
}

/**
 * A value that should be an instant (an ISO 8601 timestamp with `Z` or an offset, or a valid `Date`)
 * is not one.
 *
 * @example
 * ```ts
 * toUkDate('2024-06-30T23:30:00'); // throws InvalidInstantError (no offset: which clock?)
 * new InvalidInstantError('yesterday').path; //=> 'instant'
 * ```
 */
export class InvalidInstantError extends HousingComplaintsError {
  /** The class name, `'InvalidInstantError'`: what the `isX()` guards check. */
  override name = 'InvalidInstantError';
  /** The value that was given. */
  readonly value: unknown;
  /** The argument that held it: `'instant'`. */
  readonly path: string;
  constructor(value: unknown, detail = '', path = 'instant') {
    super(
      `Expected an instant: an ISO 8601 timestamp with 'Z' or a UTC offset (e.g. '2024-06-30T23:30:00Z'), or a valid Date; got ${describeValue(value)}.${detail ? ` ${asText(detail)}` : ''}`,
    );
    this.value = value;
    this.path = asText(path);
  }
}

/**
 * Whether `error` is an {@link InvalidInstantError}.
 *
 * @example
 * ```ts
 * isInvalidInstantError(new InvalidInstantError('yesterday')); //=> true
 * ```
 */
export function isInvalidInstantError(error: unknown): error is InvalidInstantError {
  return isErrorNamed(error, 'InvalidInstantError');
}

/**
 * A number of working days that is not a safe integer (`1.5`, `NaN`, `Infinity`, `'5'`).
 *
 * @example
 * ```ts
 * const calendar = createWorkingDayCalendar({ region: 'scotland' });
 * calendar.addWorkingDays('2024-01-02', 2.5); // throws InvalidDayCountError
 * new InvalidDayCountError(2.5).path; //=> 'days'
 * ```
 */
export class InvalidDayCountError extends HousingComplaintsError {
  /** The class name, `'InvalidDayCountError'`: what the `isX()` guards check. */
  override name = 'InvalidDayCountError';
  /** The value that was given. */
  readonly value: unknown;
  /** The argument that held it: `'days'`. */
  readonly path: string;
  constructor(value: unknown, path = 'days') {
    super(`Expected a whole number of working days, got ${describeValue(value)}.`);
    this.value = value;
    this.path = asText(path);
  }
}

/**
 * Whether `error` is an {@link InvalidDayCountError}.
 *
 * @example
 * ```ts
 * isInvalidDayCountError(new InvalidDayCountError(NaN)); //=> true
 * ```
 */
export function isInvalidDayCountError(error: unknown): error is InvalidDayCountError {
  return isErrorNamed(error, 'InvalidDayCountError');
}

/**
 * A date (given, or reached by counting) lies outside the span the holiday rules cover. The
 * calendar never guesses: outside its span it cannot tell a working day from a holiday.
 *
 * @example
 * ```ts
 * const calendar = createWorkingDayCalendar({ region: 'northern-ireland' });
 * calendar.isWorkingDay('1999-12-31'); // throws DateOutOfRangeError (covered: 2000-01-01 to 2100-12-31)
 * new DateOutOfRangeError('1999-12-31', '2000-01-01', '2100-12-31').path; //=> 'date'
 * ```
 */
export class DateOutOfRangeError extends HousingComplaintsError {
  /** The class name, `'DateOutOfRangeError'`: what the `isX()` guards check. */
  override name = 'DateOutOfRangeError';
  /** The date outside the span (for a count that ran off the end, the edge it crossed). */
  readonly date: string;
  /** The first date covered. */
  readonly coveredFrom: string;
  /** The last date covered. */
  readonly coveredThrough: string;
  /** The argument that led outside the span: `'date'`, `'from'`, `'to'`, `'days'` (a count), `'year'` or `'instant'`. */
  readonly path: string;
  constructor(date: string, coveredFrom: string, coveredThrough: string, detail = '', path = 'date') {
    super(
      `${detail ? asText(detail) : `The date '${asText(date)}'`} is outside the span the UK holiday rules cover (${asText(coveredFrom)} to ${asText(coveredThrough)}); the calendar will not guess whether it is a working day.`,
    );
    this.date = asText(date);
    this.coveredFrom = asText(coveredFrom);
    this.coveredThrough = asText(coveredThrough);
    this.path = asText(path);
  }
}

/**
 * Whether `error` is a {@link DateOutOfRangeError}.
 *
 * @example
 * ```ts
 * isDateOutOfRangeError(new DateOutOfRangeError('1999-12-31', '2000-01-01', '2100-12-31')); //=> true
 * ```
 */
export function isDateOutOfRangeError(error: unknown): error is DateOutOfRangeError {
  return isErrorNamed(error, 'DateOutOfRangeError');
}

/**
 * The options given to a calendar (or a bank holiday feed) are not usable: an unknown region, a
 * holiday without a name, a date that is both a closure and a forced working day, a malformed feed.
 *
 * @example
 * ```ts
 * createWorkingDayCalendar({ region: 'wales' as never }); // throws InvalidCalendarInputError
 * ```
 */
export class InvalidCalendarInputError extends InvalidInputError {
  /** The class name, `'InvalidCalendarInputError'`: what the `isX()` guards check. */
  override name = 'InvalidCalendarInputError';
}

/**
 * Whether `error` is an {@link InvalidCalendarInputError}.
 *
 * @example
 * ```ts
 * isInvalidCalendarInputError(new InvalidCalendarInputError('region', 'wales', 'a UK region')); //=> true
 * ```
 */
export function isInvalidCalendarInputError(error: unknown): error is InvalidCalendarInputError {
  return isErrorNamed(error, 'InvalidCalendarInputError');
}
