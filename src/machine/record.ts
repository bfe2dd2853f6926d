/**
 * What a valid complaint record is: one definition, used both to accept an event (the record it
 * would make must be valid) and to restore a stored snapshot. A record is valid when it has the
 * shape of {@link ComplaintContext} and everything that can be recomputed from its own dates, its
 * policy and its calendar agrees with what it says.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import type { Region } from '../calendar/regions.js';
import { fnv1a64 } from '../calendar/fingerprint.js';
import { canonicalJson } from '../policy/fingerprint.js';
import type * as z from 'zod/mini';
import { ComplaintContext } from './context.js';
import { dayOf, responseDue, samePerson, type RuleEnv } from './rules.js';
import { compareInstants } from '../calendar/instant.js';
import { hazardInScope, type HazardScopeOptions } from '../hazards/phases.js';
import { deadlinesFor, openHazardDeadlines, SOFT_DUTIES, type Hazard } from './hazard.js';

/**
 * One problem with a record: the field, what is stored there and, when it can be recomputed,
 * what should be.
 *
 * @example
 * ```ts
 * const issue: RecordIssue = { path: 'stage1.acknowledgeBy', found: '2025-01-12', expected: '2025-01-13', message: '5 working days after receipt (6.2)' };
 * ```
 */
export interface RecordIssue {
  /** The field, e.g. `'stage1.acknowledgeBy'` or `'tracked.2.id'` (`context.` first, from `restore`). */
  readonly path: string;
  /** Why it is wrong. */
  readonly message: string;
  /** What the record holds there (absent when the field is missing). */
  readonly found?: unknown;
  /** What it should hold, when that can be recomputed. */
  readonly expected?: unknown;
}

/** @internal A record issue as one line: `path: message (found …, expected …)`. */
export function issueLine(issue: RecordIssue): string {
  const shown = (value: unknown) => (typeof value === 'string' ? `'${value.slice(0, 60)}'` : value === undefined ? 'nothing' : String(JSON.stringify(value)).slice(0, 60));
  const values = 'found' in issue || 'expected' in issue ? ` (found ${shown(issue.found)}${'expected' in issue ? `, expected ${shown(issue.expected)}` : ''})` : '';
  return `${issue.path}: ${issue.message}${values}`;
}

/**
 * @internal The fingerprint of the calendar a complaint is counted with: its division and every
 * adjustment. A host's own calendar object without one is known by its division and span.
 */
export function calendarFingerprint(calendar: WorkingDayCalendar): string {
  const own = (calendar as { fingerprint?: unknown }).fingerprint;
  return typeof own === 'string' ? own : fnv1a64(canonicalJson([calendar.region, calendar.coveredFrom, calendar.coveredThrough]));
}

/**
 * @internal Every problem with `context` as a complaint record of the machine whose rules are
 * `env`. Empty when the record is valid. The shape is checked first; the invariants only of a
 * record that has it.
 */
export function recordProblems(context: unknown, env: RuleEnv, previous?: ComplaintContext, checked: readonly unknown[] = []): RecordIssue[] {
  let shape: RecordIssue[] = [];
  if (previous) changedProblems(ComplaintContext, context, previous, '', checked, shape);
  else shape = shapeProblems(context);
  return shape.length > 0 ? shape : invariantProblems(context as ComplaintContext, env);
}

const issuesOf = (prefix: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): RecordIssue[] =>
  error.issues.map((issue) => ({ path: [...(prefix ? [prefix] : []), ...issue.path].map((p) => String(p).slice(0, 40)).join('.') || 'record', message: issue.message }));

/** The parts of a zod/mini schema this walk looks into (its internal definition). */
interface SchemaDef {
  readonly type: string;
  readonly checks?: readonly unknown[];
  readonly shape?: Record<string, z.ZodMiniType>;
  readonly element?: z.ZodMiniType;
  readonly innerType?: z.ZodMiniType;
}
const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The problems of `next` against `schema`, given that `previous` was valid against it: only what
 * changed is parsed. Objects and lists without checks of their own are walked key by key and item
 * by item; everything else (a letter, a list with a minimum length) is parsed whole. `checked` are
 * values the rule already parsed with the same schema (its letter, its definition).
 */
function changedProblems(schema: z.ZodMiniType, next: unknown, previous: unknown, path: string, checked: readonly unknown[], issues: RecordIssue[]): void {
  // The event's own instant, checked with the event, is the record's lastEventAt.
  if (next === previous || ((typeof next === 'object' || path === 'lastEventAt.') && next !== null && checked.includes(next))) return;
  let def = defOf(schema);
  if (def.type === 'optional' && next !== undefined && previous !== undefined) {
    schema = def.innerType!;
    def = defOf(schema);
  }
  const plain = !def.checks || def.checks.length === 0;
  if (plain && def.type === 'object' && isPlainObject(next) && isPlainObject(previous)) {
    const visit = (key: string) => {
      if (next[key] === previous[key]) return;
      if (!Object.hasOwn(def.shape!, key)) issues.push({ path: `${path}${key.slice(0, 40)}`, message: 'not a field of the record' });
      else changedProblems(def.shape![key]!, next[key], previous[key], `${path}${key}.`, checked, issues);
    };
    for (const key of Object.keys(next)) visit(key);
    // A field removed since: checked as missing (required fields are refused).
    for (const key of Object.keys(previous)) if (!Object.hasOwn(next, key)) visit(key);
    return;
  }
  if (plain && def.type === 'array' && Array.isArray(next) && Array.isArray(previous)) {
    next.forEach((item, i) => {
      if (item !== previous[i]) changedProblems(def.element!, item, previous[i], `${path}${i}.`, checked, issues);
    });
    return;
  }
  const result = schema.safeParse(next);
  if (!result.success) issues.push(...issuesOf(path.slice(0, -1), result.error));
}

/** @internal Problems with the shape of a record: {@link ComplaintContext}'s schema. */
export function shapeProblems(context: unknown): RecordIssue[] {
  const parsed = ComplaintContext.safeParse(context);
  return parsed.success ? [] : issuesOf('', parsed.error);
}

/**
 * @internal Whether a record was made under the rules of `env`: its policy (id, Code, content) and,
 * once received, its calendar. The cheap first check before continuing a snapshot on a machine.
 */
export function rulesProblem(context: ComplaintContext, env: RuleEnv): RecordIssue | undefined {
  const policy = context.policy;
  if (policy.id !== env.policy.policyId || policy.enforceCode !== env.policy.enforceCode || policy.fingerprint !== env.policy.fingerprint || (policy.jurisdiction ?? 'england') !== env.policy.jurisdiction) {
    return { path: 'policy', message: `the snapshot was made under '${policy.id}' (Code ${policy.enforceCode ? 'enforced' : 'not enforced'}, fingerprint ${policy.fingerprint}), this machine runs '${env.policy.policyId}' (Code ${env.policy.enforceCode ? 'enforced' : 'not enforced'}, fingerprint ${env.policy.fingerprint})` };
  }
  if (context.complaint) {
    const expected = calendarFingerprint(env.calendar(context.complaint.region as Region));
    if (context.calendar !== expected) return { path: 'calendar', message: `the complaint was counted with another working-day calendar than this machine's for ${context.complaint.region} (its division, closures, extra holidays or forced working days differ)`, found: context.calendar, expected };
  }
  return undefined;
}

type Stage = NonNullable<ComplaintContext['stage1']>;

/** What a stage's deadlines must be, from its own dates, the policy and the calendar. */
interface StageDeadlines {
  readonly acknowledgeBy: string | undefined;
  readonly original: string | undefined;
  /** Each extension's working days beyond the deadline before it, when it moves it later. */
  readonly extensionDays: readonly (number | undefined)[];
}

/**
 * Recomputed deadlines, remembered by a stage's list of extensions, which stays the same object
 * from event to event until an extension is added: a replay counts each stage's working days once
 * per change of its dates, not once per event.
 */
const stageDeadlines = new WeakMap<object, { env: RuleEnv; calendar: WorkingDayCalendar; requestedOn: string; acknowledgedOn: string | undefined; deadlines: StageDeadlines }>();

function deadlinesOf(record: Stage, stage: 1 | 2, env: RuleEnv, calendar: WorkingDayCalendar, region: string): StageDeadlines {
  const known = stageDeadlines.get(record.extensions);
  if (known && known.env === env && known.calendar === calendar && known.requestedOn === record.requestedOn && known.acknowledgedOn === record.acknowledgedOn) return known.deadlines;
  const timescales = stage === 1 ? env.policy.stage1 : env.policy.stage2;
  const original = record.acknowledgedOn || (stage === 1 && env.policy.stage1.acknowledgeWithin === undefined) ? responseDue(env, region, record.acknowledgedOn ?? record.requestedOn, stage, record.requestedOn) : undefined;
  let deadline = original ?? '';
  const extensionDays = record.extensions.map(({ until }) => {
    const days = until > deadline && until <= calendar.coveredThrough ? calendar.workingDaysBetween(deadline, until) : undefined;
    deadline = until;
    return days;
  });
  const deadlines = { acknowledgeBy: timescales.acknowledgeWithin === undefined ? undefined : calendar.addWorkingDays(record.requestedOn, timescales.acknowledgeWithin), original, extensionDays };
  stageDeadlines.set(record.extensions, { env, calendar, requestedOn: record.requestedOn, acknowledgedOn: record.acknowledgedOn, deadlines });
  return deadlines;
}

/** What a hazard's record must hold: Awaab's Law's deadlines recomputed from its own instants, and its steps in order. */
function hazardProblems(hazard: Hazard, context: ComplaintContext, env: RuleEnv, issues: RecordIssue[]): void {
  const at = (path: string, instant: string | undefined, earliest: string | undefined, what: string) => {
    if (instant !== undefined && earliest !== undefined && compareInstants(instant, earliest) < 0) issues.push({ path, message: `before ${what} (${earliest})`, found: instant });
  };
  if (env.policy.jurisdiction !== 'england' || context.complaint?.region !== 'england-and-wales') {
    issues.push({ path: 'hazard', message: "Awaab's Law applies to social homes in England (LTA 1985 s10A): not under this policy's jurisdiction or in this division" });
    return;
  }
  const last = context.lastEventAt!;
  at('hazard.reportedAt', hazard.reportedAt, hazard.awareAt, 'the landlord became aware');
  at('lastEventAt', last, hazard.reportedAt, 'the hazard was recorded');
  at('hazard.concludedAt', hazard.concludedAt, hazard.reportedAt, 'the hazard was recorded');
  at('lastEventAt', last, hazard.concludedAt, 'the investigation concluded');
  at('hazard.safetyWorkIdentifiedAt', hazard.safetyWorkIdentifiedAt, hazard.awareAt, 'the landlord became aware');
  at('hazard.concludedAt', hazard.concludedAt, hazard.safetyWorkIdentifiedAt, 'the safety work was identified');
  if ((hazard.finding === undefined) !== (hazard.concludedAt === undefined)) issues.push({ path: 'hazard.finding', message: 'a finding is recorded exactly when the investigation concluded' });
  if (hazard.safetyWorkIdentifiedAt !== undefined && hazard.concludedAt === undefined) issues.push({ path: 'hazard.safetyWorkIdentifiedAt', message: 'given with the investigation’s conclusion' });
  const scope = hazardInScope(hazard.type, hazard.category, dayOf({ at: hazard.awareAt }), (env.policy.hazards?.phaseDates ? { phaseDates: env.policy.hazards.phaseDates } : {}) as HazardScopeOptions);
  if (!scope.inScope) issues.push({ path: 'hazard.type', message: scope.reason, found: hazard.type });
  else if (hazard.phase !== scope.phase) issues.push({ path: 'hazard.phase', message: 'the phase of Awaab’s Law in force when the landlord became aware', found: hazard.phase, expected: scope.phase });
  let recomputed: unknown;
  try {
    recomputed = deadlinesFor(hazard, env.policy);
  } catch {
    issues.push({ path: 'hazard', message: 'its deadlines cannot be counted from its instants' });
    return;
  }
  if (canonicalJson(recomputed) !== canonicalJson(hazard.deadlines)) issues.push({ path: 'hazard.deadlines', message: 'not the deadlines Awaab’s Law gives from the hazard’s own instants, finding and the policy’s reading' });
  let previous = hazard.reportedAt;
  const seen = new Set<string>();
  hazard.met.forEach((m, i) => {
    if (seen.has(m.duty)) issues.push({ path: `hazard.met.${i}.duty`, message: 'already met', found: m.duty });
    seen.add(m.duty);
    if (m.duty.endsWith('-investigate')) issues.push({ path: `hazard.met.${i}.duty`, message: 'an investigation is met by its conclusion, not as work', found: m.duty });
    // Made safe while the hazard was taken for an emergency: met then, even if the investigation found less.
    else if (m.duty !== 'alternative-accommodation' && !hazard.deadlines.some((d) => d.duty === m.duty) && !(m.duty === 'emergency-make-safe' && hazard.category === 'emergency')) {
      issues.push({ path: `hazard.met.${i}.duty`, message: 'not a duty of this hazard', found: m.duty });
    }
    at(`hazard.met.${i}.at`, m.at, previous, 'the step before it');
    at('lastEventAt', last, m.at, 'this step');
    previous = m.at;
  });
  if (hazard.closedAt !== undefined) {
    at('hazard.closedAt', hazard.closedAt, previous, 'the last step of the hazard');
    at('lastEventAt', last, hazard.closedAt, 'the hazard was closed');
    if (hazard.concludedAt === undefined) issues.push({ path: 'hazard.closedAt', message: 'a hazard closes after its investigation' });
    else {
      const still = openHazardDeadlines({ ...hazard, closedAt: undefined } as Hazard).filter((d) => !SOFT_DUTIES.has(d.duty));
      if (still.length > 0) issues.push({ path: 'hazard.closedAt', message: `closed with duties still to meet: ${still.map((d) => d.duty).join(', ')}` });
    }
  }
}

/** @internal What the record's own dates, policy and calendar say it must hold, for a record of the right shape. */
export function invariantProblems(context: ComplaintContext, env: RuleEnv): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const expect = (path: string, found: unknown, expected: unknown, message: string) => {
    if (found !== expected) issues.push({ path, message, found, expected });
  };
  const require = (ok: boolean, path: string, message: string, found?: unknown) => {
    if (!ok) issues.push(found === undefined ? { path, message } : { path, message, found });
  };

  // The policy and the calendar first: under other rules, every recomputed value would differ.
  const rules = rulesProblem(context, env);
  if (rules) return [rules];

  const { complaint, stage1, stage2 } = context;
  if (!complaint) {
    require(!stage1 && !stage2 && !context.lastEventAt && !context.definition && !context.closure && context.calendar === undefined, 'complaint', 'a record with no complaint has nothing else');
    require(context.letters.length + context.tracked.length + context.breaches.length + context.timers.length + context.notes.length === 0, 'complaint', 'a record with no complaint has nothing else');
    return issues;
  }
  if (!stage1 || !context.lastEventAt) {
    require(!!stage1, 'stage1', 'a received complaint has stage 1');
    require(!!context.lastEventAt, 'lastEventAt', 'a received complaint records when its last event happened (5.12)');
    return issues;
  }
  const calendar = env.calendar(complaint.region as Region);

  const last = dayOf({ at: context.lastEventAt });
  const { coveredFrom, coveredThrough } = calendar;
  /** A date the record holds: inside the calendar, and not after the last event. */
  const dated = (path: string, date: string | undefined, notAfterLast = true) => {
    if (date === undefined) return;
    if (date < coveredFrom || date > coveredThrough) issues.push({ path, message: `outside the dates the working-day clock covers (${coveredFrom} to ${coveredThrough})`, found: date });
    else if (notAfterLast && date > last) issues.push({ path, message: `after the last recorded event (lastEventAt ${context.lastEventAt}): events are recorded in order (5.12)`, found: date });
  };
  const notBefore = (path: string, date: string | undefined, earliest: string | undefined, what: string) => {
    if (date !== undefined && earliest !== undefined && date < earliest) issues.push({ path, message: `before ${what} (${earliest})`, found: date });
  };

  if (complaint.issueDate !== undefined) {
    dated('complaint.issueDate', complaint.issueDate);
    notBefore('stage1.requestedOn', stage1.requestedOn, complaint.issueDate, 'the date of the issue (complaint.issueDate)');
  }
  const late = (deadline: string, due: string | undefined, done: string | undefined) => {
    if (due !== undefined && done !== undefined && done > due && !context.breaches.some((b) => b.deadline === deadline)) issues.push({ path: 'breaches', message: `${deadline} was met late (${done}, due ${due}) but its breach is not recorded` });
  };
  const checkStage = (name: 'stage1' | 'stage2', record: Stage) => {
    const stage = name === 'stage1' ? 1 : 2;
    const timescales = stage === 1 ? env.policy.stage1 : env.policy.stage2;
    dated(`${name}.requestedOn`, record.requestedOn);
    const recomputed = deadlinesOf(record, stage, env, calendar, complaint.region);
    expect(`${name}.acknowledgeBy`, record.acknowledgeBy, recomputed.acknowledgeBy, timescales.acknowledgeWithin === undefined ? 'absent: this stage has no acknowledgement' : `${timescales.acknowledgeWithin} working days after ${record.requestedOn} (${stage === 1 ? '6.2' : '6.11'})`);
    // A frontline stage 1 (no acknowledgement) runs from receipt.
    const unacknowledged = stage === 1 && timescales.acknowledgeWithin === undefined;
    if (unacknowledged) require(record.acknowledgedOn === undefined && record.handler === undefined, `${name}.acknowledgedOn`, 'a stage with no acknowledgement records none');
    if (!record.acknowledgedOn && !unacknowledged) {
      const after = (['handler', 'handlerId', 'respondBy', 'originalRespondBy', 'respondedOn', 'decision'] as const).filter((key) => record[key] !== undefined);
      require(after.length === 0 && record.extensions.length === 0, `${name}.acknowledgedOn`, `missing, though the stage records ${after.length ? after.join(', ') : 'extensions'}, which come after the acknowledgement`);
      return;
    }
    if (!unacknowledged) checkAcknowledged(name, stage, record);
    const original = recomputed.original!;
    expect(`${name}.originalRespondBy`, record.originalRespondBy, original, `${timescales.respondWithin} working days after ${env.policy.responsesFromStartOfStage || unacknowledged ? `the start of the stage on ${record.requestedOn}` : `the acknowledgement on ${record.acknowledgedOn}`} (${stage === 1 ? '6.3' : '6.14'})`);
    checkExtensionsAndResponse(name, stage, record, recomputed, original, record.acknowledgedOn ?? record.requestedOn);
  };
  const checkAcknowledged = (name: 'stage1' | 'stage2', stage: 1 | 2, record: Stage) => {
    dated(`${name}.acknowledgedOn`, record.acknowledgedOn);
    const ackLetter = context.letters.find((l) => l.kind === 'acknowledgement' && (l as { stage?: number }).stage === stage) as { sentOn: string; handler: string } | undefined;
    if (ackLetter) {
      expect(`${name}.acknowledgedOn`, record.acknowledgedOn, ackLetter.sentOn, `the day the stage ${stage} acknowledgement letter was sent`);
      expect(`${name}.handler`, record.handler, ackLetter.handler.trim(), `the handler the stage ${stage} acknowledgement letter names`);
    }
    late(`${name}.acknowledge`, record.acknowledgeBy, record.acknowledgedOn);
    notBefore(`${name}.acknowledgedOn`, record.acknowledgedOn, record.requestedOn, `the stage began`);
    require(record.handler !== undefined, `${name}.handler`, 'an acknowledged stage has a handler');
  };
  const checkExtensionsAndResponse = (name: 'stage1' | 'stage2', stage: 1 | 2, record: Stage, recomputed: StageDeadlines, original: string, start: string) => {
    let deadline = original;
    let since = start;
    record.extensions.forEach((extension, i) => {
      const path = `${name}.extensions.${i}`;
      dated(`${path}.on`, extension.on);
      notBefore(`${path}.on`, extension.on, since, 'the acknowledgement or the extension before it');
      since = extension.on;
      if (extension.until <= deadline) issues.push({ path: `${path}.until`, message: `an extension moves the deadline later than ${deadline}`, found: extension.until });
      else {
        dated(`${path}.until`, extension.until, false);
        expect(`${path}.workingDays`, extension.workingDays, recomputed.extensionDays[i], `the working days from ${deadline} to ${extension.until}`);
      }
      expect(`${path}.afterDeadline`, extension.afterDeadline, extension.on > deadline ? true : undefined, `whether it was given after the deadline of ${deadline}`);
      deadline = extension.until;
    });
    expect(`${name}.respondBy`, record.respondBy, deadline, 'the original response deadline, moved by each extension');
    require((record.respondedOn === undefined) === (record.decision === undefined), `${name}.decision`, 'a response and its decision are recorded together');
    if (record.respondedOn !== undefined) {
      dated(`${name}.respondedOn`, record.respondedOn);
      late(`${name}.respond`, deadline, record.respondedOn);
      notBefore(`${name}.respondedOn`, record.respondedOn, since, 'the acknowledgement or the last extension');
      const kind = `stage${stage}-response`;
      const letter = context.letters.find((l) => l.kind === kind);
      if (!letter) issues.push({ path: 'letters', message: `the ${kind} letter of ${record.respondedOn} is missing: every response sent is kept (5.12)` });
      else {
        expect(`${name}.respondedOn`, record.respondedOn, letter.sentOn, `the day the ${kind} letter was sent`);
        expect(`${name}.decision`, record.decision, (letter as { decision?: string }).decision, `the decision of the ${kind} letter`);
      }
    }
  };
  /** Runs a check that counts working days; a date the clock cannot count from is an issue at `path`, not a crash. */
  const counted = (path: string, check: () => void) => {
    try {
      check();
    } catch {
      issues.push({ path, message: `its deadlines cannot be counted: a date is outside the dates the working-day clock covers (${coveredFrom} to ${coveredThrough})` });
    }
  };
  counted('stage1', () => checkStage('stage1', stage1));
  require((context.definition !== undefined) === (stage1.acknowledgedOn !== undefined || stage2?.acknowledgedOn !== undefined), 'definition', 'the complaint definition is set when the complaint is first acknowledged (5.6), and kept from then on');
  if (stage2) {
    // Straight to stage 2 only where the policy allows it, and then the record says why.
    require(stage2.route === undefined || (env.policy.directToStage2 && stage1.respondedOn === undefined), 'stage2.route', 'a complaint goes straight to stage 2 only under a policy that allows it, before a stage 1 response');
    require(stage1.respondedOn !== undefined || stage2.route !== undefined, 'stage2', 'stage 2 follows the stage 1 response (6.10), unless the complaint went straight to stage 2 (stage2.route)');
    notBefore('stage2.requestedOn', stage2.requestedOn, stage1.respondedOn, 'the stage 1 response');
    counted('stage2', () => checkStage('stage2', stage2));
    if (stage1.handler !== undefined && stage2.handler !== undefined && samePerson(stage1, stage2)) {
      issues.push({ path: 'stage2.handler', message: 'the stage 2 handler must not be the person who considered stage 1 (6.13)', found: stage2.handler });
    }
  }

  let previousSent = '';
  context.letters.forEach((letter, i) => {
    expect(`letters.${i}.complaintId`, letter.complaintId, complaint.id, 'every letter on the record is for this complaint');
    dated(`letters.${i}.sentOn`, letter.sentOn);
    notBefore(`letters.${i}.sentOn`, letter.sentOn, previousSent || stage1.requestedOn, 'the letter before it, or receipt: letters are kept in the order sent (5.12)');
    previousSent = letter.sentOn;
  });

  const ids = new Set<string>();
  context.tracked.forEach((item, i) => {
    if (ids.has(item.id)) issues.push({ path: `tracked.${i}.id`, message: 'another remedy or action has this id', found: item.id });
    ids.add(item.id);
    dated(`tracked.${i}.offeredOn`, item.offeredOn);
    notBefore(`tracked.${i}.offeredOn`, item.offeredOn, stage1.requestedOn, 'receipt');
    dated(`tracked.${i}.dueOn`, item.dueOn, false);
    dated(`tracked.${i}.completedOn`, item.completedOn);
    notBefore(`tracked.${i}.completedOn`, item.completedOn, item.offeredOn, 'the day it was offered');
  });

  // The policy's timers, recomputed from the milestones that start them.
  const starts: [string, string | undefined][] = [
    ['received', stage1.requestedOn],
    ['stage1-acknowledged', stage1.acknowledgedOn],
    ['stage2-acknowledged', stage2?.acknowledgedOn],
  ];
  let timers: { id: string; label: string; reference: string; due: string }[] = [];
  counted('timers', () => {
    timers = starts.flatMap(([from, day]) => (day === undefined ? [] : env.policy.timers.filter((t) => t.from === from).map((t) => ({ id: t.id, label: t.label, reference: t.reference, due: calendar.addWorkingDays(day, t.workingDays) }))));
  });
  expect('timers.length', context.timers.length, timers.length, "the policy's timers started by the record's milestones");
  context.timers.forEach((timer, i) => {
    const wanted = timers[i];
    if (!wanted) return;
    for (const key of ['id', 'label', 'reference', 'due'] as const) expect(`timers.${i}.${key}`, timer[key], wanted[key], `the policy timer ${wanted.id}, recomputed`);
    dated(`timers.${i}.metOn`, timer.metOn);
    dated(`timers.${i}.stoppedOn`, timer.stoppedOn);
    if (ids.has(timer.id)) issues.push({ path: `timers.${i}.id`, message: 'a remedy or action has this id', found: timer.id });
  });

  const breached = new Set<string>();
  context.breaches.forEach((breach, i) => {
    if (breached.has(breach.deadline)) issues.push({ path: `breaches.${i}.deadline`, message: 'this deadline is already recorded as breached', found: breach.deadline });
    breached.add(breach.deadline);
    dated(`breaches.${i}.recordedOn`, breach.recordedOn);
    // A deadline in clock hours may be missed on its own day.
    if (breach.dueAt !== undefined ? breach.recordedOn < breach.due : breach.recordedOn <= breach.due) issues.push({ path: `breaches.${i}.recordedOn`, message: `a deadline is breached only after it is due (${breach.dueAt ?? breach.due})`, found: breach.recordedOn });
    if (breach.dueAt !== undefined) expect(`breaches.${i}.due`, breach.due, dayOf({ at: breach.dueAt }), 'the UK date of the instant it was due');
  });
  context.notes.forEach((note, i) => {
    dated(`notes.${i}.on`, note.on);
    notBefore(`notes.${i}.on`, note.on, stage1.requestedOn, 'receipt');
  });

  if (context.closure) {
    dated('closure.on', context.closure.on);
    notBefore('closure.on', context.closure.on, stage2?.requestedOn ?? stage1.respondedOn ?? stage1.acknowledgedOn ?? stage1.requestedOn, 'the last step of the process');
  }
  const sentOf = (kind: string) => context.letters.filter((l) => l.kind === kind).at(-1)?.sentOn;
  const closers: Record<string, string | undefined> = { 'final-response': stage2?.respondedOn, declined: sentOf('decline-notice'), 'escalation-refused': sentOf('escalation-refusal') };
  const closedBy = context.closure ? closers[context.closure.reason] : undefined;
  if (context.closure && closedBy !== undefined) expect('closure.on', context.closure.on, closedBy, 'the day of the letter that closed the complaint');
  expect('declineReason', context.declineReason !== undefined, context.closure?.reason === 'declined', 'a decline reason is recorded exactly when the complaint was declined (2.4)');
  expect('refusalReason', context.refusalReason !== undefined, context.closure?.reason === 'escalation-refused', 'a refusal reason is recorded exactly when escalation was refused (5.11)');

  const { referredOn, determinedOn, findings } = context.ombudsman;
  dated('ombudsman.referredOn', referredOn);
  notBefore('ombudsman.referredOn', referredOn, stage1.requestedOn, 'receipt');
  dated('ombudsman.determinedOn', determinedOn);
  require(determinedOn === undefined || referredOn !== undefined, 'ombudsman.referredOn', 'a determination follows a referral');
  notBefore('ombudsman.determinedOn', determinedOn, referredOn, 'the referral');
  require((determinedOn === undefined) === (findings === undefined), 'ombudsman.findings', 'findings are recorded with the determination');

  if (context.hazard) hazardProblems(context.hazard, context, env, issues);

  dated('consentReceivedOn', context.consentReceivedOn);
  require(context.consentReceivedOn === undefined || complaint.consentOnFile === true, 'complaint.consentOnFile', 'consent received is consent on file');
  expect('consentAwaited', context.consentAwaited, env.policy.representativeConsent === 'written' && complaint.raisedBy === 'representative' && complaint.consentOnFile !== true, "whether the resident's written consent is still awaited (policy)");
  return issues;
}
