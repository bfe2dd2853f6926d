/**
 * Realistic events for any snapshot of the complaint machine: what a housing officer (or the
 * resident) could do next, with letters that validate against the current complaint definition,
 * handlers that differ between stages, and times that advance in working days.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import type { Region } from '../calendar/regions.js';
import { toUkDate } from '../calendar/ukDate.js';
import { COMMENCEMENT } from '../hazards/phases.js';
import { HOUSING_OMBUDSMAN, SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN } from '../letters/ombudsman.js';
import type { ComplaintSnapshot } from '../machine/machine.js';
import type { ComplaintEvent } from '../machine/events.js';
import { processState } from '../machine/views.js';
import type { EffectivePolicy } from '../policy/effective.js';
import type { ScenarioContext, ScenarioState } from './input.js';

type Of<T extends ComplaintEvent['type']> = Extract<ComplaintEvent, { type: T }>;

/** @internal What the generator needs to know. */
export interface ScenarioSettings {
  readonly region: Region;
  /** The instant the complaint arrives, checked (an ISO instant with an offset). */
  readonly start: string;
  readonly calendar: WorkingDayCalendar;
  readonly complaintId: string;
  /** The policy the machine runs, for the dates its letters promise. */
  readonly policy: EffectivePolicy;
}

/** The resident's ombudsman under the policy's jurisdiction, for the letters that give its details. */
const ombudsmanOf = (settings: ScenarioSettings) => ({ ...(settings.policy.jurisdiction === 'scotland' ? SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN : HOUSING_OMBUDSMAN) });

const HANDLERS = { 1: 'Sam Patel, Repairs Manager', 2: 'Priya Shah, Head of Housing Services' } as const;

/**
 * The UK date of the last event (or the start), and helpers to make instants: `on(date, hour)` at
 * `hour` UTC, which is the same UK date all year (UK time is UTC or UTC+1, and the hours used are
 * 07 to 18), and `after(n)`, `n` working days after the last event.
 */
function clock(context: ScenarioContext, settings: ScenarioSettings) {
  // The UK day of the instant, never its first ten characters: '2025-01-06T23:30:00-05:00' is 7 January in the UK.
  const last = toUkDate(context.lastEventAt ?? settings.start);
  const on = (date: string, hour = 10) => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;
  const after = (days: number, hour = 10) => on(settings.calendar.addWorkingDays(last, days), hour);
  return { last, on, after };
}

function definition(context: ScenarioContext) {
  return (
    context.definition ?? {
      points: [
        { id: 'repair', summary: 'The kitchen leak was reported three times and is still not repaired' },
        { id: 'mould', summary: 'There is damp and mould in the bedroom and nobody has inspected it' },
      ],
      outcomesSought: ['The leak repaired', 'The damp and mould treated'],
    }
  );
}

function response(context: ScenarioContext, settings: ScenarioSettings, stage: 1 | 2, sentOn: string): Of<'RESPOND'>['letter'] {
  const def = definition(context);
  const findings = def.points.map((point, i) => ({ pointId: point.id, upheld: i === 0, reasons: `We looked at our records for this point and ${i === 0 ? 'found we were at fault' : 'found we acted correctly'}.` }));
  const common = {
    complaintId: settings.complaintId,
    sentOn,
    definition: def,
    decision: findings.length === 1 ? ('upheld' as const) : ('partly-upheld' as const),
    findings,
    remedies: [
      { kind: 'apology' as const, description: 'We are sorry for the delay' },
      { kind: 'action' as const, description: 'Complete the repair', dueOn: settings.calendar.addWorkingDays(sentOn, 10) },
    ],
    // Everything still open is listed, as 6.6 and 6.17 ask (an overdue one with a new date).
    outstandingActions: [
      ...context.tracked
        .filter((item) => !item.completedOn)
        .map((item) => ({ description: item.description, dueOn: item.dueOn && item.dueOn >= sentOn ? item.dueOn : settings.calendar.addWorkingDays(sentOn, 5) })),
      { description: 'Check the repair has held', dueOn: settings.calendar.addWorkingDays(sentOn, 20) },
    ],
  };
  return stage === 1
    ? { kind: 'stage1-response', stage: 1, ...common, escalation: { route: 'Reply to this letter to ask for stage 2' }, ombudsman: ombudsmanOf(settings) }
    : { kind: 'stage2-response', stage: 2, ...common, ombudsmanRoute: `You can ask the ${settings.policy.jurisdiction === 'scotland' ? 'Scottish Public Services Ombudsman' : 'Housing Ombudsman'} to investigate`, ombudsman: ombudsmanOf(settings) };
}

/** @internal What {@link candidateEvents} needs of a snapshot the machine itself made (no checks needed). */
export function scenarioState(snapshot: ComplaintSnapshot): ScenarioState {
  return { process: processState(snapshot), context: snapshot.context };
}

/**
 * @internal The events worth trying from a state: each step of the process, with TICKs on and
 * after the open deadline so that missed deadlines are part of the model.
 */
export function candidateEvents({ process: state, context }: ScenarioState, settings: ScenarioSettings): ComplaintEvent[] {
  const { last, on, after } = clock(context, settings);
  const events: ComplaintEvent[] = [];
  const record = context.stage2 ?? context.stage1;
  // A claim filed at court takes the complaint out of the process (2.2), before or during a stage.
  const legalProceedings = (): ComplaintEvent => ({
    type: 'DECLINE',
    at: after(1),
    reason: 'legal-proceedings',
    letter: { kind: 'decline-notice', complaintId: settings.complaintId, sentOn: toUkDate(after(1)), reasons: 'A claim about this disrepair has been filed at court', ombudsman: ombudsmanOf(settings) },
  });
  // The acknowledgement letter promises the deadline the machine will count from it (6.3, 6.14).
  const acknowledgement = (stage: 1 | 2): ComplaintEvent => {
    const at = after(2);
    const sentOn = toUkDate(at);
    // Counted from the acknowledgement (the Code), or from the start of the stage (the SPSO model procedure).
    const from = settings.policy.responsesFromStartOfStage ? (stage === 1 ? context.stage1 : context.stage2)?.requestedOn ?? sentOn : sentOn;
    const respondBy = settings.calendar.addWorkingDays(from, stage === 1 ? settings.policy.stage1.respondWithin : settings.policy.stage2.respondWithin);
    return {
      type: 'ACKNOWLEDGE',
      at,
      letter: { kind: 'acknowledgement', complaintId: settings.complaintId, sentOn, stage, handler: HANDLERS[stage], definition: definition(context), respondBy, ombudsman: ombudsmanOf(settings) },
    };
  };
  const tickAround = (due: string | undefined) => {
    if (!due || due < last) return;
    events.push({ type: 'TICK', at: on(due, 18) }, { type: 'TICK', at: on(settings.calendar.nextWorkingDay(due), 7) });
  };
  switch (state) {
    case 'new':
      // Raised by a representative (an advocate), so that recording the resident's consent is a path too.
      // It arrives at the start instant itself, so on the UK day of that instant.
      events.push({
        type: 'RECEIVE',
        at: settings.start,
        complaint: { id: settings.complaintId, region: settings.region, summary: 'Kitchen leak and bedroom mould', raisedBy: 'representative' },
      });
      break;
    case 'received':
      events.push(
        acknowledgement(1),
        legalProceedings(),
        { type: 'WITHDRAW', at: after(1) },
      );
      if (!context.complaint?.consentOnFile) events.push({ type: 'RECORD_CONSENT', at: after(1) });
      tickAround(record?.acknowledgeBy);
      break;
    case 'stage1.investigating':
    case 'stage2.reviewing': {
      const stage = state === 'stage1.investigating' ? 1 : 2;
      const respondBy = record?.respondBy;
      if (respondBy && record?.extensions.length === 0) {
        const at = after(1);
        events.push({
          type: 'EXTEND',
          at,
          letter: {
            kind: 'extension-notice',
            complaintId: settings.complaintId,
            sentOn: toUkDate(at),
            stage,
            reasons: 'We are waiting for a specialist survey',
            newRespondBy: settings.calendar.addWorkingDays(respondBy, stage === 1 ? settings.policy.stage1.extensionLimit : settings.policy.stage2.extensionLimit),
            ombudsman: ombudsmanOf(settings),
          },
        });
      }
      // Straight to stage 2, where the policy allows it (complex or serious).
      if (stage === 1 && settings.policy.directToStage2) events.push({ type: 'ESCALATE', at: after(1), route: 'complex-or-serious' });
      if (stage === 1 && context.definition && !context.definition.points.some((p) => p.id === 'fence')) {
        events.push({ type: 'ADD_ISSUE', at: after(1), point: { id: 'fence', summary: 'The garden fence repair was also missed' }, related: true });
      }
      events.push({ type: 'RESPOND', at: after(3), letter: response(context, settings, stage, toUkDate(after(3))) });
      events.push({ type: 'WITHDRAW', at: after(1) }, legalProceedings());
      tickAround(respondBy);
      break;
    }
    case 'stage1.responded':
      events.push({ type: 'ESCALATE', at: after(5) }, { type: 'CLOSE', at: after(5) }, { type: 'WITHDRAW', at: after(5) });
      break;
    case 'closed.resolvedAtStage1':
      // The resident changes their mind weeks later: still their right (6.10).
      events.push({ type: 'ESCALATE', at: after(15) });
      break;
    case 'stage2.acknowledging':
      events.push(
        acknowledgement(2),
        {
          type: 'REFUSE_ESCALATION',
          at: after(2),
          reason: 'previously-considered',
          letter: { kind: 'escalation-refusal', complaintId: settings.complaintId, sentOn: toUkDate(after(2)), reasons: 'This matter was fully considered at stage 2 in an earlier complaint', ombudsman: ombudsmanOf(settings) },
        },
        { type: 'WITHDRAW', at: after(1) },
      );
      tickAround(record?.acknowledgeBy);
      break;
  }
  // While a hazard is open, the model follows its track alone, and ends once it closes: the
  // complaint's own paths are the same with or without it, so the graph stays small.
  if (context.hazard) return context.hazard.closedAt ? [] : hazardEvents(context, settings, state, after);
  events.push(...hazardEvents(context, settings, state, after));
  if (context.complaint) {
    const open = context.tracked.find((item) => !item.completedOn);
    if (open) events.push({ type: 'COMPLETE_ACTION', at: after(1), id: open.id });
    if (!context.tracked.some((item) => item.id === 'goodwill')) {
      events.push({ type: 'OFFER_REMEDY', at: after(1), remedy: { id: 'goodwill', kind: 'financial', description: 'A goodwill payment for the inconvenience', amountPence: 5000, dueOn: settings.calendar.addWorkingDays(toUkDate(after(1)), 5) } });
    }
    if (!context.ombudsman.referredOn && state.startsWith('closed')) events.push({ type: 'REFER_TO_OMBUDSMAN', at: after(10) });
    if (context.ombudsman.referredOn && !context.ombudsman.determinedOn) {
      events.push({ type: 'OMBUDSMAN_DETERMINATION', at: after(40), findings: [{ element: 'Complaint handling', finding: 'service-failure', orders: ['Apologise'] }] });
    }
  }
  return events;
}

/**
 * The hazard track's next steps (Awaab's Law, England only), offered while stage 1 is open so the
 * graph stays small: an emergency reported on receipt, or damp and mould during the investigation;
 * then its investigation, each duty in turn, and its closing.
 */
function hazardEvents(context: ScenarioContext, settings: ScenarioSettings, state: string, after: (days: number, hour?: number) => string): ComplaintEvent[] {
  if (settings.policy.jurisdiction !== 'england' || context.complaint?.region !== 'england-and-wales') return [];
  const hazard = context.hazard;
  if (!hazard) {
    // Reported on receipt (an emergency) or just after the stage 1 acknowledgement (damp and mould),
    // once Awaab's Law is in force (27 October 2025).
    const onReceipt = state === 'received' && context.lastEventAt === settings.start;
    const onAcknowledgement = state === 'stage1.investigating' && context.stage1?.extensions.length === 0 && context.tracked.length === 0 && context.definition?.points.length === 2 && context.breaches.length === 0;
    if ((!onReceipt && !onAcknowledgement) || toUkDate(after(0)) < COMMENCEMENT) return [];
    return [
      state === 'received'
        ? { type: 'REPORT_HAZARD', at: after(0, 11), hazard: { type: 'electrical-hazards', category: 'emergency', description: 'Exposed live wires by the kitchen sink' } }
        : { type: 'REPORT_HAZARD', at: after(1), hazard: { type: 'damp-and-mould', category: 'significant', description: 'Black mould spreading on the bedroom wall' } },
    ];
  }
  if (hazard.closedAt) return [];
  const met = new Set(hazard.met.map((m) => m.duty));
  if (!hazard.concludedAt) {
    const investigate: ComplaintEvent = { type: 'INVESTIGATE_HAZARD', at: after(1), finding: hazard.category };
    // An emergency made safe before its investigation concludes.
    return hazard.category === 'emergency' && !met.has('emergency-make-safe') ? [{ type: 'RECORD_HAZARD_WORK', at: after(0, 12), duty: 'emergency-make-safe' }, investigate] : [investigate];
  }
  const next = hazard.deadlines.find((d) => !d.duty.endsWith('-investigate') && !met.has(d.duty) && !(d.duty === 'supplementary-work-on-site' && met.has('supplementary-work-begin')) && !(d.duty === 'emergency-make-safe' && met.has('alternative-accommodation')));
  return next ? [{ type: 'RECORD_HAZARD_WORK', at: after(1), duty: next.duty as Extract<ComplaintEvent, { type: 'RECORD_HAZARD_WORK' }>['duty'] }] : [{ type: 'CLOSE_HAZARD', at: after(1) }];
}

/**
 * @internal A short key for a snapshot: its state and the facts that change what can happen next,
 * so the model's graph stays small (dates are left out on purpose).
 */
export function stateKey(snapshot: ComplaintSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    // Consent matters while the complaint waits for its acknowledgement; later it is left out, so the graph stays small.
    processState(snapshot) === 'received' && c.complaint?.consentOnFile === true,
    c.stage1?.extensions.length ?? 0,
    c.stage2?.extensions.length ?? 0,
    c.definition?.points.length ?? 0,
    c.tracked.filter((t) => !t.completedOn).length,
    c.tracked.some((t) => t.id === 'goodwill'),
    c.breaches.length > 0,
    c.hazard?.met.length ?? 0,
  ]);
}
