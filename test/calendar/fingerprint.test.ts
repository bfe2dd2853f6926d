import { describe, expect, it } from 'vitest';
import { REGIONS, calendarFromGovUkFeed, createWorkingDayCalendar, type WorkingDayCalendarOptions } from '../../src/calendar/index.js';
import { fnv1a64 } from '../../src/calendar/fingerprint.js';
import { loadFeed } from '../support/fixture.js';

const fingerprint = (options: WorkingDayCalendarOptions) => createWorkingDayCalendar(options).fingerprint;
const base: WorkingDayCalendarOptions = {
  region: 'england-and-wales',
  closures: ['2024-12-27', '2024-12-30', '2024-12-31'],
  extraHolidays: [
    { date: '2026-06-15', name: 'A new bank holiday' },
    { date: '2027-06-07', name: 'Another' },
  ],
  workingDays: ['2024-05-06', '2024-05-27'],
};

describe('fnv1a64', () => {
  it('gives the published 64-bit FNV-1a test vectors, over UTF-8', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    // '€' is three UTF-8 bytes, e2 82 ac: the same digest as those bytes read as Latin-1 would not be.
    expect(fnv1a64('€')).not.toBe(fnv1a64('\u00e2\u0082\u00ac'));
  });
});

describe('a calendar’s fingerprint', () => {
  it('is 16 hex digits, and the same for the default calendar of a division every time (pinned)', () => {
    const defaults = Object.fromEntries(REGIONS.map((region) => [region, createWorkingDayCalendar({ region }).fingerprint]));
    expect(defaults).toEqual({
      'england-and-wales': 'db56d2cc922e2761',
      scotland: '6da5197fa99d85b1',
      'northern-ireland': '87fd6ae2e65b3ff9',
    });
    // As documented: 64-bit FNV-1a of ["housing-complaints/calendar@1", region, "built-in", [], [], []].
    expect(defaults.scotland).toBe(fnv1a64(JSON.stringify(['housing-complaints/calendar@1', 'scotland', 'built-in', [], [], []])));
    for (const value of Object.values(defaults)) expect(value).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(Object.values(defaults)).size).toBe(3);
  });

  it('is the same for the same options in any order, with repeats and untrimmed names', () => {
    const shuffled: WorkingDayCalendarOptions = {
      workingDays: ['2024-05-27', '2024-05-06', '2024-05-27'],
      extraHolidays: [
        { name: 'Another', date: '2027-06-07' },
        { date: '2026-06-15', name: '  A new bank holiday ' },
        { date: '2027-06-07', name: 'Another' },
      ],
      closures: ['2024-12-31', '2024-12-27', '2024-12-30', '2024-12-27'],
      region: 'england-and-wales',
    };
    expect(fingerprint(shuffled)).toBe(fingerprint(base));
  });

  it('treats no list and an empty list alike', () => {
    expect(fingerprint({ region: 'scotland', closures: [], extraHolidays: [], workingDays: [] })).toBe(fingerprint({ region: 'scotland' }));
  });

  it.each([
    ['another division', { ...base, region: 'scotland' }],
    ['one closure more', { ...base, closures: [...base.closures!, '2025-01-02'] }],
    ['one closure less', { ...base, closures: base.closures!.slice(1) }],
    ['a closure on another day', { ...base, closures: ['2024-12-27', '2024-12-30', '2025-01-02'] }],
    ['a closure on a Saturday (no working day changes, but the options do)', { ...base, closures: [...base.closures!, '2024-12-28'] }],
    ['one forced working day less', { ...base, workingDays: ['2024-05-06'] }],
    ['a forced working day as a closure instead', { ...base, workingDays: ['2024-05-06'], closures: [...base.closures!, '2024-05-27'] }],
    ['an extra holiday on another day', { ...base, extraHolidays: [{ date: '2026-06-16', name: 'A new bank holiday' }, base.extraHolidays![1]!] }],
    ['an extra holiday with another name', { ...base, extraHolidays: [{ date: '2026-06-15', name: 'Renamed' }, base.extraHolidays![1]!] }],
    ['one extra holiday less', { ...base, extraHolidays: base.extraHolidays!.slice(1) }],
  ] as [string, WorkingDayCalendarOptions][])('changes with %s', (_, options) => {
    expect(fingerprint(options)).not.toBe(fingerprint(base));
  });

  it('does not mistake a closure for a forced working day or an extra holiday on the same date', () => {
    const date = '2025-06-02';
    const prints = [
      fingerprint({ region: 'scotland', closures: [date] }),
      fingerprint({ region: 'scotland', workingDays: [date] }),
      fingerprint({ region: 'scotland', extraHolidays: [{ date, name: 'x' }] }),
      fingerprint({ region: 'scotland' }),
    ];
    expect(new Set(prints).size).toBe(4);
  });

  it('tells a calendar from a GOV.UK feed from the built-in one, and from a feed with another holiday', () => {
    const fromFeed = calendarFromGovUkFeed(loadFeed(), 'england-and-wales').fingerprint;
    expect(fromFeed).not.toBe(fingerprint({ region: 'england-and-wales' }));
    const proclaimed = loadFeed();
    proclaimed['england-and-wales'].events.push({ title: 'A newly proclaimed bank holiday', date: '2027-06-07', notes: '', bunting: true });
    expect(calendarFromGovUkFeed(proclaimed, 'england-and-wales').fingerprint).not.toBe(fromFeed);
  });

  it('is the same for the same feed whatever the order of its events, and counts the feed’s adjustments', () => {
    const feed = loadFeed();
    const reversed = loadFeed();
    reversed['england-and-wales'].events.reverse();
    expect(calendarFromGovUkFeed(reversed, 'england-and-wales').fingerprint).toBe(calendarFromGovUkFeed(feed, 'england-and-wales').fingerprint);
    expect(calendarFromGovUkFeed(feed, 'england-and-wales', { closures: ['2025-12-29'] }).fingerprint).not.toBe(calendarFromGovUkFeed(feed, 'england-and-wales').fingerprint);
  });

  it('is a read-only property of the frozen calendar', () => {
    const calendar = createWorkingDayCalendar(base);
    expect(() => Object.assign(calendar, { fingerprint: 'x' })).toThrow(TypeError);
    expect(Object.keys(calendar)).toContain('fingerprint');
  });
});
