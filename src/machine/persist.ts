import type { AnyStateNode } from 'xstate';
import { HousingComplaintsError, isErrorNamed, summarise, typedErrors } from '../errors.js';
import { settleTimers } from './actions.js';
import type { ComplaintContext } from './context.js';
import { machineEnv, MACHINE_VERSION, snapshotEnv, type ComplaintMachine, type ComplaintSnapshot } from './machine.js';
import { pathText } from '../letters/plain.js';
import { NotPlain, plainCopy } from '../plain.js';
import { calendarFingerprint, invariantProblems, issueLine, shapeProblems, type RecordIssue } from './record.js';
import type { RuleEnv } from './rules.js';
import { isRegion } from '../calendar/regions.js';

const FORMAT = 'housing-complaints/complaint';

/**
 * A stored snapshot cannot be restored: not JSON (truncated?), another machine's or another
 * version's, made under another policy, or altered so that its state and record disagree. Nothing
 * is restored: there is never a half-restored actor.
 *
 * @example
 * ```ts
 * restore(createComplaintMachine(), '{"format":"housing-complaints/complaint","vers'); // throws SnapshotRestoreError
 * ```
 */
export class SnapshotRestoreError extends HousingComplaintsError {
  /** The class name, `'SnapshotRestoreError'`: what the `isX()` guards check. */
  override name = 'SnapshotRestoreError';
  /** Each problem found, as a line: `field: what is wrong (found …, expected …)`. */
  readonly problems: readonly string[];
  /** Each problem found, with the field it is in and, where they are known, the stored and the recomputed values. */
  readonly issues: readonly RecordIssue[];
  constructor(problems: readonly (string | RecordIssue)[]) {
    const issues = problems.map((problem) => (typeof problem === 'string' ? { path: problem.slice(0, Math.max(0, problem.indexOf(':'))) || 'snapshot', message: problem } : problem));
    const lines = problems.map((problem) => (typeof problem === 'string' ? problem : issueLine(problem)));
    super(`Cannot restore the complaint snapshot: ${summarise(lines)}.`);
    this.problems = lines;
    this.issues = issues;
  }
}

/**
 * Whether `error` is a {@link SnapshotRestoreError}.
 *
 * @example
 * ```ts
 * isSnapshotRestoreError(new SnapshotRestoreError(['not JSON'])); //=> true
 * ```
 */
export function isSnapshotRestoreError(error: unknown): error is SnapshotRestoreError {
  return isErrorNamed(error, 'SnapshotRestoreError');
}

/**
 * Serializes a snapshot to JSON for storage: the state, the context (plain JSON already) and the
 * machine version, so {@link restore} can refuse a snapshot from another version.
 *
 * @param snapshot - a complaint machine snapshot
 * @returns a JSON string
 *
 * @example
 * ```ts
 * const json = serialize(replay(createComplaintMachine(), []).snapshot);
 * JSON.parse(json).version; //=> 2
 * ```
 */
export function serialize(snapshot: ComplaintSnapshot): string {
  snapshotEnv(snapshot, 'serialize');
  return typedErrors('snapshot', snapshot, 'a complaint snapshot of plain data', () => JSON.stringify({ format: FORMAT, version: MACHINE_VERSION, value: snapshot.value, context: snapshot.context }));
}

/** Problems with a state value against the machine's states: each region or compound state has exactly one valid child. */
function valueProblems(node: AnyStateNode, value: unknown, path: string): string[] {
  const children = Object.keys(node.states);
  if (node.type === 'parallel') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: must be an object of the regions ${children.join(', ')}`];
    const keys = Object.keys(value);
    if (keys.length !== children.length || !children.every((c) => keys.includes(c))) return [`${path}: must have exactly the regions ${children.join(', ')}`];
    return children.flatMap((child) => valueProblems(node.states[child]!, (value as Record<string, unknown>)[child], `${path}.${child}`));
  }
  if (typeof value === 'string') {
    const child = Object.hasOwn(node.states, value) ? node.states[value] : undefined;
    if (!child) return [`${path}: '${value.slice(0, 40)}' is not a state (expected one of ${children.join(', ')})`];
    return child.type === 'atomic' ? [] : [`${path}.${value}: is not a leaf state`];
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length !== 1 || !Object.hasOwn(node.states, entries[0]![0]) || node.states[entries[0]![0]]!.type === 'atomic') {
      return [`${path}: must name one compound state of ${children.join(', ')}`];
    }
    return valueProblems(node.states[entries[0]![0]]!, entries[0]![1], `${path}.${entries[0]![0]}`);
  }
  return [`${path}: must be a state name`];
}

const CLOSED: Record<string, string> = {
  declined: 'declined',
  resolvedAtStage1: 'resolved-at-stage-1',
  finalResponse: 'final-response',
  withdrawn: 'withdrawn',
  escalationRefused: 'escalation-refused',
};

/** Problems where the state and the record disagree (a field flipped by hand). */
function consistencyProblems(value: { process: unknown; ombudsman: unknown; hazard?: unknown }, context: ComplaintContext): string[] {
  const process = typeof value.process === 'string' ? value.process : Object.entries(value.process as object).map(([k, v]) => `${k}.${v}`)[0]!;
  const { stage1, stage2, closure, complaint } = context;
  // What each state requires and forbids of the record: a flipped field cannot restore a case that
  // could never have happened.
  // A frontline stage 1 (the SPSO model procedure) has no acknowledgement: it is open from receipt.
  const frontline = !!stage1 && stage1.acknowledgeBy === undefined && !stage1.acknowledgedOn && !stage1.handler && !!stage1.respondBy;
  const s1 = {
    received: !!stage1 && !stage1.acknowledgedOn && stage1.acknowledgeBy !== undefined,
    acknowledged: ((!!stage1?.acknowledgedOn && !!stage1.handler) || frontline) && !!stage1?.respondBy,
    responded: (!!stage1?.acknowledgedOn || frontline) && !!stage1?.respondedOn,
    // Left for stage 2 before its response, where the policy allows it (stage2.route says why).
    skipped: !!stage2?.route && !stage1?.respondedOn && (frontline || !!stage1?.acknowledgedOn),
  };
  const s2 = { requested: !!stage2 && !stage2.acknowledgedOn, acknowledged: !!stage2?.acknowledgedOn && !!stage2.handler, responded: !!stage2?.acknowledgedOn && !!stage2.respondedOn };
  const before2 = s1.responded || s1.skipped;
  const open = !closure;
  const expectations: Record<string, boolean> = {
    new: !complaint && !stage1 && !stage2 && open && !context.lastEventAt && context.letters.length === 0 && context.tracked.length === 0,
    received: !!complaint && s1.received && !stage2 && open,
    'stage1.investigating': !!complaint && s1.acknowledged && !stage1!.respondedOn && !stage2 && open,
    'stage1.responded': !!complaint && s1.responded && !stage2 && open,
    'stage2.acknowledging': !!complaint && before2 && s2.requested && open,
    'stage2.reviewing': !!complaint && before2 && s2.acknowledged && !stage2!.respondedOn && open,
    // Declined before acknowledgement, or when legal proceedings started during a stage's investigation (2.2).
    'closed.declined':
      !!complaint &&
      context.letters.some((letter) => letter.kind === 'decline-notice') &&
      ((s1.received && !stage2) ||
        (frontline && !stage1!.respondedOn && !stage2) ||
        (context.declineReason === 'legal-proceedings' && ((s1.acknowledged && !stage1!.respondedOn && !stage2) || (before2 && s2.acknowledged && !stage2!.respondedOn)))),
    'closed.resolvedAtStage1': !!complaint && s1.responded && !stage2,
    'closed.finalResponse': !!complaint && before2 && s2.responded,
    'closed.escalationRefused': !!complaint && before2 && s2.requested,
    'closed.withdrawn': !!complaint && !!stage1 && !stage2?.respondedOn,
  };
  const problems: string[] = [];
  const ok = (process.startsWith('closed.') ? closure?.reason === CLOSED[process.slice(7)] : true) && expectations[process] === true;
  if (!ok) problems.push(`the state ${process} does not match the record (stage dates and closure)`);
  const referred = !!context.ombudsman.referredOn;
  const determined = !!context.ombudsman.determinedOn;
  const ombudsmanOk = { notReferred: !referred && !determined, referred: referred && !determined, determined: referred && determined }[value.ombudsman as string];
  if (!ombudsmanOk) problems.push(`the Ombudsman state ${String(value.ombudsman)} does not match the record`);
  const { hazard } = context;
  const hazardOk = { none: !hazard, reported: !!hazard && !hazard.concludedAt && !hazard.closedAt, investigated: !!hazard?.concludedAt && !hazard.closedAt, closed: !!hazard?.concludedAt && !!hazard.closedAt }[value.hazard as string];
  if (!hazardOk) problems.push(`the hazard state ${String(value.hazard)} does not match the record`);
  return problems;
}

/**
 * Restores a snapshot stored with {@link serialize}, validating it first: the format, the machine
 * version, the policy, every field of the record, the state, and that state and record agree. Start
 * an actor from the result with `createActor(machine, { snapshot })`.
 *
 * @param machine - from {@link createComplaintMachine}, with the policy the snapshot was made under
 * @param json - the stored JSON string (or the object parsed from it)
 * @returns a snapshot to start an actor from
 * @throws {@link SnapshotRestoreError} listing every problem; nothing is half-restored
 * @throws {@link ForeignMachineError} when `machine` is not from {@link createComplaintMachine} of this version
 *
 * @example
 * ```ts
 * const machine = createComplaintMachine();
 * const { snapshot } = replay(machine, [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
 * ]);
 * const restored = restore(machine, serialize(snapshot));
 * restored.context.stage1.acknowledgeBy; //=> '2025-01-13'
 * ```
 */
export function restore(machine: ComplaintMachine, json: string | object): ComplaintSnapshot {
  const env = machineEnv(machine, 'restore');
  let data: unknown;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch {
      throw new SnapshotRestoreError([`not valid JSON (${json.length} characters; truncated?)`]);
    }
  } else {
    // A copy, read once: the snapshot never shares the caller's objects, and a getter cannot change after the check.
    try {
      data = plainCopy(json);
    } catch (error) {
      throw new SnapshotRestoreError([`${error instanceof NotPlain ? `${pathText('snapshot', error.path)}: ${error.reason}` : 'snapshot: could not be read'}; a stored snapshot is plain JSON data`]);
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SnapshotRestoreError(['a stored snapshot must be an object']);
  const envelope = data as Record<string, unknown>;
  if (envelope.format !== FORMAT) throw new SnapshotRestoreError([`format: expected '${FORMAT}', got ${JSON.stringify(envelope.format)?.slice(0, 60)}`]);
  if (envelope.version === 1) {
    try {
      migrateFromVersion1(envelope.context, env);
    } catch {
      throw new SnapshotRestoreError(["context.complaint.region: this machine's calendar could not count working days for the record's division"]);
    }
  }
  else if (envelope.version !== MACHINE_VERSION) {
    throw new SnapshotRestoreError([`version: the snapshot is from machine version ${JSON.stringify(envelope.version)?.slice(0, 20)}, this is version ${MACHINE_VERSION}; migrate it first`]);
  }
  // Stored before the hazard track existed: no hazard region, and no hazard on the record.
  const stored = envelope.value as Record<string, unknown> | null;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored) && !('hazard' in stored) && typeof envelope.context === 'object' && envelope.context !== null && !('hazard' in envelope.context)) {
    envelope.value = { ...stored, hazard: 'none' };
  }
  const extra = Object.keys(envelope).filter((key) => !['format', 'version', 'value', 'context'].includes(key));
  const problems: (string | RecordIssue)[] = extra.map((key) => `${key.slice(0, 40)}: not a field of a stored snapshot`);
  problems.push(...valueProblems(machine.root, envelope.value, 'value'));
  problems.push(...shapeProblems(envelope.context).map((issue) => ({ ...issue, path: `context.${issue.path}` })));
  if (problems.length > 0) throw new SnapshotRestoreError(problems);
  const context = envelope.context as ComplaintContext;
  // The one definition of a valid record, the one every accepted event met: recomputed deadlines,
  // the order of dates, the policy's content and the calendar; and the state must match it.
  problems.push(...consistencyProblems(envelope.value as { process: unknown; ombudsman: unknown }, context));
  try {
    problems.push(...invariantProblems(context, env).map((issue) => ({ ...issue, path: `context.${issue.path}` })));
  } catch {
    // The machine's own calendar option failed for this record's division.
    problems.push(`context.complaint.region: this machine's calendar could not count working days for '${String(context.complaint?.region).slice(0, 40)}'`);
  }
  if (problems.length > 0) throw new SnapshotRestoreError(problems);
  // Timers a record stored before they could stop are stopped as the machine now would (a no-op otherwise).
  return machine.resolveState({ value: envelope.value as ComplaintSnapshot['value'], context: settleTimers(context, env) }) as ComplaintSnapshot;
}

/**
 * A version 1 snapshot had no fingerprints of its policy and calendar. It gets this machine's, and
 * is then checked as any other: every deadline it records is recomputed with this machine's policy
 * and calendar, so one made under other rules is still refused.
 */
function migrateFromVersion1(context: unknown, env: RuleEnv): void {
  if (typeof context !== 'object' || context === null) return;
  const record = context as { policy?: unknown; complaint?: { region?: unknown }; calendar?: unknown };
  if (typeof record.policy === 'object' && record.policy !== null && !Array.isArray(record.policy)) (record.policy as Record<string, unknown>).fingerprint = env.policy.fingerprint;
  const region = record.complaint?.region;
  if (typeof region === 'string' && isRegion(region) && record.calendar === undefined) record.calendar = calendarFingerprint(env.calendar(region));
}
