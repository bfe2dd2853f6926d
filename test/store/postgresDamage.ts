import type { PostgresClient } from '../../src/store/postgres.js';
import type { Harness } from './suite.js';

/** Rows damaged behind the store's back, on PostgreSQL (PGlite or a server), in `schema`. */
export function postgresDamage(client: PostgresClient, schema: string): NonNullable<Harness['damage']> {
  const s = `"${schema}"`;
  return {
    snapshot: async (id, text) => void (await client.query(`UPDATE ${s}.hc_complaints SET snapshot = $1 WHERE complaint_id = $2`, [text, id])),
    event: async (id, sequence, text) => void (await client.query(`UPDATE ${s}.hc_events SET event = $1 WHERE complaint_id = $2 AND sequence = $3`, [text, id, sequence])),
    schemaVersion: async (version) => void (await client.query(`UPDATE ${s}.hc_schema SET version = $1`, [version])),
    deleteEvent: async (id, sequence) => void (await client.query(`DELETE FROM ${s}.hc_events WHERE complaint_id = $1 AND sequence = $2`, [id, sequence])),
    dropDerived: async (id) => {
      await client.query(`DELETE FROM ${s}.hc_deadlines WHERE complaint_id = $1`, [id]);
      await client.query(`UPDATE ${s}.hc_complaints SET snapshot = '{}', record = '{}', next_due = NULL WHERE complaint_id = $1`, [id]);
    },
  };
}
