/**
 * Plain data, read once. Every input the library judges (an event, a letter, a policy, a stored
 * snapshot, render options) is copied before anything looks at it, and everything after works
 * from the copy: a getter that answers differently on each read, a Proxy or an array edited later
 * cannot make the library store or print something it did not check. One definition for every
 * module; it needs no peer dependency.
 */

/** How deep an input may nest, and how many values (array items and object properties) it may hold. */
export interface PlainLimits {
  /** Deeper than any letter (four levels), event (six) or stored snapshot (seven). Default 8. */
  readonly maxDepth?: number;
  /** Room for a letter of 10,000 points and findings, few enough to refuse garbage quickly. Default 100,000. */
  readonly maxValues?: number;
}

/** @internal Why a value could not be copied, where, and the value found there. */
export class NotPlain extends Error {
  constructor(
    readonly path: (string | number)[],
    readonly reason: string,
    readonly value: unknown,
  ) {
    super(reason);
  }
}

/** A function is never data: this stand-in keeps the schemas from touching it (it may be a revoked Proxy). */
const FUNCTION = () => undefined;

/**
 * @internal A copy of `value` made of plain objects and arrays, reading each property once. Holes
 * in arrays become `undefined`, which the schemas report as missing; an object of any class (a
 * Date, or an object pretending to be one) is copied by its own enumerable properties, so it is
 * never mistaken for a date or a string; a function becomes a stand-in. Other values are kept for
 * the schemas to judge.
 * @throws {@link NotPlain} where a property cannot be read (a throwing getter, a revoked Proxy), or
 *   the value nests too deep or holds too much
 */
export function plainCopy(value: unknown, { maxDepth = 8, maxValues = 100_000 }: PlainLimits = {}): unknown {
  let values = 0;
  // The path of the value being copied, kept as one stack: copied into an error only when one is
  // thrown. A value that cannot be read is reported at the object it belongs to.
  const path: (string | number)[] = [];
  const fail = (reason: string, input: unknown) => new NotPlain([...path], reason, input);
  const copy = (input: unknown): unknown => {
    if (typeof input === 'function') return FUNCTION;
    if (typeof input !== 'object' || input === null) return input;
    if (path.length > maxDepth) throw fail(`nests more than ${maxDepth} levels deep`, input);
    try {
      if (Array.isArray(input)) {
        const length: unknown = input.length; // a Proxy may say anything
        if (typeof length !== 'number' || !(length >= 0) || (values += length) > maxValues) throw fail(`holds more than ${maxValues} values`, input);
        const out: unknown[] = [];
        for (let i = 0; i < length; i++) {
          const item: unknown = input[i];
          path.push(i);
          out.push(copy(item));
          path.pop();
        }
        return out;
      }
      const keys = Object.keys(input);
      if ((values += keys.length) > maxValues) throw fail(`holds more than ${maxValues} values`, input);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const read = (input as Record<string, unknown>)[key];
        path.push(key);
        const inner = copy(read);
        path.pop();
        // An own `__proto__` key stays a key (for the schemas to refuse), never the prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
        else out[key] = inner;
      }
      return out;
    } catch (error) {
      if (error instanceof NotPlain) throw error;
      throw fail('could not be read (a getter or a Proxy threw)', input);
    }
  };
  return copy(value);
}
