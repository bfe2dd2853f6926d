import { OFFICIAL_THROUGH } from './data/ukBankHolidays.js';
import { InvalidCalendarInputError } from './errors.js';
import { buildCalendar, builtInHolidays, inputDate, type CalendarAdjustments, type WorkingDayCalendar } from './calendar.js';
import { civilFromDayNumber } from './isoDate.js';
import { isRegion, type Region } from './regions.js';
import { FIRST_DAY, formatIndex } from './span.js';

const SUBSTITUTE_NOTE = 'Substitute day';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Creates a working-day calendar from the JSON of the GOV.UK bank holidays feed
 * (`https://www.gov.uk/bank-holidays.json`), for when a newer feed than this release's data is at
 * hand: a newly proclaimed bank holiday, or published years beyond
 * {@link WorkingDayCalendar.officialThrough}.
 *
 * For every year the feed covers, its events replace the built-in holidays of that year; other
 * years keep the built-in data. The feed must list whole years with no gaps, as GOV.UK's does: a
 * year without a New Year holiday (1 to 4 January) or a Christmas one (25 to 28 December) was cut
 * short, and is refused. `officialThrough` moves to the end of the feed's last year when the feed
 * joins on to the built-in official data. Every problem is reported with its path, so a truncated
 * or altered download cannot quietly produce wrong deadlines.
 *
 * @param feed - the parsed JSON of the feed
 * @param region - which division of the feed to use
 * @param options - the landlord's closures, extra holidays and forced working days, as for {@link createWorkingDayCalendar}
 * @returns a frozen {@link WorkingDayCalendar}
 * @throws {@link InvalidCalendarInputError} naming the path of the first problem in the feed
 *
 * @example
 * ```ts
 * import { calendarFromGovUkFeed } from 'housing-complaints/calendar';
 *
 * const feed = await (await fetch('https://www.gov.uk/bank-holidays.json')).json();
 * const calendar = calendarFromGovUkFeed(feed, 'northern-ireland');
 * calendar.isWorkingDay('2025-07-14'); //=> false (Battle of the Boyne, substitute day)
 * ```
 */
export function calendarFromGovUkFeed(feed: unknown, region: Region, options: CalendarAdjustments = {}): WorkingDayCalendar {
  if (!isRegion(region)) throw new InvalidCalendarInputError('region', region, "'england-and-wales', 'scotland' or 'northern-ireland'");
  if (!isObject(feed)) throw new InvalidCalendarInputError('feed', feed, 'the JSON object of the GOV.UK bank holidays feed');
  const division = feed[region];
  if (!isObject(division)) throw new InvalidCalendarInputError(region, division, `a division object for '${region}'`);
  if (division.division !== undefined && division.division !== region) {
    throw new InvalidCalendarInputError(`${region}.division`, division.division, `'${region}'`);
  }
  const events = division.events;
  if (!Array.isArray(events) || events.length === 0) throw new InvalidCalendarInputError(`${region}.events`, events, 'a non-empty array of events');

  const fromFeed = new Map<number, { dayNumber: number; name: string; substitute: boolean }>();
  events.forEach((event: unknown, i) => {
    const path = `${region}.events[${i}]`;
    if (!isObject(event)) throw new InvalidCalendarInputError(path, event, 'an event { title, date, notes }');
    const { title, date, notes } = event;
    if (typeof title !== 'string' || title.trim() === '') throw new InvalidCalendarInputError(`${path}.title`, title, 'a non-empty title');
    if (notes !== undefined && typeof notes !== 'string') throw new InvalidCalendarInputError(`${path}.notes`, notes, 'a string');
    const dayNumber = inputDate(date, `${path}.date`) + FIRST_DAY;
    if (fromFeed.has(dayNumber)) throw new InvalidCalendarInputError(`${path}.date`, date, 'a date not already listed');
    fromFeed.set(dayNumber, { dayNumber, name: title.trim(), substitute: notes === SUBSTITUTE_NOTE });
  });

  // A feed must list whole years, with no gaps: every division has a day off on 1 to 4 January
  // (New Year) and on 25 to 28 December (Christmas), so a year without both was cut short.
  const dates = [...fromFeed.keys()].map((dayNumber) => formatIndex(dayNumber - FIRST_DAY));
  const years = dates.map((date) => Number(date.slice(0, 4)));
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  for (let year = firstYear; year <= lastYear; year++) {
    const newYear = dates.some((date) => date >= `${year}-01-01` && date <= `${year}-01-04`);
    const christmas = dates.some((date) => date >= `${year}-12-25` && date <= `${year}-12-28`);
    if (!newYear || !christmas) {
      throw new InvalidCalendarInputError(
        `${region}.events`,
        `${year}`,
        `whole years with no gaps (the feed lists ${year} ${newYear || christmas ? 'only in part' : 'not at all'}: no ${newYear ? 'Christmas' : 'New Year'} holiday), so its holidays can replace the built-in ones`,
      );
    }
  }
  const kept = builtInHolidays(region).filter(({ dayNumber }) => {
    const year = civilFromDayNumber(dayNumber).year;
    return year < firstYear || year > lastYear;
  });
  // The official horizon moves only when the feed's years join on to the built-in official ones.
  const builtInYear = Number(OFFICIAL_THROUGH.slice(0, 4));
  const officialThrough = firstYear <= builtInYear + 1 && lastYear > builtInYear ? `${lastYear}-12-31` : OFFICIAL_THROUGH;
  return buildCalendar(region, [...kept, ...fromFeed.values()], options, officialThrough);
}
