/**
 * What the store keeps beside each complaint's event log, derived from its snapshot by one function:
 * the serialized snapshot, the projection row (what lists and the work queue read), the open
 * deadlines (the work queue's index) and the anonymous record (what reports read). An append and a
 * rebuild both write what this returns, so the two can never disagree.
 */
import { toUkDate } from '../calendar/ukDate.js';
import { openDeadlines, type OpenDeadline } from '../machine/deadlines.js';
import type { ComplaintSnapshot } from '../machine/machine.js';
import { serialize } from '../machine/persist.js';
import { describeComplaint } from '../machine/views.js';
import { toRecord } from '../reporting/record.js';

/**
 * A complaint's projection row: what a list of complaints shows, kept up to date by every append
 * and rebuild, and read without replaying anything.
 *
 * @example
 * ```ts
 * const row: ComplaintProjection = (await store.load('C-1')).projection;
 * row.nextDue; //=> '2025-01-13'
 * ```
 */
export interface ComplaintProjection {
  /** The landlord's reference. */
  readonly complaintId: string;
  /** The sequence number of the complaint's latest event (1 for the `RECEIVE`). */
  readonly sequence: number;
  /** Where it is (`describeComplaint`'s stage): received, stage1, stage2 or closed. */
  readonly stage: string;
  /** The step within the stage (`describeComplaint`'s status). */
  readonly status: string;
  /** Why it closed, once closed. */
  readonly closure: string | null;
  /** The nearest open deadline's name (`stage1.respond`, `remedy:r1`, ...), if any is open. */
  readonly nextDeadline: string | null;
  /** The nearest open deadline's UK date. */
  readonly nextDue: string | null;
  /** Whether an open deadline had passed at the complaint's latest event (the work queue counts from `now`). */
  readonly overdue: boolean;
  /** Who handles the current stage, as the letters name them. */
  readonly handler: string | null;
  /** The resident's UK division, whose bank holidays count. */
  readonly division: string;
  /** The home's tenure, when the host gave it. */
  readonly tenure: string | null;
  /** The landlord's category, when the host gave it. */
  readonly category: string | null;
  /** The UK day it was received. */
  readonly receivedOn: string;
  /** The instant of its latest accepted event. */
  readonly lastEventAt: string;
}

/** @internal Everything stored beside the log for one complaint at one sequence number. */
export interface Derived {
  readonly snapshot: string;
  readonly projection: ComplaintProjection;
  readonly deadlines: readonly OpenDeadline[];
  readonly record: string;
}

/** @internal What to store for a received complaint's snapshot at `sequence`. */
export function derive(snapshot: ComplaintSnapshot, sequence: number): Derived {
  const { context } = snapshot;
  const complaint = context.complaint!;
  const view = describeComplaint(snapshot);
  const deadlines = openDeadlines(context);
  let next: OpenDeadline | undefined;
  for (const open of deadlines) if (!next || open.due < next.due || (open.due === next.due && open.deadline < next.deadline)) next = open;
  const lastEventAt = context.lastEventAt!;
  const projection: ComplaintProjection = {
    complaintId: complaint.id,
    sequence,
    stage: view.stage,
    status: view.status,
    closure: context.closure?.reason ?? null,
    nextDeadline: next?.deadline ?? null,
    nextDue: next?.due ?? null,
    overdue: next !== undefined && next.due < toUkDate(lastEventAt),
    handler: (context.stage2 ?? context.stage1)?.handler ?? null,
    division: complaint.region,
    tenure: complaint.tenure ?? null,
    category: complaint.category ?? null,
    receivedOn: context.stage1!.requestedOn,
    lastEventAt,
  };
  return { snapshot: serialize(snapshot), projection, deadlines, record: JSON.stringify(toRecord(snapshot)) };
}

/**
 * A deadline the host should schedule a `TICK` for: new, or moved (an extension moves the response
 * deadline; the job's `key` stays the same, so a job queue replaces the job rather than adding one).
 *
 * @example
 * ```ts
 * const job: ScheduledDeadline = { key: 'C-1/stage1.respond', complaintId: 'C-1', deadline: 'stage1.respond', provision: '6.3', due: '2025-01-27', tickAt: '2025-01-28T00:00:00.000Z' };
 * ```
 */
export interface ScheduledDeadline {
  /** A stable key for the job: `<complaintId>/<deadline>`. */
  readonly key: string;
  /** The complaint. */
  readonly complaintId: string;
  /** Which deadline (`stage1.acknowledge`, `stage2.respond`, `remedy:<id>`, ...). */
  readonly deadline: string;
  /** The provision (or policy paragraph) that sets it. */
  readonly provision: string;
  /** The UK date it is due: it is met on any day up to and including this one. */
  readonly due: string;
  /**
   * When to send the `TICK` that records it as missed: the first instant of the UK day after `due`;
   * for a deadline in clock hours, a millisecond after `dueAt`.
   */
  readonly tickAt: string;
  /** For a deadline in clock hours (an emergency hazard's 24 hours), the instant it is due. */
  readonly dueAt?: string;
}

/**
 * A deadline that no longer needs a `TICK`: met, or gone with the stage (closed, withdrawn).
 *
 * @example
 * ```ts
 * const done: CancelledDeadline = { key: 'C-1/stage1.acknowledge', complaintId: 'C-1', deadline: 'stage1.acknowledge' };
 * ```
 */
export interface CancelledDeadline {
  /** The key the job was scheduled under. */
  readonly key: string;
  /** The complaint. */
  readonly complaintId: string;
  /** Which deadline. */
  readonly deadline: string;
}

const DAY = 86_400_000;

/** @internal The first instant of the UK day after `due` (midnight in London, GMT or BST). */
export function tickAt(due: string): string {
  const next = new Date(Date.parse(`${due}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  // In British Summer Time the UK day begins at 23:00 UTC the day before.
  const bst = `${due}T23:00:00.000Z`;
  return toUkDate(bst) === next ? bst : `${next}T00:00:00.000Z`;
}

/** @internal What changed between two lists of open deadlines of one complaint. */
export function deadlineChanges(complaintId: string, before: readonly OpenDeadline[], after: readonly OpenDeadline[]): { scheduled: ScheduledDeadline[]; cancelled: CancelledDeadline[] } {
  const was = new Map(before.map((open) => [open.deadline, open.due]));
  const now = new Set(after.map((open) => open.deadline));
  const scheduled = after
    .filter((open) => was.get(open.deadline) !== open.due)
    .map((open) => ({
      key: `${complaintId}/${open.deadline}`,
      complaintId,
      deadline: open.deadline,
      provision: open.provision,
      due: open.due,
      // A clock-hour deadline is missed the moment its instant passes, not at the end of its day.
      tickAt: open.dueAt ? new Date(Date.parse(open.dueAt) + 1).toISOString() : tickAt(open.due),
      ...(open.dueAt ? { dueAt: open.dueAt } : {}),
    }));
  const cancelled = before.filter((open) => !now.has(open.deadline)).map((open) => ({ key: `${complaintId}/${open.deadline}`, complaintId, deadline: open.deadline }));
  return { scheduled, cancelled };
}
