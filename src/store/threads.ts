/**
 * @internal A rebuild's replay on worker threads (Node only): each worker makes the store's machine
 * once and replays the batches of complaints' logs it is sent, answering with what to store. This
 * module is its own worker (see `src/workers.ts`).
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import { createComplaintMachine } from '../machine/machine.js';
import type { Policy } from '../policy/schema.js';
import { workerOf } from '../workers.js';
import type { EventRow } from './backend.js';
import { replayStored, type ParallelReplay, type Rebuilt } from './store.js';

const ROLE = 'housing-complaints/store-rebuild';

type Batch = readonly { complaintId: string; events: readonly EventRow[] }[];
type ToWorker = { id: number; batch: Batch };
type FromWorker = { id: number; rebuilt: Rebuilt[] } | { id: number; error: string };

/** The file this code is in: `import.meta.url`, or in a CommonJS build (which has no `import.meta`) `__filename`. */
function thisFile(): URL {
  const url = (import.meta as { url?: string }).url;
  return url ? new URL(url) : pathToFileURL(__filename);
}

/** @internal Starts `workers` threads (0: one per core) and shares batches out between them. */
export const threadedReplay: ParallelReplay = (options, wanted) => {
  const count = wanted === 0 ? Math.max(1, availableParallelism()) : wanted;
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (rebuilt: Rebuilt[]) => void; reject: (error: Error) => void }>();
  const load = new Map<Worker, number>();
  let next = 0;
  const fail = (error: Error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  for (let i = 0; i < count; i++) {
    const worker = workerOf(thisFile(), { role: ROLE, options });
    worker.on('message', (message: FromWorker) => {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      load.set(worker, load.get(worker)! - 1);
      if ('error' in message) pending?.reject(new Error(`A rebuild worker failed: ${message.error}`));
      else pending?.resolve(message.rebuilt);
    });
    worker.on('error', fail);
    load.set(worker, 0);
    workers.push(worker);
  }
  return {
    workers: count,
    replay: (batch) =>
      new Promise<Rebuilt[]>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        // The least busy worker: a batch of long logs does not hold up the others.
        let target = workers[0]!;
        for (const worker of workers) if (load.get(worker)! < load.get(target)!) target = worker;
        load.set(target, load.get(target)! + 1);
        target.postMessage({ id, batch } satisfies ToWorker);
      }),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
};

/** On a worker thread: replays each batch it is sent with one machine. */
function serve(port: MessagePort, options: { policy?: Policy; enforceCode?: boolean }): void {
  const machine = createComplaintMachine(options);
  port.on('message', ({ id, batch }: ToWorker) => {
    try {
      port.postMessage({ id, rebuilt: batch.map(({ complaintId, events }) => replayStored(machine, complaintId, events)) } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
    }
  });
}

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === ROLE) {
  serve(parentPort, (workerData as { options: { policy?: Policy; enforceCode?: boolean } }).options);
}
