import type { Region } from '../calendar/regions.js';
import { responseDue, ukDayOf } from './rules.js';
import { InvalidInputError, typedErrors } from '../errors.js';
import { HOUSING_OMBUDSMAN, SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN, type OmbudsmanContact } from '../letters/ombudsman.js';
import { LETTER_KINDS, type LetterKind } from '../letters/parts.js';
import type { Letter } from '../letters/schemas.js';
import { snapshotEnv, type ComplaintSnapshot } from './machine.js';

/**
 * A letter of `kind` as far as the record can fill it in: the host completes the rest (the
 * handler, the findings, the reasons) and sends it with its event. Every date and every list the
 * machine knows is already there.
 *
 * @example
 * ```ts
 * const draft: LetterDraft<'decline-notice'> = { kind: 'decline-notice', complaintId: 'C-1', sentOn: '2025-01-06' };
 * ```
 */
export type LetterDraft<K extends LetterKind = LetterKind> = {
  [P in Exclude<keyof Extract<Letter, Record<'kind', K>>, 'kind' | 'complaintId' | 'sentOn'>]?: Extract<Letter, Record<'kind', K>>[P] extends readonly unknown[]
    ? Extract<Letter, Record<'kind', K>>[P]
    : Extract<Letter, Record<'kind', K>>[P] extends object
      ? Partial<Extract<Letter, Record<'kind', K>>[P]>
      : Extract<Letter, Record<'kind', K>>[P];
} & {
  /** Which letter. */
  kind: K;
  /** The landlord's reference for the complaint. */
  complaintId: string;
  /** The UK date it will be sent, `'YYYY-MM-DD'`: send it with an event of that day. */
  sentOn: string;
};

/**
 * Options of {@link draftLetter}.
 *
 * @example
 * ```ts
 * const options: DraftLetterOptions = { now: '2025-01-07T09:00:00Z' };
 * ```
 */
export interface DraftLetterOptions {
  /** When the letter will be sent: an instant or a UK date (default: the day of the last event). */
  readonly now?: string | Date;
  /** The Ombudsman's contact details to give (default: the policy's jurisdiction's, {@link HOUSING_OMBUDSMAN} or {@link SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN}). */
  readonly ombudsman?: OmbudsmanContact;
}

/**
 * Drafts a letter from a complaint's record: the stage, the complaint definition, the response date
 * the machine will count, every remedy and action still open, the date to ask for stage 2 by under
 * a policy with a window, and the Ombudsman's details. A host should never have to copy a date
 * from the machine into a letter by hand; it completes what only it knows, and sends the letter
 * with its event (`ACKNOWLEDGE`, `EXTEND`, `RESPOND`, `DECLINE`, `REFUSE_ESCALATION`), dated `now`.
 *
 * @param snapshot - a snapshot of a complaint machine, after `RECEIVE`
 * @param kind - which letter
 * @param options - `now`, when it will be sent; `ombudsman`, other contact details
 * @returns a {@link LetterDraft}
 * @throws {@link InvalidInputError} for an unknown kind, a complaint not yet received, or a bad `now`
 *
 * @example
 * ```ts
 * const machine = createComplaintMachine();
 * const { snapshot } = replay(machine, [
 *   { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
 * ]);
 * const draft = draftLetter(snapshot, 'acknowledgement', { now: '2025-01-07T09:00:00Z' });
 * draft.respondBy; //=> '2025-01-21'
 * draft.stage; //=> 1
 * ```
 */
export function draftLetter<K extends LetterKind>(snapshot: ComplaintSnapshot, kind: K, options: DraftLetterOptions = {}): LetterDraft<K> {
  return typedErrors('snapshot', snapshot, 'a complaint snapshot and plain options', () => compose(snapshot, kind, options ?? {}));
}

function compose<K extends LetterKind>(snapshot: ComplaintSnapshot, kind: K, options: DraftLetterOptions): LetterDraft<K> {
  const env = snapshotEnv(snapshot, 'draftLetter');
  if (!(LETTER_KINDS as readonly unknown[]).includes(kind)) throw new InvalidInputError('kind', kind, `one of ${LETTER_KINDS.join(', ')}`);
  const { context } = snapshot;
  if (!context.complaint || !context.stage1) throw new InvalidInputError('snapshot', 'a new complaint', 'a complaint that has been received (RECEIVE)');
  const sentOn = ukDayOf(options.now ?? context.lastEventAt, 'now');
  const calendar = env.calendar(context.complaint.region as Region);
  const stage: 1 | 2 = context.stage2 ? 2 : 1;
  // The resident's ombudsman under the policy's jurisdiction, unless the host gives other details.
  const ombudsman = { ...(options.ombudsman ?? (env.policy.jurisdiction === 'scotland' ? SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN : HOUSING_OMBUDSMAN)) };
  const base = { kind, complaintId: context.complaint.id, sentOn };
  // An open item keeps its date while it is still ahead; an overdue one is left for the host to re-date.
  const open = context.tracked.filter((item) => !item.completedOn).map((item) => ({ description: item.description, ...(item.dueOn && item.dueOn >= sentOn ? { dueOn: item.dueOn } : {}) }));
  const definition = context.definition ? { definition: structuredClone(context.definition) } : {};
  let draft: Record<string, unknown>;
  switch (kind as LetterKind) {
    case 'acknowledgement':
      draft = {
        ...base,
        stage,
        ...definition,
        // What the machine will count from an acknowledgement sent that day (6.3, 6.14).
        respondBy: responseDue(env, context.complaint.region, sentOn, stage, (stage === 1 ? context.stage1 : context.stage2)?.requestedOn ?? sentOn),
        ombudsman,
      };
      break;
    case 'extension-notice':
      draft = { ...base, stage, ombudsman };
      break;
    case 'stage1-response':
    case 'stage2-response': {
      const window = env.policy.escalationWindow;
      draft = {
        ...base,
        stage: kind === 'stage1-response' ? 1 : 2,
        ...definition,
        outstandingActions: open,
        // Left for the host to fill in when the window would end after the last date the clock covers.
        ...(kind === 'stage1-response' && window !== undefined && calendar.workingDaysBetween(sentOn, calendar.coveredThrough) >= window ? { escalation: { requestBy: calendar.addWorkingDays(sentOn, window) } } : {}),
        ombudsman,
      };
      break;
    }
    default:
      draft = { ...base, ombudsman };
  }
  return draft as LetterDraft<K>;
}
