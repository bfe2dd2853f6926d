import { describe, expect, it } from 'vitest';
import { HOUSING_OMBUDSMAN, readability, validateLetter, type Letter } from '../../src/letters/index.js';
import { samples } from '../../examples/letters/samples.js';

const refusal = (reasons: string): Letter => ({ kind: 'escalation-refusal', complaintId: 'C-1', sentOn: '2025-03-03', reasons, ombudsman: HOUSING_OMBUDSMAN });

describe('readability', () => {
  it('scores plain sentences as easy and gives no warnings', () => {
    const report = readability(refusal('We looked at this in May. We sent you our final answer then. We cannot look at it again.'));
    expect(report.score).toBeGreaterThanOrEqual(80);
    expect(report.sentences).toBe(3);
    expect(report.words).toBe(19);
    expect(report.warnings).toEqual([]);
  });

  it('flags long, dense sentences, citing 6.9 or 6.19, and lists the longest', () => {
    const dense =
      'Notwithstanding the aforementioned considerations, the organisation has determined that the escalation request cannot be progressed in accordance with the applicable procedural requirements and the exclusions specified within the policy documentation, having regard to the circumstances previously communicated.';
    const report = readability(refusal(`${dense} We are sorry.`));
    expect(report.score).toBeLessThan(30);
    expect(report.band).toBe('very difficult');
    expect(report.longestSentences[0]).toMatchObject({ path: ['reasons'], words: 37 });
    expect(report.longestSentences[1]).toMatchObject({ text: 'We are sorry.', words: 3 });
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings.every((w) => w.includes('6.9, 6.19'))).toBe(true);
    const stage2 = structuredClone(samples.stage2Response) as Extract<Letter, { kind: 'stage2-response' }>;
    stage2.findings[0]!.reasons = dense;
    expect(readability(stage2).warnings.some((w) => w.includes('6.19'))).toBe(true);
  });

  it('refuses to score something that is not a valid letter', () => {
    for (const input of [null, { kind: 'acknowledgement' }]) expect(() => readability(input as never)).toThrow(/not valid|must be an object/);
  });

  it('is a warning only: a hard-to-read letter is still valid', () => {
    const letter = refusal('Notwithstanding the aforementioned considerations, determination of eligibility necessitates comprehensive reconsideration.');
    expect(readability(letter).warnings.length).toBeGreaterThan(0);
    expect(validateLetter(letter).ok).toBe(true);
  });

  it('reads the prose of every sample letter as plain English or better, but one', () => {
    const scores = Object.fromEntries(Object.entries(samples).map(([name, letter]) => [name, readability(letter).band]));
    expect(Object.values(scores).filter((band) => band === 'fairly difficult' || band === 'difficult' || band === 'very difficult').length).toBeLessThanOrEqual(1);
  });
});
