/**
 * The Regulator of Social Housing's Tenant Satisfaction Measures for complaints: CH01 (stage 1 and
 * stage 2 complaints received per 1,000 homes) and CH02 (the proportion of stage 1 and stage 2
 * complaints responded to within the Complaint Handling Code's timescales), in one streaming pass
 * over complaint records, in total and by tenure.
 */
import { InvalidInputError } from '../errors.js';
import type { ComplaintRecord } from './record.js';
import { feed, feedAsync, sourceOf, type Tally } from './stream.js';
import { day, maybeDay, withinTimescale, type respondedWithinTimescale } from './timeliness.js';
import {
  COUNTING_KEYS,
  copyOptions,
  oneDecimal,
  readCounting,
  readHomes,
  readPeriod,
  type CountingOptions,
  type EffectiveCountingOptions,
  type Homes,
  type ReportingPeriod,
} from './options.js';

/**
 * Options of {@link tenantSatisfactionMeasures}: the period, the homes, and the counting choices
 * of {@link CountingOptions}.
 *
 * @example
 * ```ts
 * const options: TsmOptions = { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 5000 };
 * ```
 */
export interface TsmOptions extends CountingOptions {
  /** The reporting period, both days included (the regulator's year is 1 April to 31 March). */
  readonly period: ReportingPeriod;
  /** The homes owned: one number, or low-cost rental and low-cost home ownership apart for figures by tenure. */
  readonly homes: Homes;
}

/**
 * CH01 at one stage: complaints received, and per 1,000 homes.
 *
 * @example
 * ```ts
 * const figure: Ch01Figure = { received: 14, perThousandHomes: 2.8 };
 * ```
 */
export interface Ch01Figure {
  /** Complaints received at this stage in the period. */
  readonly received: number;
  /** `received / homes × 1,000`, rounded half up to one decimal place. */
  readonly perThousandHomes: number;
}

/**
 * CH02 at one stage: responses sent, those within the Code's timescales, and the percentage.
 *
 * @example
 * ```ts
 * const figure: Ch02Figure = { responded: 13, withinTimescale: 11, percent: 84.6 };
 * ```
 */
export interface Ch02Figure {
  /** Responses at this stage sent in the period. */
  readonly responded: number;
  /** Of them, those within the Code's timescales (see {@link respondedWithinTimescale}). */
  readonly withinTimescale: number;
  /** `withinTimescale / responded × 100`, rounded half up to one decimal place; `null` when nothing was responded to. */
  readonly percent: number | null;
}

/**
 * A figure at each stage of the Code's two-stage procedure.
 *
 * @example
 * ```ts
 * const received: Stages<number> = { stage1: 14, stage2: 4 };
 * ```
 */
export interface Stages<T> {
  /** At stage 1. */
  readonly stage1: T;
  /** At stage 2. */
  readonly stage2: T;
}

/**
 * CH01 and CH02 at both stages, for all homes or one tenure group.
 *
 * @example
 * ```ts
 * const measures: TenureMeasures = {
 *   homes: 1000,
 *   CH01: { stage1: { received: 4, perThousandHomes: 4 }, stage2: { received: 1, perThousandHomes: 1 } },
 *   CH02: { stage1: { responded: 3, withinTimescale: 3, percent: 100 }, stage2: { responded: 0, withinTimescale: 0, percent: null } },
 * };
 * ```
 */
export interface TenureMeasures {
  /** The homes the figures are counted against. */
  readonly homes: number;
  /** CH01: complaints received per 1,000 homes. */
  readonly CH01: Stages<Ch01Figure>;
  /** CH02: complaints responded to within the Code's timescales. */
  readonly CH02: Stages<Ch02Figure>;
}

/**
 * The counts of complaints whose record gives no tenure: in the totals, in neither tenure group.
 *
 * @example
 * ```ts
 * const unknown: UnknownTenureCounts = {
 *   CH01: { stage1: { received: 2 }, stage2: { received: 1 } },
 *   CH02: { stage1: { responded: 1, withinTimescale: 1 }, stage2: { responded: 1, withinTimescale: 0 } },
 * };
 * ```
 */
export interface UnknownTenureCounts {
  /** Complaints received at each stage. */
  readonly CH01: Stages<Omit<Ch01Figure, 'perThousandHomes'>>;
  /** Responses at each stage, and those within timescale. */
  readonly CH02: Stages<Omit<Ch02Figure, 'percent'>>;
}

/**
 * A count at each stage.
 *
 * @example
 * ```ts
 * const counts: StageCounts = { stage1: 2, stage2: 1 };
 * ```
 */
export interface StageCounts {
  /** At stage 1. */
  readonly stage1: number;
  /** At stage 2. */
  readonly stage2: number;
}

/**
 * Complaints the Code treats apart, received in the period at a stage: declined, withdrawn while
 * the stage was open, and refused escalations (stage 2 requests).
 *
 * @example
 * ```ts
 * const apart: SetAside = { declined: { stage1: 2, stage2: 1 }, withdrawn: { stage1: 0, stage2: 0 }, escalationRefused: 1 };
 * ```
 */
export interface SetAside {
  /** Declined (section 2, or 1.4), by the stage they were declined at. */
  readonly declined: StageCounts;
  /** Withdrawn, by the stage open when they were. */
  readonly withdrawn: StageCounts;
  /** Requests for stage 2 refused (5.11). */
  readonly escalationRefused: number;
}

/**
 * The complaints measures of one reporting period (see {@link tenantSatisfactionMeasures}).
 *
 * @example
 * ```ts
 * const tsm: TenantSatisfactionMeasures = tenantSatisfactionMeasures([], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 100 });
 * tsm.CH02.stage1.percent; //=> null
 * ```
 */
export interface TenantSatisfactionMeasures {
  /** The period counted. */
  readonly period: ReportingPeriod;
  /** All homes: the number given, or the two tenure groups added. */
  readonly homes: number;
  /** CH01(1) and CH01(2): stage 1 and stage 2 complaints received per 1,000 homes. */
  readonly CH01: Stages<Ch01Figure>;
  /** CH02(1) and CH02(2): stage 1 and stage 2 complaints responded to within the Code's timescales. */
  readonly CH02: Stages<Ch02Figure>;
  /** Complaints received in the period that the options left out of CH01, by kind and stage. */
  readonly excluded: SetAside;
  /** Complaints of the same kinds that the options counted in CH01: the other side of `excluded`. */
  readonly included: SetAside;
  /** The counting options used, defaults filled in. */
  readonly options: EffectiveCountingOptions;
  /** With `homes` split by tenure: the figures of each group, and the counts of records with no tenure. */
  readonly byTenure?: {
    /** Low-cost rental accommodation (LCRA): general needs and supported housing. */
    readonly lowCostRental: TenureMeasures;
    /** Low-cost home ownership (LCHO): shared ownership. */
    readonly lowCostHomeOwnership: TenureMeasures;
    /** Records with no tenure: in the totals, in neither group. */
    readonly unknownTenure: UnknownTenureCounts;
  };
}

/** @internal Why a stage of a complaint is treated apart: not at all, declined, withdrawn, refused. */
export const APART = { none: 0, declined: 1, withdrawn: 2, refused: 3 } as const;

/**
 * @internal Whether a stage of a record is one the Code treats apart ({@link APART}): declined at
 * that stage, withdrawn while that stage was open (stage 2 once escalated; stage 1 before its
 * response), or, at stage 2, an escalation refused.
 */
export function apartAt(record: ComplaintRecord, stage: 1 | 2): number {
  const declined = record.declined;
  const reason = record.closure?.reason;
  if (declined !== undefined || reason === 'declined') {
    const at = declined !== undefined ? declined.stage : record.stage2 !== undefined ? 2 : 1;
    return at === stage ? APART.declined : APART.none;
  }
  if (record.escalationRefused !== undefined || reason === 'escalation-refused') return stage === 2 ? APART.refused : APART.none;
  if (reason === 'withdrawn') {
    const open = record.stage2 !== undefined ? 2 : record.stage1.respondedOn === undefined ? 1 : 0;
    return open === stage ? APART.withdrawn : APART.none;
  }
  return APART.none;
}

/** @internal What {@link TsmTally.add} counted of a record, as bit flags. */
export const COUNTED = { received1: 1, responded1: 2, within1: 4, received2: 8, responded2: 16, within2: 32 } as const;

/** @internal The tenure group of a record: 0 low-cost rental, 1 low-cost home ownership, 2 not known. */
export function tenureGroup(tenure: string | undefined): 0 | 1 | 2 {
  return tenure === 'general-needs' || tenure === 'supported-housing' ? 0 : tenure === 'shared-ownership' ? 1 : 2;
}

/**
 * @internal The CH01 and CH02 counts, kept by tenure group (index {@link tenureGroup}) as one pass
 * reads the records. The annual report keeps one too, so both count alike.
 */
export class TsmTally implements Tally<TenantSatisfactionMeasures> {
  private readonly received1 = [0, 0, 0];
  private readonly received2 = [0, 0, 0];
  private readonly responded1 = [0, 0, 0];
  private readonly within1 = [0, 0, 0];
  private readonly responded2 = [0, 0, 0];
  private readonly within2 = [0, 0, 0];
  /** Set-aside counts, index `APART` kind × 2 + stage − 1: [_, _, declined1, declined2, withdrawn1, withdrawn2, _, refused]. */
  private readonly excluded = [0, 0, 0, 0, 0, 0, 0, 0];
  private readonly included = [0, 0, 0, 0, 0, 0, 0, 0];
  /** Whether each `APART` kind is left out of CH01. */
  private readonly leaveOut: readonly boolean[];

  constructor(
    private readonly period: ReportingPeriod,
    private readonly homes: Homes,
    private readonly options: EffectiveCountingOptions,
  ) {
    this.leaveOut = [false, options.declined === 'exclude', options.withdrawn === 'exclude', options.escalationRefused === 'exclude'];
  }

  /** Whether a stage received in the period counts in CH01, keeping the set-aside counts. */
  private counts(record: ComplaintRecord, stage: 1 | 2): boolean {
    const apart = apartAt(record, stage);
    if (apart === APART.none) return true;
    const slot = apart * 2 + stage - 1;
    if (this.leaveOut[apart]) {
      this.excluded[slot]!++;
      return false;
    }
    this.included[slot]!++;
    return true;
  }

  /** Counts one record; returns what it counted, as {@link COUNTED} flags, for the annual report to reuse. */
  add(record: ComplaintRecord): number {
    const from = this.period.from;
    const to = this.period.to;
    const group = tenureGroup(record.tenure);
    let flags = 0;
    const received = day(record.receivedOn, 'receivedOn');
    if (received >= from && received <= to && this.counts(record, 1)) {
      this.received1[group]!++;
      flags |= COUNTED.received1;
    }
    const stage1 = record.stage1;
    const responded1 = maybeDay(stage1.respondedOn, 'stage1.respondedOn');
    if (responded1 !== undefined && responded1 >= from && responded1 <= to) {
      this.responded1[group]!++;
      flags |= COUNTED.responded1;
      if (withinTimescale(stage1, 1, this.options)) {
        this.within1[group]!++;
        flags |= COUNTED.within1;
      }
    }
    const stage2 = record.stage2;
    if (stage2 === undefined) return flags;
    const requested = day(stage2.requestedOn, 'stage2.requestedOn');
    if (requested >= from && requested <= to && this.counts(record, 2)) {
      this.received2[group]!++;
      flags |= COUNTED.received2;
    }
    const responded2 = maybeDay(stage2.respondedOn, 'stage2.respondedOn');
    if (responded2 !== undefined && responded2 >= from && responded2 <= to) {
      this.responded2[group]!++;
      flags |= COUNTED.responded2;
      if (withinTimescale(stage2, 2, this.options)) {
        this.within2[group]!++;
        flags |= COUNTED.within2;
      }
    }
    return flags;
  }

  result(): TenantSatisfactionMeasures {
    const split = typeof this.homes === 'number' ? undefined : this.homes;
    const homes = split ? split.lowCostRental + split.lowCostHomeOwnership : (this.homes as number);
    const all = (counts: readonly number[]) => counts[0]! + counts[1]! + counts[2]!;
    const totals = this.measures(homes, all);
    const apart = (counts: readonly number[]): SetAside => ({
      declined: { stage1: counts[2]!, stage2: counts[3]! },
      withdrawn: { stage1: counts[4]!, stage2: counts[5]! },
      escalationRefused: counts[7]!,
    });
    const result: TenantSatisfactionMeasures = {
      period: { from: this.period.from, to: this.period.to },
      homes,
      CH01: totals.CH01,
      CH02: totals.CH02,
      excluded: apart(this.excluded),
      included: apart(this.included),
      options: { ...this.options },
    };
    if (!split) return result;
    const unknown = (counts: readonly number[]) => counts[2]!;
    return {
      ...result,
      byTenure: {
        lowCostRental: this.measures(split.lowCostRental, (counts) => counts[0]!),
        lowCostHomeOwnership: this.measures(split.lowCostHomeOwnership, (counts) => counts[1]!),
        unknownTenure: {
          CH01: { stage1: { received: unknown(this.received1) }, stage2: { received: unknown(this.received2) } },
          CH02: {
            stage1: { responded: unknown(this.responded1), withinTimescale: unknown(this.within1) },
            stage2: { responded: unknown(this.responded2), withinTimescale: unknown(this.within2) },
          },
        },
      },
    };
  }

  private measures(homes: number, pick: (counts: readonly number[]) => number): TenureMeasures {
    const ch01 = (counts: readonly number[]): Ch01Figure => ({ received: pick(counts), perThousandHomes: oneDecimal(pick(counts), homes, 1000)! });
    const ch02 = (responded: readonly number[], within: readonly number[]): Ch02Figure => ({
      responded: pick(responded),
      withinTimescale: pick(within),
      percent: oneDecimal(pick(within), pick(responded), 100),
    });
    return {
      homes,
      CH01: { stage1: ch01(this.received1), stage2: ch01(this.received2) },
      CH02: { stage1: ch02(this.responded1, this.within1), stage2: ch02(this.responded2, this.within2) },
    };
  }
}

/** @internal The options of {@link tenantSatisfactionMeasures}, copied once and checked. */
export function readTsmOptions(options: unknown): { period: ReportingPeriod; homes: Homes; counting: EffectiveCountingOptions } {
  const read = copyOptions(options, ['period', 'homes', ...COUNTING_KEYS]);
  const period = readPeriod(read.period);
  if (read.homes === undefined) throw new InvalidInputError('options.homes', undefined, 'the number of homes (a whole number, 1 or more), or { lowCostRental, lowCostHomeOwnership }');
  return { period, homes: readHomes(read.homes), counting: readCounting(read) };
}

/**
 * The Regulator of Social Housing's Tenant Satisfaction Measures for complaints, in one pass over
 * complaint records (arrays, iterables, or async iterables such as a database cursor), keeping no
 * record: memory stays flat however many there are.
 *
 * - **CH01(1)**: stage 1 complaints received in the period (`receivedOn`) per 1,000 homes;
 *   **CH01(2)**: stage 2 escalations received in it (`stage2.requestedOn`) per 1,000 homes.
 *   Declined complaints and refused escalations are left out and counted apart; withdrawn ones are
 *   counted (they were received). Each choice is an option: see {@link CountingOptions}.
 * - **CH02(1)** and **CH02(2)**: of the responses sent in the period at each stage
 *   (`stageN.respondedOn`), the share within the Code's timescales, judged by
 *   {@link respondedWithinTimescale}: by default a response within an extension the Code permits
 *   (6.4, 6.15) is within timescale.
 *
 * Figures are rounded half up to one decimal place; a percentage of no responses is `null`. With
 * `homes` split by tenure every figure is also given for low-cost rental (general needs and
 * supported housing) and low-cost home ownership (shared ownership); records with no tenure count
 * in the totals and are reported as `unknownTenure`.
 *
 * Records are trusted to be of the record's shape: `toRecord` makes them so, and records read from
 * a file should pass through `parseRecord` first. A record that is not an object, or breaks the
 * count as it is read, is an {@link InvalidInputError} naming its index. What the records' own
 * iterator throws (a failed database read, say) passes through unchanged.
 *
 * @param records - complaint records: an iterable, or an async iterable (then the result is a Promise)
 * @param options - the period, the homes, and the counting options
 * @returns CH01 and CH02, the complaints set apart, the options used, and the figures by tenure when `homes` is split
 * @throws {@link InvalidInputError} naming the option or record at fault (for async records the promise rejects with it)
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2024-06-03T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak', tenure: 'general-needs' } },
 * ]);
 * const tsm = tenantSatisfactionMeasures([toRecord(snapshot)!], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 400 });
 * tsm.CH01.stage1; //=> { received: 1, perThousandHomes: 2.5 }
 * tsm.CH02.stage1; //=> { responded: 0, withinTimescale: 0, percent: null }
 * ```
 */
export function tenantSatisfactionMeasures(records: Iterable<ComplaintRecord>, options: TsmOptions): TenantSatisfactionMeasures;
export function tenantSatisfactionMeasures(records: AsyncIterable<ComplaintRecord>, options: TsmOptions): Promise<TenantSatisfactionMeasures>;
export function tenantSatisfactionMeasures(
  records: Iterable<ComplaintRecord> | AsyncIterable<ComplaintRecord>,
  options: TsmOptions,
): TenantSatisfactionMeasures | Promise<TenantSatisfactionMeasures> {
  const source = sourceOf(records);
  const tally = () => {
    const { period, homes, counting } = readTsmOptions(options);
    return new TsmTally(period, homes, counting);
  };
  if (source.kind === 'async') return Promise.resolve().then(() => feedAsync(records, source, tally()));
  return feed(records, source, tally());
}
