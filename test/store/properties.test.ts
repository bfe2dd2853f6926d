/**
 * Property-based tests of the store, on the in-memory store, SQLite and PostgreSQL (PGlite): random
 * sequences of events (realistic ones from the test model, and mischievous ones: out of order,
 * duplicated, tampered, malformed, anything at all, a RECEIVE for another id, a stale
 * `expectedSequence`, a deadline hook that fails) appended to two complaints at once. After every
 * append the store says what the machine says of the same event, and a refused or failed append
 * changed nothing; after every sequence each complaint's history is every accepted event, numbered
 * 1..n, replaying to the stored snapshot, its projection derived from it, and across the store the
 * work queue is `worklist` of the loaded snapshots and the records are `toRecord` of each.
 * `npm run soak` runs ten times as many (HC_PROPERTY_SCALE=10).
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isInvalidInputError } from '../../src/errors.js';
import { identifier } from '../../src/machine/context.js';
import { eventProblems } from '../../src/machine/events.js';
import { isMalformedEventError, replay, serialize, step, worklist, type ComplaintEvent, type ComplaintSnapshot } from '../../src/machine/index.js';
import { toRecord } from '../../src/reporting/record.js';
import { derive } from '../../src/store/derive.js';
import { createMemoryStore, isConcurrencyError, isUnknownComplaintError } from '../../src/store/index.js';
import { createPostgresStore, type PostgresClient } from '../../src/store/postgres.js';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { createComplaintTestModel, type ComplaintTestModel } from '../../src/testing/index.js';
import { eventFor, instruction, type Instruction } from '../support/walk.js';
import type { AnyOptions, AnyStore } from './suite.js';

const SCALE = Number(process.env.HC_PROPERTY_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));


const pglite = new PGlite();
const client = pglite as unknown as PostgresClient;
afterAll(() => pglite.close());
let schemas = 0;

/** Each store, with how many sequences it is given (PGlite's statements are the slowest). */
const KINDS: readonly { name: string; runs: number; make(options: AnyOptions): AnyStore }[] = [
  { name: 'memory', runs: 150, make: (options) => createMemoryStore(options) },
  { name: 'sqlite', runs: 120, make: (options) => createSqliteStore(':memory:', options) },
  { name: 'postgres', runs: 15, make: (options) => createPostgresStore({ client }, { ...options, schema: `properties_${++schemas}` }) },
];

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** One append: which complaint, which event, and what else goes wrong around it. */
interface Move {
  readonly target: 0 | 1;
  /** A realistic or mischievous event (walk's instructions), or anything at all. */
  readonly event: { kind: 'walk'; instruction: Instruction } | { kind: 'anything'; value: unknown };
  /** A RECEIVE for another id than the one it is appended to. */
  readonly otherId: boolean;
  /** The caller's expectedSequence: none, the current one, or a stale one. */
  readonly expected: 'none' | 'current' | 'stale';
  /** The deadline hook fails in this append. */
  readonly hookFails: boolean;
}

const move: fc.Arbitrary<Move> = fc.record({
  target: fc.constantFrom<0 | 1>(0, 0, 1),
  event: fc.oneof(
    // Realistic events more often than walk's own mix, so complaints get deep into their stages.
    { weight: 6, arbitrary: fc.record({ kind: fc.constant<Instruction['kind']>('realistic'), pick: fc.nat({ max: 20 }), days: fc.constant(0) }).map((ins) => ({ kind: 'walk' as const, instruction: ins })) },
    { weight: 5, arbitrary: instruction.map((ins) => ({ kind: 'walk' as const, instruction: ins })) },
    { weight: 1, arbitrary: fc.anything({ withNullPrototype: true, withObjectString: true, withBigInt: true }).map((value) => ({ kind: 'anything' as const, value })) },
  ),
  otherId: fc.nat({ max: 7 }).map((n) => n === 0),
  expected: fc.constantFrom<Move['expected']>('none', 'none', 'none', 'current', 'stale'),
  hookFails: fc.constantFrom(false, false, false, false, false, false, false, true),
});

const HOOK_FAILED = new Error('the job queue is down');

/** What the machine says of one complaint: its snapshot and the events it accepted. */
interface Expected {
  readonly id: string;
  readonly model: ComplaintTestModel;
  snapshot: ComplaintSnapshot;
  readonly accepted: ComplaintEvent[];
}

/** The event a move makes for a complaint, with a RECEIVE made for `id` (or, when asked, for another). */
function eventOf(m: Move, expected: Expected): unknown {
  if (m.event.kind === 'anything') return m.event.value;
  const event = eventFor(m.event.instruction, expected.snapshot, expected.accepted, (s) => expected.model.eventsFrom(s));
  if (m.otherId && typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'RECEIVE') {
    const receive = event as Extract<ComplaintEvent, { type: 'RECEIVE' }>;
    return { ...receive, complaint: { ...receive.complaint, id: `${expected.id}-OTHER` } };
  }
  return event;
}

/** Whether `event` is a RECEIVE whose complaint has a string id other than `id` (refused as another's, however malformed otherwise). */
function receivesOther(event: unknown, id: string): boolean {
  const { type, complaint } = (typeof event === 'object' && event !== null ? event : {}) as { type?: unknown; complaint?: { id?: unknown } };
  return type === 'RECEIVE' && typeof complaint === 'object' && complaint !== null && typeof complaint.id === 'string' && complaint.id !== id;
}

/** Across the store: the work queue and the records are the machine's, for every complaint so far. */
async function expectWhole(store: AnyStore): Promise<void> {
  const rows = await collect(store.complaints());
  const snapshots = await Promise.all(rows.map(async (row) => (await store.load(row.complaintId)).snapshot));
  expect(await collect(store.records())).toEqual(snapshots.map((snapshot) => toRecord(snapshot)));
  for (const now of ['2025-01-10', '2025-03-01T12:00:00Z', '2026-01-01']) {
    for (const within of [undefined, 0, 5]) {
      const options = within === undefined ? { now } : { now, within };
      expect(await store.workQueue(options)).toEqual(worklist(snapshots, options));
    }
  }
}

/** The events as stored: plain JSON. */
const asJson = (events: readonly unknown[]) => JSON.parse(JSON.stringify(events));

describe.each(KINDS)('the $name store under random sequences of events', (kind) => {
  let hookFails = false;
  const store = kind.make({
    onDeadlines: () => {
      if (hookFails) throw HOOK_FAILED;
    },
    onWarning: () => undefined,
  });
  const counts = { runs: 0, appends: 0, accepted: 0, refused: 0, malformed: 0, unknown: 0, otherId: 0, stale: 0, hookFailed: 0 };
  let run = 0;

  it('says what the machine says of each event, changes nothing for a refused or failed one, and keeps every log whole', async () => {
    await store.migrate();
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 6, maxLength: 24 }), async (moves) => {
        run++;
        counts.runs++;
        const complaints: [Expected, Expected] = [0, 1].map((i) => {
          const id = `P-${run}-${i}`;
          const model = createComplaintTestModel({ complaintId: id });
          return { id, model, snapshot: replay(store.machine, []).snapshot, accepted: [] as ComplaintEvent[] };
        }) as [Expected, Expected];
        for (const m of moves) {
          const expected = complaints[m.target];
          const event = eventOf(m, expected);
          const sequence = expected.accepted.length;
          const options = m.expected === 'none' ? undefined : { expectedSequence: m.expected === 'current' ? sequence : sequence === 0 ? 1 : sequence - 1 };
          hookFails = m.hookFails;
          counts.appends++;
          let outcome: { ok: true; result: Awaited<ReturnType<AnyStore['append']>> } | { ok: false; error: unknown };
          try {
            outcome = { ok: true, result: await store.append(expected.id, event as ComplaintEvent, options) };
          } catch (error) {
            outcome = { ok: false, error };
          } finally {
            hookFails = false;
          }
          const malformed = eventProblems(event).length > 0;
          const otherId = m.otherId && !malformed && (event as { type?: unknown }).type === 'RECEIVE';
          if (!outcome.ok) {
            const { error } = outcome;
            if (malformed) {
              counts.malformed++;
              // A malformed event is refused as such, unless the caller's sequence was already stale or it is a RECEIVE of another id.
              expect(isMalformedEventError(error) || (m.expected === 'stale' && isConcurrencyError(error)) || (receivesOther(event, expected.id) && isInvalidInputError(error))).toBe(true);
            } else if (otherId) {
              counts.otherId++;
              expect(isInvalidInputError(error)).toBe(true);
            } else if (m.expected === 'stale') {
              counts.stale++;
              expect(isConcurrencyError(error) && [error.expectedSequence, error.actualSequence]).toEqual([options!.expectedSequence, sequence]);
            } else if (sequence === 0 && (event as ComplaintEvent).type !== 'RECEIVE') {
              counts.unknown++;
              expect(isUnknownComplaintError(error)).toBe(true);
            } else {
              // Only an event the machine accepts reaches the hook.
              counts.hookFailed++;
              expect(error).toBe(HOOK_FAILED);
              expect(step(store.machine, expected.snapshot, event as ComplaintEvent).accepted).toBe(true);
            }
          } else {
            expect(malformed || otherId || m.expected === 'stale').toBe(false);
            const pure = step(store.machine, expected.snapshot, event as ComplaintEvent);
            const { result } = outcome;
            expect(result.accepted).toBe(pure.accepted);
            expect(result.reasons).toEqual(pure.reasons);
            expect(result.breaches).toEqual(pure.breaches);
            if (pure.accepted) {
              counts.accepted++;
              expected.accepted.push(event as ComplaintEvent);
              expected.snapshot = pure.snapshot;
            } else counts.refused++;
            expect(result.sequence).toBe(expected.accepted.length);
            expect(serialize(result.snapshot)).toBe(serialize(expected.snapshot));
          }
          // Whatever happened, the store holds what the machine accepted, and nothing else.
          if (expected.accepted.length === 0) await expect(store.load(expected.id)).rejects.toSatisfy(isUnknownComplaintError);
          else {
            const loaded = await store.load(expected.id);
            expect(loaded.sequence).toBe(expected.accepted.length);
            expect(serialize(loaded.snapshot)).toBe(serialize(expected.snapshot));
          }
        }
        for (const expected of complaints) {
          if (expected.accepted.length === 0) continue;
          const history = await store.history(expected.id);
          expect(history.events.map((e) => e.sequence)).toEqual(expected.accepted.map((_, i) => i + 1));
          expect(history.events.map((e) => e.event)).toEqual(asJson(expected.accepted));
          const replayed = replay(store.machine, history.events.map((e) => e.event)).snapshot;
          expect(serialize(replayed)).toBe(serialize(history.snapshot));
          const loaded = await store.load(expected.id);
          expect(loaded.projection).toEqual(derive(replayed, history.events.length).projection);
        }
        if (run % 5 === 0) await expectWhole(store);
      }),
      { numRuns: runs(kind.runs) },
    );
    // Every kind of move was made.
    expect(counts.accepted).toBeGreaterThan(0);
    expect(counts.refused + counts.malformed + counts.unknown).toBeGreaterThan(0);
  });

  it('leaves a store that rebuilds to what it holds, and exports a log that imports as the same complaints', async () => {
    await expectWhole(store);
    const rebuilt = await store.rebuild({ workers: 1 });
    expect(rebuilt).toMatchObject({ changed: 0, movedOn: 0, refusedEvents: 0, failed: [] });
    const exported = await collect(store.exportLog());
    const copy = kind.make({});
    await copy.migrate();
    const summary = await copy.importLog(exported);
    expect(summary).toMatchObject({ accepted: exported.length, badCount: 0, refusedCount: 0 });
    expect(await collect(copy.exportLog())).toEqual(exported);
    expect(await collect(copy.records())).toEqual(await collect(store.records()));
    await copy.close();
    await store.close();
  });
});

describe.each(KINDS)('the $name store under random complaint ids', (kind) => {
  it('keeps exactly the ids the library allows, each as it was given, and answers every other with a typed error', async () => {
    const store = kind.make({});
    await store.migrate();
    const held = new Set<string>();
    const ids = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.string({ maxLength: 250 }),
      fc.constantFrom(' C-1', 'C-1 ', 'C\t1', 'a\0b', '\ud800', '%', '_', "'", 'C-%', "x'; DROP TABLE hc_events; --", '__proto__', 'x'.repeat(200), 'x'.repeat(201)),
    );
    await fc.assert(
      fc.asyncProperty(ids, async (id) => {
        const storable = id.length <= 200 && identifier.safeParse(id).data === id;
        const receive: ComplaintEvent = { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id, region: 'scotland', summary: 'Damp in the hall' } };
        const result = await store.append(id, receive).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (!storable) {
          expect(!result.ok && isInvalidInputError(result.error), JSON.stringify(id)).toBe(true);
          if (!held.has(id)) await expect(store.load(id)).rejects.toSatisfy(isUnknownComplaintError);
          return;
        }
        expect(result.ok, JSON.stringify(id)).toBe(true);
        if (!held.has(id)) expect(result.ok && result.value.accepted).toBe(true);
        held.add(id);
        const loaded = await store.load(id);
        expect(loaded.snapshot.context.complaint?.id).toBe(id);
        expect(loaded.projection.complaintId).toBe(id);
      }),
      { numRuns: runs(kind.name === 'postgres' ? 150 : 300) },
    );
    const listed = (await collect(store.complaints())).map((row) => row.complaintId);
    expect(new Set(listed)).toEqual(held);
    expect(await collect(store.records())).toHaveLength(held.size);
    await store.close();
  });
});
