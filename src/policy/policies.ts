import type { Policy } from './schema.js';

const code2024: Policy = {
  id: 'code-2024',
  name: 'Housing Ombudsman Complaint Handling Code 2024',
  source: 'Housing Ombudsman Service, Complaint Handling Code, in force 1 April 2024',
  stage1: { acknowledgeWithin: 5, respondWithin: 10, extensionLimit: 10 },
  stage2: { acknowledgeWithin: 5, respondWithin: 20, extensionLimit: 20 },
  extraNamedStages: [],
  exclusions: { timeLimitMonths: 12, timeLimitExceptions: [], otherGrounds: [] },
  escalation: { reasonsRequired: false },
  extensionOmbudsmanDetails: 'always',
  communityMayExtend: false,
  representativeConsent: 'none',
  timers: [],
};

const peaksPlainsV4: Policy = {
  id: 'peaks-plains-v4',
  name: 'Peaks & Plains Housing Trust Complaints Policy V4',
  source: 'Peaks & Plains Housing Trust, Complaints Policy V4, July 2023',
  stage1: { acknowledgeWithin: 5, respondWithin: 10, extensionLimit: 10 },
  stage2: { acknowledgeWithin: 5, respondWithin: 20, extensionLimit: 20 },
  extraNamedStages: ['Quick fix'],
  exclusions: { timeLimitMonths: 6, timeLimitExceptions: ['safeguarding', 'health-and-safety'], otherGrounds: ['Unacceptable behaviour (policy 4.1, section 15)'] },
  escalation: { requestWithinWorkingDays: 20, reasonsRequired: true },
  extensionOmbudsmanDetails: 'only-if-not-agreed',
  communityMayExtend: true,
  representativeConsent: 'written',
  // Not in the policy's text, but its practice: the June 2024 self-assessment says the details are
  // in every acknowledgement and response letter (3.7).
  ombudsmanDetailsInEveryLetter: true,
  timers: [
    { id: 'quick-fix', label: 'Quick fix resolution offered', from: 'received', until: 'stage1-acknowledged', workingDays: 2, reference: '6.1.1' },
    { id: 'investigator-contact', label: 'Investigating manager contacts the resident', from: 'stage1-acknowledged', until: 'stage1-responded', workingDays: 3, reference: '6.2.1' },
  ],
};

// The Scottish Public Services Ombudsman's model complaints handling procedure for registered social
// landlords (revised; RSLs had it in place by 1 April 2021). Each value and its source, and which
// rest on the SPSO's own pages and which on adopters' copies, are in docs/jurisdictions.md.
const spsoModelChp: Policy = {
  id: 'spso-mchp',
  name: 'SPSO model complaints handling procedure (registered social landlords)',
  source: 'Scottish Public Services Ombudsman, Model Complaints Handling Procedure for registered social landlords (revised edition, in place by 1 April 2021)',
  jurisdiction: 'scotland',
  responsesCountFrom: 'start-of-stage',
  directToStage2: true,
  // Frontline response in 5 working days of receipt, no formal acknowledgement; at most 10 in all.
  stage1: { respondWithin: 5, extensionLimit: 5 },
  // Acknowledged in 3 working days; the final decision in 20 working days of the request.
  stage2: { acknowledgeWithin: 3, respondWithin: 20, extensionLimit: 20 },
  extraNamedStages: [],
  exclusions: { timeLimitMonths: 6, timeLimitExceptions: [], otherGrounds: [] },
  escalation: { reasonsRequired: false },
  extensionOmbudsmanDetails: 'always',
  communityMayExtend: false,
  representativeConsent: 'none',
  timers: [],
};

/**
 * The policies that ship: `code2024`, the Code itself (the default), and `peaksPlainsV4`, a real
 * landlord's 2023 policy that predates the Code and conflicts with it in places (see
 * {@link checkPolicy}); and `spsoModelChp`, the Scottish Public Services Ombudsman's model
 * complaints handling procedure for a Scottish landlord (jurisdiction `'scotland'`: no formal
 * acknowledgement at stage 1, and stage 2 may be entered directly).
 *
 * @example
 * ```ts
 * policies.code2024.stage2.respondWithin; //=> 20
 * policies.peaksPlainsV4.exclusions.timeLimitMonths; //=> 6
 * policies.spsoModelChp.stage1.respondWithin; //=> 5
 * ```
 */
export const policies: {
  /** The Housing Ombudsman's Complaint Handling Code 2024: the default. */
  readonly code2024: Policy;
  /** Peaks & Plains Housing Trust Complaints Policy V4 (July 2023). */
  readonly peaksPlainsV4: Policy;
  /** The SPSO model complaints handling procedure for Scottish registered social landlords. */
  readonly spsoModelChp: Policy;
} = Object.freeze({ code2024, peaksPlainsV4, spsoModelChp });
