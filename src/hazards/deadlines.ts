/**
 * The deadlines that follow from what is known about a hazard so far: the investigation's, then,
 * once it has concluded, the written summary's and the work's. A pure function of the input: no
 * clock is read, nothing is stored.
 */
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/calendar.js';
import { DateOutOfRangeError, isDateOutOfRangeError } from '../calendar/errors.js';
import { addClockHours } from '../calendar/instant.js';
import { formatDayNumber, isIsoDate, parseIsoDate, type IsoDate } from '../calendar/isoDate.js';
import { instantMillis, toUkDate } from '../calendar/ukDate.js';
import { InvalidInputError, describeValue, typedErrors } from '../errors.js';
import type { HazardDutyId } from './duties.js';
import { DUTY_REGULATIONS, HAZARD_DUTY_IDS } from './regulations.js';
import { oneOf, readRecord } from './input.js';
import type { HazardCategory } from './phases.js';

/**
 * What a landlord's investigation found: an `'emergency'` hazard, a `'significant'` one, or
 * `'none'` (no hazard, or none that Awaab's Law covers).
 *
 * @example
 * ```ts
 * const finding: HazardFinding = 'significant';
 * ```
 */
export type HazardFinding = 'emergency' | 'significant' | 'none';

/**
 * When the 24 hours to make an emergency hazard safe start: when the landlord became `'aware'`
 * (the default), or when an investigation identified the safety work (`'safety-work-identified'`).
 * The sources disagree; see the `emergency-make-safe` entry of {@link HAZARD_DUTIES}.
 *
 * @example
 * ```ts
 * const reading: EmergencyMakeSafeFrom = 'safety-work-identified';
 * ```
 */
export type EmergencyMakeSafeFrom = 'aware' | 'safety-work-identified';

/**
 * What is known about a hazard so far. Instants are ISO 8601 timestamps with `Z` or an offset, or
 * valid `Date`s.
 *
 * @example
 * ```ts
 * const input: HazardDeadlineInput = {
 *   category: 'significant',
 *   awareAt: '2025-12-08T09:00:00Z',
 *   investigationConcludedAt: '2025-12-22T15:00:00Z',
 *   finding: 'significant',
 * };
 * ```
 */
export interface HazardDeadlineInput {
  /** How the landlord categorised the reported hazard when it became aware of it. */
  readonly category: HazardCategory;
  /** When the landlord became aware of the (potential) hazard. */
  readonly awareAt: string | Date;
  /** When the investigation concluded; not before `awareAt`. */
  readonly investigationConcludedAt?: string | Date;
  /** What the investigation found; only with `investigationConcludedAt`. */
  readonly finding?: HazardFinding;
  /**
   * When an investigation identified the safety work needed; not before `awareAt`. Used only for
   * the emergency make-safe deadline (under the `'safety-work-identified'` reading, or when an
   * investigation of a significant hazard finds an emergency).
   */
  readonly safetyWorkIdentifiedAt?: string | Date;
}

/**
 * Options of {@link hazardDeadlines}.
 *
 * @example
 * ```ts
 * const options: HazardDeadlineOptions = {
 *   calendar: createWorkingDayCalendar({ region: 'england-and-wales' }),
 *   emergencyMakeSafeFrom: 'safety-work-identified',
 * };
 * ```
 */
export interface HazardDeadlineOptions {
  /**
   * The working-day calendar; by default England and Wales (Monday to Friday, except England and
   * Wales bank holidays, Christmas Day and Good Friday among them). The Regulations' own definition
   * of a working day could not be verified: this default is an assumption.
   */
  readonly calendar?: WorkingDayCalendar;
  /** When the emergency make-safe 24 hours start; `'aware'` by default (the start is disputed). */
  readonly emergencyMakeSafeFrom?: EmergencyMakeSafeFrom;
}

/**
 * One deadline from {@link hazardDeadlines}.
 *
 * @example
 * ```ts
 * const [investigate]: HazardDeadline[] = hazardDeadlines({ category: 'significant', awareAt: '2025-11-03T10:00:00Z' });
 * investigate; //=> { duty: 'significant-investigate', regulation: 'reg. 6', due: '2025-11-17', verified: false }
 * ```
 */
export interface HazardDeadline {
  /** The duty (an id of {@link HAZARD_DUTIES}). */
  readonly duty: HazardDutyId;
  /** Its regulation as secondary sources give it; `undefined` where none is given. */
  readonly regulation: string | undefined;
  /** The last UK date to meet it, `'YYYY-MM-DD'` (for a clock-hours duty, the UK date of `dueAt`). */
  readonly due: IsoDate;
  /** For a clock-hours duty, the exact instant it runs out, in UTC (`'YYYY-MM-DDTHH:MM:SSZ'`). */
  readonly dueAt?: string;
  /** Whether a primary source confirms the duty's limit and start (none does yet: `false`). */
  readonly verified: boolean;
}

/** An instant read once: its milliseconds, its canonical UTC form and its UK date. */
interface Moment {
  readonly ms: number;
  readonly iso: string;
  readonly date: IsoDate;
}

/** Reads an instant, or throws the calendar's typed errors naming `path`. */
function moment(value: unknown, path: string): Moment {
  const ms = instantMillis(value, path);
  const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
  try {
    return { ms, iso, date: toUkDate(iso) };
  } catch (error) {
    if (isDateOutOfRangeError(error)) {
      throw new DateOutOfRangeError(error.date, error.coveredFrom, error.coveredThrough, `The instant ${path} ('${iso}') falls on a UK date that`, path);
    }
    throw error;
  }
}

/** An optional instant, not before `aware`. */
function laterMoment(value: unknown, path: string, aware: Moment): Moment | undefined {
  if (value === undefined) return undefined;
  const read = moment(value, path);
  if (read.ms < aware.ms) throw new InvalidInputError(path, value, `an instant at or after awareAt ('${aware.iso}')`);
  return read;
}

let england: WorkingDayCalendar | undefined;

const CALENDAR = 'a WorkingDayCalendar (from createWorkingDayCalendar or calendarFromGovUkFeed)';

/** `addWorkingDays` of the calendar option, guarded: whatever it throws or returns, the caller gets a typed error or a later date. */
function workingDayAdder(value: unknown): (date: IsoDate, days: number) => IsoDate {
  if (value === undefined) {
    england ??= createWorkingDayCalendar({ region: 'england-and-wales' });
    return england.addWorkingDays;
  }
  const add = typedErrors('options.calendar', value, CALENDAR, () => {
    const method = typeof value === 'object' && value !== null ? (value as { addWorkingDays?: unknown }).addWorkingDays : undefined;
    if (typeof method !== 'function') throw new InvalidInputError('options.calendar', value, CALENDAR);
    return method;
  });
  return (date, days) => {
    const result = typedErrors('options.calendar', value, CALENDAR, () => Reflect.apply(add, value, [date, days]) as unknown);
    if (!isIsoDate(result) || result <= date) {
      throw new InvalidInputError('options.calendar', value, `${CALENDAR}: its addWorkingDays('${date}', ${days}) gave ${describeValue(result)}, not a later date`);
    }
    return result;
  };
}

const INPUT_KEYS = ['category', 'awareAt', 'investigationConcludedAt', 'finding', 'safetyWorkIdentifiedAt'] as const;
const ORDER: readonly HazardDutyId[] = HAZARD_DUTY_IDS;

/**
 * The Awaab's Law deadlines that follow from what is known about a hazard so far, in the order of
 * {@link HAZARD_DUTIES}.
 *
 * - From awareness: an emergency hazard's investigation (24 clock hours) and make-safe (24 clock
 *   hours, see below); a significant hazard's investigation (10 working days).
 * - Once the investigation has concluded: the written summary (3 working days), and by the finding:
 *   for a significant hazard, the safety work (5 working days); for an emergency, the make-safe
 *   24 hours (unless already counted from awareness); for either, the supplementary work, to begin
 *   within 5 working days, or at the latest to be physically started within 12 weeks (84 calendar
 *   days, as a UK date). A finding of `'none'` leaves only the summary. The investigation's own
 *   deadline stays in the list, to check it was met; an emergency make-safe deadline is dropped
 *   when the investigation finds no emergency.
 *
 * Clock hours count every hour, weekends, bank holidays and the clock changes included: `dueAt` is
 * the exact instant and `due` its UK date. Working days count from day 0, the UK date the clock
 * started (never counted), in the England and Wales calendar unless `options.calendar` is given.
 * The Regulations' definition of a working day could not be verified, so that is an assumption,
 * like every limit here (all `verified: false`; see {@link HAZARD_DUTIES}).
 *
 * The emergency make-safe start is disputed. By default (`emergencyMakeSafeFrom: 'aware'`) it is
 * `awareAt`. With `'safety-work-identified'` it is `safetyWorkIdentifiedAt`, or failing that the
 * conclusion of the investigation; until either is known, no make-safe deadline is listed. When an
 * investigation of a significant hazard finds an emergency, the 24 hours run from
 * `safetyWorkIdentifiedAt`, or failing that the conclusion, under either reading.
 *
 * This function does not check that the hazard is in scope on the day (see {@link hazardInScope}).
 *
 * @param input - the category, when the landlord became aware and, once known, when the
 *   investigation concluded, what it found, and when it identified the safety work
 * @param options - the working-day calendar, and the reading of the make-safe start
 * @returns the deadlines known so far: duty, regulation (as secondary sources give it), UK due date,
 *   the exact instant for clock-hours duties, and whether the value is verified
 * @throws {@link InvalidInstantError} for an instant that is not one (a date-only string, no offset, an invalid `Date`), naming the field in `path`
 * @throws {@link DateOutOfRangeError} for an instant, or a deadline, outside the calendar's span (2000 to 2100)
 * @throws {@link InvalidInputError} for anything else: input that is not an object or has unknown fields, an
 *   unknown category or finding, a finding without a conclusion, a conclusion or identification before
 *   `awareAt`, or bad options, naming the field in `path`
 *
 * @example
 * ```ts
 * hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T16:30:00Z' })[0].dueAt; //=> '2025-11-15T16:30:00Z'
 * hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T16:30:00Z' }).map((d) => d.duty); //=> ['emergency-investigate', 'emergency-make-safe']
 * hazardDeadlines({ category: 'significant', awareAt: '2025-12-18T10:00:00Z' })[0].due; //=> '2026-01-06' (Christmas, Boxing Day and New Year's Day skipped)
 *
 * const concluded = hazardDeadlines({
 *   category: 'significant',
 *   awareAt: '2025-12-08T09:00:00Z',
 *   investigationConcludedAt: '2025-12-22T15:00:00Z',
 *   finding: 'significant',
 * });
 * concluded.map((d) => `${d.duty} ${d.due}`); //=> ['significant-investigate 2025-12-22', 'written-summary 2025-12-29', 'significant-safety-work 2025-12-31', 'supplementary-work-begin 2025-12-31', 'supplementary-work-on-site 2026-03-16']
 *
 * const identified = { category: 'emergency', awareAt: '2025-11-14T16:30:00Z', safetyWorkIdentifiedAt: '2025-11-15T10:00:00Z' } as const;
 * hazardDeadlines(identified, { emergencyMakeSafeFrom: 'safety-work-identified' })[1].dueAt; //=> '2025-11-16T10:00:00Z'
 * hazardDeadlines({ category: 'significant', awareAt: '2025-12-22T15:00:00Z', investigationConcludedAt: '2025-12-19T09:00:00Z' }); // throws InvalidInputError
 * hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14' }); // throws InvalidInstantError
 * ```
 */
export function hazardDeadlines(input: HazardDeadlineInput, options?: HazardDeadlineOptions): HazardDeadline[] {
  const fields = readRecord(input, INPUT_KEYS, 'input', false, '');
  const category = oneOf(fields.category, ['emergency', 'significant'] as const, 'category');
  if (fields.awareAt === undefined) throw new InvalidInputError('awareAt', undefined, 'an instant: when the landlord became aware');
  const aware = moment(fields.awareAt, 'awareAt');
  const concluded = laterMoment(fields.investigationConcludedAt, 'investigationConcludedAt', aware);
  let finding: HazardFinding | undefined;
  if (fields.finding !== undefined) {
    finding = oneOf(fields.finding, ['emergency', 'significant', 'none'] as const, 'finding');
    if (concluded === undefined) throw new InvalidInputError('finding', fields.finding, 'undefined until investigationConcludedAt is given');
  }
  const identified = laterMoment(fields.safetyWorkIdentifiedAt, 'safetyWorkIdentifiedAt', aware);

  const read = readRecord(options, ['calendar', 'emergencyMakeSafeFrom'], 'options', true);
  const addWorkingDays = workingDayAdder(read.calendar);
  const makeSafeFrom = read.emergencyMakeSafeFrom === undefined ? 'aware' : oneOf(read.emergencyMakeSafeFrom, ['aware', 'safety-work-identified'] as const, 'options.emergencyMakeSafeFrom');

  const deadlines: HazardDeadline[] = [];
  const add = (id: HazardDutyId, due: IsoDate, dueAt?: string): void => {
    const { regulation, verified } = DUTY_REGULATIONS[id];
    deadlines.push(dueAt === undefined ? { duty: id, regulation, due, verified } : { duty: id, regulation, due, dueAt, verified });
  };
  const hours = (id: HazardDutyId, start: Moment): void => {
    const dueAt = addClockHours(start.iso, 24);
    add(id, toUkDate(dueAt), dueAt);
  };

  if (category === 'emergency') hours('emergency-investigate', aware);
  else add('significant-investigate', addWorkingDays(aware.date, 10));

  // The make-safe 24 hours: while an emergency is believed or found, from the start the reading gives.
  let makeSafeStart: Moment | undefined;
  if (category === 'emergency' && (finding === undefined || finding === 'emergency')) {
    makeSafeStart = makeSafeFrom === 'aware' ? aware : (identified ?? concluded);
  } else if (finding === 'emergency') {
    makeSafeStart = identified ?? concluded;
  }
  if (makeSafeStart !== undefined) hours('emergency-make-safe', makeSafeStart);

  if (concluded !== undefined) {
    add('written-summary', addWorkingDays(concluded.date, 3));
    if (finding === 'significant') add('significant-safety-work', addWorkingDays(concluded.date, 5));
    if (finding === 'significant' || finding === 'emergency') {
      add('supplementary-work-begin', addWorkingDays(concluded.date, 5));
      add('supplementary-work-on-site', formatDayNumber(parseIsoDate(concluded.date) + 84));
    }
  }
  return deadlines.sort((a, b) => ORDER.indexOf(a.duty) - ORDER.indexOf(b.duty));
}
