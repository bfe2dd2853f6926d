/**
 * Inline SVG charts for the annual report page: plain shapes with their numbers on them, no script
 * and nothing fetched. Every bar is a `<rect>` carrying its figure in `data-*` attributes and a
 * `<title>`, every chart has a `<title>` and `<desc>` (`role="img"`), and the page prints a table
 * of the same numbers beside each, so nothing is only in a picture.
 */
import type { AnnualReport } from './annual.js';
import { count, monthLabel, percent } from './reportSections.js';

/** @internal The palette: each colour has at least 4.5:1 contrast on white. */
export const COLOURS = {
  stage1: '#1d70b8',
  stage2: '#6f2c91',
  upheld: '#b3261e',
  partlyUpheld: '#a35200',
  notUpheld: '#00703c',
  notRecorded: '#5f666b',
  good: '#00703c',
  track: '#e6e9eb',
  grid: '#d5d9dc',
  text: '#0b0c0c',
  muted: '#505a5f',
} as const;

/** @internal `text` safe in HTML text and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A coordinate: finite, two decimals. */
function at(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}

const WIDTH = 760;

function svg(id: string, height: number, title: string, desc: string, body: string): string {
  return (
    `<svg class="chart" id="${id}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>${body}</svg>`
  );
}

function empty(id: string, title: string, message = 'No complaints in this period'): string {
  return svg(id, 80, title, message, `<text class="empty" x="${WIDTH / 2}" y="46" text-anchor="middle">${escapeHtml(message)}</text>`);
}

/** The smallest 1, 2 or 5 × 10ⁿ step giving at most 5 gridlines up to `max`, and the top of the axis. */
function axis(max: number): { step: number; top: number } {
  const raw = Math.max(1, max / 5);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return { step, top: Math.max(step, Math.ceil(max / step) * step) };
}

function rect(x: number, y: number, width: number, height: number, fill: string, data: Record<string, string>, title: string): string {
  const attributes = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  return `<rect x="${at(x)}" y="${at(y)}" width="${at(width)}" height="${at(height)}" fill="${fill}"${attributes}><title>${escapeHtml(title)}</title></rect>`;
}

function legend(x: number, y: number, items: readonly [string, string][]): string {
  let out = '';
  let left = x;
  for (const [label, colour] of items) {
    out += `<rect x="${at(left)}" y="${at(y - 10)}" width="12" height="12" fill="${colour}"/><text x="${at(left + 17)}" y="${at(y)}" class="legend">${escapeHtml(label)}</text>`;
    left += 30 + label.length * 7;
  }
  return out;
}

/** @internal Complaints received by month: two bars a month, stage 1 and stage 2, on one scale. */
export function volumesChart(report: AnnualReport): string {
  const months = report.volumes.byMonth;
  const title = 'Complaints received by month';
  let max = 0;
  for (const m of months) max = Math.max(max, m.stage1, m.stage2);
  if (months.length === 0 || !(max > 0)) return empty('chart-volumes', title);
  const height = 300;
  const left = 44;
  const top = 30;
  const plotWidth = WIDTH - left - 10;
  const plotHeight = height - top - 50;
  const { step, top: axisTop } = axis(max);
  let body = legend(left, 16, [
    ['Stage 1', COLOURS.stage1],
    ['Stage 2', COLOURS.stage2],
  ]);
  for (let tick = 0; tick <= axisTop; tick += step) {
    const y = top + plotHeight - (tick / axisTop) * plotHeight;
    body += `<line x1="${left}" x2="${WIDTH - 10}" y1="${at(y)}" y2="${at(y)}" stroke="${COLOURS.grid}" stroke-width="1"/><text x="${left - 6}" y="${at(y + 4)}" text-anchor="end" class="tick">${count(tick)}</text>`;
  }
  const slot = plotWidth / months.length;
  // Room between months and between a month's two bars, both shrinking with the slot: a long period
  // (a hundred years is 1,200 months) gets thin bars, never a negative width.
  const pad = Math.min(6, slot / 4);
  const gap = Math.min(2, slot / 20);
  const bar = Math.min(26, (slot - pad) / 2);
  const every = Math.ceil(months.length / 12);
  months.forEach((m, i) => {
    const x = left + i * slot + (slot - 2 * bar - gap) / 2;
    const h1 = (m.stage1 / axisTop) * plotHeight;
    const h2 = (m.stage2 / axisTop) * plotHeight;
    const name = monthLabel(m.month);
    body += rect(x, top + plotHeight - h1, bar, h1, COLOURS.stage1, { month: m.month, stage: '1', value: String(m.stage1) }, `${name}: ${count(m.stage1)} stage 1`);
    body += rect(x + bar + gap, top + plotHeight - h2, bar, h2, COLOURS.stage2, { month: m.month, stage: '2', value: String(m.stage2) }, `${name}: ${count(m.stage2)} stage 2`);
    if (i % every === 0) {
      const cx = left + i * slot + slot / 2;
      const year = i === 0 || m.month.endsWith('-01') ? `<tspan x="${at(cx)}" dy="14">${escapeHtml(m.month.slice(0, 4))}</tspan>` : '';
      body += `<text x="${at(cx)}" y="${top + plotHeight + 16}" text-anchor="middle" class="tick">${escapeHtml(monthLabel(m.month, true).slice(0, 3))}${year}</text>`;
    }
  });
  body += `<line x1="${left}" x2="${WIDTH - 10}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="${COLOURS.muted}" stroke-width="1"/>`;
  const desc = `Bar chart of stage 1 and stage 2 complaints received in each month: ${count(report.volumes.stage1)} at stage 1 and ${count(report.volumes.stage2)} at stage 2 in all. The table below gives each month's figures.`;
  return svg('chart-volumes', height, title, desc, body);
}

/** @internal Acknowledged on time and responded within timescale, as percentages, per stage. */
export function timelinessChart(report: AnnualReport): string {
  const t = report.timeliness;
  const title = "Timeliness against the Code's timescales";
  const rows: [string, '1' | '2', string, number | null, number, number][] = [
    ['Stage 1: acknowledged on time', '1', 'acknowledgedOnTime', t.stage1.acknowledgedOnTimePercent, t.stage1.acknowledgedOnTime, t.stage1.acknowledged],
    ['Stage 1: responded within timescale', '1', 'respondedWithinTimescale', t.stage1.respondedWithinTimescalePercent, t.stage1.respondedWithinTimescale, t.stage1.responded],
    ['Stage 2: acknowledged on time', '2', 'acknowledgedOnTime', t.stage2.acknowledgedOnTimePercent, t.stage2.acknowledgedOnTime, t.stage2.acknowledged],
    ['Stage 2: responded within timescale', '2', 'respondedWithinTimescale', t.stage2.respondedWithinTimescalePercent, t.stage2.respondedWithinTimescale, t.stage2.responded],
  ];
  if (rows.every((row) => row[5] === 0)) return empty('chart-timeliness', title);
  const labelWidth = 250;
  const barWidth = 360;
  const rowHeight = 38;
  let body = '';
  rows.forEach(([label, stage, measure, value, on, of], i) => {
    const y = 10 + i * rowHeight;
    body += `<text x="0" y="${y + 17}" class="label">${escapeHtml(label)}</text>`;
    body += `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="18" fill="${COLOURS.track}" class="track"/>`;
    if (value === null) {
      body += `<text x="${labelWidth + 8}" y="${y + 17}" class="note">None in this period</text>`;
      return;
    }
    const width = (Math.min(100, Math.max(0, value)) / 100) * barWidth;
    body += rect(labelWidth, y + 4, width, 18, COLOURS.good, { stage, measure, value: String(value) }, `${label}: ${percent(value)} (${count(on)} of ${count(of)})`);
    body += `<text x="${labelWidth + barWidth + 10}" y="${y + 17}" class="value">${escapeHtml(`${percent(value)} (${count(on)} of ${count(of)})`)}</text>`;
  });
  const desc = `Horizontal bars, 0 to 100%: stage 1 acknowledged on time ${percent(t.stage1.acknowledgedOnTimePercent)}, responded within timescale ${percent(t.stage1.respondedWithinTimescalePercent)}; stage 2 acknowledged on time ${percent(t.stage2.acknowledgedOnTimePercent)}, responded within timescale ${percent(t.stage2.respondedWithinTimescalePercent)}.`;
  return svg('chart-timeliness', 10 + rows.length * rowHeight, title, desc, body);
}

/** @internal The decisions at each stage as one stacked bar each, widths in proportion within the stage. */
export function outcomesChart(report: AnnualReport): string {
  const title = 'Outcomes of the responses sent';
  const parts = [
    ['upheld', 'Upheld', COLOURS.upheld],
    ['partlyUpheld', 'Partly upheld', COLOURS.partlyUpheld],
    ['notUpheld', 'Not upheld', COLOURS.notUpheld],
    ['notRecorded', 'Not recorded', COLOURS.notRecorded],
  ] as const;
  const totals = (['stage1', 'stage2'] as const).map((stage) => parts.reduce((sum, [key]) => sum + report.outcomes[stage][key], 0));
  if (totals[0] === 0 && totals[1] === 0) return empty('chart-outcomes', title);
  const labelWidth = 90;
  const barWidth = 560;
  let body = legend(labelWidth, 16, parts.map(([, label, colour]) => [label, colour] as [string, string]));
  (['stage1', 'stage2'] as const).forEach((stage, i) => {
    const y = 32 + i * 42;
    const total = totals[i]!;
    body += `<text x="0" y="${y + 19}" class="label">Stage ${i + 1}</text>`;
    if (total === 0) {
      body += `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="22" fill="${COLOURS.track}" class="track"/><text x="${labelWidth + 8}" y="${y + 19}" class="note">No responses in this period</text>`;
      return;
    }
    let x = labelWidth;
    for (const [key, label, colour] of parts) {
      const n = report.outcomes[stage][key];
      const width = (n / total) * barWidth;
      body += rect(x, y + 4, width, 22, colour, { stage: String(i + 1), outcome: key, value: String(n) }, `Stage ${i + 1}, ${label.toLowerCase()}: ${count(n)} of ${count(total)}`);
      // The count on the segment, in white, where it fits; a white rule between segments.
      if (n > 0 && width >= 10 + count(n).length * 8) body += `<text x="${at(x + width / 2)}" y="${y + 20}" text-anchor="middle" class="inside">${count(n)}</text>`;
      if (x > labelWidth && n > 0) body += `<line x1="${at(x)}" x2="${at(x)}" y1="${y + 4}" y2="${y + 26}" stroke="#fff" stroke-width="2"/>`;
      x += width;
    }
    body += `<text x="${labelWidth + barWidth + 10}" y="${y + 19}" class="value">${count(total)}</text>`;
  });
  const desc = `Stacked bars of the decisions at each stage. Stage 1: ${count(report.outcomes.stage1.upheld)} upheld, ${count(report.outcomes.stage1.partlyUpheld)} partly upheld, ${count(report.outcomes.stage1.notUpheld)} not upheld. Stage 2: ${count(report.outcomes.stage2.upheld)} upheld, ${count(report.outcomes.stage2.partlyUpheld)} partly upheld, ${count(report.outcomes.stage2.notUpheld)} not upheld.`;
  return svg('chart-outcomes', 32 + 2 * 42, title, desc, body);
}

/** @internal The top categories of stage 1 complaints received, as horizontal bars on one scale. */
export function categoriesChart(report: AnnualReport): string {
  const top = report.categories.slice(0, Math.max(1, report.options.top));
  const title = `Top ${top.length || ''} categories of complaint`.replace('  ', ' ');
  if (top.length === 0) return empty('chart-categories', 'Categories of complaint', report.volumes.stage1 > 0 ? 'No categories recorded' : 'No complaints in this period');
  const max = top.reduce((m, c) => Math.max(m, c.count), 0) || 1;
  const labelWidth = 250;
  const barWidth = 420;
  const rowHeight = 30;
  let body = '';
  top.forEach((c, i) => {
    const y = 6 + i * rowHeight;
    const name = c.category.length > 34 ? `${c.category.slice(0, 33)}…` : c.category;
    body += `<text x="0" y="${y + 16}" class="label">${escapeHtml(name)}</text>`;
    body += rect(labelWidth, y + 3, (c.count / max) * barWidth, 18, COLOURS.stage1, { category: c.category, value: String(c.count) }, `${c.category}: ${count(c.count)}`);
    body += `<text x="${at(labelWidth + (c.count / max) * barWidth + 8)}" y="${y + 16}" class="value">${count(c.count)}</text>`;
  });
  const desc = `Horizontal bars of the most frequent categories: ${top.map((c) => `${c.category} ${count(c.count)}`).join(', ')}.`;
  return svg('chart-categories', 12 + top.length * rowHeight, title, desc, body);
}
