/**
 * What the app servers and the workers of the job-queue example share: the store, made the same way
 * everywhere an append can happen, with the `onDeadlines` hook that keeps graphile-worker's queue in
 * step with the complaints' deadlines, inside each append's transaction.
 */
import type { Pool } from 'pg';
import { Logger } from 'graphile-worker';
import type { DeadlineChanges, ScheduledDeadline } from 'housing-complaints/store';
import { createPostgresStore, type PostgresTransaction } from 'housing-complaints/store/postgres';

/** The PostgreSQL server: `HC_POSTGRES_URL`, else `DATABASE_URL`. */
export const connectionString = (): string | undefined => process.env.HC_POSTGRES_URL || process.env.DATABASE_URL || undefined;

/** The two schemas of one run: the store's tables, and graphile-worker's (its tables and its SQL functions). */
export interface Schemas {
  readonly store: string;
  readonly worker: string;
}

/** A schema name this example may create and drop: its own, never anyone else's on the server. */
export function checkSchema(name: string | undefined): string {
  if (!name || !/^hc_jobs_[a-z0-9_]{1,50}$/.test(name)) throw new Error(`not a schema of this example: ${JSON.stringify(name)} (expected hc_jobs_…)`);
  return name;
}

/** What a `tick` job carries: the deadline the store scheduled, with the instant its TICK is sent at. */
export type TickPayload = ScheduledDeadline;

/** The host's own table, beside the store's: every time a `tick` job ran, and what the machine answered. */
export const RUNS_TABLE = 'example_tick_runs';

/** One line for a log, for each job the hook added, moved or removed. */
export type HookLog = (line: string) => void;

/**
 * The `onDeadlines` hook: one graphile-worker job per scheduled deadline, under the deadline's
 * `key`, due at its `tickAt` (`job_key_mode => 'replace'`: a moved deadline moves its job, it never
 * adds a second one), and the job of each cancelled deadline removed. Everything goes through
 * `changes.transaction`, the append's own client, so the jobs commit or roll back with the event.
 */
export function deadlineJobs(workerSchema: string, log?: HookLog) {
  const gw = `"${checkSchema(workerSchema)}"`;
  return async (changes: DeadlineChanges<PostgresTransaction>): Promise<void> => {
    const { transaction } = changes;
    for (const deadline of changes.cancelled) {
      const { rows } = await transaction.query(`SELECT id FROM ${gw}.remove_job($1)`, [deadline.key]);
      const id = (rows[0] as { id: string | null } | undefined)?.id;
      log?.(`remove_job(${deadline.key}) ${id ? `→ job #${id} removed` : '→ no job (already run)'}`);
    }
    for (const deadline of changes.scheduled) {
      const { rows } = await transaction.query(
        `SELECT id, revision FROM ${gw}.add_job('tick', $1::json, run_at => $2::timestamptz, job_key => $3, job_key_mode => 'replace')`,
        [JSON.stringify(payloadOf(deadline)), deadline.tickAt, deadline.key],
      );
      const job = rows[0] as { id: string; revision: number };
      log?.(`add_job(tick, run_at => ${deadline.tickAt}, job_key => ${deadline.key}) → job #${job.id}${job.revision > 0 ? `, revision ${job.revision}: moved, not added` : ''}`);
    }
  };
}

const payloadOf = (deadline: ScheduledDeadline): TickPayload => ({
  key: deadline.key,
  complaintId: deadline.complaintId,
  deadline: deadline.deadline,
  provision: deadline.provision,
  due: deadline.due,
  tickAt: deadline.tickAt,
});

/** The store, as every process makes it: the same schema, the same hook. */
export function openStore(pool: Pool, schemas: Schemas, log?: HookLog) {
  return createPostgresStore({ pool }, { schema: checkSchema(schemas.store), onDeadlines: deadlineJobs(schemas.worker, log) });
}

/** graphile-worker's logger, keeping only its warnings and errors (its info lines would drown the example's). */
export function quietLogger(prefix: string): Logger {
  return new Logger(() => (level, message) => {
    if (String(level) === 'error' || String(level) === 'warning') console.error(`${prefix} graphile-worker ${String(level)}: ${message}`);
  });
}
