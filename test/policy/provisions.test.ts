/**
 * The provision table: every numbered provision of the Code 2024 that the Peaks & Plains
 * self-assessment of June 2024 lists, each with coverage the repository can back up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LETTER_KINDS, letterParts } from '../../src/letters/index.js';
import { checkPolicy, policies, type Policy } from '../../src/policy/index.js';
import { PROVISIONS } from '../../src/policy/provisions.js';
import { SELF_ASSESSMENT_NUMBERS } from './selfAssessmentNumbers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Fixture: the Code's section titles, as the self-assessment form heads them. */
const SECTION_TITLES: Record<number, string> = {
  1: 'Definition of a complaint',
  2: 'Exclusions',
  3: 'Accessibility and Awareness',
  4: 'Complaint Handling Staff',
  5: 'The Complaint Handling Process',
  6: 'Complaints Stages',
  7: 'Putting things right',
  8: 'Self-assessment, reporting and compliance',
  9: 'Scrutiny & oversight: continuous learning and improvement',
};

const byNumber = new Map(PROVISIONS.map((p) => [p.number, p]));

/** A policy slower than the Code at every timescale, with every other conflict of Peaks & Plains V4. */
const slowest: Policy = {
  ...policies.peaksPlainsV4,
  id: 'slowest',
  stage1: { acknowledgeWithin: 10, respondWithin: 20, extensionLimit: 20 },
  stage2: { acknowledgeWithin: 10, respondWithin: 40, extensionLimit: 40 },
};

describe('PROVISIONS', () => {
  it('lists exactly the provision numbers of the self-assessment form, in its order', () => {
    expect(PROVISIONS.map((p) => p.number)).toEqual(SELF_ASSESSMENT_NUMBERS);
    expect(PROVISIONS).toHaveLength(72);
  });

  it('puts each provision in its section, with the Code’s section title', () => {
    for (const p of PROVISIONS) {
      expect(p.section.number, p.number).toBe(Number(p.number.split('.')[0]));
      expect(p.section.title, p.number).toBe(SECTION_TITLES[p.section.number]);
    }
  });

  it('summarises each provision in one or two sentences', () => {
    for (const p of PROVISIONS) {
      expect(p.summary.length, p.number).toBeGreaterThan(40);
      expect(p.summary.length, p.number).toBeLessThan(500);
      expect(p.summary, p.number).toMatch(/[.]$/);
      expect(p.summary.split(/[.;:] (?=[A-Z])/).length, p.number).toBeLessThanOrEqual(3);
    }
  });

  it('cites only test files that exist', () => {
    const cited = [...new Set(PROVISIONS.flatMap((p) => p.coverage.tests))];
    expect(cited.length).toBeGreaterThan(5);
    expect(cited.filter((file) => !/^test\/.+\.test\.ts$/.test(file) || !existsSync(join(root, file)))).toEqual([]);
  });

  it('backs every provision the library covers with tests, one of which names the provision', () => {
    const mentions = (file: string, number: string) => new RegExp(`(?<![\\d.])${number.replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(readFileSync(join(root, file), 'utf8'));
    for (const p of PROVISIONS.filter((p) => p.coverage.kind !== 'landlord')) {
      expect(p.coverage.tests.length, p.number).toBeGreaterThan(0);
      expect(p.coverage.tests.some((file) => mentions(file, p.number)), `${p.number}: ${p.coverage.tests.join(', ')}`).toBe(true);
    }
  });

  it('says what the landlord must show for every provision outside the software', () => {
    for (const p of PROVISIONS.filter((p) => p.coverage.kind === 'landlord')) {
      expect(p.coverage.landlordPart?.length ?? 0, p.number).toBeGreaterThan(10);
    }
    expect(PROVISIONS.every((p) => p.coverage.evidence.trim().length > 10)).toBe(true);
  });

  it('holds every provision checkPolicy can cite, naming the policy rule among its fields', () => {
    for (const policy of [policies.peaksPlainsV4, slowest]) {
      const conflicts = checkPolicy(policy);
      expect(conflicts.length).toBeGreaterThan(0);
      for (const conflict of conflicts) {
        expect(byNumber.has(conflict.provision), conflict.provision).toBe(true);
        expect(byNumber.get(conflict.provision)?.coverage.policyFields, conflict.provision).toContain(conflict.policyRule);
      }
    }
    expect(new Set(checkPolicy(slowest).map((c) => c.provision))).toEqual(new Set(['2.2', '2.3', '5.2', '5.11', '6.2', '6.3', '6.4', '6.5', '6.11', '6.12', '6.14', '6.15', '6.16']));
  });

  it('names only policy fields that exist', () => {
    const valueAt = (field: string) => field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], policies.peaksPlainsV4);
    for (const p of PROVISIONS) for (const field of p.coverage.policyFields) expect(valueAt(field), `${p.number}: ${field}`).not.toBeUndefined();
  });

  it('holds every provision a letter part cites', () => {
    const cited = LETTER_KINDS.flatMap((kind) => [1, 2].flatMap((stage) => letterParts(kind, stage as 1 | 2).map((part) => part.provision.replace(/\([a-g]\)$/, ''))));
    expect([...new Set(cited)].filter((number) => !byNumber.has(number))).toEqual([]);
  });

  it('is frozen, all the way down', () => {
    expect(Object.isFrozen(PROVISIONS)).toBe(true);
    const p = PROVISIONS[0]!;
    expect(Object.isFrozen(p) && Object.isFrozen(p.section) && Object.isFrozen(p.coverage) && Object.isFrozen(p.coverage.tests)).toBe(true);
    expect(() => (PROVISIONS as unknown as unknown[]).push({})).toThrow(TypeError);
  });
});
