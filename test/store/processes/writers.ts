/**
 * Starts `writer.ts` as child processes (`node --import tsx`, from the repository's root) and reads
 * what they print: one JSON line per append that returned.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ComplaintEvent } from '../../../src/machine/index.js';
import type { Reason } from '../../../src/machine/rules.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const WRITER = 'test/store/processes/writer.ts';

/** An append that returned, as the writer printed it. */
export interface Answer {
  readonly outcome: 'accepted' | 'refused';
  readonly complaintId: string;
  readonly sequence: number;
  readonly key: string;
  readonly event: ComplaintEvent;
  readonly reasons?: readonly Reason[];
}

/** A line of a writer's output; `unparsed` is a line cut short by a kill. */
export type Line = Answer | { readonly outcome: 'conflict'; readonly complaintId: string; readonly key: string; readonly message: string } | { readonly barrier: string } | { readonly done: true } | { readonly unparsed: string };

export const isAnswer = (line: Line): line is Answer => 'outcome' in line && line.outcome !== 'conflict';
export const isAccepted = (line: Line): line is Answer => isAnswer(line) && line.outcome === 'accepted';

/** A running writer process. */
export interface Writer {
  readonly name: string;
  /** Every line printed so far. */
  readonly lines: readonly Line[];
  /** Resolves when the process has ended and its output is read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it printed on stderr. */
  stderr(): string;
  /** Calls `listener` with each line from now on. */
  onLine(listener: (line: Line) => void): void;
  /** Writes a line to its stdin. */
  send(line: string): void;
  /** Resolves with the lines once `enough(lines)` holds; rejects when the writer ends first. */
  until(enough: (lines: readonly Line[]) => boolean): Promise<readonly Line[]>;
  /** SIGKILL, unless it has ended. */
  kill(): void;
}

/** Starts a writer with these arguments (see writer.ts). */
export function startWriter(name: string, args: readonly string[]): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  const listeners: ((line: Line) => void)[] = [];
  let stderr = '';
  let ended = false;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A write to a writer that has just died is lost, and must not be an uncaught error.
  child.stdin.on('error', () => undefined);
  const output = createInterface({ input: child.stdout });
  output.on('line', (text) => {
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      line = { unparsed: text };
    }
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  const outputClosed = new Promise<void>((resolve) => output.on('close', resolve));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      stderr += `\ncould not start: ${error.message}`;
      resolve({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => {
      void outputClosed.then(() => {
        ended = true;
        resolve({ code, signal });
      });
    });
  });
  return {
    name,
    lines,
    exited,
    stderr: () => stderr,
    onLine: (listener) => void listeners.push(listener),
    send: (line) => {
      if (!ended && child.stdin.writable) child.stdin.write(`${line}\n`);
    },
    until: (enough) =>
      new Promise((resolve, reject) => {
        if (enough(lines)) return resolve(lines);
        listeners.push(() => {
          if (enough(lines)) resolve(lines);
        });
        void exited.then(({ code, signal }) => reject(new Error(`${name} ended (${code ?? signal}) before it printed what was awaited:\n${stderr}`)));
      }),
    kill: () => {
      if (!ended && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Runs writers of the contested plan to their end: when all of them wait at a barrier (the same
 * one), each is told to go on. Rejects, with its stderr, when one fails or ends without finishing.
 */
export function runTogether(writers: readonly Writer[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const arrived = new Map<Writer, string>();
    let running = writers.length;
    for (const writer of writers) {
      writer.onLine((line) => {
        if (!('barrier' in line)) return;
        arrived.set(writer, line.barrier);
        if (arrived.size < writers.length) return;
        const barriers = new Set(arrived.values());
        arrived.clear();
        if (barriers.size !== 1) return reject(new Error(`the writers wait at different barriers: ${[...barriers].join(', ')}`));
        for (const each of writers) each.send('go');
      });
      void writer.exited.then(({ code, signal }) => {
        const done = writer.lines.some((line) => 'done' in line);
        if (code !== 0 || !done) return reject(new Error(`${writer.name} ended (${code ?? signal}) without finishing its plan:\n${writer.stderr()}`));
        if (--running === 0) resolve();
      });
    }
  });
}
