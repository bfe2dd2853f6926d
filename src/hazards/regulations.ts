/**
 * Each duty of Awaab's Law by id, with its regulation and whether a primary source confirms it:
 * the one definition, read by {@link hazardDeadlines} and the complaint machine, and described in
 * full (limits, starts, sources, notes) by `HAZARD_DUTIES`. Kept apart so that a bundle counting
 * deadlines does not carry the descriptions.
 * @internal
 * @module
 */
import type { HazardDutyId } from './duties.js';

/** @internal Every duty's id, in the order of the track. */
export const HAZARD_DUTY_IDS = [
  'emergency-investigate',
  'emergency-make-safe',
  'significant-investigate',
  'written-summary',
  'significant-safety-work',
  'supplementary-work-begin',
  'supplementary-work-on-site',
  'alternative-accommodation',
] as const satisfies readonly HazardDutyId[];

/**
 * @internal The regulation of SI 2025/1042 as secondary sources give it (`'reg. 6'`; `undefined`
 * where no source seen gives one), and whether a primary source confirms the duty (none does yet).
 */
export const DUTY_REGULATIONS: Readonly<Record<HazardDutyId, { readonly regulation: string | undefined; readonly verified: boolean }>> = Object.freeze({
  'emergency-investigate': { regulation: undefined, verified: false },
  'emergency-make-safe': { regulation: 'reg. 5', verified: false },
  'significant-investigate': { regulation: 'reg. 6', verified: false },
  'written-summary': { regulation: 'reg. 9', verified: false },
  'significant-safety-work': { regulation: 'reg. 11(2)(a)', verified: false },
  'supplementary-work-begin': { regulation: 'reg. 13(2)', verified: false },
  'supplementary-work-on-site': { regulation: 'reg. 13(3)(b)', verified: false },
  'alternative-accommodation': { regulation: undefined, verified: false },
});
