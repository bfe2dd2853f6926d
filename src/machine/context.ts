/**
 * The machine's context as a zod/mini schema, from which its type is inferred: one definition
 * serves the type, the restore validation and the docs. Plain JSON only (ISO strings, no Date, no
 * class instances), so a snapshot survives `JSON.stringify`.
 */
import type { JurisdictionId } from '../policy/jurisdiction.js';
import { HAZARD_DUTY_IDS } from '../hazards/regulations.js';
import { HAZARD_TYPES } from '../hazards/phases.js';
import * as z from 'zod/mini';
import { isRegion } from '../calendar/regions.js';
import { toUkDate } from '../calendar/ukDate.js';
import { ComplaintDefinition, Decision, Letter, Remedy } from '../letters/schemas.js';
import { isoDate, text } from '../letters/primitives.js';

/** @internal An ISO instant the clock can place on a UK day (2000 to 2100): the record's and the context's. */
export const instant = z.string().check(
  z.refine(
    (value) => {
      try {
        toUkDate(value);
        return true;
      } catch {
        return false;
      }
    },
    { error: "must be an ISO instant with 'Z' or an offset" },
  ),
);
const region = z.string().check(z.refine(isRegion, { error: "must be 'england-and-wales', 'scotland' or 'northern-ireland'" }));

/** @internal The longest id, in characters. */
export const MAX_ID_LENGTH = 200;

/**
 * @internal An id: a remedy's, an action's, a handler's. Short, on one line, and with some letter or
 * digit, so that anything derived from it (a breach's deadline name) is valid text too.
 */
export const identifier = text.check(
  z.maxLength(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` }),
  z.regex(/^[^\p{C}\p{Zl}\p{Zp}]*$/u, { error: 'must be on one line, without control or invisible characters' }),
);

/** @internal A landlord's label for reports (a service area, a cause, a reason's kind): the same rule as an id. */
export const label = identifier;

/** The complaint as received. */
export const ComplaintDetails = z.strictObject({
  /** The landlord's reference. */
  id: text,
  /** The resident's UK division, whose bank holidays apply. */
  region,
  /** What the complaint is about, in a line. */
  summary: text,
  /** How it was made (phone, email, ...). */
  channel: z.optional(text),
  /** Who made it. */
  raisedBy: z.optional(z.literal(['resident', 'representative'])),
  /** Whether the resident's consent for a representative is on file. */
  consentOnFile: z.optional(z.boolean()),
  /** When the issue occurred or the resident became aware of it (2.3). */
  issueDate: z.optional(isoDate),
  /** Whether it concerns safeguarding or health and safety. */
  safetyConcern: z.optional(z.boolean()),
  /** Whether it is a community complaint. */
  community: z.optional(z.boolean()),
  /** The landlord's category, for reports. */
  category: z.optional(text),
  /** The home's tenure, for the regulator's measures split by tenure (TSM: low-cost rental, low-cost home ownership). */
  tenure: z.optional(z.literal(['general-needs', 'supported-housing', 'shared-ownership'], { error: "must be 'general-needs', 'supported-housing' or 'shared-ownership'" })),
  /** The landlord's service area the complaint is about, for reports (policy 18.1). */
  serviceArea: z.optional(label),
});

const Extension = z.strictObject({
  /** When the extension was given. */
  on: isoDate,
  /** The new response date. */
  until: isoDate,
  /** Why, as told to the resident. */
  reason: text,
  /** The good reason, when the total goes beyond the Code's limit. */
  goodReason: z.optional(text),
  /** Working days added by this extension. */
  workingDays: z.int(),
  /** Given after the deadline had passed: a revised date for the resident, not an extension in time (the breach stands). */
  afterDeadline: z.optional(z.literal(true)),
  /** The landlord's label for the reason, for reports (policy 18.1): `'contractor-availability'`, say. */
  category: z.optional(label),
});

const StageRecord = z.strictObject({
  /** The day the stage began: receipt (stage 1) or the escalation request (stage 2). */
  requestedOn: isoDate,
  /** The acknowledgement deadline (6.2, 6.11); absent for a stage with no acknowledgement (the SPSO model procedure's frontline stage 1). */
  acknowledgeBy: z.optional(isoDate),
  /** When it was acknowledged. */
  acknowledgedOn: z.optional(isoDate),
  /** Who handles the stage, as the letters name them. */
  handler: z.optional(text),
  /** The host's stable id for the handler, when it gave one: compared instead of names (6.13). */
  handlerId: z.optional(identifier),
  /** The response deadline, after any extensions (6.3, 6.14). */
  respondBy: z.optional(isoDate),
  /** The response deadline before any extension. */
  originalRespondBy: z.optional(isoDate),
  /** Extensions given, in order (6.4, 6.15). */
  extensions: z.array(Extension),
  /** When the response was sent. */
  respondedOn: z.optional(isoDate),
  /** The decision of the response. */
  decision: z.optional(Decision),
  /** At stage 2: what the resident said when asking for it, if anything (6.12). */
  explanation: z.optional(text),
  /** At stage 2: any discretion the landlord applied in accepting the request. */
  discretion: z.optional(text),
  /** The root cause the investigation found, as the landlord labels it, for learning (8.1(d), 9.x; policy 18.1). */
  cause: z.optional(label),
  /**
   * At stage 2, when the complaint went straight there before a stage 1 response, why: it is
   * complex or serious, or the resident asked (the SPSO model procedure allows both).
   */
  route: z.optional(z.literal(['complex-or-serious', 'resident-asked'])),
});

const TrackedItem = z.strictObject({
  /** Its id: given with OFFER_REMEDY, or `s1-remedy-1`, `s2-action-2` for those in a response. */
  id: identifier,
  /** A remedy offered, or an outstanding action promised. */
  kind: z.literal(['remedy', 'action']),
  /** What will happen. */
  description: text,
  /** The remedy as offered. */
  remedy: z.optional(Remedy),
  /** By when. */
  dueOn: z.optional(isoDate),
  /** The provision that makes it a commitment: 7.3 for remedies, 6.6 or 6.17 for actions. */
  provision: text,
  /** When it was offered or promised. */
  offeredOn: isoDate,
  /** When it was done. */
  completedOn: z.optional(isoDate),
});

const Breach = z.strictObject({
  /** Which deadline, e.g. `stage1.respond`, `remedy:goodwill` or `hazard:emergency-make-safe`. */
  deadline: text,
  /** The provision it breaches. */
  provision: text,
  /** When it was due. */
  due: isoDate,
  /** For a deadline in clock hours (Awaab's Law's 24 hours): the instant it was due. */
  dueAt: z.optional(instant),
  /** When the breach was recorded. */
  recordedOn: isoDate,
});

const Note = z.strictObject({
  /** When. */
  on: isoDate,
  /** The provision or policy paragraph. */
  provision: z.optional(text),
  /** What the record should show. */
  message: text,
});

const Timer = z.strictObject({
  /** The policy timer's id. */
  id: text,
  /** What must happen. */
  label: text,
  /** The policy paragraph. */
  reference: text,
  /** By when. */
  due: isoDate,
  /** When it was met (COMPLETE_ACTION with the timer's id). */
  metOn: z.optional(isoDate),
  /** When it stopped without being met: its stop condition came (policy 6.1.2), or the complaint closed. */
  stoppedOn: z.optional(isoDate),
});

/** One deadline of the hazard track, as `hazardDeadlines` counts it from what is known. */
const HazardDeadlineRecord = z.strictObject({
  /** The duty, e.g. `'significant-investigate'`. */
  duty: z.literal(HAZARD_DUTY_IDS),
  /** The regulation behind it, as secondary sources give it (`'reg. 6'`), when there is one. */
  regulation: z.optional(text),
  /** The UK date it is due. */
  due: isoDate,
  /** For a duty in clock hours, the instant it is due. */
  dueAt: z.optional(instant),
  /** Whether the value was checked against the regulations themselves (none yet: see the Awaab's Law guide). */
  verified: z.boolean(),
});

/** A hazard reported beside the complaint, and its Awaab's Law track. */
const HazardRecord = z.strictObject({
  /** The HHSRS hazard. */
  type: z.literal(HAZARD_TYPES),
  /** The category on report: emergency or significant. */
  category: z.literal(['emergency', 'significant']),
  /** What was reported. */
  description: text,
  /** When the landlord became aware of it. */
  awareAt: instant,
  /** When it was recorded. */
  reportedAt: instant,
  /** The phase of Awaab's Law that brought it into scope. */
  phase: z.literal([1, 2, 3]),
  /** When the investigation concluded. */
  concludedAt: z.optional(instant),
  /** What it found. */
  finding: z.optional(z.literal(['emergency', 'significant', 'none'])),
  /** When the investigation identified the safety work, if given. */
  safetyWorkIdentifiedAt: z.optional(instant),
  /** The deadlines, from what is known so far. */
  deadlines: z.array(HazardDeadlineRecord),
  /** The duties met, in order. */
  met: z.array(
    z.strictObject({
      /** The duty met. */
      duty: z.literal(HAZARD_DUTY_IDS),
      /** When. */
      at: instant,
    }),
  ),
  /** When the track was closed. */
  closedAt: z.optional(instant),
});

const OmbudsmanFinding = z.literal([
  'no-maladministration',
  'service-failure',
  'maladministration',
  'severe-maladministration',
  'reasonable-redress',
  'outside-jurisdiction',
  'withdrawn',
]);

/** @internal */
export const DeterminationFindings = z.array(
  z.strictObject({
    /** The element of the complaint. */
    element: text,
    /** The Ombudsman's finding on it. */
    finding: OmbudsmanFinding,
    /** Any orders made. */
    orders: z.optional(z.array(text)),
  }),
).check(
  z.minLength(1, { error: 'must list at least one finding' }),
);

/**
 * The context of a complaint machine: everything recorded about one complaint, as plain JSON.
 *
 * @example
 * ```ts
 * const { snapshot } = replay(createComplaintMachine(), [
 *   { type: 'RECEIVE', at: '2024-12-27T10:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Boiler broken' } },
 * ]);
 * snapshot.context.stage1.acknowledgeBy; //=> '2025-01-07' (1 and 2 January are Scottish bank holidays)
 * ```
 */
export const ComplaintContext = z.strictObject({
  /** The policy the complaint runs under, and whether the Code is enforced. */
  policy: z.strictObject({
    /** The policy's id. */
    id: text,
    /** Whether the Code is the floor. */
    enforceCode: z.boolean(),
    /** A digest of the policy's content (timescales, limits, timers): the same id with other rules is another policy. */
    fingerprint: z.string().check(z.regex(/^[0-9a-f]{16}$/, { error: 'must be a policy fingerprint' })),
    /** The policy's jurisdiction, when it is not England's: `'scotland'`, the SPSO model complaints handling procedure. */
    jurisdiction: z.optional(z.literal(['scotland'])),
  }),
  /** A digest of the working-day calendar the complaint is counted with (its division and adjustments), set at receipt. */
  calendar: z.optional(z.string().check(z.maxLength(200))),
  /** The complaint as received; absent before `RECEIVE`. */
  complaint: z.optional(ComplaintDetails),
  /** The instant of the last accepted event. */
  lastEventAt: z.optional(instant),
  /** The current complaint definition: the acknowledged points, plus related issues added at stage 1 (6.8). */
  definition: z.optional(ComplaintDefinition),
  /** Stage 1, from receipt. */
  stage1: z.optional(StageRecord),
  /** Stage 2, from the escalation request. */
  stage2: z.optional(StageRecord),
  /** Every letter sent, in order (5.12). */
  letters: z.array(Letter),
  /** Remedies offered and actions promised, tracked to completion after any response (6.6, 6.17, 7.3). */
  tracked: z.array(TrackedItem),
  /** Deadlines missed, each with its provision. */
  breaches: z.array(Breach),
  /** The policy's extra timers. */
  timers: z.array(Timer),
  /** Things the record should show: a policy rule that gave way to the Code, consent awaited. */
  notes: z.array(Note),
  /** Why the complaint was declined, if it was. */
  declineReason: z.optional(text),
  /** Why escalation was refused, if it was (5.11). */
  refusalReason: z.optional(text),
  /** Whether a representative's consent is awaited: only under a policy that needs it in writing (policy 8.2). */
  consentAwaited: z.boolean(),
  /** When the resident's consent for their representative was received (1.3, 3.6). */
  consentReceivedOn: z.optional(isoDate),
  /** How and when the complaint closed. */
  closure: z.optional(
    z.strictObject({
      /** Why it closed. */
      reason: z.literal(['declined', 'resolved-at-stage-1', 'final-response', 'withdrawn', 'escalation-refused']),
      /** When. */
      on: isoDate,
    }),
  ),
  /** A hazard reported beside the complaint and its Awaab's Law deadlines; absent until one is reported. */
  hazard: z.optional(HazardRecord),
  /** The Housing Ombudsman's involvement. */
  ombudsman: z.strictObject({
    /** When the complaint was referred. */
    referredOn: z.optional(isoDate),
    /** When the Ombudsman determined it. */
    determinedOn: z.optional(isoDate),
    /** The findings, per element. */
    findings: z.optional(DeterminationFindings),
  }),
});

/**
 * The type of {@link ComplaintContext}.
 *
 * @example
 * ```ts
 * const breaches: ComplaintContext['breaches'] = [];
 * ```
 */
export type ComplaintContext = z.infer<typeof ComplaintContext>;

/** @internal The context before anything is received. */
export function emptyContext(policyId: string, enforceCode: boolean, fingerprint: string, jurisdiction: JurisdictionId = 'england'): ComplaintContext {
  return { policy: { id: policyId, enforceCode, fingerprint, ...(jurisdiction === 'england' ? {} : { jurisdiction }) }, letters: [], tracked: [], breaches: [], timers: [], notes: [], consentAwaited: false, ombudsman: {} };
}
