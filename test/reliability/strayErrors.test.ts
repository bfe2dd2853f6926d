/**
 * The guard of test/support/noStrayErrors.ts is in place: an actor's unobserved error, which XState
 * rethrows from a timer, would reach it. (Observed here, so this test itself leaves nothing behind.)
 */
import { createActor, createMachine } from 'xstate';
import { expect, it } from 'vitest';

it('registers listeners for uncaught exceptions and unhandled rejections', () => {
  expect(process.listenerCount('uncaughtException')).toBeGreaterThan(0);
  expect(process.listenerCount('unhandledRejection')).toBeGreaterThan(0);
});

it('sees an actor error that XState would otherwise rethrow from a timer', async () => {
  const failing = createMachine({ entry: () => { throw new Error('from an action'); } });
  const seen: unknown[] = [];
  const actor = createActor(failing);
  actor.subscribe({ error: (error) => seen.push(error) });
  actor.start();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(actor.getSnapshot().status).toBe('error');
  expect(seen).toHaveLength(1);
});
