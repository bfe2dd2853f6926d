/**
 * A process appending to an SQLite file is killed mid-stream (the scenario, in
 * processes/scenarios.ts, is the one `npm run test:postgres` runs on a PostgreSQL server).
 */
import { describe } from 'vitest';
import { sqlite } from './processes/databases.js';
import { crashTests } from './processes/scenarios.js';

describe('the SQLite store after its writer was killed', () => {
  crashTests(sqlite);
});
