/**
 * Hostile inputs against every public function of the event store, on the in-memory store, SQLite
 * and PostgreSQL (PGlite): each one answers or fails with a typed error (never a raw TypeError, a
 * hang, an unhandled rejection, a half-written complaint or a state the store cannot load again).
 * After every barrage the store is checked whole: each complaint loads, its history is contiguous
 * and replays to the stored snapshot, the projection, records and work queue are what the machine
 * makes of that history, and a rebuild changes nothing.
 *
 * Hooks that misbehave are here too. What the store does with them:
 * - `onDeadlines` that throws or rejects: the append rolls back and fails with what the hook threw.
 * - `onDeadlines` that calls a store (re-entrantly, inside the append's transaction): the call is
 *   refused with an `InvalidInputError` naming `options.onDeadlines`, rather than waiting forever for
 *   the lock its own caller holds. Any store, since stores on one SQLite file or one PostgreSQL
 *   client share that lock. (On Node 20.16 and later, where `process.getBuiltinModule` gives
 *   `AsyncLocalStorage` to tell a call made by the hook; elsewhere such a call still waits.)
 * - `onDeadlines` that never settles: the store waits, as it waits for any query it runs. The hook
 *   holds the transaction, and a store that gave up on it could not stop it writing with that
 *   transaction afterwards; every append behind it waits its turn and completes once it settles.
 * - `onDeadlines` that mutates its argument: it gets its own copies; the append's result is the store's.
 * - `onWarning` that throws or rejects: ignored, as a logger's failure; the load or append goes on.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isHousingComplaintsError, isInvalidInputError } from '../../src/errors.js';
import { isMalformedEventError, replay, serialize, worklist, type ComplaintEvent, type ComplaintSnapshot } from '../../src/machine/index.js';
import { toRecord } from '../../src/reporting/record.js';
import { derive } from '../../src/store/derive.js';
import { createMemoryStore, isConcurrencyError, isCorruptLogError, isUnknownComplaintError, type StoreWarning } from '../../src/store/index.js';
import { createPostgresStore, type PostgresClient } from '../../src/store/postgres.js';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { acknowledge, escalate, ID, receive, respond1, throughBothStages } from '../support/complaint.js';
import { eachHostile, hostileValues } from '../support/hostileValues.js';
import { postgresDamage } from './postgresDamage.js';
import type { AnyOptions, AnyStore } from './suite.js';


const pglite = new PGlite();
const client = pglite as unknown as PostgresClient;
afterAll(() => pglite.close());
let schemas = 0;

const folders: string[] = [];
const tempFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'hc-hostile-'));
  folders.push(folder);
  return folder;
};
const opened: AnyStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface Kind {
  readonly name: 'memory' | 'sqlite' | 'postgres';
  /** A store on a new, empty database, not yet migrated. */
  make(options?: AnyOptions): AnyStore;
}

const KINDS: readonly Kind[] = [
  { name: 'memory', make: (options) => createMemoryStore(options) },
  {
    name: 'sqlite',
    make: (options) => {
      const store = createSqliteStore(':memory:', options);
      opened.push(store);
      return store;
    },
  },
  {
    name: 'postgres',
    make: (options) => {
      let withSchema: unknown;
      try {
        withSchema = { ...options, schema: `hostile_${++schemas}` };
      } catch {
        // Options that cannot even be spread (a revoked Proxy) go to the store as they are.
        withSchema = options;
      }
      return createPostgresStore({ client }, withSchema as AnyOptions);
    },
  },
];

const open = async (kind: Kind, options?: AnyOptions) => {
  const store = kind.make(options);
  await store.migrate();
  return store;
};

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

/** Describes what was thrown, for a failure message. */
const described = (error: unknown) => {
  try {
    return error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : `a thrown ${typeof error}`;
  } catch {
    return 'an unreadable thrown value';
  }
};

/** Fails unless `error` is one of the library's typed errors, with a message. */
function expectTyped(error: unknown, what: string): void {
  if (!isHousingComplaintsError(error)) throw new Error(`${what} threw ${described(error)}`);
  expect((error as Error).message.length, what).toBeGreaterThan(0);
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs `call`: it must not throw synchronously, and what it returns settles to a value or a typed error. */
async function settle(call: () => unknown, what: string): Promise<Settled> {
  let pending: unknown;
  try {
    pending = call();
  } catch (error) {
    throw new Error(`${what} threw synchronously: ${described(error)}`);
  }
  try {
    return { ok: true, value: await pending };
  } catch (error) {
    expectTyped(error, what);
    return { ok: false, error };
  }
}

/** The events a complaint received on 6 January 2025 with id `id` goes through, in order. */
const receiveAs = (id: string) => receive('2025-01-06T09:00:00Z', { id });
const tick = (at: string): ComplaintEvent => ({ type: 'TICK', at });

/**
 * The store, checked whole: every complaint loads as its history replays, sequence numbers run
 * 1..n, the projection and record are what derive and toRecord make of the replayed snapshot, the
 * work queue is worklist's, and a rebuild finds nothing to change.
 */
async function expectConsistent(store: AnyStore): Promise<void> {
  const rows = await collect(store.complaints());
  const snapshots: ComplaintSnapshot[] = [];
  for (const row of rows) {
    const loaded = await store.load(row.complaintId);
    const history = await store.history(row.complaintId);
    expect(history.events.map((event) => event.sequence)).toEqual(history.events.map((_, i) => i + 1));
    expect(loaded.sequence).toBe(history.events.length);
    const replayed = replay(store.machine, history.events.map((event) => event.event)).snapshot;
    expect(serialize(loaded.snapshot)).toBe(serialize(replayed));
    expect(replayed.context.complaint?.id).toBe(row.complaintId);
    expect(loaded.projection).toEqual(derive(replayed, loaded.sequence).projection);
    expect(row).toEqual(loaded.projection);
    snapshots.push(replayed);
  }
  expect(await collect(store.records())).toEqual(snapshots.map((snapshot) => toRecord(snapshot)));
  for (const now of ['2025-01-07', '2026-06-01']) expect(await store.workQueue({ now })).toEqual(worklist(snapshots, { now }));
  const rebuilt = await store.rebuild({ workers: 1 });
  expect(rebuilt).toMatchObject({ complaints: rows.length, changed: 0, movedOn: 0, refusedEvents: 0, failed: [] });
}

/** Hostile events: the shared hostile values, and ones shaped like events. */
function hostileEvents(): [string, unknown][] {
  const cycle: Record<string, unknown> = { type: 'TICK', at: '2025-01-07T09:00:00Z' };
  cycle.self = cycle;
  const nested: Record<string, unknown> = { type: 'ESCALATE', at: '2025-01-07T09:00:00Z' };
  let deep: Record<string, unknown> = nested;
  for (let i = 0; i < 10_000; i++) deep = (deep.explanation as Record<string, unknown>) = {} as Record<string, unknown>;
  let flips = 0;
  return [
    ...eachHostile(),
    ['a TICK whose `at` getter throws', { type: 'TICK', get at(): string { throw new Error('boom'); } }],
    ['a TICK whose `at` changes on each read', { type: 'TICK', get at() { return flips++ % 2 ? 'not a date' : '2025-01-07T09:00:00Z'; } }],
    ['a TICK behind a Proxy that throws on every trap', new Proxy({ type: 'TICK', at: '2025-01-07T09:00:00Z' }, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } })],
    ['a TICK behind a transparent Proxy', new Proxy({ type: 'TICK', at: '2025-01-07T09:00:00Z' }, {})],
    ['a cycle', cycle],
    ['a __proto__ key', JSON.parse('{"__proto__":{"polluted":true},"type":"TICK","at":"2025-01-07T09:00:00Z"}')],
    ['a constructor key', { type: 'TICK', at: '2025-01-07T09:00:00Z', constructor: { prototype: { polluted: true } } }],
    ['nesting 10,000 deep', nested],
    ['a huge summary', { ...receiveAs('C-HUGE'), complaint: { id: 'C-HUGE', region: 'scotland', summary: 'x'.repeat(5_000_000) } }],
    ['a huge type', { type: 'T'.repeat(1_000_000), at: '2025-01-07T09:00:00Z' }],
    ['a RECEIVE for another complaint', receiveAs('C-OTHER')],
    ['a second RECEIVE for the same complaint', receiveAs(ID)],
    ['a TICK before the complaint', tick('2024-01-01T00:00:00Z')],
    ['a TICK in 2150', tick('2150-01-01T00:00:00Z')],
    ['an array of events', [tick('2025-01-07T09:00:00Z')]],
    ['an event with a symbol key', { type: 'TICK', at: '2025-01-07T09:00:00Z', [Symbol('x')]: 1 }],
    ['an event with a bigint', { type: 'TICK', at: '2025-01-07T09:00:00Z', extra: 10n }],
    ['an event with a function', { type: 'TICK', at: '2025-01-07T09:00:00Z', extra: () => 1 }],
  ];
}

/** Complaint ids a hostile caller passes, each with a label. */
function hostileIds(): [string, unknown][] {
  return [
    ...eachHostile(),
    ['a blank string', '   '],
    ['201 characters', 'x'.repeat(201)],
    ['200 characters', 'y'.repeat(200)],
    ['a NUL', '\0'],
    ['a NUL inside', 'C-\0-1'],
    ['a control character', 'C-\u0001'],
    ['an escape sequence', 'C-\u001b[31m'],
    ['a lone surrogate inside', 'C-\ud800'],
    ['a bidi override', 'C-\u202e1'],
    ['a leading space', ' C-SPACE'],
    ['a trailing space', 'C-SPACE '],
    ['a trailing newline', 'C-NEWLINE\n'],
    ['a tab inside', 'C\t1'],
    ['a newline inside', 'C\n1'],
    ['a private-use character', 'C-\ue000'],
    ['a zero-width space', 'C-\u200b1'],
    ['a soft hyphen', 'C\u00ad1'],
    ['a line separator', 'C\u20281'],
    ['a percent sign', '%'],
    ['an id with a percent sign', 'C-%'],
    ['an id with an underscore', 'C_1'],
    ['LIKE wildcards', '%_%x'],
    ['a single quote', "O'Brien-1"],
    ['a double quote', 'C"1'],
    ['a backslash', 'C\\1'],
    ['an SQL injection', "x'); DROP TABLE hc_events; --"],
    ['another SQL injection', 'C-1" OR 1=1; DROP SCHEMA public CASCADE; --'],
    ['unicode', 'Ünïcödé-Ω-1'],
    ['an emoji', 'C-😀'],
    ['a fullwidth letter', 'C-Ａ'],
    ['a combining accent', 'e\u0301'],
    ['right-to-left text', 'שלום-1'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['digits', '12345'],
    ['an exponent', '1e3'],
    ['a number', 42],
    ['an object', { id: 'C-1' }],
    ['a transparent Proxy of a string object', new Proxy(new String('C-1'), {})],
    ['an object whose toString throws', { toString() { throw new Error('boom'); } }],
    ['an array', ['C-1']],
  ];
}

describe.each(KINDS)('the $name store', (kind) => {
  it('answers every hostile complaint id with a typed error or a correct answer, and keeps the id it was given', async () => {
    const store = await open(kind);
    for (const [label, id] of hostileIds()) {
      const event = typeof id === 'string' ? receiveAs(id) : receiveAs('C-NOT-A-STRING');
      const received = await settle(() => store.append(id as string, event), `append(${label}, RECEIVE)`);
      if (received.ok && (received.value as { accepted: boolean }).accepted) {
        // An id the store keeps is the id the machine keeps, and what every view of it says.
        const loaded = await store.load(id as string);
        expect(loaded.snapshot.context.complaint?.id, label).toBe(id);
        expect(loaded.projection.complaintId, label).toBe(id);
        expect((await store.append(id as string, tick('2025-01-07T09:00:00Z'))).accepted, label).toBe(true);
      }
      await settle(() => store.append(id as string, tick('2025-01-08T09:00:00Z')), `append(${label}, TICK)`);
      await settle(() => store.load(id as string), `load(${label})`);
      await settle(() => store.history(id as string), `history(${label})`);
    }
    const ids = (await collect(store.complaints())).map((row) => row.complaintId);
    // The ids the machine and the store can both keep as they are, and nothing else.
    expect(ids.sort()).toEqual(
      ['200 characters', 'an id with a percent sign', 'an id with an underscore', 'LIKE wildcards', 'a single quote', 'a double quote', 'a backslash', 'an SQL injection', 'another SQL injection', 'unicode', 'an emoji', 'a fullwidth letter', 'a combining accent', 'right-to-left text', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'digits', 'an exponent', 'a string']
        .map((label) => hostileIds().find(([name]) => name === label)![1] as string)
        .sort(),
    );
    await expectConsistent(store);
  });

  it('refuses an id the machine would keep differently (spaces around it), or the record could not hold: never a complaint stored under one id and received as another', async () => {
    const store = await open(kind);
    for (const id of [' C-1', 'C-1 ', 'C-1\n', '\tC-1', 'C\t1', 'C\n1', 'C-\ue000', 'C-\u200b1', 'C-\u20281']) {
      const error = await store.append(id, receiveAs(id)).catch((caught: unknown) => caught);
      expect(isInvalidInputError(error), JSON.stringify(id)).toBe(true);
      const summary = await store.importLog([JSON.stringify({ complaintId: id, ...receiveAs(id) })]);
      expect(summary.badCount, JSON.stringify(id)).toBe(1);
    }
    expect(await collect(store.complaints())).toEqual([]);
    expect((await store.append('C-1', receiveAs('C-1'))).accepted).toBe(true);
    await expectConsistent(store);
  });

  it('never reaches the database with an id it cannot hold: a NUL, a lone surrogate or a huge id is no complaint', async () => {
    const store = await open(kind);
    await store.append('C-1', receiveAs('C-1'));
    for (const id of ['C-1\0', '\0', 'C-\ud800', 'C'.repeat(1_000_000)]) {
      await expect(store.load(id)).rejects.toSatisfy(isUnknownComplaintError);
      await expect(store.history(id)).rejects.toSatisfy(isUnknownComplaintError);
      await expect(store.append(id, tick('2025-01-07T09:00:00Z'))).rejects.toSatisfy(isInvalidInputError);
    }
    await expectConsistent(store);
  });

  it('answers every hostile event with a typed error or a correct answer, and a refused or failed one changes nothing', async () => {
    const store = await open(kind);
    await store.append(ID, receiveAs(ID));
    for (const [label, event] of hostileEvents()) {
      const before = await store.history(ID);
      const result = await settle(() => store.append(ID, event as ComplaintEvent), `append(${label})`);
      const accepted = result.ok && (result.value as { accepted: boolean }).accepted;
      const after = await store.history(ID);
      expect(after.events.length, label).toBe(before.events.length + (accepted ? 1 : 0));
      if (!accepted) expect(serialize(after.snapshot), label).toBe(serialize(before.snapshot));
      if (!result.ok && ['a TICK whose `at` getter throws', 'a cycle', 'a __proto__ key', 'nesting 10,000 deep', 'a huge type', 'a RECEIVE for another complaint', 'a TICK in 2150'].includes(label)) {
        // A malformed event is a MalformedEventError; a well-formed one for another id an InvalidInputError.
        expect(isMalformedEventError(result.error) || isInvalidInputError(result.error) || isUnknownComplaintError(result.error), label).toBe(true);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await collect(store.complaints())).toHaveLength(1);
    await expectConsistent(store);
  });

  it('keeps free text exactly, quotes, SQL fragments and all, and writes nothing for text the record cannot hold (a NUL, a lone surrogate)', async () => {
    const store = await open(kind);
    const text = `' " \\ %_ ${'é'.repeat(10)} \u{1F3E0}\ttab\r\nline '); DROP TABLE hc_events; -- $1 \\x00 ${'long '.repeat(3_900)}`;
    const events = [receiveAs(ID), acknowledge('2025-01-07T10:00:00Z'), respond1('2025-01-10T15:00:00Z')];
    for (const event of events) expect((await store.append(ID, event)).accepted, event.type).toBe(true);
    for (const bad of ['a\0b', 'a \ud800 b', 'a \u202e b']) {
      const refused = await store.append(ID, escalate('2025-01-20T09:00:00Z', bad));
      expect(refused.accepted, JSON.stringify(bad)).toBe(false);
    }
    const escalated = escalate('2025-01-20T09:00:00Z', text);
    expect((await store.append(ID, escalated)).accepted).toBe(true);
    const history = await store.history(ID);
    expect(history.events.map((stored) => stored.event)).toEqual([...events, escalated]);
    expect((history.events[3]!.event as { explanation: string }).explanation).toBe(text);
    const exported = (await collect(store.exportLog())).join('');
    const copy = await open(kind);
    expect(await copy.importLog(exported.split('\n'))).toMatchObject({ accepted: 4, badCount: 0, refusedCount: 0 });
    expect((await copy.history(ID)).events).toEqual(history.events);
    await expectConsistent(store);
  });

  it('does not let a caller change what the store decides from: the snapshots it returns are its own, frozen', async () => {
    const store = await open(kind);
    // A RECEIVE the machine refuses returns the snapshot every new complaint starts from.
    const refused = await store.append('C-LATER', { ...receiveAs('C-LATER'), complaint: { ...receiveAs('C-LATER').complaint, issueDate: '2025-02-01' } });
    expect(refused.accepted).toBe(false);
    const received = await store.append(ID, receiveAs(ID));
    const loaded = await store.load(ID);
    const history = await store.history(ID);
    const scribble = (snapshot: ComplaintSnapshot) => {
      const attempts: (() => void)[] = [
        () => ((snapshot.context as { lastEventAt?: string }).lastEventAt = '2030-01-01T00:00:00Z'),
        () => ((snapshot.context as { complaint?: unknown }).complaint = { id: 'stolen' }),
        () => ((snapshot.context.complaint as { id: string } | undefined)!.id = 'stolen'),
        () => (snapshot.context.notes as unknown[]).push('scribbled'),
        () => ((snapshot.context.stage1 as { acknowledgeBy?: string } | undefined)!.acknowledgeBy = '2030-01-01'),
        () => ((snapshot as { value: unknown }).value = { process: 'closed' }),
        () => ((snapshot as { context: unknown }).context = {}),
      ];
      for (const attempt of attempts) {
        try {
          attempt();
        } catch {
          // Frozen: a TypeError in strict code, the caller's own.
        }
      }
    };
    for (const snapshot of [refused.snapshot, received.snapshot, loaded.snapshot, history.snapshot]) scribble(snapshot);
    // The store still decides from what it stored.
    expect((await store.append(ID, tick('2025-01-08T09:00:00Z'))).accepted).toBe(true);
    expect((await store.load(ID)).snapshot.context.complaint?.id).toBe(ID);
    const second = await store.append('C-2', receiveAs('C-2'));
    expect(second.accepted).toBe(true);
    expect(serialize(second.snapshot)).toBe(serialize(replay(store.machine, [receiveAs('C-2')]).snapshot));
    await expectConsistent(store);
  });

  it('answers hostile options of append, workQueue and rebuild with typed errors, and changes nothing', async () => {
    const store = await open(kind);
    await store.append(ID, receiveAs(ID));
    for (const [label, value] of eachHostile()) {
      await settle(() => store.append(ID, tick('2025-01-07T09:00:00Z'), value as never), `append options ${label}`);
      await settle(() => store.append(ID, tick('2025-01-07T09:00:00Z'), { expectedSequence: value } as never), `append expectedSequence ${label}`);
      await settle(() => store.workQueue(value as never), `workQueue(${label})`);
      await settle(() => store.workQueue({ now: value } as never), `workQueue now ${label}`);
      await settle(() => store.workQueue({ now: '2025-01-10', within: value } as never), `workQueue within ${label}`);
      await settle(() => store.workQueue({ now: '2025-01-10', limit: value } as never), `workQueue limit ${label}`);
      // (Options that read as valid start worker threads on the databases: those are read in memory, by the same code.)
      if (kind.name === 'memory') {
        await settle(() => store.rebuild(value as never), `rebuild(${label})`);
        await settle(() => store.rebuild({ workers: value } as never), `rebuild workers ${label}`);
      }
      await settle(() => store.rebuild({ workers: 1, batch: value } as never), `rebuild batch ${label}`);
    }
    for (const within of [1_000, 100_000, 2 ** 31, 2 ** 53, 1e300]) await settle(() => store.workQueue({ now: '2025-01-10', within }), `workQueue within ${within}`);
    const stale = await store.append(ID, tick('2025-01-07T09:00:00Z'), { expectedSequence: 2 ** 53 }).catch((caught: unknown) => caught);
    expect(isConcurrencyError(stale)).toBe(true);
    await expectConsistent(store);
  });

  it('imports from any hostile iterable with a typed error or a summary: never a hang on a thenable, never a raw TypeError', async () => {
    const store = await open(kind);
    const line = (id: string) => JSON.stringify({ complaintId: id, ...receiveAs(id) });
    const sources: [string, () => unknown][] = [
      // (Not the array that claims 2^32 - 1 entries: importing four billion lines takes as long as it takes.)
      ...hostileValues.filter(([label]) => !label.includes('2^32')).map(([label, make]) => [label, make] as [string, () => unknown]),
      ['a thenable that never settles', () => [line('I-1'), { then() {} }]],
      ['a thenable whose then getter throws', () => [{ get then() { throw new Error('then'); } }]],
      ['a resolved Promise', () => [Promise.resolve(line('I-2'))]],
      ['a rejected Promise', () => {
        const rejected = Promise.reject(new Error('rejected'));
        rejected.catch(() => undefined);
        return [rejected];
      }],
      ['an iterator that throws midway', () => (function* () {
        yield line('I-3');
        throw new Error('midway');
      })()],
      ['an async iterator that rejects midway', () => (async function* () {
        yield line('I-4');
        throw new Error('async midway');
      })()],
      ['an iterator whose next returns a number', () => ({ [Symbol.iterator]: () => ({ next: () => 5 }) })],
      ['an iterator whose result getters throw', () => ({ [Symbol.iterator]: () => ({ next: () => ({ get done(): boolean { throw new Error('done'); } }) }) })],
      ['an iterator method that returns a number', () => ({ [Symbol.iterator]: () => 5 })],
      ['an iterator method that throws', () => ({ [Symbol.iterator]: () => { throw new Error('iterator'); } })],
      ['an async iterator whose next rejects with a revoked Proxy', () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(proxy) }) };
      }],
      ['an iterator getter that works once', () => {
        let reads = 0;
        return { get [Symbol.iterator]() { return reads++ === 0 ? function* () { yield line('I-5'); } : 5; } };
      }],
      ['a Set of lines', () => new Set([line('I-6')])],
      ['a Map', () => new Map([[line('I-7'), 1]])],
      ['a generator of every kind of line', () => (function* () {
        yield 5;
        yield null;
        yield undefined;
        yield { toString: () => line('I-8') };
        yield new String(line('I-9'));
        yield Symbol('line');
        yield 'x'.repeat(5_000_000);
        yield `{"complaintId":"I-10","type":"TICK","at":"2025-01-07T09:00:00Z","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
        yield '\0';
        yield '\ud800';
        yield '{"complaintId":"I-11","type":"RECEIVE","__proto__":{"polluted":true}}';
        yield line('I-12');
      })()],
    ];
    for (const [label, make] of sources) {
      const result = await settle(() => store.importLog(make() as never), `importLog(${label})`);
      if (result.ok) expect(result.value, label).toMatchObject({ lines: expect.any(Number), accepted: expect.any(Number) });
    }
    const ids = (await collect(store.complaints())).map((row) => row.complaintId);
    // Lines before the failure of a source are imported; a Promise in a plain iterable is no line of text.
    expect(ids).not.toContain('I-2');
    expect(ids).toContain('I-12');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectConsistent(store);
  });

  it('reports an import line whose complaintId is of any type as bad, and imports the rest', async () => {
    const store = await open(kind);
    const ids: unknown[] = [5, null, true, {}, [], [ID], { toString: 'C-1' }, '', ' ', ' C-1', 'C-1 ', 'x'.repeat(201), 'C-\u0000', 'C-\ud800', 1e300, -0, '__proto__'];
    const lines = [...ids.map((id) => JSON.stringify({ complaintId: id, ...receive('2025-01-06T09:00:00Z', { id: typeof id === 'string' ? id : 'C-1' }) })), JSON.stringify({ complaintId: 'C-OK', ...receiveAs('C-OK') })];
    const summary = await store.importLog(lines);
    expect(summary.accepted).toBe(2);
    expect(summary.badCount).toBe(ids.length - 1);
    expect((await collect(store.complaints())).map((row) => row.complaintId).sort()).toEqual(['C-OK', '__proto__']);
    await expectConsistent(store);
  });

  it('answers hostile store options with a typed error when made, or a store that answers', async () => {
    const keys = ['policy', 'enforceCode', 'calendar', 'retries', 'onDeadlines', 'onWarning', 'cacheSize'];
    // What a hook throws is the host's own, and an append it fails fails with exactly that.
    const thrownByHook = new Error('thrown by the function given');
    const values: [string, unknown][] = [...eachHostile(), ['a function that throws', () => { throw thrownByHook; }], ['a function that returns junk', () => 5]];
    for (const [label, value] of values) {
      for (const options of [value, ...keys.map((key) => ({ [key]: value }))]) {
        let store: AnyStore;
        try {
          store = kind.make(options as AnyOptions);
        } catch (error) {
          expectTyped(error, `${kind.name} store with ${label}`);
          continue;
        }
        const hooked = typeof options === 'object' && options !== null && 'onDeadlines' in options;
        const run = async (call: () => Promise<unknown>, what: string) => {
          try {
            await call();
          } catch (error) {
            if (hooked && error === thrownByHook) return;
            expectTyped(error, `${what} with ${label}${hooked ? ' as onDeadlines' : ''}`);
          }
        };
        await run(() => store.migrate(), 'migrate');
        await run(() => store.append('C-1', receiveAs('C-1')), 'append');
        await run(() => store.append('C-1', acknowledge('2025-01-07T10:00:00Z')), 'acknowledge');
        await run(() => store.load('C-1'), 'load');
        await run(() => store.workQueue({ now: '2025-01-10', within: 3 }), 'workQueue');
        await run(() => store.rebuild({ workers: 1 }), 'rebuild');
      }
    }
  });

  it('rolls an append back when onDeadlines throws or rejects anything at all, fails with what it threw, and stays usable', async () => {
    let hook: (() => unknown) | undefined;
    const store = await open(kind, { onDeadlines: () => hook?.() as void });
    await store.append(ID, receiveAs(ID));
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const trapsThrow = new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); }, has() { throw new Error('trap'); } });
    const error = new Error('queue down');
    const thrown: [string, () => unknown, unknown][] = [
      ['an Error', () => { throw error; }, error],
      ['undefined', () => { throw undefined; }, undefined],
      ['a string', () => { throw 'queue down'; }, 'queue down'],
      ['a revoked Proxy', () => { throw proxy; }, proxy],
      ['a Proxy whose traps throw', () => { throw trapsThrow; }, trapsThrow],
      ['a rejection', () => Promise.reject(error), error],
      ['a thenable whose then getter throws', () => ({ get then() { throw error; } }), error],
    ];
    for (const [label, fn, expected] of thrown) {
      hook = fn;
      const failed = await store.append(ID, acknowledge('2025-01-07T10:00:00Z')).then(
        () => 'accepted',
        (caught: unknown) => ({ caught }),
      );
      expect(typeof failed === 'object' && failed.caught === expected, label).toBe(true);
      expect((await store.load(ID)).sequence, label).toBe(1);
    }
    hook = undefined;
    expect((await store.append(ID, acknowledge('2025-01-07T10:00:00Z'))).sequence).toBe(2);
    await expectConsistent(store);
  });

  it('gives onDeadlines its own copies: a hook that scribbles on its argument changes neither the result nor the store', async () => {
    const plain = await open(kind);
    const store = await open(kind, {
      onDeadlines: (changes) => {
        (changes.scheduled as unknown[]).push({ key: 'junk' });
        for (const job of changes.scheduled) (job as { due: string }).due = 'scribbled';
        (changes.cancelled as unknown[]).length = 0;
        (changes as { complaintId: string }).complaintId = 'scribbled';
      },
    });
    for (const event of throughBothStages()) {
      const [expected, result] = [await plain.append(ID, event), await store.append(ID, event)];
      expect(result.scheduled, event.type).toEqual(expected.scheduled);
      expect(result.cancelled, event.type).toEqual(expected.cancelled);
    }
    expect(await store.workQueue({ now: '2025-06-01' })).toEqual(await plain.workQueue({ now: '2025-06-01' }));
    await expectConsistent(store);
  });

  it('refuses a store call made from inside onDeadlines with a typed error, rather than waiting forever for its own lock', async () => {
    let call: (store: AnyStore) => Promise<unknown> = async () => undefined;
    let caught: unknown;
    let swallow = false;
    const store: AnyStore = await open(kind, {
      onDeadlines: async () => {
        try {
          await call(store);
        } catch (error) {
          caught = error;
          if (!swallow) throw error;
        }
      },
    });
    const calls: [string, (s: AnyStore) => Promise<unknown>][] = [
      ['append to another complaint', (s) => s.append('C-INNER', receiveAs('C-INNER'))],
      ['append to the same complaint', (s) => s.append(ID, tick('2025-01-06T10:00:00Z'))],
      ['load', (s) => s.load(ID)],
      ['history', (s) => s.history(ID)],
      ['workQueue', (s) => s.workQueue({ now: '2025-01-07' })],
      ['complaints', (s) => collect(s.complaints())],
      ['records', (s) => collect(s.records())],
      ['exportLog', (s) => collect(s.exportLog())],
      ['importLog', (s) => s.importLog([JSON.stringify({ complaintId: 'C-INNER', ...receiveAs('C-INNER') })])],
      ['rebuild', (s) => s.rebuild({ workers: 1 })],
      ['migrate', (s) => s.migrate()],
    ];
    for (const [label, fn] of calls) {
      call = fn;
      caught = undefined;
      const error = await store.append(ID, receiveAs(ID)).catch((thrown: unknown) => thrown);
      expect(isInvalidInputError(caught) && caught.path, label).toBe('options.onDeadlines');
      expect(error, label).toBe(caught);
      expect(await collect(store.complaints()), label).toEqual([]);
    }
    // A hook that catches the refusal carries on, and its append is written.
    swallow = true;
    call = (s) => s.append('C-INNER', receiveAs('C-INNER'));
    expect((await store.append(ID, receiveAs(ID))).accepted).toBe(true);
    expect(isInvalidInputError(caught)).toBe(true);
    // Outside the hook, the same calls work.
    call = async () => undefined;
    expect((await store.append('C-INNER', receiveAs('C-INNER'))).accepted).toBe(true);
    await expectConsistent(store);
  });

  it('waits for an onDeadlines that takes its time: the appends behind it wait their turn, and all complete when it settles', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const hookStarted = new Promise<void>((resolve) => (started = resolve));
    let first = true;
    const store = await open(kind, {
      onDeadlines: async () => {
        if (!first) return;
        first = false;
        started();
        await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const settled: string[] = [];
    const slow = store.append('C-1', receiveAs('C-1')).then((result) => settled.push(`C-1 ${result.sequence}`));
    await hookStarted;
    const behind = store.append('C-2', receiveAs('C-2')).then((result) => settled.push(`C-2 ${result.sequence}`));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // Neither can have finished: the first is in its hook, the second is queued behind its transaction.
    expect(settled).toEqual([]);
    release();
    await Promise.all([slow, behind]);
    expect(settled).toEqual(['C-1 1', 'C-2 1']);
    await expectConsistent(store);
  });

  it('ignores an onWarning that throws or rejects: the repair and the load go on, and no rejection is left unhandled', async () => {
    for (const onWarning of [
      () => {
        throw new Error('logger down');
      },
      async () => {
        throw new Error('async logger down');
      },
      () => ({ get then() { throw new Error('then'); } }),
    ] as ((warning: StoreWarning) => void)[]) {
      const harness = await damageable(kind, { onWarning });
      await harness.store.append(ID, receiveAs(ID));
      await harness.store.append(ID, acknowledge('2025-01-07T10:00:00Z'));
      await harness.corruptSnapshot(ID);
      const loaded = await harness.fresh().load(ID);
      expect(loaded.sequence).toBe(2);
      await harness.corruptSnapshot(ID);
      expect((await harness.fresh().append(ID, tick('2025-01-08T09:00:00Z'))).sequence).toBe(3);
      await expectConsistent(harness.store);
    }
  });

  it('lists complaints, records and the log in the same order as the databases: code point order', async () => {
    const store = await open(kind);
    const ids = ['a\u{1F600}', 'a\uFF21', 'a\u00e9', 'ab', 'a\u{10400}', 'a\uFFFD', 'A'];
    for (const id of ids) expect((await store.append(id, receiveAs(id))).accepted, id).toBe(true);
    const byCodePoint = [...ids].sort((a, b) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    });
    expect((await collect(store.complaints())).map((row) => row.complaintId)).toEqual(byCodePoint);
    expect((await collect(store.exportLog())).map((line) => JSON.parse(line).complaintId)).toEqual(byCodePoint);
    await expectConsistent(store);
  });
});

/** A store whose rows can be damaged behind its back, and fresh stores on the same database. */
async function damageable(kind: Kind, options: AnyOptions): Promise<{ store: AnyStore; fresh(): AnyStore; corruptSnapshot(id: string): Promise<void>; corruptEvent(id: string, sequence: number): Promise<void>; corruptRecord(id: string): Promise<void> }> {
  if (kind.name === 'memory') {
    const store = await open(kind, options);
    // The in-memory store's rows, reached as a disk fault would.
    const rows = (store as unknown as { backend: { complaints: Map<string, { snapshot: string; record: string }>; events_: Map<string, { event: string }[]> } }).backend;
    const cache = (store as unknown as { cache: Map<string, unknown> }).cache;
    return {
      store,
      fresh: () => (cache.clear(), store),
      corruptSnapshot: async (id) => void (rows.complaints.get(id)!.snapshot = 'garbage'),
      corruptEvent: async (id, sequence) => void (rows.events_.get(id)![sequence - 1]!.event = '{"type":'),
      corruptRecord: async (id) => void (rows.complaints.get(id)!.record = '{"recor'),
    };
  }
  if (kind.name === 'sqlite') {
    const file = join(tempFolder(), 'complaints.db');
    const make = () => {
      const store = createSqliteStore(file, options);
      opened.push(store);
      return store;
    };
    const store = make();
    await store.migrate();
    const raw = (sql: string, ...values: unknown[]) => {
      const db = new Database(file);
      try {
        db.prepare(sql).run(...values);
      } finally {
        db.close();
      }
    };
    return {
      store,
      fresh: make,
      corruptSnapshot: async (id) => raw("UPDATE hc_complaints SET snapshot = 'garbage' WHERE complaint_id = ?", id),
      corruptEvent: async (id, sequence) => raw(`UPDATE hc_events SET event = '{"type":' WHERE complaint_id = ? AND sequence = ?`, id, sequence),
      corruptRecord: async (id) => raw(`UPDATE hc_complaints SET record = '{"recor' WHERE complaint_id = ?`, id),
    };
  }
  const schema = `hostile_${++schemas}`;
  const make = () => createPostgresStore({ client }, { ...options, schema });
  const store = make();
  await store.migrate();
  const damage = postgresDamage(client, schema);
  return {
    store,
    fresh: make,
    corruptSnapshot: (id) => damage.snapshot(id, 'garbage'),
    corruptEvent: (id, sequence) => damage.event(id, sequence, '{"type":'),
    corruptRecord: async (id) => void (await client.query(`UPDATE ${schema}.hc_complaints SET record = '{"recor' WHERE complaint_id = $1`, [id])),
  };
}

describe.each(KINDS)('the $name store, damaged behind its back', (kind) => {
  it('answers history of a log with an event that is not JSON with a CorruptLogError, and records of a broken record with a typed error', async () => {
    const harness = await damageable(kind, { onWarning: () => undefined });
    for (const event of throughBothStages().slice(0, 3)) await harness.store.append(ID, event);
    await harness.corruptEvent(ID, 2);
    const store = harness.fresh();
    expect((await store.load(ID)).sequence).toBe(3);
    await expect(store.history(ID)).rejects.toSatisfy(isCorruptLogError);
    await harness.corruptRecord(ID);
    const error = await collect(harness.fresh().records()).catch((caught: unknown) => caught);
    expectTyped(error, 'records() of a broken record');
  });
});

describe('the SQLite store, given hostile databases', () => {
  it('refuses a path it cannot open, a path with a NUL, a closed or fake Database, with typed errors', () => {
    const folder = tempFolder();
    const notADatabase = join(folder, 'notes.txt');
    writeFileSync(notADatabase, 'not a database, but long enough to have a header '.repeat(100));
    const closed = new Database(':memory:');
    closed.close();
    const refused: [string, unknown][] = [
      ...eachHostile().filter(([, value]) => typeof value !== 'string'),
      ['a path in a folder that does not exist', join(folder, 'missing', 'complaints.db')],
      ['a path with a NUL', join(folder, 'complaints.db\0.txt')],
      ['a folder', folder],
      ['a file that is not a database', notADatabase],
      ['a path of a megabyte', join(folder, 'x'.repeat(1_000_000))],
      ['a closed Database', closed],
      ['an object with prepare and pragma that throws', { prepare() {}, pragma() { throw new Error('pragma'); } }],
      ['an object with prepare and pragma', { prepare() {}, pragma() {} }],
      ['a Proxy whose traps throw', new Proxy({}, { get() { throw new Error('trap'); }, has() { throw new Error('trap'); } })],
    ];
    for (const [label, database] of refused) {
      let store: AnyStore | undefined;
      try {
        store = createSqliteStore(database as string);
      } catch (error) {
        expectTyped(error, `createSqliteStore(${label})`);
        continue;
      }
      opened.push(store);
      throw new Error(`createSqliteStore(${label}) made a store`);
    }
    // Nothing was created at the path cut short at the NUL: the path was refused.
    expect(existsSync(join(folder, 'complaints.db'))).toBe(false);
  });

  it('refuses a busy timeout SQLite cannot take', () => {
    for (const busyTimeout of [-1, 1.5, 2 ** 31, 1e21, 2 ** 53, Number.NaN, '10' as never]) {
      const error = (() => {
        try {
          opened.push(createSqliteStore(':memory:', { busyTimeout }));
        } catch (caught) {
          return caught;
        }
      })();
      expect(isInvalidInputError(error), String(busyTimeout)).toBe(true);
    }
    opened.push(createSqliteStore(':memory:', { busyTimeout: 2 ** 31 - 1 }));
  });

  it('answers a store used after close() with a typed error', async () => {
    const file = join(tempFolder(), 'complaints.db');
    const store = createSqliteStore(file);
    await store.migrate();
    await store.append(ID, receiveAs(ID));
    await store.close();
    for (const [label, call] of [
      ['load', () => store.load(ID)],
      ['append', () => store.append(ID, tick('2025-01-07T09:00:00Z'))],
      ['migrate', () => store.migrate()],
      ['workQueue', () => store.workQueue({ now: '2025-01-07' })],
      ['records', () => collect(store.records())],
      ['importLog', () => store.importLog([])],
      ['rebuild', () => store.rebuild({ workers: 1 })],
      ['close again', () => store.close()],
    ] as [string, () => Promise<unknown>][]) {
      await settle(call, `${label} after close`);
    }
    const again = createSqliteStore(file);
    opened.push(again);
    expect((await again.load(ID)).sequence).toBe(1);
  });

  it('never starts more rebuild threads than the machine has cores (two at least), whatever it is asked for', async () => {
    const store = createSqliteStore(':memory:');
    opened.push(store);
    await store.migrate();
    await store.append(ID, receiveAs(ID));
    const summary = await store.rebuild({ workers: 1024 });
    expect(summary).toMatchObject({ complaints: 1, failed: [] });
    expect(summary.workers).toBeLessThanOrEqual(Math.max(2, availableParallelism()));
  });
});

describe('the PostgreSQL store, given hostile connections and schemas', () => {
  it('refuses a connection it cannot use, read once, with typed errors', async () => {
    let reads = 0;
    const connections: [string, unknown][] = [
      ...eachHostile(),
      ['a Proxy whose traps throw', new Proxy({}, { get() { throw new Error('trap'); }, has() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } })],
      ['a client getter that throws', { get client(): unknown { throw new Error('getter'); } }],
      ['a client without query', { client: {} }],
      ['a pool without connect', { pool: { query() {} } }],
      ['a client of the wrong shape beside a pool', { client: 5, pool: { connect() {} } }],
    ];
    for (const [label, connection] of connections) {
      try {
        createPostgresStore(connection as never, { schema: `hostile_${++schemas}` });
      } catch (error) {
        expectTyped(error, `createPostgresStore(${label})`);
        continue;
      }
      if (label !== 'a client of the wrong shape beside a pool') throw new Error(`createPostgresStore(${label}) made a store`);
    }
    // A getter that gives the client once: the store keeps what it read.
    const flipping = {
      get client() {
        return reads++ === 0 ? client : {};
      },
    };
    const store = createPostgresStore(flipping as never, { schema: `hostile_${++schemas}` });
    await store.migrate();
    expect((await store.append(ID, receiveAs(ID))).sequence).toBe(1);
    expect(reads).toBe(1);
  });

  it('refuses a schema that is not a plain name of its own: injections, quotes, system schemas', async () => {
    for (const schema of [
      'public; DROP TABLE x',
      'a"b',
      "a'b",
      'a b',
      'A',
      '',
      'x'.repeat(64),
      '1abc',
      'pg_catalog',
      'pg_temp',
      'pg_x',
      'information_schema',
      'a\0b',
      'ä',
      'public--',
      5,
      null,
      ['public'],
      new String('public'),
    ]) {
      let error: unknown;
      try {
        createPostgresStore({ client }, { schema: schema as string });
      } catch (caught) {
        error = caught;
      }
      expect(isInvalidInputError(error), String(schema)).toBe(true);
    }
  });

  it('refuses a store call from a hook of another store on the same client: they share its one connection', async () => {
    const other = createPostgresStore({ client }, { schema: `hostile_${++schemas}` });
    await other.migrate();
    const store = createPostgresStore({ client }, { schema: `hostile_${++schemas}`, onDeadlines: async () => void (await other.append('C-OTHER', receiveAs('C-OTHER'))) });
    await store.migrate();
    await expect(store.append(ID, receiveAs(ID))).rejects.toSatisfy(isInvalidInputError);
    expect(await collect(other.complaints())).toEqual([]);
    expect(await collect(store.complaints())).toEqual([]);
  });
});
