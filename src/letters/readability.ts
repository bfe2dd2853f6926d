/**
 * Plain-language checks (6.9 and 6.19 ask for "clear, plain language"): a Flesch reading-ease score
 * and the longest sentences. A warning for the writer, never a validation failure.
 */
import type { Letter } from './schemas.js';
import { parseLetter } from './validate.js';

/**
 * One long sentence found in a letter.
 *
 * @example
 * ```ts
 * const sentence: LongSentence = { path: ['reasons'], text: 'We ...', words: 31 };
 * ```
 */
export interface LongSentence {
  /** Where the sentence is in the letter. */
  readonly path: readonly (string | number)[];
  /** The sentence. */
  readonly text: string;
  /** Its length in words. */
  readonly words: number;
}

/**
 * What {@link readability} found.
 *
 * @example
 * ```ts
 * const report: ReadabilityReport = readability({ kind: 'decline-notice', complaintId: 'C', sentOn: '2025-01-01', reasons: 'We cannot help.', ombudsman: HOUSING_OMBUDSMAN });
 * report.words; //=> 3
 * ```
 */
export interface ReadabilityReport {
  /** Flesch reading ease, 0 (very hard) to 100 (very easy); 60 and above is plain English. */
  readonly score: number;
  /** The band of the score, from `'very easy'` to `'very difficult'`. */
  readonly band: 'very easy' | 'easy' | 'fairly easy' | 'plain English' | 'fairly difficult' | 'difficult' | 'very difficult';
  /** Words of prose read. */
  readonly words: number;
  /** Sentences of prose read. */
  readonly sentences: number;
  /** The longest sentences, longest first (at most 3). */
  readonly longestSentences: readonly LongSentence[];
  /** Advice for the writer, citing 6.9 or 6.19; empty when the letter reads plainly. */
  readonly warnings: readonly string[];
}

/** Sentences longer than this many words get a warning. */
const LONG_SENTENCE = 25;
const PLAIN_ENGLISH = 60;

/** Estimated syllables of an English word: vowel groups, less a silent final e, at least one. */
function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups ? groups.length : 1);
}

/** The prose written by the landlord: the fields a resident reads as sentences. */
function prose(letter: Letter): { path: (string | number)[]; text: string }[] {
  const out: { path: (string | number)[]; text: string }[] = [];
  const add = (path: (string | number)[], text: string | undefined) => {
    if (text) out.push({ path, text });
  };
  switch (letter.kind) {
    case 'acknowledgement':
      add(['clarificationRequested'], letter.clarificationRequested);
      letter.definition.points.forEach((point, i) => add(['definition', 'points', i, 'summary'], point.summary));
      break;
    case 'extension-notice':
      add(['reasons'], letter.reasons);
      add(['goodReason'], letter.goodReason);
      break;
    case 'stage1-response':
    case 'stage2-response':
      letter.definition.points.forEach((point, i) => add(['definition', 'points', i, 'summary'], point.summary));
      letter.findings.forEach((finding, i) => add(['findings', i, 'reasons'], finding.reasons));
      letter.remedies.forEach((remedy, i) => add(['remedies', i, 'description'], remedy.description));
      letter.outstandingActions.forEach((action, i) => add(['outstandingActions', i, 'description'], action.description));
      if (letter.kind === 'stage1-response') add(['escalation', 'route'], letter.escalation.route);
      else add(['ombudsmanRoute'], letter.ombudsmanRoute);
      break;
    case 'decline-notice':
    case 'escalation-refusal':
      add(['reasons'], letter.reasons);
      break;
  }
  return out;
}

function band(score: number): ReadabilityReport['band'] {
  if (score >= 90) return 'very easy';
  if (score >= 80) return 'easy';
  if (score >= 70) return 'fairly easy';
  if (score >= 60) return 'plain English';
  if (score >= 50) return 'fairly difficult';
  if (score >= 30) return 'difficult';
  return 'very difficult';
}

/**
 * How plainly a letter reads: the Flesch reading-ease score of the prose the landlord wrote
 * (reasons, the points of complaint as the landlord worded them, findings, remedies, actions), and
 * its longest sentences. Use it as a warning in an
 * editor; it never makes a letter invalid.
 *
 * @param letter - a letter (validated first: an invalid one throws {@link LetterValidationError})
 * @returns the score, its band, counts, the longest sentences and warnings citing 6.9 or 6.19
 *
 * @example
 * ```ts
 * const report = readability({
 *   kind: 'escalation-refusal', complaintId: 'C-3', sentOn: '2025-03-03', ombudsman: HOUSING_OMBUDSMAN,
 *   reasons: 'Notwithstanding the aforementioned considerations, the organisation has determined that the escalation request cannot be progressed in accordance with the applicable procedural requirements and the exclusions specified within the policy documentation.',
 * });
 * report.band; //=> 'very difficult'
 * report.warnings.length; //=> 2
 * ```
 */
export function readability(letter: Letter): ReadabilityReport {
  const valid = parseLetter(letter);
  // 6.9 and 6.19 ask for clear, plain language in responses; other letters are held to the same standard.
  const asks =
    valid.kind === 'stage1-response' ? '6.9 asks' : valid.kind === 'stage2-response' ? '6.19 asks' : 'the Code asks of responses (6.9, 6.19), and every letter needs,';
  let words = 0;
  let syllableCount = 0;
  const sentences: LongSentence[] = [];
  for (const { path, text } of prose(valid)) {
    for (const raw of text.split(/(?<=[.!?])\s+/)) {
      const sentenceWords = raw.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
      if (sentenceWords.length === 0) continue;
      words += sentenceWords.length;
      syllableCount += sentenceWords.reduce((sum, w) => sum + syllables(w), 0);
      sentences.push({ path, text: raw.trim(), words: sentenceWords.length });
    }
  }
  const score = words === 0 ? 100 : Math.round((206.835 - 1.015 * (words / sentences.length) - 84.6 * (syllableCount / words)) * 10) / 10;
  const clamped = Math.max(0, Math.min(100, score));
  const longest = [...sentences].sort((a, b) => b.words - a.words).slice(0, 3);
  const warnings: string[] = [];
  if (clamped < PLAIN_ENGLISH) {
    warnings.push(`Reading ease is ${clamped} (${band(clamped)}); ${asks} clear, plain language (aim for ${PLAIN_ENGLISH} or more: shorter sentences, shorter words).`);
  }
  const long = sentences.filter((s) => s.words > LONG_SENTENCE);
  if (long.length > 0) {
    warnings.push(`${long.length} sentence${long.length === 1 ? ' has' : 's have'} more than ${LONG_SENTENCE} words (longest: ${longest[0]!.words}); ${asks} clear, plain language.`);
  }
  return { score: clamped, band: band(clamped), words, sentences: sentences.length, longestSentences: longest, warnings };
}
