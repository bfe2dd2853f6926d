/**
 * One pass over records, from an array, any iterable or an async iterable, keeping nothing but the
 * tally: the measures and the annual report hold no list of records, so memory stays flat however
 * many there are.
 */
import { InvalidInputError, typedErrors } from '../errors.js';
import type { ComplaintRecord } from './record.js';

/** @internal What a report counts as it reads records, once each, in order. */
export interface Tally<R> {
  add(record: ComplaintRecord): void;
  result(): R;
}

/**
 * @internal How the records arrive: an array, or the iterator method of an iterable or an async
 * iterable, read once (a getter that answers differently on a second read is never asked again).
 */
export type Source = { readonly kind: 'array' } | { readonly kind: 'sync' | 'async'; readonly method: (this: unknown) => unknown };

const EXPECTED = 'an iterable or async iterable of complaint records';

/**
 * @internal Whether `records` is an array, an iterable or an async iterable (an object that is
 * both is read as an iterable, as the types promise); anything else is an
 * {@link InvalidInputError} at `records`.
 */
export function sourceOf(records: unknown): Source {
  return typedErrors('records', records, EXPECTED, () => {
    if ((typeof records !== 'object' && typeof records !== 'function') || records === null) throw new InvalidInputError('records', records, EXPECTED);
    if (Array.isArray(records)) return { kind: 'array' };
    const sync: unknown = (records as Iterable<unknown>)[Symbol.iterator];
    if (typeof sync === 'function') return { kind: 'sync', method: sync as (this: unknown) => unknown };
    const async: unknown = (records as AsyncIterable<unknown>)[Symbol.asyncIterator];
    if (typeof async === 'function') return { kind: 'async', method: async as (this: unknown) => unknown };
    throw new InvalidInputError('records', records, EXPECTED);
  });
}

const PROTOCOL = 'an iterator that keeps the iteration protocol (next() gives { done, value } objects)';

/** The iterator the source's method makes, and its `next`, each read once; a broken protocol is an {@link InvalidInputError}. */
function iteratorOf(records: unknown, method: (this: unknown) => unknown): { iterator: object; next: (this: unknown) => unknown } {
  // Calling the method is the caller's own code: what it throws passes through unchanged.
  const iterator = method.call(records);
  if ((typeof iterator !== 'object' && typeof iterator !== 'function') || iterator === null) throw new InvalidInputError('records', records, PROTOCOL);
  const next = typedErrors('records', records, PROTOCOL, () => (iterator as Iterator<unknown>).next);
  if (typeof next !== 'function') throw new InvalidInputError('records', records, PROTOCOL);
  return { iterator, next: next as (this: unknown) => unknown };
}

/** One step's `{ done, value }`, each read once; a result that is not an object is an {@link InvalidInputError}. */
function stepOf(records: unknown, result: unknown): { done: boolean; value: unknown } {
  if ((typeof result !== 'object' && typeof result !== 'function') || result === null) throw new InvalidInputError('records', records, PROTOCOL);
  return typedErrors('records', records, PROTOCOL, () => {
    const done = (result as IteratorResult<unknown>).done;
    return done ? { done: true, value: undefined } : { done: false, value: (result as IteratorResult<unknown>).value };
  });
}

/** Closes an iterator left early (a bad record), as `for...of` would; what `return` does is ignored. */
function close(iterator: object): unknown {
  try {
    const stop = (iterator as Iterator<unknown>).return;
    return typeof stop === 'function' ? stop.call(iterator) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @internal Feeds every record of a sync source to `tally` and returns its result. Reading an
 * array is reading values, so an array whose items cannot be read gives a typed error; an
 * iterator's own error (a failed read from a cursor) passes through unchanged.
 */
export function feed<R>(records: unknown, source: Source, tally: Tally<R>): R {
  if (source.kind === 'array') {
    const list = records as readonly unknown[];
    const length = typedErrors('records', records, EXPECTED, () => list.length);
    for (let index = 0; index < length; index++) {
      let item: unknown;
      try {
        item = list[index];
      } catch {
        throw new InvalidInputError(`records[${index}]`, undefined, 'a complaint record that can be read (reading it threw)');
      }
      add(tally, item, index);
    }
    return tally.result();
  }
  const { iterator, next } = iteratorOf(records, source.method);
  for (let index = 0; ; index++) {
    const { done, value } = stepOf(records, next.call(iterator));
    if (done) return tally.result();
    try {
      add(tally, value, index);
    } catch (error) {
      close(iterator);
      throw error;
    }
  }
}

/** @internal {@link feed} for an async source: the iterator's own rejections pass through unchanged. */
export async function feedAsync<R>(records: unknown, source: Source, tally: Tally<R>): Promise<R> {
  if (source.kind === 'array') return feed(records, source, tally);
  const { iterator, next } = iteratorOf(records, source.method);
  for (let index = 0; ; index++) {
    const { done, value } = stepOf(records, await next.call(iterator));
    if (done) return tally.result();
    try {
      add(tally, value, index);
    } catch (error) {
      await close(iterator);
      throw error;
    }
  }
}

const RECORD = 'a complaint record (from toRecord, or read with parseRecord)';

/**
 * One record into the tally. The reports trust records to be of the record's shape (`toRecord`
 * makes them so; `parseRecord` checks what comes from a file); anything that is not an object, or
 * breaks the tally as it is read, is an {@link InvalidInputError} naming its index, never a
 * `TypeError`.
 */
function add<R>(tally: Tally<R>, item: unknown, index: number): void {
  if (typeof item !== 'object' || item === null) throw new InvalidInputError(`records[${index}]`, item, RECORD);
  try {
    tally.add(item as ComplaintRecord);
  } catch {
    throw new InvalidInputError(`records[${index}]`, item, RECORD);
  }
}
