/**
 * Issue 10 for housing-complaints/calendar: no input crashes the host. Every export, given a
 * hostile value in any argument or option, answers correctly or throws one of the library's own
 * errors, synchronously, naming the argument in `path`.
 */
import { describe, expect, it } from 'vitest';
import * as calendarModule from '../../src/calendar/index.js';
import { HousingComplaintsError, calendarFromGovUkFeed, createWorkingDayCalendar, isHousingComplaintsError, isIsoDate, isRegion, toUkDate, type WorkingDayCalendar } from '../../src/calendar/index.js';
import { loadFeed } from '../support/fixture.js';
import { eachHostile, flipping, hostileValues, outcome } from '../support/hostileValues.js';


/** Asserts a typed error made by this library (not a forgery), whose `path` is `path` or matches it. */
function expectTyped(error: unknown, path: string | RegExp): void {
  expect(isHousingComplaintsError(error)).toBe(true);
  expect(error).toBeInstanceOf(HousingComplaintsError);
  const found = (error as { path?: unknown }).path;
  expect(typeof found).toBe('string');
  if (typeof path === 'string') expect(found).toBe(path);
  else expect(found).toMatch(path);
  expect(typeof (error as Error).message).toBe('string');
}

/**
 * One argument position of one function: `call` puts a value there; `path` is what an error must
 * name; `check` judges an answer (and fails for a value that should have been refused).
 */
interface Position {
  readonly name: string;
  readonly call: (value: unknown) => unknown;
  readonly path: string | RegExp;
  readonly check: (value: unknown, result: unknown) => void;
}

const refused = (value: unknown) => {
  throw new Error(`expected ${String(typeof value)} to be refused, but it was accepted`);
};

const plain = createWorkingDayCalendar({ region: 'england-and-wales' });
const MONDAY = '2024-06-03';

/** A calendar must answer like `reference` on a few dates around its adjustments. */
function answersLike(calendar: unknown, reference: WorkingDayCalendar): void {
  const made = calendar as WorkingDayCalendar;
  expect(Object.isFrozen(made)).toBe(true);
  expect(made.fingerprint).toBe(reference.fingerprint);
  for (const date of ['2024-01-01', MONDAY, '2024-12-24', '2026-06-15', '2027-06-07']) {
    expect(made.isWorkingDay(date)).toBe(reference.isWorkingDay(date));
    expect(made.addWorkingDays(date, 10)).toBe(reference.addWorkingDays(date, 10));
  }
  expect(made.holidays(2026)).toEqual(reference.holidays(2026));
}

const isWholeDays = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value);

const calendarMethods: Position[] = [
  { name: 'isWorkingDay(date)', call: (v) => plain.isWorkingDay(v as string), path: 'date', check: refused },
  { name: 'addWorkingDays(date, 5)', call: (v) => plain.addWorkingDays(v as string, 5), path: 'date', check: refused },
  {
    name: 'addWorkingDays(date, days)',
    call: (v) => plain.addWorkingDays(MONDAY, v as number),
    path: 'days',
    check: (v, result) => {
      if (!isWholeDays(v)) refused(v);
      expect(plain.workingDaysBetween(MONDAY, result as string)).toBe(v);
    },
  },
  { name: 'workingDaysBetween(from, to)', call: (v) => plain.workingDaysBetween(v as string, MONDAY), path: 'from', check: refused },
  { name: 'workingDaysBetween(from, to) (to)', call: (v) => plain.workingDaysBetween(MONDAY, v as string), path: 'to', check: refused },
  { name: 'nextWorkingDay(date)', call: (v) => plain.nextWorkingDay(v as string), path: 'date', check: refused },
  { name: 'holidays(year)', call: (v) => plain.holidays(v as number), path: 'year', check: refused },
  { name: 'isProvisional(date)', call: (v) => plain.isProvisional(v as string), path: 'date', check: refused },
];

/** Options of createWorkingDayCalendar with `value` put at one place. */
const calendarOptions: Position[] = [
  { name: 'createWorkingDayCalendar(options)', call: (v) => createWorkingDayCalendar(v as never), path: /^(options|region)$/, check: refused },
  { name: 'options.region', call: (v) => createWorkingDayCalendar({ region: v } as never), path: 'region', check: refused },
  ...(['closures', 'workingDays', 'extraHolidays'] as const).map(
    (option): Position => ({
      name: `options.${option}`,
      call: (v) => createWorkingDayCalendar({ region: 'england-and-wales', [option]: v }),
      path: new RegExp(`^${option}(\\[\\d+\\])?$`),
      check: (v, result) => (v === undefined ? answersLike(result, plain) : refused(v)),
    }),
  ),
  {
    name: 'options.extraHolidays[0]',
    call: (v) => createWorkingDayCalendar({ region: 'england-and-wales', extraHolidays: [v as never] }),
    path: /^extraHolidays\[0\](\.date|\.name)?$/,
    check: refused,
  },
  {
    name: 'options.extraHolidays[0].date',
    call: (v) => createWorkingDayCalendar({ region: 'england-and-wales', extraHolidays: [{ date: v as string, name: 'Extra' }] }),
    path: 'extraHolidays[0].date',
    check: refused,
  },
  {
    name: 'options.extraHolidays[0].name',
    call: (v) => createWorkingDayCalendar({ region: 'england-and-wales', extraHolidays: [{ date: '2026-06-15', name: v as string }] }),
    path: 'extraHolidays[0].name',
    check: (v, result) => {
      if (typeof v !== 'string' || v.trim() === '') refused(v);
      expect((result as WorkingDayCalendar).holidays(2026)).toContainEqual({ date: '2026-06-15', name: (v as string).trim(), substitute: false });
    },
  },
];

const feedCalendar = calendarFromGovUkFeed(loadFeed(), 'england-and-wales');
/** A fresh feed with `value` at `place` (a function that edits the feed). */
const feedWith = (edit: (feed: ReturnType<typeof loadFeed>) => void) => {
  const feed = loadFeed();
  edit(feed);
  return feed;
};

const feedPositions: Position[] = [
  { name: 'calendarFromGovUkFeed(feed)', call: (v) => calendarFromGovUkFeed(v, 'england-and-wales'), path: /^(feed|england-and-wales)$/, check: refused },
  { name: 'calendarFromGovUkFeed(feed, region)', call: (v) => calendarFromGovUkFeed(loadFeed(), v as never), path: 'region', check: refused },
  {
    name: 'calendarFromGovUkFeed(feed, region, options)',
    call: (v) => calendarFromGovUkFeed(loadFeed(), 'england-and-wales', v as never),
    path: /^(options|closures|workingDays|extraHolidays)$/,
    check: (v, result) => {
      // undefined takes the default; an object with no adjustments (a frozen {}, a Map, a Date) adjusts nothing.
      if (typeof v !== 'object' && v !== undefined) refused(v);
      answersLike(result, feedCalendar);
    },
  },
  { name: 'feed[region]', call: (v) => calendarFromGovUkFeed(feedWith((f) => Object.assign(f, { 'england-and-wales': v })), 'england-and-wales'), path: /^england-and-wales(\.division|\.events)?$/, check: refused },
  {
    name: 'feed[region].division',
    call: (v) => calendarFromGovUkFeed(feedWith((f) => Object.assign(f['england-and-wales'], { division: v })), 'england-and-wales'),
    path: 'england-and-wales.division',
    check: (v, result) => (v === undefined ? answersLike(result, feedCalendar) : refused(v)),
  },
  {
    name: 'feed[region].events',
    call: (v) => calendarFromGovUkFeed(feedWith((f) => Object.assign(f['england-and-wales'], { events: v })), 'england-and-wales'),
    path: /^england-and-wales\.events(\[\d+\](\.date|\.title)?)?$/,
    check: refused,
  },
  {
    name: 'feed[region].events[0]',
    call: (v) => calendarFromGovUkFeed(feedWith((f) => ((f['england-and-wales'].events as unknown[])[0] = v)), 'england-and-wales'),
    path: /^england-and-wales\.events\[0\](\.date|\.title|\.notes)?$/,
    check: refused,
  },
  ...(['title', 'date', 'notes'] as const).map(
    (field): Position => ({
      name: `feed[region].events[0].${field}`,
      call: (v) => calendarFromGovUkFeed(feedWith((f) => Object.assign(f['england-and-wales'].events[0]!, { [field]: v })), 'england-and-wales'),
      path: `england-and-wales.events[0].${field}`,
      check: (v, result) => {
        // A title is any non-empty text; notes are optional text (only 'Substitute day' means anything).
        const fine = field === 'title' ? typeof v === 'string' && v.trim() !== '' : field === 'notes' ? v === undefined || typeof v === 'string' : false;
        if (!fine) refused(v);
        expect((result as WorkingDayCalendar).isWorkingDay('2019-01-01')).toBe(false);
      },
    }),
  ),
];

const INSTANT = '2024-06-30T23:30:00Z';
const ukDatePositions: Position[] = [
  {
    name: 'toUkDate(instant)',
    call: (v) => toUkDate(v as string),
    path: 'instant',
    check: (v, result) => {
      // Only a real, valid Date is an instant among the hostile values; its own methods are never called.
      expect(Object.prototype.toString.call(v)).toBe('[object Date]');
      expect(result).toBe(new Date(Date.prototype.getTime.call(v)).toISOString().slice(0, 10));
    },
  },
  {
    name: 'toUkDate(instant, options)',
    call: (v) => toUkDate(INSTANT, v as never),
    path: /^(options|cutOff)$/,
    check: (v, result) => {
      if (v !== undefined && v !== null && typeof v !== 'object') refused(v);
      expect(result).toBe('2024-07-01');
    },
  },
  { name: 'toUkDate(instant, { cutOff })', call: (v) => toUkDate(INSTANT, { cutOff: v as string }), path: 'cutOff', check: (v, result) => (v === undefined ? expect(result).toBe('2024-07-01') : refused(v)) },
];

describe.each([
  ['a calendar’s methods', calendarMethods],
  ['createWorkingDayCalendar', calendarOptions],
  ['calendarFromGovUkFeed', feedPositions],
  ['toUkDate', ukDatePositions],
])('%s, given hostile arguments', (_, positions) => {
  describe.each(positions.map((p) => [p.name, p] as const))('%s', (__, position) => {
    it.each(eachHostile())('answers correctly or throws a typed error naming the argument, for %s', (___, value) => {
      const result = outcome(() => position.call(value));
      if (result.returned) position.check(value, result.result);
      else expectTyped(result.error, position.path);
    });
  });
});

describe('the non-throwing checks never throw', () => {
  it.each(eachHostile())('isIsoDate and isRegion answer false for %s', (_, value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(isRegion(value)).toBe(false);
  });
});

describe('every export is covered', () => {
  const covered = {
    // The clock-hour functions' hostile inputs are in instant.test.ts.
    functions: ['createWorkingDayCalendar', 'calendarFromGovUkFeed', 'toUkDate', 'toUkDateTime', 'addClockHours', 'compareInstants', 'isIsoDate', 'isRegion'],
    guards: ['isHousingComplaintsError', 'isInvalidInputError', 'isInvalidCalendarInputError', 'isInvalidDateError', 'isInvalidDayCountError', 'isInvalidInstantError', 'isDateOutOfRangeError'],
    classes: ['HousingComplaintsError', 'InvalidInputError', 'InvalidCalendarInputError', 'InvalidDateError', 'InvalidDayCountError', 'InvalidInstantError', 'DateOutOfRangeError'],
    constants: ['REGIONS'],
  };

  it('lists every export of housing-complaints/calendar here (a new one needs a hostile test)', () => {
    expect(Object.keys(calendarModule).sort()).toEqual(Object.values(covered).flat().sort());
  });

  it.each(eachHostile())('answers every guard with a boolean, and builds every error class, given %s', (name, value) => {
    const module = calendarModule as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const guard of covered.guards) {
      const answer = module[guard]!(value);
      expect(typeof answer).toBe('boolean');
      if (name !== 'a forged library error') expect(answer).toBe(false);
    }
    for (const errorClass of covered.classes) {
      const Made = module[errorClass] as unknown as new (...args: unknown[]) => Error;
      const error = new Made(value, value, value, value, value);
      expect(isHousingComplaintsError(error)).toBe(true);
      expect(typeof error.message).toBe('string');
    }
  });

  it('keeps REGIONS frozen, so no caller can change what the library calls a region', () => {
    expect(Object.isFrozen(calendarModule.REGIONS)).toBe(true);
    expect(() => (calendarModule.REGIONS as unknown as string[]).push('wales')).toThrow(TypeError);
  });
});

describe('options are read once, into a copy', () => {
  it('reads a getter once: a region that changes on the next read changes nothing', () => {
    const options = flipping({}, 'region', 'scotland', 'wales');
    const calendar = createWorkingDayCalendar(options as never);
    expect(calendar.region).toBe('scotland');
    expect(options.reads()).toBe(1);
    expect(calendar.isWorkingDay('2025-01-02')).toBe(false); // 2 January: a Scottish holiday
  });

  it('reads each list once, and each entry of it once', () => {
    let reads = 0;
    const closures = new Proxy(['2024-06-03', '2024-06-04'], {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const options = flipping({ region: 'england-and-wales' }, 'closures', closures, ['2024-07-01']);
    const calendar = createWorkingDayCalendar(options as never);
    expect(options.reads()).toBe(1);
    expect(reads).toBe(2);
    expect(calendar.isWorkingDay('2024-06-03')).toBe(false);
    expect(calendar.isWorkingDay('2024-07-01')).toBe(true);
  });

  it('reads an extra holiday’s date and name once each', () => {
    const holiday = flipping(flipping({}, 'date', '2026-06-15', '2026-06-16'), 'name', 'Extra', '');
    const calendar = createWorkingDayCalendar({ region: 'england-and-wales', extraHolidays: [holiday as never] });
    expect(calendar.isWorkingDay('2026-06-15')).toBe(false);
    expect(calendar.isWorkingDay('2026-06-16')).toBe(true);
    expect(calendar.holidays(2026)).toContainEqual({ date: '2026-06-15', name: 'Extra', substitute: false });
  });

  it('reads a feed’s events once: a feed edited afterwards changes nothing', () => {
    const feed = loadFeed();
    const division = flipping({ division: 'england-and-wales' }, 'events', feed['england-and-wales'].events, []);
    const calendar = calendarFromGovUkFeed({ 'england-and-wales': division }, 'england-and-wales');
    expect(division.reads()).toBe(1);
    feed['england-and-wales'].events.length = 0;
    expect(calendar.isWorkingDay('2025-12-25')).toBe(false);
  });

  it('reads a cut-off once', () => {
    const options = flipping({}, 'cutOff', '17:00', 'later');
    expect(toUkDate('2024-07-01T17:30:00+01:00', options as never)).toBe('2024-07-02');
    expect(options.reads()).toBe(1);
  });

  it('takes frozen options, frozen lists and transparent Proxies, and answers as for plain ones', () => {
    const adjustments = { closures: ['2024-12-27'], workingDays: ['2024-05-06'], extraHolidays: [{ date: '2026-06-15', name: 'Extra' }] };
    const reference = createWorkingDayCalendar({ region: 'england-and-wales', ...adjustments });
    const frozen = Object.freeze({
      region: 'england-and-wales' as const,
      closures: Object.freeze([...adjustments.closures]),
      workingDays: Object.freeze([...adjustments.workingDays]),
      extraHolidays: Object.freeze(adjustments.extraHolidays.map((h) => Object.freeze({ ...h }))),
    });
    answersLike(createWorkingDayCalendar(frozen), reference);
    const proxied = new Proxy({ region: 'england-and-wales', ...adjustments }, {});
    answersLike(createWorkingDayCalendar(proxied as never), reference);
    answersLike(createWorkingDayCalendar({ region: 'england-and-wales', closures: new Proxy(adjustments.closures, {}), workingDays: adjustments.workingDays, extraHolidays: adjustments.extraHolidays }), reference);
  });

  it('refuses a hole in a list, naming its index (a hole is a missing date, not no date)', () => {
    const sparse = ['2024-12-27', , '2024-12-30'];
    for (const option of ['closures', 'workingDays', 'extraHolidays']) {
      const error = outcome(() => createWorkingDayCalendar({ region: 'scotland', [option]: sparse } as never));
      expect(error.returned).toBe(false);
      if (!error.returned) expectTyped(error.error, option === 'extraHolidays' ? 'extraHolidays[0]' : `${option}[1]`);
    }
  });

  it('refuses an array-like object: a list must be an array', () => {
    const error = outcome(() => createWorkingDayCalendar({ region: 'scotland', closures: { length: 1, 0: '2024-12-27' } as never }));
    expect(error.returned).toBe(false);
    if (!error.returned) expectTyped(error.error, 'closures');
  });
});

describe('huge lists: linear, with a documented bound of 100,000 entries', () => {
  const dates = (count: number) => Array.from({ length: count }, (_, i) => plain.addWorkingDays('2030-01-01', i % 5_000));

  it('takes 100,000 closures (repeats and all) and counts around them', () => {
    const closures = dates(100_000);
    const calendar = createWorkingDayCalendar({ region: 'england-and-wales', closures });
    expect(calendar.isWorkingDay(closures[0]!)).toBe(false);
    expect(calendar.isWorkingDay(closures[4_999]!)).toBe(false);
    expect(calendar.nextWorkingDay('2029-12-31')).toBe(plain.addWorkingDays(closures[4_999]!, 1));
    expect(calendar.fingerprint).toBe(createWorkingDayCalendar({ region: 'england-and-wales', closures: closures.slice(0, 5_000).reverse() }).fingerprint);
  });

  it('takes 100,000 extra holidays', () => {
    const extraHolidays = dates(100_000).map((date, i) => ({ date, name: `Extra ${i % 5_000}` }));
    const calendar = createWorkingDayCalendar({ region: 'scotland', extraHolidays });
    expect(calendar.isWorkingDay(extraHolidays[17]!.date)).toBe(false);
  });

  it.each(['closures', 'workingDays', 'extraHolidays'])('refuses %s of 100,001 entries without reading one', (option) => {
    let reads = 0;
    const list = new Proxy(new Array(100_001), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const error = outcome(() => createWorkingDayCalendar({ region: 'scotland', [option]: list } as never));
    expect(error.returned).toBe(false);
    if (!error.returned) {
      expectTyped(error.error, option);
      expect((error.error as Error).message).toContain('at most 100,000 entries');
    }
    expect(reads).toBe(0);
  });

  it('refuses an array that claims 2^32 - 1 entries at once, in every list of every function', () => {
    const huge = hostileValues.find(([name]) => name === 'an array claiming 2^32 - 1 entries')![1];
    for (const [fn, path] of [
      [() => createWorkingDayCalendar({ region: 'scotland', closures: huge() as never }), 'closures'],
      [() => calendarFromGovUkFeed({ scotland: { events: huge() } }, 'scotland'), 'scotland.events'],
    ] as const) {
      const error = outcome(fn);
      expect(error.returned).toBe(false);
      if (!error.returned) expectTyped(error.error, path);
    }
  });

  it('refuses a feed of 100,000 events at the first repeated date, since a feed lists each date once', () => {
    const events = Array.from({ length: 100_000 }, () => ({ title: 'Christmas Day', date: '2024-12-25', notes: '' }));
    const error = outcome(() => calendarFromGovUkFeed({ scotland: { events } }, 'scotland'));
    expect(error.returned).toBe(false);
    if (!error.returned) expectTyped(error.error, 'scotland.events[1].date');
  });
});
