import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isDateOutOfRangeError, isInvalidCalendarInputError, isInvalidInstantError, toUkDate } from '../../src/calendar/index.js';

const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('toUkDate: the Europe/London date of an instant', () => {
  it('puts 23:30 UTC on 30 June 2024 on Monday 1 July (BST)', () => {
    expect(toUkDate('2024-06-30T23:30:00Z')).toBe('2024-07-01');
  });

  it('keeps 23:30 UTC on the same day in winter (GMT)', () => {
    expect(toUkDate('2024-12-31T23:30:00Z')).toBe('2024-12-31');
  });

  it('switches to BST at 01:00 UTC on the last Sunday of March', () => {
    expect(toUkDate('2024-03-30T23:30:00Z')).toBe('2024-03-30'); // Saturday evening, still GMT
    expect(toUkDate('2024-03-31T00:59:59Z')).toBe('2024-03-31');
    expect(toUkDate('2024-03-31T23:30:00Z')).toBe('2024-04-01'); // Sunday evening, now BST
  });

  it('switches back to GMT at 01:00 UTC on the last Sunday of October', () => {
    expect(toUkDate('2024-10-26T23:30:00Z')).toBe('2024-10-27'); // Saturday evening, still BST
    expect(toUkDate('2024-10-27T00:30:00Z')).toBe('2024-10-27'); // 01:30 BST, the hour before the change
    expect(toUkDate('2024-10-27T23:30:00Z')).toBe('2024-10-27'); // Sunday evening, GMT again
  });

  it('honours offsets and fractions of a second', () => {
    expect(toUkDate('2024-07-01T00:30:00+02:00')).toBe('2024-06-30'); // 22:30 UTC = 23:30 BST
    expect(toUkDate('2024-01-01T06:00:00.123456-05:00')).toBe('2024-01-01');
    expect(toUkDate('2024-06-30T23:30Z')).toBe('2024-07-01');
  });

  it('takes a Date', () => {
    expect(toUkDate(new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
  });

  test.prop([fc.integer({ min: Date.UTC(2000, 0, 1, 1), max: Date.UTC(2100, 11, 31, 22) })], { numRuns: 5000 })(
    'agrees with the Intl Europe/London time zone for any instant 2000 to 2100',
    (ms) => {
      expect(toUkDate(new Date(ms).toISOString())).toBe(london.format(ms));
    },
  );

  it('agrees with Intl on every clock change 2000 to 2100, a second either side', () => {
    for (let year = 2000; year <= 2100; year++) {
      for (const month of [3, 10]) {
        const last = new Date(Date.UTC(year, month, 0));
        const change = Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
        for (const ms of [change - 1000, change, change + 1000, change + 22.5 * 3_600_000]) {
          expect(toUkDate(new Date(ms))).toBe(london.format(ms));
        }
      }
    }
  });
});

describe('toUkDate with a landlord cut-off', () => {
  it('counts a contact at or after the cut-off as received the next day', () => {
    expect(toUkDate('2024-07-01T16:59:00+01:00', { cutOff: '17:00' })).toBe('2024-07-01');
    expect(toUkDate('2024-07-01T17:00:00+01:00', { cutOff: '17:00' })).toBe('2024-07-02');
    expect(toUkDate('2024-12-31T17:30:00Z', { cutOff: '17:00' })).toBe('2025-01-01');
  });

  it('counts everything as received the next day with a cut-off of 00:00, and nothing with 23:59 but the last minute', () => {
    expect(toUkDate('2024-07-01T00:00:00+01:00', { cutOff: '00:00' })).toBe('2024-07-02');
    expect(toUkDate('2024-07-01T23:58:59+01:00', { cutOff: '23:59' })).toBe('2024-07-01');
    expect(toUkDate('2024-07-01T23:59:00+01:00', { cutOff: '23:59' })).toBe('2024-07-02');
  });

  it.each(['5pm', '24:00', '17:60', 1700])('rejects the cut-off %s', (cutOff) => {
    try {
      toUkDate('2024-07-01T12:00:00Z', { cutOff: cutOff as string });
      expect.unreachable();
    } catch (error) {
      expect(isInvalidCalendarInputError(error)).toBe(true);
      expect((error as Error).message).toContain('cutOff');
    }
  });
});

describe('toUkDate rejects what is not an instant', () => {
  it.each([
    ['a date without a time', '2024-07-01', 'already a UK date'],
    ['a local time without offset', '2024-06-30T23:30:00', '"2024-06-30T23:30:00"'],
    ['an impossible day', '2024-02-30T12:00:00Z', '"2024-02-30T12:00:00Z"'],
    ['hour 24', '2024-02-03T24:00:00Z', '"2024-02-03T24:00:00Z"'],
    ['an empty string', '', '""'],
    ['null', null, 'null'],
    ['a number', 1719790200000, '1719790200000'],
    ['an invalid Date', new Date('nope'), 'Invalid Date'],
  ])('rejects %s with an InvalidInstantError naming it', (_, value, shown) => {
    try {
      toUkDate(value as string);
      expect.unreachable();
    } catch (error) {
      expect(isInvalidInstantError(error)).toBe(true);
      expect((error as Error).message).toContain(shown);
    }
  });

  it.each(['1999-12-31T12:00:00Z', '2101-01-01T00:00:00Z', '2100-12-31T23:30:00-01:00', '0999-06-01T12:00:00Z', '9999-12-31T23:59:59-23:59', '2000-01-01T00:30:00+01:00'])(
    'refuses %s, whose UK date is outside 2000 to 2100, naming the instant',
    (instant) => {
      try {
        toUkDate(instant);
        expect.unreachable();
      } catch (error) {
        expect(isDateOutOfRangeError(error)).toBe(true);
        expect((error as Error).message).toContain(instant);
      }
    },
  );

  it('accepts the first and last instants of the span', () => {
    expect(toUkDate('1999-12-31T23:59:59-01:00')).toBe('2000-01-01');
    expect(toUkDate('2100-12-31T23:59:59Z')).toBe('2100-12-31');
    expect(() => toUkDate(new Date(8.64e15))).toThrow(/275760/);
  });

  it('truncates fractions of a second rather than rounding them into the next day', () => {
    expect(toUkDate('2024-06-30T22:59:59.9999Z')).toBe('2024-06-30');
    expect(toUkDate('2024-12-31T23:59:59.999999999Z')).toBe('2024-12-31');
  });

  it('refuses offsets beyond ±23:59', () => {
    for (const instant of ['2024-06-30T12:00:00+24:00', '2024-06-30T12:00:00+05:60']) {
      expect(() => toUkDate(instant)).toThrow(/Expected an instant/);
    }
  });
});
