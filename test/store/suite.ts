/**
 * The one test suite every store passes: in memory, SQLite and PostgreSQL (PGlite in `npm test`, a
 * real server in `npm run test:postgres`). Each runner gives a way to open a store on an empty
 * database and, for the databases, to damage rows as a disk, an operator or an older library would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateEventLog } from '../../scripts/generate-events.js';
import { createComplaintMachine, describeComplaint, policies, replay, serialize, worklist, type ComplaintEvent, type ComplaintSnapshot } from '../../src/machine/index.js';
import { toRecord } from '../../src/reporting/record.js';
import { isInvalidInputError } from '../../src/errors.js';
import { isMalformedEventError } from '../../src/machine/events.js';
import {
  isConcurrencyError,
  isCorruptLogError,
  isSchemaVersionError,
  isUnknownComplaintError,
  type ComplaintStore,
  type DeadlineChanges,
  type StoreOptions,
  type StoreWarning,
} from '../../src/store/index.js';
import { acknowledge, extend, ID, receive, respond1, throughBothStages } from '../support/complaint.js';

/** A store on a database, and what the tests may do to that database behind the store's back. */
/** Any store: the hook's transaction type differs by database, and the suite does not use it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStore = ComplaintStore<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptions = StoreOptions<any>;

export interface Harness {
  readonly store: AnyStore;
  /** Another store on the same database (another app server, or the same one after a restart). */
  reopen(options?: AnyOptions): AnyStore;
  /** Damage done outside the store (databases only). */
  readonly damage?: {
    snapshot(complaintId: string, text: string): Promise<void>;
    event(complaintId: string, sequence: number, text: string): Promise<void>;
    schemaVersion(version: number): Promise<void>;
    dropDerived(complaintId: string): Promise<void>;
    deleteEvent(complaintId: string, sequence: number): Promise<void>;
  };
  close(): Promise<void>;
}

export interface StoreFixture {
  readonly name: string;
  /** A store (with `options`) on a new, empty database. */
  open(options?: AnyOptions): Promise<Harness>;
  /** Whether the store runs rebuilds on worker threads. */
  readonly threads: boolean;
}

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** A generated year of complaints as events, grouped by complaint, in log order. */
function generated(complaints: number, seed = 7): { lines: string[]; byComplaint: Map<string, ComplaintEvent[]> } {
  const lines = [...generateEventLog({ complaints, seed })];
  const byComplaint = new Map<string, ComplaintEvent[]>();
  for (const line of lines) {
    const { complaintId, ...event } = JSON.parse(line) as { complaintId: string } & ComplaintEvent;
    byComplaint.set(complaintId, [...(byComplaint.get(complaintId) ?? []), event as ComplaintEvent]);
  }
  return { lines, byComplaint };
}

export function describeStore(fixture: StoreFixture): void {
  describe(`${fixture.name} store`, () => {
    let harness: Harness | undefined;
    const open = async (options?: AnyOptions) => {
      harness = await fixture.open(options);
      await harness.store.migrate();
      return harness;
    };
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });

    it('creates its schema once: migrate is idempotent, and nothing works before it', async () => {
      harness = await fixture.open();
      const { store } = harness;
      const early = await store.load(ID).catch((error: unknown) => error);
      expect(isSchemaVersionError(early) && early.found).toBe(0);
      expect(await store.migrate()).toEqual({ from: 0, to: 1 });
      expect(await store.migrate()).toEqual({ from: 1, to: 1 });
      expect(await harness.reopen().migrate()).toEqual({ from: 1, to: 1 });
    });

    it('appends an accepted event with its snapshot, projection and deadlines, and writes nothing for a refused one', async () => {
      const { store } = await open();
      const received = await store.append(ID, receive());
      expect(received).toMatchObject({ accepted: true, complaintId: ID, sequence: 1 });
      expect(received.scheduled).toEqual([{ key: `${ID}/stage1.acknowledge`, complaintId: ID, deadline: 'stage1.acknowledge', provision: '6.2', due: '2024-12-31', tickAt: '2025-01-01T00:00:00.000Z' }]);
      const early = await store.append(ID, { type: 'ESCALATE', at: '2024-12-21T09:00:00Z' });
      expect(early.accepted).toBe(false);
      expect(early.sequence).toBe(1);
      expect(early.reasons[0]?.provision).toBe('6.10');
      const stored = await store.load(ID);
      expect(stored.sequence).toBe(1);
      expect(serialize(stored.snapshot)).toBe(serialize(received.snapshot));
      expect(stored.projection).toEqual({
        complaintId: ID,
        sequence: 1,
        stage: 'received',
        status: 'received',
        closure: null,
        nextDeadline: 'stage1.acknowledge',
        nextDue: '2024-12-31',
        overdue: false,
        handler: null,
        division: 'england-and-wales',
        tenure: null,
        category: null,
        receivedOn: '2024-12-20',
        lastEventAt: '2024-12-20T16:45:00Z',
      });
      expect((await store.history(ID)).events.map((e) => e.event.type)).toEqual(['RECEIVE']);
    });

    it('keeps a complaint through both stages: history with every letter, the same snapshot as a replay, across a restart', async () => {
      const { store, reopen } = await open();
      const events = throughBothStages();
      let sequence = 0;
      for (const event of events) {
        const result = await store.append(ID, event);
        expect(result.accepted, JSON.stringify(result.reasons)).toBe(true);
        expect(result.sequence).toBe(++sequence);
      }
      const expected = replay(store.machine, events).snapshot;
      const history = await store.history(ID);
      expect(history.events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
      expect(history.events.map((e) => e.event.type)).toEqual(events.map((e) => e.type));
      expect(history.letters.map((letter) => letter.kind)).toEqual(expected.context.letters.map((letter) => letter.kind));
      expect(history.letters.length).toBeGreaterThan(0);
      const again = reopen();
      const loaded = await again.load(ID);
      expect(serialize(loaded.snapshot)).toBe(serialize(expected));
      const [nearest] = [...describeComplaint(expected).openDeadlines].sort((a, b) => a.due.localeCompare(b.due) || a.deadline.localeCompare(b.deadline));
      expect(nearest).toBeDefined();
      expect(loaded.projection).toMatchObject({ stage: 'closed', status: 'final-response', closure: 'final-response', nextDeadline: nearest!.deadline, nextDue: nearest!.due, sequence: events.length });
      expect(await collect(again.records())).toEqual([toRecord(expected)]);
    });

    it('refuses what is not an event, an event for an unknown complaint, and a RECEIVE for another id, with typed errors and nothing written', async () => {
      const { store } = await open();
      await expect(store.append(ID, acknowledge())).rejects.toSatisfy(isUnknownComplaintError);
      // A malformed event is the host's mistake first, whatever complaint it is for.
      await expect(store.append('C-404', { type: 'TICK', at: 'soon' } as ComplaintEvent)).rejects.toSatisfy(isMalformedEventError);
      await expect(store.load('C-404')).rejects.toSatisfy(isUnknownComplaintError);
      await expect(store.history('C-404')).rejects.toSatisfy(isUnknownComplaintError);
      await expect(store.append(ID, receive('2024-12-20T16:45:00Z', { id: 'C-OTHER' }))).rejects.toSatisfy(isInvalidInputError);
      await store.append(ID, receive());
      for (const bad of [null, 'RECEIVE', { type: 'ACKNOWLEDGE' }, { type: 'NOPE', at: '2025-01-01T00:00:00Z' }, { type: 'TICK', at: 'tomorrow' }, { type: 'TICK', at: '2025-01-01T00:00:00Z', extra: 1 }]) {
        const error = await store.append(ID, bad as ComplaintEvent).catch((caught: unknown) => caught);
        expect(isMalformedEventError(error), JSON.stringify(bad)).toBe(true);
      }
      for (const id of ['', 42, 'x'.repeat(201)]) await expect(store.append(id as string, receive())).rejects.toSatisfy(isInvalidInputError);
      await expect(store.append(ID, acknowledge(), { expectedSequence: -1 })).rejects.toSatisfy(isInvalidInputError);
      await expect(store.append(ID, acknowledge(), { nope: 1 } as never)).rejects.toSatisfy(isInvalidInputError);
      expect((await store.load(ID)).sequence).toBe(1);
      expect((await store.history(ID)).events).toHaveLength(1);
    });

    it('fails an append decided at a sequence number that has moved on (expectedSequence), and accepts it at the current one', async () => {
      const { store } = await open();
      await store.append(ID, receive());
      const stale = await store.append(ID, acknowledge(), { expectedSequence: 0 }).catch((error: unknown) => error);
      expect(isConcurrencyError(stale) && [stale.expectedSequence, stale.actualSequence]).toEqual([0, 1]);
      expect((await store.load(ID)).sequence).toBe(1);
      expect((await store.append(ID, acknowledge(), { expectedSequence: 1 })).sequence).toBe(2);
    });

    it('decides concurrent appends one after another: the contested one is accepted once, every sequence number once', async () => {
      const { store, reopen } = await open();
      await store.append(ID, receive());
      const other = reopen();
      // Two app servers acknowledge at once, and TICKs arrive: the machine accepts one acknowledgement.
      const attempts = [acknowledge(), acknowledge('2024-12-23T10:00:00Z', 'Jo Smith'), { type: 'TICK', at: '2024-12-24T09:00:00Z' } as ComplaintEvent];
      const results = await Promise.all(attempts.flatMap((event, i) => [store.append(ID, event), other.append(ID, event)].map((p) => p.then((r) => ({ i, r })))));
      const acks = results.filter(({ i, r }) => i < 2 && r.accepted);
      expect(acks).toHaveLength(1);
      const accepted = results.filter(({ r }) => r.accepted).map(({ r }) => r.sequence).sort((a, b) => a - b);
      expect(accepted).toEqual(accepted.map((_, i) => i + 2));
      const history = await store.history(ID);
      expect(history.events.map((e) => e.sequence)).toEqual([1, ...accepted]);
      expect(serialize(replay(store.machine, history.events.map((e) => e.event)).snapshot)).toBe(serialize((await other.load(ID)).snapshot));
    });

    it('answers the work queue from its index: the same entries worklist gives for the replayed snapshots', async () => {
      const { store } = await open();
      const { lines, byComplaint } = generated(120);
      const summary = await store.importLog(lines);
      expect(summary).toMatchObject({ lines: lines.length, accepted: lines.length, refusedCount: 0, badCount: 0 });
      const snapshots = [...byComplaint.values()].map((events) => replay(store.machine, events).snapshot);
      for (const now of ['2025-06-02', '2025-12-24T23:30:00Z', '2026-03-31']) {
        for (const within of [undefined, 0, 3, 10]) {
          const options = within === undefined ? { now } : { now, within };
          expect(await store.workQueue(options), `${now} ${within}`).toEqual(worklist(snapshots, options));
        }
      }
      const all = worklist(snapshots, { now: '2026-03-31', within: 5 });
      expect(all.length).toBeGreaterThan(5);
      expect(await store.workQueue({ now: '2026-03-31', within: 5, limit: 5 })).toEqual(all.slice(0, 5));
      for (const options of [{ now: 'soon' }, { now: '2026-03-31', within: -1 }, { now: '2026-03-31', within: 1.5 }, { now: '2026-03-31', limit: 0 }, null, { now: '2026-03-31', nope: 1 }]) {
        await expect(store.workQueue(options as never), JSON.stringify(options)).rejects.toSatisfy(isInvalidInputError);
      }
    });

    it('streams records and projections for every complaint, as toRecord and describeComplaint make them', async () => {
      const { store } = await open();
      const { lines, byComplaint } = generated(60, 11);
      await store.importLog(lines);
      const expected = [...byComplaint.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, events]) => replay(store.machine, events).snapshot);
      expect(await collect(store.records())).toEqual(expected.map((snapshot) => toRecord(snapshot)));
      const rows = await collect(store.complaints());
      expect(rows.map((row) => row.complaintId)).toEqual(expected.map((snapshot) => snapshot.context.complaint!.id));
      expect(rows.map((row) => row.sequence)).toEqual([...byComplaint.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, events]) => events.length));
      expect(rows.some((row) => row.stage === 'closed') && rows.some((row) => row.stage !== 'closed')).toBe(true);
    });

    it('exports its log as JSONL that imports into an empty store as the same complaints, and imports nothing twice', async () => {
      const { store } = await open();
      const { lines } = generated(40, 3);
      await store.importLog(lines);
      const exported = (await collect(store.exportLog())).join('');
      expect(exported.endsWith('\n')).toBe(true);
      const second = await fixture.open();
      try {
        await second.store.migrate();
        const summary = await second.store.importLog(exported.split('\n'));
        expect(summary).toMatchObject({ accepted: lines.length, refusedCount: 0, badCount: 0 });
        expect((await collect(second.store.exportLog())).join('')).toBe(exported);
        expect(await collect(second.store.records())).toEqual(await collect(store.records()));
        // The same log again: every line found already stored, nothing appended twice.
        const again = await second.store.importLog(exported.split('\n'));
        expect(again).toMatchObject({ accepted: 0, alreadyStored: lines.length, refusedCount: 0 });
        expect((await collect(second.store.exportLog())).join('')).toBe(exported);
      } finally {
        await second.close();
      }
    });

    it('resumes an import cut off part-way, and refuses a different log for a complaint it holds', async () => {
      const { store } = await open();
      const { lines, byComplaint } = generated(30, 9);
      // Cut off in the middle of a complaint's events: the first two thirds of the lines.
      const cut = Math.floor((lines.length * 2) / 3);
      expect((await store.importLog(lines.slice(0, cut))).accepted).toBe(cut);
      const resumed = await store.importLog(lines);
      expect(resumed).toMatchObject({ accepted: lines.length - cut, alreadyStored: cut, refusedCount: 0, badCount: 0 });
      const second = await fixture.open();
      try {
        await second.store.migrate();
        await second.store.importLog(lines);
        expect((await collect(store.exportLog())).join('')).toBe((await collect(second.store.exportLog())).join(''));
        // Another log that does not start with what is stored for its complaint is refused, line by line.
        const [id, events] = [...byComplaint.entries()].find(([, e]) => e.length > 2)!;
        const other = [JSON.stringify({ complaintId: id, ...events[0], at: events[0]!.at.replace(/:00Z$/, ':30Z') })];
        const refused = await second.store.importLog(other);
        expect(refused.accepted).toBe(0);
        expect(refused.refused[0]?.reasons[0]?.message).toMatch(/already stored, and its event 1 is not this one/);
      } finally {
        await second.close();
      }
    });

    it('pages through its log in complaint and sequence order, each event once, whatever the page size', async () => {
      const { store } = await open();
      const { lines } = generated(12, 13);
      await store.importLog(lines);
      // The backend's page of the log, read as the export and the rebuild read it, a few rows at a time.
      const backend = (store as unknown as { backend: { log(after: { complaintId: string; sequence: number } | undefined, limit: number): Promise<{ complaintId: string; sequence: number }[]> } }).backend;
      const all = await backend.log(undefined, 100_000);
      expect(all).toHaveLength(lines.length);
      for (const size of [1, 3, 7]) {
        const paged: { complaintId: string; sequence: number }[] = [];
        for (let after: { complaintId: string; sequence: number } | undefined; ; ) {
          const page = await backend.log(after, size);
          paged.push(...page);
          if (page.length < size) break;
          after = page[page.length - 1];
        }
        expect(paged.map((row) => `${row.complaintId}#${row.sequence}`)).toEqual(all.map((row) => `${row.complaintId}#${row.sequence}`));
      }
    });

    it('reports bad and refused lines of an import by their numbers, and imports the rest', async () => {
      const { store } = await open();
      const ok = JSON.stringify({ complaintId: ID, ...receive() });
      const summary = await store.importLog([
        ok,
        '',
        '{not json',
        JSON.stringify({ complaintId: ID, type: 'TICK', at: 'never' }),
        JSON.stringify({ type: 'TICK', at: '2025-01-01T00:00:00Z' }),
        JSON.stringify({ complaintId: ID, type: 'ESCALATE', at: '2024-12-21T09:00:00Z' }),
        JSON.stringify({ complaintId: 'C-NEW', type: 'TICK', at: '2025-01-01T00:00:00Z' }),
        JSON.stringify({ complaintId: ID, ...acknowledge() }),
      ]);
      expect(summary.accepted).toBe(2);
      expect(summary.bad.map((b) => b.line)).toEqual([3, 4, 5]);
      expect(summary.refused.map((r) => [r.line, r.reasons[0]?.provision])).toEqual([
        [6, '6.10'],
        [7, undefined],
      ]);
      await expect(store.importLog(42 as never)).rejects.toSatisfy(isInvalidInputError);
    });

    it('tells the host of every deadline set, moved or met inside the transaction, and rolls the append back when the host fails', async () => {
      const calls: DeadlineChanges<unknown>[] = [];
      let fail = false;
      const { store } = await open({
        onDeadlines: (changes) => {
          if (fail) throw new Error('job queue down');
          calls.push(changes);
        },
      });
      await store.append(ID, receive());
      const acknowledged = await store.append(ID, acknowledge());
      expect(acknowledged.cancelled.map((c) => c.key)).toEqual([`${ID}/stage1.acknowledge`]);
      expect(acknowledged.scheduled.map((s) => [s.key, s.due])).toEqual([[`${ID}/stage1.respond`, '2025-01-09']]);
      const extended = await store.append(ID, extend('2025-01-08T10:00:00Z', '2025-01-23'));
      // An extension moves the job: the same key, a new date, nothing cancelled.
      expect(extended.scheduled.map((s) => [s.key, s.due, s.tickAt])).toEqual([[`${ID}/stage1.respond`, '2025-01-23', '2025-01-24T00:00:00.000Z']]);
      expect(extended.cancelled).toEqual([]);
      expect(calls.map((c) => [c.sequence, c.scheduled.length, c.cancelled.length])).toEqual([
        [1, 1, 0],
        [2, 1, 1],
        [3, 1, 0],
      ]);
      fail = true;
      await expect(store.append(ID, respond1('2025-01-22T15:00:00Z'))).rejects.toThrow('job queue down');
      expect((await store.load(ID)).sequence).toBe(3);
      expect((await store.history(ID)).events).toHaveLength(3);
      fail = false;
      const responded = await store.append(ID, respond1('2025-01-22T15:00:00Z'));
      expect(responded.sequence).toBe(4);
      expect(responded.cancelled.map((c) => c.key)).toContain(`${ID}/stage1.respond`);
    });

    it('schedules the TICK at the first instant of the UK day after the deadline, in summer time too', async () => {
      const { store } = await open();
      const result = await store.append(ID, receive('2025-06-02T09:00:00Z'));
      expect(result.scheduled[0]).toMatchObject({ due: '2025-06-09', tickAt: '2025-06-09T23:00:00.000Z' });
    });

    it('rebuilds every snapshot, projection and deadline from the log, and tells what today’s rules refuse', async () => {
      const { store, reopen, damage } = await open();
      const { lines, byComplaint } = generated(80, 5);
      await store.importLog(lines);
      const before = { records: await collect(store.records()), queue: await store.workQueue({ now: '2026-03-31' }) };
      if (damage) for (const id of [...byComplaint.keys()].slice(0, 10)) await damage.dropDerived(id);
      const one = await store.rebuild({ workers: 1 });
      expect(one).toMatchObject({ complaints: byComplaint.size, events: lines.length, movedOn: 0, refusedEvents: 0, failed: [], workers: 1 });
      expect(one.changed).toBe(damage ? 10 : 0);
      expect(await collect(store.records())).toEqual(before.records);
      expect(await store.workQueue({ now: '2026-03-31' })).toEqual(before.queue);
      const threaded = await store.rebuild(fixture.threads ? { workers: 2 } : {});
      expect(threaded).toMatchObject({ complaints: byComplaint.size, events: lines.length, changed: 0, workers: fixture.threads ? 2 : 1 });
      if (fixture.name === 'in-memory') return;
      // A stricter policy refuses some of yesterday's events: they stay in the log, each a warning.
      const warnings: StoreWarning[] = [];
      const strict = reopen({ policy: { ...policies.code2024, id: 'strict', stage1: { ...policies.code2024.stage1, extensionLimit: 1 } } as never, onWarning: (w) => warnings.push(w) });
      const summary = await strict.rebuild({ workers: 1 });
      expect(summary.refusedEvents).toBeGreaterThan(0);
      expect(warnings).toHaveLength(summary.refusedEvents);
      expect(warnings[0]).toMatchObject({ kind: 'event-refused-on-rebuild' });
      expect(warnings[0]!.problems.join(' ')).toMatch(/6\.4/);
      expect((await collect(strict.exportLog())).length).toBe(lines.length);
    });

    it('refuses bad rebuild options', async () => {
      const { store } = await open();
      for (const options of [{ workers: 0 }, { workers: 1.5 }, { batch: 0 }, { nope: 1 }, 'fast']) await expect(store.rebuild(options as never)).rejects.toSatisfy(isInvalidInputError);
    });

    if (fixture.name !== 'in-memory') {
      it('rebuilds a corrupted snapshot from the log with a warning, never trusting it, and repairs the row', async () => {
        const warnings: StoreWarning[] = [];
        const { store, reopen, damage } = await open();
        for (const event of throughBothStages().slice(0, 4)) await store.append(ID, event);
        const expected = serialize((await store.load(ID)).snapshot);
        const fresh = () => reopen({ onWarning: (w) => warnings.push(w) });
        for (const corrupt of ['{"format":"housing-complaints/complaint","vers', expected.replace('"stage1":{"requestedOn":"2024-12-20"', '"stage1":{"requestedOn":"2024-12-19"'), '{}']) {
          await damage!.snapshot(ID, corrupt);
          warnings.length = 0;
          const loaded = await fresh().load(ID);
          expect(serialize(loaded.snapshot)).toBe(expected);
          expect(warnings.map((w) => w.kind)).toEqual(['snapshot-rebuilt']);
          // The row was rewritten: the next store restores it without a warning.
          await fresh().load(ID);
          expect(warnings).toHaveLength(1);
        }
        await damage!.snapshot(ID, 'garbage');
        const next = await fresh().append(ID, { type: 'ESCALATE', at: '2025-01-30T09:00:00Z' });
        expect(next).toMatchObject({ accepted: true, sequence: 5 });
      });

      it('refuses to build a snapshot from a log it cannot replay (CorruptLogError), and leaves the rows for a person', async () => {
        const { store, reopen, damage } = await open();
        for (const event of throughBothStages().slice(0, 3)) await store.append(ID, event);
        await damage!.event(ID, 2, '{"type":"ACKNOWLEDGE"');
        await damage!.snapshot(ID, 'garbage');
        await expect(reopen({ onWarning: () => {} }).load(ID)).rejects.toSatisfy(isCorruptLogError);
        const summary = await reopen({ onWarning: () => {} }).rebuild({ workers: 1 });
        expect(summary.failed).toEqual([{ complaintId: ID, message: expect.stringMatching(/event 2 is not JSON/) }]);
      });

      it('says so when an event is missing from a log (deleted, or tables from different backups), in history and rebuild', async () => {
        const { store, reopen, damage } = await open();
        for (const event of throughBothStages().slice(0, 3)) await store.append(ID, event);
        await damage!.deleteEvent(ID, 3);
        await expect(reopen().history(ID)).rejects.toSatisfy(isCorruptLogError);
        const summary = await reopen().rebuild({ workers: 1 });
        expect(summary).toMatchObject({ movedOn: 0, failed: [{ complaintId: ID, message: expect.stringMatching(/row is at sequence 3, but its log has 2 events/) }] });
      });

      it('refuses a database at a newer schema version than it knows, before reading or writing anything', async () => {
        const { store, reopen, damage } = await open();
        await store.append(ID, receive());
        await damage!.schemaVersion(2);
        const newer = reopen();
        const error = await newer.load(ID).catch((caught: unknown) => caught);
        expect(isSchemaVersionError(error) && [error.found, error.supported]).toEqual([2, 1]);
        await expect(newer.append(ID, acknowledge())).rejects.toSatisfy(isSchemaVersionError);
        await expect(newer.migrate()).rejects.toSatisfy(isSchemaVersionError);
      });
    }

    it('makes snapshots of its own machine, which the views and a fresh machine of the same policy accept', async () => {
      const { store } = await open();
      const result = await store.append(ID, receive());
      const snapshot: ComplaintSnapshot = result.snapshot;
      expect(replay(createComplaintMachine(), [receive()]).snapshot.context).toEqual(snapshot.context);
    });
  });
}
