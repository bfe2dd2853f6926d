/**
 * The self-assessment against the Code 2024 (8.1(a), 8.3): a row per provision, every conflict
 * checkPolicy finds as a "no" that the landlord's evidence cannot hide, and Markdown and CSV in the
 * self-assessment form's columns that read back to the same rows.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidInputError, isInvalidInputError } from '../../src/errors.js';
import { checkPolicy, isInvalidPolicyError, policies, type Policy } from '../../src/policy/index.js';
import { PROVISIONS } from '../../src/policy/provisions.js';
import {
  selfAssessment,
  selfAssessmentToCsv,
  selfAssessmentToMarkdown,
  type SelfAssessment,
  type LandlordEvidence,
  type SelfAssessmentEvidence,
  type SelfAssessmentRow,
} from '../../src/reporting/selfAssessment.js';
import { eachHostile, flipping, outcome } from '../support/hostileValues.js';

const rowOf = (assessment: SelfAssessment, provision: string): SelfAssessmentRow => {
  const row = assessment.rows.find((r) => r.provision === provision);
  if (!row) throw new Error(`no row ${provision}`);
  return row;
};

const LABELS: Record<SelfAssessmentRow['compliance'], string> = { yes: 'Yes', no: 'No', partly: 'Partly', 'landlord-to-evidence': 'For the landlord to evidence' };

/** Text that tries to break out of a Markdown table or a CSV record. */
const NASTY = 'a | b \\| c, "quoted"\nline 2\r\nline 3 <script>alert(1)</script> &amp; <br> done';

/** A policy whose stage 1 extension conflicts twice with 6.4: a longer limit, and community discretion. */
const twiceOn64: Policy = { ...policies.code2024, id: 'twice', name: 'Twice on 6.4', stage1: { ...policies.code2024.stage1, extensionLimit: 15 }, communityMayExtend: true };

describe('selfAssessment(policy)', () => {
  it('has one row per provision, in the order of PROVISIONS, with its section and summary', () => {
    const assessment = selfAssessment(policies.code2024);
    expect(assessment.rows.map((r) => r.provision)).toEqual(PROVISIONS.map((p) => p.number));
    assessment.rows.forEach((row, i) => {
      expect(row.requirement).toBe(PROVISIONS[i]!.summary);
      expect(row.section).toEqual(PROVISIONS[i]!.section);
      expect(row.coverage).toBe(PROVISIONS[i]!.coverage.kind);
      expect(row.evidence).toBe(PROVISIONS[i]!.coverage.evidence);
    });
    expect(assessment.policy).toEqual({ id: 'code-2024', name: policies.code2024.name });
  });

  it('finds the Code itself compliant: "yes" where the library covers a provision, the rest for the landlord to evidence', () => {
    const assessment = selfAssessment(policies.code2024);
    expect(assessment.conflicts).toBe(0);
    expect(assessment.rows.filter((r) => r.compliance === 'no')).toEqual([]);
    for (const row of assessment.rows) expect(row.compliance, row.provision).toBe(row.coverage === 'landlord' ? 'landlord-to-evidence' : 'yes');
    expect(assessment.summary).toEqual({ yes: 33, no: 0, partly: 0, 'landlord-to-evidence': 39 });
  });

  it('shows a "no" row for every provision checkPolicy finds Peaks & Plains V4 in conflict with, and only those', () => {
    const conflicts = checkPolicy(policies.peaksPlainsV4);
    const assessment = selfAssessment(policies.peaksPlainsV4);
    expect(conflicts.length).toBeGreaterThan(2);
    expect(assessment.conflicts).toBe(conflicts.length);
    expect(assessment.rows.filter((r) => r.compliance === 'no').map((r) => r.provision)).toEqual([...new Set(conflicts.map((c) => c.provision))]);
    for (const conflict of conflicts) {
      const row = rowOf(assessment, conflict.provision);
      expect(row.commentary).toContain(conflict.message);
      expect(row.commentary).toContain(conflict.policyRule);
      expect(row.commentary).toContain(conflict.givesWay ? 'the machine follows the Code here' : 'follows the policy here even with the Code enforced');
    }
    const summary = assessment.summary;
    expect(summary.no).toBe(new Set(conflicts.map((c) => c.provision)).size);
    expect(summary.yes + summary.no + summary.partly + summary['landlord-to-evidence']).toBe(PROVISIONS.length);
  });

  it('joins the conflicts that share a provision, in checkPolicy’s order', () => {
    const conflicts = checkPolicy(twiceOn64).filter((c) => c.provision === '6.4');
    expect(conflicts.map((c) => c.policyRule)).toEqual(['stage1.extensionLimit', 'communityMayExtend']);
    const { commentary } = rowOf(selfAssessment(twiceOn64), '6.4');
    const at = conflicts.map((c) => commentary.indexOf(c.message));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at[0]).toBeLessThan(at[1]!);
    expect(rowOf(selfAssessment(twiceOn64), '6.15').compliance).toBe('no');
  });

  it('shows the policy’s values beside the Code’s for the fields that bear on a provision', () => {
    expect(rowOf(selfAssessment(policies.peaksPlainsV4), '2.3').commentary).toContain('exclusions.timeLimitMonths = 6 (Code 2024: 12)');
    expect(rowOf(selfAssessment(policies.code2024), '6.2').commentary).toContain('stage1.acknowledgeWithin = 5 (Code 2024: 5)');
    expect(rowOf(selfAssessment(policies.peaksPlainsV4), '6.1').commentary).toContain('quick-fix (2 working days, policy 6.1.1)');
  });

  it('gives 8.1(a) its rows for any valid policy, and refuses a malformed one with InvalidPolicyError', () => {
    const strict = { ...policies.code2024, id: 'strict', stage1: { acknowledgeWithin: 3, respondWithin: 8, extensionLimit: 5 } };
    expect(selfAssessment(strict).summary.no).toBe(0);
    for (const bad of [{ id: 'x' }, null, undefined, 'code-2024']) {
      const result = outcome(() => selfAssessment(bad as never));
      expect(result.returned).toBe(false);
      if (!result.returned) expect(isInvalidPolicyError(result.error)).toBe(true);
    }
  });

  it('has the types of its contract', () => {
    expectTypeOf(selfAssessment).parameters.toEqualTypeOf<[Policy, SelfAssessmentEvidence?]>();
    expectTypeOf(selfAssessment).returns.toEqualTypeOf<SelfAssessment>();
    expectTypeOf<SelfAssessmentRow['compliance']>().toEqualTypeOf<'yes' | 'no' | 'partly' | 'landlord-to-evidence'>();
  });
});

describe('the landlord’s evidence', () => {
  it('answers a provision outside the software, adding its evidence and commentary', () => {
    const assessment = selfAssessment(policies.code2024, {
      '4.1': { compliance: 'yes', evidence: '  Complaints Coordinator role profile  ', commentary: 'Reviewed in June 2024.' },
      '5.10': { compliance: 'partly', commentary: 'Adjustments are recorded; disabilities not yet.' },
      '9.5': { compliance: 'no' },
      '3.1': { evidence: 'Channels listed on the website' },
    });
    const officer = rowOf(assessment, '4.1');
    expect(officer.compliance).toBe('yes');
    expect(officer.evidence).toBe(`${PROVISIONS.find((p) => p.number === '4.1')!.coverage.evidence} Landlord's evidence: Complaints Coordinator role profile`);
    expect(officer.commentary).toBe('Landlord: Reviewed in June 2024.');
    expect(rowOf(assessment, '5.10').compliance).toBe('partly');
    expect(rowOf(assessment, '9.5').compliance).toBe('no');
    // Evidence without an answer leaves the provision to be answered.
    expect(rowOf(assessment, '3.1')).toMatchObject({ compliance: 'landlord-to-evidence', evidence: expect.stringContaining('Channels listed on the website') });
    expect(assessment.summary).toEqual({ yes: 34, no: 1, partly: 1, 'landlord-to-evidence': 36 });
    expect(assessment.conflicts).toBe(0);
  });

  it('may qualify a provision the library covers', () => {
    const row = rowOf(selfAssessment(policies.code2024, { '6.2': { compliance: 'partly', commentary: 'Two teams still log complaints by email.' } }), '6.2');
    expect(row).toMatchObject({ compliance: 'partly', commentary: expect.stringContaining('Landlord: Two teams still log complaints by email.') });
  });

  it('cannot hide a conflict: the row stays "no", and the commentary keeps the conflict and says the answer was not taken', () => {
    const conflicts = checkPolicy(policies.peaksPlainsV4);
    const evidence = Object.fromEntries(conflicts.map((c) => [c.provision, { compliance: 'yes' as const, evidence: 'Complaints policy 4.2', commentary: 'We accept complaints within 12 months.' }]));
    const assessment = selfAssessment(policies.peaksPlainsV4, evidence);
    expect(assessment.rows.filter((r) => r.compliance === 'no').map((r) => r.provision)).toEqual([...new Set(conflicts.map((c) => c.provision))]);
    for (const conflict of conflicts) {
      const row = rowOf(assessment, conflict.provision);
      expect(row.commentary).toContain(conflict.message);
      expect(row.commentary).toContain("The landlord's answer ('yes') is not taken");
      expect(row.commentary).toContain('Landlord: We accept complaints within 12 months.');
      expect(row.evidence).toContain("Landlord's evidence: Complaints policy 4.2");
    }
    expect(rowOf(selfAssessment(policies.peaksPlainsV4, { '2.3': { compliance: 'partly' } }), '2.3').compliance).toBe('no');
    expect(rowOf(selfAssessment(policies.peaksPlainsV4, { '2.3': { compliance: 'no' } }), '2.3').commentary).not.toContain('not taken');
  });

  it('accepts an empty map, entries left undefined, and 10,000 characters of text', () => {
    const plain = selfAssessment(policies.code2024);
    expect(selfAssessment(policies.code2024, {})).toEqual(plain);
    expect(selfAssessment(policies.code2024, { '4.1': undefined, '4.2': {} })).toEqual(plain);
    expect(rowOf(selfAssessment(policies.code2024, { '4.1': { evidence: 'x'.repeat(10_000) } }), '4.1').evidence).toContain('x'.repeat(10_000));
  });

  it('reads each value once, into a copy, and changes nothing it was given', () => {
    const entry = flipping({}, 'compliance', 'yes', 'banana');
    expect(rowOf(selfAssessment(policies.code2024, { '4.1': entry as LandlordEvidence }), '4.1').compliance).toBe('yes');
    expect(entry.reads()).toBe(1);
    const evidence = { '4.1': { compliance: 'yes', evidence: 'Role profile' } } as const;
    const before = structuredClone(evidence);
    selfAssessment(policies.code2024, Object.freeze(evidence));
    expect(evidence).toEqual(before);
  });
});

describe('malformed evidence gives an InvalidInputError naming the path, and nothing else', () => {
  const refused = (evidence: unknown, path: string) => {
    const result = outcome(() => selfAssessment(policies.code2024, evidence as SelfAssessmentEvidence));
    expect(result.returned, path).toBe(false);
    if (result.returned) return;
    expect(result.error).toBeInstanceOf(InvalidInputError);
    expect(isInvalidInputError(result.error)).toBe(true);
    expect((result.error as InvalidInputError).path).toBe(path);
    expect((result.error as Error).message.length).toBeLessThan(400);
  };

  it('refuses an unknown provision number, a field of the wrong type, an unknown field, and bad text', () => {
    refused({ '10.1': { compliance: 'yes' } }, "evidence['10.1']");
    refused({ '9.9': { compliance: 'yes' } }, "evidence['9.9']");
    refused({ '6.2 ': { compliance: 'yes' } }, "evidence['6.2 ']");
    refused({ __proto__: null, "it's": {} }, "evidence['it\\'s']");
    refused({ '4.1': { compliance: 'Yes' } }, "evidence['4.1'].compliance");
    refused({ '4.1': { compliance: 'landlord-to-evidence' } }, "evidence['4.1'].compliance");
    refused({ '4.1': { evidence: 42 } }, "evidence['4.1'].evidence");
    refused({ '4.1': { commentary: '   ' } }, "evidence['4.1'].commentary");
    refused({ '4.1': { commentary: 'x'.repeat(10_001) } }, "evidence['4.1'].commentary");
    refused({ '4.1': { commentary: 'a\u0000b' } }, "evidence['4.1'].commentary");
    refused({ '4.1': { commentary: 'lone \ud800 surrogate' } }, "evidence['4.1'].commentary");
    refused({ '4.1': { comments: 'typo' } }, "evidence['4.1'].comments");
    refused({ '4.1': 'yes' }, "evidence['4.1']");
    refused({ '4.1': ['yes'] }, "evidence['4.1']");
    refused({ '4.1': null }, "evidence['4.1']");
    refused(JSON.parse('{"__proto__": {"compliance": "yes"}}'), "evidence['__proto__']");
  });

  it('refuses a map that is not a plain object, holds too much, or cannot be read', () => {
    refused(null, 'evidence');
    refused([], 'evidence');
    refused('4.1', 'evidence');
    refused(new Map([['4.1', { compliance: 'yes' }]]), 'evidence');
    refused(new Date(), 'evidence');
    refused(Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, {}])), 'evidence');
    refused({ '4.1': new Proxy({}, { ownKeys: () => { throw new Error('boom'); } }) }, "evidence['4.1']");
    refused({ '4.1': Object.defineProperty({}, 'evidence', { enumerable: true, get: () => { throw new Error('boom'); } }) }, "evidence['4.1']");
    refused({ '4.1': { evidence: { text: { deeper: 'x' } } } }, "evidence['4.1'].evidence.text");
  });

  const places: [string, (value: unknown) => unknown, string][] = [
    ['the map', (value) => value, 'evidence'],
    ['an entry', (value) => ({ '4.1': value }), "evidence['4.1']"],
    ['compliance', (value) => ({ '4.1': { compliance: value } }), "evidence['4.1']"],
    ['evidence text', (value) => ({ '6.13': { evidence: value } }), "evidence['6.13']"],
    ['a conflict’s answer', (value) => ({ '2.3': { compliance: value } }), "evidence['2.3']"],
  ];
  describe.each(places)('a hostile value as %s', (_, place, path) => {
    it.each(eachHostile())('gives an assessment or an InvalidInputError at its path, for %s', (name, value) => {
      const result = outcome(() => selfAssessment(policies.peaksPlainsV4, place(value) as SelfAssessmentEvidence));
      if (result.returned) {
        const assessment = result.result as SelfAssessment;
        expect(assessment.rows).toHaveLength(PROVISIONS.length);
        expect(rowOf(assessment, '2.3').compliance, name).toBe('no');
        expect(['yes', 'landlord-to-evidence']).toContain(rowOf(assessment, '4.1').compliance);
      } else {
        expect(result.error, name).toBeInstanceOf(InvalidInputError);
        expect(isInvalidInputError(result.error)).toBe(true);
        expect((result.error as InvalidInputError).path.startsWith(path), `${name}: ${(result.error as InvalidInputError).path}`).toBe(true);
      }
    });
  });
});

/** Reads a CSV text strictly as RFC 4180: CRLF after every record, quotes only around whole fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let start = true;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else {
        quoted = false;
        if (text[i + 1] !== ',' && text[i + 1] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      }
    } else if (c === '"' && start) {
      quoted = true;
      start = false;
    } else if (c === ',') {
      record.push(field);
      field = '';
      start = true;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      start = true;
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      start = false;
    }
  }
  if (quoted || field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

/** Reads back the text of a Markdown cell or heading written by selfAssessmentToMarkdown. */
const unescapeMarkdown = (text: string) =>
  text.replace(/\\(.)|<br>|&(amp|lt|gt);/g, (_, escaped: string | undefined, entity: string | undefined) => escaped ?? (entity ? { amp: '&', lt: '<', gt: '>' }[entity]! : '\n'));

/** Splits a table row on the pipes that are not escaped. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') (cell += c + line[i + 1]), i++;
    else if (c === '|') (out.push(unescapeMarkdown(cell.trim())), (cell = ''));
    else cell += c;
  }
  expect(cell).toBe('');
  return out;
}

/** Reads back the sections and rows of the Markdown. */
function parseMarkdown(markdown: string): { heading: string; rows: string[][] }[] {
  const sections: { heading: string; rows: string[][] }[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: unescapeMarkdown(line.slice(3)), rows: [] });
    else if (line.startsWith('|')) {
      const row = cells(line);
      if (row[0] !== 'Code provision' && row[0] !== '---') sections.at(-1)!.rows.push(row);
    }
  }
  return sections;
}

const lines = (text: string) => text.replace(/\r\n|\r/g, '\n');

describe('selfAssessmentToMarkdown', () => {
  const assessment = selfAssessment(policies.peaksPlainsV4, { '4.1': { compliance: 'partly', evidence: NASTY, commentary: NASTY } });
  const markdown = selfAssessmentToMarkdown(assessment);

  it('has a heading per section of the Code, in order, each with a table in the self-assessment form’s columns', () => {
    const sections = parseMarkdown(markdown);
    expect(sections.map((s) => s.heading)).toEqual([...new Map(PROVISIONS.map((p) => [p.section.number, `Section ${p.section.number}: ${p.section.title}`])).values()]);
    expect(markdown).toContain('| Code provision | Code requirement | Comply: Yes / No | Evidence | Commentary / explanation |');
    expect(markdown.split('\n')[0]).toBe('# Self-assessment against the Complaint Handling Code 2024');
    expect(markdown).toContain('Policy: Peaks &amp; Plains Housing Trust Complaints Policy V4 (id: peaks-plains-v4).');
    expect(markdown).toContain('Yes: 24, No: 9, Partly: 1, For the landlord to evidence: 38. Conflicts of the policy with the Code: 9.');
    expect(markdown.endsWith('|\n')).toBe(true);
  });

  it('reads back to the same rows, whatever the text holds: pipes, backslashes, line breaks, HTML', () => {
    const read = parseMarkdown(markdown).flatMap((s) => s.rows);
    expect(read).toEqual(assessment.rows.map((r) => [r.provision, r.requirement, LABELS[r.compliance], lines(r.evidence), lines(r.commentary)]));
    expect(read.every((row) => row.length === 5)).toBe(true);
    expect(rowOf(assessment, '4.1').evidence).toContain(NASTY);
  });

  it('lets no HTML through: only its own line breaks', () => {
    expect(markdown.replace(/<br>/g, '')).not.toMatch(/[<>]/);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &lt;br&gt; done');
    const named = selfAssessmentToMarkdown({ ...selfAssessment(policies.code2024), policy: { id: 'x|y', name: '<b>Ours</b>\n# not a heading' } });
    expect(named).toContain('Policy: &lt;b&gt;Ours&lt;/b&gt;<br># not a heading (id: x\\|y).');
    expect(named.split('\n').filter((line) => line.startsWith('# '))).toHaveLength(1);
  });
});

describe('selfAssessmentToCsv', () => {
  const assessment = selfAssessment(policies.peaksPlainsV4, { '4.1': { compliance: 'partly', evidence: NASTY, commentary: NASTY } });
  const csv = selfAssessmentToCsv(assessment);

  it('is RFC 4180: a header, then a record per provision with a leading Section column, each ending CRLF', () => {
    const records = parseCsv(csv);
    expect(records[0]).toEqual(['Section', 'Code provision', 'Code requirement', 'Comply: Yes / No', 'Evidence', 'Commentary / explanation']);
    expect(records).toHaveLength(PROVISIONS.length + 1);
    expect(records.every((r) => r.length === 6)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('reads back to the same rows, quotes, commas and line breaks included', () => {
    const records = parseCsv(csv).slice(1);
    expect(records).toEqual(assessment.rows.map((r) => [`Section ${r.section.number}: ${r.section.title}`, r.provision, r.requirement, LABELS[r.compliance], r.evidence, r.commentary]));
  });

  it("puts a ' before a cell a spreadsheet would take for a formula", () => {
    const starts = ['=HYPERLINK("http://example.org","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tindented', '\rreturn', "'already", ' =spaced', 'plain'];
    const base = selfAssessment(policies.code2024);
    const rigged: SelfAssessment = { ...base, rows: base.rows.slice(0, starts.length).map((row, i) => ({ ...row, evidence: starts[i]!, commentary: starts[i]! })) };
    const records = parseCsv(selfAssessmentToCsv(rigged)).slice(1);
    const expected = starts.map((text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text));
    expect(records.map((r) => r[4])).toEqual(expected);
    expect(records.map((r) => r[5])).toEqual(expected);
    for (const record of records) expect(record.every((field) => !/^[=+\-@\t\r]/.test(field))).toBe(true);
  });
});

describe('the formatters refuse anything but an assessment, with an InvalidInputError', () => {
  const good = selfAssessment(policies.code2024);
  const bad: [string, unknown][] = [
    ['nothing', undefined],
    ['rows that are not a list', { ...good, rows: 'all' }],
    ['a row with an unknown compliance', { ...good, rows: [{ ...good.rows[0]!, compliance: 'maybe' }] }],
    ['a row without its section', { ...good, rows: [{ ...good.rows[0]!, section: undefined }] }],
    ['a row whose evidence is not text', { ...good, rows: [{ ...good.rows[0]!, evidence: 42 }] }],
    ['a policy without a name', { ...good, policy: { id: 'x' } }],
    ['a negative count of conflicts', { ...good, conflicts: -1 }],
    ['too many rows', { ...good, rows: Array.from({ length: 1_001 }, () => good.rows[0]) }],
  ];
  it.each(bad)('for %s', (_, value) => {
    for (const format of [selfAssessmentToMarkdown, selfAssessmentToCsv]) {
      const result = outcome(() => format(value as SelfAssessment));
      expect(result.returned).toBe(false);
      if (!result.returned) {
        expect(result.error).toBeInstanceOf(InvalidInputError);
        expect((result.error as InvalidInputError).path.startsWith('assessment')).toBe(true);
      }
    }
  });

  it.each(eachHostile())('for %s', (_, value) => {
    for (const format of [selfAssessmentToMarkdown, selfAssessmentToCsv]) {
      const result = outcome(() => format(value as SelfAssessment));
      expect(result.returned).toBe(false);
      if (!result.returned) expect(isInvalidInputError(result.error)).toBe(true);
    }
  });

  it('for an assessment with a hostile row', () => {
    for (const [, value] of eachHostile()) {
      const result = outcome(() => selfAssessmentToCsv({ ...good, rows: [value as SelfAssessmentRow] }));
      expect(result.returned).toBe(false);
      if (!result.returned) expect(isInvalidInputError(result.error)).toBe(true);
    }
  });
});
