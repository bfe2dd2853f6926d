import { transition, type AnyActorRef } from 'xstate';
import type { ComplaintContext } from './context.js';
import type { ComplaintEvent } from './events.js';
import { machineEnv, snapshotEnv, type ComplaintMachine, type ComplaintSnapshot } from './machine.js';
import { typedErrors } from '../errors.js';
import { eventCopy, whileSending } from './decide.js';
import { continuable } from './replay.js';
import { UNREADABLE, type Reason } from './rules.js';
import { explain } from './views.js';

/**
 * What one event did: the next snapshot, whether the machine accepted the event, why (the
 * refusals, or the notes it recorded), and the breaches it recorded.
 *
 * @example
 * ```ts
 * const result: StepResult = step(createComplaintMachine(), replay(createComplaintMachine(), []).snapshot, { type: 'TICK', at: '2025-01-06T09:00:00Z' });
 * result.accepted; //=> false
 * ```
 */
export interface StepResult {
  /** The snapshot after the event: the same snapshot when it was refused. */
  readonly snapshot: ComplaintSnapshot;
  /** Whether the machine accepted the event. */
  readonly accepted: boolean;
  /** For a refused event, every reason (at least one); for an accepted one, the notes it put on the record. */
  readonly reasons: readonly Reason[];
  /** The deadlines this event found missed and recorded as breaches. */
  readonly breaches: readonly ComplaintContext['breaches'][number][];
}

/** Whether `event` can be handed to XState at all: an object whose `type` is a string, read once, safely. */
function sendable(event: unknown): boolean {
  try {
    return typeof event === 'object' && event !== null && typeof (event as { type?: unknown }).type === 'string';
  } catch {
    return false;
  }
}

const refused = (snapshot: ComplaintSnapshot, reasons: readonly Reason[]): StepResult => ({ snapshot, accepted: false, reasons, breaches: [] });

/** @internal What the machine did with `event`, from the snapshots before and after it. */
export function outcome(before: ComplaintSnapshot, after: ComplaintSnapshot, event: unknown): StepResult {
  if (after === before) return { snapshot: before, accepted: false, reasons: explain(before, event as ComplaintEvent).reasons, breaches: [] };
  const notes = after.context.notes.slice(before.context.notes.length).map(({ provision, message }) => (provision ? { provision, message } : { message }));
  return { snapshot: after, accepted: true, reasons: notes, breaches: after.context.breaches.slice(before.context.breaches.length) };
}

/**
 * Applies one event to a snapshot, purely: no actor, no clock, no side effects. It always answers:
 * a refused or malformed event comes back with `accepted: false` and its reasons, never a throw.
 * A host that stores each complaint's snapshot calls it for each new event, and stores the result
 * only if `accepted`.
 *
 * @param machine - from {@link createComplaintMachine}
 * @param snapshot - the complaint's current snapshot (from {@link restore}, {@link replay} or a previous step)
 * @param event - the event
 * @returns a {@link StepResult}
 * @throws {@link ForeignMachineError} when `machine` is not from {@link createComplaintMachine}, or the snapshot is not one of its snapshots
 *
 * @example
 * ```ts
 * const machine = createComplaintMachine();
 * const start = replay(machine, []).snapshot;
 * const received = step(machine, start, { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
 * received.accepted; //=> true
 * received.snapshot.context.stage1.acknowledgeBy; //=> '2025-01-13'
 * const early = step(machine, received.snapshot, { type: 'ESCALATE', at: '2025-01-07T09:00:00Z' });
 * early.accepted; //=> false
 * early.reasons[0].provision; //=> '6.10'
 * ```
 */
export function step(machine: ComplaintMachine, snapshot: ComplaintSnapshot, event: ComplaintEvent): StepResult {
  const env = machineEnv(machine, 'step');
  continuable(snapshot, env, 'snapshot', 'step');
  // The event is read once, into plain data: that copy is judged and recorded.
  const copied = eventCopy(event);
  if ('refusal' in copied) return refused(snapshot, [copied.refusal]);
  if (!sendable(copied.event)) return refused(snapshot, explain(snapshot, copied.event).reasons);
  let after: ComplaintSnapshot;
  try {
    [after] = whileSending(copied.event, () => transition(machine, snapshot, copied.event));
  } catch {
    return refused(snapshot, [UNREADABLE]);
  }
  // xstate's transition() returns a new object even when no transition was taken: compare the record.
  const changed = after !== snapshot && (after.context !== snapshot.context || after.value !== snapshot.value);
  return outcome(snapshot, changed ? after : snapshot, copied.event);
}

/**
 * Sends an event to a running actor of a complaint machine and says what happened, as {@link step}
 * does: `actor.send` alone cannot tell the host that its event was refused, or why.
 *
 * @param actor - an actor from `createActor(machine)`, started
 * @param event - the event
 * @returns a {@link StepResult}; the actor holds its `snapshot`
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 *
 * const actor = createActor(createComplaintMachine()).start();
 * sendEvent(actor, { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Damp' } }).accepted; //=> true
 * const refused = sendEvent(actor, { type: 'CLOSE', at: '2025-01-07T09:00:00Z' });
 * refused.accepted; //=> false
 * refused.reasons[0].provision; //=> '6.10'
 * ```
 */
export function sendEvent(actor: AnyActorRef & { getSnapshot(): ComplaintSnapshot }, event: ComplaintEvent): StepResult {
  const before = typedErrors('actor', actor, 'a started actor of a complaint machine', () => actor.getSnapshot());
  snapshotEnv(before, 'sendEvent');
  const copied = eventCopy(event);
  if ('refusal' in copied) return refused(before, [copied.refusal]);
  // Only what XState can take is sent: anything else would stop the actor with an error.
  if (!sendable(copied.event)) return refused(before, explain(before, copied.event).reasons);
  if (before.status !== 'active') return refused(before, [{ message: `The actor is ${before.status === 'done' ? 'done' : 'stopped or failed'}: start an actor from this snapshot to send more events.` }]);
  whileSending(copied.event, () => actor.send(copied.event));
  return outcome(before, actor.getSnapshot(), copied.event);
}
