/** `housing-complaints report`: the annual complaints report and the TSMs, from an event log or records. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { annualReport } from '../../reporting/annual.js';
import { isInvalidRecordError, parseRecord, type ComplaintRecord } from '../../reporting/record.js';
import { renderAnnualReport } from '../../reporting/render.js';
import { replayLog } from '../../reporting/replayLog.js';
import { choiceOption, homesOption, integerOption, parse, periodOptions } from '../args.js';
import type { CountingOptions } from '../../reporting/options.js';
import { EXIT, EXIT_CODES_HELP, InputFileError, UsageError } from '../errors.js';
import { displayName, linesOf, openInput, peekFirst, Progress, type Io } from '../io.js';
import { jsonOf, numbered, Problems } from '../log.js';
import { didYouMean, resolvePolicy } from '../suggest.js';

export const help = `Usage: housing-complaints report <events.jsonl|records.jsonl> --from <date> --to <date>
         [--homes <n> | --homes lcra=<n>,lcho=<n>] [--landlord <name>]
         [--out <file.html|file.md|file.json>] [--format html|markdown|json]

The annual complaints performance and service improvement report (Code 8.1): complaints received
and answered at each stage, within timescale or not, outcomes, refusals and their reasons,
service areas and causes, remedies, Ombudsman findings; and, with --homes, the Regulator of
Social Housing's Tenant Satisfaction Measures CH01 (complaints per 1,000 homes) and CH02
(responded to within the Code's timescales), split by tenure when homes are given by tenure.

The input is either an event log (replayed as 'replay' does) or complaint records (JSONL from
'replay --json', each line with "recordVersion"), told apart by its first line. Bad lines and
refused events are reported on standard error with their line numbers and skipped (exit code 1).

Options:
  --from <date>        first day of the reporting period (YYYY-MM-DD), e.g. 2025-04-01
  --to <date>          last day of the period, e.g. 2026-03-31
  --homes <n>          homes owned, for CH01: a number, or by tenure: lcra=4000,lcho=500
                       (low-cost rental and low-cost home ownership)
  --landlord <name>    the landlord's name, for the report's title
  --out <file>         write the report to a file (its extension picks the format)
  --format <format>    html, markdown (md) or json (default: from --out, else markdown)
  --top <n>            entries in each list of causes, categories and service areas (default 5)
  --policy <name>      for an event log: the policy to replay it under (default code2024)
  --workers <n>        for an event log: worker threads (default: one per CPU core)
  -h, --help           this help

Counting choices the regulator's requirements leave open (defaults first):
  --extensions permitted|original-deadline|any-agreed
                       a response within an extension counts as within timescale when the Code
                       permits the extension (6.4, 6.15); or only by the original deadline; or
                       by any date the resident was told in time
  --late-acknowledgement response-deadline|as-if-acknowledged-on-time|not-within-timescale
  --declined exclude|include            declined complaints counted as received?
  --withdrawn include|exclude           withdrawn complaints counted as received?
  --escalation-refused exclude|include  refused requests for stage 2 counted as stage 2?

Examples:
  housing-complaints report events.jsonl --homes 4500 --from 2025-04-01 --to 2026-03-31 --out report.html
  housing-complaints report records.jsonl --homes lcra=4000,lcho=500 --from 2025-04-01 --to 2026-03-31 --format json

${EXIT_CODES_HELP}`;

const FORMATS: Readonly<Record<string, 'html' | 'markdown' | 'json'>> = { html: 'html', htm: 'html', markdown: 'markdown', md: 'markdown', json: 'json' };

function formatOf(format: string | undefined, out: string | undefined): 'html' | 'markdown' | 'json' {
  if (format !== undefined) {
    const found = FORMATS[format.toLowerCase()];
    if (!found) throw new UsageError(`--format: unknown format '${format}'.${didYouMean(format, ['html', 'markdown', 'json'])} The formats are html, markdown and json.`, 'report');
    return found;
  }
  if (out !== undefined) {
    const found = FORMATS[extname(out).slice(1).toLowerCase()];
    if (!found) throw new UsageError(`--out: cannot tell the format from '${out}'; name it .html, .md or .json, or give --format`, 'report');
    return found;
  }
  return 'markdown';
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'report',
    argv,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      homes: { type: 'string' },
      landlord: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      policy: { type: 'string' },
      workers: { type: 'string' },
      top: { type: 'string' },
      extensions: { type: 'string' },
      'late-acknowledgement': { type: 'string' },
      declined: { type: 'string' },
      withdrawn: { type: 'string' },
      'escalation-refused': { type: 'string' },
    },
    1,
  );
  const path = positionals[0];
  if (path === undefined) throw new UsageError('give the event log or records file, e.g. housing-complaints report events.jsonl --from 2025-04-01 --to 2026-03-31', 'report');
  const period = periodOptions(values, 'report');
  const homes = values.homes === undefined ? undefined : homesOption(values.homes, 'report');
  const format = formatOf(values.format, values.out);
  const { policy } = resolvePolicy(values.policy ?? 'code2024');
  const workers = values.workers === undefined ? undefined : integerOption(values.workers, '--workers', 'report', 1, 256);
  const top = values.top === undefined ? undefined : integerOption(values.top, '--top', 'report', 1, 100);
  const counting: CountingOptions = {
    ...(values.extensions !== undefined ? { extensions: choiceOption(values.extensions, '--extensions', ['permitted', 'original-deadline', 'any-agreed'], 'report') } : {}),
    ...(values['late-acknowledgement'] !== undefined
      ? { lateAcknowledgement: choiceOption(values['late-acknowledgement'], '--late-acknowledgement', ['response-deadline', 'as-if-acknowledged-on-time', 'not-within-timescale'], 'report') }
      : {}),
    ...(values.declined !== undefined ? { declined: choiceOption(values.declined, '--declined', ['exclude', 'include'], 'report') } : {}),
    ...(values.withdrawn !== undefined ? { withdrawn: choiceOption(values.withdrawn, '--withdrawn', ['include', 'exclude'], 'report') } : {}),
    ...(values['escalation-refused'] !== undefined ? { escalationRefused: choiceOption(values['escalation-refused'], '--escalation-refused', ['exclude', 'include'], 'report') } : {}),
  };
  const landlord = values.landlord?.trim();
  if (values.landlord !== undefined && !landlord) throw new UsageError('--landlord: give the landlord’s name', 'report');

  const file = displayName(path);
  const input = linesOf(await openInput(path, io.stdin));
  const problems = new Problems(io.stderr, file);
  const progress = new Progress(io.stderr, file);
  let complaints = 0;
  let report: unknown;
  try {
    const { first, lines } = await peekFirst(input);
    const firstJson = first === undefined ? undefined : jsonOf(first);
    const isRecords = firstJson !== undefined && 'value' in firstJson && typeof firstJson.value === 'object' && firstJson.value !== null && 'recordVersion' in firstJson.value;

    async function* fromRecords(): AsyncGenerator<ComplaintRecord> {
      for await (const { line, text } of numbered(lines)) {
        const json = jsonOf(text);
        if ('error' in json) {
          await problems.bad({ line, message: json.error });
          continue;
        }
        try {
          const record = parseRecord(json.value);
          complaints++;
          if (complaints % 1000 === 0) progress.update({ lines: line, complaints });
          yield record;
        } catch (error) {
          if (!isInvalidRecordError(error)) throw error;
          progress.done();
          await problems.bad({ line, message: `not a complaint record: ${error.problems.slice(0, 3).join('; ')}${error.problems.length > 3 ? '; ...' : ''}` });
        }
      }
    }
    async function* fromEvents(): AsyncGenerator<ComplaintRecord> {
      for await (const item of replayLog(lines, { policy, ...(workers ? { workers } : {}), onProgress: (p) => progress.update(p) })) {
        progress.done();
        if (item.kind === 'bad-line') {
          await problems.bad(item);
          continue;
        }
        if (item.refusedCount > 0) await problems.refused(item.complaintId, item.refused, item.refusedCount);
        complaints++;
        if (item.record) yield item.record;
      }
    }
    report = await annualReport(isRecords ? fromRecords() : fromEvents(), {
      period,
      ...counting,
      ...(top !== undefined ? { top } : {}),
      ...(homes !== undefined ? { homes } : {}),
      ...(landlord ? { landlord: { name: landlord } } : {}),
    });
  } finally {
    progress.done();
    input.close();
  }
  const text = format === 'json' ? JSON.stringify(report, null, 2) : renderAnnualReport(report as Parameters<typeof renderAnnualReport>[0], { format });
  if (values.out !== undefined) {
    try {
      await writeFile(values.out, text.endsWith('\n') ? text : `${text}\n`);
    } catch (error) {
      throw new InputFileError(values.out, (error as NodeJS.ErrnoException).code, 'written');
    }
    await io.stdout.line(`${values.out}: the ${format === 'json' ? 'report as JSON' : `report in ${format === 'html' ? 'HTML' : 'Markdown'}`} for ${period.from} to ${period.to}, from ${complaints.toLocaleString('en-GB')} complaints`);
  } else await io.stdout.line(text.replace(/\n$/, ''));
  if (problems.any) await io.stderr.line(problems.summary());
  return problems.any ? EXIT.invalid : EXIT.ok;
}
