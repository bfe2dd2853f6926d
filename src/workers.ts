/**
 * @internal Worker threads that run a module of this library (Node only). A module that is its own
 * worker checks `workerData.role` at its top level and serves when it is loaded on a worker thread.
 */
import { Worker } from 'node:worker_threads';

/**
 * @internal A worker running the module at `self`. From the built `.js`, the module itself; from the TypeScript
 * sources (tests, `tsx`), a bootstrap that registers tsx first: Node 20 workers do not inherit the
 * parent's module hooks, nor take them from `execArgv`.
 */
export function workerOf(self: URL, data: unknown): Worker {
  if (!/\.[cm]?ts$/.test(self.pathname)) return new Worker(self, { workerData: data });
  // tsx's ES module API, found from here (the bare name would be looked up from the working directory).
  const tsx = typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

