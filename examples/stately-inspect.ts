/**
 * `npm run example:inspect`: watch a live complaint in Stately's inspector while developing.
 *
 * Starts @statelyai/inspect's relay server on http://localhost:8080 (it opens the inspector in your
 * browser), connects an actor of the complaint machine to it, and sends it the example lifecycle
 * (examples/lifecycle.ts) one event a second, so each transition can be watched, the refused one
 * included. What is sent to the inspector is sanitised: the complaint's summary and the letters'
 * text stay in the process. `--no-open` does not open a browser; `--fast` sends every event at once
 * and stops; `--port N` picks another port. @statelyai/inspect is a dev dependency only: nothing in
 * the library needs it.
 */
import { createWebSocketInspector } from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { createActor } from 'xstate';
import { createComplaintMachine, sendEvent, type ComplaintEvent } from 'housing-complaints/machine';
import { lifecycle } from './lifecycle.js';

/** A letter as the inspector sees it: its kind and date, not its text. */
const letterHeader = (letter: unknown) => {
  const { kind, sentOn } = (typeof letter === 'object' && letter !== null ? letter : {}) as { kind?: unknown; sentOn?: unknown };
  return { kind, sentOn };
};
const hideSummary = (complaint: unknown) => (typeof complaint === 'object' && complaint !== null ? { ...complaint, summary: '(hidden)' } : complaint);

/**
 * What the inspector may see of a complaint's context. The machine keeps no name or address (a
 * letter is given the resident only when it is rendered), but free text can be personal: the
 * complaint's summary is hidden, and of each letter only its kind and date are sent.
 */
export function sanitizeContext(context: unknown): unknown {
  if (typeof context !== 'object' || context === null) return context;
  const { complaint, letters, ...rest } = context as { complaint?: unknown; letters?: unknown };
  return {
    ...rest,
    ...(complaint === undefined ? {} : { complaint: hideSummary(complaint) }),
    ...(Array.isArray(letters) ? { letters: letters.map(letterHeader) } : {}),
  };
}

/** The same for each event: a RECEIVE's summary is hidden, and a letter sent with an event is reduced to its kind and date. */
export function sanitizeEvent(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const { complaint, letter, ...rest } = event as { complaint?: unknown; letter?: unknown };
  return {
    ...rest,
    ...(complaint === undefined ? {} : { complaint: hideSummary(complaint) }),
    ...(letter === undefined ? {} : { letter: letterHeader(letter) }),
  };
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
  const inspector = createWebSocketInspector({ url: `ws://localhost:${port}`, sanitizeContext: sanitizeContext as never, sanitizeEvent: sanitizeEvent as never });
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
