/**
 * `housing-complaints/reporting`: anonymous complaint records, the Regulator of Social Housing's
 * Tenant Satisfaction Measures (CH01, CH02), the Code's annual report (8.1, 8.2) and the
 * self-assessment against the Code.
 *
 * @example
 * ```ts
 * import { toRecord } from 'housing-complaints/reporting';
 *
 * const record = toRecord(snapshot);
 * ```
 * @module
 */
export { VERSION } from '../version.js';
export { toRecord, parseRecord, ComplaintRecordSchema, RECORD_VERSION, InvalidRecordError, isInvalidRecordError, type ComplaintRecord } from './record.js';
export { respondedWithinTimescale, timescaleDeadline, type TimelinessOptions } from './timeliness.js';
