/**
 * The options the measures and the annual report share: the reporting period, the homes, and the
 * counting choices the regulator's technical requirements leave to the landlord. Options are copied
 * once into plain data and checked before a record is read.
 */
import { isIsoDate, type IsoDate } from '../calendar/isoDate.js';
import { InvalidInputError, readOptions } from '../errors.js';
import { NotPlain, plainCopy } from '../plain.js';
import { TIMELINESS_DEFAULTS, type TimelinessOptions } from './timeliness.js';

/**
 * A reporting period: UK days, both ends included. The regulator's reporting year runs from
 * 1 April to 31 March.
 *
 * @example
 * ```ts
 * const year: ReportingPeriod = { from: '2024-04-01', to: '2025-03-31' };
 * ```
 */
export interface ReportingPeriod {
  /** The first day, `'YYYY-MM-DD'`. */
  readonly from: IsoDate;
  /** The last day, `'YYYY-MM-DD'`, on or after `from`. */
  readonly to: IsoDate;
}

/**
 * The homes the measures are counted against: one number, or the low-cost rental (LCRA) and
 * low-cost home ownership (LCHO) homes apart, for measures split by tenure.
 *
 * @example
 * ```ts
 * const homes: Homes = { lowCostRental: 4000, lowCostHomeOwnership: 1000 };
 * ```
 */
export type Homes =
  | number
  | {
      /** Low-cost rental accommodation: general needs and supported housing. */
      readonly lowCostRental: number;
      /** Low-cost home ownership: shared ownership. */
      readonly lowCostHomeOwnership: number;
    };

/**
 * How complaints the Code treats apart are counted in the measures (CH01) and the annual report's
 * volumes, with the timeliness choices of {@link TimelinessOptions}. See `docs/reporting.md` for
 * each default and its reason.
 *
 * @example
 * ```ts
 * const options: CountingOptions = { withdrawn: 'exclude', extensions: 'original-deadline' };
 * ```
 */
export interface CountingOptions extends TimelinessOptions {
  /**
   * A complaint declined under section 2 (or as not a complaint, 1.4), at the stage it was declined:
   * - `'exclude'` (default): not counted as received at that stage; counted apart in `excluded`
   *   and, in the annual report, under `declines` by reason (8.1(b) asks for the types of
   *   complaints refused).
   * - `'include'`: counted as received.
   */
  readonly declined?: 'exclude' | 'include';
  /**
   * A complaint withdrawn while a stage was open (stage 2 once escalated, otherwise stage 1
   * before its response):
   * - `'include'` (default): counted as received at that stage: it was received.
   * - `'exclude'`: not counted at that stage; counted apart in `excluded`.
   */
  readonly withdrawn?: 'include' | 'exclude';
  /**
   * A request for stage 2 that was refused (5.11):
   * - `'exclude'` (default): not a stage 2 complaint received; counted apart in `excluded`.
   * - `'include'`: counted as a stage 2 complaint received on the day it was requested.
   */
  readonly escalationRefused?: 'exclude' | 'include';
}

/**
 * {@link CountingOptions} with every default filled in: what a result says it counted by.
 *
 * @example
 * ```ts
 * const effective: EffectiveCountingOptions = { declined: 'exclude', withdrawn: 'include', escalationRefused: 'exclude', extensions: 'permitted', lateAcknowledgement: 'response-deadline' };
 * ```
 */
export type EffectiveCountingOptions = { readonly [K in keyof CountingOptions]-?: NonNullable<CountingOptions[K]> };

/** @internal The defaults of {@link CountingOptions}. */
export const COUNTING_DEFAULTS: EffectiveCountingOptions = {
  declined: 'exclude',
  withdrawn: 'include',
  escalationRefused: 'exclude',
  extensions: TIMELINESS_DEFAULTS.extensions,
  lateAcknowledgement: TIMELINESS_DEFAULTS.lateAcknowledgement,
};

const CHOICES: { readonly [K in keyof EffectiveCountingOptions]: readonly EffectiveCountingOptions[K][] } = {
  declined: ['exclude', 'include'],
  withdrawn: ['include', 'exclude'],
  escalationRefused: ['exclude', 'include'],
  extensions: ['permitted', 'original-deadline', 'any-agreed'],
  lateAcknowledgement: ['response-deadline', 'as-if-acknowledged-on-time', 'not-within-timescale'],
};

/** @internal The names of the counting options. */
export const COUNTING_KEYS = Object.keys(CHOICES) as (keyof EffectiveCountingOptions)[];

/**
 * @internal `value` copied once into plain data and read as an options object with only `keys`:
 * anything else is an {@link InvalidInputError} naming the option.
 */
export function copyOptions<K extends string>(value: unknown, keys: readonly K[]): Partial<Record<K, unknown>> {
  let copy: unknown;
  try {
    copy = plainCopy(value, { maxDepth: 4, maxValues: 200 });
  } catch (error) {
    const where = error instanceof NotPlain && error.path.length > 0 ? `options.${error.path.join('.')}` : 'options';
    throw new InvalidInputError(where, error instanceof NotPlain ? error.value : value, `plain data (it ${error instanceof NotPlain ? error.reason : 'could not be read'})`);
  }
  return readOptions(copy, keys);
}

/** @internal The counting options of a read options object, with their defaults. */
export function readCounting(read: Partial<Record<keyof EffectiveCountingOptions, unknown>>): EffectiveCountingOptions {
  const out: Record<string, unknown> = {};
  for (const key of COUNTING_KEYS) {
    const value = read[key];
    const choices = CHOICES[key] as readonly unknown[];
    if (value === undefined) out[key] = COUNTING_DEFAULTS[key];
    else if (choices.includes(value)) out[key] = value;
    else throw new InvalidInputError(`options.${key}`, value, `one of ${choices.map((c) => `'${String(c)}'`).join(', ')}`);
  }
  return out as EffectiveCountingOptions;
}

/** @internal A checked {@link ReportingPeriod} (a copy). */
export function readPeriod(value: unknown): ReportingPeriod {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('options.period', value, "a period { from, to } of 'YYYY-MM-DD' dates");
  }
  const { from, to, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new InvalidInputError(`options.period.${extra.slice(0, 40)}`, rest[extra], 'no such field (from, to)');
  if (!isIsoDate(from)) throw new InvalidInputError('options.period.from', from, "a real date, 'YYYY-MM-DD'");
  if (!isIsoDate(to)) throw new InvalidInputError('options.period.to', to, "a real date, 'YYYY-MM-DD'");
  if (from > to) throw new InvalidInputError('options.period', { from, to }, `a period whose 'to' (${to}) is not before its 'from' (${from})`);
  return { from, to };
}

const HOMES = 'a whole number of homes, 1 or more, or { lowCostRental, lowCostHomeOwnership }';

function homeCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InvalidInputError(path, value, 'a whole number of homes, 1 or more');
  return value;
}

/** @internal Checked {@link Homes} (a copy). */
export function readHomes(value: unknown): Homes {
  if (typeof value === 'number') return homeCount(value, 'options.homes');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError('options.homes', value, HOMES);
  const { lowCostRental, lowCostHomeOwnership, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new InvalidInputError(`options.homes.${extra.slice(0, 40)}`, rest[extra], 'no such field (lowCostRental, lowCostHomeOwnership)');
  const split = { lowCostRental: homeCount(lowCostRental, 'options.homes.lowCostRental'), lowCostHomeOwnership: homeCount(lowCostHomeOwnership, 'options.homes.lowCostHomeOwnership') };
  // The measures count against the two added: their sum must be a whole number held exactly too.
  if (!Number.isSafeInteger(split.lowCostRental + split.lowCostHomeOwnership)) throw new InvalidInputError('options.homes', value, `${HOMES}, at most ${Number.MAX_SAFE_INTEGER} in all`);
  return split;
}

/**
 * @internal `numerator / denominator × scale`, rounded half up to one decimal place, computed in
 * whole numbers so that no binary fraction tips a half the wrong way (7 of 8 is 87.5%, not 87.4%).
 * `null` when the denominator is 0.
 */
export function oneDecimal(numerator: number, denominator: number, scale: number): number | null {
  if (denominator === 0) return null;
  const scaled = numerator * scale * 10;
  let tenths = Math.floor(scaled / denominator);
  let rest = scaled - tenths * denominator;
  // The division is a float: put a quotient it rounded across a whole number back.
  if (rest < 0) (tenths--, (rest += denominator));
  else if (rest >= denominator) (tenths++, (rest -= denominator));
  if (2 * rest >= denominator) tenths++;
  return tenths / 10;
}
