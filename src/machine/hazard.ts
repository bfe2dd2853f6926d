/**
 * The hazard track beside a complaint (Awaab's Law), derived from its record: which deadlines are
 * due, which are met, which are still open. One derivation serves the rules, the actions, the
 * record's invariants and the views, so they cannot disagree.
 * @internal
 * @module
 */
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/calendar.js';
import { hazardDeadlines, type HazardDeadline } from '../hazards/deadlines.js';
import type { HazardDutyId } from '../hazards/duties.js';
import type { EffectivePolicy } from '../policy/effective.js';
import type { ComplaintContext } from './context.js';

/** The hazard record of a context. */
export type Hazard = NonNullable<ComplaintContext['hazard']>;

/** What a hazard's deadlines are counted from: its record's own instants and findings. */
type HazardFacts = Pick<Hazard, 'category' | 'awareAt' | 'concludedAt' | 'finding' | 'safetyWorkIdentifiedAt'>;

/** The provision a hazard deadline cites: its regulation, or the Regulations themselves. */
export const AWAAB = "Awaab's Law";

let calendar: WorkingDayCalendar | undefined;

/**
 * The working days Awaab's Law counts in: England's, built in. A landlord's own closures do not
 * move a statutory deadline, so the complaint's calendar is not used here.
 */
export function hazardCalendar(): WorkingDayCalendar {
  return (calendar ??= createWorkingDayCalendar({ region: 'england-and-wales' }));
}

/** The deadlines of a hazard from what its record knows, under the policy's reading of the Regulations. */
export function deadlinesFor(facts: HazardFacts, policy: EffectivePolicy): HazardDeadline[] {
  return hazardDeadlines(
    {
      category: facts.category,
      awareAt: facts.awareAt,
      ...(facts.concludedAt ? { investigationConcludedAt: facts.concludedAt } : {}),
      ...(facts.finding ? { finding: facts.finding } : {}),
      ...(facts.safetyWorkIdentifiedAt ? { safetyWorkIdentifiedAt: facts.safetyWorkIdentifiedAt } : {}),
    },
    { calendar: hazardCalendar(), emergencyMakeSafeFrom: policy.hazards?.emergencyMakeSafeFrom ?? 'aware' },
  );
}

/**
 * The duties a hazard has met. The investigation meets its own duty; supplementary work begun
 * meets its on-site limit too (and the reverse: on site within 12 weeks is the fallback where
 * beginning in 5 working days was not reasonably practicable); alternative accommodation meets
 * the safety work it stands in for.
 */
export function metDuties(hazard: Hazard): Set<HazardDutyId> {
  const met = new Set<HazardDutyId>(hazard.met.map((m) => m.duty));
  if (hazard.concludedAt) met.add(hazard.category === 'emergency' ? 'emergency-investigate' : 'significant-investigate');
  if (met.has('supplementary-work-begin') || met.has('supplementary-work-on-site')) met.add('supplementary-work-begin').add('supplementary-work-on-site');
  if (met.has('alternative-accommodation')) met.add('emergency-make-safe').add('significant-safety-work');
  return met;
}

/**
 * Deadlines that are not breaches when missed: beginning supplementary work in 5 working days,
 * which the Regulations (as secondary sources give them) relax to on site within 12 weeks where it
 * is not reasonably practicable.
 */
export const SOFT_DUTIES: ReadonlySet<HazardDutyId> = new Set(['supplementary-work-begin']);

/** The hazard's deadlines still to be met (none once the track is closed). */
export function openHazardDeadlines(hazard: Hazard | undefined): HazardDeadline[] {
  if (!hazard || hazard.closedAt) return [];
  const met = metDuties(hazard);
  return hazard.deadlines.filter((d) => !met.has(d.duty)) as HazardDeadline[];
}
