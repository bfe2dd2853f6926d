import { describe, expect, it } from 'vitest';
import { REGIONS, calendarFromGovUkFeed, createWorkingDayCalendar } from '../../src/calendar/index.js';
import { eachDate, isWeekend, loadFeed } from '../support/fixture.js';

const feed = loadFeed();

/**
 * Known differences between the built-in data and the GOV.UK feed for 2019 to 2027. There are none;
 * a difference found later must be listed here with its reason, or fixed.
 */
const EXPECTED_EXCEPTIONS: { region: string; date: string; reason: string }[] = [];

describe.each(REGIONS)('the built-in %s calendar against the GOV.UK feed, 2019 to 2027', (region) => {
  const calendar = createWorkingDayCalendar({ region });
  const holidays = new Map(feed[region].events.map((event) => [event.date, event]));

  it('agrees on whether every single date is a working day', () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const date of eachDate('2019-01-01', '2027-12-31')) {
      checked++;
      const expected = !isWeekend(date) && !holidays.has(date);
      if (calendar.isWorkingDay(date) !== expected) mismatches.push(date);
    }
    const exceptions = EXPECTED_EXCEPTIONS.filter((e) => e.region === region).map((e) => e.date);
    expect(checked).toBe(3287);
    expect(mismatches).toEqual(exceptions);
  });

  it('lists the same holidays with the same names and substitute flags, year by year', () => {
    for (let year = 2019; year <= 2027; year++) {
      const expected = feed[region].events
        .filter((event) => event.date.startsWith(`${year}-`))
        .map((event) => ({ date: event.date, name: event.title, substitute: event.notes === 'Substitute day' }));
      expect(calendar.holidays(year), `${region} ${year}`).toEqual(expected);
    }
  });

  it('knows its data is official through the end of the feed', () => {
    expect(calendar.officialThrough).toBe('2027-12-31');
    expect(calendar.isProvisional('2027-12-31')).toBe(false);
    expect(calendar.isProvisional('2028-01-01')).toBe(true);
  });

  it('gives the same answers when built from the feed itself', () => {
    const fromFeed = calendarFromGovUkFeed(loadFeed(), region);
    for (const date of eachDate('2018-12-01', '2028-01-31')) {
      expect(fromFeed.isWorkingDay(date)).toBe(calendar.isWorkingDay(date));
    }
    expect(fromFeed.addWorkingDays('2019-01-01', 2000)).toBe(calendar.addWorkingDays('2019-01-01', 2000));
  });
});
