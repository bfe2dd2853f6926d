/**
 * `npm run example:job-queue`: the store's deadlines on a real job queue (graphile-worker), on one
 * PostgreSQL server. Every append tells the host, inside its transaction, which deadlines were
 * scheduled or cancelled; the hook (queue.ts) adds, moves or removes a `tick` job in that same
 * transaction. A few complaints are walked through, three worker processes run the due jobs (each
 * appends a TICK, and the machine records the breach), then the run is checked and its schemas
 * dropped. See README.md beside this file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runMigrations } from 'graphile-worker';
import { createWorkingDayCalendar, draftLetter, type ComplaintEvent, type Letter, type Region } from 'housing-complaints';
import type { AppendResult } from 'housing-complaints/store';
import { connectionString, openStore, quietLogger, RUNS_TABLE, type Schemas } from './queue.js';

const WORKERS = 3;
const TIMEOUT_MS = 30_000;
const root = fileURLToPath(new URL('../..', import.meta.url));
const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Without a server, say how to start one, and fail. */
function noServer(): never {
  console.error(
    [
      'This example needs a PostgreSQL server: set HC_POSTGRES_URL (or DATABASE_URL). To start a throwaway one on this machine:',
      '',
      '  export HC_POSTGRES_URL=$(scripts/postgres-server.sh | tail -n 1)',
      '  npm run example:job-queue',
      '',
      'and stop it afterwards with scripts/postgres-server.sh stop.',
    ].join('\n'),
  );
  process.exit(1);
}
const url: string = connectionString() ?? noServer();

// A pair of schemas of this run's own: others may use the same server at the same time.
const run = `hc_jobs_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const schemas: Schemas = { store: run, worker: `${run}_gw` };
const pool = new pg.Pool({ connectionString: url, max: 4 });
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
let workers: { n: number; child: ChildProcess; exited: Promise<number | null>; loaded: Promise<void>; running: Promise<void> }[] = [];

/** The queue as graphile-worker holds it: its `jobs` view. */
interface JobRow {
  id: string;
  key: string | null;
  run_at: Date;
  revision: number;
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
}
const jobs = async (keyPrefix = ''): Promise<JobRow[]> =>
  (await pool.query<JobRow>(`SELECT id, key, run_at, revision, attempts, last_error, locked_by FROM "${schemas.worker}".jobs WHERE coalesce(key, '') LIKE $1 || '%' ORDER BY run_at, key`, [keyPrefix])).rows;
const printJobs = (title: string, rows: JobRow[]) => {
  console.log(`\n  ${title}`);
  console.log(`    ${'job'.padEnd(6)}${'key'.padEnd(26)}${'run_at'.padEnd(26)}revision`);
  for (const job of rows) console.log(`    ${`#${job.id}`.padEnd(6)}${(job.key ?? '(none)').padEnd(26)}${job.run_at.toISOString().padEnd(26)}${job.revision}`);
  if (rows.length === 0) console.log('    (none)');
  console.log('');
};

async function main(): Promise<void> {
  console.log(`Schemas of this run: ${schemas.store} (the store) and ${schemas.worker} (graphile-worker).\n`);

  // The workers: several processes, each to run graphile-worker's run() with the `tick` task. They load
  // while the complaints are walked through, but take no job until told: the walk's dates are in the
  // past, so every job is due the moment it is added, and a worker would otherwise TICK a complaint
  // before the walk had acknowledged it.
  console.log(`Forking ${WORKERS} worker processes (node --import tsx examples/job-queue/worker.ts); they take no job until the walk is done.\n`);
  workers = Array.from({ length: WORKERS }, (_, i) => {
    const n = i + 1;
    const child = fork(workerFile, {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, HC_POSTGRES_URL: url, HC_JOBS_STORE_SCHEMA: schemas.store, HC_JOBS_WORKER_SCHEMA: schemas.worker, HC_JOBS_WORKER: String(n) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Listened for from the start: a message nobody listens for is lost.
    const says = (message: string) => {
      const said = new Promise<void>((resolve, reject) => {
        const listener = (received: unknown) => {
          if (received !== message) return;
          child.off('message', listener);
          resolve();
        };
        child.on('message', listener);
        void exited.then((code) => reject(new Error(`worker ${n} exited (code ${code}) before it said '${message}'`)));
      });
      said.catch(() => undefined); // awaited below; never an unhandled rejection when the run stops early
      return said;
    };
    return { n, child, exited, loaded: says('loaded'), running: says('running') };
  });

  // 1. Migrations: graphile-worker's (its tables and SQL functions, in its schema), then the store's.
  await runMigrations({ connectionString: url, schema: schemas.worker, logger: quietLogger('[run]') });
  const store = openStore(pool, schemas, (line) => console.log(`      hook: ${line}`));
  await store.migrate();
  await pool.query(
    `CREATE TABLE "${schemas.store}".${RUNS_TABLE} (job_id bigint NOT NULL, key text NOT NULL, revision integer NOT NULL, tick_at text NOT NULL, worker text NOT NULL, accepted boolean NOT NULL, breaches jsonb NOT NULL, ran_at timestamptz NOT NULL DEFAULT now())`,
  );
  console.log('Migrated graphile-worker and the store.\n');

  // 2. The app server's side: complaints walked through, each append adding, moving or removing jobs.
  const appended: AppendResult[] = [];
  const append = async (complaintId: string, event: ComplaintEvent) => {
    console.log(`  ${complaintId} ${event.type} at ${event.at}`);
    const result = await store.append(complaintId, event);
    if (!result.accepted) throw new Error(`${complaintId} ${event.type} was refused: ${result.reasons.map((r) => `${r.message} (${r.provision ?? '-'})`).join('; ')}`);
    for (const s of result.scheduled) console.log(`      scheduled ${s.key}: due ${s.due} (${s.provision}), TICK at ${s.tickAt}`);
    for (const c of result.cancelled) console.log(`      cancelled ${c.key}`);
    appended.push(result);
    return result;
  };
  const receive = (id: string, at: string, region: Region = 'england-and-wales') =>
    append(id, { type: 'RECEIVE', at, complaint: { id, region, summary: 'The bathroom extractor fan has not worked since November', channel: 'phone' } });
  const definition = { points: [{ id: 'fan', summary: 'The bathroom extractor fan has not worked since November' }], outcomesSought: ['The fan repaired'] };
  const snapshotOf = async (id: string) => (await store.load(id)).snapshot;
  // Each letter drafted from the record (every date the machine knows filled in), then completed.
  const acknowledge = async (id: string, at: string) => {
    const letter = { ...draftLetter(await snapshotOf(id), 'acknowledgement', { now: at }), handler: 'Jo Smith, Housing Officer', definition } as Extract<Letter, { kind: 'acknowledgement' }>;
    return append(id, { type: 'ACKNOWLEDGE', at, letter });
  };

  console.log('JQ-1: received, never acknowledged.');
  await receive('JQ-1', '2025-01-06T09:00:00Z');

  console.log('\nJQ-2: received, acknowledged, then the response extended.');
  await receive('JQ-2', '2025-01-06T09:30:00Z');
  const acknowledged = await acknowledge('JQ-2', '2025-01-08T10:00:00Z');
  const respondBy = acknowledged.scheduled.find((s) => s.deadline === 'stage1.respond')!.due;
  const beforeExtend = await jobs('JQ-2/');
  printJobs('JQ-2 jobs before EXTEND:', beforeExtend);
  const newRespondBy = createWorkingDayCalendar({ region: 'england-and-wales' }).addWorkingDays(respondBy, 5);
  const extendAt = '2025-01-15T11:00:00Z';
  const notice = {
    ...draftLetter(await snapshotOf('JQ-2'), 'extension-notice', { now: extendAt }),
    reasons: 'A contractor must look at the fan and the wiring behind it. We need their report to answer your complaint.',
    newRespondBy,
  } as Extract<Letter, { kind: 'extension-notice' }>;
  const extended = await append('JQ-2', { type: 'EXTEND', at: extendAt, letter: notice, category: 'contractor-availability' });
  const afterExtend = await jobs('JQ-2/');
  printJobs('JQ-2 jobs after EXTEND:', afterExtend);

  console.log('JQ-3: received, acknowledged, answered in time.');
  await receive('JQ-3', '2025-01-07T10:00:00Z');
  await acknowledge('JQ-3', '2025-01-08T14:00:00Z');
  const respondAt = '2025-01-17T15:00:00Z';
  const response = {
    ...draftLetter(await snapshotOf('JQ-3'), 'stage1-response', { now: respondAt }),
    decision: 'upheld',
    findings: [{ pointId: 'fan', upheld: true, reasons: 'The fan was reported on 4 November. Our contractor did not attend. We replaced the fan on 16 January.' }],
    remedies: [{ kind: 'apology', description: 'We are sorry that the fan took so long to repair' }],
    escalation: { route: 'Reply to this letter, or call 0300 123 4567 and ask for stage 2' },
  } as Extract<Letter, { kind: 'stage1-response' }>;
  await append('JQ-3', { type: 'RESPOND', at: respondAt, letter: response });

  console.log('\nJQ-4: received, then withdrawn (closed) before it was acknowledged.');
  await receive('JQ-4', '2025-01-07T11:00:00Z');
  await append('JQ-4', { type: 'WITHDRAW', at: '2025-01-09T09:00:00Z' });

  console.log('\nJQ-5, JQ-6, JQ-7: received on New Year’s Eve, one in each division, never acknowledged (each counts its own bank holidays).');
  await receive('JQ-5', '2024-12-31T15:00:00Z', 'england-and-wales');
  await receive('JQ-6', '2024-12-31T15:00:00Z', 'scotland');
  await receive('JQ-7', '2024-12-31T15:00:00Z', 'northern-ireland');

  const queued = await jobs();
  printJobs('The queue after the walk (every job already due: the dates are in 2025):', queued);

  // What should happen: the deadline last scheduled under each key, unless cancelled since.
  const expected = new Map<string, { complaintId: string; deadline: string; provision: string; due: string; tickAt: string }>();
  for (const result of appended) {
    for (const s of result.scheduled) expected.set(s.key, s);
    for (const c of result.cancelled) expected.delete(c.key);
  }

  // 3. The workers take jobs from now on, all three at once.
  await within(Promise.all(workers.map((worker) => worker.loaded)), 'the workers to load');
  console.log(`Telling the ${WORKERS} workers to start taking jobs.`);
  for (const { child } of workers) child.send('start');
  await within(Promise.all(workers.map((worker) => worker.running)), 'the workers to start');

  // 4. Wait until every due job has run: the queue empty, a run recorded for each expected key.
  await within(
    (async () => {
      for (;;) {
        const left = await jobs();
        const failed = left.filter((job) => job.last_error);
        if (failed.length > 0) throw new Error(`a job failed: ${failed.map((job) => `${job.key}: ${job.last_error}`).join('; ')}`);
        const { rows } = await pool.query<{ n: number }>(`SELECT count(DISTINCT key)::int AS n FROM "${schemas.store}".${RUNS_TABLE}`);
        if (left.length === 0 && rows[0]!.n >= expected.size) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })(),
    'every due job to run',
  );

  await stopWorkers();

  // 5. The summary, and the checks.
  const runs = (await pool.query<{ job_id: string; key: string; revision: number; tick_at: string; worker: string; accepted: boolean }>(`SELECT job_id, key, revision, tick_at, worker, accepted FROM "${schemas.store}".${RUNS_TABLE} ORDER BY key, ran_at`)).rows;
  console.log('\nSummary:');
  console.log(`  ${'complaint'.padEnd(10)}${'stage'.padEnd(9)}${'status'.padEnd(22)}${'TICKs'.padEnd(7)}breaches`);
  const ids = [...new Set(appended.map((result) => result.complaintId))];
  const complaints = new Map<string, Awaited<ReturnType<typeof store.history>>>();
  for (const id of ids) {
    const history = await store.history(id);
    complaints.set(id, history);
    const { projection } = await store.load(id);
    const ticks = history.events.filter((e) => e.event.type === 'TICK').length;
    const breaches = history.snapshot.context.breaches.map((b) => `${b.deadline} due ${b.due} (${b.provision})`).join(', ') || '-';
    console.log(`  ${id.padEnd(10)}${projection.stage.padEnd(9)}${projection.status.padEnd(22)}${String(ticks).padEnd(7)}${breaches}`);
  }
  console.log('\n  Jobs run:');
  for (const r of runs) console.log(`    ${r.key.padEnd(24)} job #${r.job_id.padEnd(4)} revision ${r.revision}  TICK at ${r.tick_at}  by ${r.worker}`);

  console.log('\nChecks:');
  const [before] = beforeExtend;
  const [after] = afterExtend;
  const movedTo = extended.scheduled.find((s) => s.key === 'JQ-2/stage1.respond');
  check(beforeExtend.length === 1 && before?.key === 'JQ-2/stage1.respond', 'before EXTEND, JQ-2 has one job: its respond job (the acknowledge job was removed)');
  check(
    before !== undefined &&
      after !== undefined &&
      afterExtend.length === 1 &&
      after.id === before.id &&
      after.key === before.key &&
      after.revision === before.revision + 1 &&
      after.run_at.toISOString() === movedTo?.tickAt &&
      after.run_at.getTime() > before.run_at.getTime(),
    `EXTEND moved that job (same id #${before?.id}, same key, run_at ${before?.run_at.toISOString()} → ${after?.run_at.toISOString()}), and added none`,
  );
  const cancelledKeys = ['JQ-2/stage1.acknowledge', 'JQ-3/stage1.acknowledge', 'JQ-3/stage1.respond', 'JQ-4/stage1.acknowledge'];
  check(
    cancelledKeys.every((key) => !queued.some((job) => job.key === key)),
    `the jobs of met or closed deadlines were removed before the workers started (${cancelledKeys.join(', ')})`,
  );
  check(queued.length === expected.size && queued.every((job) => job.key !== null && expected.get(job.key)?.tickAt === job.run_at.toISOString()), `the queue held exactly one job per open deadline (${expected.size}), each due at its tickAt`);
  const perKey = new Map<string, number>();
  for (const r of runs) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
  check([...perKey.values()].every((count) => count === 1), 'no job ran twice for one key');
  check(perKey.size === expected.size && [...expected.keys()].every((key) => perKey.has(key)), `a job ran for every open deadline, and for no other (${[...expected.keys()].join(', ')})`);
  check(runs.every((r) => r.tick_at === expected.get(r.key)?.tickAt), 'each TICK was sent at its job’s tickAt (JQ-2’s: the moved one)');
  check(runs.every((r) => r.accepted), 'the machine accepted every TICK');
  let breachesRight = true;
  for (const id of ids) {
    const wanted = [...expected.values()].filter((e) => e.complaintId === id).map((e) => `${e.deadline}|${e.provision}|${e.due}`).sort();
    const history = complaints.get(id)!;
    const got = history.snapshot.context.breaches.map((b) => `${b.deadline}|${b.provision}|${b.due}`).sort();
    const ticks = history.events.filter((e) => e.event.type === 'TICK').length;
    if (JSON.stringify(wanted) !== JSON.stringify(got) || ticks !== wanted.length) {
      breachesRight = false;
      console.log(`       ${id}: expected breaches [${wanted.join(', ')}] and ${wanted.length} TICK(s), found [${got.join(', ')}] and ${ticks}`);
    }
  }
  check(breachesRight, 'every missed deadline has its breach with its provision (6.2 unacknowledged; 6.3 for JQ-2, due on the extended date), and no complaint has any other');
  check((await jobs()).length === 0, 'the queue is empty');
}

/** `promise`, or a failure after {@link TIMEOUT_MS}. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS / 1000} s waiting for ${what}`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks each worker to stop, and waits; a worker that does not stop in time is killed (by its pid) and counts as a failure. */
async function stopWorkers(): Promise<void> {
  const running = workers;
  workers = [];
  await Promise.all(
    running.map(async ({ n, child, exited }) => {
      if (child.exitCode === null && child.connected) child.send('stop');
      const code = await Promise.race([exited, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref())]);
      if (code === 'late') {
        child.kill('SIGKILL');
        failures.push(`worker ${n} did not stop`);
      } else if (code !== 0) failures.push(`worker ${n} exited with code ${code}`);
    }),
  );
}

/** Stops the workers, drops this run's two schemas (and only those) and closes the pool: once, whatever happened. */
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await stopWorkers();
    try {
      await pool.query(`DROP SCHEMA IF EXISTS "${schemas.store}" CASCADE`);
      await pool.query(`DROP SCHEMA IF EXISTS "${schemas.worker}" CASCADE`);
      console.log(`\nDropped ${schemas.store} and ${schemas.worker}.`);
    } catch (error) {
      failures.push(`could not drop the schemas ${schemas.store} and ${schemas.worker}: ${(error as Error).message}`);
    }
    await pool.end();
  })());
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  console.error('\nInterrupted: stopping the workers and dropping the schemas.');
  void cleanup().finally(() => process.exit(130));
});

let exitCode = 0;
try {
  await main();
} catch (error) {
  // Once interrupted, what fails is only the clean-up pulling the schemas away.
  if (!interrupted) console.error(`\nThe example failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cleanup();
}
if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  exitCode = 1;
}
if (exitCode === 0) console.log('All checks passed.');
process.exit(exitCode);
