/**
 * Complaints policies as data, the two that ship, and checks against the Code 2024.
 * @module
 */
export { Policy } from './schema.js';
export { policies } from './policies.js';
export { checkPolicy, type PolicyConflict } from './check.js';
export { effectivePolicy, policyFingerprint, type EffectivePolicy } from './effective.js';
export { InvalidPolicyError, isInvalidPolicyError } from './errors.js';
