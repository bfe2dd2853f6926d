/**
 * Replays a JSONL event log of many complaints, interleaved, on worker threads: the reading thread
 * routes each complaint's lines by a hash of its id to one worker, which keeps one snapshot per
 * complaint and applies each event with `step`. At the end of the log each worker hands back its
 * complaints in batches, in the order they first appeared, and the reading thread merges them, so
 * the output is the same for any number of workers. Memory does not grow with the log beyond a
 * compact state per complaint: the threads keep the snapshots of the 20,000 most recently used
 * complaints (about 6 KB each) and pack the others (about 1 KB each); a few batches of lines are
 * in flight. See docs/cli.md.
 *
 * Node only (`node:worker_threads`): not part of the browser-safe `housing-complaints/reporting`.
 * This module is its own worker: loaded on a worker thread with its role in `workerData`, it serves
 * the reading thread instead, so it works from the TypeScript sources (under tsx) and from a
 * bundle, with no separate worker entry to find. Workers start on the file this code is in
 * (`import.meta.url`): a bundle must evaluate this module when that file is loaded on a worker
 * thread (src/cli/main.ts imports it there, since its commands are loaded lazily).
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { InvalidInputError, readOptions } from '../errors.js';
import { workerOf } from '../workers.js';
import { isMalformedEventError, parseEvent, type ComplaintEvent } from '../machine/events.js';
import { createComplaintMachine, type ComplaintMachine, type ComplaintSnapshot } from '../machine/machine.js';
import { replay } from '../machine/replay.js';
import type { Reason } from '../machine/rules.js';
import { step } from '../machine/step.js';
import { describeComplaint, type ComplaintView } from '../machine/views.js';
import type { Policy } from '../policy/schema.js';
import { toRecord, type ComplaintRecord } from './record.js';

/** Options of {@link replayLog}. */
export interface ReplayLogOptions {
  /** The landlord's policy (default: the Code 2024). */
  readonly policy?: Policy;
  /** Make the Code the floor (default `true`), as `createComplaintMachine` does. */
  readonly enforceCode?: boolean;
  /** Worker threads to replay on (default `os.availableParallelism()`); `1` replays on the calling thread, with no worker. */
  readonly workers?: number;
  /** Lines sent to a worker in one message (default 1,000). */
  readonly batchLines?: number;
  /**
   * Complaint snapshots kept ready, shared out between the threads (default 20,000, about 6 KB
   * each): the complaints least recently used beyond them are packed, about 1 KB each, and rebuilt
   * if another of their events comes. A log in time order rarely needs one rebuilt.
   */
  readonly liveSnapshots?: number;
  /** Called as the log is read (about every batch), and once at its end: lines read and complaints seen so far. */
  readonly onProgress?: (progress: ReplayLogProgress) => void;
}

/** How far {@link replayLog} has read. */
export interface ReplayLogProgress {
  /** Lines read. */
  readonly lines: number;
  /** Complaints seen (as far as the workers have reported). */
  readonly complaints: number;
}

/** An event the machine refused: where it is in the log, and the machine's reasons. */
export interface RefusedLogEvent {
  /** Its line number in the log, from 1. */
  readonly line: number;
  /** Its type. */
  readonly type: string;
  /** Its instant. */
  readonly at: string;
  /** Why it was refused, each with its provision where there is one. */
  readonly reasons: readonly Reason[];
}

/** One complaint of the log, replayed. */
export interface ReplayedComplaint {
  /** What this item is. */
  readonly kind: 'complaint';
  /** The complaint's id, as the log's lines give it. */
  readonly complaintId: string;
  /** The line its first event is on: the order of the results. */
  readonly firstLine: number;
  /** Its events read (accepted and refused; not the bad lines). */
  readonly events: number;
  /** Its events the machine accepted. */
  readonly accepted: number;
  /** Where it is: `'new'` when no RECEIVE was accepted. */
  readonly stage: ComplaintView['stage'];
  /** The step within the stage. */
  readonly status: string;
  /** The current stage's deadlines. */
  readonly deadlines: ComplaintView['deadlines'];
  /** Every deadline still open. */
  readonly openDeadlines: ComplaintView['openDeadlines'];
  /** Open deadlines passed at its last event. */
  readonly overdue: readonly string[];
  /** The refused events, in order: the first 100. */
  readonly refused: readonly RefusedLogEvent[];
  /** How many of its events were refused in all. */
  readonly refusedCount: number;
  /** Its anonymous record (`toRecord`), once it has been received. */
  readonly record?: ComplaintRecord;
}

/** A line that is not a complaint event: not JSON, without a `complaintId`, or malformed (`parseEvent`). It was skipped. */
export interface BadLogLine {
  /** What this item is. */
  readonly kind: 'bad-line';
  /** Its line number, from 1. */
  readonly line: number;
  /** What is wrong with it. */
  readonly message: string;
  /** The complaint it names, when it names one. */
  readonly complaintId?: string;
}

/** What {@link replayLog} yields: bad lines as they are found, then each complaint. */
export type ReplayLogItem = ReplayedComplaint | BadLogLine;

const ROLE = 'housing-complaints/replayLog';
/** Complaint snapshots kept live, in all threads together (about 6 KB each); the rest are packed (about 1 KB each). */
const LIVE_SNAPSHOTS = 20_000;
const MAX_REFUSED_KEPT = 100;
const RESULT_BATCH = 500;
const IN_FLIGHT = 4;

/** What each thread replays with: the machine's options, and how many snapshots it keeps live. */
interface ThreadOptions {
  readonly policy?: Policy;
  readonly enforceCode?: boolean;
  readonly liveSnapshots?: number;
}

/** What a thread keeps per complaint: its snapshot, live or packed (see {@link LogReplayer}). */
interface ComplaintState {
  readonly id: string;
  /** The snapshot, while the complaint is among the recently used ones. */
  snapshot: ComplaintSnapshot | undefined;
  /** Otherwise, its state and context as deflated JSON (about a third of the JSON, off the JS heap). */
  packed: Uint8Array | undefined;
  readonly firstLine: number;
  events: number;
  accepted: number;
  refusedCount: number;
  readonly refused: RefusedLogEvent[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 100) : '?');

/**
 * @internal The replay of one share of the log: one snapshot per complaint, each event applied
 * with `step`. The `liveSnapshots` most recently used complaints keep their snapshot as it is;
 * the others are packed (their state and context as deflated JSON, about 1 KB) and rebuilt with
 * `machine.resolveState` when their next event comes. A log is in time order, so the complaints
 * packed are mostly closed ones, and few are rebuilt.
 */
export class LogReplayer {
  private readonly machine: ComplaintMachine;
  private readonly initial: ComplaintSnapshot;
  /** Every complaint, in the order of its first line. */
  private readonly states = new Map<string, ComplaintState>();
  /** The complaints with a live snapshot, least recently used first. */
  private readonly live = new Map<string, ComplaintState>();
  private readonly liveSnapshots: number;
  /** How many snapshots were packed, and rebuilt. */
  readonly packing = { packed: 0, rebuilt: 0 };

  constructor(options: ThreadOptions) {
    this.machine = createComplaintMachine({ ...(options.policy ? { policy: options.policy } : {}), ...(options.enforceCode !== undefined ? { enforceCode: options.enforceCode } : {}) });
    this.initial = replay(this.machine, []).snapshot;
    this.liveSnapshots = options.liveSnapshots ?? LIVE_SNAPSHOTS;
  }

  /** Complaints held. */
  get size(): number {
    return this.states.size;
  }

  /** The complaint's snapshot, rebuilt if it was packed; it becomes the most recently used. */
  private snapshotOf(state: ComplaintState): ComplaintSnapshot {
    let snapshot = state.snapshot;
    if (snapshot) {
      this.live.delete(state.id);
    } else if (state.packed) {
      const { value, context } = JSON.parse(inflateRawSync(state.packed).toString('utf8')) as Pick<ComplaintSnapshot, 'value' | 'context'>;
      snapshot = this.machine.resolveState({ value, context }) as ComplaintSnapshot;
      state.packed = undefined;
      this.packing.rebuilt++;
    } else snapshot = this.initial;
    state.snapshot = snapshot;
    this.live.set(state.id, state);
    return snapshot;
  }

  /** Packs the least recently used snapshots beyond `liveSnapshots`. */
  private packIdle(): void {
    for (const [id, state] of this.live) {
      if (this.live.size <= this.liveSnapshots) return;
      this.live.delete(id);
      const snapshot = state.snapshot;
      state.snapshot = undefined;
      // A complaint never received has nothing to keep: it starts again from the machine's first snapshot.
      if (!snapshot || snapshot === this.initial) continue;
      // Copied to a buffer of its own size: zlib's result is a view of a 16 KB chunk.
      state.packed = new Uint8Array(deflateRawSync(JSON.stringify({ value: snapshot.value, context: snapshot.context }), { level: 1 }));
      this.packing.packed++;
    }
  }

  /**
   * Applies one line of the log, routed here as complaint `routed` (or, when `undefined`, whatever
   * complaint it names). Returns what is wrong with it, when it is not a complaint event.
   */
  apply(line: number, source: string, routed?: string): BadLogLine | undefined {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      return { kind: 'bad-line', line, message: `not valid JSON (${(error as Error).message})` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'bad-line', line, message: 'not a JSON object' };
    const { complaintId, ...event } = value as { complaintId?: unknown } & Record<string, unknown>;
    if (typeof complaintId !== 'string' || complaintId.trim() === '') return { kind: 'bad-line', line, message: 'no complaintId: each line needs the id of its complaint as a string, "complaintId"' };
    if (routed !== undefined && complaintId !== routed) return { kind: 'bad-line', line, complaintId, message: 'complaintId is given more than once' };
    const complaint = event.type === 'RECEIVE' && typeof event.complaint === 'object' && event.complaint !== null ? (event.complaint as { id?: unknown }) : undefined;
    if (complaint && typeof complaint.id === 'string' && complaint.id !== complaintId) {
      return { kind: 'bad-line', line, complaintId, message: `the RECEIVE is for complaint '${text(complaint.id)}', but the line's complaintId is '${text(complaintId)}'` };
    }
    const known = this.states.get(complaintId);
    const before = known ? this.snapshotOf(known) : this.initial;
    const result = step(this.machine, before, event as ComplaintEvent);
    if (!result.accepted) {
      // A refused event may be one that cannot be read at all: that is a bad line, not a refusal.
      try {
        parseEvent(event);
      } catch (error) {
        if (isMalformedEventError(error)) return { kind: 'bad-line', line, complaintId, message: error.message.replace(/\.$/, '') };
        throw error;
      }
    }
    const state: ComplaintState = known ?? { id: complaintId, snapshot: before, packed: undefined, firstLine: line, events: 0, accepted: 0, refusedCount: 0, refused: [] };
    if (!known) {
      this.states.set(complaintId, state);
      this.live.set(complaintId, state);
    }
    if (this.live.size > this.liveSnapshots) this.packIdle();
    state.events++;
    if (result.accepted) {
      state.snapshot = result.snapshot;
      state.accepted++;
    } else {
      state.refusedCount++;
      if (state.refused.length < MAX_REFUSED_KEPT) state.refused.push({ line, type: text(event.type), at: text(event.at), reasons: result.reasons.map((r) => ({ ...r })) });
    }
    return undefined;
  }

  /** Each complaint's result, in the order they first appeared; each is let go as it is handed out. */
  *drain(): Generator<ReplayedComplaint> {
    for (const [complaintId, state] of this.states) {
      const snapshot = this.snapshotOf(state);
      this.states.delete(complaintId);
      this.live.delete(complaintId);
      const view = describeComplaint(snapshot);
      const record = toRecord(snapshot);
      yield {
        kind: 'complaint',
        complaintId,
        firstLine: state.firstLine,
        events: state.events,
        accepted: state.accepted,
        stage: view.stage,
        status: view.status,
        deadlines: view.deadlines,
        openDeadlines: view.openDeadlines,
        overdue: view.overdue,
        refused: state.refused,
        refusedCount: state.refusedCount,
        ...(record ? { record } : {}),
      };
    }
  }
}

/**
 * The complaintId of a line, to route it by: read cheaply when it comes first (as in the logs this
 * library writes; the worker checks it when it parses the line), else from the parsed line; or why
 * the line cannot be routed.
 */
function routeOf(source: string): { id: string } | { error: string } {
  const PREFIX = '{"complaintId":"';
  if (source.startsWith(PREFIX)) {
    const end = source.indexOf('"', PREFIX.length);
    const id = source.slice(PREFIX.length, end);
    if (end > PREFIX.length && !id.includes('\\')) return { id };
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
  const id = (value as { complaintId?: unknown }).complaintId;
  if (typeof id !== 'string' || id.trim() === '') return { error: 'no complaintId: each line needs the id of its complaint as a string, "complaintId"' };
  return { id };
}

/** FNV-1a: the worker a complaint's lines go to. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type ToWorker = { t: 'lines'; lines: number[]; sources: string[]; ids: string[] } | { t: 'pull' };
type FromWorker = { t: 'ack'; bad: BadLogLine[]; complaints: number } | { t: 'results'; results: ReplayedComplaint[]; done: boolean };

function readReplayOptions(options: unknown): Required<Pick<ReplayLogOptions, 'workers' | 'batchLines'>> & ReplayLogOptions {
  const read = readOptions(options, ['policy', 'enforceCode', 'workers', 'batchLines', 'liveSnapshots', 'onProgress'] as const);
  const workers = read.workers ?? availableParallelism();
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 1 || workers > 256) throw new InvalidInputError('options.workers', read.workers, 'a whole number of worker threads from 1 to 256');
  const batchLines = read.batchLines ?? 1000;
  if (typeof batchLines !== 'number' || !Number.isInteger(batchLines) || batchLines < 1) throw new InvalidInputError('options.batchLines', read.batchLines, 'a whole number of lines, 1 or more');
  if (read.liveSnapshots !== undefined && (typeof read.liveSnapshots !== 'number' || !Number.isInteger(read.liveSnapshots) || read.liveSnapshots < 1)) {
    throw new InvalidInputError('options.liveSnapshots', read.liveSnapshots, 'a whole number of snapshots, 1 or more');
  }
  if (read.enforceCode !== undefined && typeof read.enforceCode !== 'boolean') throw new InvalidInputError('options.enforceCode', read.enforceCode, 'true or false');
  if (read.onProgress !== undefined && typeof read.onProgress !== 'function') throw new InvalidInputError('options.onProgress', read.onProgress, 'a function');
  return { ...(read as ReplayLogOptions), workers, batchLines };
}

/**
 * Replays a JSONL event log of interleaved complaints: each line one complaint event with its
 * `complaintId`, each complaint's events in time order. Yields every bad line as it is found (not
 * JSON, no `complaintId`, a malformed event, a RECEIVE for another complaint: each skipped), then
 * each complaint, in the order of its first line: its state, deadlines, refused events with the
 * machine's reasons, and its record.
 *
 * Reads `lines` once, as they come (pass a `readline` interface over `fs.createReadStream`), and
 * keeps one snapshot per complaint on `workers` threads (default: one per core). Node only.
 *
 * @param lines - the log's lines, without their line ends; blank lines are passed over
 * @param options - the policy, `enforceCode`, `workers`, `batchLines`, `liveSnapshots` and `onProgress`
 * @returns an async iterable of {@link ReplayLogItem}
 * @throws {@link InvalidInputError} for bad options
 */
export async function* replayLog(lines: AsyncIterable<string> | Iterable<string>, options: ReplayLogOptions = {}): AsyncGenerator<ReplayLogItem, void, undefined> {
  const read = readReplayOptions(options);
  const machineOptions = { ...(read.policy ? { policy: read.policy } : {}), ...(read.enforceCode !== undefined ? { enforceCode: read.enforceCode } : {}) };
  // Checks the policy on this thread, so a bad one fails here and not in a worker.
  createComplaintMachine(machineOptions);
  const threadOptions: ThreadOptions = { ...machineOptions, liveSnapshots: Math.ceil((read.liveSnapshots ?? LIVE_SNAPSHOTS) / read.workers) };
  if (read.workers === 1) yield* onThisThread(lines, threadOptions, read);
  else yield* onWorkers(lines, threadOptions, read);
}

async function* onThisThread(lines: AsyncIterable<string> | Iterable<string>, threadOptions: ThreadOptions, read: ReturnType<typeof readReplayOptions>): AsyncGenerator<ReplayLogItem> {
  const replayer = new LogReplayer(threadOptions);
  let number = 0;
  for await (const source of lines) {
    number++;
    if (source.trim() === '') continue;
    const bad = replayer.apply(number, source);
    if (bad) yield bad;
    if (number % read.batchLines === 0) read.onProgress?.({ lines: number, complaints: replayer.size });
  }
  read.onProgress?.({ lines: number, complaints: replayer.size });
  yield* replayer.drain();
}

async function* onWorkers(lines: AsyncIterable<string> | Iterable<string>, threadOptions: ThreadOptions, read: ReturnType<typeof readReplayOptions>): AsyncGenerator<ReplayLogItem> {
  const self = thisFile();
  const count = read.workers;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const nextMessage = () => new Promise<void>((resolve) => (wake = resolve));
  const bad: BadLogLine[] = [];
  const inFlight = new Array<number>(count).fill(0);
  const complaints = new Array<number>(count).fill(0);
  // Each worker's results not yet yielded: `items` from `head` on.
  const queues = Array.from({ length: count }, () => ({ items: [] as ReplayedComplaint[], head: 0 }));
  const queued = (index: number) => queues[index]!.items.length - queues[index]!.head;
  const done = new Array<boolean>(count).fill(false);
  const pulling = new Array<boolean>(count).fill(false);
  let finished = false;

  const workers = Array.from({ length: count }, (_, index) => {
    const worker = workerOf(self, { role: ROLE, options: threadOptions });
    worker.on('message', (message: FromWorker) => {
      if (message.t === 'ack') {
        inFlight[index]!--;
        complaints[index] = message.complaints;
        for (const line of message.bad) bad.push(line);
      } else {
        pulling[index] = false;
        const queue = queues[index]!;
        queue.items = [...queue.items.slice(queue.head), ...message.results];
        queue.head = 0;
        done[index] = message.done;
      }
      signal();
    });
    worker.on('error', (error) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
      signal();
    });
    worker.on('exit', (code) => {
      if (!finished) failure ??= new Error(`a replay worker stopped unexpectedly (exit code ${code})`);
      signal();
    });
    return worker;
  });

  const wait = async () => {
    if (failure) throw failure;
    await nextMessage();
    if (failure) throw failure;
  };
  const batches = workers.map(() => ({ lines: [] as number[], sources: [] as string[], ids: [] as string[] }));
  const flush = async (index: number) => {
    const batch = batches[index]!;
    if (batch.lines.length === 0) return;
    while (inFlight[index]! >= IN_FLIGHT) await wait();
    inFlight[index]!++;
    workers[index]!.postMessage({ t: 'lines', ...batch } satisfies ToWorker);
    batches[index] = { lines: [], sources: [], ids: [] };
  };
  const progress = (number: number) => read.onProgress?.({ lines: number, complaints: complaints.reduce((a, b) => a + b, 0) });

  try {
    let number = 0;
    for await (const source of lines) {
      number++;
      if (source.trim() !== '') {
        const route = routeOf(source);
        if ('error' in route) bad.push({ kind: 'bad-line', line: number, message: route.error });
        else {
          const index = hash(route.id) % count;
          const batch = batches[index]!;
          batch.lines.push(number);
          batch.sources.push(source);
          batch.ids.push(route.id);
          if (batch.lines.length >= read.batchLines) {
            await flush(index);
            progress(number);
          }
        }
      }
      while (bad.length > 0) yield bad.shift()!;
      if (failure) throw failure;
    }
    for (let index = 0; index < count; index++) await flush(index);
    while (inFlight.some((n) => n > 0)) {
      await wait();
      while (bad.length > 0) yield bad.shift()!;
    }
    progress(number);

    // The results, merged by first line: each worker's come in that order.
    const pull = (index: number) => {
      if (done[index] || pulling[index]) return;
      pulling[index] = true;
      workers[index]!.postMessage({ t: 'pull' } satisfies ToWorker);
    };
    for (let index = 0; index < count; index++) pull(index);
    for (;;) {
      let ready = true;
      for (let index = 0; index < count; index++) {
        if (queued(index) === 0 && !done[index]) {
          ready = false;
          pull(index);
        } else if (queued(index) < RESULT_BATCH / 2) pull(index);
      }
      if (!ready) {
        await wait();
        continue;
      }
      let next: { items: ReplayedComplaint[]; head: number } | undefined;
      for (const queue of queues) {
        const head = queue.items[queue.head];
        if (head && (!next || head.firstLine < next.items[next.head]!.firstLine)) next = queue;
      }
      if (!next) break;
      yield next.items[next.head++]!;
    }
  } finally {
    finished = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The file this code is in: `import.meta.url`, or in a CommonJS build (which has no `import.meta`) `__filename`. */
function thisFile(): URL {
  const url = (import.meta as { url?: string }).url;
  return url ? new URL(url) : pathToFileURL(__filename);
}

/** On a worker thread: replays the lines routed here, and hands back the results when asked. */
function serve(port: MessagePort, options: ThreadOptions): void {
  const replayer = new LogReplayer(options);
  let results: Generator<ReplayedComplaint> | undefined;
  port.on('message', (message: ToWorker) => {
    if (message.t === 'lines') {
      const bad: BadLogLine[] = [];
      for (let i = 0; i < message.lines.length; i++) {
        const problem = replayer.apply(message.lines[i]!, message.sources[i]!, message.ids[i]);
        if (problem) bad.push(problem);
      }
      port.postMessage({ t: 'ack', bad, complaints: replayer.size } satisfies FromWorker);
    } else {
      results ??= replayer.drain();
      const batch: ReplayedComplaint[] = [];
      let done = false;
      while (batch.length < RESULT_BATCH) {
        const next = results.next();
        if (next.done) {
          done = true;
          break;
        }
        batch.push(next.value);
      }
      port.postMessage({ t: 'results', results: batch, done } satisfies FromWorker);
    }
  });
}

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === ROLE) {
  serve(parentPort, (workerData as { options: ThreadOptions }).options);
}
