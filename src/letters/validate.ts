import type * as z from 'zod/mini';
import { HousingComplaintsError, asText, isErrorNamed, typedErrors } from '../errors.js';
import { ombudsmanName } from './ombudsman.js';
import { LETTER_KINDS, fieldProvision, letterParts, type LetterKind } from './parts.js';
import { type NotPlain, pathText as keyPath, plainCopy } from './plain.js';
import { Letter } from './schemas.js';

/**
 * One problem with a letter: where it is, which provision of the Code it breaches, and what is
 * wrong in plain words.
 *
 * @example
 * ```ts
 * const issue: LetterIssue = { path: ['escalation', 'route'], provision: '6.9(g)', message: 'escalation.route: must not be empty' };
 * ```
 */
export interface LetterIssue {
  /** The path to the offending value, e.g. `['findings', 0, 'reasons']`; `[]` for the letter itself. */
  readonly path: readonly (string | number)[];
  /** The Code provision the rule comes from, e.g. `'6.9(g)'`; record-keeping fields cite `'5.12'`. */
  readonly provision: string;
  /** What is wrong, naming the field. */
  readonly message: string;
}

/**
 * A letter did not validate. `issues` lists every problem found, each with its provision.
 *
 * @throws `InvalidInputError` at `'issues'` when constructed with issues it cannot read
 *
 * @example
 * ```ts
 * try {
 *   parseLetter({ kind: 'decline-notice' });
 * } catch (error) {
 *   isLetterValidationError(error); //=> true
 * }
 * ```
 */
export class LetterValidationError extends HousingComplaintsError {
  /** The class name, `'LetterValidationError'`: what the `isX()` guards check. */
  override name = 'LetterValidationError';
  /** Every problem found. */
  readonly issues: readonly LetterIssue[];
  constructor(issues: readonly LetterIssue[], kind: string) {
    // Reads only the first five issues and the count: a huge or hostile list costs nothing more.
    super(
      typedErrors('issues', issues, 'an array of { path, provision, message }', () => {
        const shown = issues.slice(0, 5).map((issue) => `${issue.message} (${issue.provision})`);
        return `The ${asText(kind)} is not valid: ${shown.join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}.`;
      }),
    );
    this.issues = issues;
  }
}

/**
 * Whether `error` is a {@link LetterValidationError}.
 *
 * @example
 * ```ts
 * isLetterValidationError(new Error('no')); //=> false
 * ```
 */
export function isLetterValidationError(error: unknown): error is LetterValidationError {
  return isErrorNamed(error, 'LetterValidationError');
}

/**
 * The result of {@link validateLetter}.
 *
 * @example
 * ```ts
 * const result: LetterValidation = validateLetter({});
 * result.ok; //=> false
 * ```
 */
export type LetterValidation =
  | {
      /** The letter is valid. */
      ok: true;
      /** The clean letter, text trimmed. */
      letter: Letter;
    }
  | {
      /** The letter is not valid. */
      ok: false;
      /** Every problem found. */
      issues: LetterIssue[];
    };

function kindOf(input: unknown): LetterKind | undefined {
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  return LETTER_KINDS.find((k) => k === kind);
}

function stageOf(input: unknown, kind: LetterKind | undefined): 1 | 2 {
  if (kind === 'stage2-response') return 2;
  return typeof input === 'object' && input !== null && (input as { stage?: unknown }).stage === 2 ? 2 : 1;
}

/** What the (copied) letter calls its ombudsman, when it gives a valid name: so a message names the part as the letter would. */
function ombudsmanOf(input: unknown): string | undefined {
  const contact = typeof input === 'object' && input !== null ? (input as { ombudsman?: unknown }).ombudsman : undefined;
  const called = typeof contact === 'object' && contact !== null ? (contact as { calledInLetters?: unknown }).calledInLetters : undefined;
  const name = ombudsmanName.safeParse(called);
  return name.success ? name.data : undefined;
}

/** Whether `path` leads to a value that is present (even if invalid) in `input`. */
function isPresent(input: unknown, path: readonly (string | number)[]): boolean {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value !== undefined;
}

function provisionFor(kind: LetterKind | undefined, stage: 1 | 2, path: readonly (string | number)[]): string {
  if (!kind) return '5.12';
  if (path[0] === 'remedies' && path.length > 2) return '7.3';
  return fieldProvision(kind, stage, path[0]);
}

function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function pathText(path: readonly (string | number)[]): string {
  return keyPath('', path) || 'the letter';
}

function toIssues(input: unknown, error: z.core.$ZodError): LetterIssue[] {
  const kind = kindOf(input);
  const stage = stageOf(input, kind);
  const issues: LetterIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = [...path, key];
        issues.push({ path: at, provision: '5.12', message: `${pathText(at)}: not a field of ${kind ? withArticle(kind) : 'this letter'}; a letter is an exact record, so unknown fields are refused` });
      }
      continue;
    }
    const custom = issue.code === 'custom' ? (issue.params as { provision?: string } | undefined)?.provision : undefined;
    // A stage that is there but is neither 1 nor 2 breaks the two-stage rule itself (5.2).
    const stageValue = path.length === 1 && path[0] === 'stage' ? (input as { stage?: unknown }).stage : undefined;
    const provision = custom ?? (stageValue !== undefined && stageValue !== 1 && stageValue !== 2 ? '5.2' : provisionFor(kind, stage, path));
    let message: string;
    if (path.length === 0) {
      message = typeof input === 'object' && input !== null && !Array.isArray(input) ? `the letter ${issue.message}` : 'a letter must be an object';
    } else if (issue.code !== 'custom' && !isPresent(input, path)) {
      const part = kind && path.length === 1 ? letterParts(kind, stage, { ombudsman: ombudsmanOf(input) }).find((p) => p.field === path[0]) : undefined;
      message = part
        ? `${pathText(path)}: missing; ${withArticle(kind!)} must include the part "${part.title}"`
        : path.length === 1 && provision === '5.12'
          ? `${pathText(path)}: missing; every letter is part of the complaint's record`
          : `${pathText(path)}: missing`;
    } else {
      message = `${pathText(path)}: ${issue.message}`;
    }
    issues.push({ path, provision, message });
  }
  return issues;
}

/**
 * Validates a letter without throwing: every problem is listed, each naming the Code provision it
 * breaches. Text is trimmed in the returned letter; unknown fields are refused, not dropped. The
 * letter is copied first, reading each property once: input that cannot be read as plain data (a
 * revoked Proxy, a throwing getter, nesting deeper than 8 levels) is an issue, never a crash.
 *
 * Rules that compare fields (every point answered, a decision that fits the findings) are checked
 * once the letter has all its required fields; a letter missing one is told that first.
 *
 * @param letter - anything, typically parsed JSON
 * @returns `{ ok: true, letter }` with the clean letter, or `{ ok: false, issues }`
 *
 * @example
 * ```ts
 * const result = validateLetter({
 *   kind: 'decline-notice', complaintId: 'C-9', sentOn: '2025-02-03',
 *   reasons: '  The matter is already before the county court.  ',
 *   ombudsman: HOUSING_OMBUDSMAN,
 * });
 * result.ok; //=> true
 * result.ok && result.letter.reasons; //=> 'The matter is already before the county court.'
 * ```
 */
export function validateLetter(letter: unknown): LetterValidation {
  return check(letter).result;
}

/** Validates a copy of `letter`, read once; the kind is read from the same copy, for messages. */
function check(letter: unknown): { result: LetterValidation; kind: LetterKind | undefined } {
  let input: unknown;
  try {
    input = plainCopy(letter);
  } catch (error) {
    const { path, reason } = error as NotPlain;
    return { result: { ok: false, issues: [{ path, provision: '5.12', message: `${pathText(path)}: ${reason}; a letter must be plain data` }] }, kind: undefined };
  }
  let result: ReturnType<typeof Letter.safeParse>;
  try {
    result = Letter.safeParse(input);
  } catch {
    // Plain data, but so many problems that listing them exhausts the stack.
    return { result: { ok: false, issues: [{ path: [], provision: '5.12', message: 'the letter is too large to check: it has too many problems to list' }] }, kind: kindOf(input) };
  }
  if (result.success) return { result: { ok: true, letter: result.data }, kind: result.data.kind };
  return { result: { ok: false, issues: toIssues(input, result.error) }, kind: kindOf(input) };
}

/**
 * Validates a letter and returns it clean, or throws a {@link LetterValidationError} carrying every
 * issue.
 *
 * @param letter - anything, typically parsed JSON
 * @returns the letter, with text trimmed
 * @throws {@link LetterValidationError}
 *
 * @example
 * ```ts
 * parseLetter({ kind: 'escalation-refusal', complaintId: 'C-9', sentOn: '2025-02-03', reasons: 'x' }); // throws LetterValidationError
 * ```
 */
export function parseLetter(letter: unknown): Letter {
  const { result, kind } = check(letter);
  if (result.ok) return result.letter;
  throw new LetterValidationError(result.issues, kind ?? 'letter');
}
