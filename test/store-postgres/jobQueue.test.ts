/**
 * The job-queue example (examples/job-queue/), run as a user runs it: a child process on the
 * PostgreSQL server of HC_POSTGRES_URL, with graphile-worker's worker processes of its own. It must
 * pass its own checks, show each step the README describes, and leave no schema behind.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const url = process.env.HC_POSTGRES_URL;

/** Runs the example with `env` and returns its exit code and output. */
function runExample(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/job-queue/run.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment without any server URL. */
function withoutServer(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.HC_POSTGRES_URL;
  delete env.DATABASE_URL;
  return env;
}

describe('examples/job-queue', () => {
  it('without a server, says how to start one and fails', async () => {
    const { code, stderr } = await runExample(withoutServer());
    expect(code).not.toBe(0);
    expect(stderr).toContain('HC_POSTGRES_URL');
    expect(stderr).toContain('scripts/postgres-server.sh');
  });

  it(
    'schedules, moves and removes jobs with each append, runs the due ones on several workers, and records each breach once',
    async () => {
      // Never skipped: `npm run test:postgres` runs with a server.
      if (!url) throw new Error('HC_POSTGRES_URL is not set: start a server with scripts/postgres-server.sh and export HC_POSTGRES_URL=<the URL it prints>');
      const { code, stdout, stderr } = await runExample({ ...withoutServer(), HC_POSTGRES_URL: url });
      const output = `${stdout}\n${stderr}`;
      expect(code, output).toBe(0);
      expect(stdout).toContain('All checks passed.');
      expect(stdout).not.toMatch(/^\s*FAIL /m);

      // The hook ran inside the appends: a job added per deadline, removed when met, moved by EXTEND.
      expect(stdout).toMatch(/hook: add_job\(tick, run_at => 2025-01-14T00:00:00\.000Z, job_key => JQ-1\/stage1\.acknowledge\) → job #\d+/);
      expect(stdout).toMatch(/hook: remove_job\(JQ-2\/stage1\.acknowledge\) → job #\d+ removed/);
      expect(stdout).toMatch(/hook: remove_job\(JQ-3\/stage1\.respond\) → job #\d+ removed/);
      expect(stdout).toMatch(/hook: remove_job\(JQ-4\/stage1\.acknowledge\) → job #\d+ removed/);
      expect(stdout).toMatch(/job_key => JQ-2\/stage1\.respond\) → job #\d+, revision 1: moved, not added/);

      // The jobs table before and after EXTEND: one row each time, the same job, a later run_at.
      const table = (title: string) => {
        const start = stdout.indexOf(title);
        expect(start, `no "${title}" in the output`).toBeGreaterThanOrEqual(0);
        const lines = stdout.slice(start).split('\n').slice(2);
        return lines.slice(0, lines.findIndex((line) => line.trim() === '')).map((line) => line.trim().split(/\s+/));
      };
      const before = table('JQ-2 jobs before EXTEND:');
      const after = table('JQ-2 jobs after EXTEND:');
      expect(before).toHaveLength(1);
      expect(after).toHaveLength(1);
      expect(after[0]![0]).toBe(before[0]![0]);
      expect(before[0]!.slice(1)).toEqual(['JQ-2/stage1.respond', '2025-01-23T00:00:00.000Z', '0']);
      expect(after[0]!.slice(1)).toEqual(['JQ-2/stage1.respond', '2025-01-30T00:00:00.000Z', '1']);

      // Worker processes, at least three, each running graphile-worker's run().
      const ready = [...stdout.matchAll(/^\[worker (\d+), pid (\d+)\] running graphile-worker's run\(\) with the task 'tick'/gm)];
      expect(new Set(ready.map((m) => m[2])).size).toBeGreaterThanOrEqual(3);
      expect(ready.every((m) => Number(m[2]) !== process.pid)).toBe(true);

      // Each due job ran once, in a worker, and the machine answered with the breach and its provision.
      const ran = [...stdout.matchAll(/^\[worker \d+, pid \d+\] job #\d+ (\S+): TICK at (\S+) → (.*)$/gm)].map((m) => ({ key: m[1]!, at: m[2]!, answer: m[3]! }));
      expect(ran.map((r) => r.key).sort()).toEqual(['JQ-1/stage1.acknowledge', 'JQ-2/stage1.respond', 'JQ-5/stage1.acknowledge', 'JQ-6/stage1.acknowledge', 'JQ-7/stage1.acknowledge']);
      const answer = (key: string) => ran.find((r) => r.key === key)!;
      expect(answer('JQ-1/stage1.acknowledge')).toEqual({ key: 'JQ-1/stage1.acknowledge', at: '2025-01-14T00:00:00.000Z', answer: 'breach recorded: stage1.acknowledge was due 2025-01-13 (provision 6.2)' });
      expect(answer('JQ-2/stage1.respond')).toEqual({ key: 'JQ-2/stage1.respond', at: '2025-01-30T00:00:00.000Z', answer: 'breach recorded: stage1.respond was due 2025-01-29 (provision 6.3)' });
      // Scotland's 2 January bank holiday puts its acknowledgement a day later than the others'.
      expect(answer('JQ-5/stage1.acknowledge').answer).toBe('breach recorded: stage1.acknowledge was due 2025-01-08 (provision 6.2)');
      expect(answer('JQ-6/stage1.acknowledge').answer).toBe('breach recorded: stage1.acknowledge was due 2025-01-09 (provision 6.2)');
      expect(answer('JQ-7/stage1.acknowledge').answer).toBe('breach recorded: stage1.acknowledge was due 2025-01-08 (provision 6.2)');

      // The summary: the complaints answered in time or closed have no breach and no TICK.
      expect(stdout).toMatch(/^\s+JQ-3\s+stage1\s+responded\s+0\s+-$/m);
      expect(stdout).toMatch(/^\s+JQ-4\s+closed\s+withdrawn\s+0\s+-$/m);

      // Its schemas were its own, and are gone.
      const named = /Schemas of this run: (hc_jobs_\w+) \(the store\) and (hc_jobs_\w+) \(graphile-worker\)/.exec(stdout);
      expect(named).not.toBeNull();
      expect(stdout).toContain(`Dropped ${named![1]} and ${named![2]}.`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [[named![1], named![2]]]);
        expect(rows).toEqual([]);
      } finally {
        await client.end();
      }
    },
    120_000,
  );
});
