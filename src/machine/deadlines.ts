/**
 * The deadlines a complaint has open, derived from its context: one function serves TICK (which
 * records the missed ones as breaches) and describeComplaint (which shows them).
 */
import { citeIn } from '../policy/jurisdiction.js';
import type { ComplaintContext } from './context.js';
import { AWAAB, openHazardDeadlines, SOFT_DUTIES } from './hazard.js';

/** @internal An open deadline. */
export interface OpenDeadline {
  /** A stable name: `stage1.acknowledge`, `stage2.respond`, `remedy:r1`, `action:s1-a1`, `timer:quick-fix`, `hazard:written-summary`. */
  readonly deadline: string;
  readonly provision: string;
  readonly due: string;
  /** For a deadline in clock hours (Awaab's Law's 24 hours), the instant it is due. */
  readonly dueAt?: string;
  /** Not a breach when missed: a target with a later limit behind it (supplementary work begun in 5 working days). */
  readonly soft?: true;
}

/** @internal Every deadline still to be met. */
export function openDeadlines(context: ComplaintContext): OpenDeadline[] {
  const open: OpenDeadline[] = [];
  if (!context.closure) {
    const where = context.policy.jurisdiction ?? 'england';
    for (const [stage, acknowledge, respond] of [
      [context.stage1, citeIn(where, '6.2'), citeIn(where, '6.3')],
      [context.stage2, citeIn(where, '6.11'), citeIn(where, '6.14')],
    ] as const) {
      if (!stage) continue;
      const name = stage === context.stage1 ? 'stage1' : 'stage2';
      if (!stage.acknowledgedOn && stage.acknowledgeBy) open.push({ deadline: `${name}.acknowledge`, provision: acknowledge, due: stage.acknowledgeBy });
      // A stage 1 left for stage 2 before its response (straight to stage 2) has no response due.
      else if (!stage.respondedOn && stage.respondBy && !(name === 'stage1' && context.stage2)) open.push({ deadline: `${name}.respond`, provision: respond, due: stage.respondBy });
    }
  }
  for (const item of context.tracked) {
    if (!item.completedOn && item.dueOn) open.push({ deadline: `${item.kind}:${item.id}`, provision: citeIn(context.policy.jurisdiction ?? 'england', item.provision), due: item.dueOn });
  }
  if (!context.closure) {
    for (const timer of context.timers) if (!timer.metOn && !timer.stoppedOn) open.push({ deadline: `timer:${timer.id}`, provision: `policy ${timer.reference}`, due: timer.due });
  }
  // The hazard's deadlines run beside the complaint's, and on after it closes.
  for (const d of openHazardDeadlines(context.hazard)) {
    open.push({ deadline: `hazard:${d.duty}`, provision: d.regulation ?? AWAAB, due: d.due, ...(d.dueAt ? { dueAt: d.dueAt } : {}), ...(SOFT_DUTIES.has(d.duty) ? { soft: true as const } : {}) });
  }
  return open;
}
