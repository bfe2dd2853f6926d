/**
 * Hostile input to the hazard functions: whatever is passed (null, numbers, Proxies, revoked
 * Proxies, unknown categories and hazards, a conclusion before awareness), the caller gets one of
 * the library's typed errors naming where, never a raw TypeError.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar, isDateOutOfRangeError, isInvalidInstantError } from '../../src/calendar/index.js';
import { isHousingComplaintsError, isInvalidInputError } from '../../src/errors.js';
import { hazardDeadlines, hazardInScope } from '../../src/hazards/index.js';
import { eachHostile, flipping, outcome } from '../support/hostileValues.js';

const AWARE = '2025-11-14T16:30:00Z';

/** What `fn` threw: a failed test if it returned, or threw anything but the library's own error. */
function refusal(fn: () => unknown): { name: string; path: unknown } {
  const result = outcome(fn);
  expect(result.returned, 'expected a typed error').toBe(false);
  const error = (result as { error: unknown }).error;
  expect(isHousingComplaintsError(error), `not a library error: ${String(error)}`).toBe(true);
  expect(error).not.toBeInstanceOf(TypeError);
  return { name: (error as Error).name, path: (error as { path?: unknown }).path };
}

/** Either a normal answer or a library error: never anything else. */
function typedOnly(fn: () => unknown): void {
  const result = outcome(fn);
  if (!result.returned) expect(isHousingComplaintsError(result.error), `not a library error: ${String(result.error)}`).toBe(true);
}

describe('hazardDeadlines refuses bad input with typed errors', () => {
  it.each(eachHostile())('as the whole input: %s', (_, value) => {
    // Not an object: refused as 'input'. An object without the fields (a Map, a Date): refused at the first
    // missing field. A String object: refused at its first index, an unknown field.
    const { name, path } = refusal(() => hazardDeadlines(value as never));
    expect(name).toBe('InvalidInputError');
    expect(typeof path).toBe('string');
  });

  it.each(eachHostile())('as the category: %s', (_, value) => {
    expect(refusal(() => hazardDeadlines({ category: value as never, awareAt: AWARE }))).toEqual({ name: 'InvalidInputError', path: 'category' });
  });

  it.each(eachHostile())('as awareAt: %s', (_, value) => {
    // A real Date with its own methods overwritten is still a valid Date (read through Date.prototype).
    typedOnly(() => hazardDeadlines({ category: 'emergency', awareAt: value as never }));
    const result = outcome(() => hazardDeadlines({ category: 'emergency', awareAt: value as never }));
    if (!result.returned) {
      expect((result.error as { path?: unknown }).path).toBe('awareAt');
      expect(isInvalidInstantError(result.error) || isInvalidInputError(result.error) || isDateOutOfRangeError(result.error)).toBe(true);
    }
  });

  it.each(eachHostile())('as investigationConcludedAt, finding and safetyWorkIdentifiedAt: %s', (_, value) => {
    for (const field of ['investigationConcludedAt', 'finding', 'safetyWorkIdentifiedAt'] as const) {
      const result = outcome(() => hazardDeadlines({ category: 'significant', awareAt: AWARE, investigationConcludedAt: '2025-11-20T10:00:00Z', [field]: value } as never));
      if (value === undefined) {
        expect(result.returned).toBe(true);
        continue;
      }
      if (!result.returned) {
        expect(isHousingComplaintsError(result.error)).toBe(true);
        expect((result.error as { path?: unknown }).path).toBe(field);
      }
    }
  });

  it.each(eachHostile())('as the options, the calendar or the make-safe reading: %s', (_, value) => {
    // An object with none of the options (a Map, a frozen {}) is no options; anything else is refused at 'options…'.
    const result = outcome(() => hazardDeadlines({ category: 'emergency', awareAt: AWARE }, value as never));
    if (!result.returned) {
      expect(isInvalidInputError(result.error)).toBe(true);
      expect((result.error as { path: string }).path).toMatch(/^options/);
    }
    if (value !== undefined) expect(refusal(() => hazardDeadlines({ category: 'significant', awareAt: AWARE }, { calendar: value as never }))).toEqual({ name: 'InvalidInputError', path: 'options.calendar' });
    if (value !== undefined) expect(refusal(() => hazardDeadlines({ category: 'emergency', awareAt: AWARE }, { emergencyMakeSafeFrom: value as never }))).toEqual({ name: 'InvalidInputError', path: 'options.emergencyMakeSafeFrom' });
  });

  it('names the field for an unknown category, finding or field', () => {
    expect(refusal(() => hazardDeadlines({ category: 'urgent' as never, awareAt: AWARE }))).toEqual({ name: 'InvalidInputError', path: 'category' });
    expect(refusal(() => hazardDeadlines({ category: 'significant', awareAt: AWARE, investigationConcludedAt: '2025-11-20T10:00:00Z', finding: 'category-1' as never }))).toEqual({ name: 'InvalidInputError', path: 'finding' });
    expect(refusal(() => hazardDeadlines({ category: 'emergency', awareat: AWARE } as never))).toEqual({ name: 'InvalidInputError', path: 'awareat' });
    expect(refusal(() => hazardDeadlines({ category: 'emergency' } as never))).toEqual({ name: 'InvalidInputError', path: 'awareAt' });
    expect(refusal(() => hazardDeadlines({ category: 'emergency', awareAt: AWARE }, { region: 'scotland' } as never))).toEqual({ name: 'InvalidInputError', path: 'options.region' });
  });

  it('refuses a conclusion, or an identification, before awareness, naming the field', () => {
    expect(refusal(() => hazardDeadlines({ category: 'significant', awareAt: '2025-12-22T15:00:00Z', investigationConcludedAt: '2025-12-22T14:59:59Z' }))).toEqual({
      name: 'InvalidInputError',
      path: 'investigationConcludedAt',
    });
    expect(refusal(() => hazardDeadlines({ category: 'emergency', awareAt: '2025-12-22T15:00:00Z', safetyWorkIdentifiedAt: '2025-12-22T14:00:00Z' }))).toEqual({
      name: 'InvalidInputError',
      path: 'safetyWorkIdentifiedAt',
    });
    // The same moment, written with another offset, is not before.
    expect(hazardDeadlines({ category: 'significant', awareAt: '2025-12-22T15:00:00Z', investigationConcludedAt: '2025-12-22T16:00:00+01:00' })).toHaveLength(2);
  });

  it('refuses a finding before the investigation has concluded', () => {
    expect(refusal(() => hazardDeadlines({ category: 'significant', awareAt: AWARE, finding: 'significant' }))).toEqual({ name: 'InvalidInputError', path: 'finding' });
  });

  it("refuses instants the calendar's parser refuses, with the calendar's InvalidInstantError naming the field", () => {
    for (const bad of ['2025-11-14', '2025-11-14T16:30:00', '2025-02-30T10:00:00Z', 'yesterday', new Date(Number.NaN)]) {
      expect(refusal(() => hazardDeadlines({ category: 'emergency', awareAt: bad }))).toEqual({ name: 'InvalidInstantError', path: 'awareAt' });
      expect(refusal(() => hazardDeadlines({ category: 'significant', awareAt: AWARE, investigationConcludedAt: bad }))).toEqual({ name: 'InvalidInstantError', path: 'investigationConcludedAt' });
    }
  });

  it("refuses instants outside the calendar's span with DateOutOfRangeError, never a wrong answer", () => {
    expect(refusal(() => hazardDeadlines({ category: 'emergency', awareAt: '2101-01-01T00:00:00Z' }))).toEqual({ name: 'DateOutOfRangeError', path: 'awareAt' });
    expect(refusal(() => hazardDeadlines({ category: 'emergency', awareAt: '2100-12-31T12:00:00Z' })).name).toBe('DateOutOfRangeError');
    expect(refusal(() => hazardDeadlines({ category: 'significant', awareAt: '2100-12-30T12:00:00Z' })).name).toBe('DateOutOfRangeError');
  });

  it('reads each field once: a getter that changes its answer cannot make the check and the count disagree', () => {
    const input = flipping({ category: 'significant' }, 'awareAt', '2025-12-22T15:00:00Z', 'not an instant');
    const list = hazardDeadlines(input as never);
    expect(list[0]!.due).toBe(createWorkingDayCalendar({ region: 'england-and-wales' }).addWorkingDays('2025-12-22', 10));
    expect(input.reads()).toBe(1);
  });

  it('guards a calendar that throws, lies or is a Proxy', () => {
    const input = { category: 'significant', awareAt: AWARE } as const;
    const fakes = [
      { addWorkingDays: () => { throw new TypeError('boom'); } },
      { addWorkingDays: () => 'soon' },
      { addWorkingDays: () => '2000-01-01' },
      { addWorkingDays: 'not a function' },
      new Proxy({}, { get: () => { throw new Error('trap'); } }),
    ];
    for (const calendar of fakes) expect(refusal(() => hazardDeadlines(input, { calendar: calendar as never }))).toEqual({ name: 'InvalidInputError', path: 'options.calendar' });
  });
});

describe('hazardInScope refuses bad input with typed errors', () => {
  it.each(eachHostile())('as the hazard, the category, the day, the options and the phase dates: %s', (_, value) => {
    expect(refusal(() => hazardInScope(value as never, 'significant', '2026-01-01'))).toEqual({ name: 'InvalidInputError', path: 'type' });
    expect(refusal(() => hazardInScope('damp-and-mould', value as never, '2026-01-01'))).toEqual({ name: 'InvalidInputError', path: 'category' });
    expect(refusal(() => hazardInScope('damp-and-mould', 'significant', value as never))).toEqual({ name: 'InvalidInputError', path: 'on' });
    for (const [fn, prefix] of [
      [() => hazardInScope('damp-and-mould', 'significant', '2026-01-01', value as never), /^options/],
      [() => hazardInScope('excess-cold', 'significant', '2026-01-01', { phaseDates: value as never }), /^options\.phaseDates/],
    ] as const) {
      const result = outcome(fn);
      if (!result.returned) {
        expect(isInvalidInputError(result.error)).toBe(true);
        expect((result.error as { path: string }).path).toMatch(prefix);
      }
    }
    if (value !== undefined) {
      expect(refusal(() => hazardInScope('excess-cold', 'significant', '2026-01-01', { phaseDates: { 2: value as never } })).path).toBe('options.phaseDates.2');
    }
  });

  it('names an unknown hazard, category or option', () => {
    expect(refusal(() => hazardInScope('mould' as never, 'significant', '2026-01-01'))).toEqual({ name: 'InvalidInputError', path: 'type' });
    expect(refusal(() => hazardInScope('Damp-And-Mould' as never, 'significant', '2026-01-01'))).toEqual({ name: 'InvalidInputError', path: 'type' });
    expect(refusal(() => hazardInScope('damp-and-mould', 'category-1' as never, '2026-01-01'))).toEqual({ name: 'InvalidInputError', path: 'category' });
    expect(refusal(() => hazardInScope('damp-and-mould', 'significant', '2026-02-30'))).toEqual({ name: 'InvalidInputError', path: 'on' });
    expect(refusal(() => hazardInScope('damp-and-mould', 'significant', '2026-01-01T00:00:00Z'))).toEqual({ name: 'InvalidInputError', path: 'on' });
    expect(refusal(() => hazardInScope('damp-and-mould', 'significant', '2026-01-01', { phaseDate: {} } as never))).toEqual({ name: 'InvalidInputError', path: 'options.phaseDate' });
    expect(refusal(() => hazardInScope('excess-cold', 'significant', '2026-01-01', { phaseDates: { 4: '2028-01-01' } } as never))).toEqual({ name: 'InvalidInputError', path: 'options.phaseDates.4' });
  });

  it('refuses a phase date before its phase year, and phase 3 before phase 2', () => {
    expect(refusal(() => hazardInScope('excess-cold', 'significant', '2026-01-01', { phaseDates: { 2: '2025-12-31' } }))).toEqual({ name: 'InvalidInputError', path: 'options.phaseDates.2' });
    expect(refusal(() => hazardInScope('lead', 'significant', '2027-06-01', { phaseDates: { 3: '2026-12-31' } }))).toEqual({ name: 'InvalidInputError', path: 'options.phaseDates.3' });
    expect(refusal(() => hazardInScope('lead', 'significant', '2027-06-01', { phaseDates: { 2: '2027-03-01', 3: '2027-02-01' } }))).toEqual({ name: 'InvalidInputError', path: 'options.phaseDates.3' });
    expect(refusal(() => hazardInScope('lead', 'significant', '2027-06-01', { phaseDates: { 2: '2026-9-1' } }))).toEqual({ name: 'InvalidInputError', path: 'options.phaseDates.2' });
  });

  it('accepts a phase date after its year (the date may slip) and phase dates given with numeric or string keys', () => {
    expect(hazardInScope('excess-cold', 'significant', '2027-02-01', { phaseDates: { 2: '2027-01-15' } }).inScope).toBe(true);
    expect(hazardInScope('excess-cold', 'significant', '2027-02-01', { phaseDates: { '2': '2027-01-15' } }).inScope).toBe(true);
  });
});
