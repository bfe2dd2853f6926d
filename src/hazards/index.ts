/**
 * Awaab's Law (The Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025,
 * in force 27 October 2025): the hazard timescales an English social landlord must meet beside a
 * complaint, as data and pure functions.
 *
 * - {@link HAZARD_PHASES} and {@link hazardInScope}: which hazards are covered, and from when.
 * - {@link HAZARD_DUTIES}: each duty's time limit, what starts its clock, its regulation number as
 *   secondary sources give it, its sources ({@link HAZARD_SOURCES}) and whether it is verified.
 * - {@link hazardDeadlines}: the deadlines that follow from what is known so far.
 *
 * The Regulations' own text could not be read: the in-force date and the phases come from the
 * government's guidance (verified); the time limits and regulation numbers come from secondary
 * sources (`verified: false`). The working-day definition and the start of the emergency make-safe
 * 24 hours are assumptions the options can change. This module decides no question of fact (is
 * this a hazard? which category?) and gives no legal advice.
 *
 * This entry point imports no package: no XState, no zod.
 *
 * @example
 * ```ts
 * import { hazardDeadlines, hazardInScope } from 'housing-complaints';
 *
 * hazardInScope('damp-and-mould', 'significant', '2025-11-14').inScope; //=> true
 * const [investigate, makeSafe] = hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T16:30:00Z' });
 * investigate!.dueAt; //=> '2025-11-15T16:30:00Z' (a Saturday: clock hours do not stop for the weekend)
 * makeSafe!.verified; //=> false
 * ```
 * @module
 */
export {
  HAZARD_TYPES,
  HAZARD_PHASES,
  isHazardType,
  hazardInScope,
  type HazardType,
  type HazardCategory,
  type HazardPhase,
  type HazardScope,
  type HazardScopeOptions,
} from './phases.js';
export { HAZARD_DUTIES, type HazardDuty, type HazardDutyId, type HazardDutyLimit, type HazardClockStart } from './duties.js';
export { HAZARD_SOURCES, type HazardSource, type HazardSourceId } from './sources.js';
export {
  hazardDeadlines,
  type HazardDeadline,
  type HazardDeadlineInput,
  type HazardDeadlineOptions,
  type HazardFinding,
  type EmergencyMakeSafeFrom,
} from './deadlines.js';
