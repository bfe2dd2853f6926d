/**
 * `housing-complaints/reporting`: anonymous complaint records, the Regulator of Social Housing's
 * Tenant Satisfaction Measures (CH01, CH02), the Code's annual report (8.1, 8.2) and the
 * self-assessment against the Code.
 *
 * @example
 * ```ts
 * import { createComplaintMachine, replay } from 'housing-complaints/machine';
 * import { toRecord } from 'housing-complaints/reporting';
 *
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Damp', serviceArea: 'repairs' } },
 * ]);
 * toRecord(snapshot)?.serviceArea; //=> 'repairs'
 * ```
 * @module
 */
export { VERSION } from '../version.js';
export { toRecord, parseRecord, ComplaintRecordSchema, RECORD_VERSION, InvalidRecordError, isInvalidRecordError, type ComplaintRecord } from './record.js';
export { respondedWithinTimescale, timescaleDeadline, type TimelinessOptions } from './timeliness.js';
export { selfAssessment, selfAssessmentToMarkdown, selfAssessmentToCsv, type SelfAssessment, type SelfAssessmentCompliance, type SelfAssessmentRow, type SelfAssessmentEvidence, type LandlordEvidence } from './selfAssessment.js';
export { PROVISIONS, type Provision, type CoverageKind, type ProvisionSection } from '../policy/provisions.js';
export {
  tenantSatisfactionMeasures,
  type TsmOptions,
  type TenantSatisfactionMeasures,
  type TenureMeasures,
  type UnknownTenureCounts,
  type Ch01Figure,
  type Ch02Figure,
  type Stages,
  type StageCounts,
  type SetAside,
} from './tsm.js';
export {
  annualReport,
  type AnnualReport,
  type AnnualReportOptions,
  type MonthVolume,
  type Outcomes,
  type CategoryCount,
  type ServiceAreaCount,
  type ExtensionCounts,
  type StageTimeliness,
  type BreachCount,
  type RemedyKindCount,
  type RemedyCounts,
  type OmbudsmanCounts,
  type LearningCount,
} from './annual.js';
export { renderAnnualReport, type RenderAnnualReportOptions } from './render.js';
export type { ReportingPeriod, Homes, CountingOptions, EffectiveCountingOptions } from './options.js';
export {
  comparePolicies,
  comparisonToText,
  type ComparedPolicy,
  type ComparePoliciesOptions,
  type EventLog,
  type DifferenceKind,
  type PolicyDifference,
  type PolicyTotals,
  type PolicyOutcome,
  type MalformedLogEvent,
  type PolicyComparison,
} from './compare.js';
