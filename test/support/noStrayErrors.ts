/**
 * Set up before every test file: no test may leave an uncaught exception or an unhandled
 * rejection behind (XState, for one, rethrows an actor's unobserved error from a timer). Each is
 * collected, and the test during which it surfaced fails, naming it.
 */
import { afterEach, expect } from 'vitest';

const stray: string[] = [];
const collect = (kind: string) => (error: unknown) => stray.push(`${kind}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
process.on('uncaughtException', collect('uncaught exception'));
process.on('unhandledRejection', collect('unhandled rejection'));

afterEach(async () => {
  // Let anything a test scheduled (a timer's rethrow) surface before looking.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const found = stray.splice(0);
  expect(found, 'an uncaught exception or unhandled rejection was left behind').toEqual([]);
});
