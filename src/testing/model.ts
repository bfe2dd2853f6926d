import type { AnyStateNode } from 'xstate';
import { initialTransition, transition } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { createWorkingDayCalendar } from '../calendar/calendar.js';
import { isDateOutOfRangeError } from '../calendar/errors.js';
import type { Region } from '../calendar/regions.js';
import { InvalidInputError } from '../errors.js';
import type { Policy } from '../policy/schema.js';
import { effectivePolicy } from '../policy/effective.js';
import { policies } from '../policy/policies.js';
import { createComplaintMachine, type ComplaintMachine, type ComplaintSnapshot } from '../machine/machine.js';
import type { ComplaintEvent } from '../machine/events.js';
import { checkModelOptions, checkSimplePathsOptions, fromSnapshot, MAX_PATHS, readSnapshot } from './input.js';
import { describeStep, pathOf, replayPath, type ComplaintPath, type DescribedStep } from './paths.js';
import { candidateEvents, scenarioState, stateKey, type ScenarioSettings } from './scenario.js';

export type { ComplaintPath, ComplaintPathStep } from './paths.js';

/**
 * Options of {@link createComplaintTestModel}. Each is checked when the model is made, and read
 * once: a value of the wrong kind, out of range, or an option that does not exist is an
 * `InvalidInputError` naming it (`options.complaintId`).
 *
 * @example
 * ```ts
 * const options: ComplaintTestModelOptions = { region: 'scotland', start: '2025-03-03T09:00:00Z' };
 * ```
 */
export interface ComplaintTestModelOptions {
  /** The policy the machine runs (default: the Code 2024). A malformed one is an `InvalidPolicyError`. */
  policy?: Policy;
  /** Make the Code the floor (default `true`). */
  enforceCode?: boolean;
  /** The complaint's UK division (default `'england-and-wales'`). */
  region?: Region;
  /**
   * When the complaint arrives (default `'2025-01-06T09:00:00Z'`): an ISO instant with `Z` or an
   * offset, received on its UK date (`'2025-01-06T23:30:00-05:00'` is 7 January), which must be from
   * 2000-01-01 to 2090-12-31 so that every path stays within the working-day calendar. Later events
   * follow in working days.
   */
  start?: string;
  /** The complaint id used in every event and letter (default `'C-TEST-1'`): 1 to 200 characters on one line. */
  complaintId?: string;
}

/**
 * Options of {@link ComplaintTestModel.simplePaths}: how long a path may be, and how many paths
 * may be built before the model gives up with an `InvalidInputError` rather than run on (the number
 * of simple paths roughly triples with each event allowed).
 *
 * @example
 * ```ts
 * const options: SimplePathsOptions = { maxEvents: 5, maxPaths: 1000 };
 * ```
 */
export interface SimplePathsOptions {
  /** The most events in a path: a whole number from 1 to 30 (default 8). */
  maxEvents?: number;
  /** The most paths to build: a whole number from 1 to 200,000 (default 25,000). More paths than this is an `InvalidInputError` at `options.maxPaths`. */
  maxPaths?: number;
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
  /** One shortest path to every distinct state the model reaches (each state is visited once). */
  shortestPaths(): ComplaintPath[];
  /**
   * Every simple path (no state visited twice) of at most `maxEvents` events (default 8, at most
   * 30), up to `maxPaths` paths (default 25,000, at most 200,000).
   * @throws `InvalidInputError` for an option out of range, or when there are more paths than `maxPaths`
   */
  simplePaths(options?: SimplePathsOptions): ComplaintPath[];
  /**
   * The realistic events the model tries from a snapshot: each possible step with a valid payload,
   * and TICKs on and just after the open deadline. Useful to drive a screen from any state.
   * @throws `InvalidInputError` at `snapshot` (or the field at fault) for anything but a complaint snapshot
   */
  eventsFrom(snapshot: ComplaintSnapshot): ComplaintEvent[];
}

/** The process states of the machine, as `processState` names them: `'received'`, `'stage1.investigating'`. */
function processStatesOf(machine: ComplaintMachine): Set<string> {
  const labels = new Set<string>();
  const process = (machine.root.states as Record<string, AnyStateNode>).process!;
  for (const [name, node] of Object.entries(process.states)) {
    if (node.type === 'atomic') labels.add(name);
    else for (const child of Object.keys(node.states)) labels.add(`${name}.${child}`);
  }
  return labels;
}

/**
 * Creates a model-based test generator for the complaint lifecycle, on `createTestModel` from
 * `xstate/graph` (the maintained successor of `@xstate/test`, which only works with XState v4).
 * Its events are realistic: letters that validate against the current complaint definition,
 * stage 2 handlers different from stage 1's, times that advance in working days of the
 * division, and TICKs on and just after each deadline, so missed deadlines are paths too.
 *
 * @param options - policy, division, start time and complaint id
 * @returns the model, with `shortestPaths()`, `simplePaths({ maxEvents, maxPaths })` and `eventsFrom(snapshot)`
 * @throws `InvalidInputError` naming the option for options of the wrong kind or out of range (`complaintId: 5`), or an unknown option; `InvalidPolicyError` for a malformed policy
 *
 * @example
 * ```ts
 * import { createComplaintTestModel } from 'housing-complaints/testing';
 *
 * const model = createComplaintTestModel();
 * const finalResponse = model.shortestPaths().find((path) => path.states.at(-1) === 'closed.finalResponse');
 * finalResponse.description; //=> 'received -> acknowledged day 2 -> responded -> escalated -> stage 2 acknowledged day 2 -> final response'
 * createComplaintTestModel({ complaintId: 5 }); // throws InvalidInputError
 * ```
 */
export function createComplaintTestModel(options?: ComplaintTestModelOptions): ComplaintTestModel {
  // Read once and checked: from here on only these plain values are used.
  const checked = checkModelOptions(options);
  const settings: ScenarioSettings = {
    region: checked.region,
    start: checked.start,
    calendar: createWorkingDayCalendar({ region: checked.region }),
    complaintId: checked.complaintId,
    policy: effectivePolicy(checked.policy ?? policies.code2024, checked.enforceCode ?? true),
  };
  const machine = createComplaintMachine({
    ...(checked.policy ? { policy: checked.policy } : {}),
    ...(checked.enforceCode === undefined ? {} : { enforceCode: checked.enforceCode }),
  });
  const processStates = processStatesOf(machine);
  // The start is checked to leave ten years of the calendar, far more than any path spans; should a
  // path still run past 2100, the error names the option that put it there.
  const withinCalendar = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (isDateOutOfRangeError(error)) throw new InvalidInputError('options.start', checked.start, `a start early enough for every path to end within the working-day calendar (${error.message})`);
      throw error;
    }
  };
  const model = createTestModel(machine, {
    events: (snapshot) => candidateEvents(scenarioState(snapshot), settings),
    serializeState: (snapshot) => stateKey(snapshot),
  });

  return {
    machine,
    eventsFrom: (snapshot) => {
      const state = readSnapshot(snapshot, processStates);
      return fromSnapshot(snapshot, () => candidateEvents(state, settings));
    },
    shortestPaths: () => withinCalendar(() => {
      // One shortest path per distinct state the model reaches (the initial state needs none).
      // The graph has one node per state key, and the key has few values, so the work is bounded.
      const byState = new Map<string, ComplaintEvent[]>();
      for (const path of model.getShortestPaths({ allowDuplicatePaths: true })) {
        const events = (path.steps as unknown as { event: ComplaintEvent }[]).map((step) => step.event).filter((event) => !event.type.startsWith('xstate.'));
        if (events.length === 0) continue;
        const key = stateKey(path.state);
        const known = byState.get(key);
        if (!known || events.length < known.length) byState.set(key, events);
      }
      return [...byState.values()]
        .map((events) => replayPath(machine, events, settings))
        .sort((a, b) => a.events.length - b.events.length || (a.description < b.description ? -1 : 1));
    }),
    // xstate/graph's getSimplePaths walks every simple path of the whole graph, which explodes on a
    // model this size; this walks real transitions depth-first (each event made from the snapshot it
    // is sent to, so dates stay consistent), stops at maxEvents, and gives up past maxPaths: at most
    // maxPaths paths of at most maxEvents steps are built, and each tries the few candidate events of its last state.
    simplePaths: (options) => {
      const { maxEvents, maxPaths } = checkSimplePathsOptions(options);
      const [initial] = initialTransition(machine);
      const paths: ComplaintPath[] = [];
      const steps: DescribedStep[] = [];
      const onPath = new Set([stateKey(initial)]);
      const walk = (snapshot: ComplaintSnapshot) => {
        if (steps.length > 0) {
          if (paths.length >= maxPaths) {
            throw new InvalidInputError('options.maxPaths', maxPaths, `a limit above the number of simple paths of at most ${maxEvents} events (there are more than ${maxPaths.toLocaleString('en-GB')}): lower maxEvents, or raise maxPaths (at most ${MAX_PATHS.toLocaleString('en-GB')})`);
          }
          paths.push(pathOf(steps));
        }
        if (steps.length >= maxEvents) return;
        for (const event of candidateEvents(scenarioState(snapshot), settings)) {
          const [next] = transition(machine, snapshot, event);
          const key = stateKey(next);
          if (next === snapshot || onPath.has(key)) continue;
          onPath.add(key);
          steps.push(describeStep(event, snapshot, next, settings));
          walk(next);
          steps.pop();
          onPath.delete(key);
        }
      };
      withinCalendar(() => walk(initial));
      return paths;
    },
  };
}
