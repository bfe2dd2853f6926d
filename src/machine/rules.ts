/**
 * The Code's rules for each transition, as functions that return reasons. A guard passes when
 * there are no refusals; `explain` shows the same refusals and notes. Nothing here changes state.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.js';
import { isIsoDate } from '../calendar/isoDate.js';
import { toUkDate } from '../calendar/ukDate.js';
import { InvalidInputError } from '../errors.js';
import type { Region } from '../calendar/regions.js';
import { ComplaintDefinition, Remedy, type Letter } from '../letters/schemas.js';
import { validateLetter } from '../letters/validate.js';
import type { EffectivePolicy } from '../policy/effective.js';
import { citeIn, MCHP, wordsIn } from '../policy/jurisdiction.js';
import type { ComplaintContext } from './context.js';
import { DeterminationFindings } from './context.js';
import { eventProblems, type ComplaintEvent } from './events.js';
import { compareInstants, toUkDateTime } from '../calendar/instant.js';
import { hazardInScope } from '../hazards/phases.js';
import { AWAAB, deadlinesFor, hazardCalendar, metDuties, openHazardDeadlines, SOFT_DUTIES } from './hazard.js';
import type { HazardScopeOptions } from '../hazards/phases.js';

/**
 * One reason an event is refused, or a note about an allowed one, naming the Code provision (or
 * policy paragraph) behind it where there is one.
 *
 * @example
 * ```ts
 * const reason: Reason = { provision: '6.13', message: 'The stage 2 handler must not be the person who handled stage 1.' };
 * ```
 */
export interface Reason {
  /** The Code provision (e.g. `'6.13'`) or policy paragraph (e.g. `'policy 6.3.1'`), when there is one. */
  readonly provision?: string;
  /** What the rule says about this event. */
  readonly message: string;
}

/** @internal What a rule decided about one event. */
export interface Verdict {
  readonly refusals: Reason[];
  readonly notes: Reason[];
  /** The letter, validated, for events that carry one. */
  readonly letter?: Letter;
  /** The complaint definition, validated, for ACKNOWLEDGE. */
  readonly definition?: ComplaintDefinition;
  /** The stage's handler, for ACKNOWLEDGE (from the letter, or the deprecated `handler`). */
  readonly handler?: string;
  /** The host's id for the handler, for ACKNOWLEDGE, when given. */
  readonly handlerId?: string;
  /** The new date and its reasons, for EXTEND (from the notice, or the deprecated fields). */
  readonly extension?: Extension;
  /** Not this guard's event under this policy: another transition for the same event takes it (no reason of its own). */
  readonly elsewhere?: true;
}

/** @internal What an extension sets, whichever shape of EXTEND gave it. */
export interface Extension {
  readonly until: string;
  readonly reason: string;
  readonly goodReason?: string;
}

/** @internal What the rules need besides context and event. */
export interface RuleEnv {
  readonly policy: EffectivePolicy;
  readonly calendar: (region: Region) => WorkingDayCalendar;
}

/**
 * A hazard step whose deadlines (12 weeks at most, from the step) would fall after the last date the
 * working-day clock covers cannot be counted, so it is refused rather than left to fail in a view.
 */
function hazardHorizon(at: string): Reason | undefined {
  const last = hazardCalendar().coveredThrough;
  const day = toUkDate(at);
  // 12 weeks in calendar days, and 10 working days (never more than 16 calendar days) for the rest.
  const latest = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 84)).toISOString().slice(0, 10);
  return latest > last ? { message: `The hazard's deadlines, up to 12 weeks after ${day}, would fall after ${last}, the last date the working-day clock covers.` } : undefined;
}

/** @internal The rule names, as the machine's guards are named. */
export type RuleName =
  | 'canReceive'
  | 'canReceiveAtFrontline'
  | 'canAcknowledge'
  | 'canDecline'
  | 'canExtend'
  | 'canAddIssue'
  | 'canRespond'
  | 'canEscalate'
  | 'canRefuseEscalation'
  | 'canClose'
  | 'canWithdraw'
  | 'canOfferRemedy'
  | 'canCompleteAction'
  | 'canRefer'
  | 'canRecordDetermination'
  | 'canTick'
  | 'canRecordConsent'
  | 'canReportHazard'
  | 'canInvestigateHazard'
  | 'canRecordHazardWork'
  | 'canCloseHazard';

type Stage = 1 | 2;
type Rule = (context: ComplaintContext, event: ComplaintEvent, env: RuleEnv, stage: Stage) => Verdict;

const ok = (notes: Reason[] = [], letter?: Letter): Verdict => (letter ? { refusals: [], notes, letter } : { refusals: [], notes });
const refuse = (...refusals: Reason[]): Verdict => ({ refusals, notes: [] });
const elsewhere: Verdict = { refusals: [], notes: [], elsewhere: true };

let lastAt = '';
let lastDay = '';

/** @internal The UK date of an event (the last one remembered: one event is asked for its day many times). */
export function dayOf(event: { at: string }): string {
  if (event.at !== lastAt) {
    lastDay = toUkDate(event.at);
    lastAt = event.at;
  }
  return lastDay;
}

/**
 * @internal The UK date of a host's `now`: an instant, a Date, or a UK date `'YYYY-MM-DD'` (a real
 * one). The one reading of `now` for every view that takes it.
 * @throws {@link InvalidInputError} at `path` otherwise
 */
export function ukDayOf(now: unknown, path: string): string {
  if (typeof now === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(now)) {
    if (isIsoDate(now)) return now;
  } else {
    try {
      return toUkDate(now as string | Date);
    } catch {
      // reported below, with the option's name
    }
  }
  throw new InvalidInputError(path, now, "an ISO instant, a Date or a UK date 'YYYY-MM-DD'");
}

/**
 * @internal The response deadline of a stage acknowledged on `day` (6.3, 6.14): day 0 is the
 * acknowledgement; or, under a policy that counts from the start of the stage (the SPSO model
 * procedure), day 0 is `requestedOn`, receipt or the escalation request.
 */
export function responseDue(env: RuleEnv, region: string, day: string, stage: Stage, requestedOn: string): string {
  const from = env.policy.responsesFromStartOfStage ? requestedOn : day;
  return env.calendar(region as Region).addWorkingDays(from, stage === 1 ? env.policy.stage1.respondWithin : env.policy.stage2.respondWithin);
}

/** @internal Whether stage 1 has no formal acknowledgement: its response is due from receipt (the SPSO model procedure's frontline stage). */
export function frontline(env: RuleEnv): boolean {
  return env.policy.stage1.acknowledgeWithin === undefined;
}

/**
 * The letter an event sends: valid, of the kind the step needs, for this complaint, and dated the
 * UK day of the event that sends it (the record shows when the resident was written to, 5.12; its
 * promised dates are then checked against that day).
 */
function letterRefusals(letter: unknown, kinds: readonly Letter['kind'][], complaintId: string | undefined, provision: string, event: { at: string }, env: RuleEnv): Verdict {
  const result = validateLetter(letter);
  if (!result.ok) return { refusals: result.issues.map((issue) => ({ provision: issue.provision, message: `letter ${issue.message}` })), notes: [] };
  if (!kinds.includes(result.letter.kind)) {
    return refuse({ provision, message: `The letter is ${result.letter.kind === 'acknowledgement' ? 'an' : 'a'} ${result.letter.kind}; this step needs ${kinds.join(' or ')}.` });
  }
  if (complaintId !== undefined && result.letter.complaintId !== complaintId) {
    return refuse({ provision: '5.12', message: `The letter is for complaint ${result.letter.complaintId}, not ${complaintId}.` });
  }
  const day = dayOf(event);
  if (result.letter.sentOn !== day) {
    return refuse({ provision: '5.12', message: `The letter is dated ${result.letter.sentOn}, but the event that sends it happened on ${day}: the record must show the day the letter was sent.` });
  }
  // Under the Scottish procedure the resident's ombudsman is the SPSO: a letter naming the Housing Ombudsman misdirects them.
  if (env.policy.jurisdiction === 'scotland') {
    const misdirected = wrongOmbudsman(result.letter);
    if (misdirected) return refuse({ provision: MCHP.ombudsman, message: `The letter's ${misdirected} sends the resident to England's ombudsman; under the SPSO model complaints handling procedure the resident's ombudsman is the Scottish Public Services Ombudsman (SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN).` });
  }
  // The Code asks for the details in the letters that refuse, extend or close; a policy may ask for them in every letter.
  if (env.policy.ombudsmanDetailsInEveryLetter && !('ombudsman' in result.letter && result.letter.ombudsman)) {
    return refuse({ provision: '3.7', message: `This policy gives the Housing Ombudsman's contact details in every letter: add them to the ${result.letter.kind} (ombudsman).` });
  }
  return ok([], result.letter);
}

/** The part of a letter that names the Housing Ombudsman, if one does. */
function wrongOmbudsman(letter: Letter): string | undefined {
  const named = (text: unknown) => typeof text === 'string' && /housing ombudsman/i.test(text);
  const contact = 'ombudsman' in letter ? letter.ombudsman : undefined;
  if (contact && (named(contact.name) || named(contact.calledInLetters) || /housing-ombudsman/i.test(contact.website))) return 'ombudsman contact';
  if (letter.kind === 'stage2-response' && named(letter.ombudsmanRoute)) return 'ombudsmanRoute';
  return undefined;
}

/**
 * @internal Pairs a letter's outstanding actions with open items: each line, in order, answers for
 * the first item not yet answered whose words are the same (as a reader would compare them), so
 * two items with the same words need two lines. The one matching for the rule (6.6, 6.17) and for
 * the record it writes.
 * @returns for each line, the index of its item or -1; and the items no line answered
 */
export function pairOutstanding<T extends { readonly description: string }>(items: readonly T[], lines: readonly { readonly description: string }[]): { itemOf: number[]; unlisted: T[] } {
  const answered = new Set<number>();
  const keys = items.map((item) => sameText(item.description));
  const itemOf = lines.map((line) => {
    const key = sameText(line.description);
    const index = keys.findIndex((itemKey, i) => !answered.has(i) && itemKey === key);
    if (index >= 0) answered.add(index);
    return index;
  });
  return { itemOf, unlisted: items.filter((_, i) => !answered.has(i)) };
}

/** @internal Text compared as a reader would: case, spacing and a final full stop aside. */
function sameText(text: string): string {
  return comparable(text).replace(/[.!]+$/, '');
}

/**
 * @internal Text as a person reads it, for comparing names and lines: Unicode compatibility forms
 * folded (NFKC: full-width `Ｓａｍ` is `Sam`), invisible and format characters removed (zero-width
 * spaces, joiners, direction marks), whitespace collapsed, case folded.
 */
export function comparable(text: string): string {
  // Printable ASCII has no compatibility forms or invisible characters: only spacing and case.
  if (/^[\x20-\x7e]*$/.test(text)) return text.replace(/ +/g, ' ').trim().toLowerCase();
  let found = comparables.get(text);
  if (found === undefined) {
    if (comparables.size >= 1_000) comparables.clear();
    found = folded(text);
    comparables.set(text, found);
  }
  return found;
}

/** The last thousand texts folded: handlers and action lines are compared again and again. */
const comparables = new Map<string, string>();

function folded(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]/gu, '')
    .replace(/[\s\p{Z}]+/gu, ' ')
    .trim()
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC');
}

/**
 * @internal Whether two stages' handlers are the same person (6.13): by the host's ids when both
 * stages have one, else by their names as a person reads them ({@link comparable}).
 */
export function samePerson(a: { handler?: string | undefined; handlerId?: string | undefined }, b: { handler?: string | undefined; handlerId?: string | undefined }): boolean {
  if (a.handlerId !== undefined && b.handlerId !== undefined) return comparable(a.handlerId) === comparable(b.handlerId);
  return a.handler !== undefined && b.handler !== undefined && comparable(a.handler) === comparable(b.handler);
}

/** The date `months` calendar months after `date` (clamped to the month's last day). */
function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const m = (month % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function gaveWay(env: RuleEnv, provision: string): Reason | undefined {
  const conflict = env.policy.gaveWay.find((c) => c.provision === provision);
  return conflict ? { provision, message: `The policy rule ${conflict.policyRule} gave way to the Code: ${conflict.message}` } : undefined;
}

/** The rule for RECEIVE, whichever state receipt leads to. */
function receiving(event: ComplaintEvent, env: RuleEnv): Verdict {
  if (event.type !== 'RECEIVE') return refuse();
  const { issueDate, region } = event.complaint;
  if (issueDate === undefined) return ok();
  const day = dayOf(event);
  const calendar = env.calendar(region as Region);
  if (issueDate > day) return refuse({ provision: '2.3', message: `complaint.issueDate: the issue (${issueDate}) is after the complaint was received (${day}); it is when the issue occurred or the resident became aware of it.` });
  if (issueDate < calendar.coveredFrom) return refuse({ provision: '2.3', message: `complaint.issueDate: ${issueDate} is before ${calendar.coveredFrom}, the first date the working-day clock covers.` });
  return ok();
}

const RULES: Record<RuleName, Rule> = {
  // Receipt waits for the acknowledgement (the Code, 6.2); under a policy with no acknowledgement at
  // stage 1 (the SPSO model procedure) it opens stage 1 at once. Each guard stays silent where the
  // other applies, so a refusal is given once.
  canReceive: (_context, event, env) => (frontline(env) ? elsewhere : receiving(event, env)),
  canReceiveAtFrontline: (_context, event, env) => (frontline(env) ? receiving(event, env) : elsewhere),

  canAcknowledge(context, event, env, stage) {
    if (event.type !== 'ACKNOWLEDGE') return refuse();
    const notes: Reason[] = [];
    const ackProvision = stage === 1 ? '6.2' : '6.11';
    let handler: string;
    let letter: Letter | undefined;
    let definitionInput: unknown;
    if ('letter' in event && event.letter !== undefined) {
      const verdict = letterRefusals(event.letter, ['acknowledgement'], context.complaint?.id, ackProvision, event, env);
      if (verdict.refusals.length > 0 || !verdict.letter) return verdict;
      const ack = verdict.letter as Extract<Letter, { kind: 'acknowledgement' }>;
      if (ack.stage !== stage) return refuse({ provision: ackProvision, message: `The acknowledgement is for stage ${ack.stage}, but the complaint is being acknowledged at stage ${stage}.` });
      ({ handler, definition: definitionInput } = ack);
      letter = ack;
    } else {
      ({ handler, definition: definitionInput } = event as Extract<ComplaintEvent, { handler: string }>);
    }
    const definition = ComplaintDefinition.safeParse(definitionInput);
    if (!definition.success) {
      return { refusals: definition.error.issues.map((i) => ({ provision: '5.6', message: `definition.${i.path.join('.')}: ${i.message}` })), notes };
    }
    const handlerId = (event as { handlerId?: string }).handlerId?.trim();
    if (!/[\p{L}\p{N}]/u.test(comparable(handler))) return refuse({ provision: ackProvision, message: 'The handler must be named: the name is empty once invisible characters are removed.' });
    if (stage === 2 && context.stage1 && samePerson(context.stage1, { handler, ...(handlerId ? { handlerId } : {}) })) {
      return refuse({ provision: '6.13', message: `The stage 2 handler must not be the person who considered stage 1 (${context.stage1.handler}${context.stage1.handlerId ? `, id ${context.stage1.handlerId}` : ''}).` });
    }
    if (letter?.kind === 'acknowledgement' && context.complaint) {
      // The letter tells the resident the deadline the machine counts: day 0 is the acknowledgement.
      const due = responseDue(env, context.complaint.region, dayOf(event), stage, (stage === 1 ? context.stage1 : context.stage2)?.requestedOn ?? dayOf(event));
      if (letter.respondBy !== due) {
        return refuse({ provision: stage === 1 ? '6.3' : '6.14', message: `The letter promises a response by ${letter.respondBy}; counted from ${env.policy.responsesFromStartOfStage ? 'the start of the stage' : 'this acknowledgement'}, the response is due on ${due}.` });
      }
    }
    const record = stage === 1 ? context.stage1 : context.stage2;
    if (record?.acknowledgeBy && dayOf(event) > record.acknowledgeBy) {
      notes.push({ provision: ackProvision, message: `Acknowledged after the deadline of ${record.acknowledgeBy}: the breach is recorded.` });
    }
    if (context.consentAwaited) notes.push({ provision: consentProvision(env), message: "The representative's consent is still awaited; acknowledging is not blocked." });
    return { refusals: [], notes, definition: definition.data, handler: handler.trim(), ...(handlerId ? { handlerId } : {}), ...(letter ? { letter } : {}) };
  },

  canDecline(context, event, env) {
    if (event.type !== 'DECLINE') return refuse();
    const accepted = context.stage1?.acknowledgedOn !== undefined;
    if (accepted && event.reason !== 'legal-proceedings') {
      return refuse({
        provision: '2.1',
        message: 'Once a complaint is accepted (acknowledged) it must be answered; only legal proceedings started since (2.2) take it out of the complaints process.',
      });
    }
    const verdict = letterRefusals(event.letter, ['decline-notice'], context.complaint?.id, '2.4', event, env);
    if (verdict.refusals.length > 0) return verdict;
    const notes: Reason[] = [];
    if (accepted) {
      notes.push({ provision: '2.2', message: 'Legal proceedings started after the complaint was accepted: it leaves the complaints process, with the reasons and the right to go to the Ombudsman (2.4).' });
    }
    if (event.reason === 'outside-time-limit') {
      const issueDate = context.complaint?.issueDate;
      const received = context.stage1?.requestedOn;
      if (!issueDate || !received) {
        return refuse({ provision: '2.3', message: 'A complaint can be declined as out of time only when the date of the issue (issueDate) is known.' });
      }
      const months = env.policy.timeLimitMonths;
      const limit = addMonths(issueDate, months);
      if (received <= limit) {
        const way = gaveWay(env, '2.3');
        return refuse({
          provision: '2.3',
          message: `The issue (${issueDate}) is not more than ${months} months before receipt (${received}); complaints within ${months} months must be accepted.${way ? ` ${way.message}` : ''}`,
        });
      }
      const safety = context.complaint?.safetyConcern === true;
      if (safety && env.policy.timeLimitExceptions.length > 0) {
        return refuse({ provision: 'policy 4.1', message: `The policy never excludes complaints about ${env.policy.timeLimitExceptions.join(' or ')} for being out of time.` });
      }
      notes.push({ provision: '2.3', message: 'The Code asks landlords to consider using discretion to accept complaints outside the time limit where there are good reasons.' });
    }
    return ok(notes, verdict.letter);
  },

  canExtend(context, event, env, stage) {
    if (event.type !== 'EXTEND') return refuse();
    const record = stage === 1 ? context.stage1 : context.stage2;
    const [limitProvision, detailsProvision] = stage === 1 ? ['6.4', '6.5'] : ['6.15', '6.16'];
    if (!record?.respondBy || !record.originalRespondBy || !context.complaint) return refuse({ provision: limitProvision, message: 'There is no response deadline to extend yet.' });
    const refusals: Reason[] = [];
    let extension: Extension;
    let letter: Letter | undefined;
    if ('letter' in event && event.letter !== undefined) {
      // The notice itself: its reasons, its new date and the Ombudsman's details, which its schema requires (6.5, 6.16).
      const verdict = letterRefusals(event.letter, ['extension-notice'], context.complaint.id, limitProvision, event, env);
      if (verdict.refusals.length > 0 || !verdict.letter) return verdict;
      const notice = verdict.letter as Extract<Letter, { kind: 'extension-notice' }>;
      if (notice.stage !== stage) return refuse({ provision: limitProvision, message: `The extension notice is for stage ${notice.stage}, but the complaint is at stage ${stage}.` });
      extension = { until: notice.newRespondBy, reason: notice.reasons, ...(notice.goodReason ? { goodReason: notice.goodReason } : {}) };
      letter = notice;
    } else {
      const old = event as Extract<ComplaintEvent, { until: string }>;
      extension = { until: old.until, reason: old.reason.trim(), ...(old.goodReason?.trim() ? { goodReason: old.goodReason.trim() } : {}) };
      if (extension.reason === '') refusals.push({ provision: limitProvision, message: 'The reasons for the extension must be clearly explained to the resident.' });
      if (!old.ombudsmanDetailsGiven && env.policy.extensionNeedsOmbudsmanDetails) {
        refusals.push({ provision: detailsProvision, message: "When a resident is told of an extension, they must be given the Ombudsman's contact details." });
      }
    }
    const today = dayOf(event);
    const notes: Reason[] = [];
    if (today > record.respondBy) {
      // Too late to extend: the deadline was missed. The landlord still owes the resident a date (5.9).
      notes.push({
        provision: stage === 1 ? '6.3' : '6.14',
        message: `The response was due on ${record.respondBy}, before this new date was given: the missed deadline stays on the record as a breach, and the new date is recorded as what the resident was told (5.9).`,
      });
    }
    const calendar = env.calendar(context.complaint.region as Region);
    if (extension.until < today) {
      refusals.push({ provision: limitProvision, message: `The new date (${extension.until}) is before the day it is given (${today}).` });
    } else if (extension.until <= record.respondBy) {
      refusals.push({ provision: limitProvision, message: `The new date (${extension.until}) must be later than the current deadline (${record.respondBy}).` });
    } else if (extension.until > calendar.coveredThrough || !calendar.isWorkingDay(extension.until)) {
      refusals.push({ provision: limitProvision, message: `The new date (${extension.until}) must be a working day, as every deadline is counted in working days.` });
    } else {
      const limit = stage === 1 ? env.policy.stage1.extensionLimit : env.policy.stage2.extensionLimit;
      const total = calendar.workingDaysBetween(record.originalRespondBy, extension.until);
      // As written, a policy may let community complaints extend beyond its limits (Peaks & Plains 9.1).
      const communityDiscretion = env.policy.communityMayExtend && context.complaint.community === true;
      if (total > limit && stage === 1 && frontline(env) && env.policy.jurisdiction === 'scotland') {
        // The frontline stage is short by design: a complaint that needs longer goes to stage 2.
        refusals.push({ provision: limitProvision, message: `The extensions would add ${total} working days to the frontline response (due ${record.originalRespondBy}); at most ${limit} more, ${env.policy.stage1.respondWithin + limit} working days in all, even with a good reason: a complaint that needs longer goes to stage 2.` });
      } else if (total > limit && !extension.goodReason && !communityDiscretion) {
        refusals.push({
          provision: limitProvision,
          message: `The extensions would add ${total} working days to the original deadline (${record.originalRespondBy}); more than ${limit} needs a good reason (goodReason).`,
        });
      }
    }
    return refusals.length > 0 ? { refusals, notes: [] } : { refusals: [], notes, extension, ...(letter ? { letter } : {}) };
  },

  canAddIssue(context, event) {
    if (event.type !== 'ADD_ISSUE') return refuse();
    if (!event.related) {
      return refuse({ provision: '6.8', message: 'An issue unrelated to the complaint under investigation must be logged as a new complaint.' });
    }
    if (!context.definition) {
      // A frontline stage 1 (no acknowledgement) has no definition to add to: the response answers what was raised.
      return refuse({ provision: '5.6', message: 'There is no complaint definition to add the issue to: this stage 1 has no acknowledgement, so its response answers every issue raised.' });
    }
    const pointId = event.point.id.trim();
    if (context.definition?.points.some((point) => point.id === pointId)) {
      return refuse({ provision: '5.6', message: `The complaint definition already has a point '${pointId}'.` });
    }
    return ok([{ provision: '6.8', message: 'A related issue raised before the stage 1 response joins the complaint definition.' }]);
  },

  canRespond(context, event, env, stage) {
    if (event.type !== 'RESPOND') return refuse();
    const kind = stage === 1 ? 'stage1-response' : 'stage2-response';
    const verdict = letterRefusals(event.letter, [kind], context.complaint?.id, stage === 1 ? '6.9' : '6.19', event, env);
    if (verdict.refusals.length > 0 || !verdict.letter) return verdict;
    const letter = verdict.letter as Extract<Letter, { kind: 'stage1-response' | 'stage2-response' }>;
    const answered = new Set(letter.definition.points.map((point) => point.id));
    const missing = (context.definition?.points ?? []).filter((point) => !answered.has(point.id));
    if (missing.length > 0) {
      return refuse({
        provision: stage === 1 ? '6.7' : '6.18',
        message: `The response does not address ${missing.map((p) => `'${p.id}' (${p.summary})`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} in the complaint definition.`,
      });
    }
    // Respond when the answer is known, and say what is still to be done (6.6, 6.17): every remedy
    // or action still open must be in the letter's outstanding actions.
    const open = context.tracked.filter((item) => !item.completedOn);
    const { unlisted } = pairOutstanding(open, letter.outstandingActions);
    if (unlisted.length > 0) {
      const what = unlisted.map((item) => `'${item.description}'${item.dueOn ? ` (due ${item.dueOn})` : ''}`).join(', ');
      return refuse({
        provision: stage === 1 ? '6.6' : '6.17',
        message:
          letter.outstandingActions.length === 0
            ? `The response says nothing is left to do, but ${open.length} ${open.length === 1 ? 'remedy or action is' : 'remedies or actions are'} still open: ${what}. List ${open.length === 1 ? 'it' : 'them'} in outstandingActions.`
            : `The response's outstanding actions leave out ${what}, still open; list every open remedy and action.`,
      });
    }
    const record = stage === 1 ? context.stage1 : context.stage2;
    const notes: Reason[] = [];
    if (record?.respondBy && dayOf(event) > record.respondBy) {
      notes.push({ provision: stage === 1 ? '6.3' : '6.14', message: `Responded after the deadline of ${record.respondBy}: the breach is recorded.` });
    }
    return ok(notes, letter);
  },

  canEscalate(context, event, env) {
    if (event.type !== 'ESCALATE') return refuse();
    const notes: Reason[] = [];
    if (context.stage1 && !context.stage1.respondedOn && !context.closure) {
      // Before a stage 1 response: only where the policy sends complex or serious complaints, or a
      // resident who asks, straight to stage 2.
      if (!env.policy.directToStage2) return refuse({ provision: '6.10', message: 'Stage 2 follows the stage 1 response: respond at stage 1 first.' });
      if (event.route === undefined) {
        return refuse({ provision: MCHP.direct, message: "A complaint goes straight to stage 2 only when it is complex or serious, or the resident asks: say which (route: 'complex-or-serious' or 'resident-asked')." });
      }
      notes.push({ provision: MCHP.direct, message: `Straight to stage 2 before a stage 1 response: ${event.route === 'resident-asked' ? 'the resident asked' : 'the complaint is complex or serious'}.` });
    } else if (event.route !== undefined) {
      return refuse({ provision: MCHP.direct, message: 'route is only for a complaint going straight to stage 2, before a stage 1 response.' });
    }
    if (context.ombudsman.determinedOn) {
      return refuse({ provision: '5.3', message: `The Housing Ombudsman determined the complaint on ${context.ombudsman.determinedOn}: there is no further stage to ask for.` });
    }
    if (context.closure?.reason === 'resolved-at-stage-1') {
      notes.push({
        provision: '6.10',
        message: `The complaint was closed as resolved at stage 1 on ${context.closure.on}, but the resident is not satisfied: it goes to stage 2 unless refused for a reason in section 2 of the Code (5.11).`,
      });
    }
    const explained = (event.explanation ?? '').trim() !== '';
    if (!explained) {
      if (env.policy.escalationReasonsRequired) {
        return refuse({ provision: 'policy 6.3.1', message: 'This policy (with the Code not enforced) requires the resident to say what they challenge and why.' });
      }
      const way = gaveWay(env, '6.12');
      notes.push(way ?? { provision: '6.12', message: 'The resident does not have to explain why they want stage 2.' });
    }
    const window = env.policy.policyEscalationWindow;
    const elapsed = daysAfterStage1Response(context, env, dayOf(event));
    if (window !== undefined && elapsed !== undefined) {
      if (elapsed > window) {
        // The request is recorded either way: as written, the policy answers it with a refusal letter (6.3.2).
        notes.push(
          env.policy.escalationWindow !== undefined
            ? { provision: 'policy 6.3.1', message: `Stage 2 was asked for ${elapsed} working days after the stage 1 response, outside this policy's ${window}; the landlord may refuse it (REFUSE_ESCALATION, 'outside-policy-window').` }
            : gaveWay(env, '5.11')!,
        );
      }
    }
    return ok(notes);
  },

  canRefuseEscalation(context, event, env) {
    if (event.type !== 'REFUSE_ESCALATION') return refuse();
    const verdict = letterRefusals(event.letter, ['escalation-refusal'], context.complaint?.id, '5.11', event, env);
    if (verdict.refusals.length > 0) return verdict;
    if (event.reason === 'outside-policy-window') {
      const window = env.policy.escalationWindow;
      const elapsed = context.stage2 ? daysAfterStage1Response(context, env, context.stage2.requestedOn) : undefined;
      const late = window !== undefined && elapsed !== undefined && elapsed > window;
      if (!late) {
        return refuse({
          provision: '5.11',
          message: env.policy.enforceCode
            ? 'A late request is not a reason in section 2 of the Code: a landlord may refuse to escalate only for a section 2 reason.'
            : 'The request was made within the policy’s window.',
        });
      }
    }
    return ok([], verdict.letter);
  },

  canClose: () => ok(),
  canWithdraw: () => ok(),

  canOfferRemedy(context, event, env) {
    if (event.type !== 'OFFER_REMEDY') return refuse();
    const { id: rawId, ...remedy } = event.remedy as Record<string, unknown>;
    if (typeof rawId !== 'string' || rawId.trim() === '') return refuse({ provision: '7.3', message: 'A remedy needs an id, so it can be followed through to completion.' });
    const id = rawId.trim();
    if (RESERVED_ID.test(id) || env.policy.timers.some((timer) => timer.id === id)) {
      return refuse({ provision: '7.3', message: `The id '${id}' is reserved for remedies and actions from response letters (s1-remedy-1, s2-action-2, ...) and for the policy's timers.` });
    }
    if (context.tracked.some((item) => item.id === id) || context.timers.some((timer) => timer.id === id)) {
      return refuse({ provision: '7.3', message: `There is already a remedy or action with id '${id}'.` });
    }
    const parsed = Remedy.safeParse(remedy);
    if (!parsed.success) return { refusals: parsed.error.issues.map((i) => ({ provision: i.path[0] === 'kind' ? '7.1' : '7.3', message: `remedy.${i.path.join('.')}: ${i.message}` })), notes: [] };
    const today = dayOf(event);
    if (parsed.data.dueOn !== undefined && parsed.data.dueOn < today) {
      // As the letter validator does inside response letters: a promise already broken when made.
      return refuse({ provision: '7.3', message: `remedy.dueOn: the remedy is promised by ${parsed.data.dueOn}, before the day it is offered (${today}); a remedy says what will happen and by when.` });
    }
    return ok([{ provision: '5.13', message: 'A remedy may be offered at any stage, without escalation.' }]);
  },

  canCompleteAction(context, event) {
    if (event.type !== 'COMPLETE_ACTION') return refuse();
    const id = event.id.trim();
    const item = context.tracked.find((t) => t.id === id);
    const timer = context.timers.find((t) => t.id === id);
    if (!item && !timer) return refuse({ provision: '7.3', message: `There is no remedy, action or timer with id '${id}'.` });
    if (item?.completedOn || timer?.metOn) return refuse({ provision: '7.3', message: `'${id}' was already completed on ${item?.completedOn ?? timer?.metOn}.` });
    if (timer?.stoppedOn) return refuse({ provision: `policy ${timer.reference}`, message: `The timer '${id}' stopped on ${timer.stoppedOn}: its stage had moved on, or the complaint closed.` });
    return ok();
  },

  canRefer: () => ok(),

  canRecordDetermination(_context, event) {
    if (event.type !== 'OMBUDSMAN_DETERMINATION') return refuse();
    return DeterminationFindings.safeParse(event.findings).success ? ok() : refuse({ message: 'The determination must list the findings for each element.' });
  },

  canTick: () => ok(),

  canReportHazard(context, event, env) {
    if (event.type !== 'REPORT_HAZARD') return refuse();
    const { type, category } = event.hazard;
    const awareAt = event.hazard.awareAt ?? event.at;
    // The Regulations imply a term into social housing leases of homes in England (LTA 1985 s10A).
    if (env.policy.jurisdiction !== 'england' || context.complaint?.region !== 'england-and-wales') {
      return refuse({ provision: 'LTA 1985 s10A', message: "Awaab's Law applies to social homes in England let by a registered provider (Landlord and Tenant Act 1985, s10A): not to a complaint under the SPSO model procedure, nor to a home in Scotland or Northern Ireland." });
    }
    if (compareInstants(awareAt, event.at) > 0) return refuse({ provision: AWAAB, message: `hazard.awareAt: the landlord became aware (${awareAt}) after the hazard was recorded (${event.at}).` });
    const scope = hazardInScope(type, category, toUkDate(awareAt), (env.policy.hazards?.phaseDates ? { phaseDates: env.policy.hazards.phaseDates } : {}) as HazardScopeOptions);
    if (!scope.inScope) return refuse({ provision: AWAAB, message: scope.reason });
    const horizon = hazardHorizon(event.at);
    if (horizon) return refuse(horizon);
    const first = deadlinesFor({ category, awareAt }, env.policy)[0]!;
    return ok([
      {
        provision: AWAAB,
        message: `A ${category} hazard (${type}, phase ${scope.phase}): to be investigated by ${first.dueAt ? `${toUkDateTime(first.dueAt)} UK time` : first.due}. Its timescales run beside the complaint's, and both are to be met.`,
      },
    ]);
  },

  canInvestigateHazard(context, event, env) {
    if (event.type !== 'INVESTIGATE_HAZARD') return refuse();
    const hazard = context.hazard!;
    const identified = event.safetyWorkIdentifiedAt;
    if (identified !== undefined && (compareInstants(identified, hazard.awareAt) < 0 || compareInstants(identified, event.at) > 0)) {
      return refuse({ provision: AWAAB, message: `safetyWorkIdentifiedAt (${identified}) must be between the landlord becoming aware (${hazard.awareAt}) and the investigation concluding (${event.at}).` });
    }
    if (compareInstants(event.at, hazard.awareAt) < 0) return refuse({ provision: AWAAB, message: `The investigation cannot conclude (${event.at}) before the landlord became aware (${hazard.awareAt}).` });
    const horizon = hazardHorizon(event.at);
    if (horizon) return refuse(horizon);
    const duty = deadlinesFor(hazard, env.policy)[0]!;
    const late = duty.dueAt ? compareInstants(event.at, duty.dueAt) > 0 : dayOf(event) > duty.due;
    return ok(late ? [{ provision: duty.regulation ?? AWAAB, message: `Investigated after the deadline of ${duty.dueAt ? `${toUkDateTime(duty.dueAt)} UK time` : duty.due}: the breach is recorded.` }] : []);
  },

  canRecordHazardWork(context, event) {
    if (event.type !== 'RECORD_HAZARD_WORK') return refuse();
    const hazard = context.hazard!;
    if (metDuties(hazard).has(event.duty)) return refuse({ provision: AWAAB, message: `'${event.duty}' is already met on this hazard.` });
    if (event.duty === 'alternative-accommodation') {
      return ok([{ provision: AWAAB, message: 'Suitable alternative accommodation secured: the household is out of the hazard while the work is done, which stops the safety-work clock.' }]);
    }
    const due = hazard.deadlines.find((d) => d.duty === event.duty);
    if (!due) return refuse({ provision: AWAAB, message: `No '${event.duty}' is due on this hazard ${hazard.concludedAt ? `after the investigation found ${hazard.finding === 'none' ? 'no hazard' : `a ${hazard.finding} hazard`}` : 'before its investigation concludes'}.` });
    const late = due.dueAt ? compareInstants(event.at, due.dueAt) > 0 : dayOf(event) > due.due;
    return ok(late ? [{ provision: due.regulation ?? AWAAB, message: `Met after the deadline of ${due.dueAt ? `${toUkDateTime(due.dueAt)} UK time` : due.due}: the breach is recorded.` }] : []);
  },

  canCloseHazard(context) {
    // Beginning supplementary work in 5 working days is relaxed to on site in 12 weeks: that one must be met.
    const open = openHazardDeadlines(context.hazard).filter((d) => !SOFT_DUTIES.has(d.duty));
    if (open.length > 0) {
      // Alternative accommodation stands in for making safe and for safety work, not for the rest.
      const standsIn = (duty: string) => (duty === 'emergency-make-safe' || duty === 'significant-safety-work' ? ', or secure alternative accommodation' : '');
      return refuse(...open.map((d) => ({ provision: d.regulation ?? AWAAB, message: `'${d.duty}' is still to be met (due ${d.dueAt ? `${toUkDateTime(d.dueAt)} UK time` : d.due}): record it (RECORD_HAZARD_WORK)${standsIn(d.duty)}.` })));
    }
    return ok();
  },

  canRecordConsent(context, _event, env) {
    const provision = consentProvision(env);
    if (context.complaint?.raisedBy !== 'representative') {
      return refuse({ provision, message: 'The complaint was raised by the resident, not a representative: there is no consent to record.' });
    }
    if (context.complaint.consentOnFile === true) {
      return refuse({ provision, message: `The resident's consent for their representative is already on file${context.consentReceivedOn ? ` (received ${context.consentReceivedOn})` : ''}.` });
    }
    return ok([{ provision, message: "The resident's consent for their representative was received." }]);
  },
};

/**
 * A step whose deadline would fall after the last date the working-day clock covers (2100) cannot
 * be counted, so it is refused rather than left to fail half-way.
 */
function beyondCalendar(rule: RuleName, context: ComplaintContext, event: ComplaintEvent, env: RuleEnv, stage: Stage): Reason | undefined {
  const region = (event.type === 'RECEIVE' ? event.complaint.region : context.complaint?.region) as Region | undefined;
  if (!region) return undefined;
  const span: Partial<Record<RuleName, number>> = {
    // Far enough for every deadline a received complaint can be shown (projectTimeline): acknowledged on the last day, answered, extended.
    canReceive: Math.max((env.policy.stage1.acknowledgeWithin ?? 0) + env.policy.stage1.respondWithin + env.policy.stage1.extensionLimit, ...env.policy.timers.map((t) => t.workingDays)),
    canAcknowledge: Math.max(stage === 1 ? env.policy.stage1.respondWithin : env.policy.stage2.respondWithin, ...env.policy.timers.map((t) => t.workingDays)),
    canEscalate: env.policy.stage2.acknowledgeWithin,
  };
  const days = span[rule];
  if (days === undefined) return undefined;
  const calendar = env.calendar(region);
  const day = dayOf(event);
  if (day <= calendar.coveredThrough && calendar.workingDaysBetween(day, calendar.coveredThrough) >= days) return undefined;
  return { message: `The deadline ${days} working days after ${day} would fall after ${calendar.coveredThrough}, the last date the working-day clock covers.` };
}

/** Ids the machine gives to remedies and actions from response letters. */
const RESERVED_ID = /^s[12]-(remedy|action)-\d+$/;

/** @internal Where the rule on representatives' consent comes from. */
export function consentProvision(env: RuleEnv): string {
  return env.policy.representativeConsent === 'written' ? 'policy 8.2' : '1.3';
}

/** Working days from the stage 1 response to `day`, once there is a response. */
function daysAfterStage1Response(context: ComplaintContext, env: RuleEnv, day: string): number | undefined {
  const respondedOn = context.stage1?.respondedOn;
  if (!respondedOn || !context.complaint) return undefined;
  return env.calendar(context.complaint.region as Region).workingDaysBetween(respondedOn, day);
}

/**
 * @internal What every event must meet whatever the state: well formed, in order, and (for all
 * but RECEIVE) after a complaint exists. Shared by the guards and by explain().
 */
export function preconditions(context: ComplaintContext, event: ComplaintEvent, receiving: boolean): Reason[] {
  const problems = eventProblems(event);
  if (problems.length > 0) return problems.map((message) => ({ message: `malformed event: ${message}` }));
  if (context.lastEventAt && context.lastEventAt !== event.at && Date.parse(event.at) < Date.parse(context.lastEventAt)) {
    return [{ provision: '5.12', message: `The event happened at ${event.at}, before the last recorded event (${context.lastEventAt}); events must be recorded in the order they happened.` }];
  }
  if (!receiving && !context.complaint) return [{ message: 'No complaint has been received yet: send RECEIVE first.' }];
  return [];
}

/**
 * @internal Reasons as the policy's jurisdiction cites them: under the Code, as they are; under the
 * SPSO model procedure, each provision by its counterpart in the procedure (or as the Code 2024's,
 * applied as good practice) and the ombudsman by its name.
 */
export function inJurisdiction(reasons: Reason[], env: RuleEnv): Reason[] {
  const where = env.policy.jurisdiction;
  if (where === 'england' || reasons.length === 0) return reasons;
  return reasons.map((r) => (r.provision === undefined ? { message: wordsIn(where, r.message) } : { provision: citeIn(where, r.provision), message: wordsIn(where, r.message) }));
}

/** @internal Runs a rule: first the {@link preconditions}, then the calendar's horizon, then the rule itself. */
export function judge(rule: RuleName, context: ComplaintContext, event: ComplaintEvent, env: RuleEnv, stage: Stage = 1): Verdict {
  try {
    const common = preconditions(context, event, rule === 'canReceive' || rule === 'canReceiveAtFrontline');
    if (common.length > 0) return refuse(...inJurisdiction(common, env));
    const horizon = beyondCalendar(rule, context, event, env, stage);
    if (horizon) return refuse(horizon);
    const verdict = RULES[rule](context, event, env, stage);
    return env.policy.jurisdiction === 'england' ? verdict : { ...verdict, refusals: inJurisdiction(verdict.refusals, env), notes: inJurisdiction(verdict.notes, env) };
  } catch {
    // A hostile event (a throwing getter, a revoked Proxy) is refused, never allowed to stop the actor.
    return refuse(UNREADABLE);
  }
}

/** @internal The refusal of an event that cannot even be read. */
export const UNREADABLE: Reason = { message: 'malformed event: it could not be read (an accessor threw); an event must be plain data' };
