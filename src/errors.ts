const BRAND = Symbol.for('housing-complaints.error');

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
