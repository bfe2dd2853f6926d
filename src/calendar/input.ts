/**
 * Reading a caller's options once, into plain copies. The calendar works only from the copies, so
 * nothing the caller holds can crash it or change an answer afterwards: a getter that throws or
 * answers differently on each read, a Proxy (revoked or not), a sparse or frozen array, an array
 * that claims a huge length. Every problem is an {@link InvalidCalendarInputError} naming where.
 * @internal
 * @module
 */
import { InvalidCalendarInputError } from './errors.js';

/** The most entries one list option (closures, extra holidays, forced working days, feed events) may hold. */
export const MAX_ENTRIES = 100_000;

/** Whether `value` is an object and not an array; never throws (a revoked Proxy is neither). */
export function isObject(value: unknown): value is object {
  try {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** `object[key]`, read once, or an {@link InvalidCalendarInputError} at `path` if reading it throws. */
export function readField(object: object, key: string, path: string, expected: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    throw new InvalidCalendarInputError(path, object, `${expected} (reading it threw)`);
  }
}

/**
 * A plain copy of the array `value`, each entry read once. A hole reads as `undefined` (and is then
 * refused by the entry's own check, naming its index); more than {@link MAX_ENTRIES} entries are
 * refused before any is read.
 */
export function readList(value: unknown, path: string, expected: string): unknown[] {
  let length: unknown;
  try {
    length = Array.isArray(value) ? (value as unknown[]).length : undefined;
  } catch {
    length = undefined;
  }
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) throw new InvalidCalendarInputError(path, value, expected);
  if (length > MAX_ENTRIES) throw new InvalidCalendarInputError(path, value, `${expected} of at most 100,000 entries`);
  const copy: unknown[] = [];
  for (let i = 0; i < length; i++) {
    try {
      copy.push((value as unknown[])[i]);
    } catch {
      throw new InvalidCalendarInputError(`${path}[${i}]`, value, 'an entry that can be read (reading it threw)');
    }
  }
  return copy;
}
