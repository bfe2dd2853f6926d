/**
 * One decision per event, shared by the machine's guards and actions and by `explain`: the event
 * is copied once into plain data, judged by its rule, applied, and the record it makes is checked
 * against the one definition of a valid record, the same `restore` uses. So the machine cannot
 * accept an event whose record could not be stored and loaded again, and what it stores is exactly
 * what it judged.
 */
import { APPLY, settleTimers } from './actions.js';
import type { ComplaintContext } from './context.js';
import type { ComplaintEvent } from './events.js';
import { pathText } from '../letters/plain.js';
import { NotPlain, plainCopy } from '../plain.js';
import { issueLine, recordProblems } from './record.js';
import { judge, UNREADABLE, type Reason, type RuleEnv, type RuleName, type Verdict } from './rules.js';

/** @internal A verdict, and for an allowed event the record it makes. */
export interface Decision extends Verdict {
  /** The next record, when the event is allowed. */
  readonly next?: ComplaintContext;
}

const refuse = (...refusals: Reason[]): Decision => ({ refusals, notes: [] });

/** Copies made by {@link eventCopy} while they are being sent: nobody else holds them meanwhile. */
const sending = new WeakSet<object>();

/** @internal Runs `send` with `copy` (from {@link eventCopy}) known as a copy, so the guards do not copy it again. */
export function whileSending<T>(copy: ComplaintEvent, send: () => T): T {
  if (typeof copy !== 'object' || copy === null) return send();
  sending.add(copy);
  try {
    return send();
  } finally {
    sending.delete(copy);
  }
}

/** @internal The event as plain data read once, or the reason it cannot be. */
export function eventCopy(event: unknown): { event: ComplaintEvent } | { refusal: Reason } {
  // A copy being sent by replay, step or sendEvent is not copied twice.
  if (typeof event === 'object' && event !== null && sending.has(event)) return { event: event as ComplaintEvent };
  try {
    return { event: plainCopy(event) as ComplaintEvent };
  } catch (error) {
    if (error instanceof NotPlain && !error.reason.startsWith('could not be read')) return { refusal: { message: `malformed event: ${pathText('event', error.path)}: ${error.reason}` } };
    return { refusal: UNREADABLE };
  }
}

/**
 * @internal Judges `event` by `rule` and, if it is allowed, makes the next record and checks it.
 * Never throws: whatever goes wrong is a refusal.
 */
export function decide(rule: RuleName, context: ComplaintContext, event: unknown, env: RuleEnv, stage: 1 | 2): Decision {
  const copied = eventCopy(event);
  if ('refusal' in copied) return refuse(copied.refusal);
  const verdict = judge(rule, context, copied.event, env, stage);
  if (verdict.refusals.length > 0 || verdict.elsewhere) return verdict;
  try {
    const next = settleTimers(APPLY[rule](context, copied.event, env, verdict, stage), env);
    const problems = recordProblems(next, env, context, [verdict.letter, verdict.definition, copied.event.at]);
    if (problems.length > 0) {
      return refuse(...problems.slice(0, 5).map((issue) => ({ message: `The record this event would make could not be stored: ${issueLine(issue)}.` })));
    }
    return { ...verdict, next };
  } catch {
    return refuse(UNREADABLE);
  }
}
