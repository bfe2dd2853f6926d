import type { Backend, BackendTransaction, DeadlineRow, EventRow, Head, Write } from './backend.js';
import { Conflict, Mutex, SCHEMA_VERSION } from './backend.js';
import type { ComplaintProjection, Derived } from './derive.js';
import { ComplaintStore, type StoreOptions } from './store.js';

interface Row {
  sequence: number;
  snapshot: string;
  projection: ComplaintProjection;
  deadlines: DeadlineRow[];
  record: string;
}

const rowOf = (complaintId: string, sequence: number, derived: Derived): Row => ({
  sequence,
  snapshot: derived.snapshot,
  projection: derived.projection,
  deadlines: derived.deadlines.map((open) => ({ complaintId, deadline: open.deadline, provision: open.provision, due: open.due, division: derived.projection.division })),
  record: derived.record,
});

/**
 * Keys in order, as a database's index keeps them: by code point, as SQLite's BINARY and
 * PostgreSQL's "C" collations order UTF-8. (JavaScript's `<` compares UTF-16 code units, which puts
 * a character beyond U+FFFF, a surrogate pair, before U+E000 to U+FFFF.)
 */
function byKey(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
/** A UTF-16 code unit's place in code point order: surrogates (U+D800 to U+DFFF) after U+FFFF. */
const codePointRank = (unit: number) => (unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit);

/** The in-memory backend: the same transaction shape, with writes kept aside until commit. */
class MemoryBackend implements Backend<undefined> {
  readonly kind = 'memory';
  private version = 0;
  private readonly events_ = new Map<string, EventRow[]>();
  private readonly complaints = new Map<string, Row>();
  private readonly mutex = new Mutex();

  async schemaVersion() {
    return this.version;
  }
  async migrate() {
    const from = this.version;
    this.version = SCHEMA_VERSION;
    return from;
  }
  transaction<T>(fn: (tx: BackendTransaction<undefined>) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      const events = new Map<string, EventRow[]>();
      const rows = new Map<string, Row>();
      const head = (id: string) => rows.get(id) ?? this.complaints.get(id);
      const tx: BackendTransaction<undefined> = {
        handle: undefined,
        head: async (id) => {
          const row = head(id);
          return row && { sequence: row.sequence, snapshot: row.snapshot };
        },
        events: async (id) => [...(this.events_.get(id) ?? []), ...(events.get(id) ?? [])],
        deadlines: async (id) => head(id)?.deadlines ?? [],
        append: async (write: Write) => {
          const current = head(write.complaintId)?.sequence ?? 0;
          if (current !== write.previous) throw new Conflict(current);
          events.set(write.complaintId, [...(events.get(write.complaintId) ?? []), { complaintId: write.complaintId, sequence: write.sequence, event: write.event }]);
          rows.set(write.complaintId, rowOf(write.complaintId, write.sequence, write.derived));
        },
        replace: async (id, sequence, derived) => {
          const current = head(id);
          if (current && current.sequence !== sequence) return false;
          rows.set(id, rowOf(id, sequence, derived));
          return true;
        },
      };
      const result = await fn(tx);
      for (const [id, added] of events) this.events_.set(id, [...(this.events_.get(id) ?? []), ...added]);
      for (const [id, row] of rows) this.complaints.set(id, row);
      return result;
    });
  }
  async head(id: string): Promise<(Head & { projection: ComplaintProjection }) | undefined> {
    const row = this.complaints.get(id);
    return row && { sequence: row.sequence, snapshot: row.snapshot, projection: row.projection };
  }
  async events(id: string) {
    return [...(this.events_.get(id) ?? [])];
  }
  async queue(upTo: string | undefined) {
    const rows: DeadlineRow[] = [];
    for (const row of this.complaints.values()) for (const deadline of row.deadlines) if (upTo === undefined || deadline.due <= upTo) rows.push(deadline);
    return rows.sort((a, b) => byKey(a.due, b.due) || byKey(a.complaintId, b.complaintId) || byKey(a.deadline, b.deadline));
  }
  private after(after: string) {
    return [...this.complaints.keys()].filter((id) => byKey(id, after) > 0).sort(byKey);
  }
  async projections(after: string, limit: number) {
    return this.after(after).slice(0, limit).map((id) => this.complaints.get(id)!.projection);
  }
  async records(after: string, limit: number) {
    return this.after(after).slice(0, limit).map((id) => ({ complaintId: id, record: this.complaints.get(id)!.record }));
  }
  async log(after: { complaintId: string; sequence: number } | undefined, limit: number) {
    const rows: EventRow[] = [];
    for (const id of [...this.events_.keys()].sort(byKey)) {
      if (after && byKey(id, after.complaintId) < 0) continue;
      for (const row of this.events_.get(id)!) {
        if (after && id === after.complaintId && row.sequence <= after.sequence) continue;
        rows.push(row);
        if (rows.length === limit) return rows;
      }
    }
    return rows;
  }
  async close() {}
}

/**
 * A complaint store in memory: for tests, examples and screens in a browser. It behaves as the
 * SQLite and PostgreSQL stores do (one test suite checks all three), with each transaction's writes
 * applied only when it commits; nothing survives the process.
 *
 * @param options - the policy, retries, the deadline hook (whose `transaction` is `undefined`), warnings
 * @returns a store; call `migrate()` before using it
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.migrate();
 * await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
 * (await store.load('C-1')).projection.nextDue; //=> '2025-01-13'
 * ```
 */
export function createMemoryStore(options?: StoreOptions<undefined>): ComplaintStore<undefined> {
  return new ComplaintStore(new MemoryBackend(), options);
}
