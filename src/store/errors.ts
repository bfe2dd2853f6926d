import { HousingComplaintsError, isErrorNamed } from '../errors.js';

/**
 * Another writer appended to the same complaint first, and this append could not be decided again
 * within its retries (or the caller's `expectedSequence` was already out of date). Nothing was
 * written: read the complaint again and decide again.
 *
 * @example
 * ```ts
 * // A screen decided at sequence 0; the complaint has moved on to 1.
 * const error = await store.append('C-1', { type: 'TICK', at: '2025-01-07T09:00:00Z' }, { expectedSequence: 0 }).catch((caught) => caught);
 * isConcurrencyError(error); //=> true
 * error.actualSequence; //=> 1
 * ```
 */
export class ConcurrencyError extends HousingComplaintsError {
  /** The class name, `'ConcurrencyError'`: what the `isX()` guards check. */
  override name = 'ConcurrencyError';
  /** The complaint. */
  readonly complaintId: string;
  /** The sequence number this append was decided against. */
  readonly expectedSequence: number;
  /** The sequence number found, when it is known. */
  readonly actualSequence: number | undefined;
  /** How many times the append was tried. */
  readonly attempts: number;
  constructor(complaintId: string, expectedSequence: number, actualSequence: number | undefined, attempts: number) {
    super(
      `Complaint '${complaintId.slice(0, 100)}' was changed by another writer: this append was decided at sequence ${expectedSequence}${actualSequence === undefined ? '' : `, the complaint is now at ${actualSequence}`} (${attempts} attempt${attempts === 1 ? '' : 's'}). Nothing was written; load it again and decide again.`,
    );
    this.complaintId = complaintId;
    this.expectedSequence = expectedSequence;
    this.actualSequence = actualSequence;
    this.attempts = attempts;
  }
}

/**
 * Whether `error` is a {@link ConcurrencyError}.
 *
 * @example
 * ```ts
 * isConcurrencyError(new ConcurrencyError('C-1', 2, 3, 1)); //=> true
 * ```
 */
export function isConcurrencyError(error: unknown): error is ConcurrencyError {
  return isErrorNamed(error, 'ConcurrencyError');
}

/**
 * The store holds no complaint with this id: an event other than `RECEIVE` for it, or a load of it.
 *
 * @example
 * ```ts
 * const error = await store.load('C-404').catch((caught) => caught);
 * isUnknownComplaintError(error); //=> true
 * ```
 */
export class UnknownComplaintError extends HousingComplaintsError {
  /** The class name, `'UnknownComplaintError'`: what the `isX()` guards check. */
  override name = 'UnknownComplaintError';
  /** The id asked for. */
  readonly complaintId: string;
  constructor(complaintId: string, doing: string) {
    super(`No complaint '${complaintId.slice(0, 100)}' is stored${doing ? `: ${doing}` : ''}.`);
    this.complaintId = complaintId;
  }
}

/**
 * Whether `error` is an {@link UnknownComplaintError}.
 *
 * @example
 * ```ts
 * isUnknownComplaintError(new UnknownComplaintError('C-404', '')); //=> true
 * ```
 */
export function isUnknownComplaintError(error: unknown): error is UnknownComplaintError {
  return isErrorNamed(error, 'UnknownComplaintError');
}

/**
 * The database's schema is not one this version of the library can use: newer (written by a later
 * version: upgrade the library, never downgrade a database) or missing (call `migrate()` first).
 * Nothing was read or written.
 *
 * @example
 * ```ts
 * const error = await createMemoryStore().workQueue({ now: '2025-01-20' }).catch((caught) => caught);
 * isSchemaVersionError(error); //=> true
 * error.found; //=> 0 (migrate() was never called)
 * ```
 */
export class SchemaVersionError extends HousingComplaintsError {
  /** The class name, `'SchemaVersionError'`: what the `isX()` guards check. */
  override name = 'SchemaVersionError';
  /** The version the database is at: 0 when it has no schema yet. */
  readonly found: number;
  /** The newest version this library knows. */
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(
      found === 0
        ? `The database has no housing-complaints schema yet: call migrate() first (this library's schema is version ${supported}).`
        : `The database's housing-complaints schema is version ${found}, newer than this library knows (${supported}): it was migrated by a later version of housing-complaints. Upgrade the library; never write to it with an older one.`,
    );
    this.found = found;
    this.supported = supported;
  }
}

/**
 * Whether `error` is a {@link SchemaVersionError}.
 *
 * @example
 * ```ts
 * isSchemaVersionError(new SchemaVersionError(3, 1)); //=> true
 * ```
 */
export function isSchemaVersionError(error: unknown): error is SchemaVersionError {
  return isErrorNamed(error, 'SchemaVersionError');
}

/**
 * A complaint's stored event log cannot be replayed into a complaint: an event in it is malformed,
 * or its first event was refused, or the log is empty. The store never builds a snapshot it cannot
 * justify from the log; the rows are left as they are for a person to look at.
 *
 * @example
 * ```ts
 * isCorruptLogError(new CorruptLogError('C-1', 'event 2 is not JSON')); //=> true
 * ```
 */
export class CorruptLogError extends HousingComplaintsError {
  /** The class name, `'CorruptLogError'`: what the `isX()` guards check. */
  override name = 'CorruptLogError';
  /** The complaint. */
  readonly complaintId: string;
  constructor(complaintId: string, problem: string) {
    super(`The stored event log of complaint '${complaintId.slice(0, 100)}' cannot be replayed: ${problem}.`);
    this.complaintId = complaintId;
  }
}

/**
 * Whether `error` is a {@link CorruptLogError}.
 *
 * @example
 * ```ts
 * isCorruptLogError(new Error('x')); //=> false
 * ```
 */
export function isCorruptLogError(error: unknown): error is CorruptLogError {
  return isErrorNamed(error, 'CorruptLogError');
}
