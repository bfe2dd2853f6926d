/**
 * The command line as a user meets it: help, version, deadlines, letters, the self-assessment,
 * forgiving names, and the exit codes of usage errors and missing files.
 */
import { afterAll, describe, it } from 'vitest';
import { samples } from '../../examples/letters/samples.js';
import { VERSION } from '../../src/version.js';
import { cli, tempFolder } from './support.js';

const folder = tempFolder();
afterAll(() => folder.remove());

const COMMANDS = ['deadlines', 'validate-letter', 'replay', 'report', 'self-assess', 'compare-policies'];

describe.concurrent('help and version', () => {
  it('lists every command and the exit codes in the top-level --help', async ({ expect }) => {
    const { code, stdout, stderr } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of COMMANDS) expect(stdout).toContain(`  ${command} `);
    expect(stdout).toMatch(/Exit codes:\n  0 +ok\n  1 +invalid input found/);
    expect(stdout).toContain('70  internal error');
  });

  it('prints the version with --version', async ({ expect }) => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(VERSION);
  });

  it.for(COMMANDS)('prints the usage, options and exit codes of %s with --help', async (command, { expect }) => {
    const { code, stdout, stderr } = await cli([command, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^Usage: housing-complaints ${command}`));
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes:');
  });

  it('answers help <command> like <command> --help, and no command at all with the help on stderr and exit code 2', async ({ expect }) => {
    const [help, none] = await Promise.all([cli(['help', 'replay']), cli([])]);
    expect(help.stdout).toMatch(/^Usage: housing-complaints replay/);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Commands:');
  });
});

describe.concurrent('usage errors: exit code 2, one line and a pointer to the help, never a stack trace', () => {
  it('suggests the command meant by a misspelt one', async ({ expect }) => {
    const { code, stdout, stderr } = await cli(['replai', 'events.jsonl']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown command 'replai'. Did you mean 'replay'?");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('suggests the option meant by a misspelt one, and names a missing one', async ({ expect }) => {
    const [misspelt, missing, badNumber] = await Promise.all([
      cli(['deadlines', '--recieved', '2025-01-06', '--region', 'england']),
      cli(['deadlines', '--region', 'england']),
      cli(['replay', 'x.jsonl', '--workers', '0']),
    ]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain("unknown option '--recieved'. Did you mean '--received'?");
    expect(misspelt.stderr).toContain("Run 'housing-complaints deadlines --help' for its usage.");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--received is required');
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain("--workers: '0' is not a whole number from 1 to 256");
  });

  it('says so for a file that does not exist: exit code 3', async ({ expect }) => {
    const { code, stderr } = await cli(['validate-letter', 'no/such/letter.json']);
    expect(code).toBe(3);
    expect(stderr.trim()).toBe('housing-complaints validate-letter: no/such/letter.json: no such file');
  });
});

describe.concurrent('deadlines', () => {
  it('prints the stage 1 timeline as a table, counted in the division’s working days', async ({ expect }) => {
    const { code, stdout } = await cli(['deadlines', '--received', '2024-12-20T16:45:00Z', '--region', 'Scotland']);
    expect(code).toBe(0);
    expect(stdout).toContain('Received 2024-12-20 Fri in scotland, under Housing Ombudsman Complaint Handling Code 2024');
    expect(stdout).toMatch(/Acknowledge, define and log the complaint +2024-12-31 Tue +5\.6, 6\.2/);
    expect(stdout).toMatch(/if acknowledged on the last day +2025-01-16 Thu +6\.3/);
  });

  it('prints JSON with --json, with the policy’s own timers, and converts an instant to its UK date (BST)', async ({ expect }) => {
    const { code, stdout } = await cli(['deadlines', '--received', '2024-06-30T23:30:00Z', '--region', 'E&W', '--policy', 'peaks-plains-v4', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ receivedOn: '2024-07-01', region: 'england-and-wales', policy: { name: 'peaksPlainsV4' }, acknowledgeBy: '2024-07-08' });
    expect(json.timers).toEqual([{ id: 'quick-fix', label: 'Quick fix resolution offered', due: '2024-07-03', provision: 'policy 6.1.1' }]);
  });

  it('understands a region however it is written (see suggest.test.ts for every form)', async ({ expect }) => {
    const results = await Promise.all(['GB-SCT', 'Wales', 'northern ireland'].map((region) => cli(['deadlines', '--received', '2025-01-06', '--region', region, '--json'])));
    expect(results.map((r) => JSON.parse(r.stdout).region)).toEqual(['scotland', 'england-and-wales', 'northern-ireland']);
  });

  it('suggests the region meant by a misspelt one, and lists the regions for one it cannot place', async ({ expect }) => {
    const [misspelt, unknown] = await Promise.all([
      cli(['deadlines', '--received', '2025-01-06', '--region', 'Scottland']),
      cli(['deadlines', '--received', '2025-01-06', '--region', 'UK']),
    ]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain("unknown region 'Scottland'. Did you mean 'scotland'?");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown region 'UK'. The regions are england-and-wales, scotland, northern-ireland");
  });

  it('suggests the policy meant by a misspelt one', async ({ expect }) => {
    const { code, stderr } = await cli(['deadlines', '--received', '2025-01-06', '--region', 'wales', '--policy', 'peaksPlainV4']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown policy 'peaksPlainV4'. Did you mean 'peaksPlainsV4'?");
  });
});

describe.concurrent('validate-letter', () => {
  it('says a valid letter is valid: exit code 0', async ({ expect }) => {
    const path = folder.file('ack.json', JSON.stringify(samples.acknowledgement));
    const { code, stdout } = await cli(['validate-letter', path]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`${path}: a valid acknowledgement (stage 1) for complaint C-2024-0142, sent 2024-12-23`);
  });

  it('lists every issue of an invalid letter with its provision: exit code 1', async ({ expect }) => {
    const path = folder.file('response.json', JSON.stringify({ ...samples.stage1Response, escalation: { route: ' ' }, remedies: [] }));
    const [table, json] = await Promise.all([cli(['validate-letter', path]), cli(['validate-letter', path, '--json'])]);
    expect(table.code).toBe(1);
    expect(table.stdout).toContain('the stage1-response is not valid (2 issues)');
    expect(table.stdout).toMatch(/6\.9\(g\) +escalation\.route: must not be empty/);
    expect(table.stdout).toMatch(/7\.1 +remedies: 2 findings are upheld but no remedy is offered/);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).issues.map((issue: { provision: string }) => issue.provision)).toEqual(['6.9(g)', '7.1']);
  });

  it('reads the letter from standard input for -, and says when it is not JSON', async ({ expect }) => {
    const { code, stdout } = await cli(['validate-letter', '-'], { input: '{ "kind": "decline-notice", ' });
    expect(code).toBe(1);
    expect(stdout).toContain('<stdin>: the letter is not valid');
    expect(stdout).toContain('the file is not valid JSON');
  });
});

describe.concurrent('self-assess', () => {
  it('prints the self-assessment of a policy in Markdown, CSV or JSON', async ({ expect }) => {
    const [markdown, csv, json] = await Promise.all([
      cli(['self-assess', '--policy', 'peaksPlainsV4']),
      cli(['self-assess', '--policy', 'pp', '--format', 'csv']),
      cli(['self-assess', '--format', 'json']),
    ]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Self-assessment against the Complaint Handling Code 2024/);
    expect(markdown.stdout).toContain('| 6.13 |');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^Section,/);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).policy.id).toBe('code-2024');
  });

  it('suggests the format meant by a misspelt one', async ({ expect }) => {
    const { code, stderr } = await cli(['self-assess', '--format', 'cvs']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown format 'cvs'. Did you mean 'csv'?");
  });
});
