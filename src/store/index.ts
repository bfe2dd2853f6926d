/**
 * Keep complaints in a database: an event store whose every append steps the machine and, only if
 * the event is accepted, writes the event, the snapshot, the projection row and the open deadlines in
 * one transaction. This entry point has the interface, the errors and the in-memory store; the
 * databases are `housing-complaints/store/sqlite` (better-sqlite3 12) and
 * `housing-complaints/store/postgres` (pg, or any client with its `query` shape, PGlite included).
 * See docs/persistence.md.
 *
 * In the examples of the store's functions, `store` is an in-memory store holding complaint `C-1`,
 * received on 6 January 2025 (`2025-01-06T09:00:00Z`, England and Wales) and nothing more.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'housing-complaints/store';
 *
 * const store = createMemoryStore();
 * await store.migrate();
 * const { accepted, sequence } = await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });
 * ```
 * @module
 */
export {
  ComplaintStore,
  type AppendOptions,
  type AppendResult,
  type ComplaintHistory,
  type DeadlineChanges,
  type ImportSummary,
  type RebuildOptions,
  type RebuildSummary,
  type StoredComplaint,
  type StoredEvent,
  type StoreOptions,
  type StoreWarning,
  type WorkQueueOptions,
} from './store.js';
export type { ComplaintProjection, ScheduledDeadline, CancelledDeadline } from './derive.js';
export { createMemoryStore } from './memory.js';
export {
  ConcurrencyError,
  isConcurrencyError,
  CorruptLogError,
  isCorruptLogError,
  SchemaVersionError,
  isSchemaVersionError,
  UnknownComplaintError,
  isUnknownComplaintError,
} from './errors.js';
export type { WorklistEntry } from '../machine/worklist.js';
