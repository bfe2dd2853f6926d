/**
 * Where date-holidays' GB data is wrong, and what the official record says instead.
 *
 * date-holidays is this library's holiday source, but its GB data was written for recent years.
 * Checked against the Royal Proclamations and Acts cited below (and against the statutory rules in
 * `test/support/ukBankHolidayRules.ts`, an independent implementation), these corrections apply.
 * Each one has its own test in `test/calendar/holidayData.test.ts`, which also fails when
 * date-holidays is fixed upstream so the correction can be dropped.
 */
import type { Region } from '../src/calendar/regions.js';

export interface HolidayCorrection {
  /** Short id used in tests. */
  readonly id: string;
  readonly regions: readonly Region[];
  /** Dates to drop from date-holidays' list. */
  readonly remove: readonly string[];
  /** Holidays to add, with GOV.UK-style names. */
  readonly add: readonly { date: string; name: string }[];
  /** What was wrong. */
  readonly reason: string;
  /** The official record. */
  readonly source: string;
}

const ALL: readonly Region[] = ['england-and-wales', 'scotland', 'northern-ireland'];

export const HOLIDAY_CORRECTIONS: readonly HolidayCorrection[] = [
  {
    id: '2002-golden-jubilee',
    regions: ALL,
    remove: ['2002-05-27'],
    add: [
      { date: '2002-06-03', name: 'Queen’s Golden Jubilee' },
      { date: '2002-06-04', name: 'Spring bank holiday' },
    ],
    reason:
      'date-holidays has no Golden Jubilee holiday and keeps the spring bank holiday on Monday 27 May 2002; Monday 3 June 2002 was the extra Golden Jubilee holiday and the spring bank holiday moved to Tuesday 4 June.',
    source: 'Royal Proclamation of 2001 under the Banking and Financial Dealings Act 1971 (London Gazette); the Golden Jubilee weekend of 1 to 4 June 2002.',
  },
  {
    id: '2011-royal-wedding',
    regions: ALL,
    remove: [],
    add: [{ date: '2011-04-29', name: 'Royal wedding' }],
    reason: 'date-holidays has no holiday for the wedding of Prince William and Catherine Middleton on Friday 29 April 2011.',
    source: 'Royal Proclamation of 2010 under the Banking and Financial Dealings Act 1971 (London Gazette, December 2010).',
  },
  {
    id: '2012-spring-moved',
    regions: ALL,
    remove: ['2012-05-28'],
    add: [{ date: '2012-06-04', name: 'Spring bank holiday' }],
    reason:
      'date-holidays keeps the 2012 spring bank holiday on Monday 28 May; it was moved to Monday 4 June 2012 for the Diamond Jubilee weekend (the jubilee holiday itself, Tuesday 5 June, date-holidays has).',
    source: 'Royal Proclamation of 2011 under the Banking and Financial Dealings Act 1971; the GOV.UK bank holidays feed for 2012.',
  },
  {
    id: 'st-andrews-day-from-2007',
    regions: ['scotland'],
    remove: ['2000-11-30', '2001-11-30', '2002-12-02', '2003-12-01', '2004-11-30', '2005-11-30', '2006-11-30'],
    add: [],
    reason: 'date-holidays makes St Andrew’s Day a Scottish bank holiday in every year; it became one only in 2007.',
    source: 'St Andrew’s Day Bank Holiday (Scotland) Act 2007 (asp 2), Royal Assent 15 January 2007.',
  },
];
