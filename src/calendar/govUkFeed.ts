import { OFFICIAL_THROUGH } from './data/ukBankHolidays.js';
import { InvalidCalendarInputError } from './errors.js';
import { inputDate, type HolidayAt } from './adjustments.js';
import { buildCalendar, builtInHolidays, type CalendarAdjustments, type WorkingDayCalendar } from './calendar.js';
import { isObject, readField, readList } from './input.js';
import { civilFromDayNumber } from './isoDate.js';
import { REGION_NAMES, isRegion, type Region } from './regions.js';
import { FIRST_DAY } from './span.js';

const SUBSTITUTE_NOTE = 'Substitute day';
const EVENTS = 'a non-empty array of events';

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
 * or altered download cannot quietly produce wrong deadlines. The feed is read once (at most
 * 100,000 events); the calendar keeps no reference to it.
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
  if (!isRegion(region)) throw new InvalidCalendarInputError('region', region, REGION_NAMES);
  if (!isObject(feed)) throw new InvalidCalendarInputError('feed', feed, 'the JSON object of the GOV.UK bank holidays feed');
  const division = readField(feed, region, region, `a division object for '${region}'`);
  if (!isObject(division)) throw new InvalidCalendarInputError(region, division, `a division object for '${region}'`);
  const name = readField(division, 'division', `${region}.division`, `'${region}'`);
  if (name !== undefined && name !== region) throw new InvalidCalendarInputError(`${region}.division`, name, `'${region}'`);
  const events = readList(readField(division, 'events', `${region}.events`, EVENTS), `${region}.events`, EVENTS);
  if (events.length === 0) throw new InvalidCalendarInputError(`${region}.events`, events, EVENTS);

  const fromFeed = new Map<number, HolidayAt>();
  events.forEach((event, i) => {
    const path = `${region}.events[${i}]`;
    if (!isObject(event)) throw new InvalidCalendarInputError(path, event, 'an event { title, date, notes }');
    const title = readField(event, 'title', `${path}.title`, 'a non-empty title');
    const date = readField(event, 'date', `${path}.date`, 'a date');
    const notes = readField(event, 'notes', `${path}.notes`, 'a string');
    if (typeof title !== 'string' || title.trim() === '') throw new InvalidCalendarInputError(`${path}.title`, title, 'a non-empty title');
    if (notes !== undefined && typeof notes !== 'string') throw new InvalidCalendarInputError(`${path}.notes`, notes, 'a string');
    const dayNumber = inputDate(date, `${path}.date`) + FIRST_DAY;
    if (fromFeed.has(dayNumber)) throw new InvalidCalendarInputError(`${path}.date`, date, 'a date not already listed');
    fromFeed.set(dayNumber, { dayNumber, name: title.trim(), substitute: notes === SUBSTITUTE_NOTE });
  });

  // A feed must list whole years, with no gaps: every division has a day off on 1 to 4 January
  // (New Year) and on 25 to 28 December (Christmas), so a year without both was cut short.
  let firstYear = Infinity;
  let lastYear = -Infinity;
  const newYears = new Set<number>();
  const christmases = new Set<number>();
  for (const dayNumber of fromFeed.keys()) {
    const { year, month, day } = civilFromDayNumber(dayNumber);
    firstYear = Math.min(firstYear, year);
    lastYear = Math.max(lastYear, year);
    if (month === 1 && day <= 4) newYears.add(year);
    if (month === 12 && day >= 25 && day <= 28) christmases.add(year);
  }
  for (let year = firstYear; year <= lastYear; year++) {
    const newYear = newYears.has(year);
    const christmas = christmases.has(year);
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
  const listed = [...fromFeed.values()];
  return buildCalendar(region, [...kept, ...listed], options, officialThrough, listed);
}
