/**
 * Several processes append to one PostgreSQL schema at once, each with a pool of its own: the
 * scenario of test/store/concurrency.test.ts, on the server named by HC_POSTGRES_URL.
 */
import { afterAll, describe } from 'vitest';
import { postgres } from '../store/processes/databases.js';
import { concurrencyTests } from '../store/processes/scenarios.js';

const server = postgres();
afterAll(() => server.end());

describe('the PostgreSQL store shared by several processes', () => {
  concurrencyTests(server.databases);
});
