/**
 * The duties of Awaab's Law and their time limits, as data. The Regulations' own text could not be
 * read, so every time limit and regulation number here comes from secondary sources and is marked
 * `verified: false`; the sources are named on each entry.
 */
import { DUTY_REGULATIONS } from './regulations.js';
import type { HazardSourceId } from './sources.js';

/**
 * The id of an Awaab's Law duty in {@link HAZARD_DUTIES}.
 *
 * @example
 * ```ts
 * const duty: HazardDutyId = 'written-summary';
 * ```
 */
export type HazardDutyId =
  | 'emergency-investigate'
  | 'emergency-make-safe'
  | 'significant-investigate'
  | 'written-summary'
  | 'significant-safety-work'
  | 'supplementary-work-begin'
  | 'supplementary-work-on-site'
  | 'alternative-accommodation';

/**
 * A duty's time limit: clock hours (weekends, bank holidays and the clock changes all count),
 * working days (day 0 is the day the clock starts, never counted), or weeks (calendar weeks).
 * `null` on a duty means it has no fixed limit.
 *
 * @example
 * ```ts
 * const limit: HazardDutyLimit = { workingDays: 10 };
 * ```
 */
export type HazardDutyLimit =
  | {
      /** Clock hours: weekends, bank holidays and the clock changes all count. */
      readonly hours: 24;
    }
  | {
      /** Working days of England's calendar, day 0 the day the clock starts. */
      readonly workingDays: number;
    }
  | {
      /** Calendar weeks. */
      readonly weeks: 12;
    };

/**
 * When a duty's clock starts: when the landlord becomes `'aware'` of the (potential) hazard, when
 * the investigation concludes, or when an investigation identifies the safety work needed.
 *
 * @example
 * ```ts
 * const start: HazardClockStart = 'investigation-concluded';
 * ```
 */
export type HazardClockStart = 'aware' | 'investigation-concluded' | 'safety-work-identified';

/**
 * One duty of Awaab's Law, with its time limit, what starts its clock, the regulation number as
 * secondary sources give it, and what the entry rests on.
 *
 * @example
 * ```ts
 * const summary: HazardDuty = HAZARD_DUTIES.find((duty) => duty.id === 'written-summary')!;
 * summary.limit; //=> { workingDays: 3 }
 * summary.regulation; //=> 'reg. 9'
 * ```
 */
export interface HazardDuty {
  /** Its id. */
  readonly id: HazardDutyId;
  /** The duty, in plain words. */
  readonly duty: string;
  /** The time limit; `null` when there is no fixed one. */
  readonly limit: HazardDutyLimit | null;
  /** What starts the clock (for a disputed start, the library's default reading). */
  readonly from: HazardClockStart;
  /** The other reading of a disputed start, which an option can select. */
  readonly alternativeFrom?: HazardClockStart;
  /** The category of hazard it applies to: `'emergency'`, `'significant'` or `'both'`. */
  readonly category: 'emergency' | 'significant' | 'both';
  /**
   * The regulation of SI 2025/1042 as secondary sources give it (`'reg. 6'`), not checked against
   * the Regulations; `undefined` where no source seen gives a number.
   */
  readonly regulation: string | undefined;
  /** What the entry rests on, with short quotes. */
  readonly source: string;
  /** The ids of those sources in {@link HAZARD_SOURCES}. */
  readonly sources: readonly HazardSourceId[];
  /** Whether a primary source confirms the limit, the start and the regulation number. No entry is, yet. */
  readonly verified: boolean;
  /** What is assumed, disputed or unknown. */
  readonly note?: string;
}

/** A frozen list of source ids. */
function ids(...list: HazardSourceId[]): readonly HazardSourceId[] {
  return Object.freeze(list);
}

const WORKING_DAYS_NOTE =
  "Working days: the Regulations' definition could not be read. Counted in the England and Wales calendar (Monday to Friday, except England and Wales bank holidays, with Christmas Day and Good Friday counted as holidays), with day 0 the day the clock starts and day 1 the next working day (secondary sources, citing the guidance's section 4.1.1). Both are assumptions.";

/**
 * The duties of Awaab's Law, one entry per duty, in the order they usually arise. Every entry is
 * `verified: false`: the limits, starts and regulation numbers come from secondary sources (S1,
 * S3), because the Regulations' text could not be read. The emergency make-safe start is disputed
 * (see its note); the working-day definition is an assumption (see the notes).
 *
 * @example
 * ```ts
 * HAZARD_DUTIES.map((duty) => duty.id); //=> ['emergency-investigate', 'emergency-make-safe', 'significant-investigate', 'written-summary', 'significant-safety-work', 'supplementary-work-begin', 'supplementary-work-on-site', 'alternative-accommodation']
 * HAZARD_DUTIES[2]!.limit; //=> { workingDays: 10 }
 * HAZARD_DUTIES[2]!.regulation; //=> 'reg. 6'
 * HAZARD_DUTIES.some((duty) => duty.verified); //=> false
 * HAZARD_DUTIES[1]!.alternativeFrom; //=> 'safety-work-identified'
 * ```
 */
export const HAZARD_DUTIES: readonly HazardDuty[] = Object.freeze([
  Object.freeze({
    id: 'emergency-investigate',
    duty: 'Investigate an emergency hazard.',
    limit: Object.freeze({ hours: 24 }),
    from: 'aware',
    category: 'emergency',
    regulation: DUTY_REGULATIONS['emergency-investigate'].regulation,
    source: 'S1 (secondary, on the draft Regulations): "both within 24 hours of becoming aware of them"',
    sources: ids('S1'),
    verified: DUTY_REGULATIONS['emergency-investigate'].verified,
    note: 'No source seen gives its regulation number. 24 clock hours: weekends, bank holidays and the clock changes all count (S3, secondary: "It is not paused by weekends or bank holidays").',
  }),
  Object.freeze({
    id: 'emergency-make-safe',
    duty: 'Make an emergency hazard safe (the relevant safety work) as soon as reasonably practicable and within 24 hours, or, where that cannot be done, secure suitable alternative accommodation.',
    limit: Object.freeze({ hours: 24 }),
    from: 'aware',
    alternativeFrom: 'safety-work-identified',
    category: 'emergency',
    regulation: DUTY_REGULATIONS['emergency-make-safe'].regulation,
    source:
      'S1 (secondary): "both within 24 hours of becoming aware of them"; S3 (secondary, quoting reg. 5): "within 24 hours of the relevant safety work being identified by an investigation"',
    sources: ids('S1', 'S3'),
    verified: DUTY_REGULATIONS['emergency-make-safe'].verified,
    note: "The start is disputed. S1 counts from awareness (the library's default). S3 counts from when an investigation identifies the safety work, which can put the deadline up to about 48 hours after awareness: choose it with hazardDeadlines' emergencyMakeSafeFrom option. 24 clock hours, as for the investigation.",
  }),
  Object.freeze({
    id: 'significant-investigate',
    duty: 'Investigate a significant hazard.',
    limit: Object.freeze({ workingDays: 10 }),
    from: 'aware',
    category: 'significant',
    regulation: DUTY_REGULATIONS['significant-investigate'].regulation,
    source: 'S1 (secondary): "within 10 working days of becoming aware of them"; S3 (secondary) gives reg. 6',
    sources: ids('S1', 'S3'),
    verified: DUTY_REGULATIONS['significant-investigate'].verified,
    note: WORKING_DAYS_NOTE,
  }),
  Object.freeze({
    id: 'written-summary',
    duty: 'Give the named tenant a written summary of the investigation.',
    limit: Object.freeze({ workingDays: 3 }),
    from: 'investigation-concluded',
    category: 'both',
    regulation: DUTY_REGULATIONS['written-summary'].regulation,
    source: 'S1 (secondary): "within 3 working days of the conclusion of the investigation"; S3 (secondary) gives reg. 9',
    sources: ids('S1', 'S3'),
    verified: DUTY_REGULATIONS['written-summary'].verified,
    note: `What the summary must contain could not be verified. ${WORKING_DAYS_NOTE}`,
  }),
  Object.freeze({
    id: 'significant-safety-work',
    duty: 'Carry out the safety work on a significant hazard.',
    limit: Object.freeze({ workingDays: 5 }),
    from: 'investigation-concluded',
    category: 'significant',
    regulation: DUTY_REGULATIONS['significant-safety-work'].regulation,
    source: 'S1 (secondary): "within 5 working days of the investigation concluding"; S3 (secondary) gives reg. 11(2)(a)',
    sources: ids('S1', 'S3'),
    verified: DUTY_REGULATIONS['significant-safety-work'].verified,
    note: WORKING_DAYS_NOTE,
  }),
  Object.freeze({
    id: 'supplementary-work-begin',
    duty: 'Begin the supplementary (further, preventative) work.',
    limit: Object.freeze({ workingDays: 5 }),
    from: 'investigation-concluded',
    category: 'both',
    regulation: DUTY_REGULATIONS['supplementary-work-begin'].regulation,
    source: 'S1 (secondary): "begin, or take steps to begin" within 5 working days; S3 (secondary) gives reg. 13(2)',
    sources: ids('S1', 'S3'),
    verified: DUTY_REGULATIONS['supplementary-work-begin'].verified,
    note: `Whether the duty is to "begin" or to "begin, or take steps to begin" is unverified. The work must then be completed within a reasonable time (reg. 13(4) per S3), with no fixed limit. ${WORKING_DAYS_NOTE}`,
  }),
  Object.freeze({
    id: 'supplementary-work-on-site',
    duty: 'Where beginning the supplementary work within 5 working days is not reasonably practicable: begin as soon as reasonably practicable, and physically start within 12 weeks.',
    limit: Object.freeze({ weeks: 12 }),
    from: 'investigation-concluded',
    category: 'both',
    regulation: DUTY_REGULATIONS['supplementary-work-on-site'].regulation,
    source: 'S1 (secondary): "work must be physically started within 12 weeks"; S3 (secondary) gives reg. 13(3)(b)',
    sources: ids('S1', 'S3'),
    verified: DUTY_REGULATIONS['supplementary-work-on-site'].verified,
    note: 'What the 12 weeks run from is unverified: counted here from the day the investigation concluded, as 84 calendar days. "As soon as reasonably practicable" comes first: the 12 weeks are the latest, not a target.',
  }),
  Object.freeze({
    id: 'alternative-accommodation',
    duty: "Where the home cannot be made safe in time, secure suitable alternative accommodation for the household, at the landlord's expense, until it is safe.",
    limit: null,
    from: 'safety-work-identified',
    category: 'both',
    regulation: DUTY_REGULATIONS['alternative-accommodation'].regulation,
    source: 'S1 (secondary): "Secure the provision of suitable alternative accommodation for the household, at the social landlord\'s expense"',
    sources: ids('S1'),
    verified: DUTY_REGULATIONS['alternative-accommodation'].verified,
    note: 'No fixed limit of its own: it arises when the safety work cannot be done within its limit. No source seen gives its regulation number.',
  }),
]);


