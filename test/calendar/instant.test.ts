import { runInNewContext } from 'node:vm';
import { describe, it, expect } from 'vitest';
import {
  addClockHours,
  compareInstants,
  createWorkingDayCalendar,
  isDateOutOfRangeError,
  isInvalidCalendarInputError,
  isInvalidInstantError,
  toUkDate,
  toUkDateTime,
} from '../../src/calendar/index.js';
import * as root from '../../src/index.js';
import { eachHostile } from '../support/hostileValues.js';

const HOUR = 3_600_000;

/** Asserts that `fn` throws, and that what it throws passes `guard` and names `path`: nothing else will do. */
function expectRefused(fn: () => unknown, guard: (error: unknown) => boolean, path: string): void {
  let thrown: unknown;
  let threw = false;
  try {
    fn();
  } catch (error) {
    threw = true;
    thrown = error;
  }
  expect(threw).toBe(true);
  expect(guard(thrown)).toBe(true);
  expect((thrown as { path?: unknown }).path).toBe(path);
  expect(typeof (thrown as Error).message).toBe('string');
}

/** A small seeded PRNG (mulberry32): the same numbers on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `ms` written as an ISO timestamp with the UTC offset `offsetMinutes` (e.g. 330 for +05:30). */
function withOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The Europe/London wall clock by Intl, as 'YYYY-MM-DD HH:MM': an independent oracle for the tests only. */
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function intlLondon(ms: number): string {
  const part = (type: string) => londonParts.formatToParts(ms).find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

describe('addClockHours: every clock hour counts', () => {
  it('runs 24 hours across a weekend (Friday afternoon to Saturday, Saturday to Sunday)', () => {
    expect(addClockHours('2025-11-14T16:30:00Z', 24)).toBe('2025-11-15T16:30:00Z'); // Friday to Saturday
    expect(addClockHours('2025-11-15T16:30:00Z', 24)).toBe('2025-11-16T16:30:00Z'); // Saturday to Sunday
    expect(addClockHours('2025-11-14T16:30:00Z', 72)).toBe('2025-11-17T16:30:00Z'); // to Monday
    // Unlike working days: one working day after that Friday is the Monday.
    expect(createWorkingDayCalendar({ region: 'england-and-wales' }).addWorkingDays('2025-11-14', 1)).toBe('2025-11-17');
  });

  it('runs 24 clock hours across the spring change: 12:00 UK time on Saturday is 13:00 UK time on Sunday', () => {
    // The clocks go forward at 01:00 UTC on Sunday 30 March 2025.
    const saturdayNoon = '2025-03-29T12:00:00Z'; // 12:00 GMT
    expect(toUkDateTime(saturdayNoon)).toBe('2025-03-29 12:00');
    const due = addClockHours(saturdayNoon, 24);
    expect(due).toBe('2025-03-30T12:00:00Z');
    expect(toUkDateTime(due)).toBe('2025-03-30 13:00');
    expect(addClockHours('2025-03-29T12:00:00+00:00', 24)).toBe(due);
  });

  it('runs 24 clock hours across the autumn change: 12:00 UK time on Saturday is 11:00 UK time on Sunday', () => {
    // The clocks go back at 01:00 UTC on Sunday 26 October 2025.
    const saturdayNoon = '2025-10-25T12:00:00+01:00'; // 12:00 BST
    expect(toUkDateTime(saturdayNoon)).toBe('2025-10-25 12:00');
    const due = addClockHours(saturdayNoon, 24);
    expect(due).toBe('2025-10-26T11:00:00Z');
    expect(toUkDateTime(due)).toBe('2025-10-26 11:00');
  });

  it('runs across bank holidays: Christmas, Boxing Day and Easter count like any day', () => {
    expect(addClockHours('2025-12-24T10:00:00Z', 24)).toBe('2025-12-25T10:00:00Z');
    expect(addClockHours('2025-12-24T10:00:00Z', 72)).toBe('2025-12-27T10:00:00Z');
    // Good Friday 18 April 2025, 09:00 BST: 96 hours later is Tuesday 22 April, 09:00 BST (Easter Monday counted).
    const due = addClockHours('2025-04-18T09:00:00+01:00', 96);
    expect(due).toBe('2025-04-22T08:00:00Z');
    expect(toUkDateTime(due)).toBe('2025-04-22 09:00');
  });

  it('reads offsets such as +05:30 and -03:00 as the instants they name', () => {
    expect(addClockHours('2025-06-01T10:00:00+05:30', 1)).toBe('2025-06-01T05:30:00Z');
    expect(addClockHours('2025-06-01T21:30:00-03:00', 2)).toBe('2025-06-02T02:30:00Z');
    expect(addClockHours('2025-01-31T23:45-03:00', 24)).toBe('2025-02-02T02:45:00Z');
  });

  it('takes a Date, including one from another realm', () => {
    expect(addClockHours(new Date('2025-11-14T16:30:00Z'), 24)).toBe('2025-11-15T16:30:00Z');
    const foreign = runInNewContext('new Date(Date.UTC(2025, 10, 14, 16, 30))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(addClockHours(foreign, 24)).toBe('2025-11-15T16:30:00Z');
    expect(toUkDateTime(foreign)).toBe('2025-11-14 16:30');
    expect(compareInstants(foreign, '2025-11-14T16:30:00Z')).toBe(0);
  });

  it('keeps milliseconds when there are some, and drops a zero fraction and anything finer than a millisecond', () => {
    expect(addClockHours('2025-07-01T08:30:00.5Z', 1)).toBe('2025-07-01T09:30:00.500Z');
    expect(addClockHours('2025-07-01T08:30:00.123456+01:00', 1)).toBe('2025-07-01T08:30:00.123Z');
    expect(addClockHours('2025-07-01T08:30:00.000Z', 1)).toBe('2025-07-01T09:30:00Z');
    expect(addClockHours('2025-07-01T08:30:00.0009Z', 1)).toBe('2025-07-01T09:30:00Z');
    expect(addClockHours(new Date(Date.UTC(2025, 6, 1, 8, 30, 0, 7)), 1)).toBe('2025-07-01T09:30:00.007Z');
    expect(addClockHours('2025-07-01T08:30Z', 1)).toBe('2025-07-01T09:30:00Z');
  });

  it('accepts 1 to 8784 hours: a leap year of hours is the most', () => {
    expect(addClockHours('2024-01-01T00:00:00Z', 1)).toBe('2024-01-01T01:00:00Z');
    expect(addClockHours('2024-01-01T00:00:00Z', 8784)).toBe('2025-01-01T00:00:00Z');
  });
});

describe('toUkDateTime: the Europe/London wall clock', () => {
  it('shows BST in summer and GMT in winter', () => {
    expect(toUkDateTime('2025-07-01T08:30:00Z')).toBe('2025-07-01 09:30');
    expect(toUkDateTime('2025-01-10T16:05:00Z')).toBe('2025-01-10 16:05');
    expect(toUkDateTime('2025-06-30T23:30:00Z')).toBe('2025-07-01 00:30');
    expect(toUkDateTime('2025-12-31T23:59:59.999Z')).toBe('2025-12-31 23:59'); // seconds dropped, not rounded
  });

  it('jumps from 00:59 to 02:00 in spring, and shows 01:30 twice in autumn', () => {
    expect(toUkDateTime('2025-03-30T00:59:00Z')).toBe('2025-03-30 00:59');
    expect(toUkDateTime('2025-03-30T01:00:00Z')).toBe('2025-03-30 02:00');
    expect(toUkDateTime('2025-10-26T00:30:00Z')).toBe('2025-10-26 01:30'); // BST
    expect(toUkDateTime('2025-10-26T01:30:00Z')).toBe('2025-10-26 01:30'); // GMT, an hour later
  });

  it('reads offsets', () => {
    expect(toUkDateTime('2025-06-01T10:00:00+05:30')).toBe('2025-06-01 05:30');
    expect(toUkDateTime('2025-06-01T21:30:00-03:00')).toBe('2025-06-02 01:30');
  });

  it('answers for the first and last minutes of the span, and refuses an instant whose UK date is outside it', () => {
    expect(toUkDateTime('2000-01-01T00:00:00Z')).toBe('2000-01-01 00:00');
    expect(toUkDateTime('2100-12-31T23:59:59Z')).toBe('2100-12-31 23:59');
    expectRefused(() => toUkDateTime('1999-12-31T23:59:59Z'), isDateOutOfRangeError, 'instant');
    expectRefused(() => toUkDateTime('2101-01-01T00:00:00Z'), isDateOutOfRangeError, 'instant');
    expectRefused(() => toUkDateTime(new Date(Date.UTC(1999, 0, 1))), isDateOutOfRangeError, 'instant');
  });
});

describe('compareInstants: by the moment, not the text', () => {
  it('puts midnight at +01:00 before midnight UTC the same day', () => {
    expect(compareInstants('2025-01-01T00:00:00+01:00', '2025-01-01T00:00:00Z')).toBe(-1);
    expect(compareInstants('2025-01-01T00:00:00Z', '2025-01-01T00:00:00+01:00')).toBe(1);
  });

  it('answers 0 for one instant written two ways, and by the millisecond', () => {
    expect(compareInstants('2025-07-01T09:30:00+01:00', '2025-07-01T08:30:00Z')).toBe(0);
    expect(compareInstants('2025-06-01T10:00:00+05:30', '2025-06-01T01:30:00-03:00')).toBe(0);
    expect(compareInstants(new Date('2025-07-01T08:30:00.001Z'), '2025-07-01T08:30:00Z')).toBe(1);
    expect(compareInstants('2025-07-01T08:30:00.0001Z', '2025-07-01T08:30:00Z')).toBe(0);
  });

  it('compares instants outside the calendar span too (no holiday rules are needed)', () => {
    expect(compareInstants('1999-01-01T00:00:00Z', '2200-01-01T00:00:00Z')).toBe(-1);
  });

  it('sorts', () => {
    const sorted = ['2025-07-01T09:30:00Z', '2025-07-01T10:00:00+01:00', '2025-07-01T08:00:00-02:00'].sort(compareInstants);
    expect(sorted).toEqual(['2025-07-01T10:00:00+01:00', '2025-07-01T09:30:00Z', '2025-07-01T08:00:00-02:00']);
  });
});

describe('the root entry point exports them too', () => {
  it('is the same functions', () => {
    expect(root.addClockHours).toBe(addClockHours);
    expect(root.toUkDateTime).toBe(toUkDateTime);
    expect(root.compareInstants).toBe(compareInstants);
  });
});

describe('hostile input: a typed error, never anything else', () => {
  const GOOD = '2025-11-14T16:30:00Z';
  const badInstants: [string, () => unknown][] = [
    ['a number', () => 1_700_000_000_000],
    ['NaN', () => Number.NaN],
    ['null', () => null],
    ['undefined', () => undefined],
    ['a plain object', () => ({ toISOString: () => GOOD })],
    ['a Proxy of a Date', () => new Proxy(new Date(GOOD), {})],
    ['a revoked Proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }],
    ['a fake Date made with Object.create(Date.prototype)', () => Object.create(Date.prototype)],
    ['an Invalid Date', () => new Date(Number.NaN)],
    ['a String object', () => new String(GOOD)],
    ['a date without a time', () => '2025-11-14'],
    ['a timestamp without an offset', () => '2025-11-14T16:30:00'],
    ['trailing junk', () => `${GOOD} `],
    ['trailing junk after the offset', () => '2025-11-14T16:30:00+01:00x'],
    ['a second offset', () => '2025-11-14T16:30:00Z+01:00'],
    ['a leading space', () => ` ${GOOD}`],
    ['a lower-case z', () => '2025-11-14T16:30:00z'],
    ['a day that does not exist', () => '2025-02-29T12:00:00Z'],
    ['hour 24', () => '2025-11-14T24:00:00Z'],
    ['a leap second', () => '2016-12-31T23:59:60Z'],
    ['an offset of 24 hours', () => '2025-11-14T16:30:00+24:00'],
    ['an offset without a colon', () => '2025-11-14T16:30:00+0100'],
  ];

  it.each(badInstants)('refuses %s as an instant with InvalidInstantError', (_, make) => {
    expectRefused(() => addClockHours(make() as string, 24), isInvalidInstantError, 'instant');
    expectRefused(() => toUkDateTime(make() as string), isInvalidInstantError, 'instant');
    expectRefused(() => compareInstants(make() as string, GOOD), isInvalidInstantError, 'a');
    expectRefused(() => compareInstants(GOOD, make() as string), isInvalidInstantError, 'b');
  });

  const badHours: [string, unknown][] = [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['1.5', 1.5],
    ['0', 0],
    ['-0', -0],
    ['-1', -1],
    ['8785', 8785],
    ['2^53', 2 ** 53],
    ["'24'", '24'],
    ['24n', 24n],
    ['a Number object', new Number(24)],
    ['null', null],
    ['undefined', undefined],
    ['an object that converts to 24', { valueOf: () => 24 }],
    ['a Proxy', new Proxy({}, { get: () => 24 })],
  ];

  it.each(badHours)('refuses %s hours with InvalidCalendarInputError, saying what was expected', (_, hours) => {
    expectRefused(() => addClockHours(GOOD, hours as number), isInvalidCalendarInputError, 'hours');
    try {
      addClockHours(GOOD, hours as number);
    } catch (error) {
      expect((error as Error).message).toContain('a whole number of clock hours from 1 to 8784');
    }
  });

  it('refuses an instant whose UK date is outside the span, and a result that runs past its end', () => {
    expectRefused(() => addClockHours('1999-12-31T23:00:00Z', 2), isDateOutOfRangeError, 'instant');
    expectRefused(() => addClockHours('2100-12-31T23:00:00Z', 1), isDateOutOfRangeError, 'hours');
    expectRefused(() => addClockHours('2100-01-01T00:00:00Z', 8784), isDateOutOfRangeError, 'hours');
    expect(addClockHours('2100-12-31T22:59:59.999Z', 1)).toBe('2100-12-31T23:59:59.999Z');
    // 23:30 UTC on 31 December 1999 is still 1999 in the UK (GMT), an hour later it is 2000.
    expectRefused(() => addClockHours('1999-12-31T23:30:00Z', 1), isDateOutOfRangeError, 'instant');
    expect(addClockHours('2000-01-01T00:00:00Z', 1)).toBe('2000-01-01T01:00:00Z');
  });

  it('checks the instant before the hours, as addWorkingDays checks the date before the count', () => {
    expectRefused(() => addClockHours('nope' as string, 0), isInvalidInstantError, 'instant');
  });

  it.each(eachHostile())('answers for a real Date, or throws InvalidInstantError, for %s', (_, value) => {
    // Only a real, valid Date is an instant among the hostile values (1 January 2024, with throwing methods that are never called).
    let time = Number.NaN;
    try {
      time = Date.prototype.getTime.call(value);
    } catch {
      // not a Date
    }
    const calls = [() => addClockHours(value as string, 1), () => toUkDateTime(value as string), () => compareInstants(value as string, GOOD)];
    if (Number.isNaN(time)) {
      for (const call of calls) expectRefused(call, isInvalidInstantError, call === calls[2] ? 'a' : 'instant');
    } else {
      expect(time).toBe(Date.UTC(2024, 0, 1));
      expect(calls.map((call) => call())).toEqual(['2024-01-01T01:00:00Z', '2024-01-01 00:00', -1]);
    }
    expectRefused(() => addClockHours(GOOD, value as number), isInvalidCalendarInputError, 'hours');
  });
});

describe('laws, on 2,000 seeded random instants in 2020 to 2030', () => {
  const random = prng(20250101);
  const FROM = Date.UTC(2020, 0, 1);
  const TO = Date.UTC(2031, 0, 1);
  const OFFSETS = [0, 60, -180, 330, 545, -600, 840, -720];
  const cases = Array.from({ length: 2000 }, () => {
    const ms = FROM + Math.floor(random() * (TO - FROM));
    const offset = OFFSETS[Math.floor(random() * OFFSETS.length)]!;
    const a = 1 + Math.floor(random() * 4392);
    const b = 1 + Math.floor(random() * 4392);
    return { ms, instant: random() < 0.2 ? new Date(ms) : withOffset(ms, offset), a, b };
  });

  it('adding hours always moves later, by exactly that many hours', () => {
    for (const { ms, instant, a } of cases) {
      const later = addClockHours(instant, a);
      expect(compareInstants(later, instant)).toBe(1);
      expect(compareInstants(instant, later)).toBe(-1);
      expect(Date.parse(later)).toBe(ms + a * HOUR);
    }
  });

  it('is additive: adding a then b hours is adding a + b', () => {
    for (const { instant, a, b } of cases) {
      expect(addClockHours(addClockHours(instant, a), b)).toBe(addClockHours(instant, a + b));
    }
  });

  it('toUkDate is the date part of toUkDateTime, and both agree with Intl Europe/London', () => {
    for (const { ms, instant } of cases) {
      const dateTime = toUkDateTime(instant);
      expect(toUkDate(instant)).toBe(dateTime.slice(0, 10));
      expect(dateTime).toBe(intlLondon(ms));
    }
  });

  it('compares an instant as equal to itself written in UTC', () => {
    for (const { ms, instant } of cases) {
      expect(compareInstants(instant, new Date(ms).toISOString())).toBe(0);
    }
  });
});
