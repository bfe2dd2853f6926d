/**
 * Options read with Node's `util.parseArgs`, strictly: an unknown option, a missing value or a
 * stray argument is a {@link UsageError} (exit code 2) that says what was wrong and, for a slip,
 * what was meant.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate } from '../calendar/isoDate.js';
import { UsageError } from './errors.js';
import { didYouMean } from './suggest.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed options and positional arguments of one command. */
export interface Parsed<O extends Options> {
  readonly values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K] extends { multiple: true } ? string[] : string };
  readonly positionals: string[];
}

/**
 * Parses `argv` for `command` with its `options` (each command has `--help`), allowing at most
 * `positionals` positional arguments.
 * @throws {@link UsageError}
 */
export function parse<O extends Options>(command: string, argv: readonly string[], options: O, positionals = 0): Parsed<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' }, ...options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explain(error as Error & { code?: string }, Object.keys(options)), command);
  }
  if (parsed.positionals.length > positionals) {
    const extra = parsed.positionals.slice(positionals);
    throw new UsageError(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `'${a}'`).join(' ')}`, command);
  }
  return parsed as Parsed<O>;
}

/** Node's parseArgs message, shortened, with a suggestion for an unknown option. */
function explain(error: Error & { code?: string }, known: readonly string[]): string {
  const message = error.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'(-{1,2}[^']*)'/.exec(message)?.[1] ?? '';
    const name = option.replace(/^-+/, '').replace(/=.*$/, '');
    return `unknown option '${option}'.${didYouMean(name, [...known, 'help'].map((k) => [k, `--${k}`] as const))}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.replace(/^Option '([^']*)' argument missing$/, "option '$1' needs a value");
  return message;
}

/** The value of a required option. @throws {@link UsageError} when it is missing */
export function required<T>(value: T | undefined, option: string, command: string): T {
  if (value === undefined) throw new UsageError(`${option} is required`, command);
  return value;
}

/** A UK date option `'YYYY-MM-DD'`. @throws {@link UsageError} */
export function dateOption(value: string, option: string, command: string): string {
  if (!isIsoDate(value)) throw new UsageError(`${option}: '${value}' is not a date; give it as YYYY-MM-DD, e.g. 2025-04-01`, command);
  return value;
}

/** A whole-number option within `min` and `max`. @throws {@link UsageError} */
export function integerOption(value: string, option: string, command: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${option}: '${value}' is not a whole number${max === Number.MAX_SAFE_INTEGER ? ` of at least ${min}` : ` from ${min} to ${max}`}`, command);
  }
  return number;
}

/** The period of `--from` and `--to`, both required. @throws {@link UsageError} */
export function periodOptions(values: { from?: string | undefined; to?: string | undefined }, command: string): { from: string; to: string } {
  const from = dateOption(required(values.from, '--from', command), '--from', command);
  const to = dateOption(required(values.to, '--to', command), '--to', command);
  if (from > to) throw new UsageError(`--from (${from}) is after --to (${to})`, command);
  return { from, to };
}

/**
 * `--homes`: a number of homes (`4500`), or homes by tenure (`lcra=4000,lcho=500`: low-cost rental
 * and low-cost home ownership; `rental=` and `ownership=` also do).
 * @throws {@link UsageError}
 */
export function homesOption(value: string, command: string): number | { lowCostRental: number; lowCostHomeOwnership: number } {
  if (/^\s*\d[\d,_]*\s*$/.test(value) && !value.includes('=')) return integerOption(value.replace(/[,_]/g, ''), '--homes', command, 0);
  const homes = { lowCostRental: 0, lowCostHomeOwnership: 0 };
  const seen = new Set<string>();
  for (const part of value.split(',')) {
    const [key = '', count = ''] = part.split('=').map((s) => s.trim());
    const name = /^(lcra|lcr|rental|lowcostrental|low-cost-rental)$/i.test(key) ? 'lowCostRental' : /^(lcho|ownership|homeownership|lowcosthomeownership|low-cost-home-ownership)$/i.test(key) ? 'lowCostHomeOwnership' : undefined;
    if (!name) throw new UsageError(`--homes: '${part}' is not a number of homes; give a number (--homes 4500) or homes by tenure (--homes lcra=4000,lcho=500)`, command);
    if (seen.has(name)) throw new UsageError(`--homes: ${key} is given twice`, command);
    seen.add(name);
    homes[name] = integerOption(count, `--homes ${key}`, command, 0);
  }
  return homes;
}

/** An option that takes one of `choices`. @throws {@link UsageError} with a suggestion */
export function choiceOption<C extends string>(value: string, option: string, choices: readonly C[], command: string): C {
  const found = choices.find((choice) => choice === value.trim().toLowerCase());
  if (found) return found;
  throw new UsageError(`${option}: '${value}' is not one of ${choices.join(', ')}.${didYouMean(value, choices)}`, command);
}
