import { describe, expect, it } from 'vitest';
import { REGIONS, createWorkingDayCalendar } from '../../src/calendar/index.js';
import { easterSunday, ruleHolidays } from '../support/ukBankHolidayRules.js';

describe.each(REGIONS)('the %s holidays 2000 to 2100 against the statutory rules (an independent second source)', (region) => {
  const calendar = createWorkingDayCalendar({ region });

  it('has exactly the days off the rules and proclamations give, in every year', () => {
    const mismatches: string[] = [];
    for (let year = 2000; year <= 2100; year++) {
      const expected = ruleHolidays(region, year).map((holiday) => holiday.date);
      const actual = calendar.holidays(year).map((holiday) => holiday.date);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${year}: ${actual.join(',')} vs ${expected.join(',')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('marks exactly the substitute days as substitutes, in every year', () => {
    const mismatches: string[] = [];
    for (let year = 2000; year <= 2100; year++) {
      const expected = ruleHolidays(region, year).filter((h) => h.substitute).map((h) => h.date);
      const actual = calendar.holidays(year).filter((h) => h.substitute).map((h) => h.date);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${year}: ${actual.join(',')} vs ${expected.join(',')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('never lists a holiday on a weekend', () => {
    for (let year = 2000; year <= 2100; year++) {
      for (const { date } of calendar.holidays(year)) expect([0, 6]).not.toContain(new Date(date).getUTCDay());
    }
  });
});

describe('the rules oracle itself', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2000).toISOString().slice(0, 10)).toBe('2000-04-23');
    expect(easterSunday(2024).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(easterSunday(2038).toISOString().slice(0, 10)).toBe('2038-04-25');
    expect(easterSunday(2100).toISOString().slice(0, 10)).toBe('2100-03-28');
  });
});

describe('the one-off days and division-specific holidays', () => {
  const england = createWorkingDayCalendar({ region: 'england-and-wales' });
  const scotland = createWorkingDayCalendar({ region: 'scotland' });
  const ni = createWorkingDayCalendar({ region: 'northern-ireland' });
  const names = (calendar: typeof england, year: number) => Object.fromEntries(calendar.holidays(year).map((h) => [h.date, h.name]));

  it.each([
    ['2002-06-03', 'Queen’s Golden Jubilee'],
    ['2002-06-04', 'Spring bank holiday'],
    ['2011-04-29', 'Royal wedding'],
    ['2012-06-04', 'Spring bank holiday'],
    ['2012-06-05', 'Queen’s Diamond Jubilee'],
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2022-06-02', 'Spring bank holiday'],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
  ])('has %s (%s) in all three divisions', (date, name) => {
    const year = Number(date.slice(0, 4));
    for (const calendar of [england, scotland, ni]) {
      expect(names(calendar, year)[date]).toBe(name);
      expect(calendar.isWorkingDay(date)).toBe(false);
    }
  });

  it('does not keep the days the one-offs replaced', () => {
    for (const date of ['2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']) expect(england.isWorkingDay(date)).toBe(true);
  });

  it("gives Scotland 2 January and St Andrew's Day (from 2007), and no Easter Monday", () => {
    expect(scotland.isWorkingDay('2024-01-02')).toBe(false);
    expect(england.isWorkingDay('2024-01-02')).toBe(true);
    expect(scotland.isWorkingDay('2007-11-30')).toBe(false);
    expect(scotland.isWorkingDay('2006-11-30')).toBe(true);
    expect(scotland.isWorkingDay('2024-04-01')).toBe(true);
    expect(scotland.isWorkingDay('2024-08-05')).toBe(false); // first Monday of August
    expect(scotland.isWorkingDay('2024-08-26')).toBe(true);
  });

  it("moves St Andrew's Day on a weekend to the Monday", () => {
    expect(names(scotland, 2025)['2025-12-01']).toBe('St Andrew’s Day');
    expect(scotland.holidays(2025).find((h) => h.date === '2025-12-01')?.substitute).toBe(true);
  });

  it("gives Northern Ireland St Patrick's Day and the Battle of the Boyne, with substitutes", () => {
    expect(ni.isWorkingDay('2024-03-18')).toBe(false); // 17 March 2024 was a Sunday
    expect(ni.isWorkingDay('2025-07-14')).toBe(false); // 12 July 2025 was a Saturday
    expect(england.isWorkingDay('2025-07-14')).toBe(true);
  });
});
