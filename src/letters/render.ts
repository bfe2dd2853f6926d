import * as z from 'zod/mini';
import { InvalidInputError, isErrorNamed } from '../errors.js';
import { layOut, type Block, type LetterDocument, type LetterRecipient, type LetterSender } from './document.js';
import { pathText, plainCopy, type NotPlain } from './plain.js';
import { text } from './primitives.js';
import { parseLetter } from './validate.js';

/**
 * Options of {@link renderLetter}.
 *
 * @example
 * ```ts
 * const options: RenderLetterOptions = { format: 'html', standalone: true, landlord: { name: 'Peaks & Plains Housing Trust' } };
 * ```
 */
export interface RenderLetterOptions {
  /** `'text'` for plain text (every line at most 76 characters), `'html'` for HTML. */
  format: 'text' | 'html';
  /** The landlord sending the letter. */
  landlord?: LetterSender;
  /** The resident it is sent to. */
  resident?: LetterRecipient;
  /** HTML only: a whole document with its own inline style, rather than an `<article>` to embed. */
  standalone?: boolean;
}

/**
 * The options given to {@link renderLetter} are not usable: an unknown format, a landlord or
 * resident without a name, a detail that is not one line of text, or options that cannot be read
 * as plain data. `path` names the option, e.g. `'options.landlord.address[1]'`.
 *
 * @example
 * ```ts
 * renderLetter({}, { format: 'pdf' as never }); // throws LetterValidationError (the letter is checked first)
 * new InvalidRenderOptionsError('options.format', 'pdf', "'text' or 'html'").path; //=> 'options.format'
 * ```
 */
export class InvalidRenderOptionsError extends InvalidInputError {
  /** The class name, `'InvalidRenderOptionsError'`: what the `isX()` guards check. */
  override name = 'InvalidRenderOptionsError';
}

/**
 * Whether `error` is an {@link InvalidRenderOptionsError}.
 *
 * @example
 * ```ts
 * isInvalidRenderOptionsError(new InvalidRenderOptionsError('options.format', 'pdf', "'text' or 'html'")); //=> true
 * ```
 */
export function isInvalidRenderOptionsError(error: unknown): error is InvalidRenderOptionsError {
  return isErrorNamed(error, 'InvalidRenderOptionsError');
}

/** The widest line of the plain text, in characters as a reader sees them (grapheme clusters). */
const WIDTH = 76;

const segmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : undefined;

/**
 * The characters of a word as a reader sees them: grapheme clusters (an emoji with its modifiers,
 * a letter with its accents) where the platform can tell them, otherwise code points; never half
 * a surrogate pair. Plain ASCII is its own characters.
 */
function characters(word: string): string | string[] {
  if (!/[^\0-\x7F]/.test(word)) return word;
  return segmenter ? Array.from(segmenter.segment(word), (s) => s.segment) : Array.from(word);
}

/**
 * Wraps `text` into lines of at most {@link WIDTH} characters, at spaces; a word longer than a line
 * is broken between characters. Whitespace runs (line breaks included) become one space.
 */
function wrap(text: string, indent = '', firstIndent = indent): string[] {
  const room = WIDTH - indent.length;
  const lines: string[] = [];
  let line = firstIndent;
  let width = firstIndent.length;
  let empty = true;
  for (const word of text.split(/\s+/)) {
    const chars = characters(word);
    for (let i = 0; i < chars.length; i += room) {
      const piece = chars.slice(i, i + room);
      if (!empty && width + 1 + piece.length > WIDTH) {
        lines.push(line);
        line = indent;
        width = indent.length;
        empty = true;
      }
      line += `${empty ? '' : ' '}${typeof piece === 'string' ? piece : piece.join('')}`;
      width += piece.length + (empty ? 0 : 1);
      empty = false;
    }
  }
  lines.push(line);
  return lines;
}

function textBlock(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
      return block.text.split('\n').flatMap((line) => wrap(line));
    case 'list':
      return block.items.flatMap((item) => wrap(item, '  ', '- '));
    case 'address':
      return block.lines.flatMap((line) => wrap(line, '  '));
  }
}

function toText(doc: LetterDocument): string {
  const out: string[] = [];
  // Every line is wrapped, the head's too: a long name or reference cannot widen the letter.
  const put = (lines: readonly string[]) => {
    for (const line of lines) for (const part of wrap(line)) out.push(part);
  };
  if (doc.sender) put([...contact(doc.sender), '']);
  put([doc.date, '']);
  if (doc.recipient) put([doc.recipient.name, ...(doc.recipient.address ?? []), '']);
  put([`Our reference: ${doc.reference}`, '', doc.title.toUpperCase(), '', doc.salutation, '']);
  for (const section of doc.sections) {
    // A heading naming a long ombudsman's name wraps too, underlined as wide as its widest line.
    const heading = wrap(section.heading);
    out.push(...heading, '-'.repeat(Math.max(...heading.map((line) => characters(line).length))));
    for (const block of section.blocks) for (const line of [...textBlock(block), '']) out.push(line);
  }
  put(doc.signOff);
  return `${out.join('\n')}\n`;
}

/** The landlord's lines at the head of the letter. */
function contact(sender: LetterSender): string[] {
  return [sender.name, ...(sender.address ?? []), ...(sender.phone ? [sender.phone] : []), ...(sender.email ? [sender.email] : [])];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values alike. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function htmlBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${block.text.split('\n').map(escapeHtml).join('<br>')}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'address':
      return `<address>${block.lines.map(escapeHtml).join('<br>')}</address>`;
  }
}

const STYLE =
  'body{font-family:Arial,Helvetica,sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0b0c0c}' +
  'h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}address{font-style:normal;margin:0 0 1rem}.hc-meta{margin:1rem 0}';

function toHtml(doc: LetterDocument, standalone: boolean): string {
  const lines = (items: string[]) => items.map(escapeHtml).join('<br>');
  const parts: string[] = ['<article class="hc-letter" lang="en-GB">'];
  if (doc.sender) {
    parts.push(`<address class="hc-sender">${lines(contact(doc.sender))}</address>`);
  }
  parts.push(`<p class="hc-meta">${escapeHtml(doc.date)}<br>Our reference: ${escapeHtml(doc.reference)}</p>`);
  if (doc.recipient) parts.push(`<address class="hc-recipient">${lines([doc.recipient.name, ...(doc.recipient.address ?? [])])}</address>`);
  parts.push(`<h1>${escapeHtml(doc.title)}</h1>`, `<p>${escapeHtml(doc.salutation)}</p>`);
  for (const section of doc.sections) {
    parts.push(`<section><h2>${escapeHtml(section.heading)}</h2>${section.blocks.map(htmlBlock).join('')}</section>`);
  }
  parts.push(`<p class="hc-sign-off">${lines(doc.signOff)}</p>`, '</article>');
  const article = parts.join('\n');
  if (!standalone) return `${article}\n`;
  return `<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(doc.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${article}\n</body>\n</html>\n`;
}

/** The longest line of a landlord's or resident's details, in characters. */
const MAX_LINE = 200;

/**
 * One line of the letter's own {@link text}, for the landlord's and resident's details printed in
 * the head: the same rule, and no line breaks.
 */
const line = text.check(
  z.maxLength(MAX_LINE, { error: `must be at most ${MAX_LINE} characters` }),
  z.refine((value) => !/[\n\r\u2028\u2029]/.test(value), { error: 'must be one line, without line breaks' }),
);

const person = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.optional(
    z.strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `one of ${Object.keys(shape).join(', ')}` : 'an object with a name'),
    }),
  );
const address = z.optional(z.array(line, { error: 'an array of address lines' }));

/**
 * The options, each message saying what was expected. Landlord and resident details go straight
 * into the letter's head, so each is one line of the same text every letter field is.
 */
const Options = z.object({
  format: z.literal(['text', 'html'], { error: "'text' or 'html'" }),
  landlord: person({ name: line, address, phone: z.optional(line), email: z.optional(line), signOff: z.optional(line) }),
  resident: person({ name: line, address }),
  standalone: z.optional(z.boolean({ error: 'true or false' })),
});

/** The options, copied once and checked, or an {@link InvalidRenderOptionsError} naming the option. */
function readOptions(options: unknown): z.infer<typeof Options> {
  let copy: unknown;
  try {
    copy = plainCopy(options);
  } catch (error) {
    const { path, reason, value } = error as NotPlain;
    throw new InvalidRenderOptionsError(pathText('options', path), value, `plain data, but it ${reason}`);
  }
  const result = Options.safeParse(copy);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = (issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path) as (string | number)[];
  const value = path.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[key] : undefined), copy);
  // A line's own rules (from the text rule) read "must ...": they follow what a line is.
  const expected = issue.message.startsWith('must ') ? `one line of text that ${issue.message}` : issue.message;
  throw new InvalidRenderOptionsError(pathText('options', path), value, path.length === 0 ? 'an object such as { format: \'text\' }' : expected);
}

/**
 * Renders a letter as a housing officer would send it: the parts the Code requires under their
 * own headings, in the Code's order ((a) to (g) for responses), dates written out in British style,
 * money in pounds. The letter is validated first, so an invalid letter cannot be rendered.
 *
 * HTML escapes everything that came from input, and loads nothing from elsewhere: no scripts,
 * images, fonts or stylesheets (a standalone document carries its style inline). Plain text wraps
 * every line at 76 characters, never splitting an emoji or an accented letter.
 *
 * The letter and the options are each copied once, reading every property once, and the letter
 * is rendered from the copy that was validated.
 *
 * Headings and sentences name the ombudsman as the letter's `ombudsman.calledInLetters` does
 * (default "Housing Ombudsman"): a letter giving `SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN`, or any
 * other contact named otherwise, never says "Housing Ombudsman" or "the Code" in what the library
 * writes (the landlord's own text is printed as written). The Email line is left out when the
 * contact has no email.
 *
 * @param letter - the letter (validated here)
 * @param options - the format, and optionally the landlord and resident
 * @returns the rendered text or HTML
 * @throws {@link LetterValidationError} when the letter is not valid
 * @throws {@link InvalidRenderOptionsError} when an option is not usable, naming it
 *
 * @example
 * ```ts
 * const text = renderLetter(
 *   { kind: 'decline-notice', complaintId: 'C-9', sentOn: '2025-02-03', reasons: 'Court proceedings about the same matter began in January', ombudsman: HOUSING_OMBUDSMAN },
 *   { format: 'text', resident: { name: 'Mr B Jones' } },
 * );
 * text.includes('Monday 3 February 2025'); //=> true
 * text.includes('Dear Mr B Jones,'); //=> true
 * const scottish = renderLetter(
 *   { kind: 'escalation-refusal', complaintId: 'C-9', sentOn: '2025-02-03', reasons: 'Your complaint has already had our final response', ombudsman: SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN },
 *   { format: 'html' },
 * );
 * scottish.includes('You have the right to ask the Scottish Public Services Ombudsman (SPSO) to look at this decision:'); //=> true
 * ```
 */
export function renderLetter(letter: unknown, options: RenderLetterOptions): string {
  const valid = parseLetter(letter);
  const { format, landlord, resident, standalone } = readOptions(options);
  const doc = layOut(valid, landlord as LetterSender | undefined, resident as LetterRecipient | undefined);
  return format === 'text' ? toText(doc) : toHtml(doc, standalone === true);
}
