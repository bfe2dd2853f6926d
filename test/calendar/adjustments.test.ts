import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../src/calendar/index.js';

describe("a landlord's own adjustments", () => {
  const plain = createWorkingDayCalendar({ region: 'england-and-wales' });

  it('skips closure days between Christmas and New Year', () => {
    const closed = createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2024-12-27', '2024-12-30', '2024-12-31'] });
    expect(plain.addWorkingDays('2024-12-20', 5)).toBe('2024-12-31');
    expect(closed.addWorkingDays('2024-12-20', 5)).toBe('2025-01-06');
    expect(closed.isWorkingDay('2024-12-27')).toBe(false);
    expect(closed.holidays(2024)).toEqual(plain.holidays(2024)); // closures are not holidays
  });

  it('adds a newly proclaimed holiday, named, and counts around it', () => {
    const extra = createWorkingDayCalendar({ region: 'scotland', extraHolidays: [{ date: '2026-06-15', name: '  A new bank holiday ' }] });
    expect(extra.isWorkingDay('2026-06-15')).toBe(false);
    expect(extra.holidays(2026)).toContainEqual({ date: '2026-06-15', name: 'A new bank holiday', substitute: false });
    expect(extra.addWorkingDays('2026-06-12', 1)).toBe('2026-06-16');
  });

  it('keeps the official name when an extra holiday repeats an official one', () => {
    const extra = createWorkingDayCalendar({ region: 'england-and-wales', extraHolidays: [{ date: '2024-12-25', name: 'Xmas' }] });
    expect(extra.holidays(2024)).toEqual(plain.holidays(2024));
  });

  it('forces a holiday or a Saturday to be a working day', () => {
    const forced = createWorkingDayCalendar({ region: 'england-and-wales', workingDays: ['2024-05-06', '2024-05-11'] });
    expect(forced.isWorkingDay('2024-05-06')).toBe(true);
    expect(forced.isWorkingDay('2024-05-11')).toBe(true);
    expect(forced.addWorkingDays('2024-05-03', 1)).toBe('2024-05-06');
    expect(forced.workingDaysBetween('2024-05-10', '2024-05-13')).toBe(2);
  });

  it('does not mutate the options it was given, and cannot itself be changed', () => {
    const closures = ['2024-12-27'];
    const extraHolidays = [{ date: '2024-06-03', name: 'Extra' }];
    const options = { region: 'england-and-wales' as const, closures, extraHolidays };
    const snapshot = JSON.stringify(options);
    const calendar = createWorkingDayCalendar(options);
    expect(JSON.stringify(options)).toBe(snapshot);
    closures.push('2024-12-30');
    expect(calendar.isWorkingDay('2024-12-30')).toBe(true);
    expect(Object.isFrozen(calendar)).toBe(true);
    const listed = calendar.holidays(2024);
    listed.length = 0;
    expect(calendar.holidays(2024).length).toBeGreaterThan(0);
  });

  it('keeps calendars independent of one another', () => {
    createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2024-07-01'] });
    expect(plain.isWorkingDay('2024-07-01')).toBe(true);
    expect(createWorkingDayCalendar({ region: 'england-and-wales' }).isWorkingDay('2024-07-01')).toBe(true);
  });
});
