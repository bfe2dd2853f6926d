import { InvalidInputError, asText, isErrorNamed, summarise } from '../errors.js';

/** The problems (at most 10,000), as strings, read safely from whatever was given. */
function problemList(problems: unknown): string[] {
  const list: string[] = [];
  try {
    if (!Array.isArray(problems)) return [asText(problems)];
    const count = Math.min(problems.length, 10_000);
    for (let i = 0; i < count; i++) list.push(asText(problems[i]));
  } catch {
    // Keep what could be read.
  }
  return list;
}

/**
 * A policy does not match the {@link Policy} schema. It is an {@link InvalidInputError} at `path`
 * `'policy'`, with every problem listed in `problems`.
 *
 * @example
 * ```ts
 * checkPolicy({ id: 'mine' } as never); // throws InvalidPolicyError
 * new InvalidPolicyError(['id: must not be empty']).path; //=> 'policy'
 * ```
 */
export class InvalidPolicyError extends InvalidInputError {
  /** The class name, `'InvalidPolicyError'`: what the `isX()` guards check. */
  override name = 'InvalidPolicyError';
  /** Every problem found, each as `path: message`. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[], value?: unknown, path = 'policy') {
    super(path, value, 'a policy');
    const list = problemList(problems);
    this.message = `The policy is not valid: ${summarise(list)}.`;
    this.problems = list;
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
  return isErrorNamed(error, 'InvalidPolicyError');
}
