/**
 * Which hazards Awaab's Law covers, and from when. The Regulations (The Hazards in Social Housing
 * (Prescribed Requirements) (England) Regulations 2025) came into force on 27 October 2025 for
 * emergency hazards and for damp and mould that is a significant hazard; the government's guidance
 * brings in more significant hazards "in 2026" and "in 2027", with no day given.
 */
import { isIsoDate, type IsoDate } from '../calendar/isoDate.js';
import { InvalidInputError } from '../errors.js';
import { oneOf, readRecord } from './input.js';

/**
 * The 29 hazards of the Housing Health and Safety Rating System (HHSRS), in the order of its
 * Schedule 1, as kebab-case ids. Awaab's Law is built on them.
 *
 * @example
 * ```ts
 * HAZARD_TYPES.length; //=> 29
 * HAZARD_TYPES[0]; //=> 'damp-and-mould'
 * HAZARD_TYPES.includes('crowding-and-space'); //=> true
 * ```
 */
export const HAZARD_TYPES = Object.freeze([
  'damp-and-mould',
  'excess-cold',
  'excess-heat',
  'asbestos-and-mmf',
  'biocides',
  'carbon-monoxide-and-fuel-combustion-products',
  'lead',
  'radiation',
  'uncombusted-fuel-gas',
  'volatile-organic-compounds',
  'crowding-and-space',
  'entry-by-intruders',
  'lighting',
  'noise',
  'domestic-hygiene-pests-and-refuse',
  'food-safety',
  'personal-hygiene-sanitation-and-drainage',
  'water-supply',
  'falls-associated-with-baths',
  'falls-on-level-surfaces',
  'falls-on-stairs',
  'falls-between-levels',
  'electrical-hazards',
  'fire',
  'flames-and-hot-surfaces',
  'collision-and-entrapment',
  'explosions',
  'position-and-operability-of-amenities',
  'structural-collapse-and-falling-elements',
] as const);

/**
 * One of the 29 HHSRS hazards, as a kebab-case id (see {@link HAZARD_TYPES}).
 *
 * @example
 * ```ts
 * const hazard: HazardType = 'damp-and-mould';
 * ```
 */
export type HazardType = (typeof HAZARD_TYPES)[number];

/**
 * Whether `value` is one of the 29 HHSRS hazard ids of {@link HAZARD_TYPES}. Never throws.
 *
 * @param value - anything
 * @returns `true` for a hazard id such as `'excess-cold'`
 *
 * @example
 * ```ts
 * isHazardType('excess-cold'); //=> true
 * isHazardType('Excess cold'); //=> false
 * ```
 */
export function isHazardType(value: unknown): value is HazardType {
  return typeof value === 'string' && (HAZARD_TYPES as readonly string[]).includes(value);
}

/**
 * How serious a hazard is under Awaab's Law: an `'emergency'` hazard (a reasonable landlord would
 * make it safe within 24 hours) or a `'significant'` one (to be dealt with urgently, but not within
 * 24 hours). These readings of the definitions come from secondary sources.
 *
 * @example
 * ```ts
 * const category: HazardCategory = 'significant';
 * ```
 */
export type HazardCategory = 'emergency' | 'significant';

/** The two categories, for validation. */
const CATEGORIES: readonly HazardCategory[] = ['emergency', 'significant'];

/**
 * One phase of Awaab's Law: when it starts and which hazards it brings in.
 *
 * @example
 * ```ts
 * const phase: HazardPhase = HAZARD_PHASES[1]!;
 * phase.from; //=> undefined (the guidance gives the year only)
 * phase.fromYear; //=> 2026
 * ```
 */
export interface HazardPhase {
  /** The phase: 1, 2 or 3. */
  readonly phase: 1 | 2 | 3;
  /** The day it starts, `'YYYY-MM-DD'`; `undefined` when no source gives the day (phases 2 and 3). */
  readonly from: IsoDate | undefined;
  /** The year it starts. */
  readonly fromYear: number;
  /**
   * The hazards that come into scope as significant hazards with this phase.
   * `'all-but-overcrowding'` (phase 3) means every HHSRS hazard not already in scope, except crowding and space.
   */
  readonly significantHazards: readonly HazardType[] | 'all-but-overcrowding';
  /** Emergency hazards: every HHSRS hazard except crowding and space, from phase 1 on. */
  readonly emergencyHazards: 'all-but-overcrowding';
  /** What the entry rests on (ids as in {@link HAZARD_SOURCES}). */
  readonly source: string;
  /** Whether what this entry states (the day or year, and the significant hazards) is confirmed by a primary source. */
  readonly verified: boolean;
  /** What the entry leaves open, or rests on a secondary source for. */
  readonly note: string;
}

/** @internal The day the Regulations came into force: phase 1. */
export const COMMENCEMENT = '2025-10-27';

/** The year each phase starts (phase 1's day is {@link COMMENCEMENT}): what the scope rules read, without the phases' descriptions. */
// HAZARD_PHASES spells the same years out: a property read there would keep its descriptions in every bundle.
const PHASE_YEARS = { 1: 2025, 2: 2026, 3: 2027 } as const;

const PHASE_2_HAZARDS: readonly HazardType[] = Object.freeze([
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
]);

const EMERGENCY_NOTE =
  'Emergency hazards: P1 says "all emergency hazards"; that this means every HHSRS hazard except crowding and space (overcrowding) rests on a secondary source (S2; reg. 3 per secondary sources).';

/**
 * The three phases of Awaab's Law, as the government's guidance (P1, 17 October 2025, section 1)
 * gives them. Only phase 1 has a day: phases 2 and 3 are "in 2026" and "in 2027", so their `from`
 * is `undefined`, and {@link hazardInScope} needs the landlord to give their commencement dates.
 *
 * @example
 * ```ts
 * HAZARD_PHASES[0].from; //=> '2025-10-27'
 * HAZARD_PHASES[0].significantHazards; //=> ['damp-and-mould']
 * HAZARD_PHASES[1].significantHazards.includes('excess-cold'); //=> true
 * HAZARD_PHASES[2].significantHazards; //=> 'all-but-overcrowding'
 * Object.isFrozen(HAZARD_PHASES); //=> true
 * ```
 */
export const HAZARD_PHASES: readonly HazardPhase[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ Object.freeze({
    phase: 1,
    from: COMMENCEMENT,
    fromYear: 2025,
    significantHazards: /* @__PURE__ */ Object.freeze(['damp-and-mould'] as const),
    emergencyHazards: 'all-but-overcrowding',
    source: 'P1 (MHCLG guidance, 17 October 2025), section 1: "the requirements which will apply from 27 October 2025"; emergency hazards and "all damp and mould hazards that present a significant risk of harm"',
    verified: true,
    note: EMERGENCY_NOTE,
  }),
  /* @__PURE__ */ Object.freeze({
    phase: 2,
    from: undefined,
    fromYear: 2026,
    significantHazards: PHASE_2_HAZARDS,
    emergencyHazards: 'all-but-overcrowding',
    source:
      'P1 (MHCLG guidance, 17 October 2025), section 1: "In 2026": "excess cold and excess heat; falls associated with baths etc., on level surfaces, on stairs and between levels; structural collapse, and explosions; fire, and electrical hazards; domestic and personal hygiene and food safety"',
    verified: true,
    note: 'Year only: no source gives the day, so give it as phaseDates[2]. "Structural collapse" is read as the HHSRS hazard "structural collapse and falling elements", and "domestic and personal hygiene" as the two HHSRS hazards of those names.',
  }),
  /* @__PURE__ */ Object.freeze({
    phase: 3,
    from: undefined,
    fromYear: 2027,
    significantHazards: 'all-but-overcrowding',
    emergencyHazards: 'all-but-overcrowding',
    source: 'P1 (MHCLG guidance, 17 October 2025), section 1: "In 2027": "all remaining HHSRS hazards (apart from overcrowding)"',
    verified: true,
    note: 'Year only: no source gives the day, so give it as phaseDates[3].',
  }),
]);


/** Plain names of the hazards, for reasons. */
const NAMES: Readonly<Record<HazardType, string>> = {
  'damp-and-mould': 'Damp and mould',
  'excess-cold': 'Excess cold',
  'excess-heat': 'Excess heat',
  'asbestos-and-mmf': 'Asbestos and MMF',
  biocides: 'Biocides',
  'carbon-monoxide-and-fuel-combustion-products': 'Carbon monoxide and fuel combustion products',
  lead: 'Lead',
  radiation: 'Radiation',
  'uncombusted-fuel-gas': 'Uncombusted fuel gas',
  'volatile-organic-compounds': 'Volatile organic compounds',
  'crowding-and-space': 'Crowding and space',
  'entry-by-intruders': 'Entry by intruders',
  lighting: 'Lighting',
  noise: 'Noise',
  'domestic-hygiene-pests-and-refuse': 'Domestic hygiene, pests and refuse',
  'food-safety': 'Food safety',
  'personal-hygiene-sanitation-and-drainage': 'Personal hygiene, sanitation and drainage',
  'water-supply': 'Water supply',
  'falls-associated-with-baths': 'Falls associated with baths',
  'falls-on-level-surfaces': 'Falls on level surfaces',
  'falls-on-stairs': 'Falls on stairs',
  'falls-between-levels': 'Falls between levels',
  'electrical-hazards': 'Electrical hazards',
  fire: 'Fire',
  'flames-and-hot-surfaces': 'Flames and hot surfaces',
  'collision-and-entrapment': 'Collision and entrapment',
  explosions: 'Explosions',
  'position-and-operability-of-amenities': 'Position and operability of amenities',
  'structural-collapse-and-falling-elements': 'Structural collapse and falling elements',
};

/**
 * Options of {@link hazardInScope}.
 *
 * @example
 * ```ts
 * const options: HazardScopeOptions = { phaseDates: { 2: '2026-10-01' } };
 * ```
 */
export interface HazardScopeOptions {
  /**
   * The days phases 2 and 3 start, `'YYYY-MM-DD'`, once the landlord knows them from the
   * Regulations or the government. No verified source gives them yet (only "in 2026" and "in
   * 2027"), so until one is given, that phase's significant hazards are not in scope. A phase's day
   * may not fall before its year; phase 3 may not start before phase 2.
   */
  readonly phaseDates?: {
    /** The day phase 2 begins, once announced (sources give the year, 2026). */
    readonly 2?: IsoDate;
    /** The day phase 3 begins, once announced (sources give the year, 2027). */
    readonly 3?: IsoDate;
  };
}

/**
 * What {@link hazardInScope} found.
 *
 * @example
 * ```ts
 * const scope: HazardScope = hazardInScope('damp-and-mould', 'significant', '2025-10-27');
 * scope.inScope; //=> true
 * scope.phase; //=> 1
 * ```
 */
export interface HazardScope {
  /** Whether the hazard, in that category, is covered by Awaab's Law on the day. */
  readonly inScope: boolean;
  /** The phase that brings it in; absent for crowding and space, which no phase brings in. */
  readonly phase?: 1 | 2 | 3;
  /** Why, in plain words. */
  readonly reason: string;
}

/** The phase that brings in `type` as a significant hazard (not called for crowding and space). */
function significantPhase(type: HazardType): 1 | 2 | 3 {
  if (type === 'damp-and-mould') return 1;
  return PHASE_2_HAZARDS.includes(type) ? 2 : 3;
}

/**
 * @internal What is wrong with a landlord's phase dates, if anything: each must be in or after its
 * phase's year, and phase 3 not before phase 2. The one rule, for `hazardInScope` and for a policy's
 * `hazards.phaseDates`.
 */
export function phaseDatesProblem(dates: { readonly 2?: string | undefined; readonly 3?: string | undefined }): { phase: 2 | 3; expected: string } | undefined {
  for (const phase of [2, 3] as const) {
    const value = dates[phase];
    const year = PHASE_YEARS[phase];
    if (value !== undefined && (!isIsoDate(value) || value < `${year}-01-01`)) return { phase, expected: `undefined or a date 'YYYY-MM-DD' on or after ${year}-01-01 (the guidance says phase ${phase} starts in ${year})` };
  }
  if (dates[2] !== undefined && dates[3] !== undefined && dates[3] < dates[2]) return { phase: 3, expected: `a date on or after phase 2's date, ${dates[2]}` };
  return undefined;
}

/** The landlord's phase dates, checked: each a real date in or after its phase's year, phase 3 not before phase 2. */
function readPhaseDates(options: unknown): { 2?: IsoDate; 3?: IsoDate } {
  const { phaseDates } = readRecord(options, ['phaseDates'], 'options', true);
  const dates = readRecord(phaseDates, ['2', '3'], 'options.phaseDates', true);
  const checked = { 2: dates['2'], 3: dates['3'] } as { 2?: IsoDate; 3?: IsoDate };
  const problem = phaseDatesProblem(checked);
  if (problem) throw new InvalidInputError(`options.phaseDates.${problem.phase}`, checked[problem.phase], problem.expected);
  return checked;
}

/**
 * Whether Awaab's Law covers a hazard of a category on a day, and why.
 *
 * - Before 27 October 2025 nothing is in scope.
 * - Crowding and space (overcrowding) is never in scope.
 * - Emergency hazards: every other HHSRS hazard, from 27 October 2025 (phase 1).
 * - Significant hazards: damp and mould from 27 October 2025 (phase 1). The hazards of phase 2
 *   ("in 2026") and phase 3 ("in 2027") come in only once the landlord gives that phase's
 *   commencement day in `options.phaseDates`, because no verified source gives the day. Until
 *   then the answer is "not in scope", and the reason says which phase and year it waits for.
 *
 * Whether a particular defect is a hazard at all, and of which category, is the landlord's
 * judgement: this function only applies the phases.
 *
 * @param type - one of the 29 HHSRS hazard ids ({@link HAZARD_TYPES})
 * @param category - `'emergency'` or `'significant'`
 * @param on - the UK date to ask about, `'YYYY-MM-DD'` (for a report, the day the landlord became aware)
 * @param options - `phaseDates`: the days phases 2 and 3 start, once known
 * @returns whether it is in scope, the phase that brings it in, and the reason
 * @throws {@link InvalidInputError} for an unknown hazard or category, a day that is not `'YYYY-MM-DD'`,
 *   or bad options (an unknown option, a phase date before its phase's year), naming the argument in `path`
 *
 * @example
 * ```ts
 * hazardInScope('damp-and-mould', 'significant', '2025-10-26').inScope; //=> false
 * hazardInScope('damp-and-mould', 'significant', '2025-10-27').inScope; //=> true
 * hazardInScope('excess-cold', 'emergency', '2025-10-27').inScope; //=> true
 * hazardInScope('excess-cold', 'significant', '2026-12-01').inScope; //=> false (phase 2's day not given)
 * hazardInScope('excess-cold', 'significant', '2026-12-01', { phaseDates: { 2: '2026-10-01' } }).inScope; //=> true
 * hazardInScope('crowding-and-space', 'emergency', '2030-01-01').inScope; //=> false
 * hazardInScope('mould', 'significant', '2026-01-01'); // throws InvalidInputError
 * ```
 */
export function hazardInScope(type: HazardType, category: HazardCategory, on: IsoDate, options?: HazardScopeOptions): HazardScope {
  if (!isHazardType(type)) throw new InvalidInputError('type', type, 'one of the 29 HHSRS hazard ids (HAZARD_TYPES), e.g. \'damp-and-mould\'');
  const kind = oneOf(category, CATEGORIES, 'category');
  if (!isIsoDate(on)) throw new InvalidInputError('on', on, "a UK date 'YYYY-MM-DD'");
  const phaseDates = readPhaseDates(options);
  const name = NAMES[type];

  if (type === 'crowding-and-space') {
    return { inScope: false, reason: 'Crowding and space (overcrowding) is outside Awaab\'s Law in every phase.' };
  }
  if (on < COMMENCEMENT) {
    const phase = kind === 'emergency' ? 1 : significantPhase(type);
    return { inScope: false, phase, reason: `Nothing is in scope before ${COMMENCEMENT}, when the Regulations came into force (phase 1); ${on} is earlier.` };
  }
  if (kind === 'emergency') {
    return { inScope: true, phase: 1, reason: `${name} is in scope as an emergency hazard from ${COMMENCEMENT} (phase 1): every HHSRS hazard but crowding and space is.` };
  }
  const phase = significantPhase(type);
  if (phase === 1) {
    return { inScope: true, phase, reason: `${name} is in scope as a significant hazard from ${COMMENCEMENT} (phase 1).` };
  }
  const year = PHASE_YEARS[phase];
  const from = phaseDates[phase];
  if (from === undefined) {
    return {
      inScope: false,
      phase,
      reason: `${name} comes into scope as a significant hazard in phase ${phase}, which the guidance says starts in ${year} without giving the day; it is not treated as in scope until you give phase ${phase}'s commencement date (options.phaseDates[${phase}]).`,
    };
  }
  if (on < from) {
    return { inScope: false, phase, reason: `${name} comes into scope as a significant hazard in phase ${phase} (in ${year}), from ${from}, the commencement date you gave; ${on} is earlier.` };
  }
  return { inScope: true, phase, reason: `${name} is in scope as a significant hazard from ${from} (phase ${phase}, in ${year}), the commencement date you gave.` };
}
