import { createActor } from 'xstate';
import type { ComplaintMachine, ComplaintSnapshot } from './machine.js';
import { parseEvent, type ComplaintEvent } from './events.js';
import type { Reason } from './rules.js';
import { outcome } from './step.js';

/**
 * The result of {@link replay}.
 *
 * @example
 * ```ts
 * const result: ReplayResult = replay(createComplaintMachine(), []);
 * result.rejected; //=> []
 * ```
 */
export interface ReplayResult {
  /** The snapshot after every accepted event. */
  readonly snapshot: ComplaintSnapshot;
  /** Each refused event, with its position and the reasons, in order. */
  readonly rejected: readonly {
    /** Its position in the list. */
    readonly index: number;
    /** The event. */
    readonly event: ComplaintEvent;
    /** Why it was refused. */
    readonly reasons: readonly Reason[];
  }[];
}

/**
 * Replays events through a complaint machine, as a housing system does when it rebuilds a case
 * from its event log. Refused events are reported with their reasons and leave the snapshot as it
 * was; nothing is thrown for them. A malformed event (one that is not a complaint event at all)
 * throws a {@link MalformedEventError} naming its position.
 *
 * @param machine - from {@link createComplaintMachine}
 * @param events - the events, oldest first
 * @param options - `from`: a snapshot to continue from (default: a new complaint)
 * @returns the final snapshot and the refused events
 *
 * @example
 * ```ts
 * const { snapshot, rejected } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
 *   { type: 'RESPOND', at: '2025-01-07T09:00:00Z', letter: {} },
 * ]);
 * rejected[0].reasons[0].provision; //=> '6.2'
 * describeComplaint(snapshot).stage; //=> 'received'
 * ```
 */
export function replay(machine: ComplaintMachine, events: readonly unknown[], options: { from?: ComplaintSnapshot } = {}): ReplayResult {
  // An actor reuses one scope for every event; xstate's standalone transition() builds one per call.
  const actor = createActor(machine, options.from ? { snapshot: options.from } : {}).start();
  let snapshot = actor.getSnapshot();
  const rejected: { index: number; event: ComplaintEvent; reasons: readonly Reason[] }[] = [];
  try {
    events.forEach((value, index) => {
      // Anything without a string type cannot even be sent; everything else is checked once, by the
      // guards, which refuse a malformed event: only an event that changed nothing is looked at again.
      if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') parseEvent(value, index);
      const event = value as ComplaintEvent;
      actor.send(event);
      const next = actor.getSnapshot();
      if (next === snapshot) {
        parseEvent(event, index);
        rejected.push({ index, event, reasons: outcome(snapshot, next, event).reasons });
      }
      snapshot = next;
    });
  } finally {
    actor.stop();
  }
  return { snapshot, rejected };
}
