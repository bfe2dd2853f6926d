/**
 * A policy is read once, into a plain copy, before it is validated: a getter that answers
 * differently on each read, a Proxy (revoked or not), a throwing accessor or a cycle cannot reach
 * the rules, crash the check or change them afterwards.
 * @internal
 * @module
 */

/** The most values (objects, arrays, leaves) one policy may hold when read: far more than any real one. */
export const MAX_VALUES = 10_000;
/** The deepest a policy may nest (a real one nests 3 levels: policy, timers, timer). */
const MAX_DEPTH = 8;

const FUNCTION = () => undefined;

/** Why a value could not be read, and where. */
export class Unreadable {
  constructor(
    readonly path: (string | number)[],
    readonly reason: string,
  ) {}
}

/** Runs `read`; if it throws, the value at `path` could not be read. */
function reading<T>(path: (string | number)[], read: () => T): T {
  try {
    return read();
  } catch {
    throw new Unreadable(path, 'could not be read (a getter or a Proxy threw)');
  }
}

/**
 * A deep copy of `value`: arrays and the own enumerable string-keyed properties of objects, each
 * read once; a function becomes a harmless stand-in, and any other value is kept as it is, for the
 * schema to judge.
 * @throws {@link Unreadable} naming the path that could not be read, or a policy too big or too deep
 */
export function copyPolicyInput(value: unknown): unknown {
  let values = 0;
  const copy = (input: unknown, path: (string | number)[]): unknown => {
    if (++values > MAX_VALUES) throw new Unreadable([], `holds more than ${MAX_VALUES} values`);
    // A function is never part of a policy: a stand-in keeps the schema from touching it (it may be a revoked Proxy).
    if (typeof input === 'function') return FUNCTION;
    if (typeof input !== 'object' || input === null) return input;
    if (path.length >= MAX_DEPTH) throw new Unreadable(path, `nests more than ${MAX_DEPTH} levels deep`);
    if (reading(path, () => Array.isArray(input))) {
      const length = reading(path, () => (input as unknown[]).length);
      if (!Number.isSafeInteger(length) || length < 0 || length > MAX_VALUES) throw new Unreadable(path, `must have at most ${MAX_VALUES} entries`);
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) items.push(copy(reading([...path, i], () => (input as unknown[])[i]), [...path, i]));
      return items;
    }
    const keys = reading(path, () => Object.keys(input));
    if (keys.length > MAX_VALUES) throw new Unreadable(path, `must have at most ${MAX_VALUES} keys`);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const inner = copy(reading([...path, key], () => (input as Record<string, unknown>)[key]), [...path, key]);
      // `__proto__` stays an own property (and is refused by the schema), never the prototype.
      Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return copy(value, []);
}
