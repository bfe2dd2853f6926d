/**
 * Reading a caller's input once, into plain copies, so that nothing the caller holds (a Proxy, a
 * getter that throws or answers differently on each read) can crash the hazard functions or change
 * an answer. Every problem is an {@link InvalidInputError} naming where.
 * @internal
 * @module
 */
import { InvalidInputError, typedErrors } from '../errors.js';

/**
 * The named fields of `value`, each read once. `value` must be a plain object (not an array, not
 * `null`) with no other own keys; `undefined` is allowed when `optional` is set and gives `{}`.
 * A problem with a field is reported at `prefix + key` (`'options.calendar'`, or just `'awareAt'`).
 */
export function readRecord<K extends string>(value: unknown, keys: readonly K[], path: string, optional: boolean, prefix = `${path}.`): Partial<Record<K, unknown>> {
  const expected = `${optional ? 'undefined or ' : ''}an object { ${keys.join(', ')} }`;
  return typedErrors(path, value, expected, () => {
    if (value === undefined && optional) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError(path, value, expected);
    const unknown = Object.keys(value).find((key) => !(keys as readonly string[]).includes(key));
    if (unknown !== undefined) throw new InvalidInputError(`${prefix}${unknown.slice(0, 40)}`, undefined, `no such field (${keys.join(', ')})`);
    const read: Partial<Record<K, unknown>> = {};
    for (const key of keys) {
      read[key] = typedErrors(`${prefix}${key}`, undefined, 'a value that can be read (reading it threw)', () => (value as Record<string, unknown>)[key]);
    }
    return read;
  });
}

/** `value` itself when it is one of `allowed`, else an {@link InvalidInputError} at `path`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidInputError(path, value, allowed.map((name) => `'${name}'`).join(' or '));
}
