/**
 * The building blocks every letter schema shares: trimmed non-empty text, real ISO dates.
 */
import * as z from 'zod/mini';
import { isIsoDate } from '../calendar/isoDate.js';

/** The longest text field accepted, in characters: long enough for any letter, short enough to refuse garbage. */
export const MAX_TEXT = 20_000;

/** Trimmed text with at least one letter or digit. */
/**
 * Some letter or digit: text of only spaces, invisible or combining characters says nothing. The
 * Hangul fillers are letters to Unicode but print as blanks, so they do not count.
 */
const SAYS_SOMETHING = /[\p{L}\p{N}]/u;
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0]/gu;

export const text = z
  .string({ error: 'must be text' })
  .check(
    z.trim(),
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` }),
    z.refine((value) => value === '' || SAYS_SOMETHING.test(value.replace(BLANK_LETTERS, '')), { error: 'must contain words, not only invisible characters or symbols' }),
  );

/** A real calendar date, `'YYYY-MM-DD'`. */
export const isoDate = z
  .string({ error: "must be a date 'YYYY-MM-DD'" })
  .check(z.refine(isIsoDate, { error: (issue) => `must be a real date 'YYYY-MM-DD', got ${JSON.stringify(issue.input)}` }));
