/**
 * Forgiving names: regions, policies and commands as people type them ("Scotland", "GB-SCT",
 * "E&W", "ni", "peaks plains"), accepted where they can mean only one thing, and otherwise a
 * "did you mean ...?" from the edit distance.
 */
import { REGIONS, type Region } from '../calendar/regions.js';
import { policies } from '../policy/policies.js';
import type { Policy } from '../policy/schema.js';
import { UsageError } from './errors.js';

/** Lower case, letters and digits only; `&` reads as "and". */
export function normalise(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');
}

/** The optimal string alignment distance (Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The values whose names are closest to `input` (normalised), near enough to be a slip: at most a
 * third of its letters, and at least 1. `candidates` maps each name to the value it means.
 */
export function closest<T>(input: string, candidates: Iterable<readonly [string, T]>): T[] {
  const typed = normalise(input);
  const scored = [...candidates].map(([name, value]) => ({ value, distance: editDistance(typed, normalise(name)) }));
  const limit = Math.max(1, Math.floor(typed.length / 3));
  const best = Math.min(...scored.map((s) => s.distance));
  if (best > limit) return [];
  return [...new Set(scored.filter((s) => s.distance === best).map((s) => s.value))];
}

/** ` Did you mean 'a' or 'b'?`, or nothing. */
export function didYouMean(input: string, candidates: Iterable<readonly [string, string]> | readonly string[]): string {
  const entries = [...candidates].map((c) => (typeof c === 'string' ? ([c, c] as const) : c));
  const found = closest(input, entries);
  return found.length === 0 ? '' : ` Did you mean ${found.map((c) => `'${c}'`).join(' or ')}?`;
}

/** What each region may be called (normalised), besides its own name. */
const REGION_ALIASES: Readonly<Record<string, Region>> = {
  englandandwales: 'england-and-wales',
  england: 'england-and-wales',
  wales: 'england-and-wales',
  cymru: 'england-and-wales',
  ew: 'england-and-wales',
  eandw: 'england-and-wales',
  engandwales: 'england-and-wales',
  eng: 'england-and-wales',
  wls: 'england-and-wales',
  gbeng: 'england-and-wales',
  gbwls: 'england-and-wales',
  gbeaw: 'england-and-wales',
  scotland: 'scotland',
  sct: 'scotland',
  scot: 'scotland',
  gbsct: 'scotland',
  northernireland: 'northern-ireland',
  ni: 'northern-ireland',
  nir: 'northern-ireland',
  nireland: 'northern-ireland',
  gbnir: 'northern-ireland',
};

/**
 * The region a user means: any of its names or codes (GB-SCT, E&W, NI ...), in any case, or the
 * start of one name that fits one region only.
 * @throws {@link UsageError} naming the regions, with a suggestion when the input is near one
 */
export function resolveRegion(input: string, option = '--region'): Region {
  const key = normalise(input);
  const exact = REGION_ALIASES[key];
  if (exact) return exact;
  if (key.length >= 2) {
    const starts = new Set(Object.entries(REGION_ALIASES).filter(([alias]) => alias.startsWith(key)).map(([, region]) => region));
    if (starts.size === 1) return [...starts][0]!;
  }
  const hint = didYouMean(input, [...Object.entries(REGION_ALIASES), ...REGIONS.map((r) => [r, r] as const)]);
  throw new UsageError(`${option}: unknown region '${input}'.${hint} The regions are ${REGIONS.join(', ')} (or England, Wales, Scotland, NI, GB-SCT ...).`);
}

/** The policies the command line knows, by their names in `policies`. */
export const POLICY_NAMES = Object.keys(policies) as (keyof typeof policies)[];

const POLICY_ALIASES: Readonly<Record<string, keyof typeof policies>> = {
  code2024: 'code2024',
  code: 'code2024',
  thecode: 'code2024',
  hoscode: 'code2024',
  complainthandlingcode: 'code2024',
  complainthandlingcode2024: 'code2024',
  peaksplainsv4: 'peaksPlainsV4',
  peaksandplainsv4: 'peaksPlainsV4',
  peaksplains: 'peaksPlainsV4',
  peaksandplains: 'peaksPlainsV4',
  pp: 'peaksPlainsV4',
  ppv4: 'peaksPlainsV4',
};

/**
 * The policy a user means: its name in `policies` (`code2024`, `peaksPlainsV4`), its id
 * (`peaks-plains-v4`) or a short form (`code`, `pp`), in any case.
 * @throws {@link UsageError} with a suggestion
 */
export function resolvePolicy(input: string, option = '--policy'): { name: keyof typeof policies; policy: Policy } {
  const key = normalise(input);
  const name = POLICY_ALIASES[key] ?? POLICY_NAMES.find((n) => normalise(policies[n].id) === key);
  if (name) return { name, policy: policies[name] };
  const names = [...Object.entries(POLICY_ALIASES), ...POLICY_NAMES.flatMap((n) => [[n, n] as const, [policies[n].id, n] as const])];
  throw new UsageError(`${option}: unknown policy '${input}'.${didYouMean(input, names)} The policies are ${POLICY_NAMES.join(', ')}.`);
}
