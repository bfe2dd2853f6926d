const BRAND = Symbol.for('housing-complaints.error');
const INPUT_BRAND = Symbol.for('housing-complaints.invalid-input');
/** Every error this build made: what {@link typedErrors} lets through, so a forged brand cannot pass. */
const made = new WeakSet<object>();

/** The `cause` of error options, read once and safely (a hostile `options` is ignored). */
function errorOptions(options: unknown): ErrorOptions | undefined {
  try {
    return typeof options === 'object' && options !== null && 'cause' in options ? { cause: (options as ErrorOptions).cause } : undefined;
  } catch {
    return undefined;
  }
}

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
  constructor(message?: string, options?: ErrorOptions) {
    super(message === undefined ? undefined : asText(message), errorOptions(options));
    made.add(this);
  }
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
  return branded(error, BRAND);
}

/** Whether `value` carries `brand`; never throws (a revoked Proxy or a throwing trap is not branded). */
function branded(value: unknown, brand: symbol): boolean {
  try {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  } catch {
    return false;
  }
}

/**
 * @internal Whether `error` is one of this library's errors with the class name `name` (what the
 * `isX()` guards check); never throws, whatever `error` is.
 */
export function isErrorNamed(error: unknown, name: string): boolean {
  try {
    return isHousingComplaintsError(error) && error.name === name;
  } catch {
    return false;
  }
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
    super(`Invalid ${asText(path)}: expected ${asText(expected)}, got ${describeValue(value)}.`);
    this.path = asText(path);
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
  return isHousingComplaintsError(error) && branded(error, INPUT_BRAND);
}

/**
 * @internal Runs `fn`; anything it throws that is not an error made by this library (a hostile
 * getter, a Proxy, a value of the wrong shape deep inside, an object forging the brand) becomes an
 * {@link InvalidInputError} at `path`, so a caller only ever catches typed errors.
 */
export function typedErrors<T>(path: string, value: unknown, expected: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (typeof error === 'object' && error !== null && made.has(error)) throw error;
    throw new InvalidInputError(path, value, expected);
  }
}

/** @internal The first problems of a list, for an error message: `a; b; and 3 more`. */
export function summarise(problems: readonly string[], shown = 5): string {
  return `${problems.slice(0, shown).join('; ')}${problems.length > shown ? `; and ${problems.length - shown} more` : ''}`;
}

/** @internal `text` itself when it is a string, else {@link describeValue} of it: safe in a message. */
export function asText(text: unknown): string {
  return typeof text === 'string' ? text : describeValue(text);
}

/**
 * @internal Describes a bad value for an error message. Total: it never throws and never runs the
 * value's own code (no `toString`, `valueOf`, `Symbol.toPrimitive`, getter or Proxy trap), so a
 * revoked Proxy, an object that only pretends to be a `Date` or a throwing converter is described
 * like any other object.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
  }
  if (value === null) return 'null';
  try {
    // A real Date (of any realm) has a time value; anything else, even with Date.prototype, throws here.
    const time = Date.prototype.getTime.call(value);
    return `a Date (${Number.isNaN(time) ? 'Invalid Date' : new Date(time).toISOString()})`;
  } catch {
    // Not a Date.
  }
  try {
    if (Array.isArray(value)) return 'an array';
  } catch {
    // A revoked Proxy.
  }
  return `a value of type ${typeof value}`;
}

/**
 * @internal Reads the named options of `value` once each, refusing anything but `undefined` or an
 * object with only those keys; each problem is an {@link InvalidInputError} naming the option.
 */
export function readOptions<K extends string>(value: unknown, keys: readonly K[]): Partial<Record<K, unknown>> {
  const expected = `undefined or an options object { ${keys.map((key) => `${key}?`).join(', ')} }`;
  return typedErrors('options', value, expected, () => {
    if (value === undefined) return {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError('options', value, expected);
    const unknown = Object.keys(value).find((key) => !(keys as readonly string[]).includes(key));
    if (unknown !== undefined) {
      let found: unknown;
      try {
        found = (value as Record<string, unknown>)[unknown];
      } catch {
        // Shown as undefined: the option does not exist either way.
      }
      throw new InvalidInputError(`options.${unknown.slice(0, 40)}`, found, `no such option (${keys.join(', ')})`);
    }
    const read: Partial<Record<K, unknown>> = {};
    for (const key of keys) read[key] = typedErrors(`options.${key}`, undefined, 'a value that can be read (reading it threw)', () => (value as Record<string, unknown>)[key]);
    return read;
  });
}
