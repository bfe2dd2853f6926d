/** `housing-complaints replay`: an event log replayed, per complaint. */
import { replayLog, type ReplayedComplaint } from '../../reporting/replayLog.js';
import { integerOption, parse } from '../args.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../errors.js';
import { displayName, linesOf, openInput, Progress, type Io } from '../io.js';
import { Problems, reasonText } from '../log.js';
import { resolvePolicy } from '../suggest.js';

export const help = `Usage: housing-complaints replay <events.jsonl> [--json] [--policy <name>] [--workers <n>]

Replays a JSONL event log through the complaint machine, complaint by complaint, and prints each
complaint's state, current deadlines and events: a table, or with --json one record per line
(JSONL, the anonymous record of toRecord, for 'report' or a spreadsheet). Complaints come out in
the order of their first line, whatever the number of workers.

Each bad line (not JSON, no "complaintId", a malformed event) is reported on standard error with
its line number and skipped; each event the machine refuses is reported with its reasons and
their provisions (on standard error with --json). Either makes the exit code 1.

Options:
  --json           one complaint record per line (JSONL) on standard output
  --policy <name>  code2024 (default) or peaksPlainsV4 (with the Code as the floor)
  --workers <n>    worker threads (default: one per CPU core); 1 replays on the main thread
  -h, --help       this help

Examples:
  housing-complaints replay events.jsonl
  housing-complaints replay events.jsonl --json > records.jsonl
  housing-complaints replay events.jsonl --policy peaksPlainsV4 --workers 1

${EXIT_CODES_HELP}`;

const COLUMNS = [
  ['Complaint', 12],
  ['Stage', 8],
  ['Status', 22],
  ['Acknowledge by', 14],
  ['Respond by', 10],
  ['Events', 6],
  ['Refused', 0],
] as const;

function row(cells: readonly string[]): string {
  return cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(COLUMNS[i]![1])))
    .join('  ')
    .trimEnd();
}

function rowOf(complaint: ReplayedComplaint): string {
  const { deadlines } = complaint;
  return row([
    complaint.complaintId,
    complaint.stage,
    complaint.status,
    deadlines.acknowledgeBy ?? '',
    deadlines.respondBy ?? '',
    String(complaint.events),
    String(complaint.refusedCount),
  ]);
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('replay', argv, { json: { type: 'boolean' }, policy: { type: 'string' }, workers: { type: 'string' } }, 1);
  const path = positionals[0];
  if (path === undefined) throw new UsageError('give the event log, e.g. housing-complaints replay events.jsonl', 'replay');
  const { policy } = resolvePolicy(values.policy ?? 'code2024');
  const workers = values.workers === undefined ? undefined : integerOption(values.workers, '--workers', 'replay', 1, 256);
  const file = displayName(path);
  const lines = linesOf(await openInput(path, io.stdin));
  const problems = new Problems(io.stderr, file);
  const progress = new Progress(io.stderr, file);
  let complaints = 0;
  let events = 0;
  if (!values.json) await io.stdout.line(row(COLUMNS.map(([title]) => title)));
  try {
    for await (const item of replayLog(lines, { policy, ...(workers ? { workers } : {}), onProgress: (p) => progress.update(p) })) {
      if (item.kind === 'bad-line') {
        progress.done();
        await problems.bad(item);
        continue;
      }
      progress.done();
      complaints++;
      events += item.events;
      if (values.json) {
        if (item.refusedCount > 0) await problems.refused(item.complaintId, item.refused, item.refusedCount);
        if (item.record) await io.stdout.line(JSON.stringify(item.record));
      } else {
        problems.refusedEvents += item.refusedCount;
        await io.stdout.line(rowOf(item));
        for (const refused of item.refused) await io.stdout.line(`    line ${refused.line}: ${refused.type} at ${refused.at} refused: ${refused.reasons.map(reasonText).join('; ')}`);
        if (item.refusedCount > item.refused.length) await io.stdout.line(`    and ${item.refusedCount - item.refused.length} more refused events`);
      }
      if (io.stdout.gone) break;
    }
  } finally {
    progress.done();
    lines.close();
  }
  if (!values.json) {
    await io.stdout.line();
    await io.stdout.line(
      `${complaints.toLocaleString('en-GB')} complaint${complaints === 1 ? '' : 's'}, ${events.toLocaleString('en-GB')} event${events === 1 ? '' : 's'}: ${problems.refusedEvents.toLocaleString('en-GB')} refused, ${problems.badLines.toLocaleString('en-GB')} bad line${problems.badLines === 1 ? '' : 's'} skipped.`,
    );
  }
  if (problems.any) await io.stderr.line(problems.summary());
  return problems.any ? EXIT.invalid : EXIT.ok;
}
