/**
 * Awaab's Law phases: what is in scope on a day. Phase 1 (27 October 2025) is the only phase with a
 * verified day; phases 2 and 3 are "in 2026" and "in 2027", so their hazards come in only once the
 * landlord gives the day.
 */
import { describe, expect, it } from 'vitest';
import { HAZARD_PHASES, HAZARD_TYPES, hazardInScope, isHazardType, type HazardType } from '../../src/hazards/index.js';

const PHASE_2: readonly HazardType[] = [
  'excess-cold',
  'excess-heat',
  'falls-associated-with-baths',
  'falls-on-level-surfaces',
  'falls-on-stairs',
  'falls-between-levels',
  'structural-collapse-and-falling-elements',
  'explosions',
  'fire',
  'electrical-hazards',
  'domestic-hygiene-pests-and-refuse',
  'personal-hygiene-sanitation-and-drainage',
  'food-safety',
];
const PHASE_3 = HAZARD_TYPES.filter((type) => type !== 'damp-and-mould' && type !== 'crowding-and-space' && !PHASE_2.includes(type));

describe('HAZARD_TYPES', () => {
  it('lists the 29 HHSRS hazards once each, in kebab case', () => {
    expect(HAZARD_TYPES).toHaveLength(29);
    expect(new Set(HAZARD_TYPES).size).toBe(29);
    for (const type of HAZARD_TYPES) expect(type).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(Object.isFrozen(HAZARD_TYPES)).toBe(true);
  });

  it('isHazardType knows them and nothing else', () => {
    for (const type of HAZARD_TYPES) expect(isHazardType(type)).toBe(true);
    for (const value of ['Damp and mould', 'mould', '', null, undefined, 1, {}, ['fire']]) expect(isHazardType(value)).toBe(false);
  });
});

describe('HAZARD_PHASES', () => {
  it('has phase 1 on 27 October 2025, and phases 2 and 3 by year only (no day)', () => {
    expect(HAZARD_PHASES.map((p) => [p.phase, p.from, p.fromYear])).toEqual([
      [1, '2025-10-27', 2025],
      [2, undefined, 2026],
      [3, undefined, 2027],
    ]);
    expect('from' in HAZARD_PHASES[1]!).toBe(true);
  });

  it('phase 1: significant = damp and mould only; emergency = all but overcrowding in every phase', () => {
    expect(HAZARD_PHASES[0]!.significantHazards).toEqual(['damp-and-mould']);
    for (const phase of HAZARD_PHASES) expect(phase.emergencyHazards).toBe('all-but-overcrowding');
  });

  it('phase 2 names the 13 hazards of the guidance; phase 3 is the rest but crowding and space (14 hazards)', () => {
    expect([...(HAZARD_PHASES[1]!.significantHazards as readonly HazardType[])].sort()).toEqual([...PHASE_2].sort());
    expect(HAZARD_PHASES[2]!.significantHazards).toBe('all-but-overcrowding');
    expect(PHASE_3).toHaveLength(14);
  });

  it('is frozen through, names its source and says what is verified', () => {
    expect(Object.isFrozen(HAZARD_PHASES)).toBe(true);
    for (const phase of HAZARD_PHASES) {
      expect(Object.isFrozen(phase)).toBe(true);
      if (Array.isArray(phase.significantHazards)) expect(Object.isFrozen(phase.significantHazards)).toBe(true);
      expect(phase.source).toMatch(/^P1 \(MHCLG guidance, 17 October 2025\)/);
      expect(phase.verified).toBe(true);
    }
    // The emergency exclusion of overcrowding rests on a secondary source, and the note says so.
    expect(HAZARD_PHASES[0]!.note).toMatch(/secondary/);
    expect(HAZARD_PHASES[1]!.note).toMatch(/Year only/);
  });
});

describe('hazardInScope', () => {
  it('26 October 2025: nothing is in scope, emergency or significant', () => {
    for (const type of HAZARD_TYPES) {
      for (const category of ['emergency', 'significant'] as const) {
        const scope = hazardInScope(type, category, '2025-10-26', { phaseDates: { 2: '2026-01-01', 3: '2027-01-01' } });
        expect(scope.inScope).toBe(false);
      }
    }
    expect(hazardInScope('damp-and-mould', 'significant', '2025-10-26').reason).toMatch(/before 2025-10-27/);
  });

  it('27 October 2025: damp and mould is in scope as a significant hazard (phase 1)', () => {
    expect(hazardInScope('damp-and-mould', 'significant', '2025-10-27')).toEqual({
      inScope: true,
      phase: 1,
      reason: 'Damp and mould is in scope as a significant hazard from 2025-10-27 (phase 1).',
    });
  });

  it('27 October 2025: every hazard but crowding and space is in scope as an emergency hazard (phase 1)', () => {
    for (const type of HAZARD_TYPES) {
      const scope = hazardInScope(type, 'emergency', '2025-10-27');
      expect(scope.inScope).toBe(type !== 'crowding-and-space');
      if (type !== 'crowding-and-space') expect(scope.phase).toBe(1);
    }
  });

  it('excess cold as a significant hazard is not in scope without phaseDates, and the reason names phase 2 and 2026', () => {
    for (const on of ['2025-10-27', '2026-06-01', '2026-12-31', '2030-01-01']) {
      const scope = hazardInScope('excess-cold', 'significant', on);
      expect(scope.inScope).toBe(false);
      expect(scope.phase).toBe(2);
      expect(scope.reason).toMatch(/phase 2/);
      expect(scope.reason).toMatch(/2026/);
      expect(scope.reason).toMatch(/commencement date/);
      expect(scope.reason).toMatch(/phaseDates\[2\]/);
    }
  });

  it('with phaseDates { 2: 2026-10-01 }, phase 2 hazards are in scope from that day, not the day before', () => {
    const options = { phaseDates: { 2: '2026-10-01' } };
    for (const type of PHASE_2) {
      expect(hazardInScope(type, 'significant', '2026-09-30', options).inScope).toBe(false);
      expect(hazardInScope(type, 'significant', '2026-10-01', options)).toMatchObject({ inScope: true, phase: 2 });
      expect(hazardInScope(type, 'significant', '2027-05-01', options).inScope).toBe(true);
    }
    expect(hazardInScope('excess-cold', 'significant', '2026-09-30', options).reason).toMatch(/2026-10-01/);
    // Phase 3 hazards still wait for their own day.
    const lead = hazardInScope('lead', 'significant', '2026-10-01', options);
    expect(lead).toMatchObject({ inScope: false, phase: 3 });
    expect(lead.reason).toMatch(/phase 3.*2027/);
  });

  it('phase 3 hazards come in with phaseDates[3], whatever phase 2 does', () => {
    for (const type of PHASE_3) {
      expect(hazardInScope(type, 'significant', '2027-03-31', { phaseDates: { 3: '2027-04-01' } }).inScope).toBe(false);
      expect(hazardInScope(type, 'significant', '2027-04-01', { phaseDates: { 3: '2027-04-01' } })).toMatchObject({ inScope: true, phase: 3 });
    }
  });

  it('crowding and space is never in scope, in any category, on any day, with any phase dates', () => {
    const phaseDates = { 2: '2026-01-01', 3: '2027-01-01' };
    for (const on of ['2025-10-26', '2025-10-27', '2026-06-01', '2040-01-01']) {
      for (const category of ['emergency', 'significant'] as const) {
        const scope = hazardInScope('crowding-and-space', category, on, { phaseDates });
        expect(scope.inScope).toBe(false);
        expect(scope.phase).toBeUndefined();
        expect('phase' in scope).toBe(false);
        expect(scope.reason).toMatch(/every phase/);
      }
    }
  });

  it('once every phase has its day, every hazard but crowding and space is in scope as a significant hazard', () => {
    const phaseDates = { 2: '2026-10-01', 3: '2027-10-01' };
    for (const type of HAZARD_TYPES) expect(hazardInScope(type, 'significant', '2027-10-01', { phaseDates }).inScope).toBe(type !== 'crowding-and-space');
  });
});
