/**
 * Plain data, read once. A letter and the render options are copied before anything judges them,
 * and everything after works from the copy: a getter that answers differently on each read, a
 * Proxy or an array edited later cannot make the renderer print something it did not check.
 */
import { printable } from './primitives.js';

/** Deeper than any letter (four levels) or render options (three). */
const MAX_DEPTH = 8;
/** Values (array items and object properties) in one input: room for a letter of 10,000 points and findings, few enough to refuse garbage quickly. */
const MAX_VALUES = 100_000;

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

/**
 * @internal A copy of `value` made of plain objects and arrays, reading each property once. Holes
 * in arrays become `undefined`, which the schemas report as missing; an object of any class (a
 * Date, or an object pretending to be one) is copied by its own enumerable properties, so it is
 * never mistaken for a date or a string. Other values are kept for the schemas to judge.
 * @throws {@link NotPlain} where a property cannot be read (a throwing getter, a revoked Proxy), or
 *   the value nests too deep or holds too much
 */
export function plainCopy(value: unknown): unknown {
  let values = 0;
  const copy = (input: unknown, path: (string | number)[]): unknown => {
    if (typeof input !== 'object' || input === null) return input;
    if (path.length > MAX_DEPTH) throw new NotPlain(path, `nests more than ${MAX_DEPTH} levels deep`, input);
    try {
      if (Array.isArray(input)) {
        const length: unknown = input.length; // a Proxy may say anything
        if (typeof length !== 'number' || !(length >= 0) || (values += length) > MAX_VALUES) throw new NotPlain(path, `holds more than ${MAX_VALUES} values`, input);
        const out: unknown[] = [];
        for (let i = 0; i < length; i++) out.push(copy(input[i], [...path, i]));
        return out;
      }
      const keys = Object.keys(input);
      if ((values += keys.length) > MAX_VALUES) throw new NotPlain(path, `holds more than ${MAX_VALUES} values`, input);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const inner = copy((input as Record<string, unknown>)[key], [...path, key]);
        // An own `__proto__` key stays a key (for the schemas to refuse), never the prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
        else out[key] = inner;
      }
      return out;
    } catch (error) {
      if (error instanceof NotPlain) throw error;
      throw new NotPlain(path, 'could not be read (a getter or a Proxy threw)', input);
    }
  };
  return copy(value, []);
}

/** @internal A path for a message: `root.points[3].id`, keys made {@link printable}. */
export function pathText(root: string, path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}${text ? '.' : ''}${printable(key)}`), root);
}

