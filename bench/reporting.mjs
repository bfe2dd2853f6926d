// The reporting benchmark: the Tenant Satisfaction Measures and the annual report over 1,000,000
// generated records, each against a baseline measured in the same run (the machines are shared and
// noisy, so only ratios mean anything):
//   1. in memory: tenantSatisfactionMeasures and annualReport / one bare pass over the records' dates (bar: 3x);
//   2. from a JSONL file, streaming: readline + JSON.parse + the async-iterable measures / readline +
//      JSON.parse alone (bar: 1.5x), with and without parseRecord on each record;
//   3. memory: the peak growth of RSS and heap while streaming 100,000 and 1,000,000 records (flat: about the same).
// Runs on the built package (`dist/`): `npx tsup && node bench/reporting.mjs [records]`. Used by bench/run.mjs.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createWorkingDayCalendar } from 'housing-complaints/calendar';
import { effectivePolicy, policies } from 'housing-complaints';
import { annualReport, parseRecord, tenantSatisfactionMeasures } from 'housing-complaints/reporting';

const PERIOD = { from: '2024-04-01', to: '2025-03-31' };
const HOMES = { lowCostRental: 40_000, lowCostHomeOwnership: 4_000 };
const DAY = 86_400_000;
const shift = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

// ---- Records, generated directly (not by replaying complaints): fast and deterministic ----

/** A small seedable generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['england-and-wales', 'scotland', 'northern-ireland'];
const CATEGORIES = [
  ['repairs', 'repairs', 34],
  ['damp-and-mould', 'repairs', 18],
  ['antisocial-behaviour', 'housing-management', 10],
  ['staff-conduct', 'customer-services', 8],
  ['rent-and-charges', 'income', 10],
  ['estate-services', 'estates', 8],
  ['communication', 'customer-services', 12],
];
const CATEGORY_WEIGHT = CATEGORIES.reduce((sum, c) => sum + c[2], 0);
const CHANNELS = ['phone', 'email', 'web-form', 'letter', 'in-person'];
const CAUSES = ['contractor-delay', 'process-not-followed', 'communication-failure', 'no-fault-found', 'policy-unclear'];
const EXTENSION_CATEGORIES = ['contractor-availability', 'survey-needed', 'third-party-information'];
const DECISIONS = ['upheld', 'partly-upheld', 'not-upheld'];
const FINDINGS = ['no-maladministration', 'service-failure', 'maladministration', 'reasonable-redress'];

/**
 * `count` complaint records of the shape `toRecord` writes, valid for `parseRecord`, in a mix like a
 * landlord's year: most answered at stage 1 and closed, about 15% escalated (a few refused), 4%
 * declined, 3% withdrawn, 12% extended, 7% acknowledged or answered late, some still open; tenure,
 * category, service area, channel and cause set. 5% were received the year before the period.
 */
/** The latest day anything in the record happened: its last event (as `parseRecord` checks). */
function lastHappened(record, last) {
  const days = [last, record.closure?.on, record.ombudsman.referredOn, record.ombudsman.determinedOn];
  for (const facts of [record.stage1, record.stage2]) {
    if (!facts) continue;
    days.push(facts.requestedOn, facts.acknowledgedOn, facts.respondedOn, ...facts.extensions.map((e) => e.on));
  }
  for (const item of [...record.remedies, ...record.actions]) days.push(item.offeredOn, item.completedOn);
  for (const breach of record.breaches) days.push(breach.recordedOn);
  for (const timer of record.timers) days.push(timer.metOn, timer.stoppedOn);
  return days.reduce((max, day) => (day !== undefined && day > max ? day : max));
}

export function generateRecords(count, seed = 1) {
  const rnd = random(seed);
  const chance = (p) => rnd() < p;
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const between = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  // Dates as day numbers from 2023-01-01 (the records span 2023 to 2026): each division's working
  // days listed once, so adding working days is an array lookup, not a calendar walk per record.
  const FIRST = '2023-01-01';
  const DAYS = 4 * 366;
  const dates = Array.from({ length: DAYS }, (_, d) => shift(FIRST, d));
  const indexOf = new Map(dates.map((date, d) => [date, d]));
  const dayOf = (date) => indexOf.get(date);
  const plus = (date, days) => dates[indexOf.get(date) + days];
  const tables = Object.fromEntries(
    REGIONS.map((region) => {
      const calendar = createWorkingDayCalendar({ region });
      const working = dates.flatMap((date, d) => (calendar.isWorkingDay(date) ? [d] : []));
      // after[d]: the position in `working` of the first working day after day d.
      const after = new Int32Array(DAYS);
      for (let d = 0, w = 0; d < DAYS; d++) {
        while (w < working.length && working[w] <= d) w++;
        after[d] = w;
      }
      return [region, { working, after }];
    }),
  );
  const wd = (region, date, days) => {
    const { working, after } = tables[region];
    return dates[working[after[dayOf(date)] + days - 1]];
  };
  const policy = { id: 'code-2024', enforceCode: true, fingerprint: effectivePolicy(policies.code2024).fingerprint };
  const records = new Array(count);
  for (let i = 0; i < count; i++) {
    const regionRoll = rnd();
    const region = regionRoll < 0.94 ? REGIONS[0] : regionRoll < 0.97 ? REGIONS[1] : REGIONS[2];
    let roll = rnd() * CATEGORY_WEIGHT;
    let category = CATEGORIES[0];
    for (const c of CATEGORIES) if ((roll -= c[2]) < 0) { category = c; break; }
    const tenureRoll = rnd();
    const tenure = tenureRoll < 0.8 ? 'general-needs' : tenureRoll < 0.9 ? 'supported-housing' : tenureRoll < 0.98 ? 'shared-ownership' : undefined;
    // 5% from the year before the period; the rest spread over its 365 days.
    const receivedOn = chance(0.05) ? plus(PERIOD.from, -between(1, 120)) : plus(PERIOD.from, between(0, 364));
    const acknowledgeBy = wd(region, receivedOn, 5);
    const stage1 = { requestedOn: receivedOn, acknowledgeBy, extensionLimit: 10, extensions: [] };
    const record = { recordVersion: 1, id: `C-${seed}-${i}`, region, policy };
    if (tenure) record.tenure = tenure;
    record.category = category[0];
    record.serviceArea = category[1];
    record.channel = pick(CHANNELS);
    record.raisedBy = chance(0.9) ? 'resident' : 'representative';
    record.community = false;
    record.safetyConcern = chance(0.05);
    if (chance(0.6)) record.issueDate = plus(receivedOn, -between(0, 300));
    record.receivedOn = receivedOn;
    record.lastEventAt = '';
    record.stage = 'stage1';
    record.status = 'stage 1: to acknowledge';
    record.stage1 = stage1;
    record.breaches = [];
    record.remedies = [];
    record.actions = [];
    record.timers = [];
    record.ombudsman = {};
    let last = receivedOn;
    const close = (reason, on) => {
      record.stage = 'closed';
      record.status = `closed: ${reason}`;
      record.closure = { reason, on };
      last = on;
    };
    /** Acknowledges and answers (or leaves open) one stage; returns the day it was answered. */
    const runStage = (stage, facts, respondWithin, extensionLimit) => {
      const late = chance(0.07);
      facts.acknowledgedOn = wd(region, facts.requestedOn, late ? between(6, 8) : between(1, 5));
      if (late) record.breaches.push({ deadline: `stage${stage}.acknowledge`, provision: stage === 1 ? '6.2' : '6.11', due: facts.acknowledgeBy, recordedOn: facts.acknowledgedOn });
      facts.originalRespondBy = wd(region, facts.acknowledgedOn, respondWithin);
      facts.respondBy = facts.originalRespondBy;
      facts.respondByIfAcknowledgedOnTime = late ? wd(region, facts.acknowledgeBy, respondWithin) : facts.respondBy;
      last = facts.acknowledgedOn;
      if (chance(0.12)) {
        const days = chance(0.9) ? between(3, extensionLimit) : extensionLimit + between(1, 5);
        const on = wd(region, facts.acknowledgedOn, between(1, respondWithin - 1));
        facts.respondBy = wd(region, facts.originalRespondBy, days);
        if (late) facts.respondByIfAcknowledgedOnTime = wd(region, facts.acknowledgeBy, respondWithin + days);
        facts.extensions.push({ on, until: facts.respondBy, workingDays: days, goodReason: days > extensionLimit, afterDeadline: false, category: pick(EXTENSION_CATEGORIES) });
        last = on;
      }
      if (facts.acknowledgedOn > PERIOD.to && chance(0.5)) return undefined; // still being investigated
      const lateResponse = chance(0.07);
      facts.respondedOn = lateResponse ? wd(region, facts.respondBy, between(1, 10)) : wd(region, facts.acknowledgedOn, between(2, respondWithin));
      if (!lateResponse && facts.respondedOn > facts.respondBy) facts.respondedOn = facts.respondBy;
      if (lateResponse) record.breaches.push({ deadline: `stage${stage}.respond`, provision: stage === 1 ? '6.3' : '6.14', due: facts.respondBy, recordedOn: wd(region, facts.respondBy, 1) });
      facts.decision = pick(DECISIONS);
      facts.cause = pick(CAUSES);
      if (facts.decision !== 'not-upheld' && chance(0.5)) {
        record.remedies.push({ id: `s${stage}-remedy-1`, stage, kind: 'apology', offeredOn: facts.respondedOn, completedOn: facts.respondedOn });
        if (chance(0.4)) {
          const dueOn = plus(facts.respondedOn, 14);
          record.remedies.push({ id: `s${stage}-remedy-2`, stage, kind: 'financial', amountPence: between(20, 500) * 100, offeredOn: facts.respondedOn, dueOn, ...(chance(0.9) ? { completedOn: plus(facts.respondedOn, between(1, 20)) } : {}) });
        }
      }
      if (chance(0.2)) record.actions.push({ id: `s${stage}-action-1`, stage, provision: stage === 1 ? '6.6' : '6.17', offeredOn: facts.respondedOn, dueOn: plus(facts.respondedOn, 28), ...(chance(0.8) ? { completedOn: plus(facts.respondedOn, between(5, 40)) } : {}) });
      last = facts.respondedOn;
      return facts.respondedOn;
    };

    const path = rnd();
    if (path < 0.04) {
      const on = wd(region, receivedOn, between(1, 5));
      close('declined', on);
      record.declined = { on, reason: pick(['outside-time-limit', 'legal-proceedings', 'previously-considered', 'not-a-complaint']), stage: 1 };
    } else {
      record.status = 'stage 1: investigating';
      const responded = runStage(1, stage1, 10, 10);
      if (path < 0.07) {
        close('withdrawn', wd(region, stage1.acknowledgedOn, 1));
        delete stage1.respondedOn;
        delete stage1.decision;
        delete stage1.cause;
        record.remedies.length = 0;
        record.actions.length = 0;
        record.breaches = record.breaches.filter((b) => b.deadline !== 'stage1.respond');
      } else if (responded !== undefined) {
        record.status = 'stage 1: responded';
        if (path < 0.22) {
          const stage2 = { requestedOn: wd(region, responded, between(1, 25)), acknowledgeBy: '', extensionLimit: 20, extensions: [] };
          stage2.acknowledgeBy = wd(region, stage2.requestedOn, 5);
          record.stage2 = stage2;
          record.stage = 'stage2';
          record.status = 'stage 2: to acknowledge';
          last = stage2.requestedOn;
          if (chance(0.03)) {
            const on = wd(region, stage2.requestedOn, 2);
            close('escalation-refused', on);
            record.escalationRefused = { on, reason: 'previously-considered' };
          } else {
            const final = runStage(2, stage2, 20, 20);
            if (final === undefined) record.status = 'stage 2: investigating';
            else {
              close('final-response', final);
              if (chance(0.1)) {
                record.ombudsman.referredOn = plus(final, between(10, 90));
                last = record.ombudsman.referredOn;
                if (chance(0.5)) {
                  record.ombudsman.determinedOn = plus(record.ombudsman.referredOn, between(60, 200));
                  record.ombudsman.findings = [pick(FINDINGS)];
                  record.ombudsman.orders = between(0, 3);
                  last = record.ombudsman.determinedOn;
                }
              }
            }
          }
        } else if (chance(0.8)) close('resolved-at-stage-1', plus(responded, between(0, 10)));
      }
    }
    record.lastEventAt = `${lastHappened(record, last)}T10:00:00Z`;
    records[i] = record;
  }
  return records;
}

// ---- Timing ----

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds per run of each function, in interleaved rounds after a warm-up; the median round counts. */
async function compare(fns, rounds) {
  const samples = fns.map(() => []);
  for (const fn of fns) await fn();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < fns.length; i++) {
      const start = performance.now();
      await fns[i]();
      samples[i].push(performance.now() - start);
    }
  }
  return samples.map(median);
}

let sink = 0;

/** The baseline in memory: one pass that reads each record's dates and counts those in the period. */
function bareDatePass(records) {
  const { from, to } = PERIOD;
  let n = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r.receivedOn >= from && r.receivedOn <= to) n++;
    const responded = r.stage1.respondedOn;
    if (responded !== undefined && responded >= from && responded <= to) n++;
    const stage2 = r.stage2;
    if (stage2 !== undefined) {
      if (stage2.requestedOn >= from && stage2.requestedOn <= to) n++;
      if (stage2.respondedOn !== undefined && stage2.respondedOn >= from && stage2.respondedOn <= to) n++;
    }
  }
  return n;
}

async function writeJsonl(file, records, count = records.length) {
  const out = createWriteStream(file);
  const chunk = 2_000;
  for (let i = 0; i < count; i += chunk) {
    let text = '';
    for (let j = i; j < Math.min(i + chunk, count); j++) text += `${JSON.stringify(records[j])}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const lines = (file) => createInterface({ input: createReadStream(file), crlfDelay: Infinity });

/** The records of a JSONL file, one at a time: parsed JSON, or also checked by parseRecord. */
export async function* readRecords(file, { check = false } = {}) {
  for await (const line of lines(file)) {
    if (line === '') continue;
    yield check ? parseRecord(JSON.parse(line)) : JSON.parse(line);
  }
}

/** The baseline from a file: read it line by line and JSON.parse each line. */
async function bareFilePass(file) {
  let n = 0;
  for await (const line of lines(file)) {
    if (line === '') continue;
    const record = JSON.parse(line);
    if (record.receivedOn >= PERIOD.from) n++;
  }
  sink += n;
}

const measures = (records) => tenantSatisfactionMeasures(records, { period: PERIOD, homes: HOMES });

// ---- Memory, in a fresh process per size ----

/** In this process: stream `file` through the measures, sampling the heap; prints the growth as JSON. */
async function memoryChild(file) {
  globalThis.gc?.();
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let count = 0;
  async function* sampled() {
    for await (const record of readRecords(file)) {
      if (++count % 5_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      yield record;
    }
  }
  await tenantSatisfactionMeasures(sampled(), { period: PERIOD, homes: HOMES });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ records: count, rssGrowth: maxRss - before.rss, heapGrowth: peakHeap - before.heapUsed }));
}

function memoryRun(file) {
  const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--memory', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

// ---- The benchmark ----

/**
 * Runs the three measurements and returns their figures (ratios, and the times behind them).
 * `records` (default 1,000,000) are generated; `small` (default 100,000) is the smaller file for the memory figure.
 */
export async function runReportingBenchmark({ records: count = 1_000_000, small = 100_000, rounds = 9, fileRounds = 3, log = () => {} } = {}) {
  let start = performance.now();
  const records = generateRecords(count);
  log(`generated ${count.toLocaleString('en-GB')} records in ${((performance.now() - start) / 1000).toFixed(1)} s`);

  // 1. In memory.
  const [bareMs, tsmMs, annualMs] = await compare(
    [() => (sink += bareDatePass(records)), () => (sink += JSON.stringify(measures(records)).length), () => (sink += JSON.stringify(annualReport(records, { period: PERIOD, homes: HOMES })).length)],
    rounds,
  );
  const inMemory = measures(records);

  // 2. From a file, streaming.
  const dir = mkdtempSync(join(tmpdir(), 'hc-bench-'));
  try {
    const bigFile = join(dir, `records-${count}.jsonl`);
    const smallFile = join(dir, `records-${small}.jsonl`);
    start = performance.now();
    await writeJsonl(bigFile, records);
    await writeJsonl(smallFile, records, Math.min(small, count));
    log(`wrote the JSONL files in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const fromFile = await measures(readRecords(bigFile));
    if (JSON.stringify(fromFile) !== JSON.stringify(inMemory)) throw new Error('the measures from the file differ from those in memory');
    const [fileBareMs, fileTsmMs, fileCheckedMs] = await compare(
      [() => bareFilePass(bigFile), async () => (sink += JSON.stringify(await measures(readRecords(bigFile))).length), async () => (sink += JSON.stringify(await measures(readRecords(bigFile, { check: true }))).length)],
      fileRounds,
    );

    // 3. Memory: streaming the small file and the big one, each in a fresh process.
    const memorySmall = memoryRun(smallFile);
    const memoryBig = memoryRun(bigFile);
    return {
      records: count,
      bareMs,
      tsmMs,
      annualMs,
      tsmRatio: tsmMs / bareMs,
      annualRatio: annualMs / bareMs,
      fileBareMs,
      fileTsmMs,
      fileCheckedMs,
      fileRatio: fileTsmMs / fileBareMs,
      fileCheckedRatio: fileCheckedMs / fileBareMs,
      memorySmall,
      memoryBig,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MB = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * The figures as rows: each ratio against its bar. `gate` rows are the bars `npm run bench` holds;
 * the streaming figure with parseRecord is for reference (see the README: zod/mini's interpreted
 * object parse in parseRecord costs about 15 µs a record, more than reading the line).
 */
export function reportingTable(r) {
  const n = r.records.toLocaleString('en-GB');
  const s = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const big = r.memoryBig.records.toLocaleString('en-GB');
  const little = r.memorySmall.records.toLocaleString('en-GB');
  const flat = (key) => r.memoryBig[key] <= 1.5 * r.memorySmall[key] + 16 * 1024 * 1024;
  return [
    { gate: true, name: `tenantSatisfactionMeasures, ${n} records in memory / a bare pass over their dates`, value: `${r.tsmRatio.toFixed(2)}x`, bar: '<= 3x', pass: r.tsmRatio <= 3, detail: `${s(r.tsmMs)} vs ${s(r.bareMs)}` },
    { gate: true, name: `annualReport, ${n} records in memory / a bare pass over their dates`, value: `${r.annualRatio.toFixed(2)}x`, bar: '<= 3x', pass: r.annualRatio <= 3, detail: `${s(r.annualMs)} vs ${s(r.bareMs)}` },
    { gate: true, name: `measures streamed from ${n} JSONL lines / readline + JSON.parse`, value: `${r.fileRatio.toFixed(2)}x`, bar: '<= 1.5x', pass: r.fileRatio <= 1.5, detail: `${s(r.fileTsmMs)} vs ${s(r.fileBareMs)}` },
    { gate: false, name: `measures streamed from ${n} JSONL lines, each through parseRecord / readline + JSON.parse`, value: `${r.fileCheckedRatio.toFixed(2)}x`, bar: '1.5x (for reference)', pass: r.fileCheckedRatio <= 1.5, detail: `${s(r.fileCheckedMs)} vs ${s(r.fileBareMs)}` },
    { gate: true, name: `peak RSS growth streaming ${big} / ${little} records`, value: `${(r.memoryBig.rssGrowth / r.memorySmall.rssGrowth).toFixed(2)}x`, bar: 'flat (<= 1.5x + 16 MB)', pass: flat('rssGrowth'), detail: `${MB(r.memoryBig.rssGrowth)} vs ${MB(r.memorySmall.rssGrowth)}` },
    { gate: true, name: `peak heap growth streaming ${big} / ${little} records`, value: `${(r.memoryBig.heapGrowth / r.memorySmall.heapGrowth).toFixed(2)}x`, bar: 'flat (<= 1.5x + 16 MB)', pass: flat('heapGrowth'), detail: `${MB(r.memoryBig.heapGrowth)} vs ${MB(r.memorySmall.heapGrowth)}` },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--memory') await memoryChild(process.argv[3]);
  else {
    const count = Number(process.argv[2] ?? process.env.BENCH_RECORDS ?? 1_000_000);
    const result = await runReportingBenchmark({ records: count, small: Math.min(100_000, Math.floor(count / 10)), log: (line) => console.log(`info  ${line}`) });
    const rows = reportingTable(result);
    console.log('\n| Figure | Ratio | Bar | Times |\n| --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.name} | ${row.value}${row.pass ? '' : row.gate ? ' (FAIL)' : ' (not met)'} | ${row.bar} | ${row.detail} |`);
    if (rows.some((row) => row.gate && !row.pass)) process.exitCode = 1;
    if (sink === 42) console.log('');
  }
}
