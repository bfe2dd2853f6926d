/**
 * The sources behind the Awaab's Law data: what each value rests on. The primary sources are the
 * government's guidance, the Act and the Housing Ombudsman; the secondary sources are commentary,
 * kept only because the Regulations' own text could not be read. A value that rests only on a
 * secondary source is marked `verified: false` wherever it appears.
 */

/**
 * The id of a source of the Awaab's Law data: `P…` for a primary source, `S…` for a secondary one.
 *
 * @example
 * ```ts
 * const id: HazardSourceId = 'P1';
 * ```
 */
export type HazardSourceId = 'P1' | 'P3' | 'P4' | 'P5' | 'S1' | 'S2' | 'S3';

/**
 * One source of the Awaab's Law data: who published it, when, where, and whether it is primary
 * (the government, the legislation, the Housing Ombudsman) or secondary (commentary).
 *
 * @example
 * ```ts
 * const source: HazardSource = HAZARD_SOURCES.S1;
 * source.kind; //=> 'secondary'
 * ```
 */
export interface HazardSource {
  /** Its id, as the research notes and the guide number it. */
  readonly id: HazardSourceId;
  /** `'primary'` (government guidance, legislation, the Housing Ombudsman) or `'secondary'` (commentary: a value resting only on it is unverified). */
  readonly kind: 'primary' | 'secondary';
  /** The title (for S1 to S3, as the page and its address give it). */
  readonly title: string;
  /** Who published it. */
  readonly publisher: string;
  /** When, as the source shows it; `undefined` when the stored copy did not show a date. */
  readonly date: string | undefined;
  /** Where to read it (the first is the main page). */
  readonly urls: readonly string[];
}

/**
 * Every source the Awaab's Law data cites, by id. P1 to P5 are primary; S1 to S3 are secondary and
 * are kept only as leads: nothing that rests on them alone is marked verified.
 *
 * @example
 * ```ts
 * HAZARD_SOURCES.P1.date; //=> '17 October 2025'
 * HAZARD_SOURCES.P1.kind; //=> 'primary'
 * HAZARD_SOURCES.S3.kind; //=> 'secondary'
 * ```
 */
export const HAZARD_SOURCES: Readonly<Record<HazardSourceId, HazardSource>> = Object.freeze({
  P1: Object.freeze({
    id: 'P1',
    kind: 'primary',
    title: "Awaab's Law: Guidance for social landlords – Timeframes for repairs in the social rented sector (non-statutory guidance)",
    publisher: 'Ministry of Housing, Communities and Local Government (MHCLG)',
    date: '17 October 2025',
    urls: Object.freeze([
      'https://www.gov.uk/government/publications/awaabs-law-guidance-for-social-landlords/awaabs-law-guidance-for-social-landlords-timeframes-for-repairs-in-the-social-rented-sector',
    ]),
  }),
  P3: Object.freeze({
    id: 'P3',
    kind: 'primary',
    title: 'Landlord and Tenant Act 1985, section 10A (inserted by the Social Housing (Regulation) Act 2023, section 42)',
    publisher: 'legislation.gov.uk (The National Archives)',
    date: 'current text',
    urls: Object.freeze(['https://www.legislation.gov.uk/ukpga/1985/70/section/10A/data.html']),
  }),
  P4: Object.freeze({
    id: 'P4',
    kind: 'primary',
    title: "Complaints involving Awaab's Law: landlord expectations",
    publisher: 'Housing Ombudsman Service',
    date: undefined,
    urls: Object.freeze(['https://www.housing-ombudsman.org.uk/?p=139898']),
  }),
  P5: Object.freeze({
    id: 'P5',
    kind: 'primary',
    title: 'Guidance on complaints involving hazards',
    publisher: 'Housing Ombudsman Service',
    date: undefined,
    urls: Object.freeze(['https://www.housing-ombudsman.org.uk/?p=127784']),
  }),
  S1: Object.freeze({
    id: 'S1',
    kind: 'secondary',
    title: "Awaab's Law: consultation and introduction in October 2025 (written on the draft Regulations)",
    publisher: 'Bevan Brittan LLP',
    date: '30 June 2025',
    urls: Object.freeze(['https://www.bevanbrittan.com/insights/articles/2025/awaab-s-law-consultation-and-introduction-in-october-2025']),
  }),
  S2: Object.freeze({
    id: 'S2',
    kind: 'secondary',
    title: "Awaab's Law: a summary overview of phase 1",
    publisher: 'Nearly Legal',
    date: '27 October 2025',
    urls: Object.freeze(['https://nearlylegal.co.uk/2025/10/awaabs-law-a-summary-overview-of-phase-1/']),
  }),
  S3: Object.freeze({
    id: 'S3',
    kind: 'secondary',
    title: "Awaab's Law guide pages: the 24-hour rule; the preventative work deadline",
    publisher: 'awaabslawguide.co.uk',
    date: undefined,
    urls: Object.freeze([
      'https://awaabslawguide.co.uk/guides/awaabs-law-24-hour-rule',
      'https://awaabslawguide.co.uk/guides/awaabs-law-preventative-work-deadline',
    ]),
  }),
});
