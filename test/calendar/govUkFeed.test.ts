import { describe, expect, it } from 'vitest';
import { calendarFromGovUkFeed, createWorkingDayCalendar, isInvalidCalendarInputError } from '../../src/calendar/index.js';
import { loadFeed } from '../support/fixture.js';

function problem(feed: unknown, region: 'england-and-wales' | 'scotland' = 'england-and-wales'): { path: string; message: string } {
  try {
    calendarFromGovUkFeed(feed, region);
  } catch (error) {
    if (isInvalidCalendarInputError(error)) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error('expected the feed to be refused');
}

describe('calendarFromGovUkFeed', () => {
  it('takes in a holiday the built-in data does not know, for the years the feed covers', () => {
    const feed = loadFeed();
    feed['england-and-wales'].events.push({ title: 'A newly proclaimed bank holiday', date: '2027-06-07', notes: '', bunting: true });
    const calendar = calendarFromGovUkFeed(feed, 'england-and-wales');
    expect(calendar.isWorkingDay('2027-06-07')).toBe(false);
    expect(calendar.holidays(2027)).toContainEqual({ date: '2027-06-07', name: 'A newly proclaimed bank holiday', substitute: false });
    expect(createWorkingDayCalendar({ region: 'england-and-wales' }).isWorkingDay('2027-06-07')).toBe(true);
  });

  it('keeps built-in data outside the feed’s years, and extends the official horizon with a newer whole year', () => {
    const feed = loadFeed();
    const predicted = createWorkingDayCalendar({ region: 'scotland' }).holidays(2028);
    feed.scotland.events.push(
      ...predicted.map((h) => ({ title: h.name, date: h.date, notes: h.substitute ? 'Substitute day' : '', bunting: true })),
      { title: 'A newly proclaimed bank holiday', date: '2028-06-05', notes: '', bunting: true },
    );
    const calendar = calendarFromGovUkFeed(feed, 'scotland');
    expect(calendar.officialThrough).toBe('2028-12-31');
    expect(calendar.isProvisional('2028-06-01')).toBe(false);
    expect(calendar.isProvisional('2029-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2028-06-05')).toBe(false);
    expect(calendar.isWorkingDay('2028-04-14')).toBe(false); // Good Friday 2028, from the feed
    expect(calendar.isWorkingDay('2012-06-05')).toBe(false); // before the feed: built-in data
  });

  it('refuses a feed whose first or last year is cut short, or that skips a year, naming the year', () => {
    const endCut = loadFeed();
    endCut['england-and-wales'].events.push({ title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true });
    expect(problem(endCut)).toMatchObject({ path: 'england-and-wales.events', message: expect.stringContaining('2028 only in part: no Christmas holiday') });

    const startCut = loadFeed();
    startCut['england-and-wales'].events = startCut['england-and-wales'].events.filter((e) => e.date >= '2019-06-01');
    expect(problem(startCut).message).toContain('2019 only in part: no New Year holiday');

    const gap = loadFeed();
    gap['england-and-wales'].events = gap['england-and-wales'].events.filter((e) => !e.date.startsWith('2022-'));
    expect(problem(gap).message).toContain('2022 not at all');
  });

  it('does not call predicted years official when a feed covers only later years', () => {
    const feed = {
      'england-and-wales': {
        events: createWorkingDayCalendar({ region: 'england-and-wales' })
          .holidays(2030)
          .map((h) => ({ title: h.name, date: h.date, notes: h.substitute ? 'Substitute day' : '' })),
      },
    };
    const calendar = calendarFromGovUkFeed(feed, 'england-and-wales');
    expect(calendar.officialThrough).toBe('2027-12-31');
    expect(calendar.isProvisional('2029-06-01')).toBe(true);
  });

  it('reads names and substitute flags from the feed', () => {
    const feed = loadFeed();
    const calendar = calendarFromGovUkFeed(feed, 'northern-ireland');
    for (let year = 2019; year <= 2027; year++) {
      const expected = feed['northern-ireland'].events
        .filter((e) => e.date.startsWith(`${year}-`))
        .map((e) => ({ date: e.date, name: e.title, substitute: e.notes === 'Substitute day' }));
      expect(calendar.holidays(year)).toEqual(expected);
    }
  });

  it('uses the landlord adjustments as createWorkingDayCalendar does', () => {
    const calendar = calendarFromGovUkFeed(loadFeed(), 'england-and-wales', { closures: ['2025-12-29'] });
    expect(calendar.isWorkingDay('2025-12-29')).toBe(false);
    expect(calendar.region).toBe('england-and-wales');
  });

  it('keeps the built-in horizon when given an older feed', () => {
    const feed = loadFeed();
    feed['england-and-wales'].events = feed['england-and-wales'].events.filter((event) => event.date < '2021-01-01');
    expect(calendarFromGovUkFeed(feed, 'england-and-wales').officialThrough).toBe('2027-12-31');
  });

  it('refuses malformed feeds, naming where the problem is', () => {
    expect(problem(null).path).toBe('feed');
    expect(problem([]).path).toBe('feed');
    expect(problem({ scotland: loadFeed().scotland }).path).toBe('england-and-wales');
    expect(problem({ 'england-and-wales': { division: 'scotland', events: [] } }).path).toBe('england-and-wales.division');
    expect(problem({ 'england-and-wales': { events: [] } }).path).toBe('england-and-wales.events');

    const noTitle = loadFeed();
    (noTitle['england-and-wales'].events[3] as { title: unknown }).title = '';
    expect(problem(noTitle).path).toBe('england-and-wales.events[3].title');

    const badNotes = loadFeed();
    (badNotes['england-and-wales'].events[2] as { notes: unknown }).notes = 42;
    expect(problem(badNotes).path).toBe('england-and-wales.events[2].notes');

    const duplicate = loadFeed();
    duplicate['england-and-wales'].events.push({ ...duplicate['england-and-wales'].events[0]! });
    expect(problem(duplicate).message).toContain('events[75].date');

    const badDate = loadFeed();
    badDate['england-and-wales'].events[5]!.date = '2021-02-30';
    expect(problem(badDate)).toEqual({ path: 'england-and-wales.events[5].date', message: expect.stringContaining('"2021-02-30"') });
    (badDate['england-and-wales'].events[5] as { date: unknown }).date = 20190101;
    expect(problem(badDate).path).toBe('england-and-wales.events[5].date');
    badDate['england-and-wales'].events[5]!.date = '1999-12-31';
    expect(problem(badDate)).toEqual({ path: 'england-and-wales.events[5].date', message: expect.stringContaining('"1999-12-31"') });

    expect(problem(loadFeed(), 'wales' as never).path).toBe('region');
  });
});
