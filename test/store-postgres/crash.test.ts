/**
 * A process appending to a PostgreSQL schema is killed mid-stream: the scenario of
 * test/store/crash.test.ts, on the server named by HC_POSTGRES_URL.
 */
import { afterAll, describe } from 'vitest';
import { postgres } from '../store/processes/databases.js';
import { crashTests } from '../store/processes/scenarios.js';

const server = postgres();
afterAll(() => server.end());

describe('the PostgreSQL store after its writer was killed', () => {
  crashTests(server.databases);
});
