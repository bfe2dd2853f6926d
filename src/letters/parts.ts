/**
 * The parts each letter must contain, in the order the Code lists them, with the provision behind
 * each. One table serves three readers: the validator (which provision an issue breaches), the
 * renderer (the headings, in order) and the docs (the rules table).
 */
import { InvalidInputError, readOptions, typedErrors } from '../errors.js';
import { HOUSING_OMBUDSMAN_NAME, ombudsmanName } from './ombudsman.js';

/**
 * The kinds of letter the Code requires.
 *
 * @example
 * ```ts
 * LETTER_KINDS.length; //=> 6
 * ```
 */
export const LETTER_KINDS = [
  'acknowledgement',
  'extension-notice',
  'stage1-response',
  'stage2-response',
  'decline-notice',
  'escalation-refusal',
] as const;

/**
 * One of {@link LETTER_KINDS}.
 *
 * @example
 * ```ts
 * const kind: LetterKind = 'stage1-response';
 * ```
 */
export type LetterKind = (typeof LETTER_KINDS)[number];

/**
 * One required (or optional) part of a letter: the field that holds it, the Code provision that
 * requires it, and the heading it is rendered under.
 *
 * @example
 * ```ts
 * const part: LetterPart = { field: 'escalation', provision: '6.9(g)', title: 'How to take your complaint to stage 2', required: true };
 * ```
 */
export interface LetterPart {
  /** The letter's field that holds this part. */
  readonly field: string;
  /** The Code provision that requires it, e.g. `'6.9(g)'`. */
  readonly provision: string;
  /** The heading it is rendered under. */
  readonly title: string;
  /** Whether every letter of this kind must have it (otherwise: when it applies). */
  readonly required: boolean;
}

/** Fields every letter has, for the record the Code requires (5.12). */
const RECORD_PROVISION = '5.12';

function part(field: string, provision: string, title: string, required = true): LetterPart {
  return { field, provision, title, required };
}

/**
 * Options of {@link letterParts}.
 *
 * @example
 * ```ts
 * const options: LetterPartsOptions = { ombudsman: 'Scottish Public Services Ombudsman (SPSO)' };
 * letterParts('extension-notice', 1, options).at(-1).title; //=> 'Contacting the Scottish Public Services Ombudsman (SPSO)'
 * ```
 */
export interface LetterPartsOptions {
  /**
   * What the headings call the ombudsman, read after "the" (as `OmbudsmanContact.calledInLetters`):
   * one line of text, at most 100 characters. Default `'Housing Ombudsman'`. Any other name also
   * keeps "the Code" out of the headings.
   */
  readonly ombudsman?: string | undefined;
}

const OPTIONS_EXPECTED = "undefined or an options object { ombudsman? }, such as { ombudsman: 'Scottish Public Services Ombudsman (SPSO)' }";

/** The ombudsman's name from `letterParts`' options, each read once and checked, or an {@link InvalidInputError} naming the option. */
function ombudsmanOption(options: unknown): string {
  if (options === undefined) return HOUSING_OMBUDSMAN_NAME;
  // A Date, a Map, an array or a function is not options; a revoked Proxy cannot even be asked.
  const plain = typedErrors('options', options, OPTIONS_EXPECTED, () => typeof options === 'object' && options !== null && Object.prototype.toString.call(options) === '[object Object]');
  if (!plain) throw new InvalidInputError('options', options, OPTIONS_EXPECTED);
  const { ombudsman } = readOptions(options, ['ombudsman']);
  if (ombudsman === undefined) return HOUSING_OMBUDSMAN_NAME;
  if (typeof ombudsman !== 'string') throw new InvalidInputError('options.ombudsman', ombudsman, "the ombudsman's name as text, such as 'Scottish Public Services Ombudsman (SPSO)'");
  const result = ombudsmanName.safeParse(ombudsman);
  if (result.success) return result.data;
  throw new InvalidInputError('options.ombudsman', ombudsman, `the ombudsman's name, one line of text that ${result.error.issues[0]!.message}`);
}

function responseParts(stage: 1 | 2, ombudsman: string): LetterPart[] {
  const p = stage === 1 ? '6.9' : '6.19';
  return [
    part('stage', `${p}(a)`, 'The complaint stage'),
    part('definition', `${p}(b)`, 'Your complaint as we understand it'),
    part('decision', `${p}(c)`, 'Our decision'),
    part('findings', `${p}(d)`, 'The reasons for our decision'),
    part('remedies', `${p}(e)`, 'Putting things right'),
    part('outstandingActions', `${p}(f)`, 'What we still have to do'),
    ...(stage === 1
      ? [part('escalation', '6.9(g)', 'How to take your complaint to stage 2'), part('ombudsman', '3.7', `Contacting the ${ombudsman}`, false)]
      : [part('ombudsmanRoute', '6.19(g)', `How to take your complaint to the ${ombudsman}`), part('ombudsman', '6.19(g)', `${ombudsman} contact details`)]),
  ];
}

/**
 * The parts of a letter of `kind` at `stage`, in the Code's order.
 *
 * The headings name the ombudsman `options.ombudsman` (default the Housing Ombudsman). Under any
 * other name no heading says "Housing Ombudsman" or "the Code": an extension notice's reason for a
 * long extension is then "Why we need longer than our complaints procedure normally allows". The
 * provisions stay the Code's.
 *
 * @param kind - the letter kind
 * @param stage - 1 or 2, for the kinds that differ by stage (others give the same parts for both)
 * @param options - `{ ombudsman }`: what the headings call the ombudsman (see {@link LetterPartsOptions})
 * @returns the parts, each with its provision and heading
 * @throws {@link InvalidInputError} at `'kind'` for anything but one of {@link LETTER_KINDS}, at
 *   `'stage'` for anything but 1 or 2, at `'options'` for anything but an options object, and at
 *   `'options.ombudsman'` for a name that is not one line of text of at most 100 characters
 *
 * @example
 * ```ts
 * letterParts('stage1-response', 1).filter((p) => p.required).map((p) => p.provision); //=> ['6.9(a)', '6.9(b)', '6.9(c)', '6.9(d)', '6.9(e)', '6.9(f)', '6.9(g)']
 * letterParts('stage1-response', 1).at(-1); //=> { field: 'ombudsman', provision: '3.7', title: 'Contacting the Housing Ombudsman', required: false }
 * letterParts('extension-notice', 2).at(-1).provision; //=> '6.16'
 * letterParts('decline-notice', 1, { ombudsman: 'Scottish Public Services Ombudsman (SPSO)' }).at(-1).title; //=> 'Your right to take this decision to the Scottish Public Services Ombudsman (SPSO)'
 * letterParts('postcard' as LetterKind); // throws InvalidInputError
 * ```
 */
export function letterParts(kind: LetterKind, stage: 1 | 2 = 1, options?: LetterPartsOptions): readonly LetterPart[] {
  if (!LETTER_KINDS.includes(kind)) throw new InvalidInputError('kind', kind, `one of ${LETTER_KINDS.join(', ')}`);
  if (stage !== 1 && stage !== 2) throw new InvalidInputError('stage', stage, '1 or 2');
  const ombudsman = ombudsmanOption(options);
  // Only a letter under the Code (its ombudsman the Housing Ombudsman) names the Code in a heading; others name the landlord's procedure.
  const underCode = ombudsman === HOUSING_OMBUDSMAN_NAME;
  switch (kind) {
    case 'acknowledgement':
      return [
        part('stage', stage === 1 ? '6.2' : '6.11', 'The complaint stage'),
        part('definition', '5.6', 'Your complaint as we understand it'),
        part('handler', stage === 1 ? '6.2' : '6.11', 'Who is handling your complaint'),
        part('respondBy', stage === 1 ? '6.3' : '6.14', 'When we will respond'),
        part('clarificationRequested', '5.6', 'What we need you to clarify', false),
        part('notResponsibleFor', '5.7', 'What we are not responsible for', false),
        part('ombudsman', '3.7', `Contacting the ${ombudsman}`, false),
      ];
    case 'extension-notice': {
      const p = stage === 1 ? '6.4' : '6.15';
      return [
        part('stage', p, 'The complaint stage'),
        part('reasons', p, 'Why we need more time'),
        part('newRespondBy', p, 'When we will now respond'),
        part('goodReason', p, underCode ? 'Why we need longer than the Code normally allows' : 'Why we need longer than our complaints procedure normally allows', false),
        part('ombudsman', stage === 1 ? '6.5' : '6.16', `Contacting the ${ombudsman}`),
      ];
    }
    case 'stage1-response':
      return responseParts(1, ombudsman);
    case 'stage2-response':
      return responseParts(2, ombudsman);
    case 'decline-notice':
      return [
        part('reasons', '2.4', 'Why we cannot accept your complaint'),
        part('ombudsman', '2.4', `Your right to take this decision to the ${ombudsman}`),
      ];
    case 'escalation-refusal':
      return [
        part('reasons', '5.11', 'Why we cannot take your complaint to stage 2'),
        part('ombudsman', '2.4', `Your right to take this decision to the ${ombudsman}`),
      ];
  }
}

/** @internal The provision behind the top-level `field` of a letter; the record fields cite 5.12. */
export function fieldProvision(kind: LetterKind, stage: 1 | 2, field: string | number | undefined): string {
  return letterParts(kind, stage).find((p) => p.field === field)?.provision ?? RECORD_PROVISION;
}
