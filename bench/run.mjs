// `npm run bench`: the figures the README quotes, each as a ratio against a baseline measured in
// the same run (the machines are shared and noisy, so absolute times mean little). Runs on the
// built package (`dist/`), as users get it. Exits non-zero when a figure misses its bar.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleSize } from '../scripts/size.mjs';
import { runMachineBenchmark } from './machine.mjs';
import { reportingTable, runReportingBenchmark } from './reporting.mjs';
import { runStoreBenchmark, storeTable } from './store.mjs';

const { createWorkingDayCalendar } = await import('housing-complaints/calendar');
const root = fileURLToPath(new URL('..', import.meta.url));
const results = [];

function report(name, value, bar, pass, detail) {
  results.push({ name, value, bar, pass });
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}: ${value}  (bar: ${bar})${detail ? `\n      ${detail}` : ''}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Nanoseconds per call of each function, measured in interleaved rounds; the median round counts. */
function compare(fns, { iterations = 200_000, rounds = 21 } = {}) {
  const samples = fns.map(() => []);
  for (const fn of fns) fn(iterations); // warm up
  for (let round = 0; round < rounds; round++) {
    fns.forEach((fn, i) => {
      const start = performance.now();
      fn(iterations);
      samples[i].push(((performance.now() - start) * 1e6) / iterations);
    });
  }
  return samples.map(median);
}

// ---- 1. addWorkingDays(d, 20) against the bare floor of parsing and formatting one ISO date ----
const dates = Array.from({ length: 1024 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });
let sink = 0;

// Floor A: the platform's own parse and format.
const dateFloor = (n) => {
  for (let i = 0; i < n; i++) sink += new Date(dates[i & 1023]).toISOString().slice(0, 10).length;
};
// Floor B: a minimal hand-written parse (to a day number) and format, with no validation at all.
const handFloor = (n) => {
  for (let i = 0; i < n; i++) {
    const s = dates[i & 1023];
    const y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
    const a = m <= 2 ? y - 1 : y;
    const era = Math.floor(a / 400), yoe = a - era * 400;
    const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    const z = days, e2 = Math.floor(z / 146097), doe = z - e2 * 146097;
    const ye = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * ye + Math.floor(ye / 4) - Math.floor(ye / 100));
    const mp = Math.floor((5 * doy + 2) / 153), dd = doy - Math.floor((153 * mp + 2) / 5) + 1, mm = mp < 10 ? mp + 3 : mp - 9;
    sink += `${ye + e2 * 400 + (mm <= 2 ? 1 : 0)}-${mm < 10 ? '0' : ''}${mm}-${dd < 10 ? '0' : ''}${dd}`.length;
  }
};
const addTwenty = (n) => {
  for (let i = 0; i < n; i++) sink += calendar.addWorkingDays(dates[i & 1023], 20).length;
};
const [dateNs, handNs, addNs] = compare([dateFloor, handFloor, addTwenty]);
const floorNs = Math.min(dateNs, handNs);
const hotRatio = addNs / floorNs;
report(
  'addWorkingDays(d, 20) / parse+format floor',
  `${hotRatio.toFixed(2)}x`,
  '<= 3x',
  hotRatio <= 3,
  `addWorkingDays ${addNs.toFixed(0)} ns; floor = faster of Date parse+toISOString (${dateNs.toFixed(0)} ns) and a bare hand-written parse+format (${handNs.toFixed(0)} ns)`,
);

// The day-by-day alternative: date-holidays' isHoliday in a loop (few calls: it is slow).
{
  const { default: Holidays } = await import('date-holidays');
  const hd = new Holidays('GB', 'ENG');
  const loopAdd = (date, days) => {
    let t = Date.parse(`${date}T00:00:00Z`);
    let count = 0;
    while (count < days) {
      t += 86_400_000;
      const day = new Date(t);
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const holidays = hd.isHoliday(new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
      if (!holidays || !holidays.some((h) => h.type === 'public' || h.type === 'bank')) count++;
    }
    return new Date(t).toISOString().slice(0, 10);
  };
  if (loopAdd('2024-12-20', 5) !== calendar.addWorkingDays('2024-12-20', 5)) throw new Error('the loop baseline disagrees');
  const [loopNs] = compare([(n) => { for (let i = 0; i < n; i++) sink += loopAdd(dates[(i * 37) & 1023], 20).length; }], { iterations: 20, rounds: 5 });
  console.log(`info  date-holidays isHoliday day-by-day loop for 20 working days: ${(loopNs / 1e6).toFixed(2)} ms per call, ${(loopNs / addNs).toFixed(0)}x addWorkingDays`);
}

// ---- 2. Cold start: import plus the first deadline, against importing date-holidays ----
function coldStart(script) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return Number(out.trim());
}
const ours = `const t = performance.now(); const m = await import('housing-complaints/calendar');
m.createWorkingDayCalendar({ region: 'england-and-wales' }).addWorkingDays('2024-12-20', 5); console.log(performance.now() - t);`;
const theirs = `const t = performance.now(); await import('date-holidays'); console.log(performance.now() - t);`;
const oursMs = [], theirsMs = [];
for (let i = 0; i < 15; i++) {
  oursMs.push(coldStart(ours));
  theirsMs.push(coldStart(theirs));
}
const coldRatio = median(oursMs) / median(theirsMs);
report(
  'cold start (import + first deadline) / import date-holidays',
  `${coldRatio.toFixed(3)}x`,
  '<= 0.25x',
  coldRatio <= 0.25,
  `median of 15 fresh processes each: ${median(oursMs).toFixed(1)} ms vs ${median(theirsMs).toFixed(1)} ms`,
);

// ---- 3. Browser bundle of housing-complaints/calendar, against date-holidays' ----
const size = await bundleSize('housing-complaints/calendar');
const theirSize = await bundleSize('date-holidays');
report(
  'browser bundle of housing-complaints/calendar (esbuild, minified, gzipped)',
  `${(size.gzip / 1024).toFixed(2)} kB`,
  '<= 15 kB',
  size.gzip <= 15 * 1024,
  `date-holidays bundled the same way: ${(theirSize.gzip / 1024).toFixed(1)} kB (ratio ${(size.gzip / theirSize.gzip).toFixed(3)})`,
);

// ---- 4. The complaint machine: replay 100,000 generated complaints against a bare two-state machine ----
{
  const complaints = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
  const result = runMachineBenchmark(complaints);
  report(
    `replay of ${complaints.toLocaleString('en-GB')} complaints / bare two-state XState machine`,
    `${result.ratio.toFixed(2)}x`,
    '<= 10x',
    result.ratio <= 10,
    `${result.events.toLocaleString('en-GB')} events, ${Math.round(result.perSecond).toLocaleString('en-GB')} events/s; the bare machine took ${(result.bareMs / 1000).toFixed(1)} s for as many events`,
  );
  report(
    `full replay of ${complaints.toLocaleString('en-GB')} complaints`,
    `${(result.fullMs / 1000).toFixed(1)} s`,
    '< 10 s',
    result.fullMs < 10_000,
    'see the README: bare XState alone needs most of this budget on this machine',
  );
}

// ---- 5. Reporting: the measures and the annual report over 1,000,000 generated records ----
{
  const result = await runReportingBenchmark({ records: Number(process.env.BENCH_RECORDS ?? 1_000_000) });
  for (const row of reportingTable(result)) {
    if (row.gate) report(row.name, row.value, row.bar, row.pass, row.detail);
    else console.log(`info  ${row.name}: ${row.value}  (${row.detail})`);
  }
}

// ---- 6. The command's replay of a JSONL log on worker threads: two workers against one ----
{
  const complaints = Number(process.env.BENCH_LOG_COMPLAINTS ?? 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'hc-bench-log-'));
  try {
    const log = join(dir, 'events.jsonl');
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate-events.ts'), '--complaints', String(complaints), '--out', log], { cwd: root, stdio: 'ignore' });
    const cli = join(root, 'dist/cli.js');
    const time = (workers) => {
      const start = performance.now();
      execFileSync(process.execPath, [cli, 'replay', log, '--json', '--workers', String(workers)], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
      return performance.now() - start;
    };
    // Interleaved, three of each: the machine is shared and noisy.
    const one = [];
    const two = [];
    for (let round = 0; round < 3; round++) {
      one.push(time(1));
      two.push(time(2));
    }
    const speedUp = median(one) / median(two);
    console.log(`info  replay of ${complaints.toLocaleString('en-GB')} complaints from JSONL, 2 workers / 1 thread: ${speedUp.toFixed(2)}x faster (median ${(median(one) / 1000).toFixed(1)} s vs ${(median(two) / 1000).toFixed(1)} s, ${availableParallelism()} cores)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- 7. The event store: appends / bare SQL, the work queue over 1,000,000 complaints / its bare query, rebuild / bare XState ----
{
  const env = (name) => (process.env[name] === undefined ? undefined : Number(process.env[name]));
  const result = await runStoreBenchmark({
    complaints: env('BENCH_STORE_COMPLAINTS'),
    appendComplaints: env('BENCH_STORE_APPEND_COMPLAINTS'),
    queueComplaints: env('BENCH_STORE_QUEUE_COMPLAINTS'),
    log: (line) => console.log(`info  ${line}`),
  });
  for (const row of storeTable(result)) {
    if (row.gate) report(row.name, row.value, row.bar, row.pass, row.detail);
    else console.log(`info  ${row.name}: ${row.value}  (${row.detail})`);
  }
  console.log(`info  the store benchmark took ${result.seconds.toFixed(0)} s`);
}

if (sink === 42) console.log(''); // keep the loops' results alive
if (results.some((r) => !r.pass)) process.exit(1);
