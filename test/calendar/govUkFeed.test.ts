import { describe, expect, it } from 'vitest';
import { calendarFromGovUkFeed, createWorkingDayCalendar, isInvalidCalendarInputError, isInvalidDateError } from '../../src/calendar/index.js';
import { loadFeed } from '../support/fixture.js';

function problem(feed: unknown, region: 'england-and-wales' | 'scotland' = 'england-and-wales'): { path: string; message: string } {
  try {
    calendarFromGovUkFeed(feed, region);
  } catch (error) {
    if (isInvalidCalendarInputError(error)) return { path: error.path, message: error.message };
    if (isInvalidDateError(error)) return { path: 'date', message: error.message };
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

  it('keeps built-in data outside the feed’s years, and extends the official horizon to a newer feed', () => {
    const feed = loadFeed();
    feed.scotland.events = [
      ...feed.scotland.events,
      { title: 'New Year’s Day', date: '2028-01-03', notes: 'Substitute day', bunting: true },
      { title: '2nd January', date: '2028-01-04', notes: 'Substitute day', bunting: true },
    ];
    const calendar = calendarFromGovUkFeed(feed, 'scotland');
    expect(calendar.officialThrough).toBe('2028-12-31');
    expect(calendar.isProvisional('2028-06-01')).toBe(false);
    // The feed now covers 2028, and it lists only January: the rest of 2028 follows the feed.
    expect(calendar.isWorkingDay('2028-04-14')).toBe(true);
    expect(calendar.isWorkingDay('2012-06-05')).toBe(false); // before the feed: built-in data
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
    expect(problem(badDate).message).toContain('england-and-wales.events[5].date');
    expect(problem(badDate).message).toContain('"2021-02-30"');

    expect(problem(loadFeed(), 'wales' as never).path).toBe('region');
  });
});
