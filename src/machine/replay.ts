import { createActor } from 'xstate';
import { InvalidInputError, typedErrors } from '../errors.js';
import { eventCopy, whileSending } from './decide.js';
import { MalformedEventError, parseEvent, type ComplaintEvent } from './events.js';
import { machineEnv, snapshotEnv, type ComplaintMachine, type ComplaintSnapshot } from './machine.js';
import { issueLine, rulesProblem } from './record.js';
import type { Reason, RuleEnv } from './rules.js';
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
    /** The event, as plain data read once. */
    readonly event: ComplaintEvent;
    /** Why it was refused. */
    readonly reasons: readonly Reason[];
  }[];
}

/**
 * @internal Checks that `snapshot` can be continued on the machine of `env`: a snapshot of a complaint
 * machine, running, made under the same policy and calendar.
 * @throws {@link InvalidInputError} at `path`, or {@link ForeignMachineError}
 */
export function continuable(snapshot: unknown, env: RuleEnv, path: string, use: string): ComplaintSnapshot {
  snapshotEnv(snapshot, use);
  const { status, context } = snapshot as ComplaintSnapshot;
  if (status !== 'active') throw new InvalidInputError(path, snapshot, `a running snapshot (this one is ${String(status).slice(0, 20)})`);
  const problem = typedErrors(path, snapshot, 'a complaint snapshot', () => rulesProblem(context, env));
  if (problem) throw new InvalidInputError(path, snapshot, `a snapshot of this machine's policy and calendar, but ${issueLine(problem)}`);
  return snapshot as ComplaintSnapshot;
}

/** The `from` option, read once. */
function fromOption(options: unknown, env: RuleEnv): ComplaintSnapshot | undefined {
  if (options === undefined) return undefined;
  const from = typedErrors('options', options, 'an options object { from? }', () => {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InvalidInputError('options', options, 'an options object { from? }');
    return (options as { from?: unknown }).from;
  });
  return from === undefined ? undefined : continuable(from, env, 'options.from', 'replay');
}

/**
 * Replays events through a complaint machine, as a housing system does when it rebuilds a case
 * from its event log. Refused events are reported with their reasons and leave the snapshot as it
 * was; nothing is thrown for them. A malformed event (one that is not a complaint event at all,
 * or not plain data) throws a {@link MalformedEventError} naming its position.
 *
 * Each event is read once, into a plain copy: that copy is what the machine judges and records.
 *
 * @param machine - from {@link createComplaintMachine}
 * @param events - the events, oldest first: an array or any iterable (a generator, a stream read into one)
 * @param options - `from`: a snapshot of this machine to continue from (default: a new complaint)
 * @returns the final snapshot and the refused events
 * @throws {@link MalformedEventError} naming the event's position; {@link InvalidInputError} for
 *   `events` that are not iterable, or a `from` of another policy or calendar; {@link ForeignMachineError}
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
export function replay(machine: ComplaintMachine, events: Iterable<unknown>, options: { from?: ComplaintSnapshot } = {}): ReplayResult {
  const env = machineEnv(machine, 'replay');
  const from = fromOption(options, env);
  const iterator = typedErrors('events', events, 'an array or iterable of events', () => {
    if (typeof events === 'string') throw new InvalidInputError('events', events, 'an array or iterable of events');
    return (events as Iterable<unknown>)[Symbol.iterator]();
  });
  // An actor reuses one scope for every event; xstate's standalone transition() builds one per call.
  const actor = createActor(machine, from ? { snapshot: from } : {}).start();
  let snapshot = actor.getSnapshot();
  const rejected: { index: number; event: ComplaintEvent; reasons: readonly Reason[] }[] = [];
  try {
    for (let index = 0; ; index++) {
      const item = typedErrors('events', events, 'an iterable of events that can be read', () => iterator.next());
      if (item.done) break;
      const copied = eventCopy(item.value);
      if ('refusal' in copied) throw new MalformedEventError(item.value, [copied.refusal.message.replace(/^malformed event: /, '')], index);
      const event = copied.event;
      // Anything without a string type cannot even be sent; everything else is checked once, by the
      // guards, which refuse a malformed event: only an event that changed nothing is looked at again.
      if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') parseEvent(event, index);
      whileSending(event, () => actor.send(event));
      const next = actor.getSnapshot();
      if (next === snapshot) {
        parseEvent(event, index);
        rejected.push({ index, event, reasons: outcome(snapshot, next, event).reasons });
      }
      snapshot = next;
    }
  } finally {
    actor.stop();
  }
  return { snapshot, rejected };
}
