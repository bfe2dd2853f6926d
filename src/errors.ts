const BRAND = Symbol.for('housing-complaints.error');
const INPUT_BRAND = Symbol.for('housing-complaints.invalid-input');

/**
 * The base of every error this library throws on purpose.
 *
 * Each module adds subclasses with readonly, typed fields and an `isX()` guard. Catch this class
 * (or use {@link isHousingComplaintsError}) to tell the library's refusals from bugs.
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar, isHousingComplaintsError } from 'housing-complaints';
 *
 * try {
 *   createWorkingDayCalendar({ region: 'england-and-wales' }).addWorkingDays('2024-02-30', 5);
 * } catch (error) {
 *   isHousingComplaintsError(error); //=> true
 * }
 * ```
 */
export class HousingComplaintsError extends Error {
  /** The class name, `'HousingComplaintsError'`: what the `isX()` guards check. */
  override name = 'HousingComplaintsError';
  /** @internal A brand shared by the ESM and CommonJS builds, so guards work across both. */
  readonly [BRAND] = true;
}

/**
 * Whether `error` is one of this library's errors.
 *
 * The check uses a brand from `Symbol.for`, not `instanceof`, so it still works when the ESM and
 * the CommonJS builds are both loaded in one process.
 *
 * @param error - anything caught
 * @returns `true` for a {@link HousingComplaintsError} or any of its subclasses
 *
 * @example
 * ```ts
 * isHousingComplaintsError(new Error('boom')); //=> false
 * ```
 */
export function isHousingComplaintsError(error: unknown): error is HousingComplaintsError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * An input was not usable: an option, a feed field, a render option. `path` says where, `value` is
 * what was found there, and the message says what was expected.
 *
 * @example
 * ```ts
 * const error = new InvalidInputError('format', 'pdf', "'text' or 'html'");
 * error.path; //=> 'format'
 * error.value; //=> 'pdf'
 * ```
 */
export class InvalidInputError extends HousingComplaintsError {
  /** The class name: what the `isX()` guards check. */
  override name = 'InvalidInputError';
  /** Where in the input the problem is, e.g. `'extraHolidays[0].name'`. */
  readonly path: string;
  /** The value found there. */
  readonly value: unknown;
  /** @internal Shared by the ESM and CommonJS builds, so the guard works across both. */
  readonly [INPUT_BRAND] = true;
  constructor(path: string, value: unknown, expected: string) {
    super(`Invalid ${path}: expected ${expected}, got ${describeValue(value)}.`);
    this.path = path;
    this.value = value;
  }
}

/**
 * Whether `error` is an {@link InvalidInputError} or one of its subclasses.
 *
 * @example
 * ```ts
 * isInvalidInputError(new InvalidInputError('region', 'wales', 'a UK region')); //=> true
 * ```
 */
export function isInvalidInputError(error: unknown): error is InvalidInputError {
  return isHousingComplaintsError(error) && (error as unknown as Record<symbol, unknown>)[INPUT_BRAND] === true;
}

/**
 * @internal Runs `fn`; anything it throws that is not one of the library's errors (a hostile
 * getter, a Proxy, a value of the wrong shape deep inside) becomes an {@link InvalidInputError} at
 * `path`, so a caller only ever catches typed errors.
 */
export function typedErrors<T>(path: string, value: unknown, expected: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isHousingComplaintsError(error)) throw error;
    throw new InvalidInputError(path, value, expected);
  }
}

/** @internal The first problems of a list, for an error message: `a; b; and 3 more`. */
export function summarise(problems: readonly string[], shown = 5): string {
  return `${problems.slice(0, shown).join('; ')}${problems.length > shown ? `; and ${problems.length - shown} more` : ''}`;
}

/** @internal Describes a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof Date) return `a Date (${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}
