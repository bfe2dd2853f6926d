/**
 * renderAnnualReport as text: a self-contained page (nothing fetched, nothing run), every label
 * escaped, charts whose bars carry the report's numbers, nothing broken by an empty period; and the
 * same sections as Markdown tables. test/reporting/browser.test.ts opens the page in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { isInvalidInputError, type InvalidInputError } from '../../src/errors.js';
import { annualReport, type AnnualReport, type AnnualReportOptions } from '../../src/reporting/annual.js';
import { renderAnnualReport, type RenderAnnualReportOptions } from '../../src/reporting/render.js';
import { caught } from '../support/caught.js';
import { eachHostile } from '../support/hostileValues.js';
import { YEAR, yearRecords } from './fixtures/records.js';

const HOMES = { lowCostRental: 4000, lowCostHomeOwnership: 1000 };
const full = (options: Partial<AnnualReportOptions> = {}) => annualReport(yearRecords(), { period: YEAR, homes: HOMES, landlord: { name: 'Mill Lane Homes' }, ...options });
const html = (report: AnnualReport, title?: string) => renderAnnualReport(report, title === undefined ? { format: 'html' } : { format: 'html', title });

/** The attributes of every `<rect>` with `data-month`, as the page writes them. */
function monthBars(page: string) {
  return [...page.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="[^"]+" data-month="([^"]+)" data-stage="(\d)" data-value="(\d+)"><title>([^<]*)<\/title><\/rect>/g)].map((m) => ({
    height: Number(m[4]),
    month: m[5]!,
    stage: m[6]!,
    value: Number(m[7]),
    title: m[8]!,
  }));
}

describe('renderAnnualReport as HTML', () => {
  const report = full();
  const page = html(report);

  it('is one self-contained page: no script, no link, no URL, nothing fetched', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|\bsrc=|\bhref=|https?:|@import|url\(|@font-face/i);
    expect(page).toContain('<style>');
    expect(page).toMatch(/@media print/);
    expect(page).toContain('<html lang="en-GB">');
  });

  it('gives every chart a role, a title and a description, and a table of the same numbers', () => {
    const charts = [...page.matchAll(/<svg class="chart" id="([\w-]+)"[^>]* role="img" aria-labelledby="([\w-]+) ([\w-]+)"/g)];
    expect(charts.map((c) => c[1])).toEqual(['chart-volumes', 'chart-timeliness', 'chart-outcomes', 'chart-categories']);
    for (const [, id, title, desc] of charts) {
      expect(title).toBe(`${id}-title`);
      expect(page).toContain(`<title id="${title}">`);
      expect(page).toContain(`<desc id="${desc}">`);
      // The chart's section has a table.
      const section = page.slice(page.indexOf(`id="${id}"`));
      expect(section.slice(0, section.indexOf('</section>'))).toContain('<table');
    }
  });

  it('draws a bar for each month and stage, carrying its figure, heights in proportion', () => {
    const bars = monthBars(page);
    expect(bars).toHaveLength(24);
    for (const m of report.volumes.byMonth) {
      expect(bars.find((b) => b.month === m.month && b.stage === '1')?.value).toBe(m.stage1);
      expect(bars.find((b) => b.month === m.month && b.stage === '2')?.value).toBe(m.stage2);
    }
    const scale = bars.find((b) => b.value > 0)!.height / bars.find((b) => b.value > 0)!.value;
    for (const bar of bars) expect(bar.height).toBeCloseTo(bar.value * scale, 1);
    expect(bars.find((b) => b.month === '2024-07' && b.stage === '1')!.title).toBe('July 2024: 2 stage 1');
  });

  it('prints the measures, per tenure, with data attributes naming each figure', () => {
    const figure = (measure: string, group: string) => new RegExp(`<td class="n" data-measure="${measure.replace(/\./g, '\\.')}" data-group="${group}">([^<]*)</td>`).exec(page)?.[1];
    expect(figure('CH01.stage1.perThousandHomes', 'all')).toBe('2.8');
    expect(figure('CH01.stage1.perThousandHomes', 'lowCostRental')).toBe('2.0');
    expect(figure('CH02.stage1.percent', 'all')).toBe('84.6%');
    expect(figure('CH02.stage2.percent', 'lowCostRental')).toBe('–');
    expect(figure('CH02.stage2.percent', 'lowCostHomeOwnership')).toBe('100.0%');
    expect(figure('homes', 'all')).toBe('5,000');
    // Records with no tenure are explained.
    expect(page).toContain('Complaints with no tenure recorded count in &#34;All homes&#34; only: 2 stage 1 and 1 stage 2 received');
  });

  it('escapes every label, the landlord and the title', () => {
    const hostile = full({ landlord: { name: '<script>alert("x")</script> & Sons' } });
    const out = html(hostile, 'Report <b>2024</b>');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('<attitude>');
    expect(out).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Sons');
    expect(out).toContain('Staff conduct &#38; &#60;attitude&#62; | tone');
    expect(out).toContain('<h1>Report &#60;b&#62;2024&#60;/b&#62;</h1>');
  });

  it('says "No complaints in this period" in each chart of an empty period, with nothing NaN', () => {
    const empty = html(annualReport([], { period: YEAR, homes: 10 }));
    expect(empty.match(/<text class="empty"[^>]*>No complaints in this period<\/text>/g)?.length).toBe(4);
    expect(empty).not.toMatch(/NaN|Infinity|undefined|data-month/);
    // A period of one day, and a report without homes or landlord, render too.
    expect(html(annualReport([], { period: { from: '2024-04-01', to: '2024-04-01' } }))).toContain('1 April 2024 to 1 April 2024');
  });

  it('renders every report annualReport makes, whatever the options, without NaN', () => {
    const variants: Partial<AnnualReportOptions>[] = [{}, { homes: 5000 }, { declined: 'include', withdrawn: 'exclude', escalationRefused: 'include' }, { extensions: 'original-deadline', top: 1 }, { period: { from: '2024-06-01', to: '2024-06-30' } }];
    for (const variant of variants) {
      const r = annualReport(yearRecords(), { period: YEAR, ...variant });
      const out = html(r);
      expect(out).not.toMatch(/NaN|Infinity|undefined|\[object/);
      expect(renderAnnualReport(r, { format: 'markdown' })).not.toMatch(/NaN|Infinity|undefined|\[object/);
    }
  });

  it('charts only the top categories, as many as the report keeps', () => {
    const out = html(full({ top: 2 }));
    expect([...out.matchAll(/data-category="([^"]*)"/g)].map((m) => m[1])).toEqual(['repairs', 'damp-and-mould']);
  });
});

describe('renderAnnualReport as Markdown', () => {
  const text = renderAnnualReport(full(), { format: 'markdown', title: 'Complaints 2024 to 2025' });

  it('gives the same sections as tables', () => {
    expect(text.split('\n')[0]).toBe('# Complaints 2024 to 2025');
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Tenant Satisfaction Measures',
      '## Complaints received',
      '## Timeliness against the Code',
      '## Outcomes',
      '## What complaints were about',
      '## Complaints not taken forward',
      '## Extensions',
      '## Missed deadlines',
      '## Putting things right',
      '## The Housing Ombudsman',
      '## Learning from complaints',
    ]);
    expect(text).toContain('| CH01(1) Stage 1 complaints received per 1,000 homes | 2.8 | 2.0 | 4.0 |');
    expect(text).toContain('| July 2024 | 2 | 1 |');
    expect(text).toContain('| Total | 14 | 4 |');
    expect(text).toContain('| Financial remedy | 2 | £400.00 |');
  });

  it('escapes | and markup in labels, so every row has its columns', () => {
    expect(text).toContain('| Staff conduct \\& \\<attitude\\> \\| tone | 1 |');
    const cells = (row: string) => row.split(/(?<!\\)\|/).length;
    const tables = text.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const [head, ...rows] = table.split('\n');
      for (const row of rows) expect(cells(row), row).toBe(cells(head!));
    }
  });
});

describe('renderAnnualReport refuses bad input with typed errors', () => {
  const report = full();

  it('names the option at fault', () => {
    const path = (options: unknown) => (caught(() => renderAnnualReport(report, options as RenderAnnualReportOptions)) as InvalidInputError).path;
    expect(path({ format: 'pdf' })).toBe('options.format');
    expect(path(undefined)).toBe('options.format');
    expect(path({ format: 'html', title: '' })).toBe('options.title');
    expect(path({ format: 'html', title: 'x'.repeat(201) })).toBe('options.title');
    expect(path({ format: 'html', colour: 'red' })).toBe('options.colour');
  });

  it('gives only typed errors for hostile reports and options', () => {
    for (const [name, value] of eachHostile()) {
      expect(isInvalidInputError(caught(() => renderAnnualReport(value as AnnualReport, { format: 'html' }))), `report: ${name}`).toBe(true);
      expect(isInvalidInputError(caught(() => renderAnnualReport(report, value as RenderAnnualReportOptions))), `options: ${name}`).toBe(true);
    }
    expect(isInvalidInputError(caught(() => renderAnnualReport({ ...report, volumes: null } as unknown as AnnualReport, { format: 'markdown' })))).toBe(true);
  });
});
