/**
 * The embedded complaint screen (examples/web-ui) in a real browser: it is built with Vite's JS API
 * into a temporary folder and served to headless Chromium (through playwright-core) by
 * `page.route`, with no server and no network: every other request is aborted, and there must be
 * none. One complaint is clicked from receipt to the final response; at each step what the screen
 * says is read back and compared with what the library itself computes from the record the page
 * stored (restore, describeComplaint, worklist, explain, validateLetter, renderLetter) and with the
 * working-day calendar.
 *
 * Chromium must be at /usr/bin/chromium (CI installs it): without it this test fails, it does not
 * skip. Screenshots go to a temporary folder, or to examples/web-ui/screenshots/ with
 * HC_SAVE_SCREENSHOTS=1 (to refresh the pictures in the docs).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../src/calendar/index.js';
import { formatLetterDate, renderLetter, validateLetter } from '../../src/letters/index.js';
import { createComplaintMachine, describeComplaint, draftLetter, explain, restore, worklist, type ComplaintEvent, type ComplaintSnapshot, type Reason } from '../../src/machine/index.js';
import { buildWebUi, type WebUiBuild } from '../../examples/web-ui/build.js';
import { COMPLAINT, DEFINITION, FIRST_DAY, LANDLORD, RESIDENT } from '../../examples/web-ui/src/sample.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The page's own origin: requests to it are answered from the build, every other one is aborted. */
const ORIGIN = 'http://web-ui.test';
/** Where the page keeps its complaint (examples/web-ui/src/App.tsx). */
const STORAGE_KEY = 'housing-complaints:web-ui';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

const machine = createComplaintMachine();
const calendar = createWorkingDayCalendar({ region: COMPLAINT.region });
const scratch = mkdtempSync(join(tmpdir(), 'hc-web-ui-'));
const save = process.env.HC_SAVE_SCREENSHOTS === '1';
const shots = save ? join(root, 'examples/web-ui/screenshots') : join(scratch, 'screenshots');

let browser: Browser;
let built: WebUiBuild;
let page: Page;
/** Every URL the page asked for, and those that were not files of the build. */
const requested: string[] = [];
const refused: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  [built, browser] = await Promise.all([buildWebUi(join(scratch, 'dist')), launchChromium("the web UI's browser test")]);
  mkdirSync(shots, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  const files = new Set(built.files.map((file) => file.fileName));
  await page.route('**', (route) => {
    const url = route.request().url();
    requested.push(url);
    const path = url.startsWith(`${ORIGIN}/`) ? decodeURIComponent(new URL(url).pathname.slice(1)) || 'index.html' : undefined;
    if (path === undefined || !files.has(path)) {
      refused.push(url);
      return route.abort();
    }
    return route.fulfill({ status: 200, contentType: TYPES[extname(path)] ?? 'application/octet-stream', body: readFileSync(join(built.outDir, path)) });
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${ORIGIN}/index.html`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** What the page stored: the simulated day and the complaint, restored as the page restores it. */
async function stored(): Promise<{ today: string; snapshot: ComplaintSnapshot }> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  const { today, record } = JSON.parse(raw!) as { today: string; record: string };
  return { today, snapshot: restore(machine, record) };
}

/** The instant the screen says the next event will carry. */
async function nextAt(): Promise<string> {
  return /at: '([^']+)'/.exec(await page.getByTestId('clock').innerText())![1]!;
}

const provisionText = (provision: string) => (provision.startsWith('policy') ? provision : `Code ${provision}`);
const reasonText = (reasons: readonly Reason[]) => reasons.map((r) => (r.provision ? `${r.message} (${provisionText(r.provision)})` : r.message)).join(' ');

async function setToday(date: string): Promise<void> {
  await page.fill('#today', date);
  await expect.poll(async () => (await stored()).today).toBe(date);
}

/** A screenshot of the viewport: from the top of the page, or from `from` when given. */
async function shot(name: string, from?: Locator): Promise<void> {
  if (from) await from.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // The letter's frame loads on its own: wait for it, then for two frames to be painted.
  if ((await page.locator('iframe.letter').count()) > 0) await page.frameLocator('iframe.letter').locator('h1').waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const png = await page.screenshot({ path: join(shots, `${name}.png`) });
  expect(png.subarray(1, 4).toString()).toBe('PNG');
}

/**
 * The screen against the record: the stage and status describeComplaint gives, and every open
 * deadline of worklist with its date and working days left, each recounted with the calendar.
 */
async function expectScreenMatchesRecord(): Promise<{ today: string; snapshot: ComplaintSnapshot }> {
  const { today, snapshot } = await stored();
  const view = describeComplaint(snapshot, { now: today });
  const stage = page.getByTestId('stage');
  expect(await stage.getAttribute('data-stage')).toBe(view.stage);
  expect(await stage.getAttribute('data-status')).toBe(view.status);
  const rows = await page.$$eval('[data-testid=deadlines] tbody tr[data-deadline]', (trs) =>
    trs.map((tr) => ({
      deadline: tr.getAttribute('data-deadline')!,
      overdue: tr.classList.contains('overdue'),
      due: tr.querySelector('time')!.getAttribute('datetime')!,
      dueText: tr.querySelector('time')!.textContent,
      dueTitle: tr.querySelector('time')!.getAttribute('title'),
      left: Number(tr.querySelector('td.left')!.getAttribute('data-left')),
      leftText: (tr.querySelector('td.left') as HTMLElement).innerText,
    })),
  );
  const queue = worklist([snapshot], { now: today });
  expect(rows.map((r) => r.deadline)).toEqual(queue.map((e) => e.deadline));
  expect(rows.map((r) => r.deadline).sort()).toEqual(view.openDeadlines.map((d) => d.deadline).sort());
  for (const row of rows) {
    const open = view.openDeadlines.find((d) => d.deadline === row.deadline)!;
    expect(row.due).toBe(open.due);
    // The date as the letters write it on hover; shortened in the table, on a working day.
    expect(row.dueTitle).toBe(formatLetterDate(row.due));
    const [weekday, day, month, year] = formatLetterDate(row.due).split(' ') as [string, string, string, string];
    expect(row.dueText).toBe(`${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)} ${year}`);
    expect(calendar.isWorkingDay(row.due) || !row.deadline.startsWith('stage')).toBe(true);
    const between = calendar.workingDaysBetween(today, row.due);
    const overdue = row.due < today;
    expect(row.overdue).toBe(overdue);
    expect(overdue).toBe(view.overdue.includes(row.deadline));
    expect(row.left).toBe(overdue ? Math.min(-1, between) : between);
    const n = Math.abs(row.left);
    expect(row.leftText).toBe(overdue ? `Overdue by ${n} working ${n === 1 ? 'day' : 'days'}` : n === 0 ? 'Due today' : `${n} working ${n === 1 ? 'day' : 'days'} left`);
  }
  return { today, snapshot };
}

/** The refused button of `type`: disabled, its reason and provision beside it and on hover, as explain gives them. */
async function expectRefused(type: ComplaintEvent['type'], snapshot: ComplaintSnapshot, event: ComplaintEvent): Promise<Reason[]> {
  const why = explain(snapshot, event);
  expect(why.allowed).toBe(false);
  const item = page.locator(`[data-testid=actions] li[data-event=${type}]`);
  const expected = `Not allowed: ${reasonText(why.reasons)}`;
  await expect.poll(() => item.locator('.why').innerText()).toBe(expected);
  expect(await item.getByRole('button').isDisabled()).toBe(true);
  expect(await item.getByRole('button').getAttribute('title')).toBe(expected);
  return [...why.reasons];
}

async function openForm(type: ComplaintEvent['type']) {
  await page.locator(`[data-testid=actions] li[data-event=${type}] button`).click();
  return page.getByTestId('form');
}

async function expectAccepted(type: string): Promise<void> {
  await expect.poll(() => page.getByTestId('answer').locator('h2').innerText()).toBe(`${type} accepted`);
}

describe('the embedded complaint screen in Chromium (examples/web-ui)', () => {
  it('builds to an index.html, one script and one stylesheet', () => {
    expect(built.files.map((f) => f.fileName.replace(/-[\w-]+\./, '.')).sort()).toEqual(['assets/index.css', 'assets/index.js', 'index.html']);
    expect(built.jsGzip).toBeGreaterThan(50_000);
  });

  it('starts with nothing received, on the fixed first day', async () => {
    await expect.poll(() => page.getByTestId('stage').getAttribute('data-stage')).toBe('new');
    expect(await page.inputValue('#today')).toBe(FIRST_DAY);
    expect(await nextAt()).toBe(`${FIRST_DAY}T09:00:00Z`);
    expect(await page.locator('[data-testid=actions] li').count()).toBe(1);
  });

  it('receives the complaint: stage 1 acknowledgement due in 5 working days (6.2)', async () => {
    const form = await openForm('RECEIVE');
    expect(await form.locator('#receive-id').inputValue()).toBe(COMPLAINT.id);
    await form.getByRole('button', { name: 'Receive the complaint' }).click();
    await expectAccepted('RECEIVE');
    const { snapshot } = await expectScreenMatchesRecord();
    expect(snapshot.context.complaint).toMatchObject({ id: COMPLAINT.id, region: 'england-and-wales' });
    expect(snapshot.context.lastEventAt).toBe(`${FIRST_DAY}T09:00:00Z`);
    const row = page.locator('tr[data-deadline="stage1.acknowledge"]');
    expect(await row.locator('time').getAttribute('datetime')).toBe(calendar.addWorkingDays(FIRST_DAY, 5));
    expect(await row.locator('time').innerText()).toBe('Mon 13 Jan 2025');
    expect(await row.locator('time').getAttribute('title')).toBe('Monday 13 January 2025');
    expect(await row.locator('td.left').innerText()).toBe('5 working days left');
    expect(await page.getByTestId('stage').innerText()).toBe('Received');
    // Events the state does not allow are refused with their reasons (responding before acknowledging: 6.2).
    await expectRefused('RESPOND', snapshot, { type: 'RESPOND', at: await nextAt(), letter: {} as never });
    await shot('01-received');
  });

  it('highlights the acknowledgement deadline once the clock passes it', async () => {
    await setToday('2025-01-15');
    const { snapshot } = await expectScreenMatchesRecord();
    const row = page.locator('tr[data-deadline="stage1.acknowledge"]');
    expect(await row.getAttribute('class')).toBe('overdue');
    expect(await row.locator('td.left').innerText()).toBe('Overdue by 2 working days');
    expect(describeComplaint(snapshot, { now: '2025-01-15' }).overdue).toEqual(['stage1.acknowledge']);
    // The overdue style is visible: a red bar and a tinted row.
    expect(await row.evaluate((tr) => getComputedStyle(tr).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    expect(await nextAt()).toBe('2025-01-15T09:00:00Z');
    await shot('02-overdue');
  });

  it('checks the acknowledgement live: each issue beside its field with its provision, gone once put right', async () => {
    const { snapshot } = await stored();
    const at = await nextAt();
    const form = await openForm('ACKNOWLEDGE');
    // The handler is left for the officer: the validator's issue for it, word for word.
    const draft = draftLetter(snapshot, 'acknowledgement', { now: at });
    const letter = { ...draft, definition: DEFINITION, ombudsman: draft.ombudsman };
    const missingHandler = validateLetter(letter);
    expect(missingHandler.ok).toBe(false);
    const handlerIssue = !missingHandler.ok ? missingHandler.issues.find((i) => i.path.join('.') === 'handler')! : undefined!;
    expect(handlerIssue.provision).toBe('6.2');
    const shown = form.locator('[data-field=ack-handler] .issue');
    expect(await shown.innerText()).toBe(`${handlerIssue.message} (Code ${handlerIssue.provision})`);
    expect(await form.locator('#ack-handler').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#ack-respond-by').inputValue()).toBe(draft.respondBy);
    // Clearing the outcomes breaks 5.6, beside that field.
    await form.locator('#ack-outcomes').fill('');
    const noOutcomes = validateLetter({ ...letter, definition: { ...DEFINITION, outcomesSought: [] } });
    const outcomeIssue = !noOutcomes.ok ? noOutcomes.issues.find((i) => i.path.join('.') === 'definition.outcomesSought')! : undefined!;
    expect(outcomeIssue.provision).toBe('5.6');
    expect(await form.locator('[data-field=ack-outcomes] .issue').innerText()).toBe(`${outcomeIssue.message} (Code 5.6)`);
    expect(await form.getByTestId('verdict').innerText()).toBe('2 issues to put right before this letter can be sent.');
    expect(await form.getByRole('button', { name: 'Send the acknowledgement' }).isDisabled()).toBe(true);
    await shot('03-letter-issues');
    // Put right: the issues go, and the machine notes the lateness it will record.
    await form.locator('#ack-handler').fill('Sam Patel, Repairs Manager');
    await form.locator('#ack-outcomes').fill(DEFINITION.outcomesSought.join('\n'));
    await expect.poll(() => form.locator('.issue').count()).toBe(0);
    expect(await form.locator('#ack-handler').getAttribute('aria-invalid')).toBe(null);
    const event = { type: 'ACKNOWLEDGE', at, letter: { ...letter, handler: 'Sam Patel, Repairs Manager' } } as ComplaintEvent;
    const verdict = explain(snapshot, event);
    expect(verdict.allowed).toBe(true);
    expect(await form.getByTestId('verdict').locator('li').allInnerTexts()).toEqual(verdict.reasons.map((r) => reasonText([r])));
    await form.getByRole('button', { name: 'Send the acknowledgement' }).click();
    await expectAccepted('ACKNOWLEDGE');
    expect(await page.getByTestId('form').count()).toBe(0);
  });

  it('is at stage 1: the response due 10 working days after the acknowledgement (6.3), the late acknowledgement recorded', async () => {
    const { snapshot } = await expectScreenMatchesRecord();
    expect(await page.getByTestId('stage').innerText()).toBe('Stage 1: investigating');
    const view = describeComplaint(snapshot);
    expect(view.deadlines.respondBy).toBe(calendar.addWorkingDays('2025-01-15', 10));
    expect(await page.locator('tr[data-deadline="stage1.respond"] td.left').innerText()).toBe('10 working days left');
    expect(view.breaches.map((b) => [b.deadline, b.provision])).toEqual([['stage1.acknowledge', '6.2']]);
    expect(await page.locator('[data-testid=breaches] li').allInnerTexts()).toEqual(['Acknowledge at stage 1: due Monday 13 January 2025, recorded Wednesday 15 January 2025 (Code 6.2)']);
    expect(snapshot.context.letters.map((l) => l.kind)).toEqual(['acknowledgement']);
  });

  it('refuses Escalate before the stage 1 response, with the reason and provision explain gives', async () => {
    const { snapshot } = await stored();
    const reasons = await expectRefused('ESCALATE', snapshot, { type: 'ESCALATE', at: await nextAt() });
    expect(reasons[0]!.provision).toBe('6.10');
    expect(await page.locator('li[data-event=ESCALATE] .why').innerText()).toBe('Not allowed: Stage 2 follows the stage 1 response: respond at stage 1 first. (Code 6.10)');
    // Close is refused too; Respond and Extend are open.
    await expectRefused('CLOSE', snapshot, { type: 'CLOSE', at: await nextAt() });
    for (const type of ['RESPOND', 'EXTEND', 'WITHDRAW']) expect(await page.locator(`li[data-event=${type}] button`).isEnabled()).toBe(true);
    await shot('04-stage1-refused', page.getByTestId('actions'));
  });

  it('sends the stage 1 response drafted from the record, and shows it as the resident will read it', async () => {
    await setToday('2025-01-28');
    const form = await openForm('RESPOND');
    await expect.poll(() => form.getByTestId('verdict').innerText()).toBe('Ready to send.');
    await form.getByRole('button', { name: 'Send the response' }).click();
    await expectAccepted('RESPOND');
    const { snapshot } = await expectScreenMatchesRecord();
    expect(await page.getByTestId('stage').innerText()).toBe('Stage 1: responded');
    const letters = snapshot.context.letters;
    expect(letters.map((l) => l.kind)).toEqual(['acknowledgement', 'stage1-response']);
    expect(await page.locator('[data-testid=letters] li').allInnerTexts()).toEqual(['Acknowledgement (stage 1), Wednesday 15 January 2025', 'Stage 1 response, Tuesday 28 January 2025']);
    // The frame holds exactly what renderLetter makes of the letter on the record: escaped, sandboxed.
    const frame = page.locator('iframe.letter');
    expect(await frame.getAttribute('srcdoc')).toBe(renderLetter(letters[1]!, { format: 'html', standalone: true, landlord: LANDLORD, resident: RESIDENT }));
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.frameLocator('iframe.letter').locator('h1').innerText()).toMatch(/stage 1 response to your complaint/i);
    expect(await page.frameLocator('iframe.letter').locator('script, img, iframe').count()).toBe(0);
    // Remedies and actions promised in the letter are deadlines now (7.3, 6.6).
    expect(snapshot.context.tracked.filter((t) => t.dueOn).length).toBeGreaterThan(0);
    await shot('05-stage1-response');
  });

  it('escalates: stage 2 acknowledgement due in 5 working days (6.11)', async () => {
    await setToday('2025-02-03');
    await page.locator('li[data-event=ESCALATE] button').click();
    await expectAccepted('ESCALATE');
    const { snapshot } = await expectScreenMatchesRecord();
    expect(await page.getByTestId('stage').innerText()).toBe('Stage 2: acknowledging');
    expect(describeComplaint(snapshot).deadlines.acknowledgeBy).toBe(calendar.addWorkingDays('2025-02-03', 5));
    expect(await page.locator('tr[data-deadline="stage2.acknowledge"] td.left').innerText()).toBe('5 working days left');
  });

  it('acknowledges stage 2, refusing the stage 1 handler (6.13) as explain does', async () => {
    await setToday('2025-02-04');
    const { snapshot } = await stored();
    const at = await nextAt();
    const form = await openForm('ACKNOWLEDGE');
    await form.locator('#ack-handler').fill('Sam Patel, Repairs Manager');
    const draft = draftLetter(snapshot, 'acknowledgement', { now: at });
    const sameHandler = explain(snapshot, { type: 'ACKNOWLEDGE', at, letter: { ...draft, handler: 'Sam Patel, Repairs Manager' } } as ComplaintEvent);
    expect(sameHandler.allowed).toBe(false);
    expect(sameHandler.reasons[0]!.provision).toBe('6.13');
    await expect.poll(() => form.getByTestId('verdict').locator('li').allInnerTexts()).toEqual(sameHandler.reasons.map((r) => reasonText([r])));
    expect(await form.getByRole('button', { name: 'Send the acknowledgement' }).isDisabled()).toBe(true);
    await form.locator('#ack-handler').fill('Priya Shah, Head of Housing Services');
    await expect.poll(() => form.getByTestId('verdict').locator('p').first().innerText()).toMatch(/^Ready to send\./);
    await form.getByRole('button', { name: 'Send the acknowledgement' }).click();
    await expectAccepted('ACKNOWLEDGE');
    const { snapshot: after } = await expectScreenMatchesRecord();
    expect(await page.getByTestId('stage').innerText()).toBe('Stage 2: reviewing');
    expect(describeComplaint(after).deadlines.respondBy).toBe(calendar.addWorkingDays('2025-02-04', 20));
    expect(await page.locator('tr[data-deadline="stage2.respond"] td.left').innerText()).toBe('20 working days left');
  });

  it('sends the final response: the complaint closes, its remedies still followed', async () => {
    await setToday('2025-03-03');
    const form = await openForm('RESPOND');
    await expect.poll(() => form.getByTestId('verdict').innerText()).toBe('Ready to send.');
    await form.getByRole('button', { name: 'Send the response' }).click();
    await expectAccepted('RESPOND');
    const { snapshot } = await expectScreenMatchesRecord();
    expect(await page.getByTestId('stage').innerText()).toBe('Closed: final response');
    expect(snapshot.context.letters.map((l) => l.kind)).toEqual(['acknowledgement', 'stage1-response', 'acknowledgement', 'stage2-response']);
    expect(describeComplaint(snapshot).closure).toEqual({ reason: 'final-response', on: '2025-03-03' });
    // No third stage (5.3), as explain says.
    await expectRefused('ESCALATE', snapshot, { type: 'ESCALATE', at: await nextAt() });
    expect(await page.locator('li[data-event=ESCALATE] .why').innerText()).toMatch(/\(Code 5\.3\)$/);
    // The remedies and actions promised are still open deadlines (6.17, 7.3) until completed.
    expect(await page.locator('[data-testid=deadlines] tr[data-deadline^="remedy:"], [data-testid=deadlines] tr[data-deadline^="action:"]').count()).toBeGreaterThan(0);
    expect(await page.locator('li[data-event=COMPLETE_ACTION] button').isEnabled()).toBe(true);
    await shot('06-final-response');
  });

  it('restores the stored record after a reload', async () => {
    const before = await stored();
    await page.reload();
    await expect.poll(() => page.getByTestId('stage').getAttribute('data-stage')).toBe('closed');
    expect(await page.inputValue('#today')).toBe(before.today);
    await expectScreenMatchesRecord();
    expect(await page.locator('[data-testid=letters] li').count()).toBe(4);
  });

  it('asked for nothing but its own files, and logged no error', () => {
    expect(refused).toEqual([]);
    expect(new Set(requested)).toEqual(new Set([`${ORIGIN}/index.html`, ...built.files.filter((f) => f.fileName !== 'index.html').map((f) => `${ORIGIN}/${f.fileName}`)]));
    expect(errors).toEqual([]);
  });
});
