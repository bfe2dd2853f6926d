/**
 * The Tenant Satisfaction Measures CH01 and CH02: figures worked out by hand from the fixture's
 * twenty records (test/reporting/fixtures/README.md says what each is for), every counting option,
 * real complaints replayed from their events, and the inputs that must give typed errors.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isInvalidInputError, type InvalidInputError } from '../../src/errors.js';
import { createComplaintMachine, replay, type ComplaintEvent } from '../../src/machine/index.js';
import { toRecord, type ComplaintRecord } from '../../src/reporting/index.js';
import { tenantSatisfactionMeasures, type TenantSatisfactionMeasures, type TsmOptions } from '../../src/reporting/tsm.js';
import { caught } from '../support/caught.js';
import { acknowledge, decline, receive, respond1, throughBothStages, tick } from '../support/complaint.js';
import { eachHostile, flipping } from '../support/hostileValues.js';
import { YEAR, yearRecords } from './fixtures/records.js';

const SPLIT = { lowCostRental: 4000, lowCostHomeOwnership: 1000 };
const measure = (options: Partial<TsmOptions> = {}) => tenantSatisfactionMeasures(yearRecords(), { period: YEAR, homes: SPLIT, ...options });

/** The error `fn` throws, checked to be an InvalidInputError. */
function invalid(fn: () => unknown): InvalidInputError {
  const error = caught(fn);
  expect(isInvalidInputError(error), `expected an InvalidInputError, got ${String(error)}`).toBe(true);
  return error as InvalidInputError;
}

describe('tenantSatisfactionMeasures on the hand-worked year (1 April 2024 to 31 March 2025)', () => {
  it('counts CH01 and CH02 in total, as worked out by hand', () => {
    const tsm = measure();
    // Homes: 4,000 low-cost rental + 1,000 low-cost home ownership = 5,000.
    expect(tsm.homes).toBe(5000);
    // CH01(1), stage 1 received 1 April 2024 to 31 March 2025, declined ones left out:
    //   R03 (1 April), R04 (31 March 2025), R08 (withdrawn: counted), R09, R10, R11, R12, R13, R14, R15, R16, R18, R19, R20 = 14.
    //   Not: R01 (28 March 2024), R02 (31 March 2024), R05 (1 April 2025), R17 (February 2024); R06, R07 declined.
    //   14 / 5,000 × 1,000 = 2.8.
    // CH01(2), stage 2 requested in the year: R14 (20 May), R15 (1 July), R16 (31 March 2025), R18 (withdrawn: counted) = 4.
    //   Not: R17 (15 March 2024); R09 refused; R19 declined at stage 2. 4 / 5,000 × 1,000 = 0.8.
    expect(tsm.CH01).toEqual({ stage1: { received: 14, perThousandHomes: 2.8 }, stage2: { received: 4, perThousandHomes: 0.8 } });
    // CH02(1), stage 1 responses sent in the year: R01, R02, R03, R09, R10, R11, R12, R13, R14, R15, R16, R18, R19 = 13
    //   (R04 answered 10 April 2025, after it; R17 in February 2024; R08 and R20 not answered).
    //   Not within timescale: R11 (a 15-day extension without a good reason, beyond the Code's 10: due 16 October,
    //   sent 5 November) and R12 (a date given after the deadline: due 18 November, sent 28 November).
    //   R10 (sent 30 September within a permitted extension to 1 October) and R13 (acknowledged late; sent
    //   24 December by its own deadline of 27 December) are within. 11 / 13 = 84.615...% → 84.6.
    // CH02(2), stage 2 responses in the year: R14 (18 June, due 20 June), R15 (5 August, due 31 July), R17
    //   (12 April 2024, due 17 April: received before the year, answered in it) = 3; within 2. 2 / 3 = 66.66...% → 66.7.
    expect(tsm.CH02).toEqual({ stage1: { responded: 13, withinTimescale: 11, percent: 84.6 }, stage2: { responded: 3, withinTimescale: 2, percent: 66.7 } });
    // Set apart: R06, R07 declined at stage 1; R19 declined at stage 2; R09's escalation refused.
    // Counted though they could have been left out: R08 withdrawn at stage 1, R18 withdrawn at stage 2.
    expect(tsm.excluded).toEqual({ declined: { stage1: 2, stage2: 1 }, withdrawn: { stage1: 0, stage2: 0 }, escalationRefused: 1 });
    expect(tsm.included).toEqual({ declined: { stage1: 0, stage2: 0 }, withdrawn: { stage1: 1, stage2: 1 }, escalationRefused: 0 });
    expect(tsm.options).toEqual({ declined: 'exclude', withdrawn: 'include', escalationRefused: 'exclude', extensions: 'permitted', lateAcknowledgement: 'response-deadline' });
    expect(tsm.period).toEqual(YEAR);
  });

  it('splits every figure by tenure, counting records with no tenure in the totals only', () => {
    const { byTenure } = measure();
    // Low-cost rental (general needs, supported housing), 4,000 homes:
    //   stage 1 received R03, R08, R09, R10, R11, R12, R16, R18 = 8 → 8 / 4,000 × 1,000 = 2.0;
    //   stage 2 received R16, R18 = 2 → 0.5;
    //   stage 1 responses R01, R02, R03, R09, R10, R11, R12, R16, R18 = 9, within all but R11 and R12 = 7 → 77.77...% → 77.8;
    //   no stage 2 response → null, not NaN.
    expect(byTenure?.lowCostRental).toEqual({
      homes: 4000,
      CH01: { stage1: { received: 8, perThousandHomes: 2 }, stage2: { received: 2, perThousandHomes: 0.5 } },
      CH02: { stage1: { responded: 9, withinTimescale: 7, percent: 77.8 }, stage2: { responded: 0, withinTimescale: 0, percent: null } },
    });
    // Low-cost home ownership (shared ownership), 1,000 homes:
    //   stage 1 received R04, R13, R14, R19 = 4 → 4.0; stage 2 received R14 = 1 → 1.0;
    //   stage 1 responses R13, R14, R19 = 3, all within → 100; stage 2 responses R14, R17, both within → 100.
    expect(byTenure?.lowCostHomeOwnership).toEqual({
      homes: 1000,
      CH01: { stage1: { received: 4, perThousandHomes: 4 }, stage2: { received: 1, perThousandHomes: 1 } },
      CH02: { stage1: { responded: 3, withinTimescale: 3, percent: 100 }, stage2: { responded: 2, withinTimescale: 2, percent: 100 } },
    });
    // No tenure: R15 (stage 1 received and answered in time; stage 2 received and answered late) and R20 (received).
    expect(byTenure?.unknownTenure).toEqual({
      CH01: { stage1: { received: 2 }, stage2: { received: 1 } },
      CH02: { stage1: { responded: 1, withinTimescale: 1 }, stage2: { responded: 1, withinTimescale: 0 } },
    });
    // The groups and the unknown add up to the totals: 8 + 4 + 2 = 14, 2 + 1 + 1 = 4, 9 + 3 + 1 = 13, 0 + 2 + 1 = 3.
    const tsm = measure();
    expect(8 + 4 + 2).toBe(tsm.CH01.stage1.received);
    expect(0 + 2 + 1).toBe(tsm.CH02.stage2.responded);
  });

  it('gives no figures by tenure when homes is one number', () => {
    const tsm = tenantSatisfactionMeasures(yearRecords(), { period: YEAR, homes: 5000 });
    expect(tsm.byTenure).toBeUndefined();
    expect(tsm.CH01.stage1).toEqual({ received: 14, perThousandHomes: 2.8 });
  });

  it('counts declined complaints as received with declined: include', () => {
    const tsm = measure({ declined: 'include' });
    // Stage 1: 14 + R06 + R07 = 16 → 3.2 per 1,000; stage 2: 4 + R19 = 5 → 1.0.
    expect(tsm.CH01.stage1).toEqual({ received: 16, perThousandHomes: 3.2 });
    expect(tsm.CH01.stage2).toEqual({ received: 5, perThousandHomes: 1 });
    // R06 is low-cost rental (8 + 1 = 9 → 2.25 → 2.3, half up); R07 and R19 are shared ownership (4 + 1 = 5; 1 + 1 = 2).
    expect(tsm.byTenure?.lowCostRental.CH01.stage1).toEqual({ received: 9, perThousandHomes: 2.3 });
    expect(tsm.byTenure?.lowCostHomeOwnership.CH01).toEqual({ stage1: { received: 5, perThousandHomes: 5 }, stage2: { received: 2, perThousandHomes: 2 } });
    expect(tsm.excluded.declined).toEqual({ stage1: 0, stage2: 0 });
    expect(tsm.included.declined).toEqual({ stage1: 2, stage2: 1 });
    // A declined stage has no response, so CH02 does not move.
    expect(tsm.CH02).toEqual(measure().CH02);
  });

  it('leaves withdrawn complaints out with withdrawn: exclude, at the stage that was open', () => {
    const tsm = measure({ withdrawn: 'exclude' });
    // R08 was withdrawn at stage 1 (14 − 1 = 13 → 2.6); R18 at stage 2 (4 − 1 = 3 → 0.6). R18's stage 1, answered
    // before it escalated, still counts: it was not open when the complaint was withdrawn.
    expect(tsm.CH01).toEqual({ stage1: { received: 13, perThousandHomes: 2.6 }, stage2: { received: 3, perThousandHomes: 0.6 } });
    expect(tsm.excluded.withdrawn).toEqual({ stage1: 1, stage2: 1 });
    expect(tsm.included.withdrawn).toEqual({ stage1: 0, stage2: 0 });
  });

  it('counts a refused escalation as a stage 2 complaint with escalationRefused: include', () => {
    const tsm = measure({ escalationRefused: 'include' });
    // R09 asked for stage 2 on 2 September 2024: 4 + 1 = 5 → 1.0; it is low-cost rental (2 + 1 = 3 → 0.75 → 0.8).
    expect(tsm.CH01.stage2).toEqual({ received: 5, perThousandHomes: 1 });
    expect(tsm.byTenure?.lowCostRental.CH01.stage2).toEqual({ received: 3, perThousandHomes: 0.8 });
    expect(tsm.included.escalationRefused).toBe(1);
  });

  it('judges extensions as the option says', () => {
    // 'original-deadline': R10 (sent 30 September, original deadline 17 September) is now late: 10 / 13 = 76.92...% → 76.9.
    expect(measure({ extensions: 'original-deadline' }).CH02.stage1).toEqual({ responded: 13, withinTimescale: 10, percent: 76.9 });
    // 'any-agreed': R11's 15-day extension (beyond the Code's limit, no good reason) counts: sent 5 November, told
    // 6 November. R12's date came after the deadline had passed, so it still does not. 12 / 13 = 92.30...% → 92.3.
    expect(measure({ extensions: 'any-agreed' }).CH02.stage1).toEqual({ responded: 13, withinTimescale: 12, percent: 92.3 });
  });

  it('judges a late acknowledgement as the option says', () => {
    // R13: due to be acknowledged 9 December, acknowledged 11 December; its response was due 27 December counted from
    // the acknowledgement, or 23 December had it been on time; sent 24 December.
    // 'as-if-acknowledged-on-time': late (24 > 23). 'not-within-timescale': late. Either way 10 / 13 → 76.9.
    expect(measure({ lateAcknowledgement: 'as-if-acknowledged-on-time' }).CH02.stage1).toEqual({ responded: 13, withinTimescale: 10, percent: 76.9 });
    expect(measure({ lateAcknowledgement: 'not-within-timescale' }).CH02.stage1).toEqual({ responded: 13, withinTimescale: 10, percent: 76.9 });
    // R13 is shared ownership: 2 of 3 → 66.7.
    expect(measure({ lateAcknowledgement: 'not-within-timescale' }).byTenure?.lowCostHomeOwnership.CH02.stage1.percent).toBe(66.7);
  });

  it('counts a day of the period by its UK date, both ends included', () => {
    const first = tenantSatisfactionMeasures(yearRecords(), { period: { from: '2024-04-01', to: '2024-04-01' }, homes: 1000 });
    // Only R03 was received on 1 April 2024; nothing was answered that day.
    expect(first.CH01.stage1.received).toBe(1);
    const last = tenantSatisfactionMeasures(yearRecords(), { period: { from: '2025-03-31', to: '2025-03-31' }, homes: 1000 });
    // R04 received and R16 escalated on 31 March 2025.
    expect(last.CH01).toEqual({ stage1: { received: 1, perThousandHomes: 1 }, stage2: { received: 1, perThousandHomes: 1 } });
  });

  it('rounds half up to one decimal place in whole numbers, and never gives NaN', () => {
    const answered = (n: number, late: number): ComplaintRecord[] => {
      const r10 = yearRecords().find((r) => r.id === 'R10')!;
      const r12 = yearRecords().find((r) => r.id === 'R12')!;
      return [...Array.from({ length: n - late }, () => r10), ...Array.from({ length: late }, () => r12)];
    };
    const percentOf = (n: number, late: number) => tenantSatisfactionMeasures(answered(n, late), { period: YEAR, homes: 3 }).CH02.stage1.percent;
    expect(percentOf(8, 1)).toBe(87.5); // 7 / 8 exactly
    expect(percentOf(3, 2)).toBe(33.3); // 33.33...
    expect(percentOf(3, 1)).toBe(66.7); // 66.66...
    expect(percentOf(200, 1)).toBe(99.5); // 199 / 200 = 99.5 exactly
    expect(percentOf(2000, 1)).toBe(100); // 99.95 rounds up
    // 1 received against 3 homes: 333.33... per 1,000 → 333.3; 2 → 666.7.
    expect(tenantSatisfactionMeasures(answered(1, 0), { period: YEAR, homes: 3 }).CH01.stage1.perThousandHomes).toBe(333.3);
    expect(tenantSatisfactionMeasures(answered(2, 0), { period: YEAR, homes: 3 }).CH01.stage1.perThousandHomes).toBe(666.7);
    const none = tenantSatisfactionMeasures([], { period: YEAR, homes: 1 });
    expect(none.CH02.stage1.percent).toBeNull();
    expect(JSON.stringify(none)).not.toMatch(/NaN|Infinity/);
  });
});

describe('tenantSatisfactionMeasures from real complaints', () => {
  const machine = createComplaintMachine();
  const record = (events: ComplaintEvent[]) => {
    const { snapshot, rejected } = replay(machine, events);
    expect(rejected).toEqual([]);
    return toRecord(snapshot)!;
  };

  it('counts complaints replayed from their events, end to end through toRecord', () => {
    const records = [
      // Received Friday 20 December 2024; stage 1 extended to 23 January and answered 22 January (within a
      // permitted extension); escalated 30 January, acknowledged 5 February, answered 4 March (due 5 March).
      record(throughBothStages()),
      // Received the same day, declined on 23 December: legal proceedings.
      record([receive(), decline('2024-12-23T10:00:00Z', 'legal-proceedings')]),
      // Received the same day (acknowledge by 31 December), acknowledged late on 6 January (the TICK on the 2nd
      // records the breach); due 20 January counted from the acknowledgement, 15 January had it been on time;
      // answered 17 January.
      record([receive(undefined, { tenure: 'shared-ownership' }), tick('2025-01-02T09:00:00Z'), acknowledge('2025-01-06T10:00:00Z'), respond1('2025-01-17T15:00:00Z')]),
    ];
    expect(records[2]!.stage1).toMatchObject({ acknowledgeBy: '2024-12-31', respondBy: '2025-01-20', respondByIfAcknowledgedOnTime: '2025-01-15', respondedOn: '2025-01-17' });
    expect(records[2]!.breaches.map((b) => b.deadline)).toEqual(['stage1.acknowledge']);
    const tsm = tenantSatisfactionMeasures(records, { period: YEAR, homes: 1000 });
    // Stage 1 received: the first and the third (the declined one apart): 2 per 1,000. Stage 2: the first: 1.
    expect(tsm.CH01).toEqual({ stage1: { received: 2, perThousandHomes: 2 }, stage2: { received: 1, perThousandHomes: 1 } });
    // Both stage 1 responses within timescale (one within its extension, one by its own deadline); stage 2 as well.
    expect(tsm.CH02).toEqual({ stage1: { responded: 2, withinTimescale: 2, percent: 100 }, stage2: { responded: 1, withinTimescale: 1, percent: 100 } });
    expect(tsm.excluded.declined.stage1).toBe(1);
    // Counted from the deadline the acknowledgement should have met, the third is late: 1 of 2.
    const strict = tenantSatisfactionMeasures(records, { period: YEAR, homes: 1000, lateAcknowledgement: 'as-if-acknowledged-on-time' });
    expect(strict.CH02.stage1).toEqual({ responded: 2, withinTimescale: 1, percent: 50 });
    // And counted from the original deadline (9 January), the first is late too.
    expect(tenantSatisfactionMeasures(records, { period: YEAR, homes: 1000, extensions: 'original-deadline' }).CH02.stage1.withinTimescale).toBe(1);
  });
});

describe('tenantSatisfactionMeasures reads records as a stream', () => {
  const options = { period: YEAR, homes: SPLIT };

  it('gives the same figures from an array, a generator and an async generator (then as a Promise)', async () => {
    const expected = measure();
    function* sync() {
      yield* yearRecords();
    }
    async function* slow() {
      for (const record of yearRecords()) {
        await Promise.resolve();
        yield record;
      }
    }
    expect(tenantSatisfactionMeasures(sync(), options)).toEqual(expected);
    const pending = tenantSatisfactionMeasures(slow(), options);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual(expected);
  });

  it('reads the records once, in one pass, and changes none of them', () => {
    const records = yearRecords().map((record) => deepFreeze(record));
    let passes = 0;
    const once = {
      [Symbol.iterator]() {
        if (++passes > 1) throw new Error('read twice');
        return records[Symbol.iterator]();
      },
    };
    expect(tenantSatisfactionMeasures(once, options)).toEqual(measure());
    expect(passes).toBe(1);
  });

  it('counts records generated on the fly without holding them', () => {
    const template = yearRecords().find((r) => r.id === 'R10')!;
    const total = 250_000;
    function* generated() {
      // A fresh record each time, over 150 bytes: kept, these would take more than 35 MB.
      for (let i = 0; i < total; i++) yield { ...template, id: `C-${i}` };
    }
    const before = process.memoryUsage().heapUsed;
    const tsm = tenantSatisfactionMeasures(generated(), { period: YEAR, homes: total });
    expect(tsm.CH01.stage1).toEqual({ received: total, perThousandHomes: 1000 });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('lets an error of the records’ own iterator pass through unchanged, sync or async', async () => {
    const failure = new Error('the database went away');
    function* failing() {
      yield yearRecords()[0]!;
      throw failure;
    }
    async function* failingLater() {
      yield yearRecords()[0]!;
      throw failure;
    }
    expect(caught(() => tenantSatisfactionMeasures(failing(), options))).toBe(failure);
    await expect(tenantSatisfactionMeasures(failingLater(), options)).rejects.toBe(failure);
  });

  it('has a sync result for iterables and a Promise for async iterables', () => {
    expectTypeOf(tenantSatisfactionMeasures([] as ComplaintRecord[], options)).toEqualTypeOf<TenantSatisfactionMeasures>();
    expectTypeOf(tenantSatisfactionMeasures((async function* () {})() as AsyncIterable<ComplaintRecord>, options)).toEqualTypeOf<Promise<TenantSatisfactionMeasures>>();
  });
});

describe('tenantSatisfactionMeasures refuses bad input with typed errors', () => {
  const records = yearRecords();

  it('names the option at fault', () => {
    const cases: [unknown, string][] = [
      [undefined, 'options.period'],
      [{ homes: 10 }, 'options.period'],
      [{ period: '2024', homes: 10 }, 'options.period'],
      [{ period: { from: '2024-04-01' }, homes: 10 }, 'options.period.to'],
      [{ period: { from: '2024-02-30', to: '2025-03-31' }, homes: 10 }, 'options.period.from'],
      [{ period: { from: '01/04/2024', to: '2025-03-31' }, homes: 10 }, 'options.period.from'],
      [{ period: { from: '2025-04-01', to: '2024-03-31' }, homes: 10 }, 'options.period'],
      [{ period: { ...YEAR, by: 'month' }, homes: 10 }, 'options.period.by'],
      [{ period: YEAR }, 'options.homes'],
      [{ period: YEAR, homes: 0 }, 'options.homes'],
      [{ period: YEAR, homes: -5 }, 'options.homes'],
      [{ period: YEAR, homes: 1.5 }, 'options.homes'],
      [{ period: YEAR, homes: '5000' }, 'options.homes'],
      [{ period: YEAR, homes: Number.NaN }, 'options.homes'],
      [{ period: YEAR, homes: { lowCostRental: 10 } }, 'options.homes.lowCostHomeOwnership'],
      [{ period: YEAR, homes: { lowCostRental: 0, lowCostHomeOwnership: 10 } }, 'options.homes.lowCostRental'],
      [{ period: YEAR, homes: { lowCostRental: 10, lowCostHomeOwnership: 10, other: 1 } }, 'options.homes.other'],
      [{ period: YEAR, homes: 10, declined: 'maybe' }, 'options.declined'],
      [{ period: YEAR, homes: 10, withdrawn: true }, 'options.withdrawn'],
      [{ period: YEAR, homes: 10, escalationRefused: 'exclude ' }, 'options.escalationRefused'],
      [{ period: YEAR, homes: 10, extensions: 'all' }, 'options.extensions'],
      [{ period: YEAR, homes: 10, lateAcknowledgement: null }, 'options.lateAcknowledgement'],
      [{ period: YEAR, homes: 10, perThousand: true }, 'options.perThousand'],
    ];
    for (const [options, path] of cases) expect(invalid(() => tenantSatisfactionMeasures(records, options as TsmOptions)).path, JSON.stringify(options)).toBe(path);
  });

  it('reads the options once: a getter cannot answer one thing to the check and another to the count', () => {
    const options = flipping({ homes: 1000 }, 'period', YEAR, { from: 'never', to: 'never' });
    expect(tenantSatisfactionMeasures(records, options as unknown as TsmOptions).CH01.stage1.received).toBe(14);
    expect(options.reads()).toBe(1);
  });

  it('gives only typed errors for hostile options and hostile records arguments', () => {
    for (const [name, value] of eachHostile()) {
      expect(isInvalidInputError(caught(() => tenantSatisfactionMeasures(records, value as TsmOptions))), `options: ${name}`).toBe(true);
      expect(isInvalidInputError(caught(() => tenantSatisfactionMeasures(value as ComplaintRecord[], { period: YEAR, homes: 10 }))), `records: ${name}`).toBe(true);
    }
  });

  it('names the index of an item that is not a record, never a TypeError', () => {
    const good = records[0]!;
    expect(invalid(() => tenantSatisfactionMeasures([good, 42 as never], { period: YEAR, homes: 10 })).path).toBe('records[1]');
    expect(invalid(() => tenantSatisfactionMeasures([good, good, null as never], { period: YEAR, homes: 10 })).path).toBe('records[2]');
    // An object of the wrong shape breaks the count as it is read: still a typed error at its index.
    expect(invalid(() => tenantSatisfactionMeasures([{} as never], { period: YEAR, homes: 10 })).path).toBe('records[0]');
    for (const [name, value] of eachHostile()) {
      const error = caught(() => tenantSatisfactionMeasures([good, value as never], { period: YEAR, homes: 10 }));
      // A hostile value either counts as nothing in the period (an empty object) or is refused, at its index.
      if (error !== undefined) expect((error as InvalidInputError).path, name).toBe('records[1]');
    }
  });

  it('rejects the Promise, not throws, for async records with bad options or items', async () => {
    async function* one() {
      yield 'not a record';
    }
    let pending: Promise<unknown> | undefined;
    expect(() => (pending = tenantSatisfactionMeasures(one() as AsyncIterable<never>, { period: YEAR, homes: 0 }))).not.toThrow();
    await expect(pending).rejects.toMatchObject({ name: 'InvalidInputError', path: 'options.homes' });
    await expect(tenantSatisfactionMeasures(one() as AsyncIterable<never>, { period: YEAR, homes: 1 })).rejects.toMatchObject({ name: 'InvalidInputError', path: 'records[0]' });
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
