/**
 * Complaint letters that cannot miss a part the Code requires: zod 4 schemas for the six letters,
 * a validator whose every issue names its provision, renderers to text and HTML, and a
 * plain-language check. Needs `zod` 4 (a peer dependency); does not use XState.
 *
 * @example
 * ```ts
 * import { HOUSING_OMBUDSMAN, validateLetter } from 'housing-complaints/letters';
 *
 * const result = validateLetter({ kind: 'decline-notice', complaintId: 'C-1', sentOn: '2025-01-06', reasons: 'Legal proceedings have started.' });
 * result.ok; //=> false
 * !result.ok && result.issues[0].provision; //=> '2.4'
 * ```
 * @module
 */
export {
  Acknowledgement,
  ComplaintDefinition,
  Decision,
  DeclineNotice,
  EscalationRefusal,
  ExtensionNotice,
  Finding,
  Letter,
  OutstandingAction,
  Remedy,
  Stage1Response,
  Stage2Response,
} from './schemas.js';
export { HOUSING_OMBUDSMAN, OmbudsmanContact, SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN } from './ombudsman.js';
export { LETTER_KINDS, letterParts, type LetterKind, type LetterPart, type LetterPartsOptions } from './parts.js';
export {
  LetterValidationError,
  isLetterValidationError,
  parseLetter,
  validateLetter,
  type LetterIssue,
  type LetterValidation,
} from './validate.js';
export { renderLetter, InvalidRenderOptionsError, isInvalidRenderOptionsError, type RenderLetterOptions } from './render.js';
export type { LetterRecipient, LetterSender } from './document.js';
export { readability, type LongSentence, type ReadabilityReport } from './readability.js';
export { formatLetterDate, formatPounds } from './format.js';
