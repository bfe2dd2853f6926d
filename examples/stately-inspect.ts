/**
 * `npm run example:inspect`: watch a live complaint in Stately's inspector while developing.
 *
 * Starts @statelyai/inspect's relay server on http://localhost:8080 (it opens the inspector in your
 * browser), connects an actor of the complaint machine to it, and sends it the example lifecycle
 * (examples/lifecycle.ts) one event a second, so each transition can be watched, the refused one
 * included. What is sent to the inspector is sanitised: no free text leaves the process, only
 * dates, codes, numbers and the record's structure. `--no-open` does not open a browser; `--fast` sends every event at once
 * and stops; `--port N` picks another port. @statelyai/inspect is a dev dependency only: nothing in
 * the library needs it.
 */
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { createActor } from 'xstate';
import { createComplaintMachine, sendEvent, type ComplaintEvent } from 'housing-complaints/machine';
import { lifecycle } from './lifecycle.js';

/**
 * The keys whose values the inspector may see when they are codes (no spaces: `partly-upheld`,
 * `s1-remedy-1`, `C-2024-0142`): the shape of the complaint, never its words.
 */
const CODE_KEYS = new Set(['type', 'id', 'complaintId', 'pointId', 'kind', 'region', 'channel', 'raisedBy', 'tenure', 'serviceArea', 'category', 'decision', 'reason', 'finding', 'deadline', 'provision', 'fingerprint', 'calendar', 'stage']);
const CODE = /^[\w.:-]{1,64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/**
 * A copy of `value` with every piece of text hidden but dates and the codes of {@link CODE_KEYS};
 * numbers, booleans and the structure are kept. It never throws: what cannot be read (a throwing
 * getter, a revoked Proxy) is `'(unreadable)'`.
 */
export function redact(value: unknown, key = '', depth = 0): unknown {
  try {
    if (typeof value === 'string') return DATE.test(value) || (CODE_KEYS.has(key) && CODE.test(value)) ? value : '(hidden)';
    if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
    if (depth > 12) return '(too deep)';
    if (Array.isArray(value)) return value.map((item) => redact(item, key, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, depth + 1)]));
  } catch {
    return '(unreadable)';
  }
}

/**
 * What the inspector may see of a complaint's context, which it sends to a page hosted by Stately.
 * The machine keeps no name or address (a letter is given the resident only when it is rendered),
 * but its free text can be personal (the summary, the complaint's points, reasons, handlers'
 * names, letters): only dates, codes, numbers and the structure are sent.
 */
export function sanitizeContext<T>(context: T): T {
  return redact(context) as T;
}

/** The same for each event: its type, instant and codes, never its words or its letter's text. */
export function sanitizeEvent<T>(event: T): T {
  return redact(event) as T;
}

export interface InspectOptions {
  /** The relay's port (default 8080). */
  port?: number;
  /** Open the inspector in the default browser (default true). */
  open?: boolean;
  /** Milliseconds between events (default 1000). */
  pause?: number;
  /** The events to send (default the example lifecycle). */
  events?: readonly ComplaintEvent[];
  /** Told of each event as it is sent. */
  onEvent?: (event: ComplaintEvent, accepted: boolean, provision?: string) => void;
}

/** Runs the lifecycle through an inspected actor; resolves when every event is sent. Call `stop()` after. */
export async function inspectLifecycle(options: InspectOptions = {}): Promise<{ stop(): void }> {
  const port = options.port ?? 8080;
  const server = createInspectorServer({ port, autoOpen: options.open ?? true });
  const inspector = createWebSocketInspector({ url: `ws://localhost:${port}`, sanitizeContext, sanitizeEvent });
  const actor = createActor(createComplaintMachine(), { inspect: inspector.inspect }).start();
  for (const event of options.events ?? lifecycle) {
    const result = sendEvent(actor, event);
    options.onEvent?.(event, result.accepted, result.reasons[0]?.provision);
    await new Promise((resolve) => setTimeout(resolve, options.pause ?? 1000));
  }
  return {
    stop() {
      actor.stop();
      inspector.stop();
      server.stop();
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const args = process.argv.slice(2);
  const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 8080;
  const fast = args.includes('--fast');
  console.log(`Inspector relay on http://localhost:${port} (open it if no browser opens).`);
  const session = await inspectLifecycle({
    port,
    open: !args.includes('--no-open') && !fast,
    pause: fast ? 0 : 1000,
    onEvent: (event, accepted, provision) => console.log(`${event.at}  ${event.type.padEnd(22)} ${accepted ? 'accepted' : `refused (${provision})`}`),
  });
  if (fast) session.stop();
  else console.log('Every event sent. Ctrl+C to stop.');
}
