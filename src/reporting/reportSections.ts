/**
 * The annual report as sections of plain tables, in words a resident can read: the one model both
 * renderers print, so the HTML page and the Markdown say the same things in the same order.
 */
import type { AnnualReport } from './annual.js';
import type { TenantSatisfactionMeasures } from './tsm.js';

/** @internal A table cell: its text, and attributes the HTML page puts on it (for tests and scripts). */
export interface Cell {
  readonly text: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** @internal A table: its caption, column headings, rows, and which columns hold numbers. */
export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | Cell)[])[];
  /** Columns from this index on are numbers (right-aligned). */
  readonly numbersFrom: number;
}

/** @internal A section: its id (the HTML page adds a chart for some), heading, paragraphs and tables. */
export interface Section {
  readonly id: 'tsm' | 'volumes' | 'timeliness' | 'outcomes' | 'categories' | 'declines' | 'extensions' | 'breaches' | 'remedies' | 'ombudsman' | 'learning';
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly Table[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** @internal A whole number with thousands separators: `12,345`. */
export function count(n: number): string {
  return Number.isFinite(n) ? Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '–';
}

/** @internal A figure to one decimal place, `–` for none. */
export function decimal(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(1) : '–';
}

/** @internal A percentage to one decimal place, `–` for none. */
export function percent(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? `${n.toFixed(1)}%` : '–';
}

/** @internal Whole pence as pounds: `£1,250.00`. */
export function pounds(pence: number): string {
  if (!Number.isSafeInteger(pence) || pence < 0) return '–';
  const rest = pence % 100;
  return `£${count((pence - rest) / 100)}.${String(rest).padStart(2, '0')}`;
}

/** @internal `'2024-04-01'` as `1 April 2024`. */
export function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? '?'} ${date.slice(0, 4)}`;
}

/** @internal `'2024-04'` as `April 2024`, or `Apr 2024` when short. */
export function monthLabel(month: string, short = false): string {
  const name = MONTHS[Number(month.slice(5, 7)) - 1] ?? '?';
  return `${short ? name.slice(0, 3) : name} ${month.slice(0, 4)}`;
}

/** @internal The reasons, findings and kinds in words. */
export const WORDS: Readonly<Record<string, string>> = {
  'outside-time-limit': 'Outside the time limit',
  'legal-proceedings': 'Legal proceedings started',
  'previously-considered': 'Already considered under the complaints policy',
  'not-a-complaint': 'Not a complaint (a service request)',
  'outside-policy-window': "Outside the policy's window for stage 2",
  'stage1.acknowledge': 'Stage 1 acknowledgement',
  'stage1.respond': 'Stage 1 response',
  'stage2.acknowledge': 'Stage 2 acknowledgement',
  'stage2.respond': 'Stage 2 response',
  remedy: 'Remedy promised',
  action: 'Outstanding action (6.6, 6.17)',
  timer: "The policy's own timescale",
  // Awaab's Law's duties, beside the complaint's own deadlines.
  'hazard:emergency-investigate': "Emergency hazard investigated (Awaab's Law, 24 hours)",
  'hazard:emergency-make-safe': "Emergency hazard made safe (Awaab's Law, 24 hours)",
  'hazard:significant-investigate': "Significant hazard investigated (Awaab's Law)",
  'hazard:written-summary': "Written summary of a hazard investigation (Awaab's Law)",
  'hazard:significant-safety-work': "Safety work on a significant hazard (Awaab's Law)",
  'hazard:supplementary-work-on-site': "Supplementary work on site (Awaab's Law, 12 weeks)",
  apology: 'Apology',
  explanation: 'Explanation',
  'decision-changed': 'Decision changed',
  'record-amended': 'Record amended',
  financial: 'Financial remedy',
  'policy-change': 'Policy or procedure changed',
  'no-maladministration': 'No maladministration',
  'service-failure': 'Service failure',
  maladministration: 'Maladministration',
  'severe-maladministration': 'Severe maladministration',
  'reasonable-redress': 'Reasonable redress',
  'outside-jurisdiction': 'Outside jurisdiction',
  withdrawn: 'Withdrawn',
};

/** A code in words: its own entry in `table` only, never one inherited (`toString`, `__proto__`). */
const wordsIn = (table: Readonly<Record<string, string>>, code: string) => (Object.hasOwn(table, code) ? table[code]! : code);
const words = (code: string) => wordsIn(WORDS, code);

/** The remedies of 7.1 in words. */
const REMEDY_WORDS: Readonly<Record<string, string>> = { ...WORDS, action: 'Action to put things right' };

/** @internal `1 complaint`, `2 complaints`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function tsmSection(tsm: TenantSatisfactionMeasures): Section {
  const split = tsm.byTenure;
  const groups: [string, string, TenantSatisfactionMeasures | NonNullable<TenantSatisfactionMeasures['byTenure']>['lowCostRental']][] = [['all', 'All homes', tsm]];
  if (split) groups.push(['lowCostRental', 'Low-cost rental', split.lowCostRental], ['lowCostHomeOwnership', 'Low-cost home ownership', split.lowCostHomeOwnership]);
  const cell = (measure: string, group: string, text: string): Cell => ({ text, attributes: { 'data-measure': measure, 'data-group': group } });
  const row = (name: string, measure: string, value: (g: (typeof groups)[number][2]) => string) => [name, ...groups.map(([group, , g]) => cell(measure, group, value(g)))];
  const head = ['Measure', ...groups.map(([, name]) => name)];
  const measures: Table = {
    caption: 'Tenant Satisfaction Measures: complaints',
    head,
    numbersFrom: 1,
    rows: [
      row('CH01(1) Stage 1 complaints received per 1,000 homes', 'CH01.stage1.perThousandHomes', (g) => decimal(g.CH01.stage1.perThousandHomes)),
      row('CH01(2) Stage 2 complaints received per 1,000 homes', 'CH01.stage2.perThousandHomes', (g) => decimal(g.CH01.stage2.perThousandHomes)),
      row("CH02(1) Stage 1 complaints responded to within the Code's timescales", 'CH02.stage1.percent', (g) => percent(g.CH02.stage1.percent)),
      row("CH02(2) Stage 2 complaints responded to within the Code's timescales", 'CH02.stage2.percent', (g) => percent(g.CH02.stage2.percent)),
    ],
  };
  const counts: Table = {
    caption: 'The counts behind the measures',
    head: ['Count', ...groups.map(([, name]) => name)],
    numbersFrom: 1,
    rows: [
      row('Homes', 'homes', (g) => count(g.homes)),
      row('Stage 1 complaints received', 'CH01.stage1.received', (g) => count(g.CH01.stage1.received)),
      row('Stage 2 complaints received', 'CH01.stage2.received', (g) => count(g.CH01.stage2.received)),
      row('Stage 1 responses sent', 'CH02.stage1.responded', (g) => count(g.CH02.stage1.responded)),
      row('of which within timescale', 'CH02.stage1.withinTimescale', (g) => count(g.CH02.stage1.withinTimescale)),
      row('Stage 2 responses sent', 'CH02.stage2.responded', (g) => count(g.CH02.stage2.responded)),
      row('of which within timescale', 'CH02.stage2.withinTimescale', (g) => count(g.CH02.stage2.withinTimescale)),
    ],
  };
  const o = tsm.options;
  const { excluded, included } = tsm;
  const declined = excluded.declined.stage1 + excluded.declined.stage2 + included.declined.stage1 + included.declined.stage2;
  const withdrawn = excluded.withdrawn.stage1 + excluded.withdrawn.stage2 + included.withdrawn.stage1 + included.withdrawn.stage2;
  const refused = excluded.escalationRefused + included.escalationRefused;
  const paragraphs = [
    `The Regulator of Social Housing's measures for complaints. Counting choices: declined complaints ${o.declined === 'exclude' ? 'left out' : 'counted'} (${count(declined)}); withdrawn complaints ${o.withdrawn === 'exclude' ? 'left out' : 'counted'} (${count(withdrawn)}); refused requests for stage 2 ${o.escalationRefused === 'exclude' ? 'left out' : 'counted'} (${count(refused)}).`,
    `A response counts as within timescale ${
      o.extensions === 'original-deadline' ? 'only by its deadline before any extension' : o.extensions === 'any-agreed' ? 'by any date the resident was told in time' : 'by its deadline, or within an extension the Code permits (6.4, 6.15)'
    }${o.lateAcknowledgement === 'not-within-timescale' ? '; a stage acknowledged late never does' : o.lateAcknowledgement === 'as-if-acknowledged-on-time' ? ', counted as if the acknowledgement had been on time' : ''}.`,
  ];
  if (split) {
    const u = split.unknownTenure;
    const unknown = u.CH01.stage1.received + u.CH01.stage2.received + u.CH02.stage1.responded + u.CH02.stage2.responded;
    if (unknown > 0) {
      paragraphs.push(
        `Complaints with no tenure recorded count in "All homes" only: ${count(u.CH01.stage1.received)} stage 1 and ${count(u.CH01.stage2.received)} stage 2 received; ${count(u.CH02.stage1.responded)} stage 1 and ${count(u.CH02.stage2.responded)} stage 2 responses.`,
      );
    }
  }
  return { id: 'tsm', heading: 'Tenant Satisfaction Measures', paragraphs, tables: [measures, counts] };
}

/** @internal The report's sections, in order. */
export function reportSections(report: AnnualReport): Section[] {
  const sections: Section[] = [];
  if (report.tsm) sections.push(tsmSection(report.tsm));
  const v = report.volumes;
  sections.push({
    id: 'volumes',
    heading: 'Complaints received',
    paragraphs: [`${plural(v.stage1, 'complaint was', 'complaints were')} received at stage 1, and ${plural(v.stage2, 'was', 'were')} escalated to stage 2.`],
    tables: [
      {
        caption: 'Complaints received by month',
        head: ['Month', 'Stage 1', 'Stage 2'],
        numbersFrom: 1,
        rows: [...v.byMonth.map((m) => [monthLabel(m.month), count(m.stage1), count(m.stage2)]), ['Total', count(v.stage1), count(v.stage2)]],
      },
    ],
  });
  const t = report.timeliness;
  sections.push({
    id: 'timeliness',
    heading: 'Timeliness against the Code',
    paragraphs: ['Acknowledgements are due within 5 working days (6.2, 6.11); responses within 10 working days of the acknowledgement at stage 1 (6.3) and 20 at stage 2 (6.14).'],
    tables: [
      {
        caption: 'Acknowledgements and responses sent in the period',
        head: ['Stage', 'Acknowledged', 'On time', 'On time %', 'Responded', 'Within timescale', 'Within timescale %'],
        numbersFrom: 1,
        rows: (['stage1', 'stage2'] as const).map((stage, i) => [
          `Stage ${i + 1}`,
          count(t[stage].acknowledged),
          count(t[stage].acknowledgedOnTime),
          percent(t[stage].acknowledgedOnTimePercent),
          count(t[stage].responded),
          count(t[stage].respondedWithinTimescale),
          percent(t[stage].respondedWithinTimescalePercent),
        ]),
      },
    ],
  });
  const o = report.outcomes;
  sections.push({
    id: 'outcomes',
    heading: 'Outcomes',
    paragraphs: ['The decisions of the responses sent in the period.'],
    tables: [
      {
        caption: 'Decisions by stage',
        head: ['Stage', 'Upheld', 'Partly upheld', 'Not upheld', 'Not recorded', 'Total'],
        numbersFrom: 1,
        rows: (['stage1', 'stage2'] as const).map((stage, i) => {
          const x = o[stage];
          return [`Stage ${i + 1}`, count(x.upheld), count(x.partlyUpheld), count(x.notUpheld), count(x.notRecorded), count(x.upheld + x.partlyUpheld + x.notUpheld + x.notRecorded)];
        }),
      },
    ],
  });
  sections.push({
    id: 'categories',
    heading: 'What complaints were about',
    paragraphs: ['Stage 1 complaints received, by category and by service area.'],
    tables: [
      {
        caption: 'By category',
        head: ['Category', 'Complaints'],
        numbersFrom: 1,
        rows: [...report.categories.map((c) => [c.category, count(c.count)]), ...(report.uncategorised > 0 ? [['No category', count(report.uncategorised)]] : [])],
      },
      {
        caption: 'By service area',
        head: ['Service area', 'Complaints'],
        numbersFrom: 1,
        rows: [...report.serviceAreas.map((c) => [c.serviceArea, count(c.count)]), ...(report.noServiceArea > 0 ? [['No service area', count(report.noServiceArea)]] : [])],
      },
    ],
  });
  const d = report.declines;
  const r = report.escalationRefusals;
  sections.push({
    id: 'declines',
    heading: 'Complaints not taken forward',
    paragraphs: [
      `${plural(d.total, 'complaint was', 'complaints were')} declined (${count(d.byStage.stage1)} at stage 1, ${count(d.byStage.stage2)} at stage 2) and ${plural(r.total, 'request for stage 2 was', 'requests for stage 2 were')} refused. The reasons show the types of complaints refused (8.1(b)).`,
    ],
    tables: [
      { caption: 'Complaints declined, by reason (section 2)', head: ['Reason', 'Complaints'], numbersFrom: 1, rows: Object.entries(d.byReason).map(([reason, n]) => [words(reason), count(n)]) },
      { caption: 'Requests for stage 2 refused, by reason (5.11)', head: ['Reason', 'Requests'], numbersFrom: 1, rows: Object.entries(r.byReason).map(([reason, n]) => [words(reason), count(n)]) },
    ],
  });
  const e = report.extensions;
  sections.push({
    id: 'extensions',
    heading: 'Extensions',
    paragraphs: ['Extensions given in the period (6.4, 6.15): the Code allows 10 working days at stage 1 and 20 at stage 2 without a good reason.'],
    tables: [
      {
        caption: 'Extensions by stage',
        head: ['Stage', 'Extensions', 'Complaints', 'With a good reason', 'Beyond the Code without one', 'Given after the deadline'],
        numbersFrom: 1,
        rows: (['stage1', 'stage2'] as const).map((stage, i) => [
          `Stage ${i + 1}`,
          count(e[stage].count),
          count(e[stage].complaints),
          count(e[stage].withGoodReason),
          count(e[stage].beyondCodeLimit),
          count(e[stage].afterDeadline),
        ]),
      },
      {
        caption: 'Extensions by reason',
        head: ['Reason', 'Stage 1', 'Stage 2'],
        numbersFrom: 1,
        rows: extensionReasons(report),
      },
    ],
  });
  sections.push({
    id: 'breaches',
    heading: 'Missed deadlines',
    paragraphs: [`${plural(report.breaches.total, 'deadline was', 'deadlines were')} missed in the period.`],
    tables: [{ caption: 'Missed deadlines by kind', head: ['Deadline', 'Provision', 'Missed'], numbersFrom: 2, rows: report.breaches.byDeadline.map((b) => [words(b.deadline), b.provision, count(b.count)]) }],
  });
  const m = report.remedies;
  sections.push({
    id: 'remedies',
    heading: 'Putting things right',
    paragraphs: [
      `${plural(m.offered, 'remedy was', 'remedies were')} offered (7.1), ${pounds(m.totalPence)} in money. Of those, ${count(m.completedOnTime)} completed on time, ${count(m.completedLate)} completed late and ${count(m.outstanding)} outstanding.`,
    ],
    tables: [{ caption: 'Remedies offered, by kind', head: ['Remedy', 'Offered', 'Amount'], numbersFrom: 1, rows: m.byKind.filter((k) => k.count > 0).map((k) => [wordsIn(REMEDY_WORDS, k.kind), count(k.count), k.amountPence > 0 ? pounds(k.amountPence) : '']) }],
  });
  const h = report.ombudsman;
  sections.push({
    id: 'ombudsman',
    heading: 'The Housing Ombudsman',
    paragraphs: [
      `${plural(h.referred, 'complaint was', 'complaints were')} referred to the Housing Ombudsman and ${plural(h.determined, 'determination was', 'determinations were')} received, making ${plural(h.orders, 'order')}.${h.maladministrationRate === null ? '' : ` Maladministration rate: ${percent(h.maladministrationRate)} of findings.`}`,
    ],
    tables: [{ caption: 'Findings of the determinations received', head: ['Finding', 'Findings'], numbersFrom: 1, rows: Object.entries(h.findings).map(([finding, n]) => [words(finding), count(n)]) }],
  });
  const l = report.learning;
  const learned = (caption: string, head: string, rows: readonly { count: number; upheldOrPartly: number }[], label: (row: never) => string): Table => ({
    caption,
    head: [head, 'Responses', 'Upheld or partly upheld'],
    numbersFrom: 1,
    rows: rows.map((row) => [label(row as never), count(row.count), count(row.upheldOrPartly)]),
  });
  sections.push({
    id: 'learning',
    heading: 'Learning from complaints',
    paragraphs: ['What the responses sent in the period found (8.1(d), 9.x): root causes, categories and service areas, most frequent first.'],
    tables: [
      learned('Root causes', 'Cause', l.topCauses, (row: { cause: string }) => row.cause),
      learned('Categories', 'Category', l.topCategories, (row: { category: string }) => row.category),
      learned('Service areas', 'Service area', l.topServiceAreas, (row: { serviceArea: string }) => row.serviceArea),
    ],
  });
  return sections;
}

function extensionReasons(report: AnnualReport): string[][] {
  const reasons = new Map<string, [number, number]>();
  for (const [i, stage] of (['stage1', 'stage2'] as const).entries()) {
    for (const { category, count: n } of report.extensions[stage].byCategory) {
      const row = reasons.get(category) ?? [0, 0];
      row[i] = row[i]! + n;
      reasons.set(category, row);
    }
  }
  const rows = [...reasons].map(([category, [a, b]]) => [category, count(a), count(b)]);
  const none = [report.extensions.stage1.uncategorised, report.extensions.stage2.uncategorised];
  if (none[0]! + none[1]! > 0) rows.push(['No reason recorded', count(none[0]!), count(none[1]!)]);
  return rows;
}
