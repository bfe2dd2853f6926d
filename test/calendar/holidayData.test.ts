import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar, type Region } from '../../src/calendar/index.js';
import { HOLIDAY_CORRECTIONS } from '../../scripts/holiday-corrections.js';
import { TABLE_PATH, generate } from '../../scripts/generate-holidays.js';
import { FIXTURE_PATH } from '../support/fixture.js';

const DATE_HOLIDAYS_ARGS: Record<Region, [string, string]> = {
  'england-and-wales': ['GB', 'ENG'],
  scotland: ['GB', 'SCT'],
  'northern-ireland': ['GB', 'NIR'],
};

function dateHolidaysDaysOff(region: Region, year: number): string[] {
  return new Holidays(...DATE_HOLIDAYS_ARGS[region])
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
    .map((holiday) => holiday.date.slice(0, 10));
}

describe('the built-in holiday table', () => {
  it('is exactly what scripts/generate-holidays.ts produces from date-holidays, the corrections and the GOV.UK feed', () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(generate(FIXTURE_PATH));
  });
});

describe.each(HOLIDAY_CORRECTIONS.flatMap((correction) => correction.regions.map((region) => ({ correction, region }))))(
  'correction $correction.id in $region',
  ({ correction, region }) => {
    const calendar = createWorkingDayCalendar({ region });
    const years = [...new Set([...correction.remove, ...correction.add.map((a) => a.date)].map((d) => Number(d.slice(0, 4))))];

    it('is still needed: date-holidays still has the error', () => {
      const upstream = years.flatMap((year) => dateHolidaysDaysOff(region, year));
      for (const date of correction.remove) expect(upstream).toContain(date);
      for (const { date } of correction.add) expect(upstream).not.toContain(date);
    });

    it('is applied: the calendar follows the official record', () => {
      for (const date of correction.remove) expect(calendar.isWorkingDay(date)).toBe(true);
      for (const { date, name } of correction.add) {
        expect(calendar.isWorkingDay(date)).toBe(false);
        expect(calendar.holidays(Number(date.slice(0, 4)))).toContainEqual({ date, name, substitute: false });
      }
    });
  },
);
