import { HousingComplaintsError, isHousingComplaintsError, summarise } from '../errors.js';

/**
 * A policy does not match the {@link Policy} schema.
 *
 * @example
 * ```ts
 * checkPolicy({ id: 'mine' } as never); // throws InvalidPolicyError
 * ```
 */
export class InvalidPolicyError extends HousingComplaintsError {
  /** The class name, `'InvalidPolicyError'`: what the `isX()` guards check. */
  override name = 'InvalidPolicyError';
  /** Every problem found, each as `path: message`. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The policy is not valid: ${summarise(problems)}.`);
    this.problems = problems;
  }
}

/**
 * Whether `error` is an {@link InvalidPolicyError}.
 *
 * @example
 * ```ts
 * isInvalidPolicyError(new InvalidPolicyError(['id: must not be empty'])); //=> true
 * ```
 */
export function isInvalidPolicyError(error: unknown): error is InvalidPolicyError {
  return isHousingComplaintsError(error) && error.name === 'InvalidPolicyError';
}
