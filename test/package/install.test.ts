/**
 * The package as users get it: built, packed into a tarball, installed into empty apps
 * with and without its peer dependencies, and imported from ES modules and CommonJS.
 * Run by `npm run test:package` (part of `npm run check` and CI); it needs the npm registry, or a
 * warm npm cache, for xstate and zod.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
};
const subpaths = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'housing-complaints' : `housing-complaints/${key.slice(2)}`));
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

let work: string;
let tarball: string;
let packed: { files: { path: string }[] };

function npm(cwd: string, args: string[]): string {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--foreground-scripts'], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}\n${result.stderr}`;
}

function app(name: string, dependencies: string[]): { dir: string; output: string } {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  return { dir, output: npm(dir, ['install', tarball, ...dependencies]) };
}

/** Runs a script in an app, as ESM (`.mjs`) or CommonJS (`.cjs`), and returns what it prints as JSON. */
function run(dir: string, file: string, code: string): unknown {
  writeFileSync(join(dir, file), code);
  const out = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(out);
}

/** What importing (ESM) or requiring (CommonJS) `specifier` throws in the app, or `null`. */
function loadError(dir: string, specifier: string): { esm: { name: string; message: string } | null; cjs: { name: string; message: string; code?: string; missing?: string[]; branded: boolean } | null } {
  const esm = run(dir, 'esm-error.mjs', `import(${JSON.stringify(specifier)}).then(() => console.log('null'), (e) => console.log(JSON.stringify({ name: e.name, message: e.message })));`) as { name: string; message: string } | null;
  const cjs = run(
    dir,
    'cjs-error.cjs',
    `try { require(${JSON.stringify(specifier)}); console.log('null'); } catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message, code: e.code, missing: e.missing, branded: e[Symbol.for('housing-complaints.error')] === true })); }`,
  ) as { name: string; message: string; code?: string; missing?: string[]; branded: boolean } | null;
  return { esm, cjs };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'housing-complaints-package-'));
  // `npm run test:package` (and `check:package`) built dist/ just before: packing without prepack
  // packs that build rather than building it again.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [info] = JSON.parse(out.slice(out.search(/^\[/m))) as [{ filename: string; files: { path: string }[] }];
  tarball = join(work, info.filename);
  packed = info;
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build and the documents, and no tests, fixtures or sources', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('package.json');
    expect(paths).toContain('README.md');
    expect(paths).toContain('LICENSE');
    for (const subpath of ['index', 'calendar/index', 'letters/index', 'machine/index', 'diagram/index', 'hazards/index', 'testing/index', 'reporting/index', 'store/index', 'store/sqlite', 'store/postgres']) {
      expect(paths).toContain(`dist/${subpath}.js`);
      expect(paths).toContain(`dist/${subpath}.cjs`);
      expect(paths).toContain(`dist/${subpath}.d.ts`);
    }
    expect(paths.filter((path) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(path))).toEqual([]);
  });

  it('asks its users to run nothing on install: no install or prepare script', () => {
    const scripts = (JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
  });
});

describe('installed with its peers: npm install <tarball> xstate@5 zod@4 better-sqlite3@12', () => {
  let dir: string;
  let output: string;
  beforeAll(() => {
    ({ dir, output } = app('with-peers', ['xstate@5', 'zod@4', 'better-sqlite3@12']));
  }, 600_000);

  it('runs no script of the package while installing', () => {
    expect(output).not.toMatch(/> housing-complaints@/);
    expect(output).not.toMatch(/install-scripts.*housing-complaints/);
  });

  it.each(subpaths)('%s imports from ES modules and from CommonJS, with the same exports', (specifier) => {
    const esm = run(dir, 'keys.mjs', `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`) as string[];
    const cjs = run(dir, 'keys.cjs', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})).sort()));`) as string[];
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });

  it('gives the same deadlines from either format', () => {
    const code = (load: string) =>
      `${load}\nconst c = createWorkingDayCalendar({ region: 'scotland' });\nconsole.log(JSON.stringify([c.addWorkingDays('2024-12-20', 10), VERSION]));`;
    const esm = run(dir, 'dates.mjs', code(`import { createWorkingDayCalendar, VERSION } from 'housing-complaints';`));
    const cjs = run(dir, 'dates.cjs', code(`const { createWorkingDayCalendar, VERSION } = require('housing-complaints');`));
    expect(esm).toEqual(['2025-01-09', pkg.version]);
    expect(cjs).toEqual(esm);
  });

  it('a snapshot made by the ESM build is read by the CommonJS build of the same package', () => {
    const result = run(
      dir,
      'crossing.mjs',
      `import { createRequire } from 'node:module';
import * as esm from 'housing-complaints';
const cjs = createRequire(import.meta.url)('housing-complaints');
const machine = esm.createComplaintMachine();
const { snapshot } = esm.replay(machine, [
  { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Damp in the bedroom' } },
  { type: 'TICK', at: '2025-01-20T09:00:00Z' },
]);
const escalate = { type: 'ESCALATE', at: '2025-01-21T09:00:00Z' };
const restored = cjs.restore(machine, esm.serialize(snapshot));
console.log(JSON.stringify({
  twoCopies: esm.createComplaintMachine !== cjs.createComplaintMachine,
  describe: [esm.describeComplaint(snapshot), cjs.describeComplaint(snapshot)],
  explain: [esm.explain(snapshot, escalate), cjs.explain(snapshot, escalate)],
  next: [esm.nextEvents(snapshot), cjs.nextEvents(snapshot)],
  restored: cjs.serialize(restored) === esm.serialize(snapshot),
  replayed: cjs.serialize(cjs.replay(machine, [], { from: restored }).snapshot) === esm.serialize(snapshot),
  errorGuard: cjs.isHousingComplaintsError(new esm.MalformedEventError({}, ['type: missing'])),
}));`,
    ) as { twoCopies: boolean; describe: [{ overdue: string[] }, unknown]; explain: [unknown, unknown]; next: [unknown, unknown]; restored: boolean; replayed: boolean; errorGuard: boolean };
    expect(result.twoCopies).toBe(true);
    expect(result.describe[0].overdue).toEqual(['stage1.acknowledge']);
    expect(result.describe[1]).toEqual(result.describe[0]);
    expect(result.explain[1]).toEqual(result.explain[0]);
    expect(result.next[1]).toEqual(result.next[0]);
    expect(result.restored).toBe(true);
    expect(result.replayed).toBe(true);
    expect(result.errorGuard).toBe(true);
  });

  it('a snapshot made by the CommonJS build is read by the ESM build of the same package', () => {
    const result = run(
      dir,
      'crossing.cjs',
      `const cjs = require('housing-complaints');
const machine = cjs.createComplaintMachine();
const { snapshot } = cjs.replay(machine, [
  { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'northern-ireland', summary: 'Boiler broken' } },
]);
import('housing-complaints').then((esm) => {
  const restored = esm.restore(machine, cjs.serialize(snapshot));
  console.log(JSON.stringify({
    twoCopies: esm.createComplaintMachine !== cjs.createComplaintMachine,
    describe: [cjs.describeComplaint(snapshot), esm.describeComplaint(snapshot)],
    next: [cjs.nextEvents(snapshot), esm.nextEvents(snapshot)],
    restored: esm.serialize(restored) === cjs.serialize(snapshot),
  }));
});`,
    ) as { twoCopies: boolean; describe: [{ deadlines: unknown }, unknown]; next: [unknown, unknown]; restored: boolean };
    expect(result.twoCopies).toBe(true);
    expect(result.describe[0].deadlines).toEqual({ acknowledgeBy: '2025-01-13' });
    expect(result.describe[1]).toEqual(result.describe[0]);
    expect(result.next[1]).toEqual(result.next[0]);
    expect(result.restored).toBe(true);
  });

  it('keeps complaints in an SQLite file from either format, and rebuilds them on worker threads the installed package starts', () => {
    const code = (load: string, file: string) => `${load}
(async () => {
  const store = createSqliteStore(${JSON.stringify(file)});
  await store.migrate();
  const received = await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
  const rebuilt = await store.rebuild({ workers: 2 });
  const queue = await store.workQueue({ now: '2025-01-10', within: 3 });
  await store.close();
  const again = createSqliteStore(${JSON.stringify(file)});
  const loaded = await again.load('C-1');
  await again.close();
  console.log(JSON.stringify({ sequence: received.sequence, scheduled: received.scheduled.map((s) => s.key), rebuilt: [rebuilt.complaints, rebuilt.workers, rebuilt.failed.length], queue: queue.map((e) => e.deadline), stage: loaded.projection.stage }));
})();`;
    const expected = { sequence: 1, scheduled: ['C-1/stage1.acknowledge'], rebuilt: [1, 2, 0], queue: ['stage1.acknowledge'], stage: 'received' };
    expect(run(dir, 'store.mjs', code(`import { createSqliteStore } from 'housing-complaints/store/sqlite';`, 'esm.db'))).toEqual(expected);
    expect(run(dir, 'store.cjs', code(`const { createSqliteStore } = require('housing-complaints/store/sqlite');`, 'cjs.db'))).toEqual(expected);
  }, 120_000);

  it('webpack bundles either build, for Node from CommonJS and for browsers from ES modules, and the bundles run', () => {
    npm(dir, ['install', 'webpack@5']);
    const main = (load: string) =>
      `${load}\nconst { snapshot } = replay(createComplaintMachine(), [{ type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'scotland', summary: 'Damp' } }]);\nconsole.log(JSON.stringify(describeComplaint(snapshot).deadlines));`;
    writeFileSync(join(dir, 'main.cjs'), main(`const { createComplaintMachine, describeComplaint, replay } = require('housing-complaints/machine');`));
    writeFileSync(join(dir, 'main.mjs'), main(`import { createComplaintMachine, describeComplaint, replay } from 'housing-complaints/machine';`));
    const stats = run(
      dir,
      'bundle.cjs',
      `const webpack = require('webpack');
const path = require('node:path');
const configs = [
  { name: 'node', target: 'node', entry: './main.cjs', output: { path: path.resolve('out'), filename: 'node.cjs' } },
  { name: 'web', target: 'web', entry: './main.mjs', output: { path: path.resolve('out'), filename: 'web.js' } },
].map((c) => ({ ...c, mode: 'production', performance: false }));
webpack(configs, (error, stats) => {
  if (error) throw error;
  console.log(JSON.stringify(stats.toJson({ all: false, errors: true, warnings: true }).children.map((c) => ({ name: c.name, errors: c.errors.map((e) => e.message), warnings: c.warnings.map((w) => w.message) }))));
});`,
    ) as { name: string; errors: string[]; warnings: string[] }[];
    expect(stats).toEqual([
      { name: 'node', errors: [], warnings: [] },
      { name: 'web', errors: [], warnings: [] },
    ]);
    for (const bundle of ['out/node.cjs', 'out/web.js']) {
      expect(JSON.parse(execFileSync(process.execPath, [bundle], { cwd: dir, encoding: 'utf8' }))).toEqual({ acknowledgeBy: '2025-01-13' });
    }
  }, 300_000);
});

describe('installed without its peers: npm install <tarball>', () => {
  let dir: string;
  let output: string;
  beforeAll(() => {
    ({ dir, output } = app('without-peers', []));
  }, 300_000);

  it('installs neither optional peer', () => {
    expect(output).not.toMatch(/> housing-complaints@/);
    expect(() => execFileSync(process.execPath, ['-e', `require.resolve('xstate')`], { cwd: dir, stdio: 'ignore' })).toThrow();
    expect(() => execFileSync(process.execPath, ['-e', `require.resolve('zod')`], { cwd: dir, stdio: 'ignore' })).toThrow();
  });

  it('runs the command with npx, peers or not: deadlines, a report from an event log, the self-assessment, and its exit codes', () => {
    const npx = (args: string[], input?: string) => spawnSync('npx', ['--no-install', 'housing-complaints', ...args], { cwd: dir, encoding: 'utf8', input });
    expect(npx(['--version']).stdout.trim()).toBe(pkg.version);
    const deadlines = npx(['deadlines', '--received', '2024-12-20T16:45:00Z', '--region', 'GB-SCT', '--json']);
    expect(deadlines.status).toBe(0);
    expect(JSON.stringify(JSON.parse(deadlines.stdout))).toContain('"2024-12-31"');
    const log = [
      { complaintId: 'C-1', type: 'RECEIVE', at: '2025-04-07T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Repair not done', tenure: 'general-needs' } },
      { complaintId: 'C-2', type: 'RECEIVE', at: '2025-05-07T09:00:00Z', complaint: { id: 'C-2', region: 'england-and-wales', summary: 'Mould' } },
    ];
    writeFileSync(join(dir, 'events.jsonl'), `${log.map((line) => JSON.stringify(line)).join('\n')}\nnot json\n`);
    const report = npx(['report', 'events.jsonl', '--homes', '1000', '--from', '2025-04-01', '--to', '2026-03-31', '--format', 'json', '--workers', '2']);
    // The bad line is reported with its number and skipped, and the exit code says so.
    expect(report.status).toBe(1);
    expect(report.stderr).toContain('events.jsonl:3');
    expect(JSON.stringify(JSON.parse(report.stdout))).toContain('"received":2');
    const assessment = npx(['self-assess', '--policy', 'peaksPlainsV4', '--format', 'csv']);
    expect(assessment.status).toBe(0);
    expect(assessment.stdout.split('\r\n').filter((row) => row.includes(',No,')).length).toBe(9);
    expect(npx(['deadlines', '--received', '2024-12-20T16:45:00Z', '--region', 'Narnia']).status).toBe(2);
    expect(npx(['replay', 'missing.jsonl']).status).toBe(3);
  });

  it('housing-complaints/hazards works from both formats with no peer at all', () => {
    expect(loadError(dir, 'housing-complaints/hazards')).toEqual({ esm: null, cjs: null });
    expect(run(dir, 'hazards.mjs', `import { hazardDeadlines } from 'housing-complaints/hazards'; console.log(JSON.stringify(hazardDeadlines({ category: 'emergency', awareAt: '2025-11-14T16:30:00Z' })[0].dueAt));`)).toBe('2025-11-15T16:30:00Z');
  });

  it('housing-complaints/calendar works from both formats with no peer at all', () => {
    expect(loadError(dir, 'housing-complaints/calendar')).toEqual({ esm: null, cjs: null });
    expect(run(dir, 'calendar.mjs', `import { createWorkingDayCalendar } from 'housing-complaints/calendar'; console.log(JSON.stringify(createWorkingDayCalendar({ region: 'england-and-wales' }).addWorkingDays('2024-12-20', 10)));`)).toBe('2025-01-08');
  });

  it.each([
    ['housing-complaints', 'index', ['xstate', 'zod']],
    ['housing-complaints/letters', 'letters/index', ['zod']],
    ['housing-complaints/machine', 'machine/index', ['xstate', 'zod']],
    ['housing-complaints/diagram', 'diagram/index', ['xstate', 'zod']],
    ['housing-complaints/testing', 'testing/index', ['xstate', 'zod']],
    ['housing-complaints/reporting', 'reporting/index', ['xstate', 'zod']],
    ['housing-complaints/store', 'store/index', ['xstate', 'zod']],
    ['housing-complaints/store/sqlite', 'store/sqlite', ['better-sqlite3', 'xstate', 'zod']],
    ['housing-complaints/store/postgres', 'store/postgres', ['xstate', 'zod']],
  ])('%s says which entry point needs what, and what to install', (specifier, file, needed) => {
    const { esm, cjs } = loadError(dir, specifier);
    // ES modules: Node's own message, which names the first missing package and the entry point.
    expect(esm?.message).toContain(`Cannot find package '${needed[0]}' imported from`);
    expect(esm?.message).toContain(join('node_modules', 'housing-complaints', 'dist', `${file}.js`));
    // CommonJS: the library's own message, naming every missing package and the install line.
    expect(cjs).toMatchObject({ name: 'MissingPeerDependencyError', code: 'ERR_HOUSING_COMPLAINTS_MISSING_PEER', missing: needed, branded: true });
    expect(cjs?.message).toMatch(new RegExp(`^${specifier} needs `));
    expect(cjs?.message).toContain(`npm install ${needed.map((name) => `"${name}@${pkg.peerDependencies[name]}"`).join(' ')}`);
    if (specifier === 'housing-complaints') expect(cjs?.message).toContain('housing-complaints/calendar needs none of them');
  });

  it('with zod added, the letters work, and the machine names only xstate as missing', () => {
    npm(dir, ['install', 'zod@4']);
    expect(loadError(dir, 'housing-complaints/letters')).toEqual({ esm: null, cjs: null });
    const { esm, cjs } = loadError(dir, 'housing-complaints/machine');
    expect(esm?.message).toContain(`Cannot find package 'xstate' imported from`);
    expect(cjs?.missing).toEqual(['xstate']);
    expect(cjs?.message).toContain(`needs xstate ${pkg.peerDependencies.xstate} (not installed): an optional peer dependency of housing-complaints. Install it: npm install "xstate@${pkg.peerDependencies.xstate}"`);
  }, 300_000);
});
