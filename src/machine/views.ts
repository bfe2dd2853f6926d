import type { AnyStateNode } from 'xstate';
import type { IsoDate } from '../calendar/isoDate.js';
import { toUkDate } from '../calendar/ukDate.js';
import type { Region } from '../calendar/regions.js';
import { openDeadlines } from './deadlines.js';
import type { ComplaintContext } from './context.js';
import { EVENT_TYPES, eventProblems, type ComplaintEvent } from './events.js';
import { InvalidInputError, typedErrors } from '../errors.js';
import { snapshotEnv, type ComplaintSnapshot } from './machine.js';
import { decide, eventCopy, whileSending } from './decide.js';
import { compareInstants } from '../calendar/instant.js';
import type { Hazard } from './hazard.js';
import { UNREADABLE, inJurisdiction, preconditions, ukDayOf, type Reason, type RuleEnv, type RuleName } from './rules.js';

type EventType = ComplaintEvent['type'];

/**
 * Whether an event would be accepted now, and why (not).
 *
 * @example
 * ```ts
 * const explanation: Explanation = { allowed: false, reasons: [{ provision: '6.13', message: '...' }] };
 * ```
 */
export interface Explanation {
  /** Whether the machine would accept the event. */
  readonly allowed: boolean;
  /** For a refused event, every reason; for an allowed one, notes worth recording (a policy rule that gave way, a late step). */
  readonly reasons: readonly Reason[];
}

/** @internal The active state nodes of a snapshot, deepest first, root last. */
export function activeNodes(snapshot: ComplaintSnapshot): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode, value: unknown) => {
    if (typeof value === 'string') {
      const child = Object.hasOwn(node.states, value) ? node.states[value] : undefined;
      if (child) nodes.push(child);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const child = Object.hasOwn(node.states, key) ? node.states[key] : undefined;
        if (!child) continue;
        walk(child, inner);
        nodes.push(child);
      }
    }
  };
  walk(snapshot.machine.root, snapshot.value);
  nodes.push(snapshot.machine.root);
  return nodes;
}

/** The transitions for `type` from the active nodes, with their guard's rule and stage. */
function candidates(snapshot: ComplaintSnapshot, type: string): { rule: RuleName; stage: 1 | 2 }[] {
  const found: { rule: RuleName; stage: 1 | 2 }[] = [];
  for (const node of activeNodes(snapshot)) {
    for (const transition of node.on[type] ?? []) {
      const guard = transition.guard as string | { type: string; params?: { stage?: 1 | 2 } } | undefined;
      if (typeof guard === 'string') found.push({ rule: guard as RuleName, stage: 1 });
      else if (guard) found.push({ rule: guard.type as RuleName, stage: guard.params?.stage ?? 1 });
    }
  }
  return found;
}


/** @internal The leaf state of the process region, e.g. `'stage1.responded'`. */
export function processState(snapshot: ComplaintSnapshot): string {
  const value = (snapshot.value as { process: string | Record<string, string> }).process;
  return typeof value === 'string' ? value : Object.entries(value).map(([k, v]) => `${k}.${v}`)[0]!;
}

const CLOSURE_WORDS: Record<NonNullable<ComplaintContext['closure']>['reason'], string> = {
  declined: 'declined',
  'resolved-at-stage-1': 'resolved at stage 1',
  'final-response': 'closed by the final (stage 2) response',
  withdrawn: 'withdrawn',
  'escalation-refused': 'closed when escalation was refused',
};

/** Why an event type has no transition in the current state. */
function notNow(snapshot: ComplaintSnapshot, type: EventType): Reason {
  const state = processState(snapshot);
  const { context } = snapshot;
  if (state === 'new') return { message: 'No complaint has been received yet: send RECEIVE first.' };
  if (type === 'RECEIVE') return { message: `Complaint ${context.complaint?.id} has already been received; a new complaint needs its own machine.` };
  if (type === 'REFER_TO_OMBUDSMAN') return { message: `The complaint was already referred to the Housing Ombudsman on ${context.ombudsman.referredOn}.` };
  if (type === 'OMBUDSMAN_DETERMINATION') {
    return context.ombudsman.determinedOn
      ? { message: `The Ombudsman's determination was recorded on ${context.ombudsman.determinedOn}.` }
      : { message: 'The complaint has not been referred to the Housing Ombudsman.' };
  }
  if (type === 'REPORT_HAZARD') return { message: `A hazard is already on this complaint (${context.hazard?.type}); report another as its own complaint or repair.` };
  if (type === 'INVESTIGATE_HAZARD') return context.hazard ? { message: `The hazard's investigation concluded at ${context.hazard.concludedAt}.` } : { message: 'No hazard has been reported: send REPORT_HAZARD first.' };
  if (type === 'RECORD_HAZARD_WORK') return context.hazard ? { message: `The hazard track was closed at ${context.hazard.closedAt}.` } : { message: 'No hazard has been reported: send REPORT_HAZARD first.' };
  if (type === 'CLOSE_HAZARD') {
    if (!context.hazard) return { message: 'No hazard has been reported: send REPORT_HAZARD first.' };
    return context.hazard.closedAt ? { message: `The hazard track was closed at ${context.hazard.closedAt}.` } : { message: "The hazard is closed after its investigation concludes (INVESTIGATE_HAZARD)." };
  }
  if (type === 'ADD_ISSUE') {
    return { provision: '6.8', message: 'New issues join a complaint only while stage 1 is being investigated; after the stage 1 response (or at stage 2) they must be logged as a new complaint.' };
  }
  if (type === 'ESCALATE' && (state.startsWith('stage2') || state === 'closed.finalResponse')) {
    return { provision: '5.3', message: 'There is no third stage: stage 2 is the landlord’s final response (6.20). The resident can refer the complaint to the Housing Ombudsman.' };
  }
  if (state.startsWith('closed')) {
    const closed = `The complaint was ${CLOSURE_WORDS[context.closure!.reason]} on ${context.closure!.on}`;
    if (type === 'ESCALATE' && context.closure!.reason === 'declined') {
      return { provision: '2.4', message: `${closed}: a declined complaint has no stage 2; the resident may take the decision to the Housing Ombudsman.` };
    }
    if (type === 'ESCALATE' && context.closure!.reason === 'escalation-refused') {
      return { provision: '5.11', message: `${closed}: the refusal was explained in writing; the resident may take it to the Housing Ombudsman.` };
    }
    return { message: `${closed}; only remedies, actions, TICK and the Ombudsman remain.` };
  }
  const table: Partial<Record<EventType, Reason>> = {
    ACKNOWLEDGE:
      state === 'stage1.responded'
        ? { provision: '6.11', message: 'Stage 2 is acknowledged after the resident asks for it: send ESCALATE first.' }
        : { provision: state.startsWith('stage1') ? '6.2' : '6.11', message: `Stage ${state.startsWith('stage1') ? 1 : 2} has already been acknowledged.` },
    DECLINE: {
      provision: '2.1',
      message: 'A complaint can be declined before it is acknowledged at stage 1, or while a stage is investigated if legal proceedings start (2.2); once answered, a request for stage 2 is refused instead (REFUSE_ESCALATION).',
    },
    EXTEND:
      state === 'received' || state === 'stage2.acknowledging'
        ? { provision: state === 'received' ? '6.4' : '6.15', message: 'There is no response deadline to extend until the complaint is acknowledged.' }
        : { provision: '6.4', message: 'The stage 1 response has been sent: there is nothing to extend.' },
    RESPOND:
      state === 'received' || state === 'stage2.acknowledging'
        ? { provision: state === 'received' ? '6.2' : '6.11', message: 'Acknowledge and define the complaint before responding.' }
        : { provision: '6.10', message: 'Stage 1 has been answered; a further response follows a request for stage 2 (ESCALATE).' },
    ESCALATE: { provision: '6.10', message: 'Stage 2 follows the stage 1 response: respond at stage 1 first.' },
    REFUSE_ESCALATION: { provision: '5.11', message: 'A refusal to escalate answers a request for stage 2, before stage 2 is acknowledged.' },
    CLOSE: { provision: '6.10', message: 'A complaint closes at stage 1 only after the stage 1 response, when the resident is satisfied; stage 2 closes with its final response.' },
  };
  return table[type] ?? { message: `${type} is not possible now (${state}).` };
}

/**
 * Whether `event` would be accepted in `snapshot`, and why or why not, from the same rules the
 * machine's guards use (never a second copy of them). Every rule of the Code names its provision.
 * A malformed event is explained, not thrown.
 *
 * @param snapshot - a snapshot of a machine from {@link createComplaintMachine}
 * @param event - the event to consider
 * @returns `{ allowed, reasons }`
 * @throws {@link ForeignMachineError} when the snapshot's machine is not from {@link createComplaintMachine} of this version
 *
 * @example
 * ```ts
 * const machine = createComplaintMachine();
 * const { snapshot } = replay(machine, [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
 * ]);
 * explain(snapshot, { type: 'ESCALATE', at: '2025-01-07T09:00:00Z' }).reasons[0].provision; //=> '6.10'
 * ```
 */
export function explain(snapshot: ComplaintSnapshot, event: ComplaintEvent): Explanation {
  const env = snapshotEnv(snapshot, 'explain');
  // The snapshot must be readable: a failure past this point is the event's.
  typedErrors('snapshot', snapshot, 'a complaint snapshot', () => activeNodes(snapshot));
  // Read once, as the machine would read it: every rule below sees the same copy.
  const copied = eventCopy(event);
  if ('refusal' in copied) return { allowed: false, reasons: [copied.refusal] };
  try {
    return whileSending(copied.event, () => explainWith(env, snapshot, copied.event));
  } catch {
    return { allowed: false, reasons: [UNREADABLE] };
  }
}

function explainWith(env: RuleEnv, snapshot: ComplaintSnapshot, event: ComplaintEvent): Explanation {
  const problems = eventProblems(event);
  if (problems.length > 0) return { allowed: false, reasons: problems.map((message) => ({ message: `malformed event: ${message}` })) };
  const found = candidates(snapshot, event.type);
  if (found.length === 0) {
    // Out-of-order and before-receipt refusals come first, as the guards would give them.
    const common = preconditions(snapshot.context, event, false);
    return { allowed: false, reasons: inJurisdiction(common.length > 0 ? common : [notNow(snapshot, event.type)], env) };
  }
  const refusals: Reason[] = [];
  for (const { rule, stage } of found) {
    const verdict = decide(rule, snapshot.context, event, env, stage);
    if (verdict.next !== undefined) return { allowed: true, reasons: verdict.notes };
    refusals.push(...verdict.refusals);
  }
  return { allowed: false, reasons: refusals };
}

/**
 * The event types a user could send now: for building buttons. An event listed here may still be
 * refused on its payload (use {@link explain}); one not listed would be refused whatever it carries.
 *
 * @param snapshot - a snapshot of a complaint machine
 * @returns event types, in the order of the process
 * @throws {@link ForeignMachineError} when the snapshot's machine is not from {@link createComplaintMachine} of this version
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), []);
 * nextEvents(snapshot); //=> ['RECEIVE']
 * ```
 */
export function nextEvents(snapshot: ComplaintSnapshot): EventType[] {
  return typedErrors('snapshot', snapshot, 'a complaint snapshot', () => available(snapshot));
}

function available(snapshot: ComplaintSnapshot): EventType[] {
  const env = snapshotEnv(snapshot, 'nextEvents');
  const { context } = snapshot;
  if (!context.complaint) return ['RECEIVE'];
  const available = new Set<string>();
  for (const node of activeNodes(snapshot)) for (const type of Object.keys(node.on)) available.add(type);
  const open = context.tracked.some((item) => !item.completedOn) || context.timers.some((timer) => !timer.metOn && !timer.stoppedOn);
  if (!open) available.delete('COMPLETE_ACTION');
  // Straight to stage 2 from an open stage 1 only where the policy allows it.
  if (!env.policy.directToStage2 && processState(snapshot) === 'stage1.investigating') available.delete('ESCALATE');
  // Awaab's Law is England's: no hazard track under another jurisdiction or in another division.
  if (env.policy.jurisdiction !== 'england' || context.complaint.region !== 'england-and-wales') available.delete('REPORT_HAZARD');
  if (context.complaint.raisedBy !== 'representative' || context.complaint.consentOnFile === true) available.delete('RECORD_CONSENT');
  return EVENT_TYPES.filter((type) => available.has(type));
}

/**
 * A plain view of a complaint for screens and reports.
 *
 * @example
 * ```ts
 * const view: ComplaintView = describeComplaint(replay(createComplaintMachine(), []).snapshot);
 * view.stage; //=> 'new'
 * ```
 */
export interface ComplaintView {
  /** Where the complaint is: not yet received, received, at stage 1 or 2, or closed. */
  readonly stage: 'new' | 'received' | 'stage1' | 'stage2' | 'closed';
  /** The step within the stage, e.g. `'investigating'`, `'responded'`, `'reviewing'`, `'final-response'`. */
  readonly status: string;
  /** The complaint's id, once received. */
  readonly complaintId?: string;
  /** The resident's UK division, once received. */
  readonly region?: Region;
  /** The current stage's deadlines (stage 2's once escalated), as UK dates. */
  readonly deadlines: {
    /** The acknowledgement deadline (6.2, 6.11). */
    readonly acknowledgeBy?: IsoDate;
    /** The response deadline, after any extension (6.3, 6.14). */
    readonly respondBy?: IsoDate;
    /** The response deadline before any extension. */
    readonly originalRespondBy?: IsoDate;
  };
  /** Every deadline still open: the stage's, remedies', actions', the policy's timers and the hazard's (Awaab's Law). */
  readonly openDeadlines: readonly {
    /** Which: `stage1.respond`, `remedy:<id>`, `action:<id>`, `timer:<id>`, `hazard:<duty>`. */
    readonly deadline: string;
    /** The provision (or policy paragraph, or regulation) behind it. */
    readonly provision: string;
    /** When it is due: the UK date. */
    readonly due: IsoDate;
    /** For a deadline in clock hours (an emergency hazard's 24 hours), the instant it is due. */
    readonly dueAt?: string;
    /** A target, not a breach when missed (supplementary work begun in 5 working days: on site in 12 weeks is the limit). */
    readonly soft?: true;
  }[];
  /** Names of open deadlines passed at `now`. */
  readonly overdue: readonly string[];
  /** Open deadlines later than the official bank holiday data (their date may move if a holiday is proclaimed). */
  readonly provisional: readonly string[];
  /** The decision of the latest response. */
  readonly outcome?: 'upheld' | 'partly-upheld' | 'not-upheld';
  /** How and when it closed. */
  readonly closure?: {
    /** Why it closed. */
    readonly reason: string;
    /** When. */
    readonly on: IsoDate;
  };
  /** Remedies and actions not yet completed. */
  readonly outstandingActions: readonly {
    /** Its id, for COMPLETE_ACTION. */
    readonly id: string;
    /** A remedy or an action. */
    readonly kind: 'remedy' | 'action';
    /** What will happen. */
    readonly description: string;
    /** By when. */
    readonly dueOn?: IsoDate;
  }[];
  /** Deadlines missed, each with its provision. */
  readonly breaches: ComplaintContext['breaches'];
  /** Whether a representative's consent is awaited. */
  readonly consentAwaited: boolean;
  /** The Ombudsman's involvement. */
  readonly ombudsman: ComplaintContext['ombudsman'];
  /**
   * A hazard reported beside the complaint (Awaab's Law), when there is one: where its track is,
   * and each of its deadlines with whether it is met. Its open deadlines are also in `openDeadlines`.
   */
  readonly hazard?: {
    /** Where the track is. */
    readonly status: 'reported' | 'investigated' | 'closed';
    /** The HHSRS hazard. */
    readonly type: string;
    /** Emergency or significant, as reported. */
    readonly category: 'emergency' | 'significant';
    /** The phase of Awaab's Law that brought it into scope. */
    readonly phase: 1 | 2 | 3;
    /** What the investigation found, once it concluded. */
    readonly finding?: 'emergency' | 'significant' | 'none';
    /** Each deadline, with when it was met. */
    readonly deadlines: readonly {
      /** The duty, e.g. `'written-summary'`. */
      readonly duty: string;
      /** Its regulation, as secondary sources number it. */
      readonly regulation?: string;
      /** The UK date it is due. */
      readonly due: IsoDate;
      /** For a duty in clock hours, the instant it is due. */
      readonly dueAt?: string;
      /** When it was met. */
      readonly metAt?: string;
      /** Whether its value was checked against the Regulations themselves (none yet). */
      readonly verified: boolean;
    }[];
  };
  /** Each stage's record, for history. */
  readonly history: {
    /** Stage 1's record. */
    readonly stage1?: ComplaintContext['stage1'];
    /** Stage 2's record. */
    readonly stage2?: ComplaintContext['stage2'];
  };
}

/** @internal A hazard as a view shows it (and a record keeps it). */
export function hazardView(hazard: Hazard): NonNullable<ComplaintView['hazard']> {
  const when = new Map<string, string>(hazard.met.map((m) => [m.duty, m.at]));
  // What meets a duty besides its own step (as metDuties counts it).
  const instead: Record<string, string[]> = {
    'supplementary-work-begin': ['supplementary-work-on-site'],
    'supplementary-work-on-site': ['supplementary-work-begin'],
    'emergency-make-safe': ['alternative-accommodation'],
    'significant-safety-work': ['alternative-accommodation'],
  };
  return {
    status: hazard.closedAt ? 'closed' : hazard.concludedAt ? 'investigated' : 'reported',
    type: hazard.type,
    category: hazard.category,
    phase: hazard.phase,
    ...(hazard.finding ? { finding: hazard.finding } : {}),
    deadlines: hazard.deadlines.map(({ duty, regulation, due, dueAt, verified }) => {
      const metAt = duty.endsWith('-investigate') ? hazard.concludedAt : (when.get(duty) ?? (instead[duty] ?? []).map((other) => when.get(other)).find((at) => at !== undefined));
      return { duty, ...(regulation ? { regulation } : {}), due, ...(dueAt ? { dueAt } : {}), ...(metAt ? { metAt } : {}), verified };
    }),
  };
}

const STATUS: Record<string, string> = {
  'closed.declined': 'declined',
  'closed.resolvedAtStage1': 'resolved-at-stage-1',
  'closed.finalResponse': 'final-response',
  'closed.withdrawn': 'withdrawn',
  'closed.escalationRefused': 'escalation-refused',
};

/**
 * Describes a complaint for a screen or report: its stage, status, current deadlines, what is
 * overdue at `now`, the outcome, what is still to be done and the breaches recorded.
 *
 * @param snapshot - a snapshot of a complaint machine
 * @param options - `now`, an instant or UK date to judge overdue deadlines at (default: the last event's time)
 * @returns a plain {@link ComplaintView}
 * @throws {@link ForeignMachineError} when the snapshot's machine is not from {@link createComplaintMachine} of this version
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Damp' } },
 * ]);
 * describeComplaint(snapshot).deadlines.acknowledgeBy; //=> '2025-01-13'
 * describeComplaint(snapshot, { now: '2025-01-14' }).overdue; //=> ['stage1.acknowledge']
 * ```
 */
export function describeComplaint(snapshot: ComplaintSnapshot, options: { now?: string | Date } = {}): ComplaintView {
  return typedErrors('snapshot', snapshot, 'a complaint snapshot, and options { now? }', () => describe(snapshot, options));
}

function describe(snapshot: ComplaintSnapshot, options: { now?: string | Date }): ComplaintView {
  const env = snapshotEnv(snapshot, 'describeComplaint');
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new InvalidInputError('options', options, '{ now? }');
  const { context } = snapshot;
  const state = processState(snapshot);
  const stage = state === 'new' || state === 'received' ? state : (state.split('.')[0] as 'stage1' | 'stage2' | 'closed');
  const now =
    options.now === undefined
      ? context.lastEventAt && toUkDate(context.lastEventAt)
      : ukDayOf(options.now, 'options.now');
  // The instant of `now`, when it is one (a UK date alone cannot say whether 24 clock hours have passed).
  const nowAt = options.now === undefined ? context.lastEventAt : typeof options.now === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(options.now) ? undefined : options.now;
  const current = context.stage2 ?? context.stage1;
  const open = openDeadlines(context);
  const calendar = context.complaint ? env.calendar(context.complaint.region as Region) : undefined;
  const outcome = context.stage2?.decision ?? context.stage1?.decision;
  return {
    stage,
    status: STATUS[state] ?? state.split('.').at(-1)!,
    ...(context.complaint ? { complaintId: context.complaint.id, region: context.complaint.region as Region } : {}),
    deadlines: current
      ? {
          ...(current.acknowledgeBy ? { acknowledgeBy: current.acknowledgeBy } : {}),
          ...(current.respondBy ? { respondBy: current.respondBy } : {}),
          ...(current.originalRespondBy ? { originalRespondBy: current.originalRespondBy } : {}),
        }
      : {},
    openDeadlines: open,
    // A deadline in clock hours is overdue once its instant has passed, when `now` is an instant.
    overdue: now ? open.filter((d) => (d.dueAt !== undefined && nowAt !== undefined ? compareInstants(nowAt, d.dueAt) > 0 : d.due < now)).map((d) => d.deadline) : [],
    provisional: calendar ? open.filter((d) => calendar.isProvisional(d.due)).map((d) => d.deadline) : [],
    ...(outcome ? { outcome } : {}),
    ...(context.closure ? { closure: context.closure } : {}),
    outstandingActions: context.tracked
      .filter((item) => !item.completedOn)
      .map(({ id, kind, description, dueOn }) => (dueOn ? { id, kind, description, dueOn } : { id, kind, description })),
    breaches: context.breaches,
    consentAwaited: context.consentAwaited,
    ombudsman: context.ombudsman,
    ...(context.hazard ? { hazard: hazardView(context.hazard) } : {}),
    history: { ...(context.stage1 ? { stage1: context.stage1 } : {}), ...(context.stage2 ? { stage2: context.stage2 } : {}) },
  };
}
