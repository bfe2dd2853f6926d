import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../src/calendar/fingerprint.js';
import { canonicalJson } from '../../src/policy/fingerprint.js';
import { effectivePolicy, policies, policyFingerprint, type Policy } from '../../src/policy/index.js';

/** The same data with every object's keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  return value;
}

const fingerprint = (policy: Policy, enforceCode = true) => effectivePolicy(policy, enforceCode).fingerprint;
const peaks = policies.peaksPlainsV4;

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and leaves out undefined properties', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: null }, 'x'] })).toBe('{"a":[{"d":2,"e":null},"x"],"b":1}');
  });
});

describe('an effective policy’s fingerprint', () => {
  it('is 16 hex digits, pinned for the two policies that ship', () => {
    expect({ code: fingerprint(policies.code2024), peaks: fingerprint(peaks), peaksAsWritten: fingerprint(peaks, false) }).toEqual({
      code: '4f69f715284ff3bb',
      peaks: 'cabc9788d4abbd53',
      peaksAsWritten: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('is the digest documented: FNV-1a of the canonical JSON of the rules, without the id and the wording', () => {
    const { policyId: _, fingerprint: print, gaveWay, conflicts, jurisdiction, responsesFromStartOfStage, directToStage2, ...rules } = effectivePolicy(peaks);
    const brief = (list: typeof conflicts) => list.map((c) => [c.provision, c.policyRule, c.givesWay]);
    // The rules added with the Scottish procedure are digested only where they differ from the Code's.
    expect([jurisdiction, responsesFromStartOfStage, directToStage2]).toEqual(['england', false, false]);
    expect(print).toBe(fnv1a64(canonicalJson(['housing-complaints/policy@1', { ...rules, gaveWay: brief(gaveWay), conflicts: brief(conflicts) }])));
  });

  it('digests the Scottish procedure’s rules, so a Scottish policy is never taken for a Code one', () => {
    const { policyId: _, fingerprint: print, gaveWay, conflicts, ...rules } = effectivePolicy(policies.spsoModelChp);
    const brief = (list: typeof conflicts) => list.map((c) => [c.provision, c.policyRule, c.givesWay]);
    expect(rules).toMatchObject({ jurisdiction: 'scotland', responsesFromStartOfStage: true, directToStage2: true });
    expect(print).toBe(fnv1a64(canonicalJson(['housing-complaints/policy@1', { ...rules, gaveWay: brief(gaveWay), conflicts: brief(conflicts) }])));
    // The same timescales under the Code's jurisdiction are another policy.
    expect(fingerprint({ ...policies.spsoModelChp, jurisdiction: 'england' }, false)).not.toBe(fingerprint(policies.spsoModelChp, false));
  });

  it('does not depend on the order of the keys', () => {
    expect(fingerprint(reverseKeys(peaks))).toBe(fingerprint(peaks));
    expect(fingerprint(reverseKeys(policies.code2024))).toBe(fingerprint(policies.code2024));
  });

  it('leaves out the id, the name and the source', () => {
    expect(fingerprint({ ...peaks, id: 'renamed', name: 'Renamed', source: 'Elsewhere' })).toBe(fingerprint(peaks));
  });

  it.each([
    ['a stricter stage 1 acknowledgement', { ...peaks, stage1: { ...peaks.stage1, acknowledgeWithin: 3 } }],
    ['a stricter stage 2 response', { ...peaks, stage2: { ...peaks.stage2, respondWithin: 15 } }],
    ['another escalation window', { ...peaks, escalation: { ...peaks.escalation, requestWithinWorkingDays: 10 } }],
    ['one timer less', { ...peaks, timers: peaks.timers.slice(1) }],
    ['a timer with another deadline', { ...peaks, timers: [{ ...peaks.timers[0]!, workingDays: 3 }, peaks.timers[1]!] }],
    ['the timers in another order', { ...peaks, timers: [...peaks.timers].reverse() }],
    ['another exception to the time limit', { ...peaks, exclusions: { ...peaks.exclusions, timeLimitExceptions: ['safeguarding'] } }],
    ['no consent needed', { ...peaks, representativeConsent: 'none' }],
    ['no Ombudsman details in every letter', { ...peaks, ombudsmanDetailsInEveryLetter: false }],
  ] as [string, Policy][])('changes with %s', (_, policy) => {
    expect(fingerprint(policy)).not.toBe(fingerprint(peaks));
  });

  it('changes with enforceCode', () => {
    expect(fingerprint(peaks, false)).not.toBe(fingerprint(peaks, true));
  });

  it('is the same for a policy that differs only where the Code overrides it, when the Code is enforced', () => {
    // A 6-month limit and a 3-month one both give way to the Code's 12 months; the conflict list is the same too.
    expect(fingerprint({ ...peaks, exclusions: { ...peaks.exclusions, timeLimitMonths: 3 } })).toBe(fingerprint(peaks));
    expect(fingerprint({ ...peaks, exclusions: { ...peaks.exclusions, timeLimitMonths: 3 } }, false)).not.toBe(fingerprint(peaks, false));
  });

  it('is what policyFingerprint gives', () => {
    expect(policyFingerprint(peaks)).toBe(fingerprint(peaks));
    expect(policyFingerprint(peaks, false)).toBe(fingerprint(peaks, false));
  });
});
