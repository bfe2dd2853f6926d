/**
 * A letter laid out as a document (title, sections, paragraphs, lists) before it becomes text or
 * HTML, so both formats say the same things in the same order. Sections follow the letter's parts
 * in the Code's order (see `parts.ts`).
 */
import { formatLetterDate, formatPounds } from './format.js';
import { HOUSING_OMBUDSMAN_NAME, type OmbudsmanContact } from './ombudsman.js';
import { letterParts } from './parts.js';
import type { ComplaintDefinition, Letter, Remedy } from './schemas.js';

/** @internal */
export type Block = { type: 'paragraph'; text: string } | { type: 'list'; items: string[] } | { type: 'address'; lines: string[] };

/** @internal */
export interface Section {
  heading: string;
  blocks: Block[];
}

/**
 * Who sends the letter, printed at its head and in the sign-off. Each detail is one line of text
 * (at most 200 characters, no line breaks, no control characters), as `renderLetter` checks.
 *
 * @example
 * ```ts
 * const landlord: LetterSender = { name: 'Peaks & Plains Housing Trust', address: ['Macclesfield', 'SK11 6BB'], signOff: 'Jo Smith, Complaints Team' };
 * ```
 */
export interface LetterSender {
  /** The landlord's name. */
  name: string;
  /** Address lines. */
  address?: string[];
  /** A phone number for the resident. */
  phone?: string;
  /** An email address for the resident. */
  email?: string;
  /** Who signs the letter; defaults to the landlord's complaints team. */
  signOff?: string;
}

/**
 * Who the letter is to. Each detail is one line of text, as for {@link LetterSender}.
 *
 * @example
 * ```ts
 * const resident: LetterRecipient = { name: 'Ms A Khan', address: ['Flat 2, 10 Mill Lane', 'Macclesfield'] };
 * ```
 */
export interface LetterRecipient {
  /** The resident's name, used in the salutation. */
  name: string;
  /** Address lines. */
  address?: string[];
}

/** @internal */
export interface LetterDocument {
  sender?: LetterSender;
  recipient?: LetterRecipient;
  date: string;
  reference: string;
  title: string;
  salutation: string;
  sections: Section[];
  signOff: string[];
}

const p = (text: string): Block => ({ type: 'paragraph', text });

/** A text field written by the landlord as paragraphs: blank lines separate them, single line breaks stay. */
function prose(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph, i, all) => p(i === all.length - 1 ? sentence(paragraph) : paragraph));
}
const list = (items: string[]): Block => ({ type: 'list', items });

const TITLES: Record<Letter['kind'], (letter: Letter) => string> = {
  acknowledgement: (l) => (l.kind === 'acknowledgement' && l.stage === 2 ? 'We have received your request for stage 2' : 'We have received your complaint'),
  'extension-notice': () => 'We need more time to respond to your complaint',
  'stage1-response': () => 'Our stage 1 response to your complaint',
  'stage2-response': () => 'Our stage 2 (final) response to your complaint',
  'decline-notice': () => 'We cannot accept your complaint',
  'escalation-refusal': () => 'We cannot take your complaint to stage 2',
};

const REMEDY_LABELS: Record<Remedy['kind'], string> = {
  apology: 'An apology',
  explanation: 'An explanation',
  action: 'Action to put things right',
  'decision-changed': 'A changed decision',
  'record-amended': 'A corrected record',
  financial: 'A payment',
  'policy-change': 'A change to our policies or practice',
};

const DECISIONS = { upheld: 'We have upheld your complaint.', 'partly-upheld': 'We have partly upheld your complaint.', 'not-upheld': 'We have not upheld your complaint.' };

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function definitionBlocks(definition: ComplaintDefinition): Block[] {
  return [
    p('Your complaint is about:'),
    list(definition.points.map((point) => point.summary)),
    p('You would like:'),
    list(definition.outcomesSought),
  ];
}

/** The ombudsman's details under `lead`; the Email line only when it takes email. */
function ombudsmanBlocks(contact: OmbudsmanContact, lead: string): Block[] {
  const email = contact.email !== undefined ? [`Email: ${contact.email}`] : [];
  return [p(lead), { type: 'address', lines: [contact.name, contact.address, `Phone: ${contact.phone}`, ...email, `Website: ${contact.website}`] }];
}

/** What the letter calls its ombudsman: the contact's own word for it, or the Housing Ombudsman (as under the Code). */
function ombudsmanNameOf(letter: Letter): string {
  return ('ombudsman' in letter ? letter.ombudsman?.calledInLetters : undefined) ?? HOUSING_OMBUDSMAN_NAME;
}

function remedyText(remedy: Remedy): string {
  const amount = remedy.amountPence !== undefined ? ` (${formatPounds(remedy.amountPence)})` : '';
  const due = remedy.dueOn ? ` By ${formatLetterDate(remedy.dueOn)}.` : '';
  return `${REMEDY_LABELS[remedy.kind]}${amount}: ${sentence(remedy.description)}${due}`;
}

/** The blocks of one part of a letter, or none when an optional part is absent; `ombudsman` is what the letter calls it. */
function partBlocks(letter: Letter, field: string, ombudsman: string): Block[] {
  const value = (letter as Record<string, unknown>)[field];
  if (value === undefined) return [];
  switch (letter.kind) {
    case 'acknowledgement':
      switch (field) {
        case 'stage':
          return [p(letter.stage === 1 ? 'We have logged your complaint at stage 1 of our complaints procedure.' : 'We have logged your request to take your complaint to stage 2 of our complaints procedure. Stage 2 is our final response.')];
        case 'definition':
          return [...definitionBlocks(letter.definition), p('If we have misunderstood anything, please tell us.')];
        case 'handler':
          return [p(`${letter.handler} is handling your complaint.`)];
        case 'respondBy':
          return [p(`We will send you our response by ${formatLetterDate(letter.respondBy)}.`)];
        case 'clarificationRequested':
          return prose(letter.clarificationRequested!);
        case 'notResponsibleFor':
          return [p('Some of what you raised is not our responsibility, so we will not investigate it:'), list(letter.notResponsibleFor!)];
        case 'ombudsman':
          return ombudsmanBlocks(letter.ombudsman!, `You can contact the ${ombudsman} at any time for help with your complaint:`);
      }
      break;
    case 'extension-notice':
      switch (field) {
        case 'stage':
          return [p(`Your complaint is at stage ${letter.stage} of our complaints procedure.`)];
        case 'reasons':
          return prose(letter.reasons);
        case 'newRespondBy':
          return [p(`We will now send you our response by ${formatLetterDate(letter.newRespondBy)}.`)];
        case 'goodReason':
          return prose(letter.goodReason!);
        case 'ombudsman':
          return ombudsmanBlocks(letter.ombudsman, `If you are unhappy with this extension, you can contact the ${ombudsman}:`);
      }
      break;
    case 'stage1-response':
    case 'stage2-response':
      switch (field) {
        case 'stage':
          return [p(letter.stage === 1 ? 'This is our stage 1 response to your complaint.' : 'This is our stage 2 response. It is our final response to your complaint.')];
        case 'definition':
          return definitionBlocks(letter.definition);
        case 'decision':
          return [p(DECISIONS[letter.decision])];
        case 'findings': {
          // One lookup per finding, not a search: a letter of n points lays out in time linear in n.
          const summaries = new Map(letter.definition.points.map((point) => [point.id, point.summary]));
          return letter.findings.flatMap((finding) => {
            const summary = summaries.get(finding.pointId)!;
            const refs = finding.references?.length ? [p(`We have referred to: ${finding.references.join('; ')}.`)] : [];
            return [p(`${sentence(summary)} ${finding.upheld ? 'We have upheld this.' : 'We have not upheld this.'}`), ...prose(finding.reasons), ...refs];
          });
        }
        case 'remedies':
          return letter.remedies.length ? [list(letter.remedies.map(remedyText))] : [p('We have not offered a remedy, because we did not find that anything went wrong.')];
        case 'outstandingActions':
          return letter.outstandingActions.length
            ? [list(letter.outstandingActions.map((a) => `${sentence(a.description)} By ${formatLetterDate(a.dueOn)}.`)), p('We will keep you updated until these are done.')]
            : [p('There is nothing left for us to do.')];
        case 'escalation':
          if (letter.kind !== 'stage1-response') break;
          return [
            p('If you are not satisfied with this response, you can ask us to take your complaint to stage 2. You do not have to tell us why.'),
            ...prose(letter.escalation.route),
            ...(letter.escalation.requestBy ? [p(`Please ask by ${formatLetterDate(letter.escalation.requestBy)}.`)] : []),
          ];
        case 'ombudsmanRoute':
          if (letter.kind !== 'stage2-response') break;
          return prose(letter.ombudsmanRoute);
        case 'ombudsman':
          return letter.kind === 'stage2-response'
            ? ombudsmanBlocks(letter.ombudsman, `You can contact the ${ombudsman}:`)
            : ombudsmanBlocks(letter.ombudsman!, `You can contact the ${ombudsman} at any time for help with your complaint:`);
      }
      break;
    case 'decline-notice':
    case 'escalation-refusal':
      if (field === 'reasons') return prose(letter.reasons);
      if (field === 'ombudsman') return ombudsmanBlocks(letter.ombudsman, `You have the right to ask the ${ombudsman} to look at this decision:`);
      break;
  }
  /* c8 ignore next */
  throw new Error(`No layout for ${letter.kind}.${field}`);
}

/** @internal Lays out a valid letter. */
export function layOut(letter: Letter, sender?: LetterSender, recipient?: LetterRecipient): LetterDocument {
  const stage = 'stage' in letter ? letter.stage : 1;
  const ombudsman = ombudsmanNameOf(letter);
  const sections = letterParts(letter.kind, stage, { ombudsman })
    .map((part) => ({ heading: part.title, blocks: partBlocks(letter, part.field, ombudsman) }))
    .filter((section) => section.blocks.length > 0);
  return {
    ...(sender ? { sender } : {}),
    ...(recipient ? { recipient } : {}),
    date: formatLetterDate(letter.sentOn),
    reference: letter.complaintId,
    title: TITLES[letter.kind](letter),
    salutation: `Dear ${recipient?.name ?? 'resident'},`,
    sections,
    signOff: ['Yours sincerely,', sender?.signOff ?? (sender ? `${sender.name} Complaints Team` : 'The Complaints Team')],
  };
}
