/**
 * Jurisdictions: whose rules are a policy's floor, which ombudsman a resident may go to, and how
 * the rules are cited. A policy's jurisdiction is not its calendar: deadlines are counted in the
 * working days of the resident's own UK division, whatever the jurisdiction.
 * @module
 */

/**
 * A jurisdiction a policy may name: `'england'` (the Housing Ombudsman's Complaint Handling Code
 * 2024) or `'scotland'` (the Scottish Public Services Ombudsman's model complaints handling
 * procedure for registered social landlords).
 *
 * @example
 * ```ts
 * const where: JurisdictionId = 'scotland';
 * ```
 */
export type JurisdictionId = 'england' | 'scotland';

/**
 * What a jurisdiction means for a complaint: its ombudsman, the rules that are its floor, and how
 * explanations cite them.
 *
 * @example
 * ```ts
 * JURISDICTIONS.scotland.ombudsman; //=> 'Scottish Public Services Ombudsman (SPSO)'
 * ```
 */
export interface Jurisdiction {
  /** Its id. */
  readonly id: JurisdictionId;
  /** The ombudsman a resident may go to once the landlord's procedure is finished, as letters and explanations call it. */
  readonly ombudsman: string;
  /** The rules that are the floor of every policy of this jurisdiction. */
  readonly floor: string;
  /** The id of the shipped policy that is the floor (in `policies`). */
  readonly floorPolicyId: string;
  /** Where the resident's right to the ombudsman and its time limit come from. */
  readonly ombudsmanTimeLimit: string;
}

/**
 * The jurisdictions the library supports. Wales (the Public Services Ombudsman for Wales) and
 * Northern Ireland (NIPSO) are not here: their model procedures' values could not be verified
 * against the published procedures (see the jurisdictions guide).
 *
 * @example
 * ```ts
 * JURISDICTIONS.england.floor; //=> 'Housing Ombudsman Complaint Handling Code 2024'
 * JURISDICTIONS.scotland.floorPolicyId; //=> 'spso-mchp'
 * ```
 */
export const JURISDICTIONS: Readonly<Record<JurisdictionId, Jurisdiction>> = Object.freeze({
  england: Object.freeze({
    id: 'england',
    ombudsman: 'Housing Ombudsman',
    floor: 'Housing Ombudsman Complaint Handling Code 2024',
    floorPolicyId: 'code-2024',
    ombudsmanTimeLimit: 'Code 3.7: the resident may contact the Housing Ombudsman at any time; the Ombudsman investigates once the landlord’s procedure is finished.',
  }),
  scotland: Object.freeze({
    id: 'scotland',
    ombudsman: 'Scottish Public Services Ombudsman (SPSO)',
    floor: 'SPSO model complaints handling procedure for registered social landlords',
    floorPolicyId: 'spso-mchp',
    ombudsmanTimeLimit: 'Scottish Public Services Ombudsman Act 2002, section 10(1): normally within 12 months of the resident first knowing of the problem.',
  }),
});

/**
 * @internal How the SPSO model complaints handling procedure is cited: by the part of the procedure, since
 * the stored text of the procedure with its paragraph numbers could not be checked (the guide says
 * which values rest on the SPSO's own pages and which on adopters' copies).
 */
export const MCHP = {
  stages: 'MCHP two stages',
  stage1: 'MCHP stage 1',
  stage1Extension: 'MCHP stage 1 extension',
  stage2Acknowledgement: 'MCHP stage 2 acknowledgement',
  stage2: 'MCHP stage 2',
  stage2Extension: 'MCHP stage 2 extension',
  direct: 'MCHP straight to stage 2',
  timeLimit: 'MCHP time limit',
  ombudsman: 'SPSO Act 2002 s10',
} as const;

/** The Code's provisions with a counterpart in the SPSO model procedure. */
const SCOTTISH_COUNTERPART: Readonly<Record<string, string>> = {
  '2.3': MCHP.timeLimit,
  '3.7': MCHP.ombudsman,
  '5.2': MCHP.stages,
  '5.3': MCHP.stages,
  '6.3': MCHP.stage1,
  '6.4': MCHP.stage1Extension,
  '6.11': MCHP.stage2Acknowledgement,
  '6.14': MCHP.stage2,
  '6.15': MCHP.stage2Extension,
  '6.19(g)': MCHP.ombudsman,
  '6.20': MCHP.stage2,
};

/**
 * @internal How a reason's provision reads in a jurisdiction. Under the Code, as it is. Under the
 * SPSO procedure, its counterpart where the procedure has one; otherwise the Code's rule, applied
 * as good practice where the procedure (as verified) is silent, cited as `'Code 2024 6.13'`. Policy
 * paragraphs (`'policy 6.3.1'`) and the Awaab's Law regulations are left as they are.
 */
export function citeIn(jurisdiction: JurisdictionId, provision: string): string {
  if (jurisdiction === 'england' || !/^\d/.test(provision)) return provision;
  return SCOTTISH_COUNTERPART[provision] ?? `Code 2024 ${provision}`;
}

/**
 * @internal A reason's words in a jurisdiction: the ombudsman by its own name, and the Code named
 * as the Code 2024 where it is applied as good practice.
 */
export function wordsIn(jurisdiction: JurisdictionId, message: string): string {
  if (jurisdiction === 'england') return message;
  return message.replace(/the Housing Ombudsman('s)?|Housing Ombudsman/g, (found, owner?: string) => (found.startsWith('the') ? `the SPSO${owner ?? ''}` : 'SPSO')).replace(/\b([Tt]he) Code\b(?! 2024)/g, '$1 Code 2024');
}
