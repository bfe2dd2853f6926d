import { calendarFingerprint, readAdjustments, type HolidayAt } from './adjustments.js';
import { HOLIDAY_NAMES, HOLIDAY_TABLE, OFFICIAL_THROUGH } from './data/ukBankHolidays.js';
import { DateOutOfRangeError, InvalidCalendarInputError, InvalidDayCountError } from './errors.js';
import { decodeHolidays } from './holidayCodec.js';
import { isObject, readField } from './input.js';
import { civilFromDayNumber, weekday, type IsoDate } from './isoDate.js';
import { REGION_NAMES, isRegion, type Region } from './regions.js';
import { COVERED_FROM, COVERED_THROUGH, FIRST_DAY, SPAN_DAYS, checkYear, formatIndex, spanIndex } from './span.js';

/**
 * A bank or public holiday of one UK division.
 *
 * @example
 * ```ts
 * const holiday: Holiday = { date: '2027-12-28', name: 'Boxing Day', substitute: true };
 * ```
 */
export interface Holiday {
  /** The day off, `'YYYY-MM-DD'`. */
  readonly date: IsoDate;
  /** Its name as the GOV.UK feed gives it, e.g. `'Early May bank holiday'`. */
  readonly name: string;
  /** Whether it is a substitute day for a holiday that fell on a weekend. */
  readonly substitute: boolean;
}

/**
 * A holiday the built-in data does not have, given by the caller.
 *
 * @example
 * ```ts
 * const extra: ExtraHoliday = { date: '2026-06-15', name: 'A newly proclaimed bank holiday' };
 * ```
 */
export interface ExtraHoliday {
  /** The day off, `'YYYY-MM-DD'`. */
  date: IsoDate;
  /** Its name, shown by {@link WorkingDayCalendar.holidays}. */
  name: string;
}

/**
 * A landlord's adjustments to its division's working days.
 *
 * @example
 * ```ts
 * const adjustments: CalendarAdjustments = {
 *   closures: ['2024-12-27', '2024-12-30', '2024-12-31'],
 *   extraHolidays: [{ date: '2026-06-15', name: 'A newly proclaimed bank holiday' }],
 *   workingDays: ['2024-05-06'],
 * };
 * ```
 */
export interface CalendarAdjustments {
  /** The landlord's own non-working days (e.g. between Christmas and New Year). */
  closures?: readonly IsoDate[];
  /** Holidays missing from the built-in data, e.g. a bank holiday proclaimed after this release. */
  extraHolidays?: readonly ExtraHoliday[];
  /** Forced working days: count these as working days even if they are holidays or weekends. */
  workingDays?: readonly IsoDate[];
}

/**
 * Options of {@link createWorkingDayCalendar}.
 *
 * @example
 * ```ts
 * const options: WorkingDayCalendarOptions = { region: 'scotland', closures: ['2024-12-27'] };
 * ```
 */
export interface WorkingDayCalendarOptions extends CalendarAdjustments {
  /** The resident's UK division. */
  region: Region;
}

/**
 * A UK working-day clock for one division. Every method validates its input and throws a typed
 * error rather than returning a wrong date: {@link InvalidDateError}, {@link InvalidDayCountError}
 * or {@link DateOutOfRangeError}.
 *
 * Counting follows the Code's day-0 rule: the starting date is day 0 and never counted. A date that
 * is not a working day counts as if it were the working day before it, so every day of a weekend
 * gives the same answers as its Friday.
 *
 * @example
 * ```ts
 * const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });
 * calendar.addWorkingDays('2024-12-20', 5); //=> '2024-12-31' (Christmas Day and Boxing Day skipped)
 *
 * const closed = createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2024-12-31', '2024-12-30'] });
 * const same = createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2024-12-30', '2024-12-31'] });
 * closed.fingerprint === same.fingerprint; //=> true
 * closed.fingerprint === calendar.fingerprint; //=> false
 * ```
 */
export interface WorkingDayCalendar {
  /** The division whose holidays apply. */
  readonly region: Region;
  /** The last date covered by officially published data (a GOV.UK feed); later holidays are predicted from the rules. */
  readonly officialThrough: IsoDate;
  /** The first date the calendar can answer for. */
  readonly coveredFrom: IsoDate;
  /** The last date the calendar can answer for. */
  readonly coveredThrough: IsoDate;
  /**
   * A short, stable digest (16 hex digits) of what this calendar was made from: its division, its
   * closures, extra holidays and forced working days, and, for {@link calendarFromGovUkFeed}, the
   * feed's holidays. Two calendars made with the same options, listed in any order and with any
   * repeats, have the same fingerprint; any other closure, extra holiday (or name), forced working
   * day, division or feed gives another. It does not cover the built-in holiday table, so the
   * default calendar of a division keeps its fingerprint from one release to the next (compare
   * {@link WorkingDayCalendar.officialThrough} for that). Store it beside a record to notice a
   * record later counted under a different calendar. (64-bit FNV-1a of a canonical JSON form; not
   * cryptographic.)
   */
  readonly fingerprint: string;
  /**
   * Whether `date` is a working day: Monday to Friday, not a holiday of the division, not a closure
   * (forced working days always are).
   */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The `days`-th working day after `date` (day 0, never counted). Negative `days` go back; `0`
   * returns `date` unchanged. For `days !== 0` the result is always a working day, and
   * `workingDaysBetween(date, result) === days`.
   */
  addWorkingDays(date: IsoDate, days: number): IsoDate;
  /** The number of working days `d` with `from < d <= to`; negative when `to < from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The division's holidays in `year`, in date order (closures are not holidays and are not listed). */
  holidays(year: number): Holiday[];
  /** Whether `date` lies after {@link WorkingDayCalendar.officialThrough}, where holidays are predictions. */
  isProvisional(date: IsoDate): boolean;
}

const builtIn = new Map<Region, readonly HolidayAt[]>();

/** @internal The built-in holidays of a region, decoded on first use. */
export function builtInHolidays(region: Region): readonly HolidayAt[] {
  let holidays = builtIn.get(region);
  if (!holidays) {
    holidays = decodeHolidays(HOLIDAY_TABLE[region]).map(({ dayNumber, nameIndex, substitute }) => ({
      dayNumber,
      name: HOLIDAY_NAMES[nameIndex] as string,
      substitute,
    }));
    builtIn.set(region, holidays);
  }
  return holidays;
}

/**
 * @internal Builds a calendar from a full list of holidays plus a landlord's adjustments, read
 * once from `options`. `feed` is the list of holidays a GOV.UK feed gave, if any (for the fingerprint).
 */
export function buildCalendar(region: Region, holidays: readonly HolidayAt[], options: unknown, officialThrough: IsoDate, feed?: readonly HolidayAt[]): WorkingDayCalendar {
  const adjustments = readAdjustments(options);
  const { closures, forced, extra } = adjustments;

  // Holidays by day number: extras never duplicate an official holiday (the official name wins).
  const byDay = new Map<number, HolidayAt>();
  for (const holiday of holidays) byDay.set(holiday.dayNumber, holiday);
  for (const holiday of extra) if (!byDay.has(holiday.dayNumber)) byDay.set(holiday.dayNumber, holiday);
  const allHolidays = [...byDay.values()].sort((a, b) => a.dayNumber - b.dayNumber);

  // off[i] = 1 for a non-working day; cumulative[i] = working days in [0, i]; workdays[k] = index of the (k+1)-th.
  const off = new Uint8Array(SPAN_DAYS);
  for (let i = 0; i < SPAN_DAYS; i++) {
    const day = weekday(i + FIRST_DAY);
    if (day === 0 || day === 6) off[i] = 1;
  }
  for (const holiday of allHolidays) {
    const index = holiday.dayNumber - FIRST_DAY;
    if (index >= 0 && index < SPAN_DAYS) off[index] = 1;
  }
  for (const index of closures) off[index] = 1;
  for (const index of forced) off[index] = 0;

  const cumulative = new Uint16Array(SPAN_DAYS);
  const workdays = new Uint16Array(SPAN_DAYS);
  let count = 0;
  for (let i = 0; i < SPAN_DAYS; i++) {
    if (off[i] === 0) workdays[count++] = i;
    cumulative[i] = count;
  }

  /** The `n`-th working day after `date`; `path` names the argument blamed for running off the span. */
  function add(date: IsoDate, n: unknown, path: string): IsoDate {
    const index = spanIndex(date, 'date');
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new InvalidDayCountError(n, 'days');
    if (n === 0) return date;
    const target = (cumulative[index] as number) + n;
    if (target < 1 || target > count) {
      const edge = target < 1 ? COVERED_FROM : COVERED_THROUGH;
      throw new DateOutOfRangeError(edge, COVERED_FROM, COVERED_THROUGH, `Counting ${n} working days from '${date}' reaches past ${edge}, which`, path);
    }
    return formatIndex(workdays[target - 1] as number);
  }

  const officialIndex = spanIndex(officialThrough);

  return Object.freeze({
    region,
    officialThrough,
    coveredFrom: COVERED_FROM,
    coveredThrough: COVERED_THROUGH,
    fingerprint: calendarFingerprint(region, adjustments, feed),
    isWorkingDay: (date: IsoDate) => off[spanIndex(date, 'date')] === 0,
    addWorkingDays: (date: IsoDate, days: number) => add(date, days, 'days'),
    workingDaysBetween: (from: IsoDate, to: IsoDate) => {
      const start = spanIndex(from, 'from');
      return (cumulative[spanIndex(to, 'to')] as number) - (cumulative[start] as number);
    },
    nextWorkingDay: (date: IsoDate) => add(date, 1, 'date'),
    holidays(year: number): Holiday[] {
      if (typeof year !== 'number' || !Number.isInteger(year)) throw new InvalidCalendarInputError('year', year, 'a whole year');
      checkYear(year);
      return allHolidays
        .filter((holiday) => civilFromDayNumber(holiday.dayNumber).year === year)
        .map(({ dayNumber, name, substitute }) => ({ date: formatIndex(dayNumber - FIRST_DAY), name, substitute }));
    },
    isProvisional: (date: IsoDate) => spanIndex(date, 'date') > officialIndex,
  });
}

/**
 * Creates the working-day clock of one UK division, from the built-in bank holidays (checked
 * against the GOV.UK feed through {@link WorkingDayCalendar.officialThrough}, predicted from the
 * statutory rules after that) and the landlord's own adjustments.
 *
 * The options are read once, into a copy: changing them afterwards changes nothing. Each list may
 * hold at most 100,000 entries; a hole in a list is refused like any other missing date.
 *
 * @param options - the division, and optional closures, extra holidays and forced working days
 * @returns a frozen {@link WorkingDayCalendar}
 * @throws {@link InvalidCalendarInputError} for an unknown region or malformed adjustments, naming the option in `path` (`'closures[3]'`)
 *
 * @example
 * ```ts
 * import { createWorkingDayCalendar } from 'housing-complaints/calendar';
 *
 * const england = createWorkingDayCalendar({ region: 'england-and-wales' });
 * england.addWorkingDays('2024-03-28', 1); //=> '2024-04-02' (Good Friday and Easter Monday skipped)
 *
 * const scotland = createWorkingDayCalendar({ region: 'scotland' });
 * scotland.addWorkingDays('2024-03-28', 1); //=> '2024-04-01' (Easter Monday is not a Scottish bank holiday)
 *
 * const landlord = createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2024-12-27'] });
 * landlord.nextWorkingDay('2024-12-24'); //=> '2024-12-30'
 * ```
 */
export function createWorkingDayCalendar(options: WorkingDayCalendarOptions): WorkingDayCalendar {
  if (!isObject(options)) throw new InvalidCalendarInputError('options', options, 'an options object');
  const region = readField(options, 'region', 'region', 'a UK division');
  if (!isRegion(region)) throw new InvalidCalendarInputError('region', region, REGION_NAMES);
  return buildCalendar(region, builtInHolidays(region), options, OFFICIAL_THROUGH);
}
