/**
 * What the writer processes of the store's multi-process tests append, written once for the writer
 * (`writer.ts`) and for the tests that check what it wrote (`scenarios.ts`). Every event is
 * deterministic: the tests rebuild the plan from the same arguments.
 *
 * - The contested plan, in phases: every writer sends the same `RECEIVE`, `ACKNOWLEDGE` and `RESPOND`
 *   to every complaint (the machine must accept each exactly once) amid `TICK`s of its own. The
 *   writers wait for each other between phases, and every event of a phase happens at the phase's
 *   instant, so every `TICK` can be accepted whatever the order the writers reach the database in.
 * - The stream: one writer, one lane per complaint, its events at increasing instants, without end
 *   (the crash test kills it).
 */
import { createWorkingDayCalendar } from '../../../src/calendar/index.js';
import { HOUSING_OMBUDSMAN } from '../../../src/letters/ombudsman.js';
import type { ComplaintEvent } from '../../../src/machine/index.js';

/** One event to append, with a key naming it in the writer's output. */
export interface PlannedEvent {
  readonly complaintId: string;
  /** `<complaint>/RECEIVE`, `/ACKNOWLEDGE`, `/RESPOND` for the contested events (every writer sends the same); unique otherwise. */
  readonly key: string;
  readonly event: ComplaintEvent;
}

/** The writers append a phase's events in any order; they all finish a phase before any starts the next. */
export interface Phase {
  readonly name: string;
  readonly events: readonly PlannedEvent[];
}

/** The event types every writer sends to every complaint in the contested plan. */
export const CONTESTED = ['RECEIVE', 'ACKNOWLEDGE', 'RESPOND'] as const;

const calendar = createWorkingDayCalendar({ region: 'england-and-wales' });
const points = [{ id: 'repair', summary: 'The repair reported has still not been done' }];
const definition = { points, outcomesSought: ['The problem put right', 'An apology'] };

const RECEIVED_AT = '2025-01-06T09:00:00Z';
const ACKNOWLEDGED_AT = '2025-01-07T10:00:00Z';
const RESPONDED_AT = '2025-01-14T15:00:00Z';

export const receive = (complaintId: string, at = RECEIVED_AT): ComplaintEvent => ({ type: 'RECEIVE', at, complaint: { id: complaintId, region: 'england-and-wales', summary: points[0]!.summary } });

export const acknowledge = (complaintId: string, at = ACKNOWLEDGED_AT): ComplaintEvent => {
  const sentOn = at.slice(0, 10);
  return {
    type: 'ACKNOWLEDGE',
    at,
    letter: { kind: 'acknowledgement', complaintId, sentOn, stage: 1, handler: 'Sam Patel, Repairs Manager', definition, respondBy: calendar.addWorkingDays(sentOn, 10), ombudsman: HOUSING_OMBUDSMAN },
  } as ComplaintEvent;
};

export const respond = (complaintId: string, at = RESPONDED_AT): ComplaintEvent =>
  ({
    type: 'RESPOND',
    at,
    letter: {
      kind: 'stage1-response',
      complaintId,
      sentOn: at.slice(0, 10),
      stage: 1,
      definition,
      decision: 'upheld',
      findings: [{ pointId: 'repair', upheld: true, reasons: 'We looked at our records of the repair, and at our policy.' }],
      remedies: [{ kind: 'apology', description: 'We are sorry for what went wrong' }],
      outstandingActions: [],
      escalation: { route: 'Reply to this letter, email complaints@example.org.uk or call 0300 123 4567 and ask for stage 2' },
      ombudsman: HOUSING_OMBUDSMAN,
    },
    cause: 'contractor-delay',
  }) as ComplaintEvent;

export const tick = (at: string): ComplaintEvent => ({ type: 'TICK', at });

const plusMinutes = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString().replace('.000Z', 'Z');

/** Options of {@link contestedPlan}. */
export interface ContestedOptions {
  /** This writer's number, from 1. */
  readonly writer: number;
  /** The complaints every writer appends to. */
  readonly complaints: readonly string[];
  /** `TICK`s per complaint and phase from each writer. */
  readonly ticks: number;
}

/**
 * One writer's share of the contested plan: a `RECEIVE` of each complaint, then phases of `TICK`s, the
 * `ACKNOWLEDGE` and the `RESPOND` amid `TICK`s at their own instants. Each writer takes the complaints
 * in its own order, and puts the contested event at its own place among the phase's `TICK`s.
 */
export function contestedPlan({ writer, complaints, ticks }: ContestedOptions): Phase[] {
  const order = complaints.map((_, i) => complaints[(i + writer) % complaints.length]!);
  const phase = (name: string, at: string, contested?: (id: string, at: string) => ComplaintEvent): Phase => {
    const lanes = order.map((complaintId) => {
      const lane: PlannedEvent[] = Array.from({ length: ticks }, (_, i) => ({ complaintId, key: `${complaintId}/${name}/w${writer}/tick-${i + 1}`, event: tick(at) }));
      if (contested) {
        const event = contested(complaintId, at);
        lane.splice((writer + complaintId.length) % (ticks + 1), 0, { complaintId, key: `${complaintId}/${event.type}`, event });
      }
      return lane;
    });
    // Round robin over the complaints: each complaint's events arrive spread through the phase.
    const events: PlannedEvent[] = [];
    for (let i = 0; lanes.some((lane) => i < lane.length); i++) for (const lane of lanes) if (i < lane.length) events.push(lane[i]!);
    return { name, events };
  };
  return [
    { name: 'receive', events: order.map((complaintId) => ({ complaintId, key: `${complaintId}/RECEIVE`, event: receive(complaintId) })) },
    phase('received', '2025-01-06T12:00:00Z'),
    phase('acknowledge', ACKNOWLEDGED_AT, acknowledge),
    phase('acknowledged', '2025-01-09T12:00:00Z'),
    phase('respond', RESPONDED_AT, respond),
    phase('responded', '2025-01-16T12:00:00Z'),
  ];
}

/**
 * The `index`th event (from 0) of a complaint's stream: its `RECEIVE`, ten `TICK`s a minute apart,
 * the `ACKNOWLEDGE`, ten more `TICK`s, the `RESPOND`, then a `TICK` a minute without end. Each is
 * accepted after the ones before it.
 */
export function streamEvent(complaintId: string, index: number): PlannedEvent {
  const key = `${complaintId}/${index}`;
  if (index === 0) return { complaintId, key, event: receive(complaintId) };
  if (index <= 10) return { complaintId, key, event: tick(plusMinutes(RECEIVED_AT, index)) };
  if (index === 11) return { complaintId, key, event: acknowledge(complaintId) };
  if (index <= 21) return { complaintId, key, event: tick(plusMinutes(ACKNOWLEDGED_AT, index - 11)) };
  if (index === 22) return { complaintId, key, event: respond(complaintId) };
  return { complaintId, key, event: tick(plusMinutes(RESPONDED_AT, index - 22)) };
}

/** An instant after every event of every plan: a `TICK` then is accepted on any complaint. */
export const AFTER_EVERY_PLAN = '2027-01-04T09:00:00Z';
