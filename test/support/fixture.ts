import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Region } from '../../src/calendar/regions.js';

/**
 * The GOV.UK bank holidays feed for 2019 to 2027, kept in the repository (Crown copyright, Open
 * Government Licence v3.0; see `test/fixtures/README.md`). It is also the holiday
 * generator's default feed (`scripts/generate-holidays.ts`).
 */
export const FIXTURE_PATH = fileURLToPath(new URL('../fixtures/gov-uk-bank-holidays-2019-2027.json', import.meta.url));

export interface FeedEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}

export type Feed = Record<Region, { division: Region; events: FeedEvent[] }>;

/** A fresh copy of the fixture on every call, so a test may alter it. */
export function loadFeed(): Feed {
  return JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Feed;
}

/** Every date from `from` to `to` inclusive, 'YYYY-MM-DD'. */
export function* eachDate(from: string, to: string): Generator<string> {
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
