/**
 * The figures of the Code's annual complaints performance and service improvement report (8.1,
 * 8.2): volumes, outcomes, timeliness against the Code, declines by reason (8.1(b)), extensions,
 * breaches, remedies, the Ombudsman's findings and the causes to learn from (8.1(d), 9.x), with
 * the regulator's measures (CH01, CH02) from the same single pass.
 */
import { InvalidInputError } from '../errors.js';
import { AnnualTally } from './annualTally.js';
import { COUNTING_KEYS, copyOptions, readCounting, readHomes, readPeriod, type CountingOptions, type EffectiveCountingOptions, type Homes, type ReportingPeriod } from './options.js';
import type { ComplaintRecord } from './record.js';
import { feed, feedAsync, sourceOf } from './stream.js';
import type { SetAside, StageCounts, Stages, TenantSatisfactionMeasures } from './tsm.js';

/**
 * Options of {@link annualReport}: the period, and optionally the homes (for CH01 and CH02), the
 * landlord's name, how many entries the "top" lists keep, and the counting choices of
 * {@link CountingOptions}.
 *
 * @example
 * ```ts
 * const options: AnnualReportOptions = { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 5000, landlord: { name: 'Mill Lane Homes' }, top: 3 };
 * ```
 */
export interface AnnualReportOptions extends CountingOptions {
  /** The reporting period, both days included. */
  readonly period: ReportingPeriod;
  /** The homes owned: given, the report carries the Tenant Satisfaction Measures too. */
  readonly homes?: Homes;
  /** The landlord, for the report's heading. */
  readonly landlord?: {
    /** Its name, 1 to 200 characters. */
    readonly name: string;
  };
  /** How many entries the `learning` lists keep, 1 to 100 (default 5). */
  readonly top?: number;
}

/**
 * Complaints received in one month of the period, at each stage.
 *
 * @example
 * ```ts
 * const april: MonthVolume = { month: '2024-04', stage1: 12, stage2: 2 };
 * ```
 */
export interface MonthVolume {
  /** The month, `'YYYY-MM'`. */
  readonly month: string;
  /** Stage 1 complaints received in it. */
  readonly stage1: number;
  /** Stage 2 escalations received in it. */
  readonly stage2: number;
}

/**
 * The decisions of the responses sent at one stage.
 *
 * @example
 * ```ts
 * const outcomes: Outcomes = { upheld: 5, partlyUpheld: 3, notUpheld: 5, notRecorded: 0 };
 * ```
 */
export interface Outcomes {
  /** Upheld. */
  readonly upheld: number;
  /** Partly upheld. */
  readonly partlyUpheld: number;
  /** Not upheld. */
  readonly notUpheld: number;
  /** Responses whose record has no decision. */
  readonly notRecorded: number;
}

/**
 * How many complaints carry a category.
 *
 * @example
 * ```ts
 * const row: CategoryCount = { category: 'repairs', count: 5 };
 * ```
 */
export interface CategoryCount {
  /** The landlord's category. */
  readonly category: string;
  /** How many. */
  readonly count: number;
}

/**
 * How many complaints concern a service area.
 *
 * @example
 * ```ts
 * const row: ServiceAreaCount = { serviceArea: 'Repairs', count: 8 };
 * ```
 */
export interface ServiceAreaCount {
  /** The landlord's service area. */
  readonly serviceArea: string;
  /** How many. */
  readonly count: number;
}

/**
 * The extensions given at one stage in the period.
 *
 * @example
 * ```ts
 * const row: ExtensionCounts = { count: 3, complaints: 3, withGoodReason: 0, beyondCodeLimit: 1, afterDeadline: 1, byCategory: [{ category: 'survey-awaited', count: 2 }], uncategorised: 0 };
 * ```
 */
export interface ExtensionCounts {
  /** Extensions given. */
  readonly count: number;
  /** Complaints given at least one. */
  readonly complaints: number;
  /** Those that needed, and gave, a good reason: beyond the limit (6.4, 6.15). */
  readonly withGoodReason: number;
  /** Those that took the stage's extensions beyond the Code's limit (10 working days at stage 1, 20 at stage 2) without a good reason: allowed only by a policy that does not enforce the Code. */
  readonly beyondCodeLimit: number;
  /** Dates given after the deadline had passed: revised dates, not extensions in time. */
  readonly afterDeadline: number;
  /** By the landlord's label for the reason, most first. */
  readonly byCategory: readonly CategoryCount[];
  /** Extensions without a label. */
  readonly uncategorised: number;
}

/**
 * Timeliness against the Code at one stage.
 *
 * @example
 * ```ts
 * const row: StageTimeliness = { acknowledged: 15, acknowledgedOnTime: 14, acknowledgedOnTimePercent: 93.3, responded: 13, respondedWithinTimescale: 11, respondedWithinTimescalePercent: 84.6 };
 * ```
 */
export interface StageTimeliness {
  /** Acknowledgements sent in the period. */
  readonly acknowledged: number;
  /** Of them, those sent by the deadline (6.2, 6.11). */
  readonly acknowledgedOnTime: number;
  /** The percentage, one decimal place; `null` when nothing was acknowledged. */
  readonly acknowledgedOnTimePercent: number | null;
  /** Responses sent in the period. */
  readonly responded: number;
  /** Of them, those within the Code's timescales: CH02's rule. */
  readonly respondedWithinTimescale: number;
  /** The percentage, one decimal place; `null` when nothing was responded to. */
  readonly respondedWithinTimescalePercent: number | null;
}

/**
 * Deadlines missed, of one kind and provision.
 *
 * @example
 * ```ts
 * const row: BreachCount = { deadline: 'stage1.respond', provision: '6.3', count: 2 };
 * ```
 */
export interface BreachCount {
  /** `'stage1.acknowledge'`, `'stage1.respond'`, `'stage2.acknowledge'`, `'stage2.respond'`, `'remedy'`, `'action'`, `'timer'`, or a hazard's duty under Awaab's Law (`'hazard:written-summary'`). */
  readonly deadline: string;
  /** The provision (or policy paragraph) that set it. */
  readonly provision: string;
  /** How many were missed. */
  readonly count: number;
}

/**
 * The remedies of one kind offered in the period (7.1).
 *
 * @example
 * ```ts
 * const row: RemedyKindCount = { kind: 'financial', count: 2, amountPence: 40000, amountPounds: 400 };
 * ```
 */
export interface RemedyKindCount {
  /** The kind of remedy. */
  readonly kind: ComplaintRecord['remedies'][number]['kind'];
  /** How many were offered. */
  readonly count: number;
  /** The money offered, in whole pence. */
  readonly amountPence: number;
  /** The same in pounds, pence as decimals (`amountPence / 100`). */
  readonly amountPounds: number;
}

/**
 * The remedies offered in the period and how they were followed through (7.1 to 7.3).
 *
 * @example
 * ```ts
 * const remedies: RemedyCounts = { offered: 0, byKind: [], totalPence: 0, totalPounds: 0, amountsExact: true, due: 0, completedOnTime: 0, completedLate: 0, outstanding: 0 };
 * ```
 */
export interface RemedyCounts {
  /** Remedies offered. */
  readonly offered: number;
  /** By kind, every kind of 7.1 in order. */
  readonly byKind: readonly RemedyKindCount[];
  /** Money offered, in whole pence. */
  readonly totalPence: number;
  /** The same in pounds. */
  readonly totalPounds: number;
  /** Whether the amounts are exact: `false` only past 2^53 pence (£90 trillion), where sums round. */
  readonly amountsExact: boolean;
  /** Those promised by a date. */
  readonly due: number;
  /** Completed, by their date if they had one and with no breach recorded against them. */
  readonly completedOnTime: number;
  /** Completed after their date, or with a breach recorded against them. */
  readonly completedLate: number;
  /** Not completed, as the records stand. */
  readonly outstanding: number;
}

/**
 * The Housing Ombudsman's involvement in the period.
 *
 * @example
 * ```ts
 * const row: OmbudsmanCounts = {
 *   referred: 0, determined: 0, orders: 0, maladministrationRate: null,
 *   findings: { 'no-maladministration': 0, 'service-failure': 0, maladministration: 0, 'severe-maladministration': 0, 'reasonable-redress': 0, 'outside-jurisdiction': 0, withdrawn: 0 },
 * };
 * ```
 */
export interface OmbudsmanCounts {
  /** Complaints referred to the Ombudsman in the period. */
  readonly referred: number;
  /** Determinations received in the period. */
  readonly determined: number;
  /** Their findings, one per complaint element. */
  readonly findings: Readonly<Record<NonNullable<ComplaintRecord['ombudsman']['findings']>[number], number>>;
  /** Orders the determinations made. */
  readonly orders: number;
  /**
   * Findings of severe maladministration, maladministration and service failure as a percentage
   * of the findings considered (all but outside jurisdiction and withdrawn), one decimal place, as
   * the Ombudsman's landlord reports count it; `null` with none considered.
   */
  readonly maladministrationRate: number | null;
}

/**
 * A cause, category or service area to learn from: the responses citing it, and how many of them
 * upheld the complaint in full or in part. `K` names the label's field.
 *
 * @example
 * ```ts
 * const row: LearningCount<'cause'> = { cause: 'contractor-delay', count: 4, upheldOrPartly: 4 };
 * ```
 */
export type LearningCount<K extends 'cause' | 'category' | 'serviceArea'> = { readonly [P in K]: string } & {
  /** Responses in the period with it. */
  readonly count: number;
  /** Of them, upheld or partly upheld. */
  readonly upheldOrPartly: number;
};

/**
 * The annual complaints performance and service improvement report's figures (Code 8.1, 8.2) for
 * one period: see {@link annualReport} for what each counts, and `renderAnnualReport` to publish it.
 *
 * @example
 * ```ts
 * const report: AnnualReport = annualReport([], { period: { from: '2024-04-01', to: '2025-03-31' } });
 * report.volumes.byMonth.length; //=> 12
 * ```
 */
export interface AnnualReport {
  /** The period. */
  readonly period: ReportingPeriod;
  /** The landlord, when given. */
  readonly landlord?: {
    /** Its name. */
    readonly name: string;
  };
  /** The Tenant Satisfaction Measures, when `homes` was given. */
  readonly tsm?: TenantSatisfactionMeasures;
  /** The options used, defaults filled in. */
  readonly options: EffectiveCountingOptions & {
    /** How many entries the `learning` lists keep. */
    readonly top: number;
  };
  /** Complaints received (by `receivedOn` and `stage2.requestedOn`), counted as CH01 counts them. */
  readonly volumes: {
    /** Stage 1 complaints received. */
    readonly stage1: number;
    /** Stage 2 escalations received. */
    readonly stage2: number;
    /** Every month of the period, in order, months with none included. */
    readonly byMonth: readonly MonthVolume[];
    /** Complaints received that the options left out, by kind and stage. */
    readonly excluded: SetAside;
    /** Complaints of the same kinds that the options counted. */
    readonly included: SetAside;
  };
  /** Decisions of the responses sent in the period (by `respondedOn`). */
  readonly outcomes: Stages<Outcomes>;
  /** Stage 1 complaints received, by category, most first. */
  readonly categories: readonly CategoryCount[];
  /** Of them, those with no category. */
  readonly uncategorised: number;
  /** Stage 1 complaints received, by service area, most first (policy 18.1). */
  readonly serviceAreas: readonly ServiceAreaCount[];
  /** Of them, those with no service area. */
  readonly noServiceArea: number;
  /** Complaints declined in the period (by the day declined), by reason and stage: the types of complaints refused (8.1(b)). */
  readonly declines: {
    /** All of them. */
    readonly total: number;
    /** By reason. */
    readonly byReason: Readonly<Record<NonNullable<ComplaintRecord['declined']>['reason'], number>>;
    /** By the stage they were at. */
    readonly byStage: StageCounts;
  };
  /** Requests for stage 2 refused in the period (by the day refused), by reason (5.11). */
  readonly escalationRefusals: {
    /** All of them. */
    readonly total: number;
    /** By reason. */
    readonly byReason: Readonly<Record<NonNullable<ComplaintRecord['escalationRefused']>['reason'], number>>;
  };
  /** Extensions given in the period (by the day given), at each stage (6.4, 6.15). */
  readonly extensions: Stages<ExtensionCounts>;
  /** Acknowledgements and responses sent in the period, against the Code's timescales. */
  readonly timeliness: Stages<StageTimeliness>;
  /** Deadlines missed, recorded in the period (by `recordedOn`). */
  readonly breaches: {
    /** All of them. */
    readonly total: number;
    /** By kind of deadline and provision, in the order of the process. */
    readonly byDeadline: readonly BreachCount[];
  };
  /** Remedies offered in the period (by `offeredOn`). */
  readonly remedies: RemedyCounts;
  /** Referrals and determinations in the period (each by its own day). */
  readonly ombudsman: OmbudsmanCounts;
  /** What to learn from (8.1(d), 9.x): the responses sent in the period, each stage's response counted. */
  readonly learning: {
    /** Root causes found (`stageN.cause`), most first. */
    readonly topCauses: readonly LearningCount<'cause'>[];
    /** Categories, most first. */
    readonly topCategories: readonly LearningCount<'category'>[];
    /** Service areas, most first. */
    readonly topServiceAreas: readonly LearningCount<'serviceArea'>[];
  };
}

/** @internal The options of {@link annualReport}, copied once and checked. */
function readAnnualOptions(options: unknown) {
  const read = copyOptions(options, ['period', 'homes', 'landlord', 'top', ...COUNTING_KEYS]);
  const period = readPeriod(read.period);
  const homes = read.homes === undefined ? undefined : readHomes(read.homes);
  let landlord: { name: string } | undefined;
  if (read.landlord !== undefined) {
    const given = read.landlord as { name?: unknown } | null;
    const name = typeof given === 'object' && given !== null && !Array.isArray(given) && Object.keys(given).length === 1 ? given.name : undefined;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw new InvalidInputError('options.landlord', read.landlord, 'a landlord { name } whose name is 1 to 200 characters');
    landlord = { name: name.trim() };
  }
  const top = read.top ?? 5;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > 100) throw new InvalidInputError('options.top', top, 'a whole number from 1 to 100');
  return { period, homes, landlord, top, counting: readCounting(read) };
}

/**
 * The figures of the annual complaints performance and service improvement report (Code 8.1,
 * 8.2), in one streaming pass over complaint records, keeping no record. Each figure counts what
 * happened in the period, dated by its own event:
 *
 * - **volumes**, **categories**, **service areas**: complaints received (`receivedOn`; stage 2 by
 *   `stage2.requestedOn`), counted as CH01 counts them (declined ones and refused escalations
 *   apart by default: see {@link CountingOptions});
 * - **outcomes**, **timeliness**, **learning**: responses sent (`stageN.respondedOn`), and
 *   acknowledgements sent (`stageN.acknowledgedOn`); "within timescale" is CH02's rule;
 * - **declines** and **escalation refusals**: by the day of the decision, by reason (8.1(b));
 * - **extensions**: by the day given; **breaches**: by the day recorded; **remedies**: by the day
 *   offered, followed through as the records stand; **ombudsman**: referrals and determinations
 *   by their own days.
 *
 * With `homes`, the report carries the Tenant Satisfaction Measures, counted in the same pass
 * exactly as `tenantSatisfactionMeasures` counts them. Records are trusted as there (read
 * untrusted ones with `parseRecord`); a record that is not an object is an
 * {@link InvalidInputError} naming its index.
 *
 * @param records - complaint records: an iterable, or an async iterable (then the result is a Promise)
 * @param options - the period, and optionally homes, landlord, top and the counting options
 * @returns the report's figures; render them with `renderAnnualReport`
 * @throws {@link InvalidInputError} naming the option or record at fault (for async records the promise rejects with it)
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2024-06-03T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak', category: 'repairs' } },
 * ]);
 * const report = annualReport([toRecord(snapshot)!], { period: { from: '2024-04-01', to: '2025-03-31' } });
 * report.volumes.stage1; //=> 1
 * report.volumes.byMonth[2]; //=> { month: '2024-06', stage1: 1, stage2: 0 }
 * report.categories; //=> [{ category: 'repairs', count: 1 }]
 * ```
 */
export function annualReport(records: Iterable<ComplaintRecord>, options: AnnualReportOptions): AnnualReport;
export function annualReport(records: AsyncIterable<ComplaintRecord>, options: AnnualReportOptions): Promise<AnnualReport>;
export function annualReport(records: Iterable<ComplaintRecord> | AsyncIterable<ComplaintRecord>, options: AnnualReportOptions): AnnualReport | Promise<AnnualReport> {
  const source = sourceOf(records);
  const tally = () => {
    const read = readAnnualOptions(options);
    return new AnnualTally(read.period, read.homes, read.landlord, read.top, read.counting);
  };
  if (source.kind === 'async') return Promise.resolve().then(() => feedAsync(records, source, tally()));
  return feed(records, source, tally());
}
