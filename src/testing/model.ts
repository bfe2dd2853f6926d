import { initialTransition, transition } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { createWorkingDayCalendar } from '../calendar/calendar.js';
import type { Region } from '../calendar/regions.js';
import type { Policy } from '../policy/schema.js';
import { effectivePolicy } from '../policy/effective.js';
import { policies } from '../policy/policies.js';
import { createComplaintMachine, type ComplaintMachine, type ComplaintSnapshot } from '../machine/machine.js';
import type { ComplaintEvent } from '../machine/events.js';
import { describeComplaint, processState } from '../machine/views.js';
import { candidateEvents, stateKey, type ScenarioSettings } from './scenario.js';

/**
 * Options of {@link createComplaintTestModel}.
 *
 * @example
 * ```ts
 * const options: ComplaintTestModelOptions = { region: 'scotland', start: '2025-03-03T09:00:00Z' };
 * ```
 */
export interface ComplaintTestModelOptions {
  /** The policy the machine runs (default: the Code 2024). */
  policy?: Policy;
  /** Make the Code the floor (default `true`). */
  enforceCode?: boolean;
  /** The complaint's UK division (default `'england-and-wales'`). */
  region?: Region;
  /** When the complaint arrives (default `'2025-01-06T09:00:00Z'`); later events follow in working days. */
  start?: string;
  /** The complaint id used in every event and letter (default `'C-TEST-1'`). */
  complaintId?: string;
}

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

/**
 * A model of the complaint lifecycle that generates test paths for a housing system's own
 * integration: every path as data, with realistic payloads.
 *
 * @example
 * ```ts
 * const model: ComplaintTestModel = createComplaintTestModel();
 * model.shortestPaths().length > 10; //=> true
 * ```
 */
export interface ComplaintTestModel {
  /** The machine the paths come from. */
  readonly machine: ComplaintMachine;
  /** One shortest path to every distinct state the model reaches. */
  shortestPaths(): ComplaintPath[];
  /** Every simple path (no state visited twice) of at most `maxEvents` events (default 8). */
  simplePaths(options?: { maxEvents?: number }): ComplaintPath[];
  /**
   * The realistic events the model tries from a snapshot: each possible step with a valid payload,
   * and TICKs on and just after the open deadline. Useful to drive a screen from any state.
   */
  eventsFrom(snapshot: ComplaintSnapshot): ComplaintEvent[];
}

function label(snapshot: ComplaintSnapshot): string {
  const ombudsman = (snapshot.value as { ombudsman: string }).ombudsman;
  return `${processState(snapshot)}${ombudsman === 'notReferred' ? '' : `+ombudsman.${ombudsman}`}`;
}

function phrase(event: ComplaintEvent, before: ComplaintSnapshot, after: ComplaintSnapshot, settings: ScenarioSettings): string {
  const day = event.at.slice(0, 10);
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
  }
}

/**
 * Creates a model-based test generator for the complaint lifecycle, on `createTestModel` from
 * `xstate/graph` (the maintained successor of `@xstate/test`, which only works with XState v4).
 * Its events are realistic: letters that validate against the current complaint definition,
 * stage 2 handlers different from stage 1's, times that advance in working days of the
 * division, and TICKs on and just after each deadline, so missed deadlines are paths too.
 *
 * @param options - policy, division, start time and complaint id
 * @returns the model, with `shortestPaths()` and `simplePaths({ maxEvents })`
 *
 * @example
 * ```ts
 * import { createComplaintTestModel } from 'housing-complaints/testing';
 *
 * const model = createComplaintTestModel();
 * const finalResponse = model.shortestPaths().find((path) => path.states.at(-1) === 'closed.finalResponse');
 * finalResponse.description; //=> 'received -> acknowledged day 2 -> responded -> escalated -> stage 2 acknowledged day 2 -> final response'
 * ```
 */
export function createComplaintTestModel(options: ComplaintTestModelOptions = {}): ComplaintTestModel {
  const region = options.region ?? 'england-and-wales';
  const settings: ScenarioSettings = {
    region,
    start: options.start ?? '2025-01-06T09:00:00Z',
    calendar: createWorkingDayCalendar({ region }),
    complaintId: options.complaintId ?? 'C-TEST-1',
    policy: effectivePolicy(options.policy ?? policies.code2024, options.enforceCode ?? true),
  };
  const machine = createComplaintMachine({
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.enforceCode === undefined ? {} : { enforceCode: options.enforceCode }),
  });
  const model = createTestModel(machine, {
    events: (snapshot) => candidateEvents(snapshot, settings),
    serializeState: (snapshot) => stateKey(snapshot),
  });

  const toPath = (graphSteps: readonly { event: ComplaintEvent; state: ComplaintSnapshot }[]): ComplaintPath => {
    // The graph's steps carry one representative snapshot per state key, which another route may
    // have reached with other dates: the states of a path come from replaying its own events.
    const [initial] = initialTransition(machine);
    let current = initial;
    const real = graphSteps
      .filter((step) => !step.event.type.startsWith('xstate.'))
      .map((step) => {
        current = transition(machine, current, step.event)[0];
        return { event: step.event, state: current };
      });
    const pathSteps: ComplaintPathStep[] = real.map((step) => {
      const view = describeComplaint(step.state);
      const deadlines = { ...(view.deadlines.acknowledgeBy ? { acknowledgeBy: view.deadlines.acknowledgeBy } : {}), ...(view.deadlines.respondBy ? { respondBy: view.deadlines.respondBy } : {}) };
      return { event: step.event, state: label(step.state), stage: view.stage, status: view.status, deadlines };
    });
    const phrases = real.map((step, i) => phrase(step.event, i === 0 ? initial : real[i - 1]!.state, step.state, settings));
    const description = phrases.join(' -> ');
    return {
      events: real.map((step) => step.event),
      states: pathSteps.map((step) => step.state),
      steps: pathSteps,
      description,
      toJSON: () => ({ description, steps: JSON.parse(JSON.stringify(pathSteps)) as ComplaintPathStep[] }),
    };
  };

  return {
    machine,
    eventsFrom: (snapshot) => candidateEvents(snapshot, settings),
    shortestPaths: () => {
      // One shortest path per distinct state the model reaches (the initial state needs none).
      const byState = new Map<string, { steps: { event: ComplaintEvent; state: ComplaintSnapshot }[] }>();
      for (const path of model.getShortestPaths({ allowDuplicatePaths: true })) {
        const steps = path.steps as unknown as { event: ComplaintEvent; state: ComplaintSnapshot }[];
        if (steps.every((step) => step.event.type.startsWith('xstate.'))) continue;
        const key = stateKey(path.state);
        const known = byState.get(key);
        if (!known || steps.length < known.steps.length) byState.set(key, { steps });
      }
      return [...byState.values()]
        .map(({ steps }) => toPath(steps))
        .sort((a, b) => a.events.length - b.events.length || (a.description < b.description ? -1 : 1));
    },
    // xstate/graph's getSimplePaths walks every simple path of the whole graph, which explodes on a
    // model this size; this walks real transitions depth-first (each event made from the snapshot it
    // is sent to, so dates stay consistent) and stops at maxEvents.
    simplePaths: ({ maxEvents = 8 } = {}) => {
      if (!Number.isInteger(maxEvents) || maxEvents < 1) throw new RangeError(`maxEvents must be a whole number of at least 1, got ${String(maxEvents)}`);
      const [initial] = initialTransition(machine);
      const paths: ComplaintPath[] = [];
      const steps: { event: ComplaintEvent; state: ComplaintSnapshot }[] = [{ event: { type: 'xstate.init' } as never, state: initial }];
      const onPath = new Set([stateKey(initial)]);
      const walk = (snapshot: ComplaintSnapshot) => {
        if (steps.length > 1) paths.push(toPath(steps));
        if (steps.length > maxEvents) return;
        for (const event of candidateEvents(snapshot, settings)) {
          const [next] = transition(machine, snapshot, event);
          const key = stateKey(next);
          if (next === snapshot || onPath.has(key)) continue;
          onPath.add(key);
          steps.push({ event, state: next });
          walk(next);
          steps.pop();
          onPath.delete(key);
        }
      };
      walk(initial);
      return paths;
    },
  };
}
