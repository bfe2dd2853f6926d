/**
 * The deadlines a complaint has open, derived from its context: one function serves TICK (which
 * records the missed ones as breaches) and describeComplaint (which shows them).
 */
import type { ComplaintContext } from './context.js';

/** @internal An open deadline. */
export interface OpenDeadline {
  /** A stable name: `stage1.acknowledge`, `stage2.respond`, `remedy:r1`, `action:s1-a1`, `timer:quick-fix`. */
  readonly deadline: string;
  readonly provision: string;
  readonly due: string;
}

/** @internal Every deadline still to be met. */
export function openDeadlines(context: ComplaintContext): OpenDeadline[] {
  const open: OpenDeadline[] = [];
  if (!context.closure) {
    for (const [stage, acknowledge, respond] of [
      [context.stage1, '6.2', '6.3'],
      [context.stage2, '6.11', '6.14'],
    ] as const) {
      if (!stage) continue;
      const name = stage === context.stage1 ? 'stage1' : 'stage2';
      if (!stage.acknowledgedOn) open.push({ deadline: `${name}.acknowledge`, provision: acknowledge, due: stage.acknowledgeBy });
      else if (!stage.respondedOn && stage.respondBy) open.push({ deadline: `${name}.respond`, provision: respond, due: stage.respondBy });
    }
  }
  for (const item of context.tracked) {
    if (!item.completedOn && item.dueOn) open.push({ deadline: `${item.kind}:${item.id}`, provision: item.provision, due: item.dueOn });
  }
  if (!context.closure) {
    for (const timer of context.timers) if (!timer.metOn && !timer.stoppedOn) open.push({ deadline: `timer:${timer.id}`, provision: `policy ${timer.reference}`, due: timer.due });
  }
  return open;
}
