/**
 * A realistic, deterministic JSONL event log of many complaints, for the CLI's tests, the
 * benchmark and the demo: one complaint event per line with its `complaintId`, complaints
 * interleaved in time order, each complaint's events valid under the Code 2024.
 *
 * The mix (per complaint, roughly): most acknowledged on time and answered at stage 1, then closed
 * or left responded; about 15% escalated to stage 2 (a few refused), 4% declined, 3% withdrawn,
 * 12% extended, 7% answered late (with the host's TICK recording the breach), some remedies offered
 * and completed, a few referred to the Housing Ombudsman. Tenure, category, service area and
 * channel vary. Events after `to` are left out, so complaints received near the end are still open.
 *
 *   tsx scripts/generate-events.ts --complaints 1000 --out events.jsonl [--seed 1] [--from 2025-04-01] [--to 2026-03-31]
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createWorkingDayCalendar, type Region, type WorkingDayCalendar } from '../src/calendar/index.js';
import { HOUSING_OMBUDSMAN } from '../src/letters/ombudsman.js';

/** Options of {@link generateEventLog}. */
export interface GenerateOptions {
  /** How many complaints. */
  readonly complaints: number;
  /** The seed: the same seed, count and period give the same log, byte for byte. */
  readonly seed?: number;
  /** The first day complaints are received, `'YYYY-MM-DD'` (default `'2025-04-01'`). */
  readonly from?: string;
  /** The last day complaints are received and the last day of the log (default `'2026-03-31'`). */
  readonly to?: string;
}

/** A small, fast, seedable generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const CATEGORIES = [
  { category: 'repairs', serviceArea: 'repairs', weight: 34, points: [['repair', 'The repair reported has still not been done'], ['appointments', 'Appointments were missed without notice']] },
  { category: 'damp-and-mould', serviceArea: 'repairs', weight: 18, points: [['mould', 'There is damp and mould in the home that has not been treated'], ['inspection', 'Nobody came to inspect the damp after it was reported']] },
  { category: 'antisocial-behaviour', serviceArea: 'housing-management', weight: 10, points: [['asb', 'Reports of antisocial behaviour by a neighbour were not acted on']] },
  { category: 'staff-conduct', serviceArea: 'customer-services', weight: 8, points: [['conduct', 'A member of staff was rude on the phone']] },
  { category: 'rent-and-charges', serviceArea: 'income', weight: 10, points: [['charges', 'The service charge was increased without explanation'], ['arrears', 'An arrears letter was sent in error']] },
  { category: 'estate-services', serviceArea: 'estates', weight: 8, points: [['cleaning', 'The communal areas have not been cleaned as scheduled']] },
  { category: 'communication', serviceArea: 'customer-services', weight: 12, points: [['calls', 'Calls and emails were not returned'], ['updates', 'No updates were given on the case']] },
] as const;
const TOTAL_WEIGHT = CATEGORIES.reduce((sum, c) => sum + c.weight, 0);
const CHANNELS = ['phone', 'email', 'web-form', 'letter', 'in-person'] as const;
const HANDLERS = ['Sam Patel, Repairs Manager', 'Jo Smith, Housing Officer', 'Alex Brown, Customer Services Lead', 'Chris Green, Income Manager'] as const;
const REVIEWERS = ['Priya Shah, Head of Housing Services', 'Morgan Lee, Director of Operations'] as const;
const CAUSES = ['contractor-delay', 'process-not-followed', 'communication-failure', 'no-fault-found', 'policy-unclear'] as const;
const EXTENSION_CATEGORIES = ['contractor-availability', 'survey-needed', 'third-party-information'] as const;
const ESCALATION_ROUTE = 'Reply to this letter, email complaints@example.org.uk or call 0300 123 4567 and ask for stage 2';
const OMBUDSMAN_ROUTE = 'If you are still unhappy, you can ask the Housing Ombudsman to investigate your complaint. This is our final response';

type Event = Record<string, unknown> & { type: string; at: string };
type Item = { description: string; dueOn: string; id: string };

/** The events of one complaint, oldest first, each with its time in milliseconds. */
function complaintEvents(id: string, receivedMs: number, rnd: () => number, calendars: Record<Region, WorkingDayCalendar>): { ms: number; event: Event }[] {
  const chance = (p: number) => rnd() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const regionRoll = rnd();
  const region: Region = regionRoll < 0.94 ? 'england-and-wales' : regionRoll < 0.97 ? 'scotland' : 'northern-ireland';
  const calendar = calendars[region];
  const wd = (date: string, days: number) => calendar.addWorkingDays(date, days);

  const events: { ms: number; event: Event }[] = [];
  let lastMs = receivedMs;
  let lastDay = new Date(receivedMs).toISOString().slice(0, 10);
  /** `day`, or the day of the last event if that is later: events are in time order. */
  const later = (day: string) => (day < lastDay ? lastDay : day);
  // Each event at a working-hours time on its day, never before the one before it.
  const at = (day: string): string => {
    lastDay = day;
    let ms = Date.parse(`${day}T00:00:00Z`) + (8 * 60 + between(0, 8 * 60)) * 60_000;
    if (ms < lastMs) ms = lastMs + 60_000;
    lastMs = ms;
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  };
  const push = (event: Event) => events.push({ ms: Date.parse(event.at), event });

  const receivedAt = new Date(receivedMs).toISOString().replace('.000Z', 'Z');
  const received = receivedAt.slice(0, 10);
  let roll = rnd() * TOTAL_WEIGHT;
  const kind = CATEGORIES.find((c) => (roll -= c.weight) < 0) ?? CATEGORIES[0];
  const tenureRoll = rnd();
  const tenure = tenureRoll < 0.8 ? 'general-needs' : tenureRoll < 0.88 ? 'supported-housing' : 'shared-ownership';
  const representative = chance(0.05);
  const consentOnFile = representative && chance(0.5);
  const declineRoll = rnd();
  const declineReason = declineRoll < 0.015 ? 'not-a-complaint' : declineRoll < 0.025 ? 'previously-considered' : declineRoll < 0.032 ? 'legal-proceedings' : declineRoll < 0.04 ? 'outside-time-limit' : undefined;
  const issueDate =
    declineReason === 'outside-time-limit' ? addDays(received, -between(400, 700)) : chance(0.5) ? addDays(received, -between(0, 150)) : undefined;
  const points: { id: string; summary: string }[] = kind.points.slice(0, between(1, kind.points.length)).map(([pointId, summary]) => ({ id: pointId, summary }));
  push({
    type: 'RECEIVE',
    at: receivedAt,
    complaint: {
      id,
      region,
      summary: points[0]!.summary,
      channel: pick(CHANNELS),
      raisedBy: representative ? 'representative' : 'resident',
      ...(representative ? { consentOnFile } : {}),
      ...(issueDate ? { issueDate } : {}),
      ...(chance(0.03) ? { safetyConcern: true } : {}),
      category: kind.category,
      tenure,
      serviceArea: kind.serviceArea,
    },
  });
  lastMs = receivedMs;
  if (representative && !consentOnFile && chance(0.7)) push({ type: 'RECORD_CONSENT', at: at(later(wd(received, between(1, 4)))) });

  if (declineReason) {
    const day = later(wd(received, between(1, 4)));
    push({
      type: 'DECLINE',
      at: at(day),
      reason: declineReason,
      letter: { kind: 'decline-notice', complaintId: id, sentOn: day, reasons: `We cannot consider this complaint: ${declineReason.replaceAll('-', ' ')}.`, ombudsman: HOUSING_OMBUDSMAN },
    });
    return events;
  }

  // Stage 1: acknowledged within 5 working days (5% late), answered within 10 (7% late).
  const ackDay = later(wd(received, chance(0.05) ? between(6, 8) : between(1, 5)));
  const handler = pick(HANDLERS);
  let respondBy = wd(ackDay, 10);
  const definition = { points, outcomesSought: ['The problem put right', 'An apology'] };
  push({
    type: 'ACKNOWLEDGE',
    at: at(ackDay),
    letter: { kind: 'acknowledgement', complaintId: id, sentOn: ackDay, stage: 1, handler, definition: { ...definition, points: [...points] }, respondBy, ombudsman: HOUSING_OMBUDSMAN },
  });
  if (chance(0.03)) {
    push({ type: 'WITHDRAW', at: at(later(wd(ackDay, between(1, 8)))) });
    return events;
  }
  let cursor = ackDay;
  if (chance(0.04)) {
    cursor = later(wd(cursor, between(1, 3)));
    const point = { id: 'further', summary: 'A related problem raised after the complaint was acknowledged' };
    push({ type: 'ADD_ISSUE', at: at(cursor), point, related: true });
    points.push(point);
  }
  const open: Item[] = [];
  if (chance(0.05)) {
    cursor = later(wd(cursor, 1));
    const dueOn = wd(cursor, 10);
    const remedy = { id: 'goodwill', kind: 'financial', description: 'A goodwill payment for the inconvenience', amountPence: between(20, 100) * 500, dueOn };
    push({ type: 'OFFER_REMEDY', at: at(cursor), remedy });
    open.push({ id: 'goodwill', description: remedy.description, dueOn });
  }
  if (chance(0.12)) {
    const sentOn = later(wd(cursor, between(1, 3)));
    if (sentOn <= respondBy) {
      respondBy = wd(respondBy, between(3, 10));
      push({
        type: 'EXTEND',
        at: at(sentOn),
        letter: { kind: 'extension-notice', complaintId: id, sentOn, stage: 1, reasons: 'We need a contractor’s report to answer your complaint properly.', newRespondBy: respondBy, ombudsman: HOUSING_OMBUDSMAN },
        category: pick(EXTENSION_CATEGORIES),
      });
      cursor = sentOn;
    }
  }
  const late = chance(0.07);
  const window = Math.max(1, calendar.workingDaysBetween(cursor, respondBy));
  const respondedOn = later(late ? wd(respondBy, between(1, 6)) : wd(cursor, between(Math.min(3, window), window)));
  if (late && chance(0.6)) push({ type: 'TICK', at: at(later(wd(respondBy, 1))) });
  const stage1 = respond(1, respondedOn, points, open);
  push(stage1.event);
  for (const item of stage1.items) open.push(item);

  // After stage 1: actions done, then closed, escalated or left responded.
  const fate = rnd();
  let day = respondedOn;
  const completeSome = (until: string) => {
    for (const item of [...open]) {
      if (!chance(0.8)) continue;
      const done = item.dueOn < until ? item.dueOn : until;
      if (done < lastDay) continue;
      day = done;
      push({ type: 'COMPLETE_ACTION', at: at(done), id: item.id });
      open.splice(open.indexOf(item), 1);
    }
  };
  if (fate < 0.15) {
    // Stage 2.
    const escalated = later(wd(respondedOn, between(1, 15)));
    completeSome(escalated);
    day = escalated > day ? escalated : day;
    push(chance(0.5) ? { type: 'ESCALATE', at: at(day), explanation: 'I am not happy with the outcome.' } : { type: 'ESCALATE', at: at(day) });
    if (chance(0.05)) {
      const refusedOn = later(wd(day, between(1, 3)));
      push({
        type: 'REFUSE_ESCALATION',
        at: at(refusedOn),
        reason: 'previously-considered',
        letter: { kind: 'escalation-refusal', complaintId: id, sentOn: refusedOn, reasons: 'This matter was fully considered at stage 2 in an earlier complaint.', ombudsman: HOUSING_OMBUDSMAN },
      });
      return events;
    }
    const ack2 = later(wd(day, chance(0.05) ? between(6, 7) : between(1, 5)));
    let respondBy2 = wd(ack2, 20);
    push({
      type: 'ACKNOWLEDGE',
      at: at(ack2),
      letter: { kind: 'acknowledgement', complaintId: id, sentOn: ack2, stage: 2, handler: pick(REVIEWERS), definition: { ...definition, points: [...points] }, respondBy: respondBy2, ombudsman: HOUSING_OMBUDSMAN },
    });
    day = ack2;
    if (chance(0.1)) {
      const sentOn = later(wd(ack2, between(10, 15)));
      respondBy2 = wd(respondBy2, between(5, 20));
      push({
        type: 'EXTEND',
        at: at(sentOn),
        letter: { kind: 'extension-notice', complaintId: id, sentOn, stage: 2, reasons: 'We are waiting for an independent surveyor’s report.', newRespondBy: respondBy2, ombudsman: HOUSING_OMBUDSMAN },
      });
      day = sentOn;
    }
    const responded2 = later(chance(0.05) ? wd(respondBy2, between(1, 5)) : wd(day, between(1, Math.max(1, calendar.workingDaysBetween(day, respondBy2)))));
    const stage2 = respond(2, responded2, points, open);
    push(stage2.event);
    day = responded2;
    for (const item of stage2.items) open.push(item);
    completeSome(addDays(responded2, 30));
    if (chance(0.2)) {
      const referred = later(addDays(day, between(20, 120)));
      push({ type: 'REFER_TO_OMBUDSMAN', at: at(referred) });
      if (chance(0.6)) {
        const finding = pick(['no-maladministration', 'service-failure', 'maladministration', 'reasonable-redress'] as const);
        push({ type: 'OMBUDSMAN_DETERMINATION', at: at(later(addDays(referred, between(60, 200)))), findings: [{ element: 'Complaint handling', finding, ...(finding === 'maladministration' ? { orders: ['Pay £200'] } : {}) }] });
      }
    }
  } else if (fate < 0.85) {
    const closed = later(wd(respondedOn, between(1, 10)));
    push({ type: 'CLOSE', at: at(closed) });
    day = closed;
    completeSome(addDays(closed, 20));
  } else {
    completeSome(addDays(respondedOn, 20));
  }
  return events;

  /** A response letter answering every point, listing every open item (6.6, 6.17). */
  function respond(stage: 1 | 2, sentOn: string, answered: readonly { id: string; summary: string }[], still: readonly Item[]): { event: Event; items: Item[] } {
    const findings = answered.map((point) => ({ pointId: point.id, upheld: chance(0.55), reasons: `We looked at our records of ${point.summary.toLowerCase()}, and at our policy.` }));
    const upheld = findings.filter((f) => f.upheld).length;
    const decision = upheld === findings.length ? 'upheld' : upheld === 0 ? 'not-upheld' : 'partly-upheld';
    const remedies: Record<string, unknown>[] = [];
    const items: Item[] = [];
    if (upheld > 0) {
      remedies.push({ kind: 'apology', description: 'We are sorry for what went wrong' });
      if (chance(0.5)) {
        const dueOn = wd(sentOn, between(5, 15));
        remedies.push({ kind: 'action', description: 'Our contractor will complete the repair', dueOn });
        items.push({ id: `s${stage}-remedy-${remedies.length}`, description: 'Our contractor will complete the repair', dueOn });
      }
      if (chance(0.3)) {
        const dueOn = wd(sentOn, 10);
        remedies.push({ kind: 'financial', description: 'Compensation for the time and trouble, paid to your rent account', amountPence: between(5, 60) * 1000, dueOn });
        items.push({ id: `s${stage}-remedy-${remedies.length}`, description: 'Compensation for the time and trouble, paid to your rent account', dueOn });
      }
    }
    // Every item still open is listed again, with a date no earlier than the letter.
    const outstandingActions = still.map((item) => ({ description: item.description, dueOn: item.dueOn < sentOn ? sentOn : item.dueOn }));
    for (const item of still) item.dueOn = item.dueOn < sentOn ? sentOn : item.dueOn;
    const letter =
      stage === 1
        ? { kind: 'stage1-response', complaintId: id, sentOn, stage: 1, definition: { ...definition, points: [...answered] }, decision, findings, remedies, outstandingActions, escalation: { route: ESCALATION_ROUTE }, ombudsman: HOUSING_OMBUDSMAN }
        : { kind: 'stage2-response', complaintId: id, sentOn, stage: 2, definition: { ...definition, points: [...answered] }, decision, findings, remedies, outstandingActions, ombudsmanRoute: OMBUDSMAN_ROUTE, ombudsman: HOUSING_OMBUDSMAN };
    return { event: { type: 'RESPOND', at: at(sentOn), letter, cause: pick(CAUSES) }, items };
  }
}

/** A binary min-heap of pending events by time, then by order of generation. */
class Pending {
  private readonly heap: { ms: number; seq: number; line: string }[] = [];
  get size(): number {
    return this.heap.length;
  }
  peek(): { ms: number; seq: number; line: string } | undefined {
    return this.heap[0];
  }
  push(entry: { ms: number; seq: number; line: string }): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }
  pop(): { ms: number; seq: number; line: string } | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}
const less = (a: { ms: number; seq: number }, b: { ms: number; seq: number }) => a.ms < b.ms || (a.ms === b.ms && a.seq < b.seq);

/**
 * The event log, line by line (no trailing newline): complaints `C-000001`, `C-000002`, ...
 * received in order through the period, their events interleaved in time order. Memory stays
 * proportional to the complaints open at once, not to the log.
 */
export function* generateEventLog(options: GenerateOptions): Generator<string> {
  const { complaints, seed = 1, from = '2025-04-01', to = '2026-03-31' } = options;
  if (!Number.isInteger(complaints) || complaints < 0) throw new RangeError(`complaints must be a whole number, 0 or more: ${complaints}`);
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T23:59:59Z`);
  if (!(start <= end)) throw new RangeError(`from (${from}) must be a date on or before to (${to})`);
  const rnd = random(seed);
  const calendars = {
    'england-and-wales': createWorkingDayCalendar({ region: 'england-and-wales' }),
    scotland: createWorkingDayCalendar({ region: 'scotland' }),
    'northern-ireland': createWorkingDayCalendar({ region: 'northern-ireland' }),
  };
  const width = Math.max(6, String(complaints).length);
  const pending = new Pending();
  let seq = 0;
  const span = end - start;
  for (let i = 0; i < complaints; i++) {
    // Received in order through the period, at a time of day from 07:00 to 20:00 UTC (some after 17:00, some in BST).
    const t = start + (span * (i + rnd())) / complaints;
    const dayStart = Math.floor(t / DAY) * DAY;
    const receivedMs = dayStart + Math.floor((7 * 60 + ((t - dayStart) / DAY) * 13 * 60)) * 60_000;
    while (pending.size > 0 && pending.peek()!.ms <= receivedMs) yield pending.pop()!.line;
    const id = `C-${String(i + 1).padStart(width, '0')}`;
    for (const { ms, event } of complaintEvents(id, Math.max(receivedMs, start), rnd, calendars)) {
      if (ms > end) break;
      pending.push({ ms, seq: seq++, line: JSON.stringify({ complaintId: id, ...event }) });
    }
  }
  while (pending.size > 0) yield pending.pop()!.line;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      complaints: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      from: { type: 'string', default: '2025-04-01' },
      to: { type: 'string', default: '2026-03-31' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  let buffer = '';
  for (const line of generateEventLog({ complaints: Number(values.complaints), seed: Number(values.seed), from: values.from, to: values.to })) {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
