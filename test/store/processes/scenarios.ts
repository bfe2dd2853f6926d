/**
 * The store shared by several processes, and a writer killed mid-stream: the scenarios and their
 * checks, written once and run on SQLite by `npm test` (test/store/) and on a real PostgreSQL server
 * by `npm run test:postgres` (test/store-postgres/).
 */
import { expect, it } from 'vitest';
import type { ComplaintEvent, ComplaintSnapshot } from '../../../src/machine/index.js';
import { serialize } from '../../../src/machine/persist.js';
import { replay } from '../../../src/machine/replay.js';
import { worklist } from '../../../src/machine/worklist.js';
import type { ComplaintStore, StoreWarning } from '../../../src/store/index.js';
import type { Database, Databases } from './databases.js';
import { AFTER_EVERY_PLAN, CONTESTED, streamEvent, tick } from './plan.js';
import { isAccepted, isAnswer, runTogether, startWriter, type Answer, type Line, type Writer } from './writers.js';

/** A store opened in this process, with the warnings it gave. */
async function withStore<T>(database: Database, use: (store: ComplaintStore<unknown>, warnings: StoreWarning[]) => Promise<T>): Promise<T> {
  const warnings: StoreWarning[] = [];
  const store = database.open({ onWarning: (warning) => warnings.push(warning) });
  try {
    return await use(store, warnings);
  } finally {
    await store.close();
  }
}

/** The raw event log, complaint by complaint, as `exportLog` gives it: every stored row, whatever the projection says. */
async function rawLog(store: ComplaintStore<unknown>): Promise<Map<string, ComplaintEvent[]>> {
  const log = new Map<string, ComplaintEvent[]>();
  for await (const line of store.exportLog()) {
    const { complaintId, ...event } = JSON.parse(line) as { complaintId: string } & ComplaintEvent;
    if (!log.has(complaintId)) log.set(complaintId, []);
    log.get(complaintId)!.push(event as ComplaintEvent);
  }
  return log;
}

/**
 * Checks that every complaint in the store is whole: its stored events are numbered 1 to n with no
 * gap and none past its projection's sequence number; its snapshot restores without a warning; its
 * log replays, with no event refused, to exactly its stored snapshot; the work queue (the deadline
 * index) is what the replayed snapshots give; the database finds nothing wrong with its files.
 * Returns each complaint's events.
 */
async function expectWhole(database: Database, complaintIds: readonly string[]): Promise<Map<string, ComplaintEvent[]>> {
  expect(await database.problems()).toEqual([]);
  return withStore(database, async (store, warnings) => {
    const log = await rawLog(store);
    expect([...log.keys()].sort()).toEqual([...complaintIds].sort());
    const replayed: ComplaintSnapshot[] = [];
    for (const complaintId of complaintIds) {
      const raw = log.get(complaintId)!;
      const { sequence, snapshot, projection } = await store.load(complaintId);
      expect(sequence, `${complaintId}: its events in the log`).toBe(raw.length);
      expect(projection.sequence).toBe(raw.length);
      const history = await store.history(complaintId);
      expect(history.events.map((stored) => stored.sequence)).toEqual(raw.map((_, i) => i + 1));
      expect(history.events.map((stored) => stored.event)).toEqual(raw);
      const result = replay(store.machine, raw);
      expect(result.rejected, `${complaintId}: events of its log the machine refuses on replay`).toEqual([]);
      expect(serialize(result.snapshot), `${complaintId}: its log replayed against its stored snapshot`).toBe(serialize(snapshot));
      expect(serialize(history.snapshot)).toBe(serialize(snapshot));
      replayed.push(result.snapshot);
    }
    const now = '2025-01-20';
    expect(await store.workQueue({ now })).toEqual(worklist(replayed, { now }));
    expect(warnings).toEqual([]);
    return log;
  });
}

/** Kills the writers still running (a test that failed half-way), then drops the database. */
async function cleanUp(writers: readonly Writer[], database: Database | undefined): Promise<void> {
  for (const writer of writers) writer.kill();
  await Promise.all(writers.map((writer) => writer.exited));
  await database?.drop();
}

/** The time a test may take on a loaded machine: each takes 10 to 30 seconds on two busy cores. */
const SLOW_MACHINE = 120_000;

/** How the writers of the concurrency scenario are set. */
const WRITERS = 4;
const COMPLAINTS = ['X-1', 'X-2', 'X-3'];
const TICKS = 4;
/** Phases of TICKs: received, acknowledge, acknowledged, respond, responded (see plan.ts). */
const TICK_PHASES = 5;

/**
 * Several writer processes append at once to the same complaints in one database: every writer sends
 * the same RECEIVE, ACKNOWLEDGE and RESPOND (the machine must accept each once) amid TICKs of its
 * own that can all be accepted. Then every accepted event must be in the log once, at the sequence
 * number its writer was told, and every complaint must be whole.
 */
export function concurrencyTests(databases: Databases): void {
  it(`${WRITERS} writer processes appending to the same complaints at once: every accepted event is in the log exactly once, at the sequence number its writer was told, every contested event accepted once, and each log replays to its stored snapshot`, async () => {
    const writers: Writer[] = [];
    let database: Database | undefined;
    try {
      database = await databases();
      for (let w = 1; w <= WRITERS; w++) {
        const args = ['--plan', 'contested', '--writer', String(w), '--complaints', COMPLAINTS.join(','), '--ticks', String(TICKS), '--concurrency', '2'];
        writers.push(startWriter(`writer ${w}`, [...database.writerArgs, ...args]));
      }
      await runTogether(writers);

      const lines = writers.flatMap((writer) => writer.lines.map((line) => ({ writer: writer.name, line })));
      expect(lines.filter(({ line }) => 'unparsed' in line)).toEqual([]);
      const answers = lines.filter((entry): entry is { writer: string; line: Answer } => isAnswer(entry.line));
      const accepted = answers.filter(({ line }) => isAccepted(line));

      // Each contested event: one writer was told accepted, every other refused; every TICK accepted.
      for (const complaintId of COMPLAINTS) {
        for (const type of CONTESTED) {
          const tries = answers.filter(({ line }) => line.key === `${complaintId}/${type}`);
          expect(tries.map(({ writer }) => writer).sort(), `${complaintId}/${type}: every writer's answer`).toEqual(writers.map((writer) => writer.name).sort());
          expect(tries.filter(({ line }) => line.outcome === 'accepted'), `${complaintId}/${type}: accepted`).toHaveLength(1);
        }
      }
      expect(answers.filter(({ line }) => line.outcome === 'refused' && line.event.type === 'TICK')).toEqual([]);

      const log = await expectWhole(database, COMPLAINTS);
      for (const complaintId of COMPLAINTS) {
        const events = log.get(complaintId)!;
        const told = accepted.filter(({ line }) => line.complaintId === complaintId);
        // Every writer's TICKs and one of each contested event, and nothing else.
        expect(events).toHaveLength(CONTESTED.length + WRITERS * TICKS * TICK_PHASES);
        for (const type of CONTESTED) expect(events.filter((event) => event.type === type), `${complaintId}: ${type} events in its log`).toHaveLength(1);
        // No two writers told the same sequence number; each event told accepted is in the log at its number.
        expect(new Set(told.map(({ line }) => line.sequence)).size).toBe(told.length);
        expect(told).toHaveLength(events.length);
        for (const { writer, line } of told) expect(events[line.sequence - 1], `${writer}: ${line.key} at ${line.sequence}`).toEqual(line.event);
      }
    } finally {
      await cleanUp(writers, database);
    }
  }, SLOW_MACHINE);
}

/** Lines printed before the kill, in each round: the kill lands before, between and after the letters. */
const KILL_AFTER = [30, 60, 120];
const LANES = 3;

/**
 * A writer killed with SIGKILL mid-stream, three times over on one database: every append it
 * printed as accepted is stored, nothing is half-written, and the complaints go on from there.
 */
export function crashTests(databases: Databases): void {
  it('a writer killed mid-stream (SIGKILL) loses no append it was told was accepted, leaves nothing half-written, and each complaint continues at the next sequence number', async () => {
    const writers: Writer[] = [];
    let database: Database | undefined;
    try {
      database = await databases();
      const everyComplaint: string[] = [];
      for (const [round, after] of KILL_AFTER.entries()) {
        const complaints = Array.from({ length: LANES }, (_, i) => `K-${round + 1}-${i + 1}`);
        everyComplaint.push(...complaints);
        const writer = startWriter(`writer of round ${round + 1}`, [...database.writerArgs, '--plan', 'stream', '--complaints', complaints.join(',')]);
        writers.push(writer);
        // The stream has no end: the kill cannot come after the writer finished.
        await writer.until((lines) => lines.filter(isAccepted).length >= after);
        writer.kill();
        const { signal } = await writer.exited;
        expect(signal, `${writer.name}: ${writer.stderr()}`).toBe('SIGKILL');

        // A line cut short by the kill was not printed; every whole line is an accepted append.
        const lines: Line[] = writer.lines.filter((line, i) => !('unparsed' in line && i === writer.lines.length - 1));
        expect(lines.filter((line) => !isAccepted(line))).toEqual([]);
        const printed = lines as Answer[];
        expect(printed.length).toBeGreaterThanOrEqual(after);

        const log = await expectWhole(database, everyComplaint);
        for (const complaintId of complaints) {
          const events = log.get(complaintId)!;
          // The log is what the writer meant to write, in its order, up to where it was killed.
          expect(events).toEqual(events.map((_, index) => streamEvent(complaintId, index).event));
          for (const line of printed.filter((answer) => answer.complaintId === complaintId)) {
            expect(events[line.sequence - 1], `${line.key}, printed as accepted at ${line.sequence}`).toEqual(line.event);
            expect(line.key).toBe(`${complaintId}/${line.sequence - 1}`);
          }
        }

        // The next append continues each complaint at the next sequence number.
        await withStore(database, async (store, warnings) => {
          for (const complaintId of complaints) {
            const next = await store.append(complaintId, tick(AFTER_EVERY_PLAN));
            expect(next.accepted, JSON.stringify(next.reasons)).toBe(true);
            expect(next.sequence).toBe(log.get(complaintId)!.length + 1);
          }
          expect(warnings).toEqual([]);
        });
      }
      await expectWhole(database, everyComplaint);
    } finally {
      await cleanUp(writers, database);
    }
  }, SLOW_MACHINE);
}
