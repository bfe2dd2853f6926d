import * as z from 'zod/mini';
import { HousingComplaintsError, isErrorNamed, summarise } from '../errors.js';
import type { IsoDate } from '../calendar/isoDate.js';
import type { Region } from '../calendar/regions.js';
import type { Acknowledgement, ComplaintDefinition, DeclineNotice, EscalationRefusal, ExtensionNotice, Remedy, Stage1Response, Stage2Response } from '../letters/schemas.js';
import { isoDate, text } from '../letters/primitives.js';
import { toUkDate } from '../calendar/ukDate.js';
import { ComplaintDetails, DeterminationFindings, identifier, label } from './context.js';
import { pathText } from '../letters/plain.js';
import { NotPlain, plainCopy } from '../plain.js';
import type { HazardDutyId } from '../hazards/duties.js';
import type { HazardFinding } from '../hazards/deadlines.js';
import { HAZARD_TYPES, type HazardCategory, type HazardType } from '../hazards/phases.js';

/** @internal The duties a RECORD_HAZARD_WORK event may record as met (the investigations are INVESTIGATE_HAZARD). */
export const HAZARD_WORK = ['emergency-make-safe', 'written-summary', 'significant-safety-work', 'supplementary-work-begin', 'supplementary-work-on-site', 'alternative-accommodation'] as const;

/**
 * An ISO 8601 instant with `Z` or a UTC offset: when an event happened. The machine turns it into
 * a UK date with `toUkDate` (so BST is handled) and never reads a clock of its own.
 *
 * @example
 * ```ts
 * const at: Instant = '2024-12-20T16:45:00Z';
 * ```
 */
export type Instant = string;

/**
 * Every event the complaint machine accepts. Each carries `at`, the instant it happened: the
 * machine never reads a clock.
 *
 * @example
 * ```ts
 * const event: ComplaintEvent = { type: 'ESCALATE', at: '2025-01-30T10:00:00Z' };
 * ```
 */
export type ComplaintEvent =
  | {
      /** A complaint arrives (dissatisfaction, however expressed: 1.2). */
      type: 'RECEIVE';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The complaint as received. */
      complaint: {
        /** The landlord's reference. */
        id: string;
        /** The resident's UK division, whose bank holidays apply. */
        region: Region;
        /** What it is about, in a line. */
        summary: string;
        /** How it was made. */
        channel?: string;
        /** Who made it. */
        raisedBy?: 'resident' | 'representative';
        /** Whether the resident's consent for a representative is on file. */
        consentOnFile?: boolean;
        /** When the issue occurred or the resident became aware of it (2.3). */
        issueDate?: IsoDate;
        /** Whether it concerns safeguarding or health and safety. */
        safetyConcern?: boolean;
        /** Whether it is a community complaint. */
        community?: boolean;
        /** The landlord's category, for reports. */
        category?: string;
        /** The home's tenure, for the regulator's measures split by tenure (low-cost rental: general needs and supported housing; low-cost home ownership: shared ownership). */
        tenure?: Tenure;
        /** The landlord's service area the complaint is about, for reports (policy 18.1): a one-line label. */
        serviceArea?: string;
      };
    }
  | {
      /**
       * Acknowledge and define the complaint, with the acknowledgement letter: at stage 1 (6.2) or,
       * once escalated, stage 2 (6.11). The letter gives the handler (at stage 2, not the stage 1
       * handler: 6.13), the complaint definition (5.6) and the response date, which must be the
       * deadline the machine counts; it is kept on the record (5.12).
       */
      type: 'ACKNOWLEDGE';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The acknowledgement letter, dated the day of `at`. */
      letter: Acknowledgement;
      /**
       * The host's stable id for the handler (a staff number), when it has one. At stage 2 it is
       * compared with stage 1's instead of the names, so two people of the same name can each
       * handle a stage, and one person under two spellings cannot (6.13).
       */
      handlerId?: string;
    }
  | {
      /**
       * Acknowledge without the letter.
       *
       * @deprecated Send the acknowledgement letter as `letter` instead; this shape will be removed in
       * the next minor version.
       */
      type: 'ACKNOWLEDGE';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** Who handles this stage (at stage 2, not the stage 1 handler: 6.13). */
      handler: string;
      /** The host's stable id for the handler, when it has one (6.13). */
      handlerId?: string;
      /** The complaint definition (5.6). */
      definition: ComplaintDefinition;
    }
  | {
      /**
       * Decline the complaint for a reason in section 2 (2.2, 2.3), with the letter 2.4 requires:
       * before it is acknowledged, or while a stage is investigated if legal proceedings start (2.2).
       */
      type: 'DECLINE';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** Why. */
      reason: DeclineReason;
      /** The decline notice. */
      letter: DeclineNotice;
    }
  | {
      /**
       * Extend the response deadline of the current stage (6.4, 6.15), with the extension notice: its
       * reasons, its new date (the new deadline) and the Ombudsman's contact details (6.5, 6.16). The
       * notice is kept on the record (5.12).
       */
      type: 'EXTEND';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The extension notice, dated the day of `at`. */
      letter: ExtensionNotice;
      /** The landlord's label for the reason, for reports (policy 18.1): a one-line label such as `'contractor-availability'`. */
      category?: string;
    }
  | {
      /**
       * Extend without the notice.
       *
       * @deprecated Send the extension notice as `letter` instead; this shape, whose
       * `ombudsmanDetailsGiven` is only the host's word, will be removed in the next minor version.
       */
      type: 'EXTEND';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The new response date. */
      until: IsoDate;
      /** Why, as told to the resident. */
      reason: string;
      /** The good reason, when the extensions total more than the Code's limit. */
      goodReason?: string;
      /** Whether the resident was given the Ombudsman's contact details (6.5, 6.16). */
      ombudsmanDetailsGiven: boolean;
      /** The landlord's label for the reason, for reports (policy 18.1). */
      category?: string;
    }
  | {
      /** A new issue raised during stage 1 (6.8). */
      type: 'ADD_ISSUE';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The new point of complaint. */
      point: {
        /** A short id, unique in the definition. */
        id: string;
        /** The point, in the resident's terms. */
        summary: string;
      };
      /** Whether it is related to the complaint under investigation. */
      related: boolean;
    }
  | {
      /** Send the response of the current stage (6.9, 6.19). */
      type: 'RESPOND';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The response letter. */
      letter: Stage1Response | Stage2Response;
      /** The root cause the investigation found, as the landlord labels it, for learning (8.1(d), 9.x; policy 18.1): a one-line label. */
      cause?: string;
    }
  | {
      /** The resident asks for stage 2 (6.10); no reasons are needed (6.12). */
      type: 'ESCALATE';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** What the resident said, if anything. */
      explanation?: string;
      /** Any discretion the landlord applied, for the record. */
      discretion?: string;
      /**
       * Straight to stage 2 before a stage 1 response, under a policy that allows it (the SPSO model
       * procedure): the complaint is complex or serious, or the resident asked.
       */
      route?: 'complex-or-serious' | 'resident-asked';
    }
  | {
      /** Refuse to escalate, for a section 2 reason (5.11), with the letter. */
      type: 'REFUSE_ESCALATION';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** Why. */
      reason: RefusalReason;
      /** The refusal letter. */
      letter: EscalationRefusal;
    }
  | {
      /** Offer a remedy, at any stage (5.13). */
      type: 'OFFER_REMEDY';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The remedy, with an id to follow it through (7.3). */
      remedy: Remedy & {
        /** An id to follow the remedy through to completion. */
        id: string;
      };
    }
  | {
      /** Complete a remedy, an outstanding action or a policy timer. */
      type: 'COMPLETE_ACTION';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** Its id. */
      id: string;
    }
  | {
      /**
       * The resident's consent for their representative has been received (1.3, 3.6; a policy may
       * ask for it in writing, as Peaks & Plains 8.2 does).
       */
      type: 'RECORD_CONSENT';
      /** When it happened, an ISO instant. */
      at: Instant;
    }
  | {
      /** The resident is satisfied with the stage 1 response: close. */
      type: 'CLOSE';
      /** When it happened, an ISO instant. */
      at: Instant;
    }
  | {
      /** The resident withdraws the complaint. */
      type: 'WITHDRAW';
      /** When it happened, an ISO instant. */
      at: Instant;
    }
  | {
      /**
       * A hazard in the home is reported beside the complaint (Awaab's Law: the Hazards in Social
       * Housing (Prescribed Requirements) (England) Regulations 2025): its timescales start from
       * when the landlord became aware of it.
       */
      type: 'REPORT_HAZARD';
      /** When it was recorded, an ISO instant. */
      at: Instant;
      /** The hazard. */
      hazard: {
        /** The HHSRS hazard, e.g. `'damp-and-mould'`. */
        type: HazardType;
        /** How the landlord categorises it on what it knows: `'emergency'` (24 clock hours) or `'significant'`. */
        category: HazardCategory;
        /** What was reported, in a line. */
        description: string;
        /** When the landlord became aware of it, an ISO instant (default `at`); not after `at`. */
        awareAt?: Instant;
      };
    }
  | {
      /** The hazard's investigation concluded, with what it found. */
      type: 'INVESTIGATE_HAZARD';
      /** When it concluded, an ISO instant. */
      at: Instant;
      /** What it found: an emergency hazard, a significant one, or none. */
      finding: HazardFinding;
      /** When the investigation identified the safety work, if earlier than its conclusion (an ISO instant). */
      safetyWorkIdentifiedAt?: Instant;
    }
  | {
      /**
       * A duty of the hazard track met: the written summary sent, the home made safe, safety work
       * done, supplementary work begun or on site, or alternative accommodation secured.
       */
      type: 'RECORD_HAZARD_WORK';
      /** When it was done, an ISO instant. */
      at: Instant;
      /** The duty met. */
      duty: Exclude<HazardDutyId, 'emergency-investigate' | 'significant-investigate'>;
    }
  | {
      /** The hazard track ends: every duty due is met (alternative accommodation stands in for making safe and for safety work). */
      type: 'CLOSE_HAZARD';
      /** When it happened, an ISO instant. */
      at: Instant;
    }
  | {
      /** The host's clock: record any deadline missed by now. */
      type: 'TICK';
      /** When it happened, an ISO instant. */
      at: Instant;
    }
  | {
      /** The complaint goes to the Housing Ombudsman. */
      type: 'REFER_TO_OMBUDSMAN';
      /** When it happened, an ISO instant. */
      at: Instant;
    }
  | {
      /** The Ombudsman's determination. */
      type: 'OMBUDSMAN_DETERMINATION';
      /** When it happened, an ISO instant. */
      at: Instant;
      /** The findings, per element. */
      findings: OmbudsmanFindings;
    };

/**
 * The tenure of the home a complaint is about. The regulator's measures are published split by
 * tenure: low-cost rental (`'general-needs'` and `'supported-housing'`) and low-cost home ownership
 * (`'shared-ownership'`).
 *
 * @example
 * ```ts
 * const tenure: Tenure = 'shared-ownership';
 * ```
 */
export type Tenure = 'general-needs' | 'supported-housing' | 'shared-ownership';

/**
 * Why a complaint may be declined (Code 2.2, and 1.4 for a service request).
 *
 * @example
 * ```ts
 * const reason: DeclineReason = 'legal-proceedings';
 * ```
 */
export type DeclineReason = 'outside-time-limit' | 'legal-proceedings' | 'previously-considered' | 'not-a-complaint';

/**
 * Why an escalation may be refused: a section 2 reason (5.11), or, only with the Code not enforced,
 * a request outside the policy's window.
 *
 * @example
 * ```ts
 * const reason: RefusalReason = 'previously-considered';
 * ```
 */
export type RefusalReason = 'legal-proceedings' | 'previously-considered' | 'outside-policy-window';

/**
 * The Ombudsman's findings, one per element of the complaint.
 *
 * @example
 * ```ts
 * const findings: OmbudsmanFindings = [{ element: 'Repairs', finding: 'maladministration', orders: ['Pay £300'] }];
 * ```
 */
export type OmbudsmanFindings = {
  /** The element of the complaint. */
  element: string;
  /** The finding on it. */
  finding: 'no-maladministration' | 'service-failure' | 'maladministration' | 'severe-maladministration' | 'reasonable-redress' | 'outside-jurisdiction' | 'withdrawn';
  /** Any orders made. */
  orders?: string[];
}[];

/**
 * The event type names, in the order of the process.
 *
 * @example
 * ```ts
 * EVENT_TYPES.includes('ESCALATE'); //=> true
 * ```
 */
export const EVENT_TYPES = [
  'RECEIVE',
  'ACKNOWLEDGE',
  'DECLINE',
  'EXTEND',
  'ADD_ISSUE',
  'RESPOND',
  'ESCALATE',
  'REFUSE_ESCALATION',
  'OFFER_REMEDY',
  'COMPLETE_ACTION',
  'RECORD_CONSENT',
  'CLOSE',
  'WITHDRAW',
  'TICK',
  'REFER_TO_OMBUDSMAN',
  'OMBUDSMAN_DETERMINATION',
  'REPORT_HAZARD',
  'INVESTIGATE_HAZARD',
  'RECORD_HAZARD_WORK',
  'CLOSE_HAZARD',
] as const satisfies readonly ComplaintEvent['type'][];

function isInstant(value: string): boolean {
  try {
    toUkDate(value);
    return true;
  } catch {
    return false;
  }
}
const at = z.string({ error: 'must be an ISO instant' }).check(
  z.refine(isInstant, { error: "must be an ISO instant with 'Z' or an offset, from 2000 to 2100, e.g. '2024-12-20T16:45:00Z'" }),
);
const letter = z.record(z.string(), z.unknown(), { error: 'must be a letter object' });
const event = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), at, ...shape });

/** @internal The schema of each event: its shape, not its merits (those are the rules'). */
export const EVENT_SCHEMAS = {
  RECEIVE: event('RECEIVE', { complaint: ComplaintDetails }),
  ACKNOWLEDGE: event('ACKNOWLEDGE', {
    letter: z.optional(letter),
    handler: z.optional(text),
    handlerId: z.optional(identifier),
    definition: z.optional(z.record(z.string(), z.unknown(), { error: 'must be a complaint definition' })),
  }).check(
    z.refine((e) => (e.letter !== undefined ? e.handler === undefined && e.definition === undefined : e.handler !== undefined && e.definition !== undefined), {
      error: 'must carry the acknowledgement letter (letter), or else handler and definition (deprecated), not both',
    }),
  ),
  DECLINE: event('DECLINE', { reason: z.literal(['outside-time-limit', 'legal-proceedings', 'previously-considered', 'not-a-complaint']), letter }),
  EXTEND: event('EXTEND', {
    letter: z.optional(letter),
    until: z.optional(isoDate),
    reason: z.optional(z.string()),
    goodReason: z.optional(z.string()),
    ombudsmanDetailsGiven: z.optional(z.boolean()),
    category: z.optional(label),
  }).check(
    z.refine(
      (e) =>
        e.letter !== undefined
          ? e.until === undefined && e.reason === undefined && e.goodReason === undefined && e.ombudsmanDetailsGiven === undefined
          : e.until !== undefined && e.reason !== undefined && e.ombudsmanDetailsGiven !== undefined,
      { error: 'must carry the extension notice (letter), or else until, reason and ombudsmanDetailsGiven (deprecated), not both' },
    ),
  ),
  ADD_ISSUE: event('ADD_ISSUE', { point: z.strictObject({ id: text, summary: text }), related: z.boolean() }),
  RESPOND: event('RESPOND', { letter, cause: z.optional(label) }),
  ESCALATE: event('ESCALATE', { explanation: z.optional(z.string()), discretion: z.optional(z.string()), route: z.optional(z.literal(['complex-or-serious', 'resident-asked'])) }),
  REFUSE_ESCALATION: event('REFUSE_ESCALATION', { reason: z.literal(['legal-proceedings', 'previously-considered', 'outside-policy-window']), letter }),
  OFFER_REMEDY: event('OFFER_REMEDY', { remedy: z.record(z.string(), z.unknown(), { error: 'must be a remedy object' }) }),
  COMPLETE_ACTION: event('COMPLETE_ACTION', { id: text }),
  RECORD_CONSENT: event('RECORD_CONSENT', {}),
  CLOSE: event('CLOSE', {}),
  WITHDRAW: event('WITHDRAW', {}),
  TICK: event('TICK', {}),
  REFER_TO_OMBUDSMAN: event('REFER_TO_OMBUDSMAN', {}),
  OMBUDSMAN_DETERMINATION: event('OMBUDSMAN_DETERMINATION', { findings: DeterminationFindings }),
  REPORT_HAZARD: event('REPORT_HAZARD', {
    hazard: z.strictObject({ type: z.literal(HAZARD_TYPES), category: z.literal(['emergency', 'significant']), description: text, awareAt: z.optional(at) }),
  }),
  INVESTIGATE_HAZARD: event('INVESTIGATE_HAZARD', { finding: z.literal(['emergency', 'significant', 'none']), safetyWorkIdentifiedAt: z.optional(at) }),
  RECORD_HAZARD_WORK: event('RECORD_HAZARD_WORK', { duty: z.literal(HAZARD_WORK) }),
  CLOSE_HAZARD: event('CLOSE_HAZARD', {}),
} as const;

/**
 * An event that does not match the shape of any complaint event: an unknown `type`, a missing or
 * malformed `at`, a payload of the wrong shape. The machine refuses events on their merits; this
 * error is for events that cannot be read at all.
 *
 * @example
 * ```ts
 * parseEvent({ type: 'RECEIVE', at: 'yesterday' }); // throws MalformedEventError
 * ```
 */
export class MalformedEventError extends HousingComplaintsError {
  /** The class name, `'MalformedEventError'`: what the `isX()` guards check. */
  override name = 'MalformedEventError';
  /** The event given. */
  readonly event: unknown;
  /** Each problem as `path: message`. */
  readonly problems: readonly string[];
  /** Its position in a replayed list, when there is one. */
  readonly index: number | undefined;
  constructor(event: unknown, problems: readonly string[], index?: number) {
    let type = 'event';
    try {
      const found = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
      if (typeof found === 'string') type = found;
    } catch {
      // an event that cannot even be read is just an 'event'
    }
    super(`${index === undefined ? '' : `Event ${index}: `}malformed ${type.slice(0, 40)}: ${summarise(problems)}.`);
    this.event = event;
    this.problems = problems;
    this.index = index;
  }
}

/**
 * Whether `error` is a {@link MalformedEventError}.
 *
 * @example
 * ```ts
 * isMalformedEventError(new MalformedEventError({}, ['type: missing'])); //=> true
 * ```
 */
export function isMalformedEventError(error: unknown): error is MalformedEventError {
  return isErrorNamed(error, 'MalformedEventError');
}

/**
 * @internal The problems with an event's shape, or none. Checked every time: a host may edit and resend the
 * same object, so nothing is remembered per object.
 */
export function eventProblems(value: unknown): string[] {
  try {
    return shapeOf(value);
  } catch {
    return ['it could not be read (an accessor threw); an event must be plain data'];
  }
}

function shapeOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['an event must be an object'];
  const type = (value as { type?: unknown }).type;
  const schema = typeof type === 'string' && Object.hasOwn(EVENT_SCHEMAS, type) ? EVENT_SCHEMAS[type as keyof typeof EVENT_SCHEMAS] : undefined;
  if (!schema) return [`type: must be one of ${EVENT_TYPES.join(', ')}`];
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'event'}: ${issue.message}`);
}

/**
 * Checks that a value is a well-formed complaint event, and returns it typed: a plain copy, read
 * once, that shares nothing with `value`.
 *
 * @param value - anything, typically parsed JSON
 * @param index - its position in a list, for the error message
 * @returns the event
 * @throws {@link MalformedEventError}
 *
 * @example
 * ```ts
 * parseEvent({ type: 'TICK', at: '2025-01-06T09:00:00Z' }).type; //=> 'TICK'
 * ```
 */
export function parseEvent(value: unknown, index?: number): ComplaintEvent {
  let copy: unknown;
  try {
    copy = plainCopy(value);
  } catch (error) {
    throw new MalformedEventError(value, [error instanceof NotPlain ? `${pathText('event', error.path)}: ${error.reason}` : 'it could not be read'], index);
  }
  const problems = eventProblems(copy);
  if (problems.length > 0) throw new MalformedEventError(value, problems, index);
  return copy as ComplaintEvent;
}
