/**
 * examples/stately-inspect.ts (`npm run example:inspect`, the snippet of docs/stately.md): a live
 * actor's events and snapshots reach @statelyai/inspect's relay, which is what the Stately
 * inspector page reads. A WebSocket client stands in for that page (no internet here); the test
 * waits for messages, never for a length of time.
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { inspectLifecycle, sanitizeContext, sanitizeEvent } from '../../examples/stately-inspect.js';
import { lifecycle } from '../../examples/lifecycle.js';
import { createComplaintMachine, replay } from '../../src/machine/index.js';

async function freePort(): Promise<number> {
  const server = createServer().listen(0);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

interface Message {
  type: string;
  event?: { type: string };
  snapshot?: { value?: unknown; context?: { complaint?: { summary?: string }; letters?: unknown[] } };
}

describe('watching a live complaint with @statelyai/inspect', () => {
  it('relays every event the actor receives and its snapshots, with the free text held back', async () => {
    const port = await freePort();
    const sent: string[] = [];
    const session = await inspectLifecycle({ port, open: false, pause: 0, onEvent: (event, accepted) => sent.push(`${event.type}:${accepted}`) });
    const page = new WebSocket(`ws://localhost:${port}`);
    const messages: Message[] = [];
    const expected = replay(createComplaintMachine(), lifecycle);
    try {
      await new Promise<void>((resolve, reject) => {
        page.on('error', reject);
        page.on('message', (data) => {
          messages.push(JSON.parse(String(data)) as Message);
          // One snapshot for the start and one for each event sent, refused ones included.
          if (messages.filter((m) => m.type === '@xstate.snapshot').length === lifecycle.length + 1) resolve();
        });
      });
    } finally {
      page.close();
      session.stop();
    }
    expect(sent).toHaveLength(lifecycle.length);
    expect(sent.filter((s) => s.endsWith(':false'))).toEqual(['ACKNOWLEDGE:false']); // the stage 1 handler at stage 2 (6.13)
    const events = messages.filter((m) => m.type === '@xstate.event').map((m) => m.event!.type);
    for (const event of lifecycle) expect(events).toContain(event.type);
    const text = JSON.stringify(messages);
    // No free text of the complaint reaches the relay: not its summary, points, reasons, handlers'
    // names or letters. Every string of the events with a space in it is such text.
    const words = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && value.includes(' ')) words.add(value);
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    collect(lifecycle);
    expect(words.size).toBeGreaterThan(30);
    for (const word of words) expect(text, word).not.toContain(JSON.stringify(word).slice(1, -1));
    const last = messages.filter((m) => m.type === '@xstate.snapshot').at(-1)!.snapshot!;
    expect(last.value).toEqual(expected.snapshot.value);
    // What the inspector needs is there: the codes, dates and structure.
    expect(last.context!.complaint!.summary).toBe('(hidden)');
    expect(last.context!.letters!.map((letter) => (letter as { kind: string }).kind)).toEqual(expected.snapshot.context.letters.map((letter) => letter.kind));
    expect(last.context!.letters!.map((letter) => (letter as { sentOn: string }).sentOn)).toEqual(expected.snapshot.context.letters.map((letter) => letter.sentOn));
    expect(text).toContain(expected.snapshot.context.complaint!.id);
  });

  it('never throws on what it is asked to hide, whatever it is', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const cyclic: Record<string, unknown> = { summary: 'Leak' };
    cyclic.self = cyclic;
    const hostile = [
      null,
      undefined,
      5,
      'Mr B Jones, 1 High Street',
      [1, 'two words', { summary: 'x y' }],
      Object.defineProperty({}, 'complaint', { enumerable: true, get: () => { throw new Error('getter'); } }),
      revoked.proxy,
      new Proxy({}, { ownKeys: () => { throw new Error('trap'); } }),
      { letters: ['not a letter', 7, null] },
      cyclic,
    ];
    for (const value of hostile) {
      const context = sanitizeContext(value);
      const event = sanitizeEvent(value);
      expect(JSON.stringify([context, event])).not.toMatch(/Jones|two words|x y|Leak/);
    }
    expect(sanitizeEvent({ type: 'DECLINE', at: '2025-01-06T09:00:00Z', reason: 'legal-proceedings', explanation: 'My neighbour, Mr Smith' })).toEqual({ type: 'DECLINE', at: '2025-01-06T09:00:00Z', reason: 'legal-proceedings', explanation: '(hidden)' });
  });

  it('serves the page that hosts the Stately inspector', async () => {
    const port = await freePort();
    const session = await inspectLifecycle({ port, open: false, pause: 0, events: [] });
    try {
      const html = await (await fetch(`http://localhost:${port}/`)).text();
      expect(html).toContain('<iframe id="inspector" src="https://stately.ai/inspect">');
      expect(html).toContain(`new WebSocket('ws://localhost:${port}')`);
    } finally {
      session.stop();
    }
  });
});
