import { InvalidInputError, isHousingComplaintsError, readOptions } from '../errors.js';
import { ForeignMachineError, machineEnv, type ComplaintMachine } from '../machine/machine.js';

/** One state of the machine, as {@link machineGraph} reads it. @internal */
export interface GraphState {
  /** The state's path below the root, dotted: `'process.stage1.investigating'` (`''` for the root). */
  readonly path: string;
  /** Its own key: `'investigating'`. */
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** The initial child's path, for a compound state. */
  readonly initial?: string;
  /** Its children's paths, in the definition's order. */
  readonly children: readonly string[];
}

/** One transition of the machine, as {@link machineGraph} reads it. @internal */
export interface GraphTransition {
  /** The path of the state that defines it (`''` for the root: any state). */
  readonly source: string;
  readonly event: string;
  /** The target's path; absent for a transition that stays (it only records). */
  readonly target?: string;
  /** The guard's name. */
  readonly guard?: string;
  /** The guard's parameters, e.g. `{ stage: 1 }`. */
  readonly guardParams?: Readonly<Record<string, unknown>>;
  /** The actions' names, in order. */
  readonly actions: readonly string[];
  readonly actionParams: readonly (Readonly<Record<string, unknown>> | undefined)[];
}

/** The states and transitions of a machine's definition: what a picture or a Stately file needs. @internal */
export interface MachineGraph {
  /** The machine's id. */
  readonly id: string;
  readonly states: readonly GraphState[];
  readonly transitions: readonly GraphTransition[];
}

interface NodeLike {
  path: string[];
  key: string;
  type: GraphState['type'];
  states: Record<string, NodeLike>;
  initial?: { target?: NodeLike[] };
  transitions: Map<string, { target?: NodeLike[]; guard?: unknown; actions: unknown[] }[]>;
}

const named = (value: unknown): { name?: string; params?: Record<string, unknown> } => {
  if (typeof value === 'string') return { name: value };
  if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
    const { type, params } = value as { type: string; params?: Record<string, unknown> };
    return { name: type, ...(params && typeof params === 'object' ? { params } : {}) };
  }
  return {};
};

/**
 * @internal The states and transitions of any XState v5 machine's definition, in its order: the
 * one reading that {@link toMermaid}, the Stately file and the tests that compare them share.
 * Inline guards and actions (functions) have no name and are left out.
 */
export function machineGraph(machine: { id: string; root: unknown }): MachineGraph {
  const states: GraphState[] = [];
  const transitions: GraphTransition[] = [];
  const pathOf = (node: NodeLike) => node.path.join('.');
  const seen = new Set<NodeLike>();
  const visit = (node: NodeLike) => {
    if (seen.has(node)) throw new Error('a state appears twice in the machine');
    seen.add(node);
    const children = Object.values(node.states);
    const initial = node.type === 'compound' ? node.initial?.target?.[0] : undefined;
    states.push({ path: pathOf(node), key: node.key, type: node.type, ...(initial ? { initial: pathOf(initial) } : {}), children: children.map(pathOf) });
    for (const [event, list] of node.transitions) {
      for (const transition of list) {
        const guard = named(transition.guard);
        const actions = transition.actions.map(named).filter((a): a is { name: string; params?: Record<string, unknown> } => a.name !== undefined);
        const target = transition.target?.[0];
        transitions.push({
          source: pathOf(node),
          event,
          ...(target ? { target: pathOf(target) } : {}),
          ...(guard.name ? { guard: guard.name } : {}),
          ...(guard.params ? { guardParams: guard.params } : {}),
          actions: actions.map((a) => a.name),
          actionParams: actions.map((a) => a.params),
        });
      }
    }
    for (const child of children) visit(child);
  };
  visit(machine.root as NodeLike);
  return { id: machine.id, states, transitions };
}

/**
 * Options of {@link toMermaid}.
 *
 * @example
 * ```ts
 * const options: MermaidOptions = { direction: 'LR' };
 * ```
 */
export interface MermaidOptions {
  /** The layout's direction: top to bottom (default) or left to right. */
  direction?: 'TB' | 'LR';
}

const mermaidId = (path: string) => path.replace(/\./g, '_');
const params = (value: Readonly<Record<string, unknown>> | undefined) =>
  value ? ` ${Object.entries(value).map(([key, v]) => `${key} ${String(v)}`).join(', ')}` : '';
const label = (t: GraphTransition) => `${t.event}${t.guard ? ` [${t.guard}${params(t.guardParams)}]` : ''}`;
const within = (path: string, region: string) => path === region || path.startsWith(`${region}.`);

/**
 * The lifecycle as a Mermaid state diagram (`stateDiagram-v2`), read from the machine's own
 * definition, so the picture cannot disagree with the code. The machine and each of its parallel
 * regions (`process`, `ombudsman`) are boxes; inside a region, every state a complaint can be in is
 * named by its path there (`stage1.investigating`, `closed.declined`), which keeps the two stages and
 * the five ways of closing readable (Mermaid cannot draw arrows into boxes nested deeper). Every
 * transition is an arrow labelled with its event and its guard by name (`ESCALATE [canEscalate]`),
 * the guard being the rule of the Code that decides it (6.10, 6.13, ...): drawn from each state it
 * can be taken in, to the state it lands in. Transitions that record without moving (an extension,
 * a new issue) loop on their state; those allowed in any state (remedies, actions, consent, the
 * clock) are listed in a note.
 * GitHub renders the text in Markdown (a ```` ```mermaid ```` block); `npm run diagram` keeps
 * `docs/lifecycle.md` and its rendered SVG up to date.
 *
 * @param machine - a machine from `createComplaintMachine` (any policy: the states are the same)
 * @param options - the layout's direction
 * @returns the diagram's Mermaid source, one statement a line
 * @throws `ForeignMachineError` (from `housing-complaints/machine`) for anything but a complaint machine; {@link InvalidInputError} for an unknown direction
 *
 * @example
 * ```ts
 * const diagram = toMermaid(createComplaintMachine());
 * diagram.split('\n')[0]; //=> 'stateDiagram-v2'
 * diagram.includes('process_stage1_responded --> process_stage2_acknowledging : ESCALATE [canEscalate]'); //=> true
 * ```
 */
export function toMermaid(machine: ComplaintMachine, options?: MermaidOptions): string {
  machineEnv(machine, 'toMermaid');
  const direction = readOptions(options, ['direction']).direction ?? 'TB';
  if (direction !== 'TB' && direction !== 'LR') throw new InvalidInputError('options.direction', direction, "'TB' or 'LR'");
  const graph = readGraph(machine);
  const byPath = new Map(graph.states.map((state) => [state.path, state]));
  const root = byPath.get('')!;
  // Boxes for the machine and its parallel regions; inside a region every state a complaint can be
  // in is drawn by its path there (`stage1.investigating`, `closed.declined`). Mermaid cannot draw
  // arrows into boxes nested deeper, and a flat region reads more easily.
  const regions = root.children;
  const leaves = (path: string): string[] => {
    const state = byPath.get(path)!;
    return state.children.length === 0 ? [path] : state.type === 'parallel' ? [] : state.children.flatMap(leaves);
  };
  // Where a transition lands: a compound state's initial state, all the way down.
  const landing = (path: string): string => {
    const state = byPath.get(path)!;
    return state.initial ? landing(state.initial) : path;
  };
  const lines = ['stateDiagram-v2', `  direction ${direction}`];
  const indent = '      ';
  lines.push(`  state "${graph.id}" as ${graph.id} {`);
  regions.forEach((region, index) => {
    if (index > 0) lines.push('    --');
    lines.push(`    state "${byPath.get(region)!.key}" as ${mermaidId(region)} {`);
    const start = byPath.get(region)!.initial;
    if (start) lines.push(`${indent}[*] --> ${mermaidId(landing(start))}`);
    const prefix = region.length + 1;
    for (const leaf of leaves(region)) lines.push(`${indent}state "${leaf.slice(prefix)}" as ${mermaidId(leaf)}`);
    // One arrow for each pair of states, with every event that goes that way (Mermaid draws only
    // one of two loops on a state). A transition of a state with states inside is taken from each.
    const arrows = new Map<string, string[]>();
    for (const t of graph.transitions) {
      if (t.source === '' || !within(t.source, region)) continue;
      for (const from of leaves(t.source)) {
        const key = `${mermaidId(from)} --> ${mermaidId(t.target === undefined ? from : landing(t.target))}`;
        arrows.set(key, [...(arrows.get(key) ?? []), label(t)]);
      }
    }
    for (const [arrow, labels] of arrows) lines.push(`${indent}${arrow} : ${labels.join('<br>')}`);
    lines.push('    }');
  });
  lines.push('  }');
  const anywhere = graph.transitions.filter((t) => t.source === '');
  if (anywhere.length > 0) {
    lines.push(`  note right of ${graph.id}`, '    In any state:');
    for (const t of anywhere) lines.push(`    ${label(t)}`);
    lines.push('  end note');
  }
  return lines.join('\n');
}

/** A name Mermaid can show as it is: a state's key, an event, a guard. */
const NAME = /^[A-Za-z_][\w.-]{0,99}$/;

/**
 * The machine's graph, read defensively: a machine that carries our brand but whose definition
 * cannot be read (a Proxy that throws, cycles) or holds names Mermaid cannot show is not one of ours.
 */
function readGraph(machine: ComplaintMachine): MachineGraph {
  let graph: MachineGraph;
  try {
    graph = machineGraph(machine);
  } catch (error) {
    if (isHousingComplaintsError(error)) throw error;
    throw new ForeignMachineError('toMermaid');
  }
  // A complaint machine runs its regions side by side, and records in any state without moving.
  const root = graph.states[0];
  if (root?.type !== 'parallel' || graph.transitions.some((t) => t.source === '' && t.target !== undefined)) throw new ForeignMachineError('toMermaid');
  const names = [graph.id, ...graph.states.filter((s) => s.path !== '').map((s) => s.key), ...graph.transitions.flatMap((t) => [t.event, t.guard ?? 'guard'])];
  if (!names.every((name) => typeof name === 'string' && NAME.test(name))) throw new ForeignMachineError('toMermaid');
  return graph;
}
