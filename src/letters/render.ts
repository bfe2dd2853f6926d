import { InvalidInputError, isHousingComplaintsError } from '../errors.js';
import { layOut, type Block, type LetterDocument, type LetterRecipient, type LetterSender } from './document.js';
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
  /** `'text'` for plain text (wrapped at 76 columns), `'html'` for HTML. */
  format: 'text' | 'html';
  /** The landlord sending the letter. */
  landlord?: LetterSender;
  /** The resident it is sent to. */
  resident?: LetterRecipient;
  /** HTML only: a whole document with its own inline style, rather than an `<article>` to embed. */
  standalone?: boolean;
}

/**
 * The options given to {@link renderLetter} are not usable: an unknown format, or a landlord or
 * resident without a name.
 *
 * @example
 * ```ts
 * renderLetter({}, { format: 'pdf' as never }); // throws LetterValidationError (the letter is checked first)
 * new InvalidRenderOptionsError('format', 'pdf', "'text' or 'html'").path; //=> 'format'
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
 * isInvalidRenderOptionsError(new InvalidRenderOptionsError('format', 'pdf', "'text' or 'html'")); //=> true
 * ```
 */
export function isInvalidRenderOptionsError(error: unknown): error is InvalidRenderOptionsError {
  return isHousingComplaintsError(error) && error.name === 'InvalidRenderOptionsError';
}

const WIDTH = 76;

function wrap(text: string, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Breaks words longer than a line, so no line is wider than {@link WIDTH}. */
function breakLongWords(text: string, room: number): string {
  return text.replace(new RegExp(`\\S{${room + 1},}`, 'g'), (word) => word.match(new RegExp(`.{1,${room}}`, 'g'))!.join(' '));
}

function textBlock(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
      return block.text.split('\n').flatMap((line) => wrap(breakLongWords(line, WIDTH)));
    case 'list':
      return block.items.flatMap((item) => wrap(breakLongWords(item, WIDTH - 2), '  ', '- '));
    case 'address':
      return block.lines.map((line) => `  ${line}`);
  }
}

function toText(doc: LetterDocument): string {
  const out: string[] = [];
  if (doc.sender) out.push(doc.sender.name, ...(doc.sender.address ?? []), ...(doc.sender.phone ? [doc.sender.phone] : []), ...(doc.sender.email ? [doc.sender.email] : []), '');
  out.push(doc.date, '');
  if (doc.recipient) out.push(doc.recipient.name, ...(doc.recipient.address ?? []), '');
  out.push(`Our reference: ${doc.reference}`, '', doc.title.toUpperCase(), '', doc.salutation, '');
  for (const section of doc.sections) {
    out.push(section.heading, '-'.repeat(section.heading.length));
    for (const block of section.blocks) out.push(...textBlock(block), '');
  }
  out.push(...doc.signOff);
  return `${out.join('\n')}\n`;
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
    const contact = [doc.sender.name, ...(doc.sender.address ?? []), ...(doc.sender.phone ? [doc.sender.phone] : []), ...(doc.sender.email ? [doc.sender.email] : [])];
    parts.push(`<address class="hc-sender">${lines(contact)}</address>`);
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

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const FIELDS = { landlord: ['name', 'address', 'phone', 'email', 'signOff'], resident: ['name', 'address'] } as const;

/** Landlord and resident details go straight into the letter, so each must be one clean line of text. */
function checkPeople(options: RenderLetterOptions): void {
  for (const key of ['landlord', 'resident'] as const) {
    const who = options[key] as Record<string, unknown> | undefined;
    if (who === undefined) continue;
    if (typeof who !== 'object' || who === null) throw new InvalidRenderOptionsError(key, who, 'an object with a name');
    for (const field of Object.keys(who)) {
      if (!(FIELDS[key] as readonly string[]).includes(field)) throw new InvalidRenderOptionsError(`${key}.${field}`, who[field], `one of ${FIELDS[key].join(', ')}`);
    }
    for (const field of FIELDS[key]) {
      const value = who[field];
      if (value === undefined && field !== 'name') continue;
      const lines = field === 'address' ? value : [value];
      if (!Array.isArray(lines) || lines.some((line) => typeof line !== 'string' || line.trim() === '' || CONTROL.test(line) || line.length > 200)) {
        throw new InvalidRenderOptionsError(`${key}.${field}`, value, field === 'address' ? 'an array of address lines, each one line of text' : 'one line of text, without line breaks');
      }
    }
  }
}

/**
 * Renders a letter as a housing officer would send it: the parts the Code requires under their
 * own headings, in the Code's order ((a) to (g) for responses), dates written out in British style,
 * money in pounds. The letter is validated first, so an invalid letter cannot be rendered.
 *
 * HTML escapes everything that came from input, and loads nothing from elsewhere: no scripts,
 * images, fonts or stylesheets (a standalone document carries its style inline).
 *
 * @param letter - the letter (validated here)
 * @param options - the format, and optionally the landlord and resident
 * @returns the rendered text or HTML
 * @throws {@link LetterValidationError} when the letter is not valid
 *
 * @example
 * ```ts
 * const text = renderLetter(
 *   { kind: 'decline-notice', complaintId: 'C-9', sentOn: '2025-02-03', reasons: 'Court proceedings about the same matter began in January', ombudsman: HOUSING_OMBUDSMAN },
 *   { format: 'text', resident: { name: 'Mr B Jones' } },
 * );
 * text.includes('Monday 3 February 2025'); //=> true
 * text.includes('Dear Mr B Jones,'); //=> true
 * ```
 */
export function renderLetter(letter: unknown, options: RenderLetterOptions): string {
  const valid = parseLetter(letter);
  if (typeof options !== 'object' || options === null || (options.format !== 'text' && options.format !== 'html')) {
    throw new InvalidRenderOptionsError('format', (options as { format?: unknown } | null)?.format, "'text' or 'html'");
  }
  checkPeople(options);
  const doc = layOut(valid, options.landlord, options.resident);
  return options.format === 'text' ? toText(doc) : toHtml(doc, options.standalone === true);
}
