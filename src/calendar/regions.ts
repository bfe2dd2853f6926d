/**
 * The three divisions of the GOV.UK bank holidays feed, and so of this library's working-day
 * clock: each UK nation's residents have their own bank holidays. Frozen: no caller can change it.
 *
 * @example
 * ```ts
 * import { REGIONS } from 'housing-complaints/calendar';
 *
 * REGIONS; //=> ['england-and-wales', 'scotland', 'northern-ireland']
 * ```
 */
export const REGIONS = Object.freeze(['england-and-wales', 'scotland', 'northern-ireland'] as const);

/**
 * A UK bank holiday division: `'england-and-wales'`, `'scotland'` or `'northern-ireland'`.
 *
 * @example
 * ```ts
 * const region: Region = 'scotland';
 * ```
 */
export type Region = (typeof REGIONS)[number];

/**
 * Whether `value` names one of the three {@link REGIONS}.
 *
 * @example
 * ```ts
 * isRegion('scotland'); //=> true
 * isRegion('wales'); //=> false (Wales shares England's bank holidays: use 'england-and-wales')
 * ```
 */
export function isRegion(value: unknown): value is Region {
  return value === 'england-and-wales' || value === 'scotland' || value === 'northern-ireland';
}

/** @internal The regions, for an error message. */
export const REGION_NAMES = "'england-and-wales', 'scotland' or 'northern-ireland'";
