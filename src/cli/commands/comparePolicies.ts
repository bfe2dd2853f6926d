/** `housing-complaints compare-policies`: the same complaints under two or more policies. */
import { comparePolicies, comparisonToText, type ComparedPolicy } from '../../reporting/compare.js';
import type { ComplaintEvent } from '../../machine/events.js';
import { homesOption, integerOption, parse, periodOptions } from '../args.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../errors.js';
import { displayName, linesOf, openInput, Progress, type Io } from '../io.js';
import { eventOf, numbered, Problems } from '../log.js';
import { resolvePolicy } from '../suggest.js';

export const help = `Usage: housing-complaints compare-policies <events.jsonl> --policies <a,b,...>
         [--homes <n> --from <date> --to <date>] [--json] [--limit <n>]

Replays the same event log under each policy and says what changes: events refused under one and
accepted under another (with the machine's reasons), complaints that could be declined as out of
time, requests for stage 2 that could be refused as late, deadlines missed; and, with --homes,
--from and --to, the Tenant Satisfaction Measures under each.

A policy is replayed with the Code 2024 as its floor, as the library does by default; add
":as-written" to a name to replay the policy as written (e.g. peaksPlainsV4:as-written).
Bad lines are reported on standard error with their line numbers and skipped (exit code 1).

Options:
  --policies <a,b,...>  two or more of code2024, peaksPlainsV4 (each optionally :as-written)
  --homes <n>           homes owned (or lcra=<n>,lcho=<n>), for CH01; needs --from and --to
  --from <date>         first day of the period for the measures (YYYY-MM-DD)
  --to <date>           last day of the period
  --json                the comparison as JSON
  --limit <n>           differences listed in the text (default 50)
  -h, --help            this help

Examples:
  housing-complaints compare-policies events.jsonl --policies peaksPlainsV4:as-written,code2024
  housing-complaints compare-policies events.jsonl --policies pp,code --homes 4500 --from 2025-04-01 --to 2026-03-31

${EXIT_CODES_HELP}`;

function policiesOption(value: string | undefined): ComparedPolicy[] {
  if (value === undefined) throw new UsageError('--policies is required: two or more policies, e.g. --policies peaksPlainsV4,code2024', 'compare-policies');
  const compared = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const asWritten = /:as-?written$/i.test(part);
      const { name, policy } = resolvePolicy(part.replace(/:as-?written$/i, ''), '--policies');
      return { name: asWritten ? `${name} (as written)` : name, policy, ...(asWritten ? { enforceCode: false } : {}) };
    });
  if (compared.length < 2) throw new UsageError('--policies: give two or more policies to compare, separated by commas', 'compare-policies');
  const names = compared.map((c) => c.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new UsageError(`--policies: ${twice} is given twice`, 'compare-policies');
  return compared;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'compare-policies',
    argv,
    { policies: { type: 'string' }, homes: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } },
    1,
  );
  const path = positionals[0];
  if (path === undefined) throw new UsageError('give the event log, e.g. housing-complaints compare-policies events.jsonl --policies peaksPlainsV4,code2024', 'compare-policies');
  const compared = policiesOption(values.policies);
  const measures = values.homes !== undefined || values.from !== undefined || values.to !== undefined;
  if (measures && values.homes === undefined) throw new UsageError('--homes is required with --from and --to (the measures need the number of homes)', 'compare-policies');
  const options = measures ? { period: periodOptions(values, 'compare-policies'), homes: homesOption(values.homes!, 'compare-policies') } : {};
  const limit = values.limit === undefined ? 50 : integerOption(values.limit, '--limit', 'compare-policies', 0);

  const file = displayName(path);
  const input = linesOf(await openInput(path, io.stdin));
  const problems = new Problems(io.stderr, file);
  const progress = new Progress(io.stderr, file);
  async function* events(): AsyncGenerator<ComplaintEvent & { complaintId: string }> {
    let count = 0;
    for await (const { line, text } of numbered(input)) {
      const read = eventOf(text);
      if ('error' in read) {
        progress.done();
        await problems.bad({ line, message: read.error, ...(read.complaintId ? { complaintId: read.complaintId } : {}) });
        continue;
      }
      if (++count % 1000 === 0) progress.update({ lines: line });
      yield { ...read.event, complaintId: read.complaintId };
    }
  }
  let comparison;
  try {
    comparison = await comparePolicies(events(), compared, options);
  } finally {
    progress.done();
    input.close();
  }
  await io.stdout.line(values.json ? JSON.stringify(comparison, null, 2) : comparisonToText(comparison, { limit }));
  if (problems.any) await io.stderr.line(problems.summary());
  return problems.any ? EXIT.invalid : EXIT.ok;
}
