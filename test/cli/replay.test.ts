/**
 * `replay`, `report` and `compare-policies` on generated event logs: the output, bad lines reported
 * with their line numbers and skipped, refused events with their provisions, the exit codes, and
 * the same results on one worker thread or two, from events or from records.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/reporting/record.js';
import { cli, eventLines, tempFolder } from './support.js';

const folder = tempFolder();
afterAll(() => folder.remove());

const lines = eventLines(40);
const clean = folder.file('events.jsonl', `${lines.join('\n')}\n`);

// The same log with problems: a refused CLOSE (line 2), then not JSON, no complaintId, a malformed
// event and an event for a complaint never received, each in the middle of the file.
const receipt = JSON.parse(lines[0]!) as { complaintId: string; at: string };
const closeAt = new Date(Date.parse(receipt.at) + 60_000).toISOString().replace('.000Z', 'Z');
const withProblems = [...lines];
withProblems.splice(1, 0, JSON.stringify({ complaintId: receipt.complaintId, type: 'CLOSE', at: closeAt }));
withProblems.splice(20, 0, '{"complaintId": "C-000002", "type": "TICK", ');
withProblems.splice(40, 0, JSON.stringify({ type: 'TICK', at: '2025-05-01T09:00:00Z' }));
withProblems.splice(60, 0, JSON.stringify({ complaintId: 'C-000003', type: 'ESCALATE' }));
withProblems.splice(80, 0, JSON.stringify({ complaintId: 'C-999999', type: 'TICK', at: '2025-05-01T09:00:00Z' }));
const broken = folder.file('broken.jsonl', `${withProblems.join('\n')}\n`);
const complaints = new Set(lines.map((line) => (JSON.parse(line) as { complaintId: string }).complaintId)).size;

/** Runs shared by several tests, each run once, when first needed. */
function shared(args: string[]): () => ReturnType<typeof cli> {
  let run: ReturnType<typeof cli> | undefined;
  return () => (run ??= cli(args));
}
const brokenOnOne = shared(['replay', broken, '--json', '--workers', '1']);
const brokenOnTwo = shared(['replay', broken, '--json', '--workers', '2']);
const cleanRecords = shared(['replay', clean, '--json']);

describe.concurrent('replay', () => {
  it('prints each complaint’s state and deadlines as a table, and nothing on standard error for a clean log', async ({ expect }) => {
    const { code, stdout, stderr } = await cli(['replay', clean]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const rows = stdout.split('\n');
    expect(rows[0]).toMatch(/^Complaint +Stage +Status +Acknowledge by +Respond by +Events +Refused$/);
    expect(rows[1]).toMatch(/^C-000001 +\w+ +[\w-]+ +\d{4}-\d{2}-\d{2} /);
    expect(rows.filter((row) => /^C-\d{6} /.test(row))).toHaveLength(complaints);
    expect(stdout).toContain(`${complaints} complaints, ${lines.length} events: 0 refused, 0 bad lines skipped.`);
  });

  it('reports each bad line with its line number and skips it, processes the rest, and exits with 1', async ({ expect }) => {
    const { code, stdout, stderr } = await cli(['replay', broken]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${broken}:21: skipped: not valid JSON`);
    expect(stderr).toContain(`${broken}:41: skipped: no complaintId`);
    expect(stderr).toMatch(new RegExp(`${broken}:61: skipped \\(C-000003\\): malformed ESCALATE: at: `));
    expect(stderr).toContain(`${broken}: 3 bad lines skipped, 2 events refused`);
    expect(stdout).toMatch(/^C-000001 .*\n {4}line 2: CLOSE at \S+ refused: 6\.10: A complaint closes at stage 1 only after the stage 1 response/m);
    expect(stdout).toMatch(/^C-999999 +new +new .*\n {4}line 81: TICK at 2025-05-01T09:00:00Z refused: No complaint has been received yet/m);
    expect(stdout.split('\n').filter((row) => /^C-\d{6} /.test(row))).toHaveLength(complaints + 1);
  });

  it('prints one record per line with --json, each one parseRecord reads, and reports refused events on standard error', async ({ expect }) => {
    const { code, stdout, stderr } = await brokenOnTwo();
    expect(code).toBe(1);
    const records = stdout.trim().split('\n').map((line) => parseRecord(JSON.parse(line)));
    // The complaint never received has no record.
    expect(records.map((r) => r.id)).toEqual([...new Set(lines.map((line) => (JSON.parse(line) as { complaintId: string }).complaintId))]);
    expect(stderr).toContain(`${broken}:2: C-000001: CLOSE at ${closeAt} refused: 6.10: `);
    expect(stderr).toContain(`${broken}:81: C-999999: TICK at 2025-05-01T09:00:00Z refused: No complaint has been received yet`);
  });

  it('gives the same output, in the same order, on one worker thread or two', async ({ expect }) => {
    const [one, two] = await Promise.all([brokenOnOne(), brokenOnTwo()]);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.split('\n').sort()).toEqual(one.stderr.split('\n').sort());
  });

  it('runs its workers from the TypeScript sources too (node --import tsx src/cli/main.ts)', async ({ expect }) => {
    const small = folder.file('small.jsonl', lines.slice(0, 25).join('\n'));
    const [built, source] = await Promise.all([cli(['replay', small, '--json', '--workers', '1']), cli(['replay', small, '--json', '--workers', '2'], { source: true })]);
    expect(source.stderr).toBe('');
    expect(source.code).toBe(0);
    expect(source.stdout).toBe(built.stdout);
  });

  it('replays under the policy given, and reads the log from standard input for -', async ({ expect }) => {
    const { code, stdout } = await cli(['replay', '-', '--json', '--policy', 'peaksPlainsV4'], { input: lines.slice(0, 30).join('\n') });
    expect(code).toBe(0);
    expect(new Set(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { policy: { id: string } }).policy.id))).toEqual(new Set(['peaks-plains-v4']));
  });

  it('says so for a log that does not exist (exit code 3) and for a missing file argument (exit code 2)', async ({ expect }) => {
    const [missing, none] = await Promise.all([cli(['replay', 'no-such-log.jsonl']), cli(['replay', '--json'])]);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim()).toBe('housing-complaints replay: no-such-log.jsonl: no such file');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give the event log');
  });
});

describe.concurrent('report', () => {
  const period = ['--from', '2025-04-01', '--to', '2026-03-31'];

  it('gives the same figures from an event log and from the records replay --json wrote of it', async ({ expect }) => {
    const records = folder.file('records.jsonl', (await cleanRecords()).stdout);
    const [fromEvents, fromRecords] = await Promise.all([
      cli(['report', clean, '--homes', 'lcra=4000,lcho=500', ...period, '--format', 'json']),
      cli(['report', records, '--homes', 'lcra=4000,lcho=500', ...period, '--format', 'json']),
    ]);
    expect(fromEvents.stderr).toBe('');
    expect(fromEvents.code).toBe(0);
    expect(fromRecords.code).toBe(0);
    const report = JSON.parse(fromEvents.stdout);
    expect(JSON.parse(fromRecords.stdout)).toEqual(report);
    expect(report.volumes.stage1).toBeGreaterThan(30);
    expect(report.tsm.byTenure.lowCostRental.homes).toBe(4000);
  });

  it('writes an HTML report to --out, and Markdown to standard output by default', async ({ expect }) => {
    const out = `${folder.dir}/report.html`;
    const [html, markdown] = await Promise.all([
      cli(['report', clean, '--homes', '4500', ...period, '--out', out, '--landlord', 'Mill Lane Homes']),
      cli(['report', clean, ...period]),
    ]);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain(`${out}: the report in HTML for 2025-04-01 to 2026-03-31, from ${complaints} complaints`);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(readFileSync(out, 'utf8')).toContain('Mill Lane Homes');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Annual complaints performance and service improvement report/);
  });

  it('reports the bad lines of an event log and still reports on the rest: exit code 1', async ({ expect }) => {
    const { code, stdout, stderr } = await cli(['report', broken, ...period, '--format', 'json']);
    expect(code).toBe(1);
    expect(stderr).toContain(`${broken}:21: skipped: not valid JSON`);
    expect(JSON.parse(stdout).volumes.stage1).toBeGreaterThan(30);
  });

  it('reports a bad record with its line number and skips it', async ({ expect }) => {
    const replayed = (await cleanRecords()).stdout.trim().split('\n');
    const records = folder.file('bad-records.jsonl', [...replayed.slice(0, 3), JSON.stringify({ recordVersion: 1, id: 'C-X' }), ...replayed.slice(3)].join('\n'));
    const { code, stderr } = await cli(['report', records, ...period, '--format', 'json']);
    expect(code).toBe(1);
    expect(stderr).toContain(`${records}:4: skipped: not a complaint record: `);
  });

  it('refuses a period that ends before it starts, and an unknown format, with exit code 2', async ({ expect }) => {
    const [period, format, homes] = await Promise.all([
      cli(['report', clean, '--from', '2026-03-31', '--to', '2025-04-01']),
      cli(['report', clean, '--from', '2025-04-01', '--to', '2026-03-31', '--format', 'htm1']),
      cli(['report', clean, '--from', '2025-04-01', '--to', '2026-03-31', '--homes', 'many']),
    ]);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('--from (2026-03-31) is after --to (2025-04-01)');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("unknown format 'htm1'. Did you mean 'html'?");
    expect(homes.code).toBe(2);
  });
});

describe.concurrent('compare-policies', () => {
  it('shows what changes between policies', async ({ expect }) => {
    const { code, stdout, stderr } = await cli(['compare-policies', clean, '--policies', 'peaksPlainsV4:as-written,code2024']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`${complaints} complaints (${lines.length} events) replayed under peaksPlainsV4 (as written)`);
    expect(stdout).toContain('policy 6.3.1');
  });

  it('gives the measures under each policy as JSON, reports bad lines with their numbers (exit code 1), and needs two policies (exit code 2)', async ({ expect }) => {
    const measures = ['--homes', '4500', '--from', '2025-04-01', '--to', '2026-03-31'];
    const [bad, one] = await Promise.all([cli(['compare-policies', broken, '--policies', 'pp:as-written,code', ...measures, '--json']), cli(['compare-policies', clean, '--policies', 'code2024'])]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${broken}:41: skipped: no complaintId`);
    const comparison = JSON.parse(bad.stdout) as { policies: { name: string; enforceCode: boolean; tsm?: unknown }[] };
    expect(comparison.policies.map((p) => [p.name, p.enforceCode, p.tsm !== undefined])).toEqual([
      ['peaksPlainsV4 (as written)', false, true],
      ['code2024', true, true],
    ]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('give two or more policies');
  });
});

it('keeps standard error free of progress lines when it is not a terminal', async () => {
  const big = folder.file('bigger.jsonl', `${eventLines(300, 3).join('\n')}\n`);
  const { code, stderr } = await cli(['replay', big, '--json']);
  expect(code).toBe(0);
  expect(stderr).toBe('');
});
