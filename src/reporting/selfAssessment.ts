/**
 * The annual self-assessment against the Complaint Handling Code 2024 (Code 8.1(a), 8.3): one row
 * per provision, in the layout landlords publish (Code provision, Code requirement, Comply,
 * Evidence, Commentary), as data, Markdown or CSV.
 */
import { InvalidInputError, typedErrors } from '../errors.js';
import { NotPlain, plainCopy } from '../plain.js';
import { conflictsOf, parsePolicy, type PolicyConflict } from '../policy/check.js';
import { policies } from '../policy/policies.js';
import { PROVISIONS, type CoverageKind, type Provision, type ProvisionSection } from '../policy/provisions.js';
import type { Policy } from '../policy/schema.js';

/**
 * How far a landlord complies with one provision: `'yes'`, `'no'`, `'partly'`, or
 * `'landlord-to-evidence'` for a duty outside the software that the landlord has not answered.
 *
 * @example
 * ```ts
 * const compliance: SelfAssessmentCompliance = 'landlord-to-evidence';
 * ```
 */
export type SelfAssessmentCompliance = 'yes' | 'no' | 'partly' | 'landlord-to-evidence';

/**
 * The landlord's own answer for one provision: its compliance, its evidence and its commentary,
 * each optional. Text is trimmed, at most 10,000 characters, without control characters other
 * than tabs and line breaks.
 *
 * @example
 * ```ts
 * const answer: LandlordEvidence = { compliance: 'yes', evidence: 'Complaints Coordinator role profile', commentary: 'Reviewed June 2024.' };
 * ```
 */
export interface LandlordEvidence {
  /** The landlord's answer. Cannot turn a provision the policy conflicts with into anything but `'no'`. */
  readonly compliance?: 'yes' | 'no' | 'partly';
  /** What shows it, e.g. a document or a web page. */
  readonly evidence?: string;
  /** Anything to explain. */
  readonly commentary?: string;
}

/**
 * The landlord's answers, by provision number (`'4.1'`); every key must be a number in
 * `PROVISIONS`.
 *
 * @example
 * ```ts
 * const evidence: SelfAssessmentEvidence = { '4.1': { compliance: 'yes', evidence: 'Complaints Coordinator role profile' } };
 * ```
 */
export type SelfAssessmentEvidence = { readonly [provision: string]: LandlordEvidence | undefined };

/**
 * One row of the self-assessment: one provision.
 *
 * @example
 * ```ts
 * const row: SelfAssessmentRow = selfAssessment(policies.code2024).rows[0];
 * row.provision; //=> '1.2'
 * row.compliance; //=> 'landlord-to-evidence'
 * ```
 */
export interface SelfAssessmentRow {
  /** The provision's number, e.g. `'6.13'`. */
  readonly provision: string;
  /** Its section of the Code. */
  readonly section: ProvisionSection;
  /** What it requires, in the library's words. */
  readonly requirement: string;
  /** How the library covers it. */
  readonly coverage: CoverageKind;
  /** Whether the landlord complies. */
  readonly compliance: SelfAssessmentCompliance;
  /** The library's evidence, then the landlord's. */
  readonly evidence: string;
  /** Conflicts with the Code, the policy's values, what is left to the landlord, and the landlord's commentary. */
  readonly commentary: string;
}

/**
 * A self-assessment of a policy against the Code 2024.
 *
 * @example
 * ```ts
 * const assessment: SelfAssessment = selfAssessment(policies.peaksPlainsV4);
 * assessment.policy.id; //=> 'peaks-plains-v4'
 * assessment.rows.length; //=> 72
 * ```
 */
export interface SelfAssessment {
  /** The policy assessed. */
  readonly policy: {
    /** The policy's id. */
    readonly id: string;
    /** The policy's name. */
    readonly name: string;
  };
  /** One row per provision, in the Code's order. */
  readonly rows: readonly SelfAssessmentRow[];
  /** How many conflicts `checkPolicy` finds in the policy (one row may have several). */
  readonly conflicts: number;
  /** How many rows have each compliance. */
  readonly summary: Readonly<Record<SelfAssessmentCompliance, number>>;
}

const CODE = policies.code2024;
const COMPLIANCES: readonly SelfAssessmentCompliance[] = ['yes', 'no', 'partly', 'landlord-to-evidence'];
const ANSWERS = ['yes', 'no', 'partly'] as const;
const NUMBERS = new Set(PROVISIONS.map((p) => p.number));
/** The longest text a landlord may give for one field. */
const MAX_TEXT = 10_000;

type Answer = { compliance?: LandlordEvidence['compliance']; evidence?: string; commentary?: string };

/**
 * The self-assessment of `policy` against the Code 2024, one row per provision of `PROVISIONS`.
 *
 * - Every conflict `checkPolicy` finds makes its provision's row `'no'`, with the conflict's message
 *   in the commentary and whether the machine follows the Code there anyway (with the Code
 *   enforced) or the policy; conflicts on one provision are joined.
 * - Other provisions the library covers (a rule, a letter rule, a record field, a report or a
 *   policy check) are `'yes'`, with the library's evidence. A `'yes'` speaks for the complaints
 *   the landlord runs through the library; what a provision still leaves to the landlord is in the
 *   commentary.
 * - Provisions outside the software are `'landlord-to-evidence'` until `evidence` answers them.
 *
 * The landlord's `evidence` may answer any provision, and its evidence and commentary are added
 * to the row's. It may not hide a conflict: a row with a conflict stays `'no'` whatever the
 * landlord answers, and the commentary says the answer was not taken. Only changing the policy
 * clears it.
 *
 * @param policy - the policy to assess (read once and validated)
 * @param evidence - the landlord's answers, by provision number (read once, into a copy)
 * @returns the rows, the policy's id and name, the number of conflicts, and a count by compliance
 * @throws `InvalidPolicyError` for a malformed or unreadable policy
 * @throws `InvalidInputError` for malformed `evidence`: an unknown provision number, a field of the
 *   wrong type, text too long, or a value that cannot be read; `path` names it, e.g.
 *   `evidence['6.2'].compliance`
 *
 * @example
 * ```ts
 * const assessment = selfAssessment(policies.peaksPlainsV4);
 * assessment.rows.filter((r) => r.compliance === 'no').map((r) => r.provision); //=> ['2.2', '2.3', '5.2', '5.11', '6.4', '6.5', '6.12', '6.15', '6.16']
 * assessment.rows.find((r) => r.provision === '6.13').compliance; //=> 'yes'
 * selfAssessment(policies.code2024).summary; //=> { yes: 33, no: 0, partly: 0, 'landlord-to-evidence': 39 }
 *
 * const answered = selfAssessment(policies.peaksPlainsV4, { '4.1': { compliance: 'yes', evidence: 'Role profile' }, '2.3': { compliance: 'yes' } });
 * answered.rows.find((r) => r.provision === '4.1').compliance; //=> 'yes'
 * answered.rows.find((r) => r.provision === '2.3').compliance; //=> 'no'
 * selfAssessment(policies.code2024, { '10.1': { compliance: 'yes' } }); // throws InvalidInputError
 * ```
 */
export function selfAssessment(policy: Policy, evidence?: SelfAssessmentEvidence): SelfAssessment {
  const parsed = parsePolicy(policy);
  const answers = readEvidence(evidence);
  const conflicts = conflictsOf(parsed);
  const rows = PROVISIONS.map((provision) =>
    assess(
      provision,
      parsed,
      conflicts.filter((c) => c.provision === provision.number),
      answers.get(provision.number),
    ),
  );
  const summary = { yes: 0, no: 0, partly: 0, 'landlord-to-evidence': 0 };
  for (const row of rows) summary[row.compliance]++;
  return { policy: { id: parsed.id, name: parsed.name }, rows, conflicts: conflicts.length, summary };
}

function assess(provision: Provision, policy: Policy, conflicts: readonly PolicyConflict[], answer: Answer | undefined): SelfAssessmentRow {
  const { coverage } = provision;
  const notes = conflicts.map(conflictNote);
  let compliance: SelfAssessmentCompliance = conflicts.length > 0 ? 'no' : coverage.kind === 'landlord' ? 'landlord-to-evidence' : 'yes';
  if (answer?.compliance !== undefined) {
    if (conflicts.length === 0) compliance = answer.compliance;
    else if (answer.compliance !== 'no') notes.push(`The landlord's answer ('${answer.compliance}') is not taken: a conflict of the policy with the Code stays a "no" until the policy changes.`);
  }
  if (coverage.policyFields.length > 0) {
    notes.push(`Under this policy: ${coverage.policyFields.map((field) => `${field} = ${shown(valueAt(policy, field))} (Code 2024: ${shown(valueAt(CODE, field))})`).join('; ')}.`);
  }
  if (coverage.landlordPart !== undefined) {
    if (coverage.kind !== 'landlord') notes.push(`Left to the landlord: ${coverage.landlordPart}`);
    else if (compliance === 'landlord-to-evidence') notes.push(`For the landlord to evidence: ${coverage.landlordPart}`);
  }
  if (answer?.commentary !== undefined) notes.push(`Landlord: ${answer.commentary}`);
  return {
    provision: provision.number,
    section: { number: provision.section.number, title: provision.section.title },
    requirement: provision.summary,
    coverage: coverage.kind,
    compliance,
    evidence: answer?.evidence !== undefined ? `${coverage.evidence} Landlord's evidence: ${answer.evidence}` : coverage.evidence,
    commentary: notes.join(' '),
  };
}

function conflictNote(conflict: PolicyConflict): string {
  const enforced = conflict.givesWay
    ? 'With the Code enforced (the default) the machine follows the Code here and notes that the policy rule gave way; run as written (enforceCode: false) it follows the policy.'
    : 'The machine follows the policy here even with the Code enforced: the policy must change.';
  return `Conflict (${conflict.policyRule}): ${conflict.message} ${enforced}`;
}

/** The value of a policy field by its dotted path, e.g. `'stage1.acknowledgeWithin'`. */
function valueAt(policy: Policy, field: string): unknown {
  let value: unknown = policy;
  for (const key of field.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function shown(value: unknown): string {
  if (value === undefined) return 'not set';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((item) => (typeof item === 'object' && item !== null ? timerText(item as Policy['timers'][number]) : String(item))).join('; ');
  }
  return String(value);
}

function timerText(timer: Policy['timers'][number]): string {
  return `${timer.id} (${timer.workingDays} working days, policy ${timer.reference})`;
}

/** `evidence['6.2'].compliance`: the path of a value inside the evidence map. */
function evidencePath(path: readonly (string | number)[]): string {
  const [provision, ...rest] = path;
  if (provision === undefined) return 'evidence';
  const quoted = `'${String(provision).slice(0, 40).replace(/[\\']/g, '\\$&')}'`;
  return `evidence[${quoted}]${rest.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key.slice(0, 40)}`)).join('')}`;
}

const MAP_EXPECTED = 'undefined or a plain object of answers by provision number, each { compliance?, evidence?, commentary? }';
const ENTRY_EXPECTED = 'undefined or { compliance?, evidence?, commentary? }';
const TEXT_EXPECTED = `undefined or text: not empty once trimmed, at most ${MAX_TEXT.toLocaleString('en-GB')} characters, no control characters but tabs and line breaks`;
/** Control characters other than tab, line feed and carriage return, and unpaired surrogates. */
const BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Reads the landlord's answers once, into a copy, and validates the copy. Throws only {@link InvalidInputError}. */
function readEvidence(value: unknown): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  if (value === undefined) return answers;
  const copy = typedErrors('evidence', value, MAP_EXPECTED, () => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.prototype.toString.call(value) !== '[object Object]') {
      throw new InvalidInputError('evidence', value, MAP_EXPECTED);
    }
    try {
      return plainCopy(value, { maxDepth: 2, maxValues: 1_000 }) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof NotPlain) throw new InvalidInputError(evidencePath(error.path), error.value, `readable plain data (it ${error.reason})`);
      throw error;
    }
  });
  for (const key of Object.keys(copy)) {
    const at = evidencePath([key]);
    if (!NUMBERS.has(key)) throw new InvalidInputError(at, key, `a provision number of the Code 2024 listed in PROVISIONS (${PROVISIONS[0]!.number} to ${PROVISIONS.at(-1)!.number})`);
    const entry = copy[key];
    if (entry === undefined) continue;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InvalidInputError(at, entry, ENTRY_EXPECTED);
    const fields = entry as Record<string, unknown>;
    const answer: Answer = {};
    for (const field of Object.keys(fields)) {
      const found = fields[field];
      const path = evidencePath([key, field]);
      if (field === 'compliance') {
        if (found === undefined) continue;
        const compliance = ANSWERS.find((a) => a === found);
        if (compliance === undefined) throw new InvalidInputError(path, found, `undefined, 'yes', 'no' or 'partly'`);
        answer.compliance = compliance;
      } else if (field === 'evidence' || field === 'commentary') {
        if (found === undefined) continue;
        if (typeof found !== 'string' || found.length > MAX_TEXT || BAD_TEXT.test(found) || found.trim() === '') throw new InvalidInputError(path, found, TEXT_EXPECTED);
        answer[field] = found.trim();
      } else {
        throw new InvalidInputError(path, found, 'no such field (compliance, evidence, commentary)');
      }
    }
    answers.set(key, answer);
  }
  return answers;
}

/** The words of the "Comply" column, as landlords' self-assessments use them. */
const COMPLY_LABEL: Record<SelfAssessmentCompliance, string> = {
  yes: 'Yes',
  no: 'No',
  partly: 'Partly',
  'landlord-to-evidence': 'For the landlord to evidence',
};

const COLUMNS = ['Code provision', 'Code requirement', 'Comply: Yes / No', 'Evidence', 'Commentary / explanation'] as const;

/** The longest text of one field of an assessment given to the formatters. */
const MAX_FIELD = 100_000;
const ASSESSMENT_EXPECTED = 'a self-assessment made by selfAssessment';

/** What the formatters use of an assessment. */
interface Printable {
  readonly policy: { readonly id: string; readonly name: string };
  readonly rows: readonly Omit<SelfAssessmentRow, 'coverage'>[];
  readonly conflicts: number;
  readonly summary: Readonly<Record<SelfAssessmentCompliance, number>>;
}

/** Reads an assessment given to a formatter once, into a copy, and checks what the formatters use. */
function readAssessment(value: unknown): Printable {
  return typedErrors('assessment', value, ASSESSMENT_EXPECTED, () => {
    let copy: unknown;
    try {
      copy = plainCopy(value, { maxDepth: 4, maxValues: 20_000 });
    } catch (error) {
      if (error instanceof NotPlain) throw new InvalidInputError(['assessment', ...error.path.map((key) => String(key).slice(0, 40))].join('.'), error.value, `readable plain data (it ${error.reason})`);
      throw error;
    }
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    const text = (v: unknown, path: string, max = MAX_FIELD): string => {
      if (typeof v !== 'string' || v.length > max) throw new InvalidInputError(path, v, `text of at most ${max.toLocaleString('en-GB')} characters`);
      return v;
    };
    if (!isObject(copy)) throw new InvalidInputError('assessment', value, ASSESSMENT_EXPECTED);
    const { policy, rows, conflicts } = copy;
    if (!isObject(policy)) throw new InvalidInputError('assessment.policy', policy, '{ id, name }');
    if (typeof conflicts !== 'number' || !Number.isInteger(conflicts) || conflicts < 0) throw new InvalidInputError('assessment.conflicts', conflicts, 'a whole number, 0 or more');
    if (!Array.isArray(rows) || rows.length > 1_000) throw new InvalidInputError('assessment.rows', rows, 'an array of at most 1,000 rows');
    const read = rows.map((row: unknown, i): Printable['rows'][number] => {
      const at = `assessment.rows.${i}`;
      if (!isObject(row)) throw new InvalidInputError(at, row, 'a row of a self-assessment');
      const { section } = row;
      if (!isObject(section) || typeof section.number !== 'number' || !Number.isInteger(section.number)) throw new InvalidInputError(`${at}.section`, section, '{ number, title }');
      const compliance = COMPLIANCES.find((c) => c === row.compliance);
      if (compliance === undefined) throw new InvalidInputError(`${at}.compliance`, row.compliance, `one of ${COMPLIANCES.join(', ')}`);
      return {
        provision: text(row.provision, `${at}.provision`, 20),
        section: { number: section.number, title: text(section.title, `${at}.section.title`, 200) },
        requirement: text(row.requirement, `${at}.requirement`),
        compliance,
        evidence: text(row.evidence, `${at}.evidence`),
        commentary: text(row.commentary, `${at}.commentary`),
      };
    });
    const summary = { yes: 0, no: 0, partly: 0, 'landlord-to-evidence': 0 };
    for (const row of read) summary[row.compliance]++;
    return { policy: { id: text(policy.id, 'assessment.policy.id', 1_000), name: text(policy.name, 'assessment.policy.name', 1_000) }, rows: read, conflicts, summary };
  });
}

/** Rows grouped by section, in order: a new group each time the section changes. */
function bySection<R extends { readonly section: ProvisionSection }>(rows: readonly R[]): { section: ProvisionSection; rows: R[] }[] {
  const groups: { section: ProvisionSection; rows: R[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.section.number === row.section.number && last.section.title === row.section.title) last.rows.push(row);
    else groups.push({ section: row.section, rows: [row] });
  }
  return groups;
}

/**
 * Text for a Markdown table cell (or a heading): `&`, `<` and `>` as entities, so no HTML gets
 * through; `\` and `|` escaped with a backslash, so a cell cannot end early; each line break as
 * `<br>`.
 */
function markdownText(text: string): string {
  return text
    .replace(/[&<>\\|]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\\': '\\\\', '|': '\\|' })[c]!)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * The self-assessment as Markdown: a title, the policy and the counts, then a heading per section
 * of the Code (`## Section 6: Complaints Stages`), each with a table in the self-assessment form's
 * columns: Code provision, Code requirement, Comply: Yes / No (Yes, No, Partly or For the landlord
 * to evidence), Evidence, Commentary / explanation.
 *
 * Every cell is escaped: `|` and `\` with a backslash, `&`, `<` and `>` as HTML entities (so a
 * landlord's text cannot inject HTML), and line breaks as `<br>`. Ends with a line break.
 *
 * @param assessment - what {@link selfAssessment} returned
 * @returns the Markdown text
 * @throws `InvalidInputError` at `assessment...` when given something else
 *
 * @example
 * ```ts
 * const markdown = selfAssessmentToMarkdown(selfAssessment(policies.code2024));
 * markdown.split('\n')[0]; //=> '# Self-assessment against the Complaint Handling Code 2024'
 * markdown.includes('## Section 6: Complaints Stages'); //=> true
 * markdown.includes('| 6.13 | Stage 2 must be considered by someone other than the person who considered stage 1. | Yes |'); //=> true
 * ```
 */
export function selfAssessmentToMarkdown(assessment: SelfAssessment): string {
  const { policy, rows, conflicts, summary } = readAssessment(assessment);
  const counts = COMPLIANCES.map((c) => `${COMPLY_LABEL[c]}: ${summary[c]}`).join(', ');
  const lines = [
    '# Self-assessment against the Complaint Handling Code 2024',
    '',
    `Policy: ${markdownText(policy.name)} (id: ${markdownText(policy.id)}).`,
    '',
    `${counts}. Conflicts of the policy with the Code: ${conflicts}.`,
  ];
  for (const group of bySection(rows)) {
    lines.push('', `## Section ${group.section.number}: ${markdownText(group.section.title)}`, '', `| ${COLUMNS.join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`);
    for (const row of group.rows) {
      lines.push(`| ${[row.provision, row.requirement, COMPLY_LABEL[row.compliance], row.evidence, row.commentary].map(markdownText).join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A CSV field (RFC 4180), safe to open in a spreadsheet: no formula, quoted when it must be. */
function csvField(text: string): string {
  // A cell a spreadsheet would read as a formula gets a leading apostrophe (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The self-assessment as CSV (RFC 4180): a header row, then one record per provision, in the
 * self-assessment form's columns with a leading `Section` column (`Section 6: Complaints Stages`)
 * so the rows can be filtered by section: Section, Code provision, Code requirement, Comply:
 * Yes / No (Yes, No, Partly or For the landlord to evidence), Evidence, Commentary / explanation.
 *
 * Records end with CRLF, the last one too; a field with a comma, a double quote or a line break
 * is quoted, its quotes doubled. A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so a spreadsheet shows it as text rather than running it as a formula.
 * UTF-8 without a byte order mark: add `'\uFEFF'` in front for Excel to detect it. Spreadsheets
 * read a provision such as `6.10` as the number 6.1 unless the column is imported as text.
 *
 * @param assessment - what {@link selfAssessment} returned
 * @returns the CSV text
 * @throws `InvalidInputError` at `assessment...` when given something else
 *
 * @example
 * ```ts
 * const csv = selfAssessmentToCsv(selfAssessment(policies.code2024));
 * csv.split('\r\n')[0]; //=> 'Section,Code provision,Code requirement,Comply: Yes / No,Evidence,Commentary / explanation'
 * csv.split('\r\n')[1].startsWith('Section 1: Definition of a complaint,1.2,"A complaint is any expression'); //=> true
 * ```
 */
export function selfAssessmentToCsv(assessment: SelfAssessment): string {
  const { rows } = readAssessment(assessment);
  const records = [
    ['Section', ...COLUMNS],
    ...rows.map((row) => [`Section ${row.section.number}: ${row.section.title}`, row.provision, row.requirement, COMPLY_LABEL[row.compliance], row.evidence, row.commentary]),
  ];
  return records.map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}
