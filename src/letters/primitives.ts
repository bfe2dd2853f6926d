/**
 * The building blocks every letter schema shares, one definition each: text (trimmed, non-empty,
 * printable), real ISO dates and whole pence. The machine's stored record uses the same `text`, so
 * one rule holds for every string the library keeps or prints.
 */
import * as z from 'zod/mini';
import { isIsoDate } from '../calendar/isoDate.js';

/** The longest text field accepted, in characters: long enough for any letter, short enough to refuse garbage. */
export const MAX_TEXT = 20_000;

/**
 * Some letter or digit: text of only spaces, invisible or combining characters says nothing. The
 * Hangul fillers are letters to Unicode but print as blanks, so they do not count.
 */
const SAYS_SOMETHING = /[\p{L}\p{N}]/u;
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0]/gu;

/**
 * Characters no text may hold, because a terminal, a printer or a screen reader acts on them rather
 * than showing them: C0 controls other than tab, line feed and carriage return; DEL; C1 controls
 * (U+0080 to U+009F); the bidi embeddings, overrides and isolates (U+202A to U+202E, U+2066 to
 * U+2069), which make text read differently from what it holds; and lone surrogates (broken UTF-16,
 * printed as U+FFFD).
 */
const UNSAFE = /[\0-\x08\v\f\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** @internal `value` made safe to quote in a message: at most 60 characters, unsafe characters written `<U+001B>`. */
export function printable(value: string): string {
  return value.slice(0, 60).replace(new RegExp(UNSAFE, 'gu'), (c) => `<${codePoint(c)}>`) + (value.length > 60 ? '...' : '');
}

/**
 * @internal Text as every letter field, and every string the machine stores, must be: trimmed,
 * at most {@link MAX_TEXT} characters, with a letter or digit, and none of the control or
 * text-direction characters terminals act on. The one definition of text in the library.
 */
export const text = z.string({ error: 'must be text' }).check(
  z.trim(),
  z.minLength(1, { error: 'must not be empty' }),
  z.maxLength(MAX_TEXT, { error: `must be at most ${MAX_TEXT} characters` }),
  // Aborts: no later rule (a duplicate id, a missing finding) quotes the text in its message.
  z.refine((value) => !UNSAFE.test(value), {
    abort: true,
    error: (issue) => `must not contain control characters or text-direction overrides (found ${codePoint(UNSAFE.exec(issue.input as string)![0])})`,
  }),
  z.refine((value) => value === '' || SAYS_SOMETHING.test(value.replace(BLANK_LETTERS, '')), { error: 'must contain words, not only invisible characters or symbols' }),
);

/** @internal A real calendar date, `'YYYY-MM-DD'`. */
export const isoDate = z
  .string({ error: "must be a date 'YYYY-MM-DD'" })
  .check(z.refine(isIsoDate, { error: (issue) => `must be a real date 'YYYY-MM-DD', got ${JSON.stringify(printable(issue.input as string))}` }));

/**
 * @internal Whether `value` is an amount of money as the library holds it: a whole number of pence,
 * not negative, and exact (a safe integer). The one domain of money: `formatPounds` accepts it, and
 * a financial `Remedy` is a positive amount of it.
 */
export function isPence(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
