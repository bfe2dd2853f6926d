/**
 * Several processes append to one SQLite file at once (the scenario, in processes/scenarios.ts, is
 * the one `npm run test:postgres` runs on a PostgreSQL server).
 */
import { describe } from 'vitest';
import { sqlite } from './processes/databases.js';
import { concurrencyTests } from './processes/scenarios.js';

describe('the SQLite store shared by several processes', () => {
  concurrencyTests(sqlite);
});
