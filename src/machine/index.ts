/**
 * The complaint lifecycle of the Complaint Handling Code 2024 as an XState v5 statechart, with
 * policies as data and the Code as the floor; views for screens (describeComplaint, explain,
 * nextEvents), replay, and persistence. Needs `xstate` 5 and `zod` 4 (peer dependencies).
 *
 * @example
 * ```ts
 * import { createComplaintMachine, describeComplaint, replay } from 'housing-complaints/machine';
 *
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2024-12-20T16:45:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
 * ]);
 * describeComplaint(snapshot).deadlines.acknowledgeBy; //=> '2024-12-31'
 * ```
 * @module
 */
export {
  createComplaintMachine,
  ForeignMachineError,
  isForeignMachineError,
  MACHINE_VERSION,
  type ComplaintMachine,
  type ComplaintMachineOptions,
  type ComplaintSnapshot,
} from './machine.js';
export { VERSION } from '../version.js';
export { ComplaintContext } from './context.js';
export {
  EVENT_TYPES,
  MalformedEventError,
  isMalformedEventError,
  parseEvent,
  type ComplaintEvent,
  type DeclineReason,
  type Instant,
  type OmbudsmanFindings,
  type RefusalReason,
  type Tenure,
} from './events.js';
export type { Reason } from './rules.js';
export { describeComplaint, explain, nextEvents, type ComplaintView, type Explanation } from './views.js';
export { replay, type ReplayResult } from './replay.js';
export { step, sendEvent, type StepResult } from './step.js';
export { draftLetter, type DraftLetterOptions, type LetterDraft } from './draft.js';
export { worklist, projectTimeline, type WorklistEntry, type WorklistOptions, type ProjectedTimeline } from './worklist.js';
export { restore, serialize, SnapshotRestoreError, isSnapshotRestoreError } from './persist.js';
export type { RecordIssue } from './record.js';
export {
  Policy,
  checkPolicy,
  effectivePolicy,
  isInvalidPolicyError,
  InvalidPolicyError,
  policies,
  JURISDICTIONS,
  type EffectivePolicy,
  type PolicyConflict,
  type Jurisdiction,
  type JurisdictionId,
} from '../policy/index.js';
