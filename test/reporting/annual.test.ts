/**
 * The annual report's figures (Code 8.1, 8.2), worked out by hand from the fixture's twenty records
 * (test/reporting/fixtures/README.md), each counted in the period by its own event's date.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isInvalidInputError, type InvalidInputError } from '../../src/errors.js';
import { createComplaintMachine, replay } from '../../src/machine/index.js';
import { toRecord, type ComplaintRecord } from '../../src/reporting/index.js';
import { annualReport, type AnnualReport, type AnnualReportOptions } from '../../src/reporting/annual.js';
import { tenantSatisfactionMeasures } from '../../src/reporting/tsm.js';
import { caught } from '../support/caught.js';
import { throughBothStages } from '../support/complaint.js';
import { eachHostile } from '../support/hostileValues.js';
import { YEAR, yearRecords } from './fixtures/records.js';

const report = (options: Partial<AnnualReportOptions> = {}) => annualReport(yearRecords(), { period: YEAR, ...options });

describe('annualReport on the hand-worked year', () => {
  it('counts complaints received by month, as CH01 counts them, every month included', () => {
    const { volumes } = report();
    // Stage 1, by receivedOn, declined ones apart: Apr R03 · May R14 (R06 declined) · Jun R15 (R07 declined) ·
    // Jul R08, R19 · Aug R09 · Sep R10 · Oct R11, R18 · Nov R12 · Dec R13 · Jan none · Feb R16 · Mar R04, R20 = 14.
    // Stage 2, by stage2.requestedOn: May R14 · Jul R15 · Oct R18 · Mar R16 = 4 (R09 refused in Sep, R19 declined in Aug).
    expect(volumes.byMonth).toEqual([
      { month: '2024-04', stage1: 1, stage2: 0 },
      { month: '2024-05', stage1: 1, stage2: 1 },
      { month: '2024-06', stage1: 1, stage2: 0 },
      { month: '2024-07', stage1: 2, stage2: 1 },
      { month: '2024-08', stage1: 1, stage2: 0 },
      { month: '2024-09', stage1: 1, stage2: 0 },
      { month: '2024-10', stage1: 2, stage2: 1 },
      { month: '2024-11', stage1: 1, stage2: 0 },
      { month: '2024-12', stage1: 1, stage2: 0 },
      { month: '2025-01', stage1: 0, stage2: 0 },
      { month: '2025-02', stage1: 1, stage2: 0 },
      { month: '2025-03', stage1: 2, stage2: 1 },
    ]);
    expect(volumes.stage1).toBe(14);
    expect(volumes.stage2).toBe(4);
    expect(volumes.excluded).toEqual({ declined: { stage1: 2, stage2: 1 }, withdrawn: { stage1: 0, stage2: 0 }, escalationRefused: 1 });
    // With declined complaints counted, May gains R06, June R07 and August's stage 2 R19.
    const all = report({ declined: 'include' }).volumes.byMonth;
    expect([all[1]!.stage1, all[2]!.stage1, all[4]!.stage2]).toEqual([2, 2, 1]);
  });

  it('gives partial months at the ends of a period that does not start on the 1st', () => {
    const months = annualReport(yearRecords(), { period: { from: '2024-06-15', to: '2024-08-10' } }).volumes.byMonth;
    // June from the 15th: R15 (10 June) is before it, R07 declined; July R08, R19; August to the 10th: R09 (1 August).
    expect(months).toEqual([
      { month: '2024-06', stage1: 0, stage2: 0 },
      { month: '2024-07', stage1: 2, stage2: 1 },
      { month: '2024-08', stage1: 1, stage2: 0 },
    ]);
  });

  it('counts the outcomes of the responses sent in the period', () => {
    // Stage 1 responses (13, see CH02): upheld R01, R03, R10, R12, R16 = 5; partly R02, R11, R14 = 3;
    // not upheld R09, R13, R15, R18, R19 = 5. Stage 2 (R14, R15, R17): upheld R14, R15; partly R17.
    expect(report().outcomes).toEqual({
      stage1: { upheld: 5, partlyUpheld: 3, notUpheld: 5, notRecorded: 0 },
      stage2: { upheld: 2, partlyUpheld: 1, notUpheld: 0, notRecorded: 0 },
    });
  });

  it('counts categories and service areas of the complaints received, most first, labels as given', () => {
    const r = report();
    // Of the 14 received: repairs R03, R10, R11, R14, R16 = 5; damp-and-mould R12, R13, R15 = 3; anti-social-behaviour
    // R09, R18 = 2; rent-and-charges R04, R19 = 2 (ties by label); R08's own label 1; R20 none.
    expect(r.categories).toEqual([
      { category: 'repairs', count: 5 },
      { category: 'damp-and-mould', count: 3 },
      { category: 'anti-social-behaviour', count: 2 },
      { category: 'rent-and-charges', count: 2 },
      { category: 'Staff conduct & <attitude> | tone', count: 1 },
    ]);
    expect(r.uncategorised).toBe(1);
    // Repairs R03, R10, R11, R12, R13, R14, R15, R16 = 8; Neighbourhoods R08, R09, R18 = 3; Income R04, R19 = 2; R20 none.
    expect(r.serviceAreas).toEqual([
      { serviceArea: 'Repairs', count: 8 },
      { serviceArea: 'Neighbourhoods', count: 3 },
      { serviceArea: 'Income', count: 2 },
    ]);
    expect(r.noServiceArea).toBe(1);
  });

  it('counts declines and refused escalations by reason, on the day decided (8.1(b))', () => {
    const r = report();
    // R06 outside the time limit (13 May, stage 1), R07 not a complaint (4 June, stage 1), R19 legal proceedings
    // (20 August, stage 2). They are counted here whether or not CH01 counts them.
    expect(r.declines).toEqual({
      total: 3,
      byReason: { 'outside-time-limit': 1, 'legal-proceedings': 1, 'previously-considered': 0, 'not-a-complaint': 1 },
      byStage: { stage1: 2, stage2: 1 },
    });
    expect(report({ declined: 'include' }).declines).toEqual(r.declines);
    // R09, refused 4 September: previously considered.
    expect(r.escalationRefusals).toEqual({ total: 1, byReason: { 'legal-proceedings': 0, 'previously-considered': 1, 'outside-policy-window': 0 } });
  });

  it('counts extensions on the day given: good reasons, beyond the Code, after the deadline, by category', () => {
    const { extensions } = report();
    // Stage 1: R10 (16 September, 10 days, within the Code's 10), R11 (15 October, 15 days without a good reason:
    // beyond the Code), R12 (20 November, after the deadline had passed). Categories: survey-awaited R10, R12;
    // contractor-availability R11.
    expect(extensions.stage1).toEqual({
      count: 3,
      complaints: 3,
      withGoodReason: 0,
      beyondCodeLimit: 1,
      afterDeadline: 1,
      byCategory: [
        { category: 'survey-awaited', count: 2 },
        { category: 'contractor-availability', count: 1 },
      ],
      uncategorised: 0,
    });
    // Stage 2: R18 (12 November, 25 days, over the Code's 20 with a good reason).
    expect(extensions.stage2).toEqual({ count: 1, complaints: 1, withGoodReason: 1, beyondCodeLimit: 0, afterDeadline: 0, byCategory: [{ category: 'complex-case', count: 1 }], uncategorised: 0 });
  });

  it('measures timeliness against the Code: acknowledgements and responses sent in the period', () => {
    const { timeliness } = report();
    // Stage 1 acknowledgements in the year: R01 (2 April), R02, R03, R08, R09, R10, R11, R12, R13, R14, R15, R16,
    // R18, R19, R20 = 15 (R04's was 2 April 2025, R17's February 2024); late: R13 only → 14 / 15 = 93.33...% → 93.3.
    // Responses: CH02's 13 and 11 → 84.6.
    expect(timeliness.stage1).toEqual({ acknowledged: 15, acknowledgedOnTime: 14, acknowledgedOnTimePercent: 93.3, responded: 13, respondedWithinTimescale: 11, respondedWithinTimescalePercent: 84.6 });
    // Stage 2 acknowledgements: R14, R15, R18, R19 (R16's 2 April 2025, R17's March 2024, R09 never) = 4, all on time.
    expect(timeliness.stage2).toEqual({ acknowledged: 4, acknowledgedOnTime: 4, acknowledgedOnTimePercent: 100, responded: 3, respondedWithinTimescale: 2, respondedWithinTimescalePercent: 66.7 });
  });

  it('counts missed deadlines on the day recorded, by kind and provision, in the order of the process', () => {
    // R13 stage 1 acknowledgement (6.2); R12, R20 stage 1 response (6.3); R15 stage 2 response (6.14); R15 r1 and
    // R16 fix-1 remedies (7.3); R11's policy timer (policy 6.2.1): 7.
    expect(report().breaches).toEqual({
      total: 7,
      byDeadline: [
        { deadline: 'stage1.acknowledge', provision: '6.2', count: 1 },
        { deadline: 'stage1.respond', provision: '6.3', count: 2 },
        { deadline: 'stage2.respond', provision: '6.14', count: 1 },
        { deadline: 'remedy', provision: '7.3', count: 2 },
        { deadline: 'timer', provision: 'policy 6.2.1', count: 1 },
      ],
    });
  });

  it('counts remedies on the day offered and how they were followed through, money from whole pence', () => {
    const { remedies } = report();
    // R14: £150.00 due 28 June, paid 25 June (on time); an apology done in the letter (on time).
    // R15: £250.00 due 19 August, paid 30 August, with a breach recorded (late).
    // R16: an action due 14 March 2025, not done (outstanding).
    // Offered 4; with a date 3; money 15,000 + 25,000 = 40,000 pence = £400.00.
    expect(remedies).toMatchObject({ offered: 4, totalPence: 40000, totalPounds: 400, due: 3, completedOnTime: 2, completedLate: 1, outstanding: 1 });
    expect(remedies.byKind.filter((k) => k.count > 0)).toEqual([
      { kind: 'apology', count: 1, amountPence: 0, amountPounds: 0 },
      { kind: 'action', count: 1, amountPence: 0, amountPounds: 0 },
      { kind: 'financial', count: 2, amountPence: 40000, amountPounds: 400 },
    ]);
    expect(remedies.byKind.map((k) => k.kind)).toEqual(['apology', 'explanation', 'action', 'decision-changed', 'record-amended', 'financial', 'policy-change']);
    // Pence stay exact: 3 remedies of £0.10 make £0.30, not 0.30000000000000004.
    const r14 = yearRecords().find((r) => r.id === 'R14')!;
    const dime = { ...r14, remedies: [{ ...r14.remedies[0]!, amountPence: 10 }] };
    expect(annualReport([dime, dime, dime], { period: YEAR }).remedies.totalPounds).toBe(0.3);
  });

  it('counts referrals and determinations by their own days, with the maladministration rate', () => {
    // Referred in the year: R17 (1 May 2024), R15 (1 September). Determined: R17 (15 November: service failure,
    // 2 orders), R15 (10 February 2025: maladministration and no maladministration, 1 order).
    // Rate: (service failure + maladministration) / considered findings = 2 / 3 = 66.66...% → 66.7.
    expect(report().ombudsman).toEqual({
      referred: 2,
      determined: 2,
      findings: { 'no-maladministration': 1, 'service-failure': 1, maladministration: 1, 'severe-maladministration': 0, 'reasonable-redress': 0, 'outside-jurisdiction': 0, withdrawn: 0 },
      orders: 3,
      maladministrationRate: 66.7,
    });
  });

  it('lists what to learn from: causes, categories and service areas of the responses sent, most first', () => {
    const { learning } = report();
    // Causes (each stage's response in the year): contractor-delay R10, R11, R14 (stage 2), R16 = 4, all upheld in
    // full or part; communication R03, R12, R14 (stage 1) = 3, all; record-keeping R15, R17 (stage 2) = 2, both;
    // no-fault-found R09 = 1, not upheld.
    expect(learning.topCauses).toEqual([
      { cause: 'contractor-delay', count: 4, upheldOrPartly: 4 },
      { cause: 'communication', count: 3, upheldOrPartly: 3 },
      { cause: 'record-keeping', count: 2, upheldOrPartly: 2 },
      { cause: 'no-fault-found', count: 1, upheldOrPartly: 0 },
    ]);
    // Categories of the 16 responses: repairs R01, R02, R03, R10, R11, R14 ×2, R16, R17 = 9, all upheld in full or
    // part; damp-and-mould R12 (upheld), R13 (not), R15 (stage 1 not, stage 2 upheld) = 4, 2; anti-social-behaviour
    // R09, R18 = 2, 0; rent-and-charges R19 = 1, 0.
    expect(learning.topCategories).toEqual([
      { category: 'repairs', count: 9, upheldOrPartly: 9 },
      { category: 'damp-and-mould', count: 4, upheldOrPartly: 2 },
      { category: 'anti-social-behaviour', count: 2, upheldOrPartly: 0 },
      { category: 'rent-and-charges', count: 1, upheldOrPartly: 0 },
    ]);
    // Service areas: Repairs 13 (all but R13 and R15's stage 1 upheld in full or part: 11); Neighbourhoods R09, R18;
    // Income R19.
    expect(learning.topServiceAreas).toEqual([
      { serviceArea: 'Repairs', count: 13, upheldOrPartly: 11 },
      { serviceArea: 'Neighbourhoods', count: 2, upheldOrPartly: 0 },
      { serviceArea: 'Income', count: 1, upheldOrPartly: 0 },
    ]);
    // `top` keeps the first entries only.
    expect(report({ top: 2 }).learning.topCauses.map((c) => c.cause)).toEqual(['contractor-delay', 'communication']);
  });

  it('carries the measures, counted in the same pass exactly as tenantSatisfactionMeasures counts them, when homes is given', () => {
    const homes = { lowCostRental: 4000, lowCostHomeOwnership: 1000 };
    for (const options of [{}, { declined: 'include' }, { withdrawn: 'exclude', extensions: 'original-deadline' }] as const) {
      const r = annualReport(yearRecords(), { period: YEAR, homes, ...options });
      expect(r.tsm).toEqual(tenantSatisfactionMeasures(yearRecords(), { period: YEAR, homes, ...options }));
      expect(r.volumes.stage1).toBe(r.tsm!.CH01.stage1.received);
      expect(r.timeliness.stage1.respondedWithinTimescale).toBe(r.tsm!.CH02.stage1.withinTimescale);
    }
    expect(report().tsm).toBeUndefined();
  });

  it('says what it counted by and for whom', () => {
    const r = report({ landlord: { name: '  Mill Lane Homes ' }, top: 3, withdrawn: 'exclude' });
    expect(r.landlord).toEqual({ name: 'Mill Lane Homes' });
    expect(r.options).toEqual({ declined: 'exclude', withdrawn: 'exclude', escalationRefused: 'exclude', extensions: 'permitted', lateAcknowledgement: 'response-deadline', top: 3 });
    expect(report().landlord).toBeUndefined();
    expect(report().options.top).toBe(5);
  });

  it('reports an empty period with zeros, every month listed, and no NaN', () => {
    const empty = annualReport([], { period: YEAR, homes: 100 });
    expect(empty.volumes.byMonth).toHaveLength(12);
    expect(empty.volumes.byMonth.every((m) => m.stage1 === 0 && m.stage2 === 0)).toBe(true);
    expect(empty.timeliness.stage1.acknowledgedOnTimePercent).toBeNull();
    expect(empty.ombudsman.maladministrationRate).toBeNull();
    expect(empty.categories).toEqual([]);
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
  });

  it('reports real complaints replayed from their events', () => {
    const { snapshot } = replay(createComplaintMachine(), throughBothStages());
    const r = annualReport([toRecord(snapshot)!], { period: YEAR });
    // The sample complaint: received 20 December 2024, stage 1 partly upheld 22 January 2025 after a 10-day
    // extension given 8 January; stage 2 partly upheld 4 March.
    expect(r.volumes.byMonth.find((m) => m.month === '2024-12')!.stage1).toBe(1);
    expect(r.volumes.byMonth.find((m) => m.month === '2025-01')!.stage2).toBe(1);
    expect(r.outcomes.stage1.partlyUpheld + r.outcomes.stage2.partlyUpheld).toBe(2);
    expect(r.extensions.stage1).toMatchObject({ count: 1, complaints: 1, beyondCodeLimit: 0 });
    // Its remedies, as the machine tracked them: offered, and their follow-through as the record stands.
    const remedies = toRecord(snapshot)!.remedies;
    expect(r.remedies.offered).toBe(remedies.length);
    expect(r.remedies.totalPence).toBe(remedies.reduce((sum, m) => sum + (m.amountPence ?? 0), 0));
  });
});

describe('annualReport reads records as a stream', () => {
  it('gives the same report from an async iterable, as a Promise', async () => {
    async function* records() {
      yield* yearRecords();
    }
    const pending = annualReport(records(), { period: YEAR, homes: 5000 });
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(annualReport(yearRecords(), { period: YEAR, homes: 5000 }));
    expectTypeOf(pending).toEqualTypeOf<Promise<AnnualReport>>();
    expectTypeOf(annualReport([] as ComplaintRecord[], { period: YEAR })).toEqualTypeOf<AnnualReport>();
  });
});

describe('annualReport refuses bad input with typed errors', () => {
  const invalidPath = (options: unknown) => {
    const error = caught(() => annualReport(yearRecords(), options as AnnualReportOptions));
    expect(isInvalidInputError(error), JSON.stringify(options)).toBe(true);
    return (error as InvalidInputError).path;
  };

  it('names the option at fault', () => {
    expect(invalidPath({})).toBe('options.period');
    expect(invalidPath({ period: { from: '2024-04-01', to: '2024-03-31' } })).toBe('options.period');
    expect(invalidPath({ period: YEAR, homes: 0 })).toBe('options.homes');
    expect(invalidPath({ period: YEAR, top: 0 })).toBe('options.top');
    expect(invalidPath({ period: YEAR, top: 2.5 })).toBe('options.top');
    expect(invalidPath({ period: YEAR, landlord: 'Mill Lane' })).toBe('options.landlord');
    expect(invalidPath({ period: YEAR, landlord: { name: '' } })).toBe('options.landlord');
    expect(invalidPath({ period: YEAR, landlord: { name: 'A', id: 1 } })).toBe('options.landlord');
    expect(invalidPath({ period: YEAR, declined: 'no' })).toBe('options.declined');
    expect(invalidPath({ period: YEAR, format: 'html' })).toBe('options.format');
  });

  it('gives only typed errors for hostile records and options', () => {
    for (const [name, value] of eachHostile()) {
      expect(isInvalidInputError(caught(() => annualReport(value as ComplaintRecord[], { period: YEAR }))), `records: ${name}`).toBe(true);
      expect(isInvalidInputError(caught(() => annualReport(yearRecords(), value as AnnualReportOptions))), `options: ${name}`).toBe(true);
      const item = caught(() => annualReport([yearRecords()[0]!, value as ComplaintRecord], { period: YEAR }));
      if (item !== undefined) expect((item as InvalidInputError).path, `item: ${name}`).toBe('records[1]');
    }
  });
});
