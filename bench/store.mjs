// The event store benchmark (housing-complaints/store), each figure a ratio against a baseline
// measured in the same run (the machines are shared and noisy, so only ratios mean anything):
//   1. appends: store.append of a generated event stream, one event per transaction, on SQLite (a
//      WAL file) and on PostgreSQL (the server at HC_POSTGRES_URL, else PGlite in process) / the
//      same rows written with plain SQL in the same transaction shape (BEGIN; SELECT the head;
//      INSERT the event; INSERT or UPDATE the complaint row; DELETE and INSERT its deadlines; COMMIT);
//   2. the work queue over 1,000,000 complaints' deadline rows / the bare indexed query it runs,
//      with its rows materialised (bar: 2x), on SQLite and, when a server is given, PostgreSQL;
//   3. rebuild of a generated log (25,000 complaints by default: --complaints 100000 takes about
//      four minutes more) in an SQLite store: 2 workers against 1, the serial fraction (SQL reads
//      and writes on the main thread) and what Amdahl's law gives for 16 cores, and the cost per
//      event / bare XState (store.machine driven per complaint with the same events; bar: 3x).
// Runs on the built package (`dist/`): `npx tsup && node bench/store.mjs [--complaints N]
// [--append-complaints N] [--queue-complaints N] [--rounds N] [--only append,queue,rebuild]
// [--profile file.cpuprofile]` (--profile: a V8 CPU profile of one more rebuild({ workers: 1 }),
// and its top costs). Used by bench/run.mjs (BENCH_STORE_COMPLAINTS, BENCH_STORE_APPEND_COMPLAINTS,
// BENCH_STORE_QUEUE_COMPLAINTS). Temporary files go to a folder under the OS temp directory,
// PostgreSQL tables to schemas named hc_bench_*; both are removed at the end.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createActor, createMachine } from 'xstate';
import { replay } from 'housing-complaints';
import { createWorkingDayCalendar } from 'housing-complaints/calendar';
import { createSqliteStore } from 'housing-complaints/store/sqlite';
import { createPostgresStore } from 'housing-complaints/store/postgres';

const root = fileURLToPath(new URL('..', import.meta.url));
const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'];
/** The columns of hc_complaints after its key, in the order the backends write them (src/store/sql.ts). */
const COLUMNS = ['sequence', 'snapshot', 'stage', 'status', 'closure', 'next_deadline', 'next_due', 'overdue', 'handler', 'division', 'tenure', 'category', 'received_on', 'last_event_at', 'record'];
const OVERDUE = COLUMNS.indexOf('overdue');
const QUEUE_SQL = (table) => `SELECT complaint_id AS "complaintId", deadline, provision, due, division FROM ${table} WHERE due <= $1 ORDER BY due, complaint_id, deadline`;
const QUEUE_SQLITE = 'SELECT complaint_id AS complaintId, deadline, provision, due, division FROM hc_deadlines WHERE due <= ? ORDER BY due, complaint_id, deadline';

let sink = 0;
const silent = () => {};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds per run of each function, in interleaved rounds after a warm-up; the median round counts. */
async function compare(fns, rounds, warm = true) {
  const samples = fns.map(() => []);
  if (warm) for (const fn of fns) await fn();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < fns.length; i++) {
      const start = performance.now();
      await fns[i](round);
      samples[i].push(performance.now() - start);
    }
  }
  return samples.map(median);
}

const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const n = (value) => Math.round(value).toLocaleString('en-GB');
const lines = (file) => createInterface({ input: createReadStream(file), crlfDelay: Infinity });

/** A generated JSONL event log of `complaints` complaints (scripts/generate-events.ts, run with tsx as bench/run.mjs does). */
function generateLog(dir, complaints, name) {
  const file = join(dir, name);
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate-events.ts'), '--complaints', String(complaints), '--out', file], { cwd: root, stdio: 'ignore' });
  return file;
}

/** A new SQLite file with the store's schema, made by the store itself. */
async function sqliteSchema(path) {
  const store = createSqliteStore(path);
  await store.migrate();
  await store.close();
}

/** The connection options of PostgreSQL: the server at `url`, else PGlite. */
async function postgres(url) {
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    await pool.query('SELECT 1');
    const id = `${process.pid.toString(36)}${Date.now().toString(36)}`;
    const made = [];
    return {
      kind: 'server',
      label: 'PostgreSQL server (HC_POSTGRES_URL, pg.Pool)',
      pool,
      schema: (tag) => {
        const name = `hc_bench_${id}_${tag}`;
        made.push(name);
        return name;
      },
      drop: async (name) => {
        await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
        made.splice(made.indexOf(name), 1);
      },
      close: async () => {
        for (const name of [...made]) await pool.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
        await pool.end();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  return { kind: 'pglite', label: 'PGlite (in process, WebAssembly; set HC_POSTGRES_URL for a server)', PGlite, close: async () => {} };
}

// ---- 1. Appends ----

/** The events of a log, in its order, each with its complaint. */
async function readEvents(file) {
  const events = [];
  for await (const line of lines(file)) {
    if (line === '') continue;
    const { complaintId, ...event } = JSON.parse(line);
    events.push({ complaintId, event });
  }
  return events;
}

/**
 * What the store writes for each event, captured (untimed) from a store in memory: the event row,
 * the complaint row after it and its deadline rows, for the bare SQL to write again.
 */
async function storeWrites(events) {
  const db = new Database(':memory:');
  const store = createSqliteStore(db, { onWarning: silent });
  await store.migrate();
  const eventRow = db.prepare('SELECT type, at, event FROM hc_events WHERE complaint_id = ? AND sequence = ?').raw();
  const complaintRow = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM hc_complaints WHERE complaint_id = ?`).raw();
  const deadlineRows = db.prepare('SELECT deadline, provision, due FROM hc_deadlines WHERE complaint_id = ?').raw();
  const writes = [];
  for (const { complaintId, event } of events) {
    const result = await store.append(complaintId, event);
    if (!result.accepted) throw new Error(`a generated event is refused: ${complaintId} ${event.type}: ${result.reasons[0]?.message}`);
    const [type, at, text] = eventRow.get(complaintId, result.sequence);
    const complaint = complaintRow.get(complaintId);
    writes.push({ complaintId, previous: result.sequence - 1, sequence: result.sequence, type, at, event: text, complaint, division: complaint[COLUMNS.indexOf('division')], deadlines: deadlineRows.all(complaintId) });
  }
  await store.close();
  db.close();
  return writes;
}

async function appendAll(store, events) {
  for (const { complaintId, event } of events) {
    const result = await store.append(complaintId, event);
    if (!result.accepted) throw new Error(`refused on append: ${complaintId} ${event.type}`);
  }
}

/** The bare SQL of the SQLite backend's append, one transaction per event, on a file set up as the store sets it. */
function sqliteBare(path, writes) {
  const db = new Database(path);
  db.pragma('synchronous = full');
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  const head = db.prepare('SELECT sequence, snapshot FROM hc_complaints WHERE complaint_id = ?');
  const insertEvent = db.prepare('INSERT INTO hc_events (complaint_id, sequence, type, at, event) VALUES (?, ?, ?, ?, ?)');
  const insertComplaint = db.prepare(`INSERT INTO hc_complaints (complaint_id, ${COLUMNS.join(', ')}) VALUES (?, ${COLUMNS.map(() => '?').join(', ')})`);
  const updateComplaint = db.prepare(`UPDATE hc_complaints SET ${COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE complaint_id = ? AND sequence = ?`);
  const clearDeadlines = db.prepare('DELETE FROM hc_deadlines WHERE complaint_id = ?');
  const insertDeadline = db.prepare('INSERT INTO hc_deadlines (complaint_id, deadline, provision, due, division) VALUES (?, ?, ?, ?, ?)');
  const start = performance.now();
  for (const w of writes) {
    db.exec('BEGIN IMMEDIATE');
    sink += head.get(w.complaintId)?.sequence ?? 0;
    insertEvent.run(w.complaintId, w.sequence, w.type, w.at, w.event);
    if (w.previous === 0) insertComplaint.run(w.complaintId, ...w.complaint);
    else if (updateComplaint.run(...w.complaint, w.complaintId, w.previous).changes !== 1) throw new Error('bare update missed');
    clearDeadlines.run(w.complaintId);
    for (const [deadline, provision, due] of w.deadlines) insertDeadline.run(w.complaintId, deadline, provision, due, w.division);
    db.exec('COMMIT');
  }
  const ms = performance.now() - start;
  db.close();
  return ms;
}

/** The bare SQL of the PostgreSQL backend's append, the same statements, one transaction (and pooled client) per event. */
async function postgresBare(connect, schema, writes) {
  const t = `"${schema}"`;
  const columns = COLUMNS.join(', ');
  const insertComplaint = `INSERT INTO ${t}.hc_complaints (complaint_id, ${columns}) VALUES ($1, ${COLUMNS.map((_, i) => `$${i + 2}`).join(', ')})`;
  const updateComplaint = `UPDATE ${t}.hc_complaints SET ${COLUMNS.map((column, i) => `${column} = $${i + 3}`).join(', ')} WHERE complaint_id = $1 AND sequence = $2 RETURNING 1`;
  const start = performance.now();
  for (const w of writes) {
    const client = await connect();
    try {
      await client.query('BEGIN');
      sink += (await client.query(`SELECT sequence, snapshot FROM ${t}.hc_complaints WHERE complaint_id = $1`, [w.complaintId])).rows.length;
      await client.query(`INSERT INTO ${t}.hc_events (complaint_id, sequence, type, at, event) VALUES ($1, $2, $3, $4, $5)`, [w.complaintId, w.sequence, w.type, w.at, w.event]);
      const values = w.complaint.map((value, i) => (i === OVERDUE ? value === 1 : value));
      if (w.previous === 0) await client.query(insertComplaint, [w.complaintId, ...values]);
      else if ((await client.query(updateComplaint, [w.complaintId, w.previous, ...values])).rows.length !== 1) throw new Error('bare update missed');
      await client.query(`DELETE FROM ${t}.hc_deadlines WHERE complaint_id = $1`, [w.complaintId]);
      if (w.deadlines.length > 0) {
        const params = [w.complaintId, w.division];
        const tuples = w.deadlines.map(([deadline, provision, due]) => {
          params.push(deadline, provision, due);
          const k = params.length;
          return `($1, $${k - 2}, $${k - 1}, $${k}, $2)`;
        });
        await client.query(`INSERT INTO ${t}.hc_deadlines (complaint_id, deadline, provision, due, division) VALUES ${tuples.join(', ')}`, params);
      }
      await client.query('COMMIT');
    } finally {
      client.release?.();
    }
  }
  return performance.now() - start;
}

async function appendBenchmark({ dir, complaints, rounds, pg, log }) {
  const file = generateLog(dir, complaints, 'append.jsonl');
  const events = await readEvents(file);
  let start = performance.now();
  const writes = await storeWrites(events);
  log(`append stream: ${n(events.length)} events of ${n(complaints)} complaints in log order; captured the store's rows for the bare SQL in ${s(performance.now() - start)}`);
  const bytes = writes.reduce((sum, w) => sum + w.event.length + w.complaint[1].length + w.complaint[COLUMNS.length - 1].length, 0);
  log(`append stream: an event writes ${n(bytes / writes.length)} bytes of JSON on average (event, snapshot and record)`);

  // SQLite: a new WAL file per run, synchronous = full (the store's default for a file it opens).
  let runs = 0;
  const fresh = async () => {
    const path = join(dir, `append-${runs++}.db`);
    await sqliteSchema(path);
    return path;
  };
  const drop = (path) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  };
  const sqliteStoreMs = [];
  const sqliteBareMs = [];
  for (let round = 0; round < rounds; round++) {
    let path = await fresh();
    const store = createSqliteStore(path, { onWarning: silent });
    start = performance.now();
    await appendAll(store, events);
    sqliteStoreMs.push(performance.now() - start);
    await store.close();
    drop(path);
    path = await fresh();
    sqliteBareMs.push(sqliteBare(path, writes));
    drop(path);
  }

  // PostgreSQL: a new schema (server) or a new PGlite per run.
  const pgStoreMs = [];
  const pgBareMs = [];
  for (let round = 0; round < rounds; round++) {
    if (pg.kind === 'server') {
      const schema = pg.schema(`a${round}s`);
      const store = createPostgresStore({ pool: pg.pool }, { schema, onWarning: silent });
      await store.migrate();
      start = performance.now();
      await appendAll(store, events);
      pgStoreMs.push(performance.now() - start);
      await pg.drop(schema);
      const bare = pg.schema(`a${round}b`);
      await createPostgresStore({ pool: pg.pool }, { schema: bare }).migrate();
      pgBareMs.push(await postgresBare(() => pg.pool.connect(), bare, writes));
      await pg.drop(bare);
    } else {
      let client = new pg.PGlite();
      const store = createPostgresStore({ client }, { onWarning: silent });
      await store.migrate();
      start = performance.now();
      await appendAll(store, events);
      pgStoreMs.push(performance.now() - start);
      await client.close();
      client = new pg.PGlite();
      await createPostgresStore({ client }).migrate();
      pgBareMs.push(await postgresBare(async () => client, 'public', writes));
      await client.close();
    }
  }
  const sqlite = { storeMs: median(sqliteStoreMs), bareMs: median(sqliteBareMs) };
  const postgresResult = { storeMs: median(pgStoreMs), bareMs: median(pgBareMs) };
  return { file, events: events.length, complaints, rounds, sqlite, postgres: postgresResult, pgLabel: pg.label };
}

// ---- 2. The work queue over 1,000,000 complaints ----

/** The queue's bound, as the store computes it: `within + 1` working days on, in the division where that is latest. */
function queueBound(today, within) {
  return REGIONS.map((region) => createWorkingDayCalendar({ region }).addWorkingDays(today, within + 1)).sort().at(-1);
}

/**
 * The deadline rows of `count` complaints, for SQLite: 1 or 2 open deadlines each (40% have a
 * remedy due as well as a stage deadline), due dates spread over the year from 2025-04-01, 94% of
 * complaints in England and Wales, 3% each in Scotland and Northern Ireland. Deterministic.
 */
const FILL_SQLITE = `
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?),
c AS (SELECT i, 'C-' || printf('%07d', i) AS id,
        CASE WHEN (i * 7919) % 100 < 94 THEN 'england-and-wales' WHEN (i * 7919) % 100 < 97 THEN 'scotland' ELSE 'northern-ireland' END AS division,
        (i * 2654435761) % 4294967296 % 365 AS day, (i * 31) % 100 AS kind FROM k)
INSERT INTO hc_deadlines (complaint_id, deadline, provision, due, division)
SELECT id, CASE WHEN kind < 40 THEN 'stage1.respond' WHEN kind < 55 THEN 'stage1.acknowledge' WHEN kind < 65 THEN 'stage2.respond' WHEN kind < 70 THEN 'stage2.acknowledge' ELSE 'remedy:s1-remedy-2' END,
       CASE WHEN kind < 40 THEN '6.3' WHEN kind < 55 THEN '6.2' WHEN kind < 65 THEN '6.14' WHEN kind < 70 THEN '6.11' ELSE '7.3' END,
       date('2025-04-01', '+' || day || ' days'), division FROM c
UNION ALL
SELECT id, 'remedy:goodwill', '7.3', date('2025-04-01', '+' || (day + (i * 17) % 30) || ' days'), division FROM c WHERE i % 5 < 2`;

const FILL_POSTGRES = (t) => `
INSERT INTO ${t}.hc_deadlines (complaint_id, deadline, provision, due, division)
SELECT id, CASE WHEN kind < 40 THEN 'stage1.respond' WHEN kind < 55 THEN 'stage1.acknowledge' WHEN kind < 65 THEN 'stage2.respond' WHEN kind < 70 THEN 'stage2.acknowledge' ELSE 'remedy:s1-remedy-2' END,
       CASE WHEN kind < 40 THEN '6.3' WHEN kind < 55 THEN '6.2' WHEN kind < 65 THEN '6.14' WHEN kind < 70 THEN '6.11' ELSE '7.3' END,
       to_char(date '2025-04-01' + day, 'YYYY-MM-DD'), division FROM (
  SELECT i, 'C-' || lpad(i::text, 7, '0') AS id,
         CASE WHEN (i * 7919) % 100 < 94 THEN 'england-and-wales' WHEN (i * 7919) % 100 < 97 THEN 'scotland' ELSE 'northern-ireland' END AS division,
         ((i * 2654435761) % 4294967296 % 365)::int AS day, (i * 31) % 100 AS kind
  FROM generate_series(1::bigint, $1::bigint) AS i) c
UNION ALL
SELECT 'C-' || lpad(i::text, 7, '0'), 'remedy:goodwill', '7.3', to_char(date '2025-04-01' + ((i * 2654435761) % 4294967296 % 365 + (i * 17) % 30)::int, 'YYYY-MM-DD'),
       CASE WHEN (i * 7919) % 100 < 94 THEN 'england-and-wales' WHEN (i * 7919) % 100 < 97 THEN 'scotland' ELSE 'northern-ireland' END
FROM generate_series(1::bigint, $1::bigint) AS i WHERE i % 5 < 2`;

async function queueBenchmark({ dir, complaints, rounds, pg, log, now, within }) {
  const upTo = queueBound(now, within);
  const results = [];

  // SQLite: the index dropped while the rows go in, then made again as the migration made it.
  {
    const path = join(dir, 'queue.db');
    await sqliteSchema(path);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    let start = performance.now();
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'hc_deadlines_due'").get().sql;
    db.exec('DROP INDEX hc_deadlines_due');
    db.exec('BEGIN');
    db.prepare(FILL_SQLITE).run(complaints);
    db.exec('COMMIT');
    db.exec(index);
    db.exec('ANALYZE');
    const rows = db.prepare('SELECT count(*) AS rows, count(DISTINCT complaint_id) AS complaints FROM hc_deadlines').get();
    log(`work queue, SQLite: ${n(rows.rows)} deadline rows of ${n(rows.complaints)} complaints written with one INSERT … SELECT in ${s(performance.now() - start)}`);
    const store = createSqliteStore(db, { onWarning: silent });
    const bare = db.prepare(QUEUE_SQLITE);
    let entries = 0;
    let selected = 0;
    const [storeMs, bareMs] = await compare(
      [
        async () => {
          entries = (await store.workQueue({ now, within })).length;
          sink += entries;
        },
        async () => {
          selected = bare.all(upTo).length;
          sink += selected;
        },
      ],
      rounds,
    );
    results.push({ backend: 'SQLite', storeMs, bareMs, entries, selected });
    await store.close();
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }

  // PostgreSQL: only on a server (PGlite is not what a million complaints would be kept in).
  if (pg.kind === 'server') {
    const schema = pg.schema('q');
    const t = `"${schema}"`;
    const store = createPostgresStore({ pool: pg.pool }, { schema, onWarning: silent });
    await store.migrate();
    let start = performance.now();
    const { rows: [{ indexdef }] } = await pg.pool.query("SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname = 'hc_deadlines_due'", [schema]);
    await pg.pool.query(`DROP INDEX ${t}.hc_deadlines_due`);
    await pg.pool.query(FILL_POSTGRES(t), [complaints]);
    await pg.pool.query(indexdef);
    await pg.pool.query(`VACUUM ANALYZE ${t}.hc_deadlines`);
    const { rows: [count] } = await pg.pool.query(`SELECT count(*)::int AS rows, count(DISTINCT complaint_id)::int AS complaints FROM ${t}.hc_deadlines`);
    log(`work queue, PostgreSQL: ${n(count.rows)} deadline rows of ${n(count.complaints)} complaints written with one INSERT … SELECT in ${s(performance.now() - start)}`);
    let entries = 0;
    let selected = 0;
    const [storeMs, bareMs] = await compare(
      [
        async () => {
          entries = (await store.workQueue({ now, within })).length;
          sink += entries;
        },
        async () => {
          selected = (await pg.pool.query(QUEUE_SQL(`${t}.hc_deadlines`), [upTo])).rows.length;
          sink += selected;
        },
      ],
      rounds,
    );
    results.push({ backend: 'PostgreSQL', storeMs, bareMs, entries, selected });
    await pg.drop(schema);
  }
  return { complaints, now, within, upTo, results };
}

// ---- 3. Rebuild ----

/** Loads a JSONL log straight into hc_events, as store.importLog writes the rows (checked on the small log). */
async function loadEvents(path, file) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare('INSERT INTO hc_events (complaint_id, sequence, type, at, event) VALUES (?, ?, ?, ?, ?)');
  const sequence = new Map();
  let events = 0;
  db.exec('BEGIN');
  for await (const line of lines(file)) {
    if (line === '') continue;
    const { complaintId, ...event } = JSON.parse(line);
    const next = (sequence.get(complaintId) ?? 0) + 1;
    sequence.set(complaintId, next);
    insert.run(complaintId, next, event.type, event.at, JSON.stringify(event));
    events++;
  }
  db.exec('COMMIT');
  db.close();
  return { complaints: sequence.size, events };
}

const EVENTS_IN_ORDER = 'SELECT complaint_id, sequence, type, at, event FROM hc_events ORDER BY complaint_id, sequence';

/** How fast store.importLog appends (the store's own way in): the append benchmark's log, imported; its rows checked against loadEvents'. */
async function importRate(dir, file) {
  const imported = join(dir, 'import.db');
  const loaded = join(dir, 'loaded.db');
  await sqliteSchema(imported);
  await sqliteSchema(loaded);
  const store = createSqliteStore(imported, { onWarning: silent });
  const start = performance.now();
  const summary = await store.importLog(lines(file));
  const ms = performance.now() - start;
  await store.close();
  if (summary.refusedCount > 0 || summary.badCount > 0) throw new Error(`the import refused ${summary.refusedCount} events and found ${summary.badCount} bad lines`);
  await loadEvents(loaded, file);
  const a = new Database(imported, { readonly: true });
  const b = new Database(loaded, { readonly: true });
  const same = JSON.stringify(a.prepare(EVENTS_IN_ORDER).raw().all()) === JSON.stringify(b.prepare(EVENTS_IN_ORDER).raw().all());
  a.close();
  b.close();
  if (!same) throw new Error('the rows loaded straight into hc_events differ from what store.importLog writes');
  for (const path of [imported, loaded]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return { events: summary.accepted, ms };
}

/** The CPU milliseconds of each thread of this process (Linux), by thread id. */
function threadTimes() {
  const times = new Map();
  let ticks;
  try {
    ticks = readdirSync('/proc/self/task');
  } catch {
    return times;
  }
  for (const tid of ticks) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(tid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, in clock ticks of 10 ms
    } catch {
      // The thread ended.
    }
  }
  return times;
}

/**
 * The store's SQLite connection, with the time spent in each statement counted: reading the log
 * (SELECT … FROM hc_events) against everything else (heads, the rows written, BEGIN and COMMIT).
 */
function countedDatabase(path) {
  const db = new Database(path);
  db.pragma('synchronous = full');
  const spent = { read: 0, write: 0 };
  const prepare = db.prepare.bind(db);
  db.prepare = (sql) => {
    const statement = prepare(sql);
    const key = /FROM hc_events/.test(sql) ? 'read' : 'write';
    for (const method of ['run', 'get', 'all']) {
      const original = statement[method];
      // Named so that a profile shows SQLite's own time (native, counted to its JavaScript caller) under this name.
      statement[method] = function sqliteStatement(...args) {
        const start = performance.now();
        try {
          return original.apply(statement, args);
        } finally {
          spent[key] += performance.now() - start;
        }
      };
    }
    return statement;
  };
  const exec = db.exec.bind(db);
  db.exec = function sqliteExec(sql) {
    const start = performance.now();
    try {
      return exec(sql);
    } finally {
      spent.write += performance.now() - start;
    }
  };
  return { db, spent };
}

/** One rebuild, timed: its wall time, the SQL time on the main thread, the main thread's busy time, and the CPU of the worker threads. */
async function timedRebuild(store, spent, workers) {
  spent.read = 0;
  spent.write = 0;
  const before = threadTimes();
  const seen = new Map();
  const sample = setInterval(() => {
    for (const [tid, ms] of threadTimes()) if (!before.has(tid)) seen.set(tid, ms);
  }, 100);
  const elu = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const summary = await store.rebuild({ workers });
  const ms = performance.now() - start;
  const busy = performance.eventLoopUtilization(elu).active;
  const used = process.cpuUsage(cpu);
  const cores = (used.user + used.system) / 1000 / ms;
  clearInterval(sample);
  const after = threadTimes();
  const main = (after.get(String(process.pid)) ?? 0) - (before.get(String(process.pid)) ?? 0);
  const workerCpu = [...seen.values()].reduce((sum, value) => sum + value, 0);
  if (summary.failed.length > 0 || summary.refusedEvents > 0) throw new Error(`rebuild: ${summary.failed.length} complaints failed, ${summary.refusedEvents} events refused`);
  return { ms, read: spent.read, write: spent.write, busy, mainCpu: main, workerCpu, cores, summary };
}

/**
 * Bare XState driven the same way as the rebuild: for each complaint, an actor of `machine` is
 * started, sent the complaint's stored events (parsed before the clock starts: no store, no checks
 * of ours) and stopped. The machine's guards copy an event they were not handed by replay() (it
 * registers the one copy it makes), so replay() of the same parsed events is timed too, chunk by
 * chunk in turn with the actor; the faster of the two is the floor. Also the bench/machine.mjs
 * baseline, a bare two-state machine sent as many events, one actor per complaint.
 */
function bareXState(path, machine, every = 1) {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT complaint_id, event FROM hc_events ORDER BY complaint_id, sequence').raw().iterate();
  let actorMs = 0;
  let replayMs = 0;
  let refused = 0;
  let events = 0;
  const lengths = [];
  let chunk = [];
  let current;
  const run = () => {
    const parsed = chunk.map((list) => list.map((text) => JSON.parse(text)));
    let start = performance.now();
    for (const list of parsed) {
      const actor = createActor(machine).start();
      let snapshot = actor.getSnapshot();
      for (let i = 0; i < list.length; i++) {
        actor.send(list[i]);
        const next = actor.getSnapshot();
        if (next === snapshot) refused++;
        snapshot = next;
      }
      actor.stop();
    }
    actorMs += performance.now() - start;
    start = performance.now();
    for (const list of parsed) refused += replay(machine, list).rejected.length;
    replayMs += performance.now() - start;
    chunk = [];
  };
  let complaint = -1;
  for (const [id, text] of rows) {
    if (id !== current) {
      current = id;
      complaint++;
      if (complaint % every !== 0) continue;
      if (chunk.length >= 2_000) run();
      chunk.push([]);
      lengths.push(0);
    } else if (complaint % every !== 0) continue;
    chunk.at(-1).push(text);
    lengths[lengths.length - 1]++;
    events++;
  }
  run();
  db.close();
  if (refused > 0) throw new Error(`bare XState refused ${refused} stored events`);

  const toggle = createMachine({ initial: 'a', states: { a: { on: { T: 'b' } }, b: { on: { T: 'a' } } } });
  const event = { type: 'T' };
  const start = performance.now();
  for (const length of lengths) {
    const actor = createActor(toggle).start();
    for (let i = 0; i < length; i++) actor.send(event);
    actor.stop();
  }
  const twoStateMs = performance.now() - start;
  return { bareMs: Math.min(actorMs, replayMs), actorMs, replayMs, twoStateMs, events, complaints: lengths.length };
}

/**
 * What two threads get done on this machine against one: the same CPU-bound job (building small
 * objects and JSON text, so the garbage collector works too) on one worker thread alone, then on
 * two at once. 2.0 on two free cores; less on a shared machine, or where two vCPUs share a core.
 */
async function threadCapacity(rounds = 5) {
  const job = `const { parentPort } = process.getBuiltinModule('node:worker_threads');
    const start = performance.now(); let length = 0; let keep = [];
    for (let i = 0; i < 1_500_000; i++) { keep.push({ id: 'C-' + i, at: i, tags: ['a', 'b'] }); if (keep.length === 1_000) { length += JSON.stringify(keep).length; keep = []; } }
    parentPort.postMessage(performance.now() - start + length * 0);`;
  const run = (threads) =>
    Promise.all(
      Array.from({ length: threads }, () => {
        const worker = new Worker(job, { eval: true });
        return new Promise((resolve, reject) => {
          worker.once('message', (ms) => worker.terminate().then(() => resolve(ms)));
          worker.once('error', reject);
        });
      }),
    );
  await run(1);
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const [alone] = await run(1);
    const both = await run(2);
    ratios.push((2 * alone) / Math.max(...both));
  }
  return median(ratios);
}

/** Self time by function and the garbage collector's share, from a V8 CPU profile. */
export function profileSummary(profile, top = 15) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const { callFrame } = nodes.get(profile.samples[i]);
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const url = callFrame.url;
    const file = url.includes('/node_modules/') ? url.replace(/^.*\/node_modules\//, '') : url.includes('/dist/') ? url.replace(/^.*\/dist\//, 'dist/') : url.replace(/^.*\//, '');
    const key = `${callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${callFrame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + delta);
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, gcShare: (self.get('(garbage collector)') ?? 0) / total, top: rows.slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: us / total })) };
}

async function rebuildBenchmark({ dir, complaints, rounds, log, appendLog, profile }) {
  let importPerEvent;
  if (appendLog) {
    const rate = await importRate(dir, appendLog);
    log(`import: store.importLog appended ${n(rate.events)} events in ${s(rate.ms)} (${n(rate.events / (rate.ms / 1000))} events/s, fsync per batch of 200); its hc_events rows are the ones loaded directly below`);
    importPerEvent = rate.ms / rate.events;
  }
  let start = performance.now();
  const file = generateLog(dir, complaints, 'rebuild.jsonl');
  const generatedMs = performance.now() - start;
  const path = join(dir, 'rebuild.db');
  await sqliteSchema(path);
  start = performance.now();
  const loaded = await loadEvents(path, file);
  rmSync(file);
  log(`rebuild: generated ${n(loaded.complaints)} complaints (${n(loaded.events)} events) in ${s(generatedMs)}; loaded them into hc_events with bare INSERTs in ${s(performance.now() - start)}${importPerEvent ? ` (store.importLog at the rate above would take about ${s(importPerEvent * loaded.events)})` : ''}`);

  const { db, spent } = countedDatabase(path);
  let warnings = 0;
  const store = createSqliteStore(db, { onWarning: () => warnings++ });
  // The first rebuild writes every complaint's rows into empty tables (and warms this thread up); the measured ones rewrite them, as after an import.
  const first = await timedRebuild(store, spent, 1);
  log(`rebuild: the first rebuild (empty tables, 1 worker) took ${s(first.ms)}`);

  let profiled;
  if (profile) {
    const { Session } = await import('node:inspector/promises');
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await session.post('Profiler.start');
    const one = await timedRebuild(store, spent, 1);
    const { profile: cpuProfile } = await session.post('Profiler.stop');
    session.disconnect();
    writeFileSync(profile, JSON.stringify(cpuProfile));
    profiled = { ...profileSummary(cpuProfile, 25), ms: one.ms, file: profile };
  }

  // In turn, round by round: 1 worker, bare XState (on every complaint, or on an even sample of
  // about 12,500 of them: the figure is a cost per event), 2 workers.
  const one = [];
  const two = [];
  const bare = [];
  for (let round = 0; round < rounds; round++) {
    one.push(await timedRebuild(store, spent, 1));
    bare.push(bareXState(path, store.machine, Math.ceil(loaded.complaints / 12_500)));
    two.push(await timedRebuild(store, spent, 2));
  }
  const capacity = await threadCapacity();
  await store.close();
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  // The median of each figure across the rounds (each run's own details from its median round, or the last of two).
  const middle = (runs, keys) => ({ ...runs.at(Math.floor(runs.length / 2)), ...Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key]))])) });
  const timing = ['ms', 'read', 'write', 'busy', 'mainCpu', 'workerCpu', 'cores'];
  return {
    complaints: loaded.complaints,
    events: loaded.events,
    rounds,
    one: middle(one, timing),
    two: middle(two, timing),
    bare: middle(bare, ['bareMs', 'actorMs', 'replayMs', 'twoStateMs']),
    first,
    warnings,
    profiled,
    capacity,
    cores: availableParallelism(),
  };
}

// ---- The benchmark ----

/**
 * Runs the three measurements. `appendComplaints` complaints' events are appended one by one;
 * `queueComplaints` complaints' deadline rows are queued; `complaints` complaints are rebuilt.
 */
export async function runStoreBenchmark({
  appendComplaints = 150,
  queueComplaints = 1_000_000,
  complaints = 25_000,
  appendRounds = 3,
  queueRounds = 7,
  rebuildRounds = 2,
  postgresUrl = process.env.HC_POSTGRES_URL,
  only = ['append', 'queue', 'rebuild'],
  profile,
  log = silent,
} = {}) {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'hc-bench-store-'));
  const pg = await postgres(postgresUrl);
  const result = { pgLabel: pg.label };
  try {
    log(`PostgreSQL: ${pg.label}; load average ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${availableParallelism()} cores`);
    const part = async (name, run) => {
      const start = performance.now();
      result[name] = await run();
      log(`${name}: measured in ${s(performance.now() - start)}`);
    };
    if (only.includes('append')) await part('append', () => appendBenchmark({ dir, complaints: appendComplaints, rounds: appendRounds, pg, log }));
    if (only.includes('queue')) await part('queue', () => queueBenchmark({ dir, complaints: queueComplaints, rounds: queueRounds, pg, log, now: '2025-05-01', within: 3 }));
    if (only.includes('rebuild')) await part('rebuild', () => rebuildBenchmark({ dir, complaints, rounds: rebuildRounds, log, appendLog: result.append?.file, profile }));
  } finally {
    await pg.close();
    rmSync(dir, { recursive: true, force: true });
  }
  result.seconds = (performance.now() - started) / 1000;
  log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(', ')}`);
  return result;
}

/** Amdahl's law: the speed-up on `cores` of work whose fraction `serial` stays on one thread. */
const amdahl = (serial, cores) => 1 / (serial + (1 - serial) / cores);

/** The figures as rows: `gate` rows have a bar the benchmark holds; the others are for reference. */
export function storeTable(r) {
  const rows = [];
  if (r.append) {
    const a = r.append;
    const perSecond = (ms) => n(a.events / (ms / 1000));
    const sqliteRatio = a.sqlite.storeMs / a.sqlite.bareMs;
    const pgRatio = a.postgres.storeMs / a.postgres.bareMs;
    rows.push({
      gate: true,
      name: `store.append of ${n(a.events)} events on SQLite (WAL file, synchronous=full) / the same rows in bare SQL, same transactions`,
      value: `${sqliteRatio.toFixed(2)}x`,
      bar: '<= 3x',
      pass: sqliteRatio <= 3,
      detail: `${perSecond(a.sqlite.storeMs)} appends/s vs ${perSecond(a.sqlite.bareMs)} transactions/s bare (${s(a.sqlite.storeMs)} vs ${s(a.sqlite.bareMs)}, median of ${a.rounds})`,
    });
    rows.push({
      gate: true,
      name: `store.append of ${n(a.events)} events on ${a.pgLabel} / the same rows in bare SQL, same transactions`,
      value: `${pgRatio.toFixed(2)}x`,
      bar: '<= 3x',
      pass: pgRatio <= 3,
      detail: `${perSecond(a.postgres.storeMs)} appends/s vs ${perSecond(a.postgres.bareMs)} transactions/s bare (${s(a.postgres.storeMs)} vs ${s(a.postgres.bareMs)}, median of ${a.rounds})`,
    });
  }
  if (r.queue) {
    const q = r.queue;
    for (const backend of q.results) {
      const ratio = backend.storeMs / backend.bareMs;
      rows.push({
        gate: true,
        name: `store.workQueue({ now: '${q.now}', within: ${q.within} }) over ${n(q.complaints)} complaints on ${backend.backend} / the bare indexed query, rows materialised`,
        value: `${ratio.toFixed(2)}x`,
        bar: '<= 2x',
        pass: ratio <= 2,
        detail: `${s(backend.storeMs)} vs ${s(backend.bareMs)}; ${n(backend.entries)} entries in the queue, from ${n(backend.selected)} rows due on or before ${q.upTo}`,
      });
    }
    if (!q.results.some((x) => x.backend === 'PostgreSQL')) rows.push({ gate: false, name: 'store.workQueue on PostgreSQL', value: 'not measured', bar: 'needs a server', pass: true, detail: 'set HC_POSTGRES_URL to measure it on a PostgreSQL server' });
  }
  if (r.rebuild) {
    const b = r.rebuild;
    const speedUp = b.one.ms / b.two.ms;
    const serial = (b.one.read + b.one.write) / b.one.ms;
    // In the 2-worker run the main thread also sends the logs to the workers and takes their results back: by CPU time, its share of the work.
    const cpuSerial = b.two.mainCpu / (b.two.mainCpu + b.two.workerCpu);
    const perEvent = (ms) => `${((ms * 1000) / b.events).toFixed(0)} µs`;
    const costRatio = b.one.ms / b.events / (b.bare.bareMs / b.bare.events);
    const barePerEvent = (ms) => `${((ms * 1000) / b.bare.events).toFixed(0)} µs`;
    rows.push({
      gate: false,
      name: `store.rebuild of ${n(b.complaints)} complaints (${n(b.events)} events), 2 workers / 1${b.rounds > 1 ? `, median of ${b.rounds} rounds` : ''}`,
      value: `${speedUp.toFixed(2)}x faster`,
      bar: 'for reference',
      pass: true,
      detail: `${s(b.two.ms)} vs ${s(b.one.ms)} on ${b.cores} cores, where two threads did ${b.capacity.toFixed(2)}x the work of one in the same run (a CPU-bound job on 1 worker thread, then on 2); Amdahl from the serial fraction below predicts ${amdahl(serial, 2).toFixed(2)}x on two free cores; CPU time: 1 worker ${s(b.one.mainCpu)} on the main thread; 2 workers ${s(b.two.mainCpu)} on the main thread (busy ${s(b.two.busy)}, of which SQL ${s(b.two.read + b.two.write)} against ${s(b.one.read + b.one.write)} with 1 worker) and ${s(b.two.workerCpu)} on the workers; the process had ${b.one.cores.toFixed(2)} and ${b.two.cores.toFixed(2)} cores on average (CPU time / wall time: less than 2 when the machine is shared)`,
    });
    rows.push({
      gate: false,
      name: 'store.rebuild on 16 cores, on paper (Amdahl)',
      value: `${amdahl(serial, 16).toFixed(1)}x faster`,
      bar: 'for reference',
      pass: true,
      detail: `serial fraction ${(serial * 100).toFixed(1)}% of the 1-worker rebuild: reading the log ${s(b.one.read)} and writing the rows ${s(b.one.write)} (SQL on the main thread, COMMIT included) of ${s(b.one.ms)}; by CPU time in the 2-worker run, the main thread (reading, writing, sending the logs and taking the results) did ${(cpuSerial * 100).toFixed(1)}% of the work, which gives ${amdahl(cpuSerial, 16).toFixed(1)}x`,
    });
    rows.push({
      gate: true,
      name: `store.rebuild({ workers: 1 }) per event / bare XState (store.machine driven per complaint with the same events, no store)${b.rounds > 1 ? `, median of ${b.rounds} rounds` : ''}`,
      value: `${costRatio.toFixed(2)}x`,
      bar: '<= 3x',
      pass: costRatio <= 3,
      detail: `${perEvent(b.one.ms)} vs ${barePerEvent(b.bare.bareMs)} an event (${s(b.one.ms)} for ${n(b.events)} events vs ${s(b.bare.bareMs)} for ${n(b.bare.events)}${b.bare.complaints < b.complaints ? `, the events of 1 complaint in ${Math.ceil(b.complaints / b.bare.complaints)}` : ''}); the floor is the faster of an actor sent the parsed events (${barePerEvent(b.bare.actorMs)}: the guards copy each event) and replay() of them (${barePerEvent(b.bare.replayMs)}: one copy each)`,
    });
    rows.push({
      gate: false,
      name: 'store.rebuild({ workers: 1 }) per event / a bare two-state XState machine (bench/machine.mjs)',
      value: `${(b.one.ms / b.events / (b.bare.twoStateMs / b.bare.events)).toFixed(1)}x`,
      bar: 'for reference',
      pass: true,
      detail: `the two-state machine: ${barePerEvent(b.bare.twoStateMs)} an event; store.machine itself is ${(b.bare.bareMs / b.bare.twoStateMs).toFixed(1)}x that`,
    });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      complaints: { type: 'string' },
      'append-complaints': { type: 'string' },
      'queue-complaints': { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'string' },
    },
    strict: true,
  });
  const number = (value) => (value === undefined ? undefined : Number(value));
  const log = (line) => console.log(`info  ${line}`);
  const result = await runStoreBenchmark({
    complaints: number(values.complaints),
    appendComplaints: number(values['append-complaints']),
    queueComplaints: number(values['queue-complaints']),
    rebuildRounds: number(values.rounds),
    only: values.only?.split(','),
    profile: values.profile,
    log,
  });
  const rows = storeTable(result);
  for (const row of rows) {
    if (row.gate) console.log(`${row.pass ? 'PASS' : 'FAIL'}  ${row.name}: ${row.value}  (bar: ${row.bar})\n      ${row.detail}`);
    else console.log(`info  ${row.name}: ${row.value}  (${row.detail})`);
  }
  if (result.rebuild?.profiled) {
    const p = result.rebuild.profiled;
    console.log(`info  profile of rebuild({ workers: 1 }) (${s(p.ms)}, written to ${p.file}): garbage collector ${(p.gcShare * 100).toFixed(1)}% of ${s(p.totalMs)}; self time by function:`);
    for (const row of p.top) console.log(`      ${(row.share * 100).toFixed(1).padStart(5)}%  ${s(row.ms).padStart(8)}  ${row.name}`);
  }
  console.log(`info  the store benchmark took ${s(result.seconds * 1000)}`);
  if (rows.some((row) => row.gate && !row.pass)) process.exitCode = 1;
  if (sink === 42) console.log('');
}
