/**
 * A writer process for the store's multi-process tests: it opens the store on an SQLite file or a
 * PostgreSQL server and appends a plan of events (`plan.ts`), printing one JSON line to stdout for
 * each append only after `append` resolved:
 *
 *   {"outcome":"accepted","complaintId":"A","sequence":7,"key":"A/ACKNOWLEDGE","event":{...}}
 *   {"outcome":"refused","complaintId":"A","sequence":9,"key":"A/ACKNOWLEDGE","event":{...},"reasons":[...]}
 *   {"outcome":"conflict","complaintId":"A","key":"A/ACKNOWLEDGE","message":"…"}   (a ConcurrencyError, which wrote nothing: appended again)
 *   {"barrier":"received"}       (the contested plan, before each phase: it then waits for a line `go` on stdin)
 *   {"done":true}
 *
 * Run from the repository's root:
 *
 *   node --import tsx test/store/processes/writer.ts --sqlite complaints.db --writer 1 --complaints A,B,C --plan contested
 *   node --import tsx test/store/processes/writer.ts --postgres postgres://postgres@127.0.0.1:54329/postgres --schema hc_proc_x --complaints A,B --plan stream
 *
 * Options: `--plan contested` (with `--writer n`, `--ticks n`, `--concurrency n` appends in flight)
 * or `--plan stream` (one lane per complaint, `--limit n` events each, default without end). The
 * writer exits when its stdin closes: it never outlives the test that started it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { ComplaintStore } from '../../../src/store/index.js';
import { isConcurrencyError } from '../../../src/store/index.js';
import { createPostgresStore } from '../../../src/store/postgres.js';
import { createSqliteStore } from '../../../src/store/sqlite.js';
import { contestedPlan, streamEvent, type PlannedEvent } from './plan.js';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    postgres: { type: 'string' },
    schema: { type: 'string' },
    plan: { type: 'string' },
    writer: { type: 'string', default: '1' },
    complaints: { type: 'string' },
    ticks: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '1' },
    limit: { type: 'string', default: '100000' },
  },
  strict: true,
});

const whole = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number, 1 or more: ${text}`);
  return n;
};
const complaints = (values.complaints ?? '').split(',').filter(Boolean);
if (complaints.length === 0) throw new Error('--complaints: the complaint ids, comma-separated');
if (values.plan !== 'contested' && values.plan !== 'stream') throw new Error(`--plan must be contested or stream: ${values.plan}`);
if (!values.sqlite === !values.postgres) throw new Error('give one of --sqlite <file> and --postgres <url>');
const concurrency = whole('concurrency', values.concurrency);

const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

// Lines from the test, one per barrier; the end of stdin means the test is gone, so is the writer.
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
let waiting = false;
let finished = false;
input.on('close', () => {
  if (!waiting && !finished) process.exit(3);
});
async function barrier(name: string): Promise<void> {
  print({ barrier: name });
  waiting = true;
  const line = await lines.next();
  waiting = false;
  if (line.done || line.value.trim() !== 'go') process.exit(3);
}

let pool: pg.Pool | undefined;
let store: ComplaintStore<unknown>;
if (values.sqlite) {
  store = createSqliteStore(values.sqlite, { busyTimeout: 30_000 }) as ComplaintStore<unknown>;
} else {
  pool = new pg.Pool({ connectionString: values.postgres, max: concurrency + 1, connectionTimeoutMillis: 30_000 });
  store = createPostgresStore({ pool }, values.schema ? { schema: values.schema } : {}) as ComplaintStore<unknown>;
}

/** Appends one event, again after a ConcurrencyError (which wrote nothing), and prints the answer. */
async function append({ complaintId, key, event }: PlannedEvent): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await store.append(complaintId, event);
      print({ outcome: result.accepted ? 'accepted' : 'refused', complaintId, sequence: result.sequence, key, event, ...(result.accepted ? {} : { reasons: result.reasons }) });
      // better-sqlite3 is synchronous: without a turn of the event loop the writer would never see its stdin close.
      await new Promise(setImmediate);
      return;
    } catch (error) {
      if (!isConcurrencyError(error) || attempt >= 100) throw error;
      print({ outcome: 'conflict', complaintId, key, message: error.message });
    }
  }
}

/** Appends `events`, `lanes` at a time, each lane taking the next event when its append returned. */
async function appendAll(events: Iterator<PlannedEvent>, lanes: number): Promise<void> {
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let next = events.next(); !next.done; next = events.next()) await append(next.value);
    }),
  );
}

// Every app server migrates at start-up: the writers do so at once.
await store.migrate();
if (values.plan === 'contested') {
  const phases = contestedPlan({ writer: whole('writer', values.writer), complaints, ticks: whole('ticks', values.ticks) });
  for (const phase of phases) {
    await barrier(phase.name);
    await appendAll(phase.events[Symbol.iterator](), concurrency);
  }
} else {
  const limit = whole('limit', values.limit);
  await Promise.all(
    complaints.map(async (complaintId) => {
      for (let index = 0; index < limit; index++) await append(streamEvent(complaintId, index));
    }),
  );
}
await store.close();
await pool?.end();
finished = true;
print({ done: true });
input.close();
