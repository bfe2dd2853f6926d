/**
 * Paths as the model hands them out: each event with the state, stage, status and deadlines after
 * it, and the whole in plain words.
 */
import { initialTransition, transition } from 'xstate';
import { toUkDate } from '../calendar/ukDate.js';
import type { ComplaintMachine, ComplaintSnapshot } from '../machine/machine.js';
import type { ComplaintEvent } from '../machine/events.js';
import { describeComplaint, processState } from '../machine/views.js';
import type { ScenarioSettings } from './scenario.js';

/**
 * One step of a path: the event sent, and where the complaint is after it.
 *
 * @example
 * ```ts
 * const pathStep: ComplaintPathStep = { event: { type: 'TICK', at: '2025-01-13T18:00:00Z' }, state: 'received', stage: 'received', status: 'received', deadlines: { acknowledgeBy: '2025-01-13' } };
 * ```
 */
export interface ComplaintPathStep {
  /** The event to send. */
  readonly event: ComplaintEvent;
  /** The state after it, e.g. `'stage1.investigating'` (with `+ombudsman.referred` when referred). */
  readonly state: string;
  /** The stage after it, as {@link describeComplaint} gives it. */
  readonly stage: string;
  /** The status after it. */
  readonly status: string;
  /** The current deadlines after it. */
  readonly deadlines: {
    /** The current stage's acknowledgement deadline. */
    readonly acknowledgeBy?: string;
    /** The current stage's response deadline. */
    readonly respondBy?: string;
  };
}

/**
 * A path through the complaint lifecycle: events to send in order (each replayable with
 * `replay`), the states they pass through, a plain-language description, and JSON for a test
 * runner in any language.
 *
 * @example
 * ```ts
 * const [path] = createComplaintTestModel().shortestPaths();
 * path.events[0].type; //=> 'RECEIVE'
 * ```
 */
export interface ComplaintPath {
  /** The events, in order. */
  readonly events: readonly ComplaintEvent[];
  /** The state after each event. */
  readonly states: readonly string[];
  /** Each event with the state after it. */
  readonly steps: readonly ComplaintPathStep[];
  /** What happens, in words: "received -> acknowledged day 2 -> extended 10 days -> responded -> ...". */
  readonly description: string;
  /** Plain JSON: `{ description, steps }`, for a test runner in another language. */
  toJSON(): {
    /** The path in words. */
    description: string;
    /** Each event with the state after it. */
    steps: ComplaintPathStep[];
  };
}

/** @internal One step of a path, described once: what a screen shows after it, and the words for it. */
export interface DescribedStep {
  readonly step: ComplaintPathStep;
  readonly phrase: string;
}

function label(snapshot: ComplaintSnapshot): string {
  const { ombudsman, hazard } = snapshot.value as { ombudsman: string; hazard: string };
  return `${processState(snapshot)}${ombudsman === 'notReferred' ? '' : `+ombudsman.${ombudsman}`}${hazard === 'none' ? '' : `+hazard.${hazard}`}`;
}

function phrase(event: ComplaintEvent, before: ComplaintSnapshot, after: ComplaintSnapshot, settings: ScenarioSettings): string {
  // The UK day of the event: the instant's first ten characters are another day for an offset like -05:00 late in the evening.
  const day = toUkDate(event.at);
  const since = (from: string | undefined) => (from ? settings.calendar.workingDaysBetween(from, day) : 0);
  const newBreach = after.context.breaches.length > before.context.breaches.length;
  switch (event.type) {
    case 'RECEIVE':
      return 'received';
    case 'ACKNOWLEDGE':
      return before.context.stage2 ? `stage 2 acknowledged day ${since(before.context.stage2.requestedOn)}` : `acknowledged day ${since(before.context.stage1?.requestedOn)}`;
    case 'EXTEND':
      return `extended ${settings.calendar.workingDaysBetween((before.context.stage2 ?? before.context.stage1)!.respondBy!, 'letter' in event ? event.letter.newRespondBy : event.until)} days`;
    case 'ADD_ISSUE':
      return 'related issue added';
    case 'RESPOND':
      return before.context.stage2 ? 'final response' : 'responded';
    case 'ESCALATE':
      return 'escalated';
    case 'REFUSE_ESCALATION':
      return 'escalation refused';
    case 'DECLINE':
      return `declined (${event.reason})`;
    case 'RECORD_CONSENT':
      return 'consent received';
    case 'CLOSE':
      return 'closed at stage 1';
    case 'WITHDRAW':
      return 'withdrawn';
    case 'OFFER_REMEDY':
      return `remedy offered (${event.remedy.id})`;
    case 'COMPLETE_ACTION':
      return `${event.id} completed`;
    case 'TICK':
      return newBreach ? `deadline missed (TICK ${day})` : `TICK ${day}`;
    case 'REFER_TO_OMBUDSMAN':
      return 'referred to the Ombudsman';
    case 'OMBUDSMAN_DETERMINATION':
      return 'Ombudsman determination';
    case 'REPORT_HAZARD':
      return `${event.hazard.category} hazard reported (${event.hazard.type})`;
    case 'INVESTIGATE_HAZARD':
      return `hazard investigated (${event.finding === 'none' ? 'no hazard' : event.finding})`;
    case 'RECORD_HAZARD_WORK':
      return `hazard: ${event.duty}`;
    case 'CLOSE_HAZARD':
      return 'hazard closed';
  }
}

/** @internal Describes the step `event` took from `before` to `after`. */
export function describeStep(event: ComplaintEvent, before: ComplaintSnapshot, after: ComplaintSnapshot, settings: ScenarioSettings): DescribedStep {
  const view = describeComplaint(after);
  const deadlines = { ...(view.deadlines.acknowledgeBy ? { acknowledgeBy: view.deadlines.acknowledgeBy } : {}), ...(view.deadlines.respondBy ? { respondBy: view.deadlines.respondBy } : {}) };
  return { step: { event, state: label(after), stage: view.stage, status: view.status, deadlines }, phrase: phrase(event, before, after, settings) };
}

/** @internal A path from steps already described, in order. */
export function pathOf(described: readonly DescribedStep[]): ComplaintPath {
  const steps = described.map((d) => d.step);
  const description = described.map((d) => d.phrase).join(' -> ');
  return {
    events: steps.map((step) => step.event),
    states: steps.map((step) => step.state),
    steps,
    description,
    toJSON: () => ({ description, steps: JSON.parse(JSON.stringify(steps)) as ComplaintPathStep[] }),
  };
}

/**
 * @internal A path from its events, replayed from the initial state: the graph's steps carry one
 * representative snapshot per state key, which another route may have reached with other dates, so
 * the states of a path come from replaying its own events.
 */
export function replayPath(machine: ComplaintMachine, events: readonly ComplaintEvent[], settings: ScenarioSettings): ComplaintPath {
  let [current] = initialTransition(machine);
  return pathOf(
    events.map((event) => {
      const [next] = transition(machine, current, event);
      const described = describeStep(event, current, next, settings);
      current = next;
      return described;
    }),
  );
}
