/**
 * @internal What the SQLite and PostgreSQL backends share: the columns of the projection row, and
 * the conversion between a row and a {@link ComplaintProjection}.
 */
import type { ComplaintProjection, Derived } from './derive.js';

/** @internal The projection columns, in the order {@link projectionValues} gives them. */
export const PROJECTION_COLUMNS = ['stage', 'status', 'closure', 'next_deadline', 'next_due', 'overdue', 'handler', 'division', 'tenure', 'category', 'received_on', 'last_event_at'] as const;

/** @internal Every column of `hc_complaints` but its key, in the order {@link complaintValues} gives them. */
export const COMPLAINT_COLUMNS = ['sequence', 'snapshot', ...PROJECTION_COLUMNS, 'record'] as const;

/** @internal The values of {@link COMPLAINT_COLUMNS} for a derived row; `overdue` as the backend stores a boolean. */
export function complaintValues(sequence: number, derived: Derived, bool: (value: boolean) => unknown): unknown[] {
  const p = derived.projection;
  return [sequence, derived.snapshot, p.stage, p.status, p.closure, p.nextDeadline, p.nextDue, bool(p.overdue), p.handler, p.division, p.tenure, p.category, p.receivedOn, p.lastEventAt, derived.record];
}

/** @internal A projection from a row of `hc_complaints`. */
export function projectionOf(row: Record<string, unknown>): ComplaintProjection {
  return {
    complaintId: row.complaint_id as string,
    sequence: Number(row.sequence),
    stage: row.stage as string,
    status: row.status as string,
    closure: (row.closure as string | null) ?? null,
    nextDeadline: (row.next_deadline as string | null) ?? null,
    nextDue: (row.next_due as string | null) ?? null,
    overdue: row.overdue === true || row.overdue === 1,
    handler: (row.handler as string | null) ?? null,
    division: row.division as string,
    tenure: (row.tenure as string | null) ?? null,
    category: (row.category as string | null) ?? null,
    receivedOn: row.received_on as string,
    lastEventAt: row.last_event_at as string,
  };
}

/** @internal The projection columns as a select list. */
export const PROJECTION_SELECT = `complaint_id, sequence, ${PROJECTION_COLUMNS.join(', ')}`;
