/** `housing-complaints deadlines`: the stage 1 timeline of a complaint received at a given time. */
import { createWorkingDayCalendar } from '../../calendar/calendar.js';
import { toUkDate } from '../../calendar/ukDate.js';
import { createComplaintMachine } from '../../machine/machine.js';
import { replay } from '../../machine/replay.js';
import { describeComplaint } from '../../machine/views.js';
import { projectTimeline } from '../../machine/worklist.js';
import { parse, required } from '../args.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { reasonText } from '../log.js';
import { resolvePolicy, resolveRegion } from '../suggest.js';
import { dayAndDate, table } from '../table.js';

export const help = `Usage: housing-complaints deadlines --received <when> --region <division> [--policy <name>] [--json]

The stage 1 deadlines a complaint can expect from the moment it is received, counted in working
days of the resident's UK division under the policy: acknowledge (5.6, 6.2), respond if
acknowledged on the last day (6.3), and respond with the longest extension allowed without a good
reason (6.4); and the policy's own timers (Peaks & Plains: quick fix). Dates after the last
published bank holidays are marked provisional.

Options:
  --received <when>     when it was received: an ISO instant (2024-12-20T16:45:00Z, converted to
                        the UK date, BST included) or a UK date (2024-12-20)
  --region <division>   england-and-wales, scotland or northern-ireland; England, Wales, E&W,
                        Scotland, GB-SCT, NI, "Northern Ireland" ... are understood too
  --policy <name>       code2024 (default) or peaksPlainsV4
  --json                JSON instead of a table
  -h, --help            this help

Examples:
  housing-complaints deadlines --received 2024-12-20T16:45:00Z --region scotland
  housing-complaints deadlines --received 2025-04-17 --region "E&W" --policy peaksPlainsV4 --json

${EXIT_CODES_HELP}`;

const STEPS = {
  acknowledgeBy: { label: 'Acknowledge, define and log the complaint', provision: '5.6, 6.2' },
  respondBy: { label: 'Respond at stage 1, if acknowledged on the last day', provision: '6.3' },
  respondByWithLongestExtension: { label: 'Respond, with the longest extension without good reason', provision: '6.4' },
} as const;

/** The instant of `--received`: an instant as given, or noon (UTC) of a UK date, which is that UK day. */
function receivedAt(value: string): string {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value;
  try {
    toUkDate(at);
  } catch {
    throw new UsageError(`--received: '${value}' is not an instant or a date; give e.g. 2024-12-20T16:45:00Z or 2024-12-20`, 'deadlines');
  }
  return at;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parse('deadlines', argv, {
    received: { type: 'string' },
    region: { type: 'string' },
    policy: { type: 'string' },
    json: { type: 'boolean' },
  });
  const at = receivedAt(required(values.received, '--received', 'deadlines'));
  const region = resolveRegion(required(values.region, '--region', 'deadlines'));
  const { name, policy } = resolvePolicy(values.policy ?? 'code2024');
  const { snapshot, rejected } = replay(createComplaintMachine({ policy }), [{ type: 'RECEIVE', at, complaint: { id: 'projection', region, summary: 'Projected timeline' } }]);
  if (rejected.length > 0) throw new UsageError(`--received: ${rejected[0]!.reasons.map(reasonText).join('; ')}`, 'deadlines');
  const timeline = projectTimeline(snapshot);
  const calendar = createWorkingDayCalendar({ region });
  const timers = describeComplaint(snapshot).openDeadlines.filter((d) => d.deadline.startsWith('timer:'));
  const receivedOn = snapshot.context.stage1!.requestedOn;
  const dates = [...Object.values(timeline), ...timers.map((t) => t.due)];
  const provisional = dates.some((date) => calendar.isProvisional(date));

  if (values.json) {
    const labels = new Map(policy.timers.map((t) => [t.id, t.label]));
    await io.stdout.line(
      JSON.stringify(
        {
          receivedAt: at,
          receivedOn,
          region,
          policy: { name, id: policy.id, title: policy.name },
          ...timeline,
          timers: timers.map((t) => ({ id: t.deadline.slice('timer:'.length), label: labels.get(t.deadline.slice('timer:'.length)), due: t.due, provision: t.provision })),
          provisional: Object.entries(timeline)
            .filter(([, date]) => calendar.isProvisional(date))
            .map(([key]) => key),
          officialThrough: calendar.officialThrough,
        },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const mark = (date: string) => `${dayAndDate(date)}${calendar.isProvisional(date) ? ' *' : ''}`;
  const rows = [
    ['Deadline', 'Due', 'Provision'],
    ...Object.entries(STEPS).flatMap(([key, step]) => {
      const due = timeline[key as keyof typeof STEPS];
      // A stage 1 with no acknowledgement (the SPSO model procedure) has no acknowledgement row.
      return due === undefined ? [] : [[step.label, mark(due), step.provision]];
    }),
    ...timers.map((t) => {
      const timer = policy.timers.find((p) => `timer:${p.id}` === t.deadline);
      return [`${timer?.label ?? t.deadline} (policy timer)`, mark(t.due), t.provision];
    }),
  ];
  await io.stdout.line(`Received ${dayAndDate(receivedOn)} in ${region}, under ${policy.name}`);
  await io.stdout.line();
  await io.stdout.line(table(rows));
  if (provisional) await io.stdout.line(`\n* provisional: after ${calendar.officialThrough}, the last published bank holiday date; a holiday proclaimed later may move it.`);
  return EXIT.ok;
}
