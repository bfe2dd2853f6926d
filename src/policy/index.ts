/**
 * Complaints policies as data, those that ship, their jurisdictions, and checks against each
 * jurisdiction's floor (the Code 2024 in England, the SPSO model procedure in Scotland).
 * @module
 */
export { Policy } from './schema.js';
export { policies } from './policies.js';
export { checkPolicy, type PolicyConflict } from './check.js';
export { effectivePolicy, policyFingerprint, type EffectivePolicy } from './effective.js';
export { InvalidPolicyError, isInvalidPolicyError } from './errors.js';
export { JURISDICTIONS, type Jurisdiction, type JurisdictionId } from './jurisdiction.js';
