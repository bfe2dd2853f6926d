import type { Region } from '../calendar/regions.js';
import { responseDue, ukDayOf } from './rules.js';
import { InvalidInputError, typedErrors } from '../errors.js';
import { openDeadlines, type OpenDeadline } from './deadlines.js';
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { compareInstants } from '../calendar/instant.js';
import { snapshotEnv, type ComplaintSnapshot } from './machine.js';

/**
 * One open deadline of one complaint, for the morning's work queue.
 *
 * @example
 * ```ts
 * const entry: WorklistEntry = { complaintId: 'C-1', deadline: 'stage1.respond', provision: '6.3', due: '2025-01-21', workingDaysLeft: 2, overdue: false };
 * ```
 */
export interface WorklistEntry {
  /** The landlord's reference. */
  readonly complaintId: string;
  /** Which deadline: `stage1.acknowledge`, `stage2.respond`, `remedy:<id>`, `action:<id>`, `timer:<id>`. */
  readonly deadline: string;
  /** The provision (or policy paragraph) that sets it. */
  readonly provision: string;
  /** The UK date it is due. */
  readonly due: string;
  /** Working days from `now` to `due` in the complaint's division: 0 on the day, -1 or less once late. */
  readonly workingDaysLeft: number;
  /** Whether `due` has passed at `now` (for a deadline in clock hours, its instant, when `now` is an instant). */
  readonly overdue: boolean;
  /** For a deadline in clock hours (an emergency hazard's 24 hours), the instant it is due. */
  readonly dueAt?: string;
}

/**
 * Options of {@link worklist}.
 *
 * @example
 * ```ts
 * const options: WorklistOptions = { now: '2025-01-20T08:00:00Z', within: 3 };
 * ```
 */
export interface WorklistOptions {
  /** Today: an instant, a Date or a UK date. The machine reads no clock, so the host says when. */
  readonly now: string | Date;
  /** Include deadlines due within this many working days (default: all open ones). Overdue ones are always included. */
  readonly within?: number;
}

/**
 * The morning's work queue across many complaints: every open deadline that is overdue or due
 * within `within` working days of `now`, nearest first (the most overdue at the top), each with
 * its working days left counted in the complaint's own division. Complaints not yet received, and
 * closed ones with nothing left to do, contribute nothing.
 *
 * @param snapshots - complaint snapshots, of any machines made by {@link createComplaintMachine}
 * @param options - `now`, and `within` working days
 * @returns the entries, by due date (then by complaint and deadline, so the order is stable)
 * @throws {@link InvalidInputError} for a bad `now` or `within`; {@link ForeignMachineError} for a value that is not a complaint snapshot
 *
 * @example
 * ```ts
 * const machine = createComplaintMachine();
 * const a = replay(machine, [{ type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'A', region: 'england-and-wales', summary: 'Leak' } }]).snapshot;
 * const b = replay(machine, [{ type: 'RECEIVE', at: '2025-01-02T09:00:00Z', complaint: { id: 'B', region: 'scotland', summary: 'Damp' } }]).snapshot;
 * worklist([a, b], { now: '2025-01-10', within: 3 }).map((e) => `${e.complaintId} ${e.deadline} ${e.workingDaysLeft}`); //=> ['B stage1.acknowledge -1', 'A stage1.acknowledge 1']
 * ```
 */
export function worklist(snapshots: Iterable<ComplaintSnapshot>, options: WorklistOptions): WorklistEntry[] {
  return typedErrors('snapshots', snapshots, 'an iterable of complaint snapshots, and options { now, within }', () => queue(snapshots, options));
}

/** @internal The work-queue entry of one open deadline at `today`, or undefined when it is due beyond `within` working days. */
export function queueEntry(calendar: WorkingDayCalendar, today: string, complaintId: string, open: OpenDeadline, within: number | undefined, nowAt?: string | Date): WorklistEntry | undefined {
  // A deadline in clock hours is overdue once its instant has passed, when `now` says the time.
  const overdue = open.dueAt !== undefined && nowAt !== undefined ? compareInstants(nowAt, open.dueAt) > 0 : open.due < today;
  // Late counts at least one working day, even at a weekend after a Friday deadline.
  const between = calendar.workingDaysBetween(today, open.due);
  const workingDaysLeft = overdue ? Math.min(-1, between) : between;
  if (!overdue && within !== undefined && workingDaysLeft > within) return undefined;
  return { complaintId, deadline: open.deadline, provision: open.provision, due: open.due, workingDaysLeft, overdue, ...(open.dueAt ? { dueAt: open.dueAt } : {}) };
}

/** @internal The work queue's order: by due date, then by complaint and deadline, so the order is stable. */
export const byDue = (x: WorklistEntry, y: WorklistEntry): number => x.due.localeCompare(y.due) || x.complaintId.localeCompare(y.complaintId) || x.deadline.localeCompare(y.deadline);

/** @internal `options` of a work queue, checked: today's UK date and `within`. */
export function queueOptions(options: unknown): { today: string; within: number | undefined; nowAt: string | Date | undefined } {
  if (typeof options !== 'object' || options === null) throw new InvalidInputError('options', options, '{ now, within? }');
  const now = (options as WorklistOptions).now;
  const today = ukDayOf(now, 'now');
  // The instant of `now`, when it is one: a UK date alone cannot say whether 24 clock hours have passed.
  const nowAt = typeof now === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(now) ? undefined : (now as string | Date);
  const within = (options as WorklistOptions).within;
  if (within !== undefined && (!Number.isInteger(within) || within < 0)) throw new InvalidInputError('within', within, 'a whole number of working days, 0 or more');
  return { today, within, nowAt };
}

function queue(snapshots: Iterable<ComplaintSnapshot>, options: WorklistOptions): WorklistEntry[] {
  const { today, within, nowAt } = queueOptions(options);
  const entries: WorklistEntry[] = [];
  for (const snapshot of snapshots) {
    const env = snapshotEnv(snapshot, 'worklist');
    const { complaint } = snapshot.context;
    if (!complaint) continue;
    const calendar = env.calendar(complaint.region as Region);
    for (const open of openDeadlines(snapshot.context)) {
      const entry = queueEntry(calendar, today, complaint.id, open, within, nowAt);
      if (entry) entries.push(entry);
    }
  }
  return entries.sort(byDue);
}

/**
 * The timeline a complaint that has only been received can expect under its policy: the
 * acknowledgement deadline, the response deadline if it is acknowledged on the last allowed day,
 * and that response deadline with the longest extension allowed without a good reason.
 *
 * @example
 * ```ts
 * const timeline: ProjectedTimeline = { acknowledgeBy: '2025-01-13', respondBy: '2025-01-27', respondByWithLongestExtension: '2025-02-10' };
 * ```
 */
export interface ProjectedTimeline {
  /** The stage 1 acknowledgement deadline (6.2); absent under a policy with no acknowledgement at stage 1 (the SPSO model procedure). */
  readonly acknowledgeBy?: string;
  /** The stage 1 response deadline if acknowledged on `acknowledgeBy` (6.3), or counted from receipt where stage 1 has no acknowledgement. */
  readonly respondBy: string;
  /** `respondBy` with the longest extension allowed without a good reason (6.4). */
  readonly respondByWithLongestExtension: string;
}

/**
 * Projects the stage 1 timeline of a received complaint (see {@link ProjectedTimeline}), counted
 * in working days of its division under its policy, so a screen can show what is coming before
 * anything has been acknowledged.
 *
 * @param snapshot - a snapshot of a complaint machine, after `RECEIVE`
 * @returns the projected deadlines
 * @throws {@link InvalidInputError} for a complaint not yet received
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2024-12-20T16:45:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
 * ]);
 * projectTimeline(snapshot); //=> { acknowledgeBy: '2024-12-31', respondBy: '2025-01-15', respondByWithLongestExtension: '2025-01-29' }
 * ```
 */
export function projectTimeline(snapshot: ComplaintSnapshot): ProjectedTimeline {
  return typedErrors('snapshot', snapshot, 'a complaint snapshot', () => project(snapshot));
}

function project(snapshot: ComplaintSnapshot): ProjectedTimeline {
  const env = snapshotEnv(snapshot, 'projectTimeline');
  const { complaint, stage1 } = snapshot.context;
  if (!complaint || !stage1) throw new InvalidInputError('snapshot', 'a new complaint', 'a complaint that has been received (RECEIVE)');
  const calendar = env.calendar(complaint.region as Region);
  const respondBy = responseDue(env, complaint.region, stage1.acknowledgeBy ?? stage1.requestedOn, 1, stage1.requestedOn);
  const longest = calendar.addWorkingDays(respondBy, env.policy.stage1.extensionLimit);
  return stage1.acknowledgeBy ? { acknowledgeBy: stage1.acknowledgeBy, respondBy, respondByWithLongestExtension: longest } : { respondBy, respondByWithLongestExtension: longest };
}
