/**
 * `housing-complaints`: the Housing Ombudsman's Complaint Handling Code 2024 as a library.
 *
 * Every export of the subpath entry points is re-exported here, named one by one. Import from a
 * subpath (`housing-complaints/calendar`, `housing-complaints/letters`) to keep a browser bundle
 * to what it uses.
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar } from 'housing-complaints';
 *
 * createWorkingDayCalendar({ region: 'scotland' }).addWorkingDays('2024-11-28', 1); //=> '2024-11-29'
 * ```
 * @module
 */
export {
  REGIONS,
  isRegion,
  isIsoDate,
  createWorkingDayCalendar,
  calendarFromGovUkFeed,
  toUkDate,
  DateOutOfRangeError,
  InvalidCalendarInputError,
  InvalidDateError,
  InvalidDayCountError,
  InvalidInstantError,
  isDateOutOfRangeError,
  isInvalidCalendarInputError,
  isInvalidDateError,
  isInvalidDayCountError,
  isInvalidInstantError,
  HousingComplaintsError,
  isHousingComplaintsError,
  type Region,
  type IsoDate,
  type CalendarAdjustments,
  type ExtraHoliday,
  type Holiday,
  type WorkingDayCalendar,
  type WorkingDayCalendarOptions,
  type ToUkDateOptions,
} from './calendar/index.js';
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
  HOUSING_OMBUDSMAN,
  OmbudsmanContact,
  LETTER_KINDS,
  letterParts,
  LetterValidationError,
  isLetterValidationError,
  parseLetter,
  validateLetter,
  renderLetter,
  InvalidRenderOptionsError,
  isInvalidRenderOptionsError,
  readability,
  formatLetterDate,
  formatPounds,
  type LetterKind,
  type LetterPart,
  type LetterIssue,
  type LetterValidation,
  type RenderLetterOptions,
  type LetterRecipient,
  type LetterSender,
  type LongSentence,
  type ReadabilityReport,
} from './letters/index.js';
