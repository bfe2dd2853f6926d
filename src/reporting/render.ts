/**
 * The annual report, ready to publish: one self-contained, printable HTML page with inline SVG
 * charts and the tables behind them, or the same sections as Markdown tables.
 */
import { InvalidInputError, readOptions, typedErrors } from '../errors.js';
import { plainCopy } from '../plain.js';
import { VERSION } from '../version.js';
import type { AnnualReport } from './annual.js';
import { categoriesChart, COLOURS, escapeHtml, outcomesChart, timelinessChart, volumesChart } from './charts.js';
import { count, longDate, reportSections, type Cell, type Section, type Table } from './reportSections.js';

/**
 * Options of {@link renderAnnualReport}.
 *
 * @example
 * ```ts
 * const options: RenderAnnualReportOptions = { format: 'markdown', title: 'Complaints 2024 to 2025' };
 * ```
 */
export interface RenderAnnualReportOptions {
  /** `'html'`: one self-contained printable page; `'markdown'`: the same sections as tables. */
  readonly format: 'html' | 'markdown';
  /** The heading (default: "Annual complaints performance and service improvement report"), 1 to 200 characters. */
  readonly title?: string;
}

const DEFAULT_TITLE = 'Annual complaints performance and service improvement report';

const CHARTS: Partial<Record<Section['id'], (report: AnnualReport) => string>> = {
  volumes: volumesChart,
  timeliness: timelinessChart,
  outcomes: outcomesChart,
  categories: categoriesChart,
};

/**
 * Renders an annual report (from {@link annualReport}) for publishing (Code 8.2).
 *
 * - `'html'`: one self-contained page that needs nothing else: inline CSS (with print styles),
 *   inline SVG charts (complaints by month, timeliness against the Code, outcomes, top categories)
 *   each with a title, a description and a table of the same numbers, no script, no link, no
 *   image or font fetched. Every label is escaped.
 * - `'markdown'`: the same sections as Markdown tables, `|` and other markup escaped.
 *
 * @param report - a report from {@link annualReport}
 * @param options - the format, and a title
 * @returns the page or the Markdown
 * @throws {@link InvalidInputError} for a bad option, or a value that is not a report
 *
 * @example
 * ```ts
 * const report = annualReport([], { period: { from: '2024-04-01', to: '2025-03-31' }, landlord: { name: 'Mill Lane Homes' } });
 * renderAnnualReport(report, { format: 'html' }).includes('No complaints in this period'); //=> true
 * renderAnnualReport(report, { format: 'markdown' }).split('\n')[0]; //=> '# Annual complaints performance and service improvement report'
 * ```
 */
export function renderAnnualReport(report: AnnualReport, options: RenderAnnualReportOptions): string {
  const read = readOptions(plainOptions(options), ['format', 'title']);
  if (read.format !== 'html' && read.format !== 'markdown') throw new InvalidInputError('options.format', read.format, "'html' or 'markdown'");
  const title = read.title ?? DEFAULT_TITLE;
  if (typeof title !== 'string' || title.trim() === '' || title.length > 200) throw new InvalidInputError('options.title', title, 'a title of 1 to 200 characters');
  return typedErrors('report', report, 'an annual report from annualReport', () => {
    const copy = plainCopy(report, { maxDepth: 8, maxValues: 1_000_000 }) as AnnualReport;
    const sections = reportSections(copy);
    return read.format === 'html' ? html(copy, sections, title.trim()) : markdown(copy, sections, title.trim());
  });
}

function plainOptions(options: unknown): unknown {
  return typedErrors('options', options, "options { format: 'html' | 'markdown', title? }", () => plainCopy(options, { maxDepth: 2, maxValues: 10 }));
}

function subtitle(report: AnnualReport): string {
  return `${report.landlord ? `${report.landlord.name}: ` : ''}${longDate(report.period.from)} to ${longDate(report.period.to)}`;
}

// ---------------------------------------------------------------- HTML

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f2f1; color: ${COLOURS.text}; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 32px 40px 48px; background: #fff; }
header { border-bottom: 6px solid ${COLOURS.stage1}; padding-bottom: 16px; margin-bottom: 24px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 8px; }
h2 { font-size: 1.4rem; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid ${COLOURS.grid}; }
.subtitle { font-size: 1.15rem; color: ${COLOURS.muted}; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 0 0 8px; padding: 0; list-style: none; }
.card { border-left: 5px solid ${COLOURS.stage1}; background: #f3f7fb; padding: 10px 14px; }
.card strong { display: block; font-size: 1.7rem; line-height: 1.2; }
.card span { font-size: 0.9rem; color: ${COLOURS.muted}; }
figure { margin: 16px 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg.chart { display: block; width: 100%; height: auto; max-width: 760px; font-family: inherit; }
svg .tick, svg .legend { font-size: 12px; fill: ${COLOURS.text}; }
svg .label, svg .value { font-size: 13px; fill: ${COLOURS.text}; }
svg .inside { font-size: 13px; font-weight: 700; fill: #fff; }
svg .note, svg .empty { font-size: 14px; fill: ${COLOURS.muted}; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid ${COLOURS.grid}; padding: 6px 12px 6px 0; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid ${COLOURS.text}; font-weight: 700; }
tbody th { font-weight: 400; min-width: 6em; }
table.narrow { max-width: 560px; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; }
.tables { display: grid; grid-template-columns: 1fr 1fr; gap: 0 32px; }
footer { margin-top: 40px; font-size: 0.85rem; color: ${COLOURS.muted}; border-top: 1px solid ${COLOURS.grid}; padding-top: 12px; }
@media (max-width: 720px) { main { padding: 16px; } .cards, .tables { grid-template-columns: 1fr 1fr; } }
@media print {
  @page { margin: 15mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, table, .cards { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

function cellHtml(cell: string | Cell, numeric: boolean, tag: 'td' | 'th'): string {
  const { text, attributes } = typeof cell === 'string' ? { text: cell, attributes: undefined } : cell;
  const extra = attributes ? Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('') : '';
  return `<${tag}${numeric ? ' class="n"' : ''}${extra}>${escapeHtml(text)}</${tag}>`;
}

function tableHtml(table: Table): string {
  const head = table.head.map((h, i) => cellHtml(h, i >= table.numbersFrom, 'th').replace('<th', '<th scope="col"')).join('');
  const rows = table.rows
    .map((row) => `<tr${row[0] === 'Total' ? ' class="total"' : ''}>${row.map((c, i) => cellHtml(c, i >= table.numbersFrom, i === 0 ? 'th' : 'td').replace(/^<th/, '<th scope="row"')).join('')}</tr>`)
    .join('');
  const body = rows || `<tr><td colspan="${table.head.length}">None in this period</td></tr>`;
  return `<table${table.head.length <= 3 ? ' class="narrow"' : ''}><caption>${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function cards(report: AnnualReport): string {
  const t = report.timeliness.stage1;
  const items: [string, string][] = [
    [count(report.volumes.stage1), 'stage 1 complaints received'],
    [count(report.volumes.stage2), 'escalated to stage 2'],
    [t.respondedWithinTimescalePercent === null ? '–' : `${t.respondedWithinTimescalePercent.toFixed(1)}%`, 'stage 1 responses within the Code’s timescales'],
    [count(report.outcomes.stage1.upheld + report.outcomes.stage1.partlyUpheld + report.outcomes.stage2.upheld + report.outcomes.stage2.partlyUpheld), 'responses upholding a complaint in full or in part'],
  ];
  return `<ul class="cards">${items.map(([figure, label]) => `<li class="card"><strong>${escapeHtml(figure)}</strong><span>${escapeHtml(label)}</span></li>`).join('')}</ul>`;
}

function html(report: AnnualReport, sections: readonly Section[], title: string): string {
  const body = sections
    .map((section) => {
      const chart = CHARTS[section.id];
      const figure = chart ? `<figure>${chart(report)}</figure>` : '';
      const paragraphs = section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
      const tables = section.tables.map(tableHtml).join('');
      // Two short tables sit side by side; wider ones are stacked.
      const layout = section.tables.length === 2 && section.tables.every((t) => t.head.length <= 3) ? `<div class="tables">${tables}</div>` : tables;
      return `<section id="${section.id}" aria-labelledby="${section.id}-heading"><h2 id="${section.id}-heading">${escapeHtml(section.heading)}</h2>${paragraphs}${figure}${layout}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title}: ${subtitle(report)}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p class="subtitle">${escapeHtml(subtitle(report))}</p></header>
${cards(report)}
${body}
<footer>Figures from anonymous complaint records: no resident can be identified from them. Complaint Handling Code 2024, provisions 8.1 and 8.2; Tenant Satisfaction Measures CH01 and CH02. Produced with housing-complaints ${escapeHtml(VERSION)}.</footer>
</main>
</body>
</html>
`;
}

// ---------------------------------------------------------------- Markdown

/** Text safe in a Markdown table cell: markup characters escaped, one line. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|~&#!]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

function tableMarkdown(table: Table): string {
  const text = (cell: string | Cell) => md(typeof cell === 'string' ? cell : cell.text);
  const lines = [`**${md(table.caption)}**`, '', `| ${table.head.map(md).join(' | ')} |`, `|${table.head.map((_, i) => (i >= table.numbersFrom ? ' ---: ' : ' --- ')).join('|')}|`];
  for (const row of table.rows) lines.push(`| ${row.map(text).join(' | ')} |`);
  if (table.rows.length === 0) lines.push(`| None in this period |${' |'.repeat(table.head.length - 1)}`);
  return lines.join('\n');
}

function markdown(report: AnnualReport, sections: readonly Section[], title: string): string {
  const parts = [`# ${md(title)}`, '', md(subtitle(report))];
  for (const section of sections) {
    parts.push('', `## ${md(section.heading)}`);
    for (const p of section.paragraphs) parts.push('', md(p));
    for (const table of section.tables) parts.push('', tableMarkdown(table));
  }
  parts.push('', `_Figures from anonymous complaint records. Produced with housing-complaints ${VERSION}._`, '');
  return parts.join('\n');
}
