/**
 * One complaint on one screen, as a housing system would embed the library: the machine runs in the
 * page through @xstate/react, the screen reads it with the library's views (describeComplaint,
 * worklist, nextEvents, explain), and every event carries the simulated clock's `at`.
 */
import { useMachine } from '@xstate/react';
import { useEffect, useMemo, useState } from 'react';
import { createWorkingDayCalendar, isIsoDate, toUkDate, type Region } from 'housing-complaints/calendar';
import { formatLetterDate, renderLetter, type Letter } from 'housing-complaints/letters';
import {
  createComplaintMachine,
  describeComplaint,
  EVENT_TYPES,
  explain,
  nextEvents,
  restore,
  sendEvent,
  serialize,
  worklist,
  type ComplaintEvent,
  type ComplaintSnapshot,
  type ComplaintView,
  type Reason,
  type StepResult,
} from 'housing-complaints/machine';
import { EventForm, HAS_FORM, Reasons, provisionText, type EventType } from './forms';
import { COMPLAINT, FIRST_DAY, LANDLORD, RESIDENT } from './sample';

/** One machine for the page: the Code 2024 (`policies.code2024`), enforced. */
const machine = createComplaintMachine();

/** Where the page keeps the complaint between visits: the serialized snapshot and the simulated day. */
export const STORAGE_KEY = 'housing-complaints:web-ui';

interface Start {
  today: string;
  snapshot?: ComplaintSnapshot;
  problem?: string;
}

/** The stored complaint, restored (restore checks every deadline against the calendar and policy), or a fresh start. */
function load(): Start {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return { today: FIRST_DAY };
    const stored = JSON.parse(raw) as { today: string; record?: string };
    const today = isIsoDate(stored.today) ? stored.today : FIRST_DAY;
    return stored.record ? { today, snapshot: restore(machine, stored.record) } : { today };
  } catch (error) {
    return { today: FIRST_DAY, problem: `The stored complaint could not be restored, so the screen starts again: ${(error as Error).message}` };
  }
}

function save(today: string, snapshot: ComplaintSnapshot): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ today, record: serialize(snapshot) }));
  } catch {
    // Storage may be full or switched off: the screen still works, it just will not remember.
  }
}

/**
 * The instant to send the next event with: 09:00 UTC on the simulated day, or a minute after the
 * last event when that was the same day (the machine refuses events out of order, 5.12).
 */
export function instantFor(today: string, lastEventAt: string | undefined): string {
  const morning = `${today}T09:00:00Z`;
  if (!lastEventAt || Date.parse(lastEventAt) < Date.parse(morning) || toUkDate(lastEventAt) !== today) return morning;
  return new Date(Date.parse(lastEventAt) + 60_000).toISOString().replace('.000Z', 'Z');
}

export function App() {
  const [start, setStart] = useState(load);
  const [session, setSession] = useState(0);
  const startAgain = () => {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    setStart({ today: FIRST_DAY });
    setSession((n) => n + 1);
  };
  return <Screen key={session} start={start} onStartAgain={startAgain} />;
}

const STAGES: Record<ComplaintView['stage'], string> = { new: 'Not yet received', received: 'Received', stage1: 'Stage 1', stage2: 'Stage 2', closed: 'Closed' };
const REGIONS = { 'england-and-wales': 'England and Wales', scotland: 'Scotland', 'northern-ireland': 'Northern Ireland' } as const;

const EVENT_LABELS: Record<EventType, string> = {
  RECEIVE: 'Receive',
  ACKNOWLEDGE: 'Acknowledge',
  DECLINE: 'Decline',
  EXTEND: 'Extend',
  ADD_ISSUE: 'Add an issue',
  RESPOND: 'Respond',
  ESCALATE: 'Escalate',
  REFUSE_ESCALATION: 'Refuse escalation',
  OFFER_REMEDY: 'Offer a remedy',
  COMPLETE_ACTION: 'Complete an action',
  RECORD_CONSENT: 'Record consent',
  CLOSE: 'Close',
  WITHDRAW: 'Withdraw',
  TICK: 'Record missed deadlines',
  REFER_TO_OMBUDSMAN: 'Refer to the Ombudsman',
  OMBUDSMAN_DETERMINATION: 'Ombudsman’s determination',
  REPORT_HAZARD: 'Report a hazard',
  INVESTIGATE_HAZARD: 'Hazard investigated',
  RECORD_HAZARD_WORK: 'Hazard duty met',
  CLOSE_HAZARD: 'Close the hazard',
};

/** The hazard track (Awaab's Law) has no forms on this screen: its buttons are left out. */
const HAZARD_EVENTS: ReadonlySet<EventType> = new Set(['REPORT_HAZARD', 'INVESTIGATE_HAZARD', 'RECORD_HAZARD_WORK', 'CLOSE_HAZARD']);

/** A well-formed event of each type after RECEIVE, to ask `explain` why a type is not possible now. */
function probe(type: Exclude<EventType, 'RECEIVE'>, at: string): ComplaintEvent {
  const letter = {} as never;
  switch (type) {
    case 'ACKNOWLEDGE':
    case 'EXTEND':
    case 'RESPOND':
      return { type, at, letter } as ComplaintEvent;
    case 'DECLINE':
      return { type, at, reason: 'legal-proceedings', letter };
    case 'REFUSE_ESCALATION':
      return { type, at, reason: 'previously-considered', letter };
    case 'ADD_ISSUE':
      return { type, at, point: { id: 'probe', summary: 'probe' }, related: true };
    case 'OFFER_REMEDY':
      return { type, at, remedy: { id: 'probe', kind: 'apology', description: 'probe' } };
    case 'COMPLETE_ACTION':
      return { type, at, id: 'probe' };
    case 'OMBUDSMAN_DETERMINATION':
      return { type, at, findings: [{ element: 'probe', finding: 'withdrawn' }] };
    case 'REPORT_HAZARD':
      return { type, at, hazard: { type: 'damp-and-mould', category: 'significant', description: 'probe' } };
    case 'INVESTIGATE_HAZARD':
      return { type, at, finding: 'none' };
    case 'RECORD_HAZARD_WORK':
      return { type, at, duty: 'written-summary' };
    default:
      return { type, at };
  }
}

interface Availability {
  type: EventType;
  enabled: boolean;
  /** Why not, for a refused event; notes worth knowing, for an allowed one. */
  reasons: readonly Reason[];
}

/**
 * A button per event type. A type `nextEvents` does not list is refused whatever it carries:
 * `explain` says why. A type without a payload is explained as it would be sent. A type with a
 * form is enabled, and its form explains the event it would send, live.
 */
function availability(snapshot: ComplaintSnapshot, at: string, clockBehind: boolean): Availability[] {
  const possible = nextEvents(snapshot);
  if (!snapshot.context.complaint) return [{ type: 'RECEIVE', enabled: true, reasons: [] }];
  return EVENT_TYPES.filter((type): type is Exclude<EventType, 'RECEIVE'> => type !== 'RECEIVE' && !HAZARD_EVENTS.has(type)).map((type) => {
    if (type === 'COMPLETE_ACTION' && !possible.includes(type) && !clockBehind) {
      return { type, enabled: false, reasons: [{ message: 'No remedy, outstanding action or policy timer is open.' }] };
    }
    if (!possible.includes(type) || (HAS_FORM.has(type) && clockBehind)) {
      const why = explain(snapshot, probe(type, at));
      return { type, enabled: false, reasons: why.allowed ? [{ message: 'Not possible now.' }] : why.reasons };
    }
    if (HAS_FORM.has(type)) return { type, enabled: true, reasons: [] };
    const why = explain(snapshot, { type, at } as ComplaintEvent);
    return { type, enabled: why.allowed, reasons: why.reasons };
  });
}

const reasonText = (reasons: readonly Reason[]) => reasons.map((r) => (r.provision ? `${r.message} (${provisionText(r.provision)})` : r.message)).join(' ');

function deadlineLabel(name: string, view: ComplaintView): string {
  const fixed: Record<string, string> = {
    'stage1.acknowledge': 'Acknowledge at stage 1',
    'stage1.respond': 'Respond at stage 1',
    'stage2.acknowledge': 'Acknowledge at stage 2',
    'stage2.respond': 'Respond at stage 2',
  };
  if (fixed[name]) return fixed[name];
  const [kind, id] = name.split(':') as [string, string];
  const item = view.outstandingActions.find((i) => i.id === id);
  if (kind === 'remedy') return `Remedy: ${item?.description ?? id}`;
  if (kind === 'action') return `Action: ${item?.description ?? id}`;
  return `Policy timer: ${id}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A UK date, short, for the deadline table: 'Tue 4 Mar 2025' (the letters write it out in full). */
export function shortDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

const LETTER_TITLES: Record<Letter['kind'], string> = {
  acknowledgement: 'Acknowledgement',
  'extension-notice': 'Extension notice',
  'stage1-response': 'Stage 1 response',
  'stage2-response': 'Stage 2 (final) response',
  'decline-notice': 'Decline notice',
  'escalation-refusal': 'Refusal to escalate',
};
const letterTitle = (letter: Letter) => LETTER_TITLES[letter.kind] + ('stage' in letter && (letter.kind === 'acknowledgement' || letter.kind === 'extension-notice') ? ` (stage ${letter.stage})` : '');

function Screen({ start, onStartAgain }: { start: Start; onStartAgain: () => void }) {
  const [snapshot, , actor] = useMachine(machine, start.snapshot ? { snapshot: start.snapshot } : {});
  const [today, setToday] = useState(start.today);
  const [form, setForm] = useState<EventType | undefined>();
  const [answer, setAnswer] = useState<{ event: ComplaintEvent; result: StepResult } | undefined>();

  useEffect(() => save(today, snapshot), [today, snapshot]);

  const { context } = snapshot;
  const region = (context.complaint?.region ?? COMPLAINT.region) as Region;
  const calendar = useMemo(() => createWorkingDayCalendar({ region }), [region]);
  const at = instantFor(today, context.lastEventAt);
  const lastDay = context.lastEventAt ? toUkDate(context.lastEventAt) : undefined;
  const clockBehind = lastDay !== undefined && today < lastDay;
  const view = describeComplaint(snapshot, { now: today });
  const queue = worklist([snapshot], { now: today });
  const buttons = availability(snapshot, at, clockBehind);

  // The answer to the last event stays until the user moves on: a new day or another form.
  const changeDay = (day: string) => {
    // The working-day clock spans 2000 to 2100; a date input can be typed beyond it.
    if (!isIsoDate(day) || day < '2000-01-01' || day > '2100-12-31') return;
    setToday(day);
    setAnswer(undefined);
  };
  const toggleForm = (type: EventType) => {
    setForm(form === type ? undefined : type);
    setAnswer(undefined);
  };
  const send = (event: ComplaintEvent): StepResult => {
    const result = sendEvent(actor, event);
    setAnswer({ event, result });
    if (result.accepted) setForm(undefined);
    return result;
  };

  return (
    <>
      <header className="top">
        <div>
          <h1>Complaint {view.complaintId ?? '(not yet received)'}</h1>
          <p className="muted">{context.complaint?.summary ?? 'A complaint the resident has just made. Receive it to start the clock.'}</p>
          <button type="button" className="secondary small" onClick={onStartAgain}>
            Start again
          </button>
        </div>
        <section className="clock panel" aria-label="Simulated clock">
          <div className="row">
            <label htmlFor="today" className="today">
              Today
            </label>
            <input id="today" type="date" value={today} min="2000-01-01" max="2100-12-31" onChange={(e) => changeDay(e.target.value)} />
            <button type="button" className="secondary" onClick={() => changeDay(calendar.nextWorkingDay(today))}>
              Next working day
            </button>
          </div>
          <p className="muted" data-testid="clock">
            {formatLetterDate(today)}
            {calendar.isWorkingDay(today) ? '' : ' (not a working day)'}: a simulated clock. The machine reads none; the next event is sent with <code>at: '{at}'</code>.
          </p>
          {clockBehind && (
            <p className="warning">
              Today is before the last recorded event ({formatLetterDate(lastDay!)}): the machine will refuse every event (Code 5.12).
            </p>
          )}
        </section>
      </header>
      {start.problem && <p className="warning">{start.problem}</p>}
      <main className="columns">
        <div className="column">
          <section className="panel" aria-labelledby="status-heading">
            <h2 id="status-heading">Where the complaint is</h2>
            <p className="stage" data-testid="stage" data-stage={view.stage} data-status={view.status}>
              {STAGES[view.stage]}
              {view.stage === 'new' || view.stage === 'received' ? '' : `: ${view.status.replace(/-/g, ' ')}`}
            </p>
            {view.stage !== 'new' && (
              <dl className="facts">
                <dt>Division</dt>
                <dd>{view.region ? REGIONS[view.region] : ''}</dd>
                {view.outcome && (
                  <>
                    <dt>Decision</dt>
                    <dd>{view.outcome.replace(/-/g, ' ')}</dd>
                  </>
                )}
                {view.closure && (
                  <>
                    <dt>Closed</dt>
                    <dd>
                      {view.closure.reason.replace(/-/g, ' ')}, {formatLetterDate(view.closure.on)}
                    </dd>
                  </>
                )}
              </dl>
            )}
            <table className="deadlines" data-testid="deadlines">
              <caption>Open deadlines on {formatLetterDate(today)}</caption>
              <thead>
                <tr>
                  <th scope="col">Deadline</th>
                  <th scope="col">Due</th>
                  <th scope="col">Working days left</th>
                </tr>
              </thead>
              <tbody>
                {queue.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      None.
                    </td>
                  </tr>
                )}
                {queue.map((entry) => (
                  <tr key={entry.deadline} data-deadline={entry.deadline} className={entry.overdue ? 'overdue' : undefined}>
                    <th scope="row">
                      {deadlineLabel(entry.deadline, view)} <span className="code">({provisionText(entry.provision)})</span>
                    </th>
                    <td>
                      <time dateTime={entry.due} title={formatLetterDate(entry.due)}>
                        {shortDate(entry.due)}
                      </time>
                      {view.provisional.includes(entry.deadline) && <span className="muted"> (provisional)</span>}
                    </td>
                    <td className="left" data-left={entry.workingDaysLeft}>
                      {entry.overdue ? <strong>Overdue by {days(-entry.workingDaysLeft)}</strong> : entry.workingDaysLeft === 0 ? 'Due today' : `${days(entry.workingDaysLeft)} left`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {view.breaches.length > 0 && (
              <div data-testid="breaches">
                <h3>Deadlines missed</h3>
                <ul>
                  {view.breaches.map((breach) => (
                    <li key={breach.deadline} data-deadline={breach.deadline}>
                      {deadlineLabel(breach.deadline, view)}: due {formatLetterDate(breach.due)}, recorded {formatLetterDate(breach.recordedOn)} ({provisionText(breach.provision)})
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="actions-heading" data-testid="actions">
            <h2 id="actions-heading">What can happen next</h2>
            <ul className="allowed" aria-label="Allowed now">
              {buttons
                .filter((b) => b.enabled)
                .map(({ type, reasons }) => (
                  <li key={type} data-event={type}>
                    <button
                      type="button"
                      aria-expanded={HAS_FORM.has(type) ? form === type : undefined}
                      aria-describedby={reasons.length > 0 ? `why-${type}` : undefined}
                      onClick={() => (HAS_FORM.has(type) ? toggleForm(type) : send({ type, at } as ComplaintEvent))}
                    >
                      {EVENT_LABELS[type]}
                      {HAS_FORM.has(type) ? '…' : ''}
                    </button>
                  </li>
                ))}
            </ul>
            {buttons.some((b) => b.enabled && b.reasons.length > 0) && (
              <ul className="notes">
                {buttons
                  .filter((b) => b.enabled && b.reasons.length > 0)
                  .map(({ type, reasons }) => (
                    <li key={type} id={`why-${type}`}>
                      {EVENT_LABELS[type]}: {reasonText(reasons)}
                    </li>
                  ))}
              </ul>
            )}
            {buttons.some((b) => !b.enabled) && (
              <>
                <h3>Not allowed now</h3>
                <ul className="refused">
                  {buttons
                    .filter((b) => !b.enabled)
                    .map(({ type, reasons }) => (
                      <li key={type} data-event={type}>
                        <button type="button" disabled aria-describedby={`why-${type}`} title={`Not allowed: ${reasonText(reasons)}`}>
                          {EVENT_LABELS[type]}
                        </button>
                        <span id={`why-${type}`} className="why">
                          Not allowed: {reasonText(reasons)}
                        </span>
                      </li>
                    ))}
                </ul>
              </>
            )}
          </section>
        </div>

        <div className="column">
          {answer && (
            <section className={`panel answer ${answer.result.accepted ? 'accepted' : 'refused'}`} role="status" data-testid="answer">
              <h2>
                {answer.event.type} {answer.result.accepted ? 'accepted' : 'refused'}
              </h2>
              <p className="muted">
                The last event, sent with <code>at: '{answer.event.at}'</code>.
              </p>
              <Reasons reasons={answer.result.reasons} />
              {answer.result.breaches.length > 0 && (
                <p>
                  Breach recorded:{' '}
                  {answer.result.breaches.map((b) => `${deadlineLabel(b.deadline, view)} was due ${formatLetterDate(b.due)} (${provisionText(b.provision)})`).join('; ')}
                </p>
              )}
            </section>
          )}
          {form && (
            <EventForm key={`${form} ${today}`} type={form} snapshot={snapshot} view={view} today={today} at={at} calendar={calendar} onSend={send} onCancel={() => setForm(undefined)} />
          )}
          <Letters key={context.letters.length} letters={context.letters} />
          <details className="panel record">
            <summary>The stored record (serialize)</summary>
            <pre>{JSON.stringify(JSON.parse(serialize(snapshot)), null, 2)}</pre>
          </details>
        </div>
      </main>
    </>
  );
}

function Letters({ letters }: { letters: readonly Letter[] }) {
  const [chosen, setChosen] = useState(letters.length - 1);
  const letter = letters[chosen];
  const html = useMemo(() => (letter ? renderLetter(letter, { format: 'html', standalone: true, landlord: LANDLORD, resident: RESIDENT }) : ''), [letter]);
  return (
    <section className="panel" aria-labelledby="letters-heading">
      <h2 id="letters-heading">Letters on the record</h2>
      {letters.length === 0 ? (
        <p className="muted">None yet. Each letter is sent with its event and kept on the record (Code 5.12).</p>
      ) : (
        <>
          <ol className="letter-list" data-testid="letters">
            {letters.map((l, i) => (
              <li key={i}>
                <button type="button" className="link" aria-pressed={i === chosen} onClick={() => setChosen(i)}>
                  {letterTitle(l)}, {formatLetterDate(l.sentOn)}
                </button>
              </li>
            ))}
          </ol>
          {/* renderLetter escapes everything that came from input; the frame is sandboxed as well, so nothing in it runs. */}
          <iframe className="letter" title={letter ? `${letterTitle(letter)} as sent` : 'Letter'} sandbox="" srcDoc={html} />
        </>
      )}
    </section>
  );
}
