/**
 * Reading and writing for the command line: logs read line by line as a stream (never a whole file
 * in memory), output written with back-pressure, progress shown only on a terminal.
 */
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { InputFileError } from './errors.js';

/** Where a command writes: its output, and its messages. */
export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Standard input, for the file `-`. */
  readonly stdin: Readable;
}

/** A stream to write text to, waiting when it is full. */
export class Output {
  private closed = false;
  constructor(readonly stream: Writable & { isTTY?: boolean }) {
    // A reader that goes away (`| head`) is not an error: there is nobody left to write to.
    stream.on('error', () => {
      this.closed = true;
    });
  }
  /** Whether it is a terminal. */
  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }
  /** Whether the reader has gone (or the stream failed). */
  get gone(): boolean {
    return this.closed;
  }
  /** Writes `text`, and waits while the stream is full. */
  async write(text: string): Promise<void> {
    if (this.closed || text === '') return;
    if (this.stream.write(text)) return;
    // Full: wait until it drains, or closes or fails (EPIPE: the reader has gone), whichever is first.
    const stream = this.stream;
    await new Promise<void>((resolve) => {
      const settle = () => {
        stream.off('drain', settle);
        stream.off('close', settle);
        stream.off('error', settle);
        resolve();
      };
      stream.on('drain', settle);
      stream.on('close', settle);
      stream.on('error', settle);
    });
  }
  /** Writes `text` and a line end. */
  line(text = ''): Promise<void> {
    return this.write(`${text}\n`);
  }
}

/** What a path names: a file to read, or `-` for standard input. */
export function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

/**
 * Opens a file for reading, or standard input for `-`, checking first that it can be read.
 * @throws {@link InputFileError} when it cannot (exit code 3)
 */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === '-') return stdin;
  let handle;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (error) {
    await handle?.close();
    throw new InputFileError(path, (error as NodeJS.ErrnoException).code);
  }
  return handle.createReadStream({ highWaterMark: 1 << 16 });
}

/** The lines of a stream, one at a time, without their line ends (LF or CRLF) or a byte order mark. */
export function linesOf(input: Readable): AsyncIterable<string> & { close(): void } {
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  async function* lines(): AsyncGenerator<string> {
    let first = true;
    for await (const line of reader) {
      yield first && line.startsWith('\uFEFF') ? line.slice(1) : line;
      first = false;
    }
  }
  return Object.assign(lines(), { close: () => reader.close() });
}

/** Reads a whole small file (a letter, an evidence file), as text. @throws {@link InputFileError} */
export async function readSmallFile(path: string, stdin: Readable): Promise<string> {
  const input = await openInput(path, stdin);
  input.setEncoding('utf8');
  let text = '';
  for await (const chunk of input) text += chunk as string;
  return text;
}

/**
 * Progress on a terminal, for inputs that take more than a couple of seconds: `lines read,
 * complaints` on one line of standard error, rewritten in place, cleared at the end. Nothing at
 * all when standard error is not a terminal (piped or redirected).
 */
export class Progress {
  private readonly started = Date.now();
  private shownAt = 0;
  private shown = false;
  constructor(
    private readonly stderr: Output,
    private readonly label: string,
    private readonly after = 2000,
  ) {}

  /** Shows how far it has got, at most four times a second. */
  update(progress: { lines: number; complaints?: number }): void {
    if (!this.stderr.isTTY) return;
    const now = Date.now();
    if (now - this.started < this.after || now - this.shownAt < 250) return;
    this.shownAt = now;
    this.shown = true;
    const complaints = progress.complaints === undefined ? '' : `, ${progress.complaints.toLocaleString('en-GB')} complaints`;
    this.stderr.stream.write(`\r\x1b[K${this.label}: ${progress.lines.toLocaleString('en-GB')} lines read${complaints}`);
  }

  /** Clears the progress line, if one was shown. */
  done(): void {
    if (this.shown) this.stderr.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/**
 * The first non-blank line of `lines`, and all the lines again from the start (the first ones
 * kept, the rest still read as they come), so a command can look before it reads.
 */
export async function peekFirst(lines: AsyncIterable<string>): Promise<{ first: string | undefined; lines: AsyncIterable<string> }> {
  const iterator = lines[Symbol.asyncIterator]();
  const seen: string[] = [];
  let first: string | undefined;
  let ended = false;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    seen.push(next.value);
    if (next.value.trim() !== '') first = next.value;
  }
  async function* again(): AsyncGenerator<string> {
    yield* seen;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { first, lines: again() };
}
