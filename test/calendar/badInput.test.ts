import { describe, expect, it } from 'vitest';
import {
  DateOutOfRangeError,
  InvalidCalendarInputError,
  InvalidDateError,
  InvalidDayCountError,
  createWorkingDayCalendar,
  isDateOutOfRangeError,
  isHousingComplaintsError,
  isInvalidCalendarInputError,
  isInvalidDateError,
  isInvalidDayCountError,
  isInvalidInstantError,
  isIsoDate,
} from '../../src/calendar/index.js';

const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got a value');
}

describe('bad dates never produce a value', () => {
  const badDates: [string, unknown, string][] = [
    ['a day that does not exist', '2024-02-30', '"2024-02-30"'],
    ['29 February in a common year', '2023-02-29', '"2023-02-29"'],
    ['month 13', '2024-13-01', '"2024-13-01"'],
    ['an unpadded date', '2024-2-3', '"2024-2-3"'],
    ['an empty string', '', '""'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a timestamp where a date is expected', '2024-01-01T00:00:00Z', '"2024-01-01T00:00:00Z"'],
    ['a number', 20240101, '20240101'],
    ['a Date object', new Date('2024-01-01'), 'a Date (2024-01-01T00:00:00.000Z)'],
    ['slashes', '2024/01/01', '"2024/01/01"'],
    ['spaces around it', ' 2024-01-01', '" 2024-01-01"'],
    ['full-width digits', '２０２４-01-01', '"２０２４-01-01"'],
  ];

  it.each(badDates)('rejects %s with an InvalidDateError naming the value', (_, value, shown) => {
    for (const call of [
      () => calendar.isWorkingDay(value as string),
      () => calendar.addWorkingDays(value as string, 5),
      () => calendar.workingDaysBetween('2024-01-01', value as string),
      () => calendar.workingDaysBetween(value as string, '2024-01-01'),
      () => calendar.nextWorkingDay(value as string),
      () => calendar.isProvisional(value as string),
    ]) {
      const error = caught(call);
      expect(error).toBeInstanceOf(InvalidDateError);
      expect(isInvalidDateError(error)).toBe(true);
      expect(isHousingComplaintsError(error)).toBe(true);
      expect((error as InvalidDateError).value).toBe(value);
      expect((error as Error).message).toContain(shown);
    }
    expect(isIsoDate(value)).toBe(false);
  });

  it('explains a bad date in a sentence', () => {
    expect((caught(() => calendar.addWorkingDays('2024-02-30', 1)) as Error).message).toMatchInlineSnapshot(
      `"Expected a date as 'YYYY-MM-DD' (a real calendar date), got "2024-02-30"."`,
    );
  });
});

describe('bad day counts never produce a value', () => {
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '5', null, 2 ** 60])(
    'rejects %s with an InvalidDayCountError naming it',
    (days) => {
      const error = caught(() => calendar.addWorkingDays('2024-01-02', days as number));
      expect(isInvalidDayCountError(error)).toBe(true);
      expect(error).toBeInstanceOf(InvalidDayCountError);
      expect((error as InvalidDayCountError).value).toBe(days);
      expect((error as Error).message).toContain(String(days === '5' ? '"5"' : days));
    },
  );

  it('checks the count even when it is asked to count zero days from a bad date', () => {
    expect(isInvalidDateError(caught(() => calendar.addWorkingDays('2024-02-30', 0)))).toBe(true);
  });
});

describe('outside the covered span: a typed error, never a guess', () => {
  it.each(['1999-12-31', '2101-01-01', '1066-10-14'])('refuses %s', (date) => {
    const error = caught(() => calendar.isWorkingDay(date));
    expect(isDateOutOfRangeError(error)).toBe(true);
    expect(error).toBeInstanceOf(DateOutOfRangeError);
    expect((error as DateOutOfRangeError).date).toBe(date);
    expect((error as DateOutOfRangeError).coveredFrom).toBe('2000-01-01');
    expect((error as DateOutOfRangeError).coveredThrough).toBe('2100-12-31');
    expect((error as Error).message).toContain(date);
  });

  it('refuses a count one working day past either end of the span, and allows one up to it', () => {
    expect(calendar.addWorkingDays('2100-12-30', 1)).toBe('2100-12-31');
    expect(isDateOutOfRangeError(caught(() => calendar.addWorkingDays('2100-12-31', 1)))).toBe(true);
    expect(isDateOutOfRangeError(caught(() => calendar.nextWorkingDay('2100-12-31')))).toBe(true);
    expect(calendar.addWorkingDays('2000-01-05', -1)).toBe('2000-01-04');
    expect(isDateOutOfRangeError(caught(() => calendar.addWorkingDays('2000-01-04', -1)))).toBe(true);
    expect(calendar.workingDaysBetween('2000-01-01', '2100-12-31')).toBeGreaterThan(25_000);
  });

  it('refuses a count that runs off either end', () => {
    expect(isDateOutOfRangeError(caught(() => calendar.addWorkingDays('2100-12-20', 20)))).toBe(true);
    expect(isDateOutOfRangeError(caught(() => calendar.addWorkingDays('2000-01-10', -20)))).toBe(true);
    expect((caught(() => calendar.addWorkingDays('2100-12-20', 20)) as Error).message).toMatchInlineSnapshot(
      `"Counting 20 working days from '2100-12-20' reaches past 2100-12-31, which is outside the span the UK holiday rules cover (2000-01-01 to 2100-12-31); the calendar will not guess whether it is a working day."`,
    );
  });

  it.each([1999, 2101, 2.5, Number.NaN])('refuses holidays(%s)', (year) => {
    const error = caught(() => calendar.holidays(year));
    expect(isDateOutOfRangeError(error) || isInvalidCalendarInputError(error)).toBe(true);
  });
});

describe('bad calendar options', () => {
  it.each([
    ['an unknown region', { region: 'wales' }, 'region'],
    ['no region', {}, 'region'],
    ['closures that are not an array', { region: 'scotland', closures: '2024-12-27' }, 'closures'],
    ['an extra holiday without a name', { region: 'scotland', extraHolidays: [{ date: '2024-06-03', name: ' ' }] }, 'extraHolidays[0].name'],
    ['an extra holiday that is not an object', { region: 'scotland', extraHolidays: ['2024-06-03'] }, 'extraHolidays[0]'],
    ['a date both closed and forced open', { region: 'scotland', closures: ['2024-12-27'], workingDays: ['2024-12-27'] }, 'closures'],
  ])('rejects %s with an InvalidCalendarInputError naming the option', (_, options, path) => {
    const error = caught(() => createWorkingDayCalendar(options as never));
    expect(error).toBeInstanceOf(InvalidCalendarInputError);
    expect((error as InvalidCalendarInputError).path).toBe(path);
    expect((error as Error).message).toContain(path);
  });

  it('rejects null options', () => {
    expect(isInvalidCalendarInputError(caught(() => createWorkingDayCalendar(null as never)))).toBe(true);
  });

  it.each([
    [{ closures: ['2024-12-27', '2024-12-32'] }, 'closures[1]', '"2024-12-32"'],
    [{ closures: ['2101-01-01'] }, 'closures[0]', '"2101-01-01"'],
    [{ workingDays: [20240101] }, 'workingDays[0]', '20240101'],
    [{ extraHolidays: [{ date: '1999-12-31', name: 'Millennium' }] }, 'extraHolidays[0].date', '"1999-12-31"'],
  ])('rejects a bad date among the adjustments %j, naming where it is', (adjustments, path, shown) => {
    const error = caught(() => createWorkingDayCalendar({ region: 'scotland', ...(adjustments as object) }));
    expect(isInvalidCalendarInputError(error)).toBe(true);
    expect((error as InvalidCalendarInputError).path).toBe(path);
    expect((error as Error).message).toContain(shown);
  });

  it('tells one error kind from another', () => {
    const error = caught(() => calendar.addWorkingDays('2024-02-30', 1));
    expect(isInvalidDayCountError(error)).toBe(false);
    expect(isInvalidInstantError(error)).toBe(false);
    expect(isDateOutOfRangeError(error)).toBe(false);
    expect(isHousingComplaintsError(new Error('plain'))).toBe(false);
  });
});
