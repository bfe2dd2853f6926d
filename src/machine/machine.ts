import { setup, assign, type SnapshotFrom } from 'xstate';
import { createWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/calendar.js';
import type { Region } from '../calendar/regions.js';
import { HousingComplaintsError, InvalidInputError, isErrorNamed, typedErrors } from '../errors.js';
import { effectivePolicy } from '../policy/effective.js';
import { policies } from '../policy/policies.js';
import type { Policy } from '../policy/schema.js';
import { VERSION } from '../version.js';
import { decide, type Decision } from './decide.js';
import { emptyContext, type ComplaintContext } from './context.js';
import type { ComplaintEvent } from './events.js';
import type { RuleEnv, RuleName } from './rules.js';

/**
 * Options of {@link createComplaintMachine}.
 *
 * @example
 * ```ts
 * const options: ComplaintMachineOptions = { policy: policies.peaksPlainsV4, enforceCode: true };
 * ```
 */
export interface ComplaintMachineOptions {
  /** The landlord's policy (default: the Code 2024 itself). */
  policy?: Policy;
  /** Make the Code the floor: a policy rule that takes a right away from the resident gives way (default `true`). */
  enforceCode?: boolean;
  /**
   * The working-day clock for each UK division, e.g. with the landlord's closures. Default: the
   * built-in calendar of the complaint's division.
   */
  calendar?: (region: Region) => WorkingDayCalendar;
}

/**
 * The version of the machine's snapshot format, stored by {@link serialize}. It changes when the
 * shape of a snapshot changes, and {@link restore} refuses snapshots of another version.
 *
 * @example
 * ```ts
 * MACHINE_VERSION; //=> 2
 * ```
 */
export const MACHINE_VERSION = 2;

type Stage = 1 | 2;
interface StageParams {
  stage: Stage;
}

const defaultCalendars = new Map<Region, WorkingDayCalendar>();
function defaultCalendar(region: Region): WorkingDayCalendar {
  let calendar = defaultCalendars.get(region);
  if (!calendar) {
    calendar = createWorkingDayCalendar({ region });
    defaultCalendars.set(region, calendar);
  }
  return calendar;
}

/**
 * What each machine was made with, for explain, describe and restore: kept on the machine itself
 * under a `Symbol.for` key, so that the ESM and the CommonJS builds of one version, loaded side by
 * side, each read the other's machines (a WeakMap would be private to one build).
 */
const MACHINE_BRAND = Symbol.for('housing-complaints.machine');

interface MachineBrand {
  readonly version: string;
  readonly env: RuleEnv;
}

/**
 * A machine or a snapshot that this copy of the library cannot read: it was not made by
 * {@link createComplaintMachine}, or it was made by another version of `housing-complaints` loaded
 * in the same process. `foundVersion` is that other version, when there is one.
 *
 * @example
 * ```ts
 * import { createMachine } from 'xstate';
 * import { explain } from 'housing-complaints';
 *
 * const other = createMachine({}).getInitialSnapshot({} as never);
 * explain(other as never, { type: 'TICK', at: '2025-01-06T09:00:00Z' }); // throws ForeignMachineError
 * ```
 */
export class ForeignMachineError extends HousingComplaintsError {
  /** The class name, `'ForeignMachineError'`: what the `isX()` guards check. */
  override name = 'ForeignMachineError';
  /** The version of `housing-complaints` that made the machine, when it was made by another one. */
  readonly foundVersion: string | undefined;
  constructor(use: string, foundVersion?: string) {
    super(
      foundVersion === undefined
        ? `${use} takes a machine made by createComplaintMachine (or a snapshot of one); this is not one.`
        : `${use} was given a machine made by housing-complaints ${foundVersion}, but this copy is ${VERSION}: two versions of the package are loaded in one process (a dependency of the app brings its own copy). Make them one: \`npm ls housing-complaints\` shows the copies, and \`npm dedupe\` or aligning the versions fixes it.`,
    );
    this.foundVersion = foundVersion;
  }
}

/**
 * Whether `error` is a {@link ForeignMachineError}.
 *
 * @example
 * ```ts
 * isForeignMachineError(new ForeignMachineError('explain', '0.0.1')); //=> true
 * ```
 */
export function isForeignMachineError(error: unknown): error is ForeignMachineError {
  return isErrorNamed(error, 'ForeignMachineError');
}

const OPTION_KEYS = new Set(['policy', 'enforceCode', 'calendar']);

/**
 * The options, checked before anything is built: a value of the wrong kind is refused here, by
 * name, rather than taken for truthy (`enforceCode: 'no'` would enforce the Code and store `'no'`).
 */
function checkOptions(options: unknown): ComplaintMachineOptions {
  return typedErrors('options', options, 'an options object { policy?, enforceCode?, calendar? }', () => {
    if (options === undefined) return {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new InvalidInputError('options', options, 'an options object { policy?, enforceCode?, calendar? }');
    const { policy, enforceCode, calendar } = options as Record<string, unknown>;
    const unknown = Object.keys(options).filter((key) => !OPTION_KEYS.has(key));
    if (unknown.length > 0) throw new InvalidInputError(`options.${unknown[0]!.slice(0, 40)}`, (options as Record<string, unknown>)[unknown[0]!], 'no such option (policy, enforceCode or calendar)');
    if (policy === null) throw new InvalidInputError('options.policy', policy, 'a policy object, such as policies.code2024');
    if (enforceCode !== undefined && typeof enforceCode !== 'boolean') throw new InvalidInputError('options.enforceCode', enforceCode, 'true or false');
    if (calendar !== undefined && typeof calendar !== 'function') throw new InvalidInputError('options.calendar', calendar, 'a function from a UK division to its working-day calendar');
    return { ...(policy === undefined ? {} : { policy: policy as Policy }), ...(enforceCode === undefined ? {} : { enforceCode }), ...(calendar === undefined ? {} : { calendar: calendar as ComplaintMachineOptions['calendar'] & object }) };
  });
}

/** Freezes plain data all the way down (a policy is data: no cycles, no class instances). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** @internal What the machine of `snapshot` was made with, read safely from any value; and that it looks like a snapshot. */
export function snapshotEnv(snapshot: unknown, use: string): RuleEnv {
  let machine: unknown;
  let looksLike = false;
  try {
    if (typeof snapshot === 'object' && snapshot !== null) {
      const { machine: own, value, context } = snapshot as { machine?: unknown; value?: unknown; context?: Record<string, unknown> };
      machine = own;
      looksLike =
        typeof value === 'object' && value !== null &&
        typeof context === 'object' && context !== null &&
        ['letters', 'tracked', 'breaches', 'timers', 'notes'].every((list) => Array.isArray(context[list])) &&
        typeof context.ombudsman === 'object' && context.ombudsman !== null;
    }
  } catch {
    machine = undefined;
  }
  const env = machineEnv(machine, use);
  if (!looksLike) throw new InvalidInputError('snapshot', snapshot, `a snapshot of a complaint machine (its value and context) for ${use}`);
  return env;
}

/**
 * @internal What `machine` was made with. Works for machines of either build of this version.
 * @throws {@link ForeignMachineError} for anything else, naming `use` (the function that was called)
 */
export function machineEnv(machine: unknown, use: string): RuleEnv {
  let version: unknown;
  let env: RuleEnv | undefined;
  try {
    // A hostile object (a Proxy, a throwing getter) is just not a machine of ours.
    const brand = typeof machine === 'object' && machine !== null ? (machine as Record<symbol, MachineBrand | undefined>)[MACHINE_BRAND] : undefined;
    if (typeof brand === 'object' && brand !== null) ({ version, env } = brand);
    const made = typeof env === 'object' && env !== null && typeof env.calendar === 'function' && typeof env.policy === 'object' && env.policy !== null;
    if (!made || typeof (machine as { root?: unknown }).root !== 'object') env = undefined;
  } catch {
    throw new ForeignMachineError(use);
  }
  if (typeof version !== 'string' || env === undefined) throw new ForeignMachineError(use);
  if (version !== VERSION) throw new ForeignMachineError(use, version.slice(0, 40));
  return env;
}

function buildMachine(env: RuleEnv) {
  // The guard decides the event: judges it, makes the next record and checks it. The action straight
  // after it, in the same step, stores that record instead of deciding again. Nothing is kept
  // between steps: a host may edit and resend the same event object.
  let handOver: { event: unknown; context: ComplaintContext; rule: RuleName; decision: Decision } | undefined;
  const guard =
    (rule: RuleName) =>
    ({ context, event }: { context: ComplaintContext; event: ComplaintEvent }, params?: StageParams) => {
      const decision = decide(rule, context, event, env, params?.stage ?? 1);
      handOver = { event, context, rule, decision };
      return decision.next !== undefined;
    };
  const action = (_name: string, rule: RuleName) =>
    assign<ComplaintContext, ComplaintEvent, StageParams | undefined, ComplaintEvent, never>(({ context, event }, params) => {
      const taken = handOver;
      handOver = undefined;
      const decision = taken && taken.event === event && taken.context === context && taken.rule === rule ? taken.decision : decide(rule, context, event, env, params?.stage ?? 1);
      // Only an allowed event reaches its action; should one not be, the record stays as it was.
      return decision.next ?? context;
    });

  return setup({
    types: {
      context: {} as ComplaintContext,
      events: {} as ComplaintEvent,
    },
    guards: {
      canReceive: guard('canReceive'),
      canReceiveAtFrontline: guard('canReceiveAtFrontline'),
      canAcknowledge: guard('canAcknowledge'),
      canDecline: guard('canDecline'),
      canExtend: guard('canExtend'),
      canAddIssue: guard('canAddIssue'),
      canRespond: guard('canRespond'),
      canEscalate: guard('canEscalate'),
      canRefuseEscalation: guard('canRefuseEscalation'),
      canClose: guard('canClose'),
      canWithdraw: guard('canWithdraw'),
      canOfferRemedy: guard('canOfferRemedy'),
      canCompleteAction: guard('canCompleteAction'),
      canRefer: guard('canRefer'),
      canRecordDetermination: guard('canRecordDetermination'),
      canTick: guard('canTick'),
      canRecordConsent: guard('canRecordConsent'),
      canReportHazard: guard('canReportHazard'),
      canInvestigateHazard: guard('canInvestigateHazard'),
      canRecordHazardWork: guard('canRecordHazardWork'),
      canCloseHazard: guard('canCloseHazard'),
    },
    actions: {
      recordReceipt: action('recordReceipt', 'canReceive'),
      recordFrontlineReceipt: action('recordFrontlineReceipt', 'canReceiveAtFrontline'),
      recordAcknowledgement: action('recordAcknowledgement', 'canAcknowledge'),
      recordDecline: action('recordDecline', 'canDecline'),
      recordExtension: action('recordExtension', 'canExtend'),
      addIssue: action('addIssue', 'canAddIssue'),
      recordResponse: action('recordResponse', 'canRespond'),
      recordEscalation: action('recordEscalation', 'canEscalate'),
      recordRefusal: action('recordRefusal', 'canRefuseEscalation'),
      recordResolution: action('recordResolution', 'canClose'),
      recordWithdrawal: action('recordWithdrawal', 'canWithdraw'),
      recordRemedy: action('recordRemedy', 'canOfferRemedy'),
      recordCompletion: action('recordCompletion', 'canCompleteAction'),
      recordReferral: action('recordReferral', 'canRefer'),
      recordDetermination: action('recordDetermination', 'canRecordDetermination'),
      recordTick: action('recordTick', 'canTick'),
      recordConsent: action('recordConsent', 'canRecordConsent'),
      recordHazardReport: action('recordHazardReport', 'canReportHazard'),
      recordHazardInvestigation: action('recordHazardInvestigation', 'canInvestigateHazard'),
      recordHazardWork: action('recordHazardWork', 'canRecordHazardWork'),
      recordHazardClosure: action('recordHazardClosure', 'canCloseHazard'),
    },
  }).createMachine({
    id: 'complaint',
    type: 'parallel',
    context: emptyContext(env.policy.policyId, env.policy.enforceCode, env.policy.fingerprint, env.policy.jurisdiction),
    // At any stage, and after closing: remedies (5.13), follow-through (6.6, 6.17), a
    // representative's consent (1.3, 3.6), the clock.
    on: {
      RECORD_CONSENT: { guard: 'canRecordConsent', actions: 'recordConsent' },
      OFFER_REMEDY: { guard: 'canOfferRemedy', actions: 'recordRemedy' },
      COMPLETE_ACTION: { guard: 'canCompleteAction', actions: 'recordCompletion' },
      TICK: { guard: 'canTick', actions: 'recordTick' },
    },
    states: {
      process: {
        initial: 'new',
        states: {
          new: {
            on: {
              RECEIVE: [
                // A stage 1 with no acknowledgement (the SPSO model procedure) starts at once.
                { target: 'stage1', guard: 'canReceiveAtFrontline', actions: 'recordFrontlineReceipt' },
                { target: 'received', guard: 'canReceive', actions: 'recordReceipt' },
              ],
            },
          },
          received: {
            on: {
              ACKNOWLEDGE: {
                target: 'stage1',
                guard: { type: 'canAcknowledge', params: { stage: 1 } },
                actions: { type: 'recordAcknowledgement', params: { stage: 1 } },
              },
              DECLINE: { target: 'closed.declined', guard: 'canDecline', actions: 'recordDecline' },
              WITHDRAW: { target: 'closed.withdrawn', guard: 'canWithdraw', actions: 'recordWithdrawal' },
            },
          },
          stage1: {
            initial: 'investigating',
            on: { WITHDRAW: { target: 'closed.withdrawn', guard: 'canWithdraw', actions: 'recordWithdrawal' } },
            states: {
              investigating: {
                on: {
                  EXTEND: { guard: { type: 'canExtend', params: { stage: 1 } }, actions: { type: 'recordExtension', params: { stage: 1 } } },
                  ADD_ISSUE: { guard: 'canAddIssue', actions: 'addIssue' },
                  // Straight to stage 2, where the policy allows it (complex or serious, or the resident asks).
                  ESCALATE: { target: '#complaint.process.stage2', guard: 'canEscalate', actions: 'recordEscalation' },
                  // Legal proceedings started since the complaint was accepted (2.2).
                  DECLINE: { target: '#complaint.process.closed.declined', guard: 'canDecline', actions: 'recordDecline' },
                  RESPOND: {
                    target: 'responded',
                    guard: { type: 'canRespond', params: { stage: 1 } },
                    actions: { type: 'recordResponse', params: { stage: 1 } },
                  },
                },
              },
              responded: {
                on: {
                  ESCALATE: { target: '#complaint.process.stage2', guard: 'canEscalate', actions: 'recordEscalation' },
                  CLOSE: { target: '#complaint.process.closed.resolvedAtStage1', guard: 'canClose', actions: 'recordResolution' },
                },
              },
            },
          },
          stage2: {
            initial: 'acknowledging',
            on: { WITHDRAW: { target: 'closed.withdrawn', guard: 'canWithdraw', actions: 'recordWithdrawal' } },
            states: {
              acknowledging: {
                on: {
                  ACKNOWLEDGE: {
                    target: 'reviewing',
                    guard: { type: 'canAcknowledge', params: { stage: 2 } },
                    actions: { type: 'recordAcknowledgement', params: { stage: 2 } },
                  },
                  REFUSE_ESCALATION: { target: '#complaint.process.closed.escalationRefused', guard: 'canRefuseEscalation', actions: 'recordRefusal' },
                },
              },
              reviewing: {
                on: {
                  EXTEND: { guard: { type: 'canExtend', params: { stage: 2 } }, actions: { type: 'recordExtension', params: { stage: 2 } } },
                  DECLINE: { target: '#complaint.process.closed.declined', guard: 'canDecline', actions: 'recordDecline' },
                  RESPOND: {
                    target: '#complaint.process.closed.finalResponse',
                    guard: { type: 'canRespond', params: { stage: 2 } },
                    actions: { type: 'recordResponse', params: { stage: 2 } },
                  },
                },
              },
            },
          },
          // Not final: remedies and actions are still followed through, and the Ombudsman may be asked.
          closed: {
            initial: 'finalResponse',
            states: {
              declined: {},
              // Closing at stage 1 does not take away the resident's right to stage 2 (6.10, 5.11).
              resolvedAtStage1: {
                on: { ESCALATE: { target: '#complaint.process.stage2', guard: 'canEscalate', actions: 'recordEscalation' } },
              },
              finalResponse: {},
              withdrawn: {},
              escalationRefused: {},
            },
          },
        },
      },
      ombudsman: {
        initial: 'notReferred',
        states: {
          notReferred: { on: { REFER_TO_OMBUDSMAN: { target: 'referred', guard: 'canRefer', actions: 'recordReferral' } } },
          referred: { on: { OMBUDSMAN_DETERMINATION: { target: 'determined', guard: 'canRecordDetermination', actions: 'recordDetermination' } } },
          determined: {},
        },
      },
      // Beside the stages: a hazard in the home under Awaab's Law, on its own clock (24 clock hours
      // for an emergency, working days otherwise). It runs on after the complaint closes.
      hazard: {
        initial: 'none',
        states: {
          none: { on: { REPORT_HAZARD: { target: 'reported', guard: 'canReportHazard', actions: 'recordHazardReport' } } },
          reported: {
            on: {
              INVESTIGATE_HAZARD: { target: 'investigated', guard: 'canInvestigateHazard', actions: 'recordHazardInvestigation' },
              // An emergency may be made safe, or the household moved, before the investigation concludes.
              RECORD_HAZARD_WORK: { guard: 'canRecordHazardWork', actions: 'recordHazardWork' },
            },
          },
          investigated: {
            on: {
              RECORD_HAZARD_WORK: { guard: 'canRecordHazardWork', actions: 'recordHazardWork' },
              CLOSE_HAZARD: { target: 'closed', guard: 'canCloseHazard', actions: 'recordHazardClosure' },
            },
          },
          closed: {},
        },
      },
    },
  });
}

/**
 * The complaint machine's type.
 *
 * @example
 * ```ts
 * const machine: ComplaintMachine = createComplaintMachine();
 * ```
 */
export type ComplaintMachine = ReturnType<typeof buildMachine>;

/**
 * A snapshot of a complaint machine.
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), []);
 * const value: ComplaintSnapshot['value'] = snapshot.value; //=> { process: 'new', ombudsman: 'notReferred', hazard: 'none' }
 * ```
 */
export type ComplaintSnapshot = SnapshotFrom<ComplaintMachine>;

/**
 * Creates the complaint lifecycle of the Complaint Handling Code 2024 as an XState v5 machine:
 * received, stage 1 (investigating, responded), stage 2 (acknowledging, reviewing), closed; with
 * the Ombudsman in a parallel region, and remedies and actions tracked at every stage.
 *
 * The machine is pure: no clock, no I/O, no timers. Every event carries `at`; deadlines are UK
 * dates in context, counted in working days of the complaint's division; the host sends `TICK` to
 * record missed deadlines. The same events always give the same snapshot.
 *
 * @param options - the policy (default the Code), whether the Code is the floor (default yes), and the calendars
 * @returns an XState machine; run it with `createActor`, `transition` or {@link replay}
 * @throws {@link InvalidPolicyError} for a malformed policy; {@link InvalidInputError} for options of the wrong kind (`enforceCode: 'no'`, `calendar: 'x'`, `null`, an unknown option)
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { createComplaintMachine } from 'housing-complaints/machine';
 *
 * const actor = createActor(createComplaintMachine()).start();
 * actor.send({ type: 'RECEIVE', at: '2024-06-30T23:30:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak not fixed' } });
 * actor.getSnapshot().context.stage1.acknowledgeBy; //=> '2024-07-08'
 * ```
 */
export function createComplaintMachine(options: ComplaintMachineOptions = {}): ComplaintMachine {
  const { policy, enforceCode, calendar } = checkOptions(options);
  // Frozen through and through: the machine's brand makes it reachable, never changeable.
  const env: RuleEnv = Object.freeze({
    policy: deepFreeze(effectivePolicy(policy ?? policies.code2024, enforceCode ?? true)),
    calendar: calendar ?? defaultCalendar,
  });
  const machine = buildMachine(env);
  const brand: MachineBrand = Object.freeze({ version: VERSION, env });
  Object.defineProperty(machine, MACHINE_BRAND, { value: brand });
  return machine;
}
