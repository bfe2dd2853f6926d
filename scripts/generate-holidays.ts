/**
 * Builds `src/calendar/data/ukBankHolidays.ts`, the built-in bank holiday table, from date-holidays
 * (the holiday source) plus `holiday-corrections.ts`, and checks it against a GOV.UK bank holidays
 * feed before writing. Run with `npm run generate:holidays [-- path/to/bank-holidays.json]`.
 *
 * Why a generated table rather than date-holidays at run time: date-holidays' rule engine and its
 * worldwide data cost about 120 kB gzipped in a browser bundle and about 150 ms to import (both
 * measured by `npm run bench`), while the whole UK answer for 2000 to 2100 is 2,738 dates. The table is data a reviewer can diff,
 * and `test/calendar/holidayData.test.ts` fails if it drifts from what this script produces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { encodeHolidays } from '../src/calendar/holidayCodec.js';
import { formatDayNumber, parseIsoDate } from '../src/calendar/isoDate.js';
import { REGIONS, type Region } from '../src/calendar/regions.js';
import { FIXTURE_PATH } from '../test/support/fixture.js';
import { HOLIDAY_CORRECTIONS } from './holiday-corrections.js';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
/** The repository's copy of the GOV.UK feed (`test/fixtures/README.md` says where it came from). */
export const DEFAULT_FEED = FIXTURE_PATH;

export interface HolidayRow {
  date: string;
  name: string;
  substitute: boolean;
}

const DATE_HOLIDAYS_ARGS: Record<Region, [string, string]> = {
  'england-and-wales': ['GB', 'ENG'],
  scotland: ['GB', 'SCT'],
  'northern-ireland': ['GB', 'NIR'],
};

/** date-holidays' names, mapped to the titles the GOV.UK feed uses. */
const GOV_UK_TITLES: Record<string, string> = {
  "New Year's Day": 'New Year’s Day',
  'January 2nd': '2nd January',
  'Good Friday': 'Good Friday',
  'Easter Monday': 'Easter Monday',
  'Early May bank holiday': 'Early May bank holiday',
  'Early May bank holiday (VE day)': 'Early May bank holiday (VE day)',
  'Spring bank holiday': 'Spring bank holiday',
  'Summer bank holiday': 'Summer bank holiday',
  'Christmas Day': 'Christmas Day',
  'Boxing Day': 'Boxing Day',
  'St Andrew’s Day': 'St Andrew’s Day',
  'St Patrick’s Day': 'St Patrick’s Day',
  'Battle of the Boyne (Orangemen’s Day)': 'Battle of the Boyne (Orangemen’s Day)',
  'Queen’s Diamond Jubilee': 'Queen’s Diamond Jubilee',
  'Queen’s Platinum Jubilee': 'Platinum Jubilee bank holiday',
  "Queen Elizabeth's Funeral Day": 'Bank Holiday for the State Funeral of Queen Elizabeth II',
  "King Charles III's Coronation": 'Bank holiday for the coronation of King Charles III',
};

const SUBSTITUTE_SUFFIX = ' (substitute day)';

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The days off of one region, 2000 to 2100, as date-holidays gives them with the corrections applied. */
export function holidayRows(region: Region): HolidayRow[] {
  const source = new Holidays(...DATE_HOLIDAYS_ARGS[region]);
  const rows = new Map<string, HolidayRow>();
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const holiday of source.getHolidays(year)) {
      if (holiday.type !== 'public' && holiday.type !== 'bank') continue;
      const date = holiday.date.slice(0, 10);
      // GOV.UK lists only the days off: a holiday falling on a weekend is replaced by its substitute.
      if (isWeekend(date)) continue;
      const substitute = holiday.name.endsWith(SUBSTITUTE_SUFFIX);
      const baseName = substitute ? holiday.name.slice(0, -SUBSTITUTE_SUFFIX.length) : holiday.name;
      const name = GOV_UK_TITLES[baseName];
      if (name === undefined) throw new Error(`date-holidays gave an unknown holiday name ${JSON.stringify(holiday.name)} on ${date}`);
      rows.set(date, { date, name, substitute });
    }
  }
  for (const correction of HOLIDAY_CORRECTIONS) {
    if (!correction.regions.includes(region)) continue;
    for (const date of correction.remove) {
      if (!rows.delete(date)) throw new Error(`Correction ${correction.id}: ${date} is not in date-holidays' ${region} data any more`);
    }
    for (const { date, name } of correction.add) {
      if (rows.has(date)) throw new Error(`Correction ${correction.id}: ${date} is already in date-holidays' ${region} data`);
      rows.set(date, { date, name, substitute: false });
    }
  }
  const sorted = [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return region === 'scotland' ? nameScottishNewYear(sorted) : sorted;
}

/**
 * When 1 January falls on a weekend, GOV.UK names Scotland's next two days off in order: first the
 * New Year's Day substitute, then the 2nd January substitute (date-holidays names them the other
 * way round). The dates agree; only the names are aligned here.
 */
function nameScottishNewYear(rows: HolidayRow[]): HolidayRow[] {
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    if (!isWeekend(`${year}-01-01`)) continue;
    const january = rows.filter((row) => row.date >= `${year}-01-02` && row.date <= `${year}-01-04`);
    if (january.length !== 2) throw new Error(`Expected two days off after a weekend New Year's Day in ${year}, got ${january.length}`);
    Object.assign(january[0]!, { name: 'New Year’s Day', substitute: true });
    Object.assign(january[1]!, { name: '2nd January', substitute: true });
  }
  return rows;
}

/** Compares rows with the GOV.UK feed's events for the feed's years; returns the differences. */
export function compareWithFeed(region: Region, rows: readonly HolidayRow[], feed: GovUkFeedJson): string[] {
  const events = feed[region].events;
  const years = new Set(events.map((event) => event.date.slice(0, 4)));
  const ours = new Map(rows.filter((row) => years.has(row.date.slice(0, 4))).map((row) => [row.date, row]));
  const differences: string[] = [];
  for (const event of events) {
    const row = ours.get(event.date);
    const substitute = event.notes === 'Substitute day';
    if (!row) differences.push(`${region} ${event.date}: GOV.UK has ${event.title}, the table has nothing`);
    else if (row.name !== event.title || row.substitute !== substitute) {
      differences.push(`${region} ${event.date}: GOV.UK has ${event.title}${substitute ? ' (substitute)' : ''}, the table has ${row.name}${row.substitute ? ' (substitute)' : ''}`);
    }
    ours.delete(event.date);
  }
  for (const row of ours.values()) differences.push(`${region} ${row.date}: the table has ${row.name}, GOV.UK has nothing`);
  return differences;
}

export type GovUkFeedJson = Record<Region, { events: { title: string; date: string; notes: string }[] }>;

/** The text of `src/calendar/data/ukBankHolidays.ts` for the given rows. */
export function renderTable(rowsByRegion: Record<Region, HolidayRow[]>, officialThrough: string): string {
  const names = [...new Set(REGIONS.flatMap((region) => rowsByRegion[region].map((row) => row.name)))].sort();
  const encoded = REGIONS.map((region) => {
    const entries = rowsByRegion[region].map((row) => ({
      dayNumber: parseIsoDate(row.date),
      nameIndex: names.indexOf(row.name),
      substitute: row.substitute,
    }));
    return `  '${region}':\n    '${encodeHolidays(entries)}',`;
  });
  return `// Generated by scripts/generate-holidays.ts from date-holidays and scripts/holiday-corrections.ts.
// Do not edit: run \`npm run generate:holidays\`. Checked against the GOV.UK feed through ${officialThrough}.
/** @internal */
export const FIRST_YEAR = ${FIRST_YEAR};
/** @internal */
export const LAST_YEAR = ${LAST_YEAR};
/** @internal The last date of the GOV.UK feed this table was checked against. */
export const OFFICIAL_THROUGH = '${officialThrough}';
/** @internal */
export const HOLIDAY_NAMES: readonly string[] = ${JSON.stringify(names, null, 2).replace(/"/g, "'")};
/** @internal Per region, the compact form decoded by \`holidayCodec.ts\`. */
export const HOLIDAY_TABLE = {
${encoded.join('\n')}
} as const;
`;
}

/** Builds the table, checks it against the feed, and returns the file text. */
export function generate(feedPath = DEFAULT_FEED): string {
  const feed = JSON.parse(readFileSync(feedPath, 'utf8')) as GovUkFeedJson;
  const rowsByRegion = Object.fromEntries(REGIONS.map((region) => [region, holidayRows(region)])) as Record<Region, HolidayRow[]>;
  const differences = REGIONS.flatMap((region) => compareWithFeed(region, rowsByRegion[region], feed));
  if (differences.length > 0) throw new Error(`The table disagrees with the GOV.UK feed:\n${differences.join('\n')}`);
  const lastEvent = REGIONS.flatMap((region) => feed[region].events.map((event) => event.date)).sort().at(-1);
  if (!lastEvent) throw new Error('The GOV.UK feed has no events');
  const officialThrough = formatDayNumber(parseIsoDate(`${lastEvent.slice(0, 4)}-12-31`));
  return renderTable(rowsByRegion, officialThrough);
}

export const TABLE_PATH = fileURLToPath(new URL('../src/calendar/data/ukBankHolidays.ts', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_PATH, generate(process.argv[2]));
  console.log(`Wrote ${TABLE_PATH}`);
}
