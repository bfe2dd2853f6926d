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
import { inspectLifecycle } from '../../examples/stately-inspect.js';
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
    const summary = (lifecycle[0] as { complaint: { summary: string } }).complaint.summary;
    expect(text).not.toContain(summary);
    // Nor any letter's text: the stage 1 response's reasons are not sent, in events or snapshots.
    const response = lifecycle.find((e) => e.type === 'RESPOND') as { letter: { findings: { reasons: string }[] } };
    expect(text).not.toContain(response.letter.findings[0]!.reasons.slice(0, 40));
    const last = messages.filter((m) => m.type === '@xstate.snapshot').at(-1)!.snapshot!;
    expect(last.value).toEqual(expected.snapshot.value);
    expect(last.context!.complaint!.summary).toBe('(hidden)');
    expect(last.context!.letters!.length).toBe(expected.snapshot.context.letters.length);
    expect(Object.keys(last.context!.letters![0] as object).sort()).toEqual(['kind', 'sentOn']);
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
