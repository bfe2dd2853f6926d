/**
 * What each accepted event records: pure functions from the context, the event and the rule's
 * verdict to the next context. They never refuse (the guards did that) and never read a clock.
 */
import type { Region } from '../calendar/regions.js';
import { citeIn } from '../policy/jurisdiction.js';
import { compareInstants } from '../calendar/instant.js';
import { deadlinesFor } from './hazard.js';
import { hazardInScope, type HazardScopeOptions } from '../hazards/phases.js';
import { Remedy, type Letter } from '../letters/schemas.js';
import { ComplaintDetails, type ComplaintContext } from './context.js';
import { openDeadlines } from './deadlines.js';
import type { ComplaintEvent } from './events.js';
import { calendarFingerprint } from './record.js';
import { dayOf, pairOutstanding, responseDue, type RuleEnv, type RuleName, type Verdict } from './rules.js';

type Stage = 1 | 2;
type Stage1Or2 = NonNullable<ComplaintContext['stage1']>;
type Breach = ComplaintContext['breaches'][number];
type Apply = (context: ComplaintContext, event: ComplaintEvent, env: RuleEnv, verdict: Verdict, stage: Stage) => ComplaintContext;

function withBreach(breaches: Breach[], breach: Breach): Breach[] {
  return breaches.some((b) => b.deadline === breach.deadline) ? breaches : [...breaches, breach];
}

/**
 * Deadlines already passed at `at` become breaches (each recorded once): a working-day deadline
 * once its day has passed, a clock-hour one (Awaab's Law's 24 hours) once its instant has.
 */
function missed(context: ComplaintContext, at: string): Breach[] {
  const day = dayOf({ at });
  let breaches = context.breaches;
  for (const open of openDeadlines(context)) {
    if (open.soft) continue;
    if (open.dueAt !== undefined ? compareInstants(at, open.dueAt) > 0 : open.due < day) {
      breaches = withBreach(breaches, { deadline: open.deadline, provision: open.provision, due: open.due, ...(open.dueAt ? { dueAt: open.dueAt } : {}), recordedOn: day });
    }
  }
  return breaches;
}

/**
 * Every accepted event stamps its time, keeps its notes on the record, and is also a tick of the
 * clock: deadlines already missed are recorded before the event closes or completes them.
 */
function base(context: ComplaintContext, event: ComplaintEvent, verdict: Verdict): ComplaintContext {
  const on = dayOf(event);
  return {
    ...context,
    breaches: missed(context, event.at),
    lastEventAt: event.at,
    notes: verdict.notes.length ? [...context.notes, ...verdict.notes.map((n) => (n.provision ? { on, provision: n.provision, message: n.message } : { on, message: n.message }))] : context.notes,
  };
}

function timersFrom(context: ComplaintContext, env: RuleEnv, from: string, day: string): ComplaintContext['timers'] {
  const calendar = env.calendar(context.complaint!.region as Region);
  const started = env.policy.timers
    .filter((timer) => timer.from === from)
    .map((timer) => ({ id: timer.id, label: timer.label, reference: timer.reference, due: calendar.addWorkingDays(day, timer.workingDays) }));
  return started.length ? [...context.timers, ...started] : context.timers;
}

/**
 * @internal The policy's timers, stopped where the record shows their stop condition (`until`) or the
 * closure already came, on that day. Run after every action, it stops a timer on the step that
 * meets its condition; run by `restore`, it reads a record stored before timers could stop as the
 * machine would now have made it. One derivation from the record, so the two cannot disagree.
 */
export function settleTimers(context: ComplaintContext, env: RuleEnv): ComplaintContext {
  if (context.timers.length === 0) return context;
  const milestones: Record<string, string | undefined> = {
    'stage1-acknowledged': context.stage1?.acknowledgedOn,
    'stage1-responded': context.stage1?.respondedOn,
    'stage2-acknowledged': context.stage2?.acknowledgedOn,
    'stage2-responded': context.stage2?.respondedOn,
  };
  const stopsAt = new Map(env.policy.timers.map((timer) => [timer.id, timer.until]));
  let changed = false;
  const timers = context.timers.map((timer) => {
    if (timer.metOn || timer.stoppedOn) return timer;
    const until = stopsAt.get(timer.id);
    const days = [until ? milestones[until] : undefined, context.closure?.on].filter((day): day is string => day !== undefined).sort();
    if (days.length === 0) return timer;
    changed = true;
    return { ...timer, stoppedOn: days[0]! };
  });
  return changed ? { ...context, timers } : context;
}

function setStage(context: ComplaintContext, stage: Stage, record: Stage1Or2): ComplaintContext {
  return stage === 1 ? { ...context, stage1: record } : { ...context, stage2: record };
}

/** @internal What each rule's event records once the rule allows it, by rule (guard) name. */
export const APPLY: Record<RuleName, Apply> = {
  canReceive(context, event, env, verdict) {
    if (event.type !== 'RECEIVE') return context;
    const complaint = ComplaintDetails.parse(event.complaint);
    const day = dayOf(event);
    const calendar = env.calendar(complaint.region as Region);
    const next = base({ ...context, complaint, calendar: calendarFingerprint(calendar) }, event, verdict);
    const acknowledgeWithin = env.policy.stage1.acknowledgeWithin;
    if (acknowledgeWithin === undefined) {
      // A frontline stage 1 (the SPSO model procedure): no acknowledgement, the response due from receipt.
      const respondBy = responseDue(env, complaint.region, day, 1, day);
      next.stage1 = { requestedOn: day, respondBy, originalRespondBy: respondBy, extensions: [] };
    } else {
      next.stage1 = { requestedOn: day, acknowledgeBy: calendar.addWorkingDays(day, acknowledgeWithin), extensions: [] };
    }
    // Only a policy that asks for the resident's written consent waits for it (the Code leaves it to the policy, 1.3).
    next.consentAwaited = env.policy.representativeConsent === 'written' && complaint.raisedBy === 'representative' && complaint.consentOnFile !== true;
    next.timers = timersFrom(next, env, 'received', day);
    return next;
  },

  canReceiveAtFrontline: (context, event, env, verdict, stage) => APPLY.canReceive(context, event, env, verdict, stage),

  canAcknowledge(context, event, env, verdict, stage) {
    if (event.type !== 'ACKNOWLEDGE') return context;
    const day = dayOf(event);
    const record = (stage === 1 ? context.stage1 : context.stage2)!;
    const respondBy = responseDue(env, context.complaint!.region, day, stage, record.requestedOn);
    let next = setStage(base(context, event, verdict), stage, { ...record, acknowledgedOn: day, handler: verdict.handler!, ...(verdict.handlerId ? { handlerId: verdict.handlerId } : {}), respondBy, originalRespondBy: respondBy });
    next.definition = verdict.definition!;
    if (verdict.letter) next.letters = [...next.letters, verdict.letter];
    if (record.acknowledgeBy && day > record.acknowledgeBy) {
      next.breaches = withBreach(next.breaches, { deadline: `stage${stage}.acknowledge`, provision: citeIn(context.policy.jurisdiction ?? 'england', stage === 1 ? '6.2' : '6.11'), due: record.acknowledgeBy, recordedOn: day });
    }
    next = { ...next, timers: timersFrom(next, env, stage === 1 ? 'stage1-acknowledged' : 'stage2-acknowledged', day) };
    return next;
  },

  canDecline(context, event, _env, verdict) {
    if (event.type !== 'DECLINE') return context;
    const next = base(context, event, verdict);
    return { ...next, letters: [...next.letters, verdict.letter!], declineReason: event.reason, closure: { reason: 'declined', on: dayOf(event) } };
  },

  canExtend(context, event, env, verdict, stage) {
    if (event.type !== 'EXTEND') return context;
    const record = (stage === 1 ? context.stage1 : context.stage2)!;
    const calendar = env.calendar(context.complaint!.region as Region);
    const { until, reason, goodReason } = verdict.extension!;
    const extension = {
      on: dayOf(event),
      until,
      reason,
      ...(goodReason ? { goodReason } : {}),
      workingDays: calendar.workingDaysBetween(record.respondBy!, until),
      ...(dayOf(event) > record.respondBy! ? { afterDeadline: true as const } : {}),
      ...(event.category ? { category: event.category.trim() } : {}),
    };
    const next = setStage(base(context, event, verdict), stage, { ...record, respondBy: until, extensions: [...record.extensions, extension] });
    return verdict.letter ? { ...next, letters: [...next.letters, verdict.letter] } : next;
  },

  canAddIssue(context, event, _env, verdict) {
    if (event.type !== 'ADD_ISSUE') return context;
    const definition = context.definition!;
    return { ...base(context, event, verdict), definition: { ...definition, points: [...definition.points, { id: event.point.id.trim(), summary: event.point.summary.trim() }] } };
  },

  canRespond(context, event, _env, verdict, stage) {
    if (event.type !== 'RESPOND') return context;
    const letter = verdict.letter as Extract<Letter, { kind: 'stage1-response' | 'stage2-response' }>;
    const day = dayOf(event);
    const record = (stage === 1 ? context.stage1 : context.stage2)!;
    let next = setStage(base(context, event, verdict), stage, { ...record, respondedOn: day, decision: letter.decision, ...(event.cause ? { cause: event.cause.trim() } : {}) });
    if (record.respondBy && day > record.respondBy) {
      next.breaches = withBreach(next.breaches, { deadline: `stage${stage}.respond`, provision: stage === 1 ? '6.3' : '6.14', due: record.respondBy, recordedOn: day });
    }
    const remedies = letter.remedies.map((remedy, i) => ({
      id: `s${stage}-remedy-${i + 1}`,
      kind: 'remedy' as const,
      description: remedy.description,
      remedy,
      ...(remedy.dueOn ? { dueOn: remedy.dueOn } : { completedOn: day }),
      provision: '7.3',
      offeredOn: day,
    }));
    // An outstanding action that restates an open item (already tracked, or a remedy of this same
    // letter) stays that one item, now due on the date this letter gives: the resident was told it.
    const tracked: ComplaintContext['tracked'] = [...next.tracked, ...remedies];
    const open = tracked.flatMap((item, i) => (item.completedOn ? [] : [i]));
    const { itemOf } = pairOutstanding(open.map((i) => tracked[i]!), letter.outstandingActions);
    const actions: ComplaintContext['tracked'] = [];
    letter.outstandingActions.forEach((action, i) => {
      const same = itemOf[i]!;
      if (same >= 0) tracked[open[same]!] = { ...tracked[open[same]!]!, dueOn: action.dueOn };
      else actions.push({ id: `s${stage}-action-${i + 1}`, kind: 'action', description: action.description, dueOn: action.dueOn, provision: stage === 1 ? '6.6' : '6.17', offeredOn: day });
    });
    next = { ...next, letters: [...next.letters, letter], tracked: [...tracked, ...actions] };
    if (stage === 2) next.closure = { reason: 'final-response', on: day };
    return next;
  },

  canEscalate(context, event, env, verdict) {
    if (event.type !== 'ESCALATE') return context;
    const day = dayOf(event);
    const calendar = env.calendar(context.complaint!.region as Region);
    const explanation = event.explanation?.trim();
    const discretion = event.discretion?.trim();
    return {
      ...base(context, event, verdict),
      // A complaint closed as resolved at stage 1 opens again; its closing stays in the notes. (The
      // machine merges what an action returns, so the closure is cleared, not left out.)
      closure: undefined,
      stage2: {
        requestedOn: day,
        acknowledgeBy: calendar.addWorkingDays(day, env.policy.stage2.acknowledgeWithin),
        extensions: [],
        ...(explanation ? { explanation } : {}),
        ...(discretion ? { discretion } : {}),
        // Straight to stage 2, before a stage 1 response (a policy that allows it): why.
        ...(context.stage1 && !context.stage1.respondedOn && event.route ? { route: event.route } : {}),
      },
    };
  },

  canRefuseEscalation(context, event, _env, verdict) {
    if (event.type !== 'REFUSE_ESCALATION') return context;
    const next = base(context, event, verdict);
    return { ...next, letters: [...next.letters, verdict.letter!], refusalReason: event.reason, closure: { reason: 'escalation-refused', on: dayOf(event) } };
  },

  canClose(context, event, _env, verdict) {
    return { ...base(context, event, verdict), closure: { reason: 'resolved-at-stage-1', on: dayOf(event) } };
  },

  canWithdraw(context, event, _env, verdict) {
    return { ...base(context, event, verdict), closure: { reason: 'withdrawn', on: dayOf(event) } };
  },

  canOfferRemedy(context, event, _env, verdict) {
    if (event.type !== 'OFFER_REMEDY') return context;
    const { id, ...rest } = event.remedy;
    const remedy = Remedy.parse(rest);
    const day = dayOf(event);
    const item = { id: id.trim(), kind: 'remedy' as const, description: remedy.description, remedy, ...(remedy.dueOn ? { dueOn: remedy.dueOn } : { completedOn: day }), provision: '7.3', offeredOn: day };
    const next = base(context, event, verdict);
    return { ...next, tracked: [...next.tracked, item] };
  },

  canCompleteAction(context, event, _env, verdict) {
    if (event.type !== 'COMPLETE_ACTION') return context;
    const day = dayOf(event);
    const next = base(context, event, verdict);
    return {
      ...next,
      tracked: next.tracked.map((item) => (item.id === event.id.trim() ? { ...item, completedOn: day } : item)),
      timers: next.timers.map((timer) => (timer.id === event.id.trim() ? { ...timer, metOn: day } : timer)),
    };
  },

  canRefer(context, event, _env, verdict) {
    return { ...base(context, event, verdict), ombudsman: { ...context.ombudsman, referredOn: dayOf(event) } };
  },

  canRecordDetermination(context, event, _env, verdict) {
    if (event.type !== 'OMBUDSMAN_DETERMINATION') return context;
    return { ...base(context, event, verdict), ombudsman: { ...context.ombudsman, determinedOn: dayOf(event), findings: event.findings } };
  },

  canTick(context, event, _env, verdict) {
    return base(context, event, verdict);
  },

  canReportHazard(context, event, env, verdict) {
    if (event.type !== 'REPORT_HAZARD') return context;
    const { type, category, description } = event.hazard;
    const awareAt = event.hazard.awareAt ?? event.at;
    const phase = hazardInScope(type, category, dayOf({ at: awareAt }), (env.policy.hazards?.phaseDates ? { phaseDates: env.policy.hazards.phaseDates } : {}) as HazardScopeOptions).phase!;
    const facts = { category, awareAt };
    return { ...base(context, event, verdict), hazard: { type, category, description: description.trim(), awareAt, reportedAt: event.at, phase, deadlines: deadlinesFor(facts, env.policy), met: [] } };
  },

  canInvestigateHazard(context, event, env, verdict) {
    if (event.type !== 'INVESTIGATE_HAZARD') return context;
    const concluded = { ...context.hazard!, concludedAt: event.at, finding: event.finding, ...(event.safetyWorkIdentifiedAt ? { safetyWorkIdentifiedAt: event.safetyWorkIdentifiedAt } : {}) };
    return { ...base(context, event, verdict), hazard: { ...concluded, deadlines: deadlinesFor(concluded, env.policy) } };
  },

  canRecordHazardWork(context, event, _env, verdict) {
    if (event.type !== 'RECORD_HAZARD_WORK') return context;
    const hazard = context.hazard!;
    return { ...base(context, event, verdict), hazard: { ...hazard, met: [...hazard.met, { duty: event.duty, at: event.at }] } };
  },

  canCloseHazard(context, event, _env, verdict) {
    if (event.type !== 'CLOSE_HAZARD') return context;
    return { ...base(context, event, verdict), hazard: { ...context.hazard!, closedAt: event.at } };
  },

  canRecordConsent(context, event, _env, verdict) {
    const next = base(context, event, verdict);
    return { ...next, complaint: { ...next.complaint!, consentOnFile: true }, consentAwaited: false, consentReceivedOn: dayOf(event) };
  },
};
