/**
 * The annual report page in a real browser: headless Chromium (through playwright-core) opens it
 * with every network request blocked, and the charts, the measures and the tables are read back and
 * compared with the report they were made from: bar by bar, by their data and by their drawn size.
 *
 * Chromium must be at /usr/bin/chromium (CI installs it): without it this test fails, it does not
 * skip. The full-page screenshot goes to a temporary folder, or to docs/images/annual-report.png
 * with HC_SAVE_SCREENSHOTS=1 (to refresh the picture in the docs).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualReport, type AnnualReport } from '../../src/reporting/annual.js';
import { renderAnnualReport } from '../../src/reporting/render.js';
import { YEAR, yearRecords } from './fixtures/records.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), 'hc-annual-report-'));

beforeAll(async () => {
  browser = await launchChromium("the annual report's browser test");
});

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A page with the HTML loaded and every request blocked; `attempted` lists what it tried to fetch. */
async function open(html: string): Promise<{ page: Page; attempted: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: true });
  const page = await context.newPage();
  const attempted: string[] = [];
  const errors: string[] = [];
  await page.route('**', (route) => {
    attempted.push(route.request().url());
    return route.abort();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, attempted, errors };
}

describe('the annual report page in Chromium', () => {
  const report: AnnualReport = annualReport(yearRecords(), {
    period: YEAR,
    homes: { lowCostRental: 4000, lowCostHomeOwnership: 1000 },
    landlord: { name: 'Mill Lane Homes' },
  });
  const html = renderAnnualReport(report, { format: 'html' });

  it('renders with no request at all: the page is self-contained', async () => {
    const { page, attempted, errors } = await open(html);
    expect(attempted).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.title()).toBe('Annual complaints performance and service improvement report: Mill Lane Homes: 1 April 2024 to 31 March 2025');
    expect(await page.locator('script, link, img, iframe').count()).toBe(0);
    // The block is real: a fetch from the page is caught by it.
    await page.evaluate(() => fetch('https://example.org/ping').catch(() => undefined));
    expect(attempted).toEqual(['https://example.org/ping']);
    await page.context().close();
  });

  it('draws the month bars with the report’s numbers, heights in proportion to them', async () => {
    const { page } = await open(html);
    const bars = await page.$$eval('rect[data-month]', (rects) =>
      rects.map((r) => ({
        month: r.getAttribute('data-month'),
        stage: r.getAttribute('data-stage'),
        value: Number(r.getAttribute('data-value')),
        height: r.getBoundingClientRect().height,
        bottom: r.getBoundingClientRect().bottom,
        title: r.querySelector('title')?.textContent,
      })),
    );
    expect(bars).toHaveLength(report.volumes.byMonth.length * 2);
    for (const m of report.volumes.byMonth) {
      expect(bars.find((b) => b.month === m.month && b.stage === '1')?.value).toBe(m.stage1);
      expect(bars.find((b) => b.month === m.month && b.stage === '2')?.value).toBe(m.stage2);
    }
    // One scale for every bar: drawn height / value is the same (to a pixel's rounding), zero is flat, and
    // every bar stands on the same baseline.
    const drawn = bars.filter((b) => b.value > 0);
    const scale = drawn[0]!.height / drawn[0]!.value;
    expect(scale).toBeGreaterThan(20);
    for (const bar of bars) expect(Math.abs(bar.height - bar.value * scale), `${bar.month} stage ${bar.stage}`).toBeLessThan(0.75);
    for (const bar of bars) expect(Math.abs(bar.bottom - drawn[0]!.bottom)).toBeLessThan(0.75);
    expect(bars.find((b) => b.month === '2025-03' && b.stage === '1')!.title).toBe('March 2025: 2 stage 1');
    await page.context().close();
  });

  it('draws timeliness, outcome and category bars in proportion to their figures', async () => {
    const { page } = await open(html);
    const widths = (selector: string) =>
      page.$$eval(selector, (rects) => rects.map((r) => ({ data: { ...(r as SVGElement).dataset }, width: r.getBoundingClientRect().width })));
    // Timeliness: widths in proportion to the percentages, 100% the full track.
    const timeliness = await widths('rect[data-measure]');
    const t = report.timeliness;
    expect(timeliness.map((b) => Number(b.data.value))).toEqual([
      t.stage1.acknowledgedOnTimePercent,
      t.stage1.respondedWithinTimescalePercent,
      t.stage2.acknowledgedOnTimePercent,
      t.stage2.respondedWithinTimescalePercent,
    ]);
    const full = timeliness.find((b) => b.data.value === '100')!.width;
    for (const bar of timeliness) expect(Math.abs(bar.width - (Number(bar.data.value) / 100) * full)).toBeLessThan(0.75);
    // Outcomes: within each stage, widths in proportion to the counts.
    const outcomes = await widths('rect[data-outcome]');
    for (const stage of ['1', '2'] as const) {
      const row = outcomes.filter((b) => b.data.stage === stage);
      const counts = report.outcomes[`stage${stage}`];
      expect(row.map((b) => [b.data.outcome, Number(b.data.value)])).toEqual([
        ['upheld', counts.upheld],
        ['partlyUpheld', counts.partlyUpheld],
        ['notUpheld', counts.notUpheld],
        ['notRecorded', counts.notRecorded],
      ]);
      const total = row.reduce((sum, b) => sum + b.width, 0);
      const n = counts.upheld + counts.partlyUpheld + counts.notUpheld + counts.notRecorded;
      for (const bar of row) expect(Math.abs(bar.width - (Number(bar.data.value) / n) * total)).toBeLessThan(0.75);
    }
    // Categories: the labels as given (escaped in the HTML, read back as written), widths in proportion.
    const categories = await widths('rect[data-category]');
    expect(categories.map((b) => [b.data.category, Number(b.data.value)])).toEqual(report.categories.slice(0, 5).map((c) => [c.category, c.count]));
    const perComplaint = categories[0]!.width / report.categories[0]!.count;
    for (const bar of categories) expect(Math.abs(bar.width - Number(bar.data.value) * perComplaint)).toBeLessThan(0.75);
    await page.context().close();
  });

  it('shows the measures and the tables with the report’s numbers', async () => {
    const { page } = await open(html);
    const figure = (measure: string, group: string) => page.locator(`td[data-measure="${measure}"][data-group="${group}"]`).innerText();
    const tsm = report.tsm!;
    expect(await figure('CH01.stage1.perThousandHomes', 'all')).toBe(tsm.CH01.stage1.perThousandHomes.toFixed(1));
    expect(await figure('CH01.stage2.perThousandHomes', 'lowCostRental')).toBe(tsm.byTenure!.lowCostRental.CH01.stage2.perThousandHomes.toFixed(1));
    expect(await figure('CH02.stage1.percent', 'all')).toBe(`${tsm.CH02.stage1.percent!.toFixed(1)}%`);
    expect(await figure('CH02.stage1.percent', 'lowCostHomeOwnership')).toBe(`${tsm.byTenure!.lowCostHomeOwnership.CH02.stage1.percent!.toFixed(1)}%`);
    expect(await figure('CH02.stage2.percent', 'lowCostRental')).toBe('–');
    // The month table, row by row.
    const rows = await page.$$eval('#volumes tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((cell) => (cell as HTMLElement).innerText)));
    expect(rows.slice(0, -1).map((row) => [Number(row[1]), Number(row[2])])).toEqual(report.volumes.byMonth.map((m) => [m.stage1, m.stage2]));
    expect(rows.at(-1)).toEqual(['Total', String(report.volumes.stage1), String(report.volumes.stage2)]);
    // The decisions table.
    const decisions = await page.$$eval('#outcomes tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((cell) => (cell as HTMLElement).innerText)));
    expect(decisions[0]).toEqual(['Stage 1', '5', '3', '5', '0', '13']);
    // Every chart is an image with a name a screen reader reads.
    const names = await page.$$eval('svg[role="img"]', (svgs) => svgs.map((svg) => svg.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.textContent ?? '')));
    expect(names).toHaveLength(4);
    for (const [title, desc] of names) {
      expect(title!.length).toBeGreaterThan(10);
      expect(desc!.length).toBeGreaterThan(20);
    }
    // The headline figures a reader sees first.
    expect(await page.locator('.card strong').allInnerTexts()).toEqual(['14', '4', '84.6%', '11']);
    await page.context().close();
  });

  it('runs nothing from a hostile landlord name or label: it shows them as text', async () => {
    const hostile = annualReport(yearRecords(), { period: YEAR, landlord: { name: '<img src=x onerror="alert(1)"><script>alert(2)</script>' } });
    const { page, attempted, errors } = await open(renderAnnualReport(hostile, { format: 'html' }));
    expect(errors).toEqual([]);
    expect(attempted).toEqual([]);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.locator('.subtitle').innerText()).toContain('<script>alert(2)</script>');
    expect(await page.locator('#categories td, #categories th').allInnerTexts()).toContain('Staff conduct & <attitude> | tone');
    await page.context().close();
  });

  it('says "No complaints in this period" in every chart of an empty period', async () => {
    const empty = renderAnnualReport(annualReport([], { period: YEAR, homes: 100 }), { format: 'html' });
    const { page, attempted } = await open(empty);
    expect(attempted).toEqual([]);
    expect(await page.locator('svg text.empty').allTextContents()).toEqual(Array(4).fill('No complaints in this period'));
    expect(await page.locator('rect[data-month]').count()).toBe(0);
    await page.context().close();
  });

  it('takes a full-page screenshot (to docs/images with HC_SAVE_SCREENSHOTS=1), screen and print', async () => {
    const { page } = await open(html);
    const save = process.env.HC_SAVE_SCREENSHOTS === '1';
    const path = save ? join(root, 'docs/images/annual-report.png') : join(scratch, 'annual-report.png');
    mkdirSync(dirname(path), { recursive: true });
    const png = await page.screenshot({ path, fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(existsSync(path)).toBe(true);
    // The print styles apply: a white page, and the PDF Chromium makes from it has pages.
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });
});
