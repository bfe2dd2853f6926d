/**
 * The fingerprint of an effective policy: a short, stable digest of the rules a machine runs.
 * @internal
 * @module
 */
import { fnv1a64 } from '../calendar/fingerprint.js';
import type { EffectivePolicy } from './effective.js';

/** JSON with every object's keys in sorted order and `undefined` properties left out: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of the rules of an effective policy (without its `fingerprint`): 64-bit FNV-1a
 * (16 hex digits) of the canonical JSON of every rule except `policyId`, with `gaveWay` and
 * `conflicts` as `[provision, policyRule, givesWay]` (their wording left out, so rewording a
 * message keeps the fingerprint). Lists keep their order.
 */
export function rulesFingerprint(rules: Omit<EffectivePolicy, 'fingerprint'>): string {
  const { policyId: _id, gaveWay, conflicts, jurisdiction, responsesFromStartOfStage, directToStage2, ...rest } = rules;
  const brief = (list: EffectivePolicy['conflicts']) => list.map((c) => [c.provision, c.policyRule, c.givesWay]);
  // What came after the first jurisdiction is digested only where it differs from the Code's, so a
  // Code policy keeps the fingerprint its stored records were made with.
  const beyondCode = {
    ...(jurisdiction === 'england' ? {} : { jurisdiction }),
    ...(responsesFromStartOfStage ? { responsesFromStartOfStage } : {}),
    ...(directToStage2 ? { directToStage2 } : {}),
  };
  return fnv1a64(canonicalJson(['housing-complaints/policy@1', { ...rest, ...beyondCode, gaveWay: brief(gaveWay), conflicts: brief(conflicts) }]));
}
