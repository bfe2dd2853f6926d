import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { describeStore } from './suite.js';

describeStore({
  name: 'SQLite',
  threads: true,
  async open(options) {
    const folder = mkdtempSync(join(tmpdir(), 'hc-sqlite-'));
    const file = join(folder, 'complaints.db');
    const opened: { close(): Promise<void> }[] = [];
    const make = (more?: typeof options) => {
      const store = createSqliteStore(file, more);
      opened.push(store);
      return store;
    };
    const raw = (fn: (db: Database.Database) => void) => {
      const db = new Database(file);
      try {
        fn(db);
      } finally {
        db.close();
      }
    };
    return {
      store: make(options),
      reopen: (more) => make(more),
      damage: {
        snapshot: async (id, text) => raw((db) => db.prepare('UPDATE hc_complaints SET snapshot = ? WHERE complaint_id = ?').run(text, id)),
        event: async (id, sequence, text) => raw((db) => db.prepare('UPDATE hc_events SET event = ? WHERE complaint_id = ? AND sequence = ?').run(text, id, sequence)),
        schemaVersion: async (version) => raw((db) => db.prepare('UPDATE hc_schema SET version = ?').run(version)),
        deleteEvent: async (id, sequence) => raw((db) => db.prepare('DELETE FROM hc_events WHERE complaint_id = ? AND sequence = ?').run(id, sequence)),
        dropDerived: async (id) =>
          raw((db) => {
            db.prepare('DELETE FROM hc_deadlines WHERE complaint_id = ?').run(id);
            db.prepare("UPDATE hc_complaints SET snapshot = '{}', record = '{}', next_due = NULL WHERE complaint_id = ?").run(id);
          }),
      },
      async close() {
        for (const store of opened) await store.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
});
