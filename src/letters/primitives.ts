/**
 * The building blocks every letter schema shares: trimmed non-empty text, real ISO dates.
 */
import * as z from 'zod/mini';
import { isIsoDate } from '../calendar/isoDate.js';

/** The longest text field accepted, in characters: long enough for any letter, short enough to refuse garbage. */
export const MAX_TEXT = 20_000;

/** Trimmed, non-empty text. */
export const text = z
  .string({ error: 'must be text' })
  .check(z.trim(), z.minLength(1, { error: 'must not be empty' }), z.maxLength(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` }));

/** A real calendar date, `'YYYY-MM-DD'`. */
export const isoDate = z
  .string({ error: "must be a date 'YYYY-MM-DD'" })
  .check(z.refine(isIsoDate, { error: (issue) => `must be a real date 'YYYY-MM-DD', got ${JSON.stringify(issue.input)}` }));
