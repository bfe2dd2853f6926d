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

/** @internal How the records arrive. */
export type Source = 'array' | 'sync' | 'async';

const EXPECTED = 'an iterable or async iterable of complaint records';

/**
 * @internal Whether `records` is an array, an iterable or an async iterable (an object that is
 * both is read as an iterable, as the types promise); anything else is an
 * {@link InvalidInputError} at `records`.
 */
export function sourceOf(records: unknown): Source {
  return typedErrors('records', records, EXPECTED, () => {
    if ((typeof records !== 'object' && typeof records !== 'function') || records === null) throw new InvalidInputError('records', records, EXPECTED);
    if (Array.isArray(records)) return 'array';
    if (typeof (records as Iterable<unknown>)[Symbol.iterator] === 'function') return 'sync';
    if (typeof (records as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return 'async';
    throw new InvalidInputError('records', records, EXPECTED);
  });
}

/**
 * @internal Feeds every record of a sync source to `tally` and returns its result. Reading an
 * array is reading values, so an array whose items cannot be read gives a typed error; an
 * iterator's own error (a failed read from a cursor) passes through unchanged.
 */
export function feed<R>(records: unknown, source: 'array' | 'sync', tally: Tally<R>): R {
  if (source === 'array') {
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
  let index = 0;
  for (const item of records as Iterable<unknown>) add(tally, item, index++);
  return tally.result();
}

/** @internal {@link feed} for an async source: the iterator's own rejections pass through unchanged. */
export async function feedAsync<R>(records: AsyncIterable<unknown>, tally: Tally<R>): Promise<R> {
  let index = 0;
  for await (const item of records) add(tally, item, index++);
  return tally.result();
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
