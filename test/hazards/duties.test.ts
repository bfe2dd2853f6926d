/**
 * The duties as data: each with its limit, its start, its regulation as secondary sources give it,
 * its sources and its verified status. Nothing here is primary-verified yet, and the data must say so.
 */
import { describe, expect, it } from 'vitest';
import { HAZARD_DUTIES, HAZARD_SOURCES, type HazardDutyId } from '../../src/hazards/index.js';

const byId = (id: HazardDutyId) => HAZARD_DUTIES.find((duty) => duty.id === id)!;

describe('HAZARD_DUTIES', () => {
  it('has one entry per duty, with the limits, starts and regulation numbers the secondary sources give', () => {
    expect(HAZARD_DUTIES.map((d) => [d.id, d.limit, d.from, d.category, d.regulation])).toEqual([
      ['emergency-investigate', { hours: 24 }, 'aware', 'emergency', undefined],
      ['emergency-make-safe', { hours: 24 }, 'aware', 'emergency', 'reg. 5'],
      ['significant-investigate', { workingDays: 10 }, 'aware', 'significant', 'reg. 6'],
      ['written-summary', { workingDays: 3 }, 'investigation-concluded', 'both', 'reg. 9'],
      ['significant-safety-work', { workingDays: 5 }, 'investigation-concluded', 'significant', 'reg. 11(2)(a)'],
      ['supplementary-work-begin', { workingDays: 5 }, 'investigation-concluded', 'both', 'reg. 13(2)'],
      ['supplementary-work-on-site', { weeks: 12 }, 'investigation-concluded', 'both', 'reg. 13(3)(b)'],
      ['alternative-accommodation', null, 'safety-work-identified', 'both', undefined],
    ]);
  });

  it('marks every entry unverified: the Regulations could not be read, and only secondary sources give these', () => {
    for (const duty of HAZARD_DUTIES) {
      expect(duty.verified).toBe(false);
      expect(duty.sources.length).toBeGreaterThan(0);
      for (const id of duty.sources) {
        expect(HAZARD_SOURCES[id].kind).toBe('secondary');
        expect(duty.source).toContain(id);
      }
      expect(duty.source).toMatch(/secondary/);
    }
  });

  it('records the disputed make-safe start, and its alternative reading', () => {
    const makeSafe = byId('emergency-make-safe');
    expect(makeSafe.from).toBe('aware');
    expect(makeSafe.alternativeFrom).toBe('safety-work-identified');
    expect(makeSafe.note).toMatch(/disputed/);
    expect(makeSafe.note).toMatch(/emergencyMakeSafeFrom/);
    expect(HAZARD_DUTIES.filter((d) => d.alternativeFrom !== undefined).map((d) => d.id)).toEqual(['emergency-make-safe']);
  });

  it('states the working-day assumption on every working-day duty', () => {
    for (const duty of HAZARD_DUTIES.filter((d) => d.limit !== null && 'workingDays' in d.limit)) {
      expect(duty.note).toMatch(/definition could not be read/);
      expect(duty.note).toMatch(/England and Wales/);
      expect(duty.note).toMatch(/day 0/);
    }
    expect(byId('supplementary-work-on-site').note).toMatch(/84 calendar days/);
  });

  it('is frozen through', () => {
    expect(Object.isFrozen(HAZARD_DUTIES)).toBe(true);
    for (const duty of HAZARD_DUTIES) {
      expect(Object.isFrozen(duty)).toBe(true);
      expect(Object.isFrozen(duty.sources)).toBe(true);
      if (duty.limit !== null) expect(Object.isFrozen(duty.limit)).toBe(true);
    }
  });
});

describe('HAZARD_SOURCES', () => {
  it('lists P1, P3, P4, P5 as primary and S1 to S3 as secondary, each with a publisher and an https URL', () => {
    expect(Object.entries(HAZARD_SOURCES).map(([id, s]) => [id, s.id, s.kind])).toEqual([
      ['P1', 'P1', 'primary'],
      ['P3', 'P3', 'primary'],
      ['P4', 'P4', 'primary'],
      ['P5', 'P5', 'primary'],
      ['S1', 'S1', 'secondary'],
      ['S2', 'S2', 'secondary'],
      ['S3', 'S3', 'secondary'],
    ]);
    for (const source of Object.values(HAZARD_SOURCES)) {
      expect(source.publisher.length).toBeGreaterThan(0);
      expect(source.urls.length).toBeGreaterThan(0);
      for (const url of source.urls) expect(url).toMatch(/^https:\/\//);
      expect(Object.isFrozen(source)).toBe(true);
      expect(Object.isFrozen(source.urls)).toBe(true);
    }
    expect(HAZARD_SOURCES.P1.date).toBe('17 October 2025');
    expect(Object.isFrozen(HAZARD_SOURCES)).toBe(true);
  });
});
