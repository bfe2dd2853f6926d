/**
 * Hostile inputs against every public function of `housing-complaints/reporting`: each one either
 * answers or throws a typed error (never a TypeError, a RangeError or a hang), reads a getter once,
 * leaves its inputs alone, and what it answers is sane: finite figures, whole counts, percentages
 * from 0 to 100, HTML with every label escaped, Markdown tables a label cannot break, CSV a
 * spreadsheet will not run. And every view answers on every record the machine can make: complaints
 * built by random walks through the machine's own events, fed to every report under every option,
 * and read back through parseRecord to the same reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHousingComplaintsError } from '../../src/errors.js';
import { replay, step, type ComplaintEvent, type ComplaintSnapshot } from '../../src/machine/index.js';
import { policies } from '../../src/policy/policies.js';
import {
  annualReport,
  comparePolicies,
  comparisonToText,
  parseRecord,
  renderAnnualReport,
  respondedWithinTimescale,
  selfAssessment,
  selfAssessmentToCsv,
  selfAssessmentToMarkdown,
  tenantSatisfactionMeasures,
  timescaleDeadline,
  toRecord,
  type AnnualReport,
  type AnnualReportOptions,
  type ComplaintRecord,
  type EventLog,
} from '../../src/reporting/index.js';
import { createComplaintTestModel, type ComplaintTestModel } from '../../src/testing/index.js';
import { caught } from '../support/caught.js';
import { flipping, hostileValues } from '../support/hostileValues.js';
import { byId, YEAR, yearRecords } from './fixtures/records.js';

// ---------------------------------------------------------------------------------------------
// Checks

/** Labels that try to break a page, a table or a spreadsheet; each is a valid label for the machine. */
const LABELS = [
  '<script>alert(1)</script>',
  '</style><img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'a|b||c',
  '=SUM(A1:A9)',
  '+cmd|calc',
  '-2+3',
  '@import',
  '&amp; &<>"\'',
  '**bold** _i_ [link](javascript:alert(1)) `code` # h ~~s~~ \\',
  'repairs',
  'damp-and-mould',
  'ünïcödé 😀',
  '__proto__',
  'toString',
  'constructor',
] as const;

const HOSTILE_NAMES = ['<script>alert(1)</script>', '</style><img src=x onerror=alert(1)>', 'Mill & Co <"Homes"> \'Ltd\''];

/** Whether `error` is one of the library's typed errors, with a message. */
function expectTyped(error: unknown, what: string): void {
  if (!isHousingComplaintsError(error)) throw new Error(`${what} threw ${String((error as Error)?.name)}: ${String((error as Error)?.message).slice(0, 300)}`);
  expect((error as Error).message.length, what).toBeGreaterThan(0);
}

/** Runs `fn`: it returns, or throws a typed error; a Promise settles to a value or rejects with a typed error. */
async function answersOrTyped(fn: () => unknown, what: string): Promise<{ returned: boolean; result?: unknown }> {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    expectTyped(error, what);
    return { returned: false };
  }
  if (result instanceof Promise) {
    try {
      return { returned: true, result: await result };
    } catch (error) {
      expectTyped(error, `${what} (rejected)`);
      return { returned: false };
    }
  }
  return { returned: true, result };
}

/** Fields that are figures with decimals or percentages; every other number is a whole count. */
const PERCENT = /percent$|Percent$|Rate$/;
const DECIMAL = /^(perThousandHomes|amountPounds|totalPounds)$/;

/** Every number in `value` finite, each count a whole number 0 or more, each percentage 0 to 100. */
function expectSane(value: unknown): void {
  const problems: string[] = [];
  const check = (node: unknown, path: string) => {
    if (typeof node === 'number') {
      const key = path.slice(path.lastIndexOf('.') + 1);
      const ok = PERCENT.test(key) ? node >= 0 && node <= 100 : DECIMAL.test(key) ? Number.isFinite(node) && node >= 0 : Number.isSafeInteger(node) && node >= 0;
      if (!ok) problems.push(`${path} is ${node}`);
    } else if (typeof node === 'object' && node !== null) for (const [key, inner] of Object.entries(node)) check(inner, `${path}.${key}`);
  };
  check(value, 'result');
  expect(problems).toEqual([]);
}

/** Sanity of the reports themselves: the parts add up to the wholes. */
function expectConsistent(report: AnnualReport): void {
  expectSane(report);
  const v = report.volumes;
  expect(v.byMonth.reduce((n, m) => n + m.stage1, 0)).toBe(v.stage1);
  expect(v.byMonth.reduce((n, m) => n + m.stage2, 0)).toBe(v.stage2);
  expect(v.byMonth.every((m) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m.month))).toBe(true);
  expect(report.categories.reduce((n, c) => n + c.count, 0) + report.uncategorised).toBe(v.stage1);
  expect(report.serviceAreas.reduce((n, c) => n + c.count, 0) + report.noServiceArea).toBe(v.stage1);
  for (const stage of ['stage1', 'stage2'] as const) {
    const t = report.timeliness[stage];
    expect(t.acknowledgedOnTime).toBeLessThanOrEqual(t.acknowledged);
    expect(t.respondedWithinTimescale).toBeLessThanOrEqual(t.responded);
    const o = report.outcomes[stage];
    expect(o.upheld + o.partlyUpheld + o.notUpheld + o.notRecorded).toBe(t.responded);
  }
  if (report.tsm) {
    expect(report.tsm.CH01.stage1.received).toBe(v.stage1);
    expect(report.tsm.CH01.stage2.received).toBe(v.stage2);
    expect(report.tsm.CH02.stage1.responded).toBe(report.timeliness.stage1.responded);
    expect(report.tsm.CH02.stage1.withinTimescale).toBe(report.timeliness.stage1.respondedWithinTimescale);
    const split = report.tsm.byTenure;
    if (split) {
      const u = split.unknownTenure;
      expect(split.lowCostRental.CH01.stage1.received + split.lowCostHomeOwnership.CH01.stage1.received + u.CH01.stage1.received).toBe(v.stage1);
      expect(split.lowCostRental.CH02.stage2.responded + split.lowCostHomeOwnership.CH02.stage2.responded + u.CH02.stage2.responded).toBe(report.tsm.CH02.stage2.responded);
    }
  }
  const r = report.remedies;
  expect(r.completedOnTime + r.completedLate + r.outstanding).toBe(r.offered);
  expect(r.byKind.reduce((n, k) => n + k.count, 0)).toBe(r.offered);
}

const VOID = new Set(['meta']);
/** Every element the page may hold: anything else (a script, an image, a frame) got in from a label. */
const ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'h1', 'h2', 'p', 'ul', 'li', 'strong', 'span', 'section', 'figure', 'svg', 'desc', 'rect', 'text', 'tspan', 'line', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'footer']);

/** The page is well-formed (every element closed in order), runs nothing, and no hostile text got through unescaped. */
function expectSafeHtml(page: string): void {
  expect(page.match(/<style>/g)).toHaveLength(1);
  expect(page.match(/<\/style>/g)).toHaveLength(1);
  const body = page.replace(/<style>[^]*?<\/style>/, '<style></style>');
  const stack: string[] = [];
  const problems: string[] = [];
  const text = body.replace(/^<!doctype html>/, '').replace(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g, (_, closing: string, name: string, attributes: string, selfClosing: string) => {
    if (!ELEMENTS.has(name)) problems.push(`<${name}>`);
    for (const [, attribute] of attributes.matchAll(/\s([\w:-]+)="[^"]*"/g)) if (/^(on\w*|href|src|style|xlink:href)$/i.test(attribute!)) problems.push(`<${name}${attributes}>`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else if (!selfClosing && !VOID.has(name)) stack.push(name);
    return '';
  });
  expect(problems).toEqual([]);
  expect(stack, 'elements left open').toEqual([]);
  // What is left is text: any markup character in it was not escaped.
  expect(text).not.toMatch(/[<>]/);
}

/** The cells of a Markdown table row, split at the pipes no backslash escapes. */
function markdownCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      cell += c + (line[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.slice(1, -1);
}

/** Every table's rows have as many cells as its header: no label ended a cell or a row early; no raw HTML. */
function expectSafeMarkdown(markdown: string): void {
  let columns: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = markdownCells(line).length;
    if (columns === undefined) columns = cells;
    if (cells !== columns) expect(cells, line.slice(0, 200)).toBe(columns);
  }
  // Markup only escaped (`\\<` is a literal `<` in Markdown), or an entity.
  expect(markdown).not.toMatch(/(?<!\\)<(?!br>)[a-zA-Z/!?]/);
}

/** RFC 4180 fields of a CSV text. */
function csvRecords(csv: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  while (i < csv.length) {
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (csv[i] === '"' && csv[i + 1] === '"') (field += '"'), (i += 2);
        else if (csv[i] === '"') {
          i++;
          break;
        } else if (i >= csv.length) throw new Error('unclosed quote');
        else field += csv[i++];
      }
    } else if (csv[i] === ',') (fields.push(field), (field = ''), i++);
    else if (csv[i] === '\r' && csv[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      (fields = []), (field = ''), (i += 2);
    } else field += csv[i++];
  }
  expect(field === '' && fields.length === 0, 'the last record ends with CRLF').toBe(true);
  return records;
}

function expectSafeCsv(csv: string): void {
  const records = csvRecords(csv);
  for (const record of records) {
    expect(record).toHaveLength(6);
    for (const field of record) if (/^[=+\-@\t\r]/.test(field)) expect(field.slice(0, 80)).toBe('a field that is not a formula');
  }
}

/** Freezes `value` all the way down: a function that writes to its input throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Good arguments, to make one at a time hostile

const RECORDS = yearRecords();
const FIRST = RECORDS[0]!;
const HOMES = { lowCostRental: 4000, lowCostHomeOwnership: 1000 };
const REPORT = annualReport(RECORDS, { period: YEAR, homes: HOMES, landlord: { name: 'Mill Lane Homes' } });
const COMPARED = [
  { name: 'Peaks & Plains V4 as written', policy: policies.peaksPlainsV4, enforceCode: false },
  { name: 'the Code', policy: policies.code2024 },
];
const LOG: EventLog = [
  { complaintId: 'C-1', type: 'RECEIVE', at: '2025-01-06T10:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak', issueDate: '2024-05-06' } },
  { complaintId: 'C-1', type: 'TICK', at: '2025-03-06T10:00:00Z' },
] as EventLog;
const COMPARISON = comparePolicies(LOG, COMPARED, { period: YEAR, homes: 1000 });
const ASSESSMENT = selfAssessment(policies.peaksPlainsV4, { '4.1': { compliance: 'yes', evidence: 'Role profile' } });
const { snapshot: RESPONDED } = replay(createComplaintTestModel().machine, createComplaintTestModel().shortestPaths().find((p) => p.states.at(-1) === 'closed.finalResponse')!.events);

const CALLS: Record<string, [(...args: any[]) => unknown, unknown[]]> = {
  toRecord: [toRecord, [RESPONDED]],
  parseRecord: [parseRecord, [JSON.parse(JSON.stringify(RECORDS[0]))]],
  tenantSatisfactionMeasures: [tenantSatisfactionMeasures, [RECORDS, { period: YEAR, homes: HOMES }]],
  annualReport: [annualReport, [RECORDS, { period: YEAR, homes: HOMES, landlord: { name: 'Mill Lane Homes' }, top: 3 }]],
  renderAnnualReport: [renderAnnualReport, [REPORT, { format: 'html', title: 'Complaints' }]],
  renderAnnualReportMarkdown: [renderAnnualReport, [REPORT, { format: 'markdown' }]],
  comparePolicies: [comparePolicies, [LOG, COMPARED, { period: YEAR, homes: 1000, measures: { extensions: 'original-deadline' } }]],
  comparisonToText: [comparisonToText, [COMPARISON, { limit: 5 }]],
  selfAssessment: [selfAssessment, [policies.peaksPlainsV4, { '4.1': { compliance: 'yes' } }]],
  selfAssessmentToMarkdown: [selfAssessmentToMarkdown, [ASSESSMENT]],
  selfAssessmentToCsv: [selfAssessmentToCsv, [ASSESSMENT]],
  respondedWithinTimescale: [respondedWithinTimescale, [byId('R10').stage1, 1, { extensions: 'permitted' }]],
  timescaleDeadline: [timescaleDeadline, [byId('R10').stage1, 1, { lateAcknowledgement: 'as-if-acknowledged-on-time' }]],
};

describe('every public function answers or throws a typed error, for every hostile argument', () => {
  const cases = Object.entries(CALLS).flatMap(([name, [, args]]) => args.map((_, position) => [name, position] as const));
  it.each(cases)('%s, argument %i', async (name, position) => {
    const [fn, args] = CALLS[name]!;
    for (const [label, make] of hostileValues) {
      const call = [...args];
      call[position] = make();
      const { returned, result } = await answersOrTyped(() => fn(...call), `${name}(argument ${position} = ${label})`);
      if (returned) expectSane(result);
    }
    // The good call itself still answers.
    await answersOrTyped(() => fn(...args), name).then(({ returned }) => expect(returned).toBe(true));
  });

  it.each(['tenantSatisfactionMeasures', 'annualReport'])('%s: every hostile value as a record, in an array, a generator and an async generator', async (name) => {
    const [fn, [, options]] = CALLS[name]!;
    for (const [label, make] of hostileValues) {
      // An async generator awaits what it yields (a revoked Proxy throws in the generator itself,
      // which passes through as the iterator's own error): an iterator made by hand hands it over as is.
      const items = [FIRST, make()];
      const sources = [
        [make()],
        (function* () {
          yield FIRST;
          yield make();
        })(),
        { [Symbol.asyncIterator]: () => ({ next: async () => (items.length > 0 ? { done: false, value: items.shift() } : { done: true, value: undefined }) }) },
      ];
      for (const records of sources) {
        const { returned, result } = await answersOrTyped(() => fn(records, options), `${name}([${label}])`);
        if (returned) expectSane(result);
      }
    }
  });

  it.each([
    ['period', (v: unknown) => ({ period: v, homes: 10 })],
    ['period.from', (v: unknown) => ({ period: { from: v, to: YEAR.to }, homes: 10 })],
    ['period.to', (v: unknown) => ({ period: { from: YEAR.from, to: v }, homes: 10 })],
    ['homes', (v: unknown) => ({ period: YEAR, homes: v })],
    ['homes.lowCostRental', (v: unknown) => ({ period: YEAR, homes: { lowCostRental: v, lowCostHomeOwnership: 10 } })],
    ['homes.lowCostHomeOwnership', (v: unknown) => ({ period: YEAR, homes: { lowCostRental: 10, lowCostHomeOwnership: v } })],
    ['landlord', (v: unknown) => ({ period: YEAR, landlord: v })],
    ['landlord.name', (v: unknown) => ({ period: YEAR, landlord: { name: v } })],
    ['top', (v: unknown) => ({ period: YEAR, top: v })],
    ['extensions', (v: unknown) => ({ period: YEAR, homes: 10, extensions: v })],
    ['declined', (v: unknown) => ({ period: YEAR, homes: 10, declined: v })],
    ['lateAcknowledgement', (v: unknown) => ({ period: YEAR, homes: 10, lateAcknowledgement: v })],
  ] as const)('every hostile value as the option %s, in the measures and the annual report', async (option, make) => {
    for (const [label, value] of hostileValues) {
      for (const [name, fn] of [
        ['tenantSatisfactionMeasures', tenantSatisfactionMeasures],
        ['annualReport', annualReport],
      ] as const) {
        const what = `${name}(options.${option} = ${label})`;
        const sync = await answersOrTyped(() => (fn as (r: unknown, o: unknown) => unknown)(RECORDS, make(value())), what);
        if (sync.returned) expectSane(sync.result);
        const async = await answersOrTyped(
          () =>
            (fn as (r: unknown, o: unknown) => unknown)(
              (async function* () {
                yield* RECORDS;
              })(),
              make(value()),
            ),
          `${what}, async`,
        );
        if (async.returned) expectSane(async.result);
      }
    }
  });

  it('every hostile value as the format, title, limit, evidence text, policy name or timeliness option', async () => {
    for (const [label, make] of hostileValues) {
      const calls: [string, () => unknown][] = [
        ['render format', () => renderAnnualReport(REPORT, { format: make() as 'html' })],
        ['render title', () => renderAnnualReport(REPORT, { format: 'html', title: make() as string })],
        ['comparisonToText limit', () => comparisonToText(COMPARISON, { limit: make() as number })],
        ['comparisonToText consequential', () => comparisonToText(COMPARISON, { consequential: make() as boolean })],
        ['selfAssessment evidence', () => selfAssessment(policies.code2024, { '4.1': { evidence: make() as string } })],
        ['selfAssessment compliance', () => selfAssessment(policies.code2024, { '4.1': { compliance: make() as 'yes' } })],
        ['selfAssessment entry', () => selfAssessment(policies.code2024, { '4.1': make() as never })],
        ['comparePolicies name', () => comparePolicies(LOG, [{ ...COMPARED[0]!, name: make() as string }, COMPARED[1]!])],
        ['comparePolicies enforceCode', () => comparePolicies(LOG, [{ ...COMPARED[0]!, enforceCode: make() as boolean }, COMPARED[1]!])],
        ['comparePolicies calendar', () => comparePolicies(LOG, COMPARED, { calendar: make() as never })],
        ['comparePolicies measures', () => comparePolicies(LOG, COMPARED, { period: YEAR, homes: 10, measures: make() as never })],
        ['comparePolicies measures.withdrawn', () => comparePolicies(LOG, COMPARED, { period: YEAR, homes: 10, measures: { withdrawn: make() as never } })],
        ['comparePolicies log item', () => comparePolicies([(LOG as unknown[])[0], make()] as never, COMPARED)],
        ['comparePolicies log list', () => comparePolicies({ 'C-1': make() } as never, COMPARED)],
        ['comparePolicies log Map', () => comparePolicies(new Map([['C-1', [make()]]]) as never, COMPARED)],
        [
          'comparePolicies async log',
          () =>
            comparePolicies(
              (async function* () {
                yield (LOG as unknown[])[0];
                yield make();
              })(),
              COMPARED,
            ),
        ],
        ['timescaleDeadline extensions', () => timescaleDeadline(byId('R10').stage1, 1, { extensions: make() as never })],
        ['respondedWithinTimescale stage1.extensions', () => respondedWithinTimescale({ ...byId('R10').stage1, extensions: make() as never }, 1)],
        ['respondedWithinTimescale stage1.respondedOn', () => respondedWithinTimescale({ ...byId('R10').stage1, respondedOn: make() as never }, 1)],
      ];
      for (const [what, fn] of calls) {
        const { returned, result } = await answersOrTyped(fn, `${what} = ${label}`);
        if (returned) expectSane(result);
      }
    }
  });
});

describe('respondedWithinTimescale and timescaleDeadline check what they are given', () => {
  const facts = byId('R10').stage1;
  it('name the argument at fault, never throw a TypeError', () => {
    for (const fn of [respondedWithinTimescale, timescaleDeadline] as const) {
      expect(caught(() => fn(null as never, 1))).toMatchObject({ name: 'InvalidInputError', path: 'facts' });
      expect(caught(() => fn({ ...facts, respondedOn: '2024-02-30' }, 1))).toMatchObject({ name: 'InvalidInputError', path: 'facts.respondedOn' });
      expect(caught(() => fn({ ...facts, extensions: [{ ...facts.extensions[0]!, workingDays: '5' as never }] }, 1))).toMatchObject({ name: 'InvalidInputError', path: 'facts.extensions.0.workingDays' });
      expect(caught(() => fn(facts, 3 as never))).toMatchObject({ name: 'InvalidInputError', path: 'stage' });
      expect(caught(() => fn(facts, 1, { extensions: 'all' as never }))).toMatchObject({ name: 'InvalidInputError', path: 'options.extensions' });
      expect(caught(() => fn(facts, 1, new Proxy({}, { get: () => { throw new Error('boom'); } })))).toMatchObject({ name: 'InvalidInputError', path: 'options' });
    }
  });

  it('take the measures’ wider counting options, reading only their own two', () => {
    const counting = { declined: 'include', withdrawn: 'exclude', extensions: 'original-deadline' } as const;
    expect(timescaleDeadline(facts, 1, counting)).toBe(facts.originalRespondBy);
    expect(respondedWithinTimescale(facts, 1, counting)).toBe(facts.respondedOn! <= facts.originalRespondBy!);
  });
});

// ---------------------------------------------------------------------------------------------
// Records that are not quite records

/** Paths into a record where a hostile value goes, one at a time. */
const RECORD_PATHS = [
  ['receivedOn'],
  ['tenure'],
  ['category'],
  ['serviceArea'],
  ['declined'],
  ['closure'],
  ['escalationRefused'],
  ['stage1'],
  ['stage2'],
  ['breaches'],
  ['remedies'],
  ['ombudsman'],
  ['stage1', 'respondedOn'],
  ['stage1', 'acknowledgedOn'],
  ['stage1', 'decision'],
  ['stage1', 'cause'],
  ['stage1', 'extensions'],
  ['stage1', 'originalRespondBy'],
  ['stage2', 'requestedOn'],
  ['stage2', 'extensions'],
  ['declined', 'reason'],
  ['declined', 'stage'],
  ['declined', 'on'],
  ['escalationRefused', 'reason'],
  ['remedies', 0, 'kind'],
  ['remedies', 0, 'amountPence'],
  ['remedies', 0, 'id'],
  ['breaches', 0, 'deadline'],
  ['breaches', 0, 'provision'],
  ['ombudsman', 'findings'],
  ['ombudsman', 'findings', 0],
  ['ombudsman', 'orders'],
  ['stage1', 'extensions', 0],
  ['stage1', 'extensions', 0, 'workingDays'],
  ['stage1', 'extensions', 0, 'category'],
] as const;

/**
 * A record that has every part a path above goes into, all in the year: declined at stage 2 after
 * a stage 1 response within an extension, with a remedy, a breach and a determination.
 */
function fullRecord(): Record<string, any> {
  const r = structuredClone(byId('R19')) as Record<string, any>;
  r.category = 'repairs';
  r.serviceArea = 'repairs';
  r.stage1.cause = 'contractor-delay';
  r.stage1.extensions = [{ on: '2024-06-10', until: '2024-06-20', workingDays: 5, goodReason: false, afterDeadline: false, category: 'survey' }];
  r.escalationRefused = { on: '2024-07-01', reason: 'previously-considered' };
  r.remedies = [{ id: 'R-1', stage: 1, kind: 'financial', amountPence: 5000, offeredOn: '2024-06-10', dueOn: '2024-06-20', completedOn: '2024-06-25' }];
  r.breaches = [{ deadline: 'remedy:R-1', provision: '7.3', due: '2024-06-20', recordedOn: '2024-06-21' }];
  r.ombudsman = { referredOn: '2024-08-01', determinedOn: '2024-12-01', findings: ['maladministration', 'service-failure'], orders: 2 };
  return r;
}

/** Sets `value` at `path` in `record`, making the path where a part is missing. */
function setAt(record: Record<string, any>, path: readonly (string | number)[], value: unknown): void {
  let at: any = record;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)!] = value;
}

/** Values a hand-made record might hold where a date, a reason, a label or a count goes. */
const WRONG = [
  ['a month past December', '2024-13-01'],
  ['a month of letters', '2024-\uffff\uffff'],
  ['a month of one letter', '2024-1'],
  ['a day past the month', '2024-06-31'],
  ['an unknown reason', 'bogus'],
  ['toString', 'toString'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['a number', 12],
  ['a negative number', -5],
  ['a string of digits', '12'],
  ['a huge number', 1e308],
  ['an object', { toString: () => '2024-06-01' }],
  ['an array', ['2024-06-01']],
  ['stage 3', 3],
] as const;

describe('records that are not of the record’s shape give a typed error or sane figures, never NaN or a month outside the period', () => {
  const values = [...hostileValues.map(([label, make]) => [label, make] as const), ...WRONG.map(([label, value]) => [label, () => value] as const)];
  it.each(RECORD_PATHS.map((path) => [path.join('.'), path] as const))('%s', async (_, path) => {
    let last: AnnualReport | undefined;
    for (const [label, make] of values) {
      for (const homes of [undefined, HOMES]) {
        const record = fullRecord();
        setAt(record, path, make());
        const what = `${path.join('.')} = ${label}`;
        const annual = await answersOrTyped(() => annualReport([RECORDS[0], record] as never, { period: YEAR, ...(homes ? { homes } : {}) }), `annualReport, ${what}`);
        if (annual.returned) {
          expectSane(annual.result);
          const report = annual.result as AnnualReport;
          expect(report.volumes.byMonth).toHaveLength(12);
          expect(report.categories.every((c) => typeof c.category === 'string')).toBe(true);
          expect(Object.keys(report.declines.byReason)).toEqual(['outside-time-limit', 'legal-proceedings', 'previously-considered', 'not-a-complaint']);
          expect(Object.keys(report.ombudsman.findings)).toHaveLength(7);
          last = report;
        }
        const tsm = await answersOrTyped(() => tenantSatisfactionMeasures([record] as never, { period: YEAR, homes: homes ?? 10 }), `tenantSatisfactionMeasures, ${what}`);
        if (tsm.returned) expectSane(tsm.result);
      }
    }
    if (last) {
      expectSafeHtml(renderAnnualReport(last, { format: 'html' }));
      expectSafeMarkdown(renderAnnualReport(last, { format: 'markdown' }));
    }
  });

  it('a month that is no month is refused, naming the record, not counted as a month of NaN', () => {
    for (const receivedOn of ['2024-99-01', '2024-13-01', '2024-\uffff\uffff', '2024-1']) {
      const error = caught(() => annualReport([RECORDS[2]!, { ...RECORDS[2]!, receivedOn }], { period: YEAR }));
      expect(error).toMatchObject({ name: 'InvalidInputError', path: 'records[1]' });
    }
  });

  it('an unknown finding, reason or order count is refused, not counted as NaN or text', () => {
    const r = fullRecord();
    const cases: [readonly (string | number)[], unknown][] = [
      [['ombudsman', 'findings'], ['toString']],
      [['ombudsman', 'orders'], 'abc'],
      [['declined', 'reason'], 'bogus'],
      [['escalationRefused', 'reason'], 'constructor'],
      [['remedies', 0, 'amountPence'], '5000'],
      [['remedies', 0, 'kind'], 'cash'],
      [['stage1', 'extensions', 0, 'workingDays'], '5'],
      [['category'], 42],
    ];
    for (const [path, value] of cases) {
      const record = structuredClone(r);
      setAt(record, path, value);
      expect(caught(() => annualReport([record as ComplaintRecord], { period: YEAR })), path.join('.')).toMatchObject({ name: 'InvalidInputError', path: 'records[0]' });
    }
  });

  it('money beyond what whole pence can hold exactly is reported as inexact, never refused: the machine can make such records', () => {
    const rich = (id: string) => {
      const record = fullRecord();
      record.id = id;
      record.remedies[0].amountPence = Number.MAX_SAFE_INTEGER - 10;
      return record as ComplaintRecord;
    };
    expect(annualReport([rich('A')], { period: YEAR }).remedies).toMatchObject({ totalPence: Number.MAX_SAFE_INTEGER - 10, amountsExact: true });
    expect(annualReport([rich('A'), rich('B')], { period: YEAR }).remedies.amountsExact).toBe(false);
  });

  it('a date that is an object is refused at once, never converted (an array of 2^32 - 1 entries would take minutes)', () => {
    const [, huge] = hostileValues.find(([label]) => label === 'an array claiming 2^32 - 1 entries')!;
    for (const path of [['receivedOn'], ['stage1', 'respondedOn'], ['declined', 'on'], ['breaches', 0, 'recordedOn'], ['stage1', 'extensions', 0, 'on']] as const) {
      const record = fullRecord();
      setAt(record, path, huge());
      expect(caught(() => annualReport([record as ComplaintRecord], { period: YEAR, homes: 10 })), path.join('.')).toMatchObject({ name: 'InvalidInputError', path: 'records[0]' });
    }
  });

  it('an extensions array that claims 2^32 - 1 entries does not hang the measures', () => {
    const record = fullRecord();
    const [, huge] = hostileValues.find(([label]) => label === 'an array claiming 2^32 - 1 entries')!;
    record.stage1.extensions = huge();
    expect(caught(() => tenantSatisfactionMeasures([record as ComplaintRecord], { period: YEAR, homes: 10 }))).toMatchObject({ name: 'InvalidInputError', path: 'records[0]' });
  });
});

// ---------------------------------------------------------------------------------------------
// Iterables that misbehave

describe('records that arrive badly', () => {
  const options = { period: YEAR, homes: 10 };

  it('reads the iterator method once: a getter that gives it on the first read only is not asked again', async () => {
    for (const fn of [tenantSatisfactionMeasures, annualReport] as const) {
      let reads = 0;
      const flip = {
        get [Symbol.iterator]() {
          reads++;
          return reads === 1 ? () => RECORDS[Symbol.iterator]() : undefined;
        },
      };
      expect((fn as (r: unknown, o: unknown) => { period: unknown })(flip, options).period).toEqual(YEAR);
      expect(reads).toBe(1);
      let asyncReads = 0;
      const asyncFlip = {
        get [Symbol.asyncIterator]() {
          asyncReads++;
          return asyncReads === 1
            ? async function* () {
                yield* RECORDS;
              }
            : undefined;
        },
      };
      await expect((fn as (r: unknown, o: unknown) => Promise<unknown>)(asyncFlip, options)).resolves.toMatchObject({ period: YEAR });
      expect(asyncReads).toBe(1);
    }
  });

  it('an iterator that breaks the protocol is a typed error, sync or async', async () => {
    const broken: [string, unknown][] = [
      ['next gives a number', { [Symbol.iterator]: () => ({ next: () => 5 }) }],
      ['next gives null', { [Symbol.iterator]: () => ({ next: () => null }) }],
      ['no next', { [Symbol.iterator]: () => ({}) }],
      ['the iterator is a number', { [Symbol.iterator]: () => 5 }],
      ['done throws', { [Symbol.iterator]: () => ({ next: () => ({ get done(): boolean { throw new TypeError('done'); } }) }) }],
      ['value throws', { [Symbol.iterator]: () => ({ next: () => ({ done: false, get value(): unknown { throw new RangeError('value'); } }) }) }],
      ['async next gives a number', { [Symbol.asyncIterator]: () => ({ next: async () => 5 }) }],
      ['async done throws', { [Symbol.asyncIterator]: () => ({ next: async () => ({ get done(): boolean { throw new TypeError('done'); } }) }) }],
    ];
    for (const [label, records] of broken) {
      for (const fn of [tenantSatisfactionMeasures, annualReport] as const) {
        const { returned } = await answersOrTyped(() => (fn as (r: unknown, o: unknown) => unknown)(records, options), label);
        expect(returned, label).toBe(false);
      }
    }
  });

  it('comparePolicies reads the log’s iterator method once, and refuses billions of junk items quickly', async () => {
    let reads = 0;
    const log = {
      get [Symbol.iterator]() {
        reads++;
        return reads === 1 ? () => (LOG as unknown[])[Symbol.iterator]() : undefined;
      },
    };
    expect(comparePolicies(log as never, COMPARED).events).toBe(2);
    expect(reads).toBe(1);
    const [, huge] = hostileValues.find(([label]) => label === 'an array claiming 2^32 - 1 entries')!;
    for (const events of [huge(), { 'C-1': huge() }, new Map([['C-1', huge()]])]) {
      expect(caught(() => comparePolicies(events as never, COMPARED))).toMatchObject({ name: 'InvalidInputError', path: 'events' });
    }
    let n = 0;
    const junk = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: n++ > 2 ** 32, value: 'not an event' }) }) };
    await expect(comparePolicies(junk as never, COMPARED)).rejects.toMatchObject({ name: 'InvalidInputError', path: 'events' });
    // A few unreadable items are still only listed, as before.
    expect(comparePolicies([...(LOG as unknown[]), 'junk', 5, {}] as never, COMPARED)).toMatchObject({ malformedEvents: 3 });
  });

  it('an iterable that throws mid-way passes its own error through, and the iterator is closed on a bad record', async () => {
    const failure = new Error('cursor lost');
    function* failing() {
      yield FIRST;
      throw failure;
    }
    expect(caught(() => tenantSatisfactionMeasures(failing(), options))).toBe(failure);
    await expect(
      annualReport(
        (async function* () {
          yield FIRST;
          throw failure;
        })(),
        options,
      ),
    ).rejects.toBe(failure);
    let closed = 0;
    function* withBad() {
      try {
        yield FIRST;
        yield 'not a record';
        yield RECORDS[1]!;
      } finally {
        closed++;
      }
    }
    expect(caught(() => annualReport(withBad() as Iterable<ComplaintRecord>, options))).toMatchObject({ name: 'InvalidInputError', path: 'records[1]' });
    expect(closed).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Read once, never mutated

describe('getters are read once, inputs are left as they were', () => {
  it('a getter in the options of the measures, the report, the page and the self-assessment runs once', () => {
    const period = flipping({ to: YEAR.to }, 'from', YEAR.from, 'not a date');
    const homes = flipping({ lowCostHomeOwnership: 5 }, 'lowCostRental', 10, -1);
    const landlord = flipping({}, 'name', 'Mill Lane Homes', 5);
    expect(annualReport(RECORDS, { period, homes, landlord } as never as AnnualReportOptions).landlord?.name).toBe('Mill Lane Homes');
    expect([period.reads(), homes.reads(), landlord.reads()]).toEqual([1, 1, 1]);
    const render = flipping({ format: 'html' }, 'title', 'Complaints', 5);
    expect(renderAnnualReport(REPORT, render as never)).toContain('<h1>Complaints</h1>');
    expect(render.reads()).toBe(1);
    const answer = flipping({ compliance: 'yes' }, 'evidence', 'Role profile', 5);
    expect(selfAssessment(policies.code2024, { '4.1': answer as never }).rows.find((r) => r.provision === '4.1')?.evidence).toContain('Role profile');
    expect(answer.reads()).toBe(1);
    const timeliness = flipping({}, 'extensions', 'original-deadline', 'bogus');
    expect(timescaleDeadline(byId('R10').stage1, 1, timeliness as never)).toBe(byId('R10').stage1.originalRespondBy);
    expect(timeliness.reads()).toBe(1);
    const facts = flipping({ ...byId('R10').stage1 }, 'respondedOn', byId('R10').stage1.respondedOn, 5);
    expect(respondedWithinTimescale(facts as never, 1)).toBe(true);
    expect(facts.reads()).toBe(1);
  });

  it('comparePolicies reads its period, homes and counting options once, however many policies', () => {
    const period = flipping({ to: YEAR.to }, 'from', YEAR.from, 'not a date');
    const homes = flipping({ lowCostHomeOwnership: 5 }, 'lowCostRental', 10, -1);
    const measures = flipping({}, 'extensions', 'original-deadline', 'bogus');
    const comparison = comparePolicies(LOG, [...COMPARED, { name: 'the Code again', policy: policies.code2024 }], { period, homes, measures } as never);
    expect(comparison.policies.every((p) => p.tsm?.options.extensions === 'original-deadline')).toBe(true);
    expect([period.reads(), homes.reads(), measures.reads()]).toEqual([1, 1, 1]);
  });

  it('comparisonToText reads its options once, not once per difference', () => {
    const many = { ...COMPARISON, differences: Array.from({ length: 50 }, () => COMPARISON.differences[0]!) };
    const options = flipping({}, 'consequential', false, true);
    comparisonToText(many, options as never);
    expect(options.reads()).toBe(1);
  });

  it('a counting option of comparePolicies that flips is named under options.measures, or not asked again', () => {
    const measures = flipping({}, 'withdrawn', 'exclude', 'bogus');
    expect(() => comparePolicies(LOG, COMPARED, { period: YEAR, homes: 10, measures: measures as never })).not.toThrow();
  });

  it('no function writes to what it is given (everything frozen, all the way down)', async () => {
    const records = deepFreeze(structuredClone(RECORDS));
    const report = deepFreeze(structuredClone(REPORT));
    const comparison = deepFreeze(structuredClone(COMPARISON));
    const assessment = deepFreeze(structuredClone(ASSESSMENT));
    const options = deepFreeze({ period: { ...YEAR }, homes: { ...HOMES }, landlord: { name: 'X' } });
    expectConsistent(annualReport(records, options));
    expectSane(tenantSatisfactionMeasures(records, { period: options.period, homes: options.homes }));
    await annualReport(
      (async function* () {
        yield* records;
      })(),
      options,
    );
    renderAnnualReport(report, deepFreeze({ format: 'html' }));
    renderAnnualReport(report, deepFreeze({ format: 'markdown' }));
    comparisonToText(comparison, deepFreeze({ limit: 3 }));
    selfAssessmentToMarkdown(assessment);
    selfAssessmentToCsv(assessment);
    respondedWithinTimescale(records[9]!.stage1, 1, deepFreeze({ extensions: 'any-agreed' }));
    const log = deepFreeze(structuredClone(LOG));
    comparePolicies(log, deepFreeze(COMPARED.map((c) => ({ ...c }))), deepFreeze({ period: { ...YEAR }, homes: 10, measures: { withdrawn: 'exclude' } }));
    expect(records).toEqual(RECORDS);
    expect(report).toEqual(REPORT);
  });
});

// ---------------------------------------------------------------------------------------------
// Escaping

describe('hostile labels and names come out escaped', () => {
  /** The fixture's records, each given hostile labels everywhere a label goes. */
  function labelled(): ComplaintRecord[] {
    return RECORDS.map((record, i) => {
      const r = structuredClone(record) as Record<string, any>;
      r.category = LABELS[i % LABELS.length];
      r.serviceArea = LABELS[(i + 3) % LABELS.length];
      if (r.stage1.respondedOn) r.stage1.cause = LABELS[(i + 5) % LABELS.length];
      for (const e of r.stage1.extensions) e.category = LABELS[(i + 7) % LABELS.length];
      for (const b of r.breaches) b.provision = LABELS[(i + 9) % LABELS.length];
      return r as ComplaintRecord;
    });
  }

  it.each(HOSTILE_NAMES)('the page and the Markdown, for landlord %s', (name) => {
    const report = annualReport(labelled(), { period: YEAR, homes: HOMES, landlord: { name }, top: 100 });
    expectConsistent(report);
    const page = renderAnnualReport(report, { format: 'html', title: name });
    expectSafeHtml(page);
    const markdown = renderAnnualReport(report, { format: 'markdown', title: name });
    expectSafeMarkdown(markdown);
    for (const label of LABELS) expect(page.includes(label) && /[<>&"']/.test(label), label).toBe(false);
  });

  it('a report made by hand with a hostile month, reason or finding is escaped too', () => {
    const raw = JSON.parse(JSON.stringify(REPORT)) as Record<string, any>;
    raw.volumes.byMonth[0].month = '<img src=x onerror=alert(1)>';
    raw.volumes.byMonth[1].month = '2024-<script>';
    raw.declines.byReason = { '<script>': 1, __proto__: 2, toString: 3, constructor: 4 };
    raw.ombudsman.findings = JSON.parse('{"__proto__": 1, "hasOwnProperty": 2}');
    raw.breaches.byDeadline = [{ deadline: 'valueOf', provision: '</style>', count: 1 }];
    expectSafeHtml(renderAnnualReport(raw as AnnualReport, { format: 'html' }));
    const markdown = renderAnnualReport(raw as AnnualReport, { format: 'markdown' });
    expectSafeMarkdown(markdown);
    expect(markdown).not.toMatch(/native code|\[object Object\]/);
  });

  it('the self-assessment escapes landlord text in Markdown and CSV', () => {
    const evidence = Object.fromEntries(['1.2', '4.1', '5.1', '6.13'].map((provision, i) => [provision, { evidence: `${LABELS[i]}\n=cmd|x\r\n@SUM`, commentary: `${LABELS[i + 4]}|\n-1+1` }]));
    const assessment = selfAssessment(policies.peaksPlainsV4, evidence);
    expectSafeMarkdown(selfAssessmentToMarkdown(assessment));
    expectSafeCsv(selfAssessmentToCsv(assessment));
    const forged = { ...assessment, policy: { id: '=1+1', name: '<b>x</b>|y' }, rows: assessment.rows.map((r, i) => ({ ...r, provision: ['=1', '+1', '-1', '@1', '\t1', '\r1'][i % 6]!, requirement: LABELS[i % LABELS.length]! })) };
    expectSafeCsv(selfAssessmentToCsv(forged));
    expectSafeMarkdown(selfAssessmentToMarkdown(forged));
  });
});

// ---------------------------------------------------------------------------------------------
// Periods and homes

describe('periods and homes at their edges', () => {
  const periods: [string, { from: string; to: string }][] = [
    ['one day', { from: '2024-06-03', to: '2024-06-03' }],
    ['a leap day', { from: '2024-02-29', to: '2024-02-29' }],
    ['a leap year to a leap day', { from: '2023-03-01', to: '2024-02-29' }],
    ['the day after the year', { from: '2025-04-01', to: '2025-04-01' }],
    ['2000 to 2100', { from: '2000-01-01', to: '2100-12-31' }],
    ['the first year a date can have', { from: '0001-01-01', to: '0001-12-31' }],
  ];
  it.each(periods)('%s', (_, period) => {
    for (const records of [RECORDS, []]) {
      const report = annualReport(records, { period, homes: HOMES });
      expectConsistent(report);
      expect(report.volumes.byMonth[0]!.month).toBe(period.from.slice(0, 7));
      expect(report.volumes.byMonth.at(-1)!.month).toBe(period.to.slice(0, 7));
      const page = renderAnnualReport(report, { format: 'html' });
      expectSafeHtml(page);
      // No bar of a negative size, however many months share the chart.
      expect(page).not.toMatch(/(width|height)="-/);
      expectSafeMarkdown(renderAnnualReport(report, { format: 'markdown' }));
      expectSane(tenantSatisfactionMeasures(records, { period, homes: 1 }));
    }
  });

  it('refuses a period whose end is before its start, and a date that is not a day', () => {
    for (const period of [
      { from: '2025-01-01', to: '2024-12-31' },
      { from: '2023-02-29', to: '2023-03-01' },
      { from: '2024-04-01', to: '2025-03-32' },
      { from: '2024-4-1', to: '2025-03-31' },
    ]) {
      expect(caught(() => annualReport(RECORDS, { period }))).toMatchObject({ name: 'InvalidInputError' });
      expect(caught(() => tenantSatisfactionMeasures(RECORDS, { period, homes: 1 }))).toMatchObject({ name: 'InvalidInputError' });
    }
  });

  it('homes: whole numbers from 1, split or not; anything else a typed error naming it', () => {
    for (const homes of [1, 3, Number.MAX_SAFE_INTEGER, { lowCostRental: 1, lowCostHomeOwnership: 1 }, { lowCostRental: Number.MAX_SAFE_INTEGER - 1, lowCostHomeOwnership: 1 }]) {
      const tsm = tenantSatisfactionMeasures(RECORDS, { period: YEAR, homes });
      expectSane(tsm);
    }
    for (const [homes, path] of [
      [0, 'options.homes'],
      [-1, 'options.homes'],
      [1.5, 'options.homes'],
      [Number.NaN, 'options.homes'],
      [Number.POSITIVE_INFINITY, 'options.homes'],
      [2 ** 53, 'options.homes'],
      [{ lowCostRental: 0, lowCostHomeOwnership: 10 }, 'options.homes.lowCostRental'],
      [{ lowCostRental: 10, lowCostHomeOwnership: 0 }, 'options.homes.lowCostHomeOwnership'],
      [{ lowCostRental: 10 }, 'options.homes.lowCostHomeOwnership'],
      [{ lowCostRental: 10, lowCostHomeOwnership: 10, other: 1 }, 'options.homes.other'],
      // Each a whole number, but not their sum: the total would not be held exactly.
      [{ lowCostRental: Number.MAX_SAFE_INTEGER, lowCostHomeOwnership: 1 }, 'options.homes'],
    ] as const) {
      expect(caught(() => tenantSatisfactionMeasures(RECORDS, { period: YEAR, homes: homes as never })), JSON.stringify(homes)).toMatchObject({ name: 'InvalidInputError', path });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Complaints the machine makes

const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
const TENURES = [undefined, 'general-needs', 'supported-housing', 'shared-ownership'] as const;
const MODELS = new Map<string, ComplaintTestModel>();

function modelFor(key: number): ComplaintTestModel {
  const region = REGIONS[key % 3]!;
  const asWritten = key % 2 === 1;
  const start = ['2024-03-28T16:30:00Z', '2024-06-03T09:00:00Z', '2024-12-20T17:45:00Z', '2025-02-27T10:00:00Z'][key % 4]!;
  const id = `${region}|${asWritten}|${start}`;
  let model = MODELS.get(id);
  if (!model) {
    model = createComplaintTestModel({ region, start, policy: asWritten ? policies.peaksPlainsV4 : policies.code2024, enforceCode: !asWritten, complaintId: `C-${MODELS.size}` });
    MODELS.set(id, model);
  }
  return model;
}

/**
 * The records of one complaint after each of its events: a random walk through the events the
 * model offers, with the landlord's labels (hostile ones among them) on the receipt, the
 * extensions and the responses, and now and then a TICK weeks later so deadlines are missed.
 */
function walk(choices: readonly number[]): ComplaintRecord[] {
  const [key = 0, ...rest] = choices;
  const model = modelFor(key);
  const pick = <T,>(list: readonly T[], n: number) => list[n % list.length]!;
  let snapshot: ComplaintSnapshot = replay(model.machine, []).snapshot;
  const records: ComplaintRecord[] = [];
  for (const [i, choice] of rest.entries()) {
    const candidates = model.eventsFrom(snapshot);
    if (candidates.length === 0) break;
    // Two steps in three move the complaint on, so that walks reach stage 2 and its response too.
    const onward = candidates.filter((e) => e.type === 'ACKNOWLEDGE' || e.type === 'RESPOND' || e.type === 'ESCALATE');
    let event = pick(choice % 3 !== 0 && onward.length > 0 ? onward : candidates, choice) as ComplaintEvent & Record<string, any>;
    if (event.type === 'RECEIVE') {
      const tenure = pick(TENURES, choice + i);
      event = {
        ...event,
        complaint: {
          ...event.complaint,
          ...(tenure ? { tenure } : {}),
          ...(choice % 3 ? { category: pick(LABELS, choice) } : {}),
          ...(choice % 5 ? { serviceArea: pick(LABELS, choice + 1) } : {}),
          ...(choice % 7 === 0 ? { issueDate: '2023-01-02' } : {}),
        },
      } as ComplaintEvent & Record<string, any>;
    } else if (event.type === 'EXTEND' && choice % 2) event = { ...event, category: pick(LABELS, choice + 2) };
    else if (event.type === 'RESPOND' && choice % 3) event = { ...event, cause: pick(LABELS, choice + 4) };
    else if (choice % 11 === 0 && snapshot.context.lastEventAt) {
      const later = new Date(Date.parse(snapshot.context.lastEventAt) + (choice % 60) * 86_400_000).toISOString();
      event = { type: 'TICK', at: later };
    }
    const result = step(model.machine, snapshot, event);
    snapshot = result.snapshot;
    const record = toRecord(snapshot);
    if (record) records.push(record);
  }
  return records;
}

const COUNTING = fc.record({
  declined: fc.constantFrom('exclude', 'include'),
  withdrawn: fc.constantFrom('include', 'exclude'),
  escalationRefused: fc.constantFrom('exclude', 'include'),
  extensions: fc.constantFrom('permitted', 'original-deadline', 'any-agreed'),
  lateAcknowledgement: fc.constantFrom('response-deadline', 'as-if-acknowledged-on-time', 'not-within-timescale'),
});
const PERIODS = fc.constantFrom(YEAR, { from: '2024-01-01', to: '2024-12-31' }, { from: '2024-02-29', to: '2024-02-29' }, { from: '2025-01-06', to: '2025-01-06' }, { from: '2023-04-01', to: '2026-03-31' });
/** What the random complaints reached, across the run: the property must have seen every kind of record. */
const reached = new Set<string>();
function note(records: readonly ComplaintRecord[]): void {
  for (const r of records) {
    reached.add(r.stage);
    if (r.stage2) reached.add('stage2');
    if (r.closure) reached.add(`closed:${r.closure.reason}`);
    if (r.stage1.extensions.length > 0) reached.add('extended');
    if (r.breaches.length > 0) reached.add('breach');
    if (r.remedies.length > 0) reached.add('remedy');
    if (r.ombudsman.determinedOn) reached.add('determined');
    if (r.stage1.acknowledgedOn && r.stage1.acknowledgeBy && r.stage1.acknowledgedOn > r.stage1.acknowledgeBy) reached.add('late acknowledgement');
  }
}

const WALKS = fc.array(fc.array(fc.nat(1000), { minLength: 2, maxLength: 24 }), { minLength: 1, maxLength: 12 });

describe('every view answers on every record the machine makes', () => {
  it('random complaints, every report and every option: sane, consistent, escaped, and the same read back through parseRecord', async () => {
    await fc.assert(
      fc.asyncProperty(WALKS, COUNTING, PERIODS, fc.constantFrom(undefined, 1, 250, HOMES), fc.integer({ min: 1, max: 100 }), async (walks, counting, period, homes, top) => {
        // Every record along the way, and the last of each complaint on its own.
        const all = walks.flatMap(walk);
        note(all);
        const last = walks.map((w) => walk(w).at(-1)).filter((r) => r !== undefined);
        for (const [n, records] of [all, last].entries()) {
          const options = { period, ...counting, ...(homes !== undefined ? { homes } : {}), landlord: { name: HOSTILE_NAMES[top % 3]! }, top };
          const report = annualReport(records, options);
          expectConsistent(report);
          const streamed = await annualReport(
            (async function* () {
              yield* records;
            })(),
            options,
          );
          expect(streamed).toEqual(report);
          const tsm = tenantSatisfactionMeasures(records, { period, ...counting, homes: homes ?? 1 });
          expectSane(tsm);
          for (const r of records) {
            for (const stage of [1, 2] as const) {
              const facts = stage === 1 ? r.stage1 : r.stage2;
              if (!facts) continue;
              const within = respondedWithinTimescale(facts, stage, counting);
              const due = timescaleDeadline(facts, stage, counting);
              if (facts.respondedOn === undefined) expect(within).toBeUndefined();
              else expect(typeof within).toBe('boolean');
              if (due !== undefined) expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            }
          }
          // Read back from JSON: the same records, the same figures.
          const read = records.map((r) => parseRecord(JSON.parse(JSON.stringify(r))));
          expect(read).toEqual(records);
          expect(annualReport(read, options)).toEqual(report);
          expect(tenantSatisfactionMeasures(read, { period, ...counting, homes: homes ?? 1 })).toEqual(tsm);
          if (n > 0) continue;
          const page = renderAnnualReport(report, { format: 'html', title: HOSTILE_NAMES[(top + 1) % 3]! });
          expectSafeHtml(page);
          expect(page).not.toMatch(/(width|height)="-/);
          expectSafeMarkdown(renderAnnualReport(report, { format: 'markdown' }));
          expect(renderAnnualReport(JSON.parse(JSON.stringify(report)), { format: 'html', title: HOSTILE_NAMES[(top + 1) % 3]! })).toBe(page);
        }
      }),
      { numRuns: 40 },
    );
    for (const kind of ['stage1', 'stage2', 'closed', 'closed:declined', 'closed:withdrawn', 'closed:final-response', 'extended', 'breach', 'remedy']) expect([...reached]).toContain(kind);
  });

  it('comparePolicies on random logs: answers, sane figures, and text for it', () => {
    fc.assert(
      fc.property(WALKS, COUNTING, (walks, counting) => {
        const log: Record<string, unknown>[] = [];
        for (const [n, choices] of walks.entries()) {
          const model = modelFor(choices[0] ?? 0);
          let snapshot = replay(model.machine, []).snapshot;
          for (const choice of choices.slice(1)) {
            const candidates = model.eventsFrom(snapshot);
            if (candidates.length === 0) break;
            const event = candidates[choice % candidates.length]!;
            const result = step(model.machine, snapshot, event);
            if (!result.accepted) continue;
            snapshot = result.snapshot;
            log.push({ complaintId: `W-${n}`, ...event, ...(event.type === 'RECEIVE' ? { complaint: { ...event.complaint, id: `W-${n}` } } : {}) });
          }
        }
        const comparison = comparePolicies(log as EventLog, COMPARED, { period: { from: '2024-01-01', to: '2025-12-31' }, homes: 100, measures: counting });
        expectSane(comparison.policies.map((p) => ({ ...p.totals, tsm: p.tsm })));
        const text = comparisonToText(comparison, { limit: 10, consequential: true });
        expect(text).toBe(comparisonToText(JSON.parse(JSON.stringify(comparison)), { limit: 10, consequential: true }));
      }),
      { numRuns: 8 },
    );
  });
});
