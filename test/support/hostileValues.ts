/**
 * Values that try to break a function given them: revoked Proxies, objects that only pretend to be
 * a Date, throwing converters and getters, sparse and huge arrays, and every primitive type. Each
 * is made fresh by its factory, so a test may freeze or edit it. Used by the hostile-input tests of
 * the calendar, the policy and the errors.
 */
import { HousingComplaintsError } from '../../src/errors.js';

const boom = () => {
  throw new Error('boom');
};

function revoked<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** A Proxy whose every trap throws. */
function trapsThrow<T extends object>(target: T): T {
  const handler: ProxyHandler<T> = {};
  for (const trap of ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty', 'deleteProperty', 'apply', 'construct', 'isExtensible', 'preventExtensions', 'setPrototypeOf'] as const) {
    (handler as Record<string, unknown>)[trap] = boom;
  }
  return new Proxy(target, handler);
}

/** An object whose every conversion to a primitive throws. */
const throwingConverters = () => ({ [Symbol.toPrimitive]: boom, toString: boom, valueOf: boom, toJSON: boom });

/** A Proxy claiming to be the library's error: the brand reads true, the prototype is the error class's. */
const forgedError = () =>
  new Proxy(
    {},
    {
      get: (_, key) => (key === Symbol.for('housing-complaints.error') || key === Symbol.for('housing-complaints.invalid-input') ? true : key === 'name' ? 'InvalidInputError' : undefined),
      getPrototypeOf: () => HousingComplaintsError.prototype,
    },
  );

/** An array that says it holds 2^32 - 1 entries, each a valid date. */
const hugeProxyArray = () => new Proxy([] as unknown[], { get: (target, key) => (key === 'length' ? 2 ** 32 - 1 : typeof key === 'string' && /^\d+$/.test(key) ? '2024-06-03' : Reflect.get(target, key)) });

/** Every hostile value, by name. */
export const hostileValues: readonly (readonly [string, () => unknown])[] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['0', () => 0],
  ['-1', () => -1],
  ['1.5', () => 1.5],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['2^53', () => 2 ** 53],
  ['true', () => true],
  ['an empty string', () => ''],
  ['a string', () => 'not a date'],
  ['a megabyte string', () => 'x'.repeat(1_000_000)],
  ['a lone surrogate', () => '\ud800'],
  ['a symbol', () => Symbol('hostile')],
  ['a bigint', () => 10n],
  ['a function', () => function hostile() {}],
  ['an arrow function with properties', () => Object.assign(() => {}, { region: 'scotland', date: '2024-01-01' })],
  ['a revoked Proxy of an object', () => revoked({})],
  ['a revoked Proxy of an array', () => revoked([])],
  ['a revoked Proxy of a function', () => revoked(() => {})],
  ['a Proxy whose every trap throws', () => trapsThrow({})],
  ['a Proxy of an array whose every trap throws', () => trapsThrow([])],
  ['an object that only pretends to be a Date', () => Object.create(Date.prototype)],
  ['an Invalid Date', () => new Date(Number.NaN)],
  ['a Date with throwing methods', () => Object.assign(new Date('2024-01-01T00:00:00Z'), { getTime: boom, toISOString: boom, valueOf: boom })],
  ['an object with throwing converters', throwingConverters],
  ['a Date-like object with throwing converters', () => Object.defineProperties(Object.create(Date.prototype), Object.getOwnPropertyDescriptors(throwingConverters()))],
  ['a String object', () => new String('2024-01-01')],
  ['an object without a prototype', () => Object.create(null)],
  ['a frozen empty object', () => Object.freeze({})],
  ['a sparse array', () => [, , '2024-01-01']],
  ['an array of holes', () => new Array(5)],
  ['an array with a throwing getter', () => Object.defineProperty(['2024-01-01'], 0, { get: boom })],
  ['an array claiming 2^32 - 1 entries', hugeProxyArray],
  ['an object whose getters throw', () => new Proxy({}, { get: boom })],
  ['a forged library error', forgedError],
  ['a Map', () => new Map([['region', 'scotland']])],
  ['a RegExp', () => /2024-01-01/],
];

/** Each hostile value, made fresh, with its name: for `it.each`. */
export const eachHostile = (): [string, unknown][] => hostileValues.map(([name, make]) => [name, make()]);

/** A getter that gives `first` on the first read and `then` on every later one; `reads()` counts reads. */
export function flipping<T extends object>(object: T, key: string, first: unknown, then: unknown): T & { reads(): number } {
  let reads = 0;
  Object.defineProperty(object, key, { enumerable: true, get: () => (reads++ === 0 ? first : then) });
  Object.defineProperty(object, 'reads', { value: () => reads, configurable: true });
  return object as T & { reads(): number };
}

/** What a call did: returned a result, or threw an error. */
export type Outcome = { returned: true; result: unknown } | { returned: false; error: unknown };

/** Runs `fn` and says whether it returned or threw, and what. */
export function outcome(fn: () => unknown): Outcome {
  try {
    return { returned: true, result: fn() };
  } catch (error) {
    return { returned: false, error };
  }
}
