/**
 * One worker process of the job-queue example: graphile-worker's `run()` with one task, `tick`,
 * which appends `{ type: 'TICK', at: <the job's tickAt> }` to the complaint through the store and
 * says what the machine answered. run.ts forks several of these (`node --import tsx`), each with
 * the schemas of the run in its environment; each loads, says `loaded`, takes jobs once told
 * `start`, and stops when told `stop` (or when run.ts goes away).
 */
import pg from 'pg';
import { run, type Runner, type Task } from 'graphile-worker';
import { checkSchema, connectionString, openStore, quietLogger, RUNS_TABLE, type TickPayload } from './queue.js';

const url = connectionString();
if (!url) throw new Error('HC_POSTGRES_URL (or DATABASE_URL) is not set');
const schemas = { store: checkSchema(process.env.HC_JOBS_STORE_SCHEMA), worker: checkSchema(process.env.HC_JOBS_WORKER_SCHEMA) };
const name = `worker ${process.env.HC_JOBS_WORKER ?? '?'}`;
const prefix = `[${name}, pid ${process.pid}]`;

const pool = new pg.Pool({ connectionString: url, max: 2 });
const store = openStore(pool, schemas, (line) => console.log(`${prefix}   hook: ${line}`));

const tick: Task = async (payload, helpers) => {
  const job = payload as TickPayload;
  const result = await store.append(job.complaintId, { type: 'TICK', at: job.tickAt });
  let answer: string;
  if (!result.accepted) {
    // A TICK before the complaint's latest event is refused (5.12): that later event already recorded
    // every deadline missed before it. Nothing to retry: the job is done.
    answer = `refused: ${result.reasons.map((r) => `${r.message}${r.provision ? ` (${r.provision})` : ''}`).join('; ')}`;
  } else if (result.breaches.length > 0) {
    answer = result.breaches.map((b) => `breach recorded: ${b.deadline} was due ${b.due} (provision ${b.provision})`).join('; ');
  } else {
    answer = 'accepted, no breach (the deadline was met or moved)';
  }
  await pool.query(`INSERT INTO "${schemas.store}".${RUNS_TABLE} (job_id, key, revision, tick_at, worker, accepted, breaches) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    helpers.job.id,
    job.key,
    helpers.job.revision,
    job.tickAt,
    name,
    result.accepted,
    JSON.stringify(result.breaches),
  ]);
  console.log(`${prefix} job #${helpers.job.id} ${job.key}: TICK at ${job.tickAt} → ${answer}`);
};

let runner: Runner | undefined;
let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    let code = 0;
    try {
      await runner?.stop();
      await pool.end();
    } catch (error) {
      console.error(`${prefix} could not stop cleanly:`, error);
      code = 1;
    }
    process.exit(code);
  })());

/** Takes jobs: graphile-worker's run(), with the one task. */
const start = async () => {
  runner = await run({
    connectionString: url,
    schema: schemas.worker,
    concurrency: 1,
    maxPoolSize: 3,
    pollInterval: 500,
    noHandleSignals: true,
    logger: quietLogger(prefix),
    taskList: { tick },
  });
  console.log(`${prefix} running graphile-worker's run() with the task 'tick', schema ${schemas.worker}`);
  process.send?.('running');
};

// run.ts says 'start' once the complaints are walked through (its dates are in the past: every job is
// due at once), and 'stop' at the end.
process.on('message', (message) => {
  if (message === 'start' && !runner && !stopping) start().catch((error) => {
    console.error(`${prefix} could not start:`, error);
    process.exit(1);
  });
  if (message === 'stop') void stop();
});
// Never outlive run.ts: when it goes, so does this worker.
process.on('disconnect', () => void stop());
process.send?.('loaded');
