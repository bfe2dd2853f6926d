/**
 * The annual report's counts, kept as one pass reads the records: numbers and small maps keyed by
 * the landlord's labels, never a list of records. Each record is read with plain loops and string
 * comparisons of ISO dates, allocating nothing on the common path.
 */
import type { AnnualReport, BreachCount, CategoryCount, ExtensionCounts, LearningCount, Outcomes, RemedyKindCount, ServiceAreaCount, StageTimeliness } from './annual.js';
import { oneDecimal, type EffectiveCountingOptions, type Homes, type ReportingPeriod } from './options.js';
import type { ComplaintRecord } from './record.js';
import type { Tally } from './stream.js';
import { CODE_EXTENSION_LIMIT, day, maybeDay } from './timeliness.js';
import { COUNTED, TsmTally } from './tsm.js';

type StageFacts = ComplaintRecord['stage1'];
type DeclineReason = NonNullable<ComplaintRecord['declined']>['reason'];
type RefusalReason = NonNullable<ComplaintRecord['escalationRefused']>['reason'];
type RemedyKind = ComplaintRecord['remedies'][number]['kind'];
type Finding = NonNullable<ComplaintRecord['ombudsman']['findings']>[number];

const DECLINE_REASONS: readonly DeclineReason[] = ['outside-time-limit', 'legal-proceedings', 'previously-considered', 'not-a-complaint'];
const REFUSAL_REASONS: readonly RefusalReason[] = ['legal-proceedings', 'previously-considered', 'outside-policy-window'];
const REMEDY_KINDS: readonly RemedyKind[] = ['apology', 'explanation', 'action', 'decision-changed', 'record-amended', 'financial', 'policy-change'];
const FINDINGS: readonly Finding[] = ['no-maladministration', 'service-failure', 'maladministration', 'severe-maladministration', 'reasonable-redress', 'outside-jurisdiction', 'withdrawn'];
/** The order breaches are listed in: the process's own. */
const DEADLINE_ORDER = [
  'stage1.acknowledge',
  'stage1.respond',
  'stage2.acknowledge',
  'stage2.respond',
  'remedy',
  'action',
  'timer',
  'hazard:emergency-investigate',
  'hazard:emergency-make-safe',
  'hazard:significant-investigate',
  'hazard:written-summary',
  'hazard:significant-safety-work',
  'hazard:supplementary-work-on-site',
];

/** The month number (year × 12 + month − 1) of an ISO date, read from its digits without allocating. */
function monthNumber(date: string): number {
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  return year * 12 + (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48) - 1;
}

/**
 * A record's field that would put a figure out of its range: a label that is not text, a reason,
 * kind or finding the record's schema does not have, an amount that is not whole pence. Records are
 * trusted to be of the record's shape; one that is not must give a typed error (the stream names
 * its index), never a `NaN` in a figure or a month outside the period.
 */
function notARecord(field: string): never {
  throw new TypeError(`not a complaint record: ${field}`);
}

function text(value: unknown, field: string): string {
  return typeof value === 'string' ? value : notARecord(field);
}

/** One of the keys of `counts`, a record of zeros made by {@link zeros}. */
function known<K extends string>(counts: Record<K, number>, key: unknown, field: string): K {
  return typeof key === 'string' && Object.hasOwn(counts, key) ? (key as K) : notARecord(field);
}

function wholeNumber(value: unknown, field: string): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : notARecord(field);
}

/** Whether `date` starts with a year and a month, `YYYY-MM` with a month from 01 to 12: what {@link monthNumber} reads. */
function isMonthOf(date: string): boolean {
  if (date.length < 7 || date.charCodeAt(4) !== 45) return false;
  if (!isDigit(date, 0) || !isDigit(date, 1) || !isDigit(date, 2) || !isDigit(date, 3) || !isDigit(date, 5) || !isDigit(date, 6)) return false;
  const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  return month >= 1 && month <= 12;
}

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57;
}

function inPeriod(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}

function monthName(number: number): string {
  return `${String(Math.floor(number / 12)).padStart(4, '0')}-${String((number % 12) + 1).padStart(2, '0')}`;
}

/** A count kept in a map: one lookup per record, no allocation once the label is known. */
interface Counter {
  n: number;
}

/** Counts by label, most first, then by label (code-unit order, the same everywhere). */
function byCount<T>(map: Map<string, Counter>, make: (label: string, count: number) => T): T[] {
  return [...map].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label, { n }]) => make(label, n));
}

function bump(map: Map<string, Counter>, key: string): void {
  const counter = map.get(key);
  if (counter === undefined) map.set(key, { n: 1 });
  else counter.n++;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = 0;
  return out;
}

/** One stage's extension counts. */
class ExtensionTally {
  count = 0;
  complaints = 0;
  withGoodReason = 0;
  beyondCodeLimit = 0;
  afterDeadline = 0;
  uncategorised = 0;
  readonly byCategory = new Map<string, Counter>();

  result(): ExtensionCounts {
    const { count, complaints, withGoodReason, beyondCodeLimit, afterDeadline, uncategorised } = this;
    return { count, complaints, withGoodReason, beyondCodeLimit, afterDeadline, byCategory: byCount(this.byCategory, (category, n) => ({ category, count: n })), uncategorised };
  }
}

/** A label's count for the learning lists. */
interface Learned {
  count: number;
  upheldOrPartly: number;
}

/** @internal The annual report's counts: see {@link AnnualReport} for what each one counts. */
export class AnnualTally implements Tally<AnnualReport> {
  private readonly tsm: TsmTally;
  private readonly firstMonth: number;
  private readonly stage1ByMonth: number[];
  private readonly stage2ByMonth: number[];
  private stage1 = 0;
  private stage2 = 0;
  /** [upheld, partly upheld, not upheld, not recorded] at each stage. */
  private readonly outcomes = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  private readonly categories = new Map<string, Counter>();
  private uncategorised = 0;
  private readonly serviceAreas = new Map<string, Counter>();
  private noServiceArea = 0;
  private readonly declines = zeros(DECLINE_REASONS);
  private readonly declineStages = [0, 0];
  private readonly refusals = zeros(REFUSAL_REASONS);
  private readonly extensions = [new ExtensionTally(), new ExtensionTally()];
  private readonly acknowledged = [0, 0];
  private readonly acknowledgedOnTime = [0, 0];
  private readonly responded = [0, 0];
  private readonly within = [0, 0];
  /** Breaches by kind of deadline, then by provision. */
  private readonly breaches = new Map<string, Map<string, Counter>>();
  private readonly remedyCount = REMEDY_KINDS.map(() => 0);
  private readonly remedyPence = REMEDY_KINDS.map(() => 0);
  /** Every kind's money added: kept as it goes, so that a total too large to hold exactly is refused. */
  private totalPence = 0;
  private inexact = false;
  private remediesDue = 0;
  private remediesOnTime = 0;
  private remediesLate = 0;
  private remediesOutstanding = 0;
  private referred = 0;
  private determined = 0;
  private orders = 0;
  private readonly findings = zeros(FINDINGS);
  private readonly causes = new Map<string, Learned>();
  private readonly learnedCategories = new Map<string, Learned>();
  private readonly learnedServiceAreas = new Map<string, Learned>();

  constructor(
    private readonly period: ReportingPeriod,
    private readonly homes: Homes | undefined,
    private readonly landlord: { name: string } | undefined,
    private readonly top: number,
    private readonly options: EffectiveCountingOptions,
  ) {
    // Without homes the measures are not reported, but their counting still decides the volumes.
    this.tsm = new TsmTally(period, homes ?? 1, options);
    this.firstMonth = monthNumber(period.from);
    const months = monthNumber(period.to) - this.firstMonth + 1;
    this.stage1ByMonth = new Array<number>(months).fill(0);
    this.stage2ByMonth = new Array<number>(months).fill(0);
  }

  /** The index in the months of the period of a day counted in it: a day that is not a real date may fall outside. */
  private month(date: string): number {
    const index = isMonthOf(date) ? monthNumber(date) - this.firstMonth : -1;
    return index >= 0 && index < this.stage1ByMonth.length ? index : notARecord('a date that is not a day of the period');
  }

  add(record: ComplaintRecord): void {
    const flags = this.tsm.add(record);
    const from = this.period.from;
    const to = this.period.to;
    if (flags & COUNTED.received1) {
      this.stage1++;
      this.stage1ByMonth[this.month(record.receivedOn)]!++;
      const category = record.category;
      if (category === undefined) this.uncategorised++;
      else bump(this.categories, text(category, 'category'));
      const serviceArea = record.serviceArea;
      if (serviceArea === undefined) this.noServiceArea++;
      else bump(this.serviceAreas, text(serviceArea, 'serviceArea'));
    }
    this.stage(record, record.stage1, 0, flags & COUNTED.responded1, flags & COUNTED.within1);
    const stage2 = record.stage2;
    if (stage2 !== undefined) {
      if (flags & COUNTED.received2) {
        this.stage2++;
        this.stage2ByMonth[this.month(stage2.requestedOn)]!++;
      }
      this.stage(record, stage2, 1, flags & COUNTED.responded2, flags & COUNTED.within2);
    }
    const declined = record.declined;
    if (declined !== undefined && inPeriod(day(declined.on, 'declined.on'), from, to)) {
      this.declines[known(this.declines, declined.reason, 'declined.reason')]++;
      const stage = declined.stage;
      if (stage !== 1 && stage !== 2) notARecord('declined.stage');
      this.declineStages[stage - 1]!++;
    }
    const refused = record.escalationRefused;
    if (refused !== undefined && inPeriod(day(refused.on, 'escalationRefused.on'), from, to)) this.refusals[known(this.refusals, refused.reason, 'escalationRefused.reason')]++;
    if (record.breaches.length > 0) this.addBreaches(record);
    if (record.remedies.length > 0) this.addRemedies(record);
    const ombudsman = record.ombudsman;
    const referredOn = maybeDay(ombudsman.referredOn, 'ombudsman.referredOn');
    if (referredOn !== undefined && inPeriod(referredOn, from, to)) this.referred++;
    const determinedOn = maybeDay(ombudsman.determinedOn, 'ombudsman.determinedOn');
    if (determinedOn !== undefined && inPeriod(determinedOn, from, to)) {
      this.determined++;
      const orders = ombudsman.orders;
      if (orders !== undefined) this.orders += wholeNumber(orders, 'ombudsman.orders');
      const findings = ombudsman.findings;
      if (findings !== undefined) for (const finding of findings) this.findings[known(this.findings, finding, 'ombudsman.findings')]++;
    }
  }

  /** One stage's acknowledgement, response and extensions. */
  private stage(record: ComplaintRecord, facts: StageFacts, index: 0 | 1, responded: number, within: number): void {
    const from = this.period.from;
    const to = this.period.to;
    const acknowledgedOn = maybeDay(facts.acknowledgedOn, 'acknowledgedOn');
    if (acknowledgedOn !== undefined && inPeriod(acknowledgedOn, from, to)) {
      this.acknowledged[index]!++;
      if (facts.acknowledgeBy === undefined || acknowledgedOn <= day(facts.acknowledgeBy, 'acknowledgeBy')) this.acknowledgedOnTime[index]!++;
    }
    if (responded) {
      this.responded[index]!++;
      if (within) this.within[index]!++;
      const decision = facts.decision;
      const outcome = decision === 'upheld' ? 0 : decision === 'partly-upheld' ? 1 : decision === 'not-upheld' ? 2 : 3;
      this.outcomes[index]![outcome]!++;
      const upheld = outcome < 2;
      const cause = facts.cause;
      if (cause !== undefined) learn(this.causes, text(cause, 'cause'), upheld);
      const category = record.category;
      if (category !== undefined) learn(this.learnedCategories, text(category, 'category'), upheld);
      const serviceArea = record.serviceArea;
      if (serviceArea !== undefined) learn(this.learnedServiceAreas, text(serviceArea, 'serviceArea'), upheld);
    }
    const extensions = facts.extensions;
    if (extensions.length === 0) return;
    const tally = this.extensions[index]!;
    const limit = CODE_EXTENSION_LIMIT[(index + 1) as 1 | 2];
    let total = 0;
    let given = false;
    for (const extension of extensions) {
      total += wholeNumber(extension.workingDays, 'extensions.workingDays');
      if (!inPeriod(day(extension.on, 'extensions.on'), from, to)) continue;
      given = true;
      tally.count++;
      if (extension.goodReason) tally.withGoodReason++;
      else if (total > limit) tally.beyondCodeLimit++;
      if (extension.afterDeadline) tally.afterDeadline++;
      const category = extension.category;
      if (category === undefined) tally.uncategorised++;
      else bump(tally.byCategory, text(category, 'extensions.category'));
    }
    if (given) tally.complaints++;
  }

  private addBreaches(record: ComplaintRecord): void {
    for (const breach of record.breaches) {
      if (!inPeriod(day(breach.recordedOn, 'breaches.recordedOn'), this.period.from, this.period.to)) continue;
      const kind = deadlineKind(text(breach.deadline, 'breaches.deadline'));
      let provisions = this.breaches.get(kind);
      if (provisions === undefined) this.breaches.set(kind, (provisions = new Map()));
      bump(provisions, text(breach.provision, 'breaches.provision'));
    }
  }

  private addRemedies(record: ComplaintRecord): void {
    for (const remedy of record.remedies) {
      if (!inPeriod(day(remedy.offeredOn, 'remedies.offeredOn'), this.period.from, this.period.to)) continue;
      const kind = REMEDY_KINDS.indexOf(remedy.kind);
      if (kind < 0) notARecord('remedies.kind');
      const amount = remedy.amountPence;
      this.remedyCount[kind]!++;
      if (amount !== undefined) {
        const pence = this.remedyPence[kind]! + wholeNumber(amount, 'remedies.amountPence');
        // Past 2^53 pence (£90 trillion) a sum rounds: the report says so rather than refusing
        // records the machine made.
        if (!Number.isSafeInteger(this.totalPence + amount) || !Number.isSafeInteger(pence)) this.inexact = true;
        this.remedyPence[kind] = pence;
        this.totalPence += amount;
      }
      const dueOn = maybeDay(remedy.dueOn, 'remedies.dueOn');
      if (dueOn !== undefined) this.remediesDue++;
      const completedOn = maybeDay(remedy.completedOn, 'remedies.completedOn');
      if (completedOn === undefined) this.remediesOutstanding++;
      else if ((dueOn !== undefined && completedOn > dueOn) || breached(record, text(remedy.id, 'remedies.id'))) this.remediesLate++;
      else this.remediesOnTime++;
    }
  }

  result(): AnnualReport {
    const tsm = this.tsm.result();
    const timeliness = (index: 0 | 1): StageTimeliness => ({
      acknowledged: this.acknowledged[index]!,
      acknowledgedOnTime: this.acknowledgedOnTime[index]!,
      acknowledgedOnTimePercent: oneDecimal(this.acknowledgedOnTime[index]!, this.acknowledged[index]!, 100),
      responded: this.responded[index]!,
      respondedWithinTimescale: this.within[index]!,
      respondedWithinTimescalePercent: oneDecimal(this.within[index]!, this.responded[index]!, 100),
    });
    const outcomes = (index: 0 | 1): Outcomes => {
      const [upheld, partlyUpheld, notUpheld, notRecorded] = this.outcomes[index]! as [number, number, number, number];
      return { upheld, partlyUpheld, notUpheld, notRecorded };
    };
    const considered = FINDINGS.reduce((sum, finding) => (finding === 'outside-jurisdiction' || finding === 'withdrawn' ? sum : sum + this.findings[finding]), 0);
    const upheldFindings = this.findings['severe-maladministration'] + this.findings.maladministration + this.findings['service-failure'];
    const totalPence = this.totalPence;
    return {
      period: { from: this.period.from, to: this.period.to },
      ...(this.landlord ? { landlord: { name: this.landlord.name } } : {}),
      ...(this.homes !== undefined ? { tsm } : {}),
      options: { ...this.options, top: this.top },
      volumes: {
        stage1: this.stage1,
        stage2: this.stage2,
        byMonth: this.stage1ByMonth.map((stage1, i) => ({ month: monthName(this.firstMonth + i), stage1, stage2: this.stage2ByMonth[i]! })),
        excluded: tsm.excluded,
        included: tsm.included,
      },
      outcomes: { stage1: outcomes(0), stage2: outcomes(1) },
      categories: byCount<CategoryCount>(this.categories, (category, count) => ({ category, count })),
      uncategorised: this.uncategorised,
      serviceAreas: byCount<ServiceAreaCount>(this.serviceAreas, (serviceArea, count) => ({ serviceArea, count })),
      noServiceArea: this.noServiceArea,
      declines: {
        total: DECLINE_REASONS.reduce((sum, reason) => sum + this.declines[reason], 0),
        byReason: { ...this.declines },
        byStage: { stage1: this.declineStages[0]!, stage2: this.declineStages[1]! },
      },
      escalationRefusals: { total: REFUSAL_REASONS.reduce((sum, reason) => sum + this.refusals[reason], 0), byReason: { ...this.refusals } },
      extensions: { stage1: this.extensions[0]!.result(), stage2: this.extensions[1]!.result() },
      timeliness: { stage1: timeliness(0), stage2: timeliness(1) },
      breaches: { total: breachRows(this.breaches).reduce((sum, row) => sum + row.count, 0), byDeadline: breachRows(this.breaches) },
      remedies: {
        offered: this.remedyCount.reduce((a, b) => a + b, 0),
        byKind: REMEDY_KINDS.map((kind, i): RemedyKindCount => ({ kind, count: this.remedyCount[i]!, amountPence: this.remedyPence[i]!, amountPounds: this.remedyPence[i]! / 100 })),
        totalPence,
        totalPounds: totalPence / 100,
        amountsExact: !this.inexact,
        due: this.remediesDue,
        completedOnTime: this.remediesOnTime,
        completedLate: this.remediesLate,
        outstanding: this.remediesOutstanding,
      },
      ombudsman: {
        referred: this.referred,
        determined: this.determined,
        findings: { ...this.findings },
        orders: this.orders,
        maladministrationRate: oneDecimal(upheldFindings, considered, 100),
      },
      learning: {
        topCauses: topOf(this.causes, this.top, 'cause'),
        topCategories: topOf(this.learnedCategories, this.top, 'category'),
        topServiceAreas: topOf(this.learnedServiceAreas, this.top, 'serviceArea'),
      },
    };
  }
}

function learn(map: Map<string, Learned>, label: string, upheld: boolean): void {
  const entry = map.get(label);
  if (entry === undefined) map.set(label, { count: 1, upheldOrPartly: upheld ? 1 : 0 });
  else {
    entry.count++;
    if (upheld) entry.upheldOrPartly++;
  }
}

/** The `top` labels by responses, then by upheld ones, then by label. */
function topOf<K extends 'cause' | 'category' | 'serviceArea'>(map: Map<string, Learned>, top: number, key: K): LearningCount<K>[] {
  return [...map]
    .sort(([a, x], [b, y]) => y.count - x.count || y.upheldOrPartly - x.upheldOrPartly || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, top)
    .map(([label, { count, upheldOrPartly }]) => ({ [key]: label, count, upheldOrPartly }) as LearningCount<K>);
}

/** Whether the record has a breach of the remedy `id`'s deadline (`remedy:<id>`). */
function breached(record: ComplaintRecord, id: string): boolean {
  for (const breach of record.breaches) {
    const deadline = breach.deadline;
    if (deadline.length === id.length + 7 && deadline.startsWith('remedy:') && deadline.endsWith(id)) return true;
  }
  return false;
}

/** The kind of a breached deadline: a stage's own (`stage1.respond`), `remedy`, `action`, `timer` without the id, or a hazard's duty (`hazard:written-summary`). */
function deadlineKind(deadline: string): string {
  if (deadline.startsWith('remedy:')) return 'remedy';
  if (deadline.startsWith('action:')) return 'action';
  if (deadline.startsWith('timer:')) return 'timer';
  return deadline;
}

function breachRows(map: Map<string, Map<string, Counter>>): BreachCount[] {
  const rank = (deadline: string) => {
    const at = DEADLINE_ORDER.indexOf(deadline);
    return at < 0 ? DEADLINE_ORDER.length : at;
  };
  return [...map]
    .flatMap(([deadline, provisions]) => [...provisions].map(([provision, { n }]) => ({ deadline, provision, count: n })))
    .sort((a, b) => rank(a.deadline) - rank(b.deadline) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0) || (a.provision < b.provision ? -1 : a.provision > b.provision ? 1 : 0));
}
