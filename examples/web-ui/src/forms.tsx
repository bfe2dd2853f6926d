/**
 * A form for each event that carries something: the letters (acknowledgement, extension notice,
 * stage 1 and 2 responses, decline notice, refusal to escalate), prefilled with `draftLetter` and
 * checked on every keystroke by `validateLetter`, each issue beside its field with its provision;
 * then `explain` says whether the machine would take the event as it stands.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { WorkingDayCalendar } from 'housing-complaints/calendar';
import { formatLetterDate, validateLetter, type LetterIssue, type Remedy } from 'housing-complaints/letters';
import { draftLetter, explain, type ComplaintEvent, type ComplaintSnapshot, type ComplaintView, type Reason, type StepResult } from 'housing-complaints/machine';
import { COMPLAINT, DEFINITION, ESCALATION_ROUTE, EXTENSION_REASONS, FINDINGS, OMBUDSMAN_ROUTE, REMEDIES, STAGE1_ACTIONS } from './sample';

export type EventType = ComplaintEvent['type'];

/** The event types whose button opens a form; the others are sent as they are, with `at`. */
export const HAS_FORM: ReadonlySet<EventType> = new Set<EventType>([
  'RECEIVE',
  'ACKNOWLEDGE',
  'DECLINE',
  'EXTEND',
  'ADD_ISSUE',
  'RESPOND',
  'REFUSE_ESCALATION',
  'OFFER_REMEDY',
  'COMPLETE_ACTION',
  'OMBUDSMAN_DETERMINATION',
]);

export interface FormProps {
  type: EventType;
  snapshot: ComplaintSnapshot;
  view: ComplaintView;
  today: string;
  /** The instant the event will carry. */
  at: string;
  calendar: WorkingDayCalendar;
  onSend: (event: ComplaintEvent) => StepResult;
  onCancel: () => void;
}

/** `'6.10'` as "Code 6.10"; a policy's own paragraph ("policy 6.3.1") as it is. */
export const provisionText = (provision: string) => (provision.startsWith('policy') ? provision : `Code ${provision}`);

export function Reasons({ reasons }: { reasons: readonly Reason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons">
      {reasons.map((reason, i) => (
        <li key={i} data-provision={reason.provision}>
          {reason.message}
          {reason.provision && <span className="provision"> ({provisionText(reason.provision)})</span>}
        </li>
      ))}
    </ul>
  );
}

type Path = readonly (string | number)[];

/**
 * The letter's issues, handed out to the fields that show them: each field takes those at or below
 * its path (`exact` for a list's own issues); whatever no field took is shown at the end of the form.
 */
class IssueBoard {
  private left: LetterIssue[];
  constructor(issues: readonly LetterIssue[]) {
    this.left = [...issues];
  }
  take(path: Path, exact = false): LetterIssue[] {
    const mine = this.left.filter((issue) => (exact ? issue.path.length === path.length : issue.path.length >= path.length) && path.every((key, i) => issue.path[i] === key));
    this.left = this.left.filter((issue) => !mine.includes(issue));
    return mine;
  }
  rest(): LetterIssue[] {
    return this.left;
  }
}

function IssueList({ id, issues }: { id?: string; issues: readonly LetterIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issues" id={id}>
      {issues.map((issue, i) => (
        <li key={i} className="issue" data-path={issue.path.join('.')} data-provision={issue.provision}>
          {issue.message} <span className="provision">({provisionText(issue.provision)})</span>
        </li>
      ))}
    </ul>
  );
}

interface A11y {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled control with its hint and its issues, wired for screen readers. */
function Field({ id, label, hint, issues = [], children }: { id: string; label: string; hint?: string | undefined; issues?: readonly LetterIssue[]; children: (a11y: A11y) => ReactNode }) {
  const described = [hint ? `${id}-hint` : '', issues.length > 0 ? `${id}-issues` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${issues.length > 0 ? ' invalid' : ''}`} data-field={id}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, ...(issues.length > 0 ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

/** A drop-down of the library's code values (`partly-upheld`), each shown with spaces for its hyphens. */
function Choice<T extends string>({ a, values, value, onChange }: { a: A11y; values: readonly T[]; value: T; onChange: (value: T) => void }) {
  return (
    <select {...a} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {values.map((v) => (
        <option key={v} value={v}>
          {v.replace(/-/g, ' ')}
        </option>
      ))}
    </select>
  );
}

function Checkbox({ id, label, checked, onChange, issues = [] }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void; issues?: readonly LetterIssue[] }) {
  return (
    <div className={`field check${issues.length > 0 ? ' invalid' : ''}`} data-field={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={issues.length > 0 ? `${id}-issues` : undefined} />
      <label htmlFor={id}>{label}</label>
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

/** Drops the keys whose value is undefined: an empty field is left out, so the validator says it is missing. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
const filled = (value: string) => (value.trim() === '' ? undefined : value);
const lines = (value: string) => value.split('\n').map((line) => line.trim()).filter(Boolean);
const pence = (pounds: string) => (pounds.trim() === '' ? undefined : Math.round(Number(pounds.replace(/[£,\s]/g, '')) * 100));

/**
 * The form around the fields: the issues no field took, the machine's verdict on the event as it
 * stands (`explain`), and the submit button, enabled only when both are clear.
 */
function FormShell(props: {
  id: string;
  title: string;
  snapshot: ComplaintSnapshot;
  event: ComplaintEvent | undefined;
  issues: number;
  rest: readonly LetterIssue[];
  submit: string;
  onSend: (event: ComplaintEvent) => StepResult;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { id, title, snapshot, event, issues, rest, submit, onSend, onCancel, children } = props;
  const verdict = event ? explain(snapshot, event) : undefined;
  const ready = event !== undefined && verdict?.allowed === true;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) onSend(event);
  };
  return (
    <form className="panel form" aria-labelledby={`${id}-heading`} onSubmit={onSubmit} noValidate data-testid="form" data-form={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
      {rest.length > 0 && (
        <div className="field invalid">
          <p>Other issues in this letter</p>
          <IssueList issues={rest} />
        </div>
      )}
      <div className="verdict" aria-live="polite" data-testid="verdict">
        {issues > 0 ? (
          <p>
            {issues} {issues === 1 ? 'issue' : 'issues'} to put right before this letter can be sent.
          </p>
        ) : verdict && !verdict.allowed ? (
          <>
            <p>
              <strong>The machine would refuse this:</strong>
            </p>
            <Reasons reasons={verdict.reasons} />
          </>
        ) : (
          <>
            <p>Ready to send.{verdict && verdict.reasons.length > 0 ? ' The machine will note:' : ''}</p>
            <Reasons reasons={verdict?.reasons ?? []} />
          </>
        )}
      </div>
      <div className="row">
        <button type="submit" disabled={!ready}>
          {submit}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function EventForm(props: FormProps) {
  switch (props.type) {
    case 'RECEIVE':
      return <ReceiveForm {...props} />;
    case 'ACKNOWLEDGE':
      return <AcknowledgeForm {...props} />;
    case 'EXTEND':
      return <ExtendForm {...props} />;
    case 'RESPOND':
      return <RespondForm {...props} />;
    case 'DECLINE':
    case 'REFUSE_ESCALATION':
      return <RefusalForm {...props} />;
    case 'ADD_ISSUE':
      return <AddIssueForm {...props} />;
    case 'OFFER_REMEDY':
      return <OfferRemedyForm {...props} />;
    case 'COMPLETE_ACTION':
      return <CompleteActionForm {...props} />;
    case 'OMBUDSMAN_DETERMINATION':
      return <DeterminationForm {...props} />;
    default:
      return null;
  }
}

/** The letter's validation, and the event to send once it is valid (with the clean letter the validator returns). */
function checked(letter: Record<string, unknown>, toEvent: (letter: unknown) => ComplaintEvent): { board: IssueBoard; count: number; event: ComplaintEvent | undefined } {
  const result = validateLetter(letter);
  return result.ok ? { board: new IssueBoard([]), count: 0, event: toEvent(result.letter) } : { board: new IssueBoard(result.issues), count: result.issues.length, event: undefined };
}

function ReceiveForm({ snapshot, at, onSend, onCancel }: FormProps) {
  const [complaint, setComplaint] = useState({ ...COMPLAINT });
  const set = (key: keyof typeof complaint) => (e: { target: { value: string } }) => setComplaint({ ...complaint, [key]: e.target.value });
  const event = { type: 'RECEIVE', at, complaint: compact({ ...complaint, channel: filled(complaint.channel) }) } as ComplaintEvent;
  return (
    <FormShell id="receive" title="Receive a complaint" snapshot={snapshot} event={event} issues={0} rest={[]} submit="Receive the complaint" onSend={onSend} onCancel={onCancel}>
      <Field id="receive-id" label="Reference">
        {(a) => <input {...a} value={complaint.id} onChange={set('id')} />}
      </Field>
      <Field id="receive-region" label="The home’s UK division (its bank holidays count)">
        {(a) => (
          <select {...a} value={complaint.region} onChange={set('region')}>
            <option value="england-and-wales">England and Wales</option>
            <option value="scotland">Scotland</option>
            <option value="northern-ireland">Northern Ireland</option>
          </select>
        )}
      </Field>
      <Field id="receive-summary" label="What the complaint is about">
        {(a) => <input {...a} value={complaint.summary} onChange={set('summary')} />}
      </Field>
      <Field id="receive-channel" label="How it was made">
        {(a) => <input {...a} value={complaint.channel} onChange={set('channel')} />}
      </Field>
    </FormShell>
  );
}

interface Point {
  id: string;
  summary: string;
}

/**
 * The points of the complaint definition (5.6): one row each, with the issues at each. Called as a
 * function during the form's render (not as a component), so it takes its issues before the form
 * lists the ones no field took.
 */
function pointsField(prefix: string, points: Point[], setPoints: (points: Point[]) => void, board: IssueBoard) {
  const listIssues = board.take(['definition', 'points'], true);
  return (
    <fieldset className={`field${listIssues.length > 0 ? ' invalid' : ''}`}>
      <legend>Points of complaint, as you understand them</legend>
      {points.map((point, i) => (
        <div className="point" key={i}>
          <Field id={`${prefix}-point-${i}-id`} label={`Point ${i + 1}: id`} issues={board.take(['definition', 'points', i, 'id'])}>
            {(a) => <input {...a} className="short" value={point.id} onChange={(e) => setPoints(points.map((p, j) => (j === i ? { ...p, id: e.target.value } : p)))} />}
          </Field>
          <Field id={`${prefix}-point-${i}-summary`} label="Summary" issues={board.take(['definition', 'points', i])}>
            {(a) => <input {...a} value={point.summary} onChange={(e) => setPoints(points.map((p, j) => (j === i ? { ...p, summary: e.target.value } : p)))} />}
          </Field>
          <button type="button" className="secondary small" onClick={() => setPoints(points.filter((_, j) => j !== i))} aria-label={`Remove point ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="secondary small" onClick={() => setPoints([...points, { id: `point-${points.length + 1}`, summary: '' }])}>
        Add a point
      </button>
      <IssueList issues={listIssues} />
    </fieldset>
  );
}

function AcknowledgeForm({ snapshot, at, onSend, onCancel }: FormProps) {
  // What the record already knows: the stage, the definition so far, and the response date the machine will count.
  const draft = useMemo(() => draftLetter(snapshot, 'acknowledgement', { now: at }), [snapshot, at]);
  const stage = draft.stage ?? 1;
  const [handler, setHandler] = useState('');
  const [points, setPoints] = useState<Point[]>(() => (draft.definition?.points ?? DEFINITION.points).map((p) => ({ id: p.id, summary: p.summary })));
  const [outcomes, setOutcomes] = useState(() => (draft.definition?.outcomesSought ?? DEFINITION.outcomesSought).join('\n'));
  const [respondBy, setRespondBy] = useState(draft.respondBy ?? '');
  const [clarification, setClarification] = useState('');
  const [withOmbudsman, setWithOmbudsman] = useState(true);

  const letter = compact({
    kind: 'acknowledgement',
    complaintId: draft.complaintId,
    sentOn: draft.sentOn,
    stage,
    handler: filled(handler),
    definition: { points: points.map((p) => compact({ id: filled(p.id), summary: filled(p.summary) })), outcomesSought: lines(outcomes) },
    respondBy: filled(respondBy),
    clarificationRequested: filled(clarification),
    ombudsman: withOmbudsman ? draft.ombudsman : undefined,
  });
  const { board, count, event } = checked(letter, (clean) => ({ type: 'ACKNOWLEDGE', at, letter: clean }) as ComplaintEvent);
  const fields = (
    <>
      <Field id="ack-handler" label="Who is handling the complaint" hint={stage === 2 ? 'Not the person who handled stage 1 (Code 6.13).' : 'Name and role, as the resident will read it.'} issues={board.take(['handler'])}>
        {(a) => <input {...a} value={handler} onChange={(e) => setHandler(e.target.value)} />}
      </Field>
      {pointsField('ack', points, setPoints, board)}
      <Field id="ack-outcomes" label="Outcomes the resident seeks (one a line)" issues={board.take(['definition', 'outcomesSought'])}>
        {(a) => <textarea {...a} rows={3} value={outcomes} onChange={(e) => setOutcomes(e.target.value)} />}
      </Field>
      <Field id="ack-respond-by" label="We will respond by" hint="Filled in by draftLetter: the deadline the machine will count from today." issues={board.take(['respondBy'])}>
        {(a) => <input {...a} type="date" value={respondBy} onChange={(e) => setRespondBy(e.target.value)} />}
      </Field>
      <Field id="ack-clarification" label="What we need the resident to clarify (optional)" issues={board.take(['clarificationRequested'])}>
        {(a) => <input {...a} value={clarification} onChange={(e) => setClarification(e.target.value)} />}
      </Field>
      <Checkbox id="ack-ombudsman" label="Include the Housing Ombudsman’s contact details" checked={withOmbudsman} onChange={setWithOmbudsman} issues={board.take(['ombudsman'])} />
    </>
  );
  return (
    <FormShell id="acknowledge" title={`Acknowledge at stage ${stage}`} snapshot={snapshot} event={event} issues={count} rest={board.rest()} submit="Send the acknowledgement" onSend={onSend} onCancel={onCancel}>
      {fields}
    </FormShell>
  );
}

function ExtendForm({ snapshot, view, at, calendar, onSend, onCancel }: FormProps) {
  const draft = useMemo(() => draftLetter(snapshot, 'extension-notice', { now: at }), [snapshot, at]);
  const stage = draft.stage ?? 1;
  const current = view.deadlines.respondBy;
  const [reasons, setReasons] = useState(EXTENSION_REASONS);
  const [newRespondBy, setNewRespondBy] = useState(current ? calendar.addWorkingDays(current, 5) : '');
  const [goodReason, setGoodReason] = useState('');
  const [withOmbudsman, setWithOmbudsman] = useState(true);
  const [category, setCategory] = useState('');

  const letter = compact({
    kind: 'extension-notice',
    complaintId: draft.complaintId,
    sentOn: draft.sentOn,
    stage,
    reasons: filled(reasons),
    newRespondBy: filled(newRespondBy),
    goodReason: filled(goodReason),
    ombudsman: withOmbudsman ? draft.ombudsman : undefined,
  });
  const { board, count, event } = checked(letter, (clean) => ({ type: 'EXTEND', at, letter: clean, ...(category.trim() ? { category: category.trim() } : {}) }) as ComplaintEvent);
  const fields = (
    <>
      <Field id="extend-reasons" label="Why we need more time" issues={board.take(['reasons'])}>
        {(a) => <textarea {...a} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
      </Field>
      <Field
        id="extend-until"
        label="We will now respond by"
        hint={current ? `Due now: ${formatLetterDate(current)}. At most ${stage === 1 ? 10 : 20} working days more in all without a good reason.` : undefined}
        issues={board.take(['newRespondBy'])}
      >
        {(a) => <input {...a} type="date" value={newRespondBy} onChange={(e) => setNewRespondBy(e.target.value)} />}
      </Field>
      <Field id="extend-good-reason" label="Good reason for a longer extension (optional)" issues={board.take(['goodReason'])}>
        {(a) => <input {...a} value={goodReason} onChange={(e) => setGoodReason(e.target.value)} />}
      </Field>
      <Field id="extend-category" label="Reason category for reports (optional)">
        {(a) => <input {...a} value={category} onChange={(e) => setCategory(e.target.value)} />}
      </Field>
      <Checkbox id="extend-ombudsman" label="Include the Housing Ombudsman’s contact details" checked={withOmbudsman} onChange={setWithOmbudsman} issues={board.take(['ombudsman'])} />
    </>
  );
  return (
    <FormShell id="extend" title={`Extend stage ${stage}`} snapshot={snapshot} event={event} issues={count} rest={board.rest()} submit="Send the extension notice" onSend={onSend} onCancel={onCancel}>
      {fields}
    </FormShell>
  );
}

const REMEDY_KINDS: Remedy['kind'][] = ['apology', 'explanation', 'action', 'decision-changed', 'record-amended', 'financial', 'policy-change'];

interface RemedyRow {
  kind: Remedy['kind'];
  description: string;
  pounds: string;
  dueOn: string;
}
interface ActionRow {
  description: string;
  dueOn: string;
}
type FindingRow = { upheld: boolean; reasons: string };

const decisionOf = (findings: readonly FindingRow[]) => {
  const upheld = findings.filter((f) => f.upheld).length;
  return upheld === 0 ? 'not-upheld' : upheld === findings.length ? 'upheld' : 'partly-upheld';
};

function RespondForm({ snapshot, view, at, calendar, onSend, onCancel }: FormProps) {
  const stage: 1 | 2 = view.stage === 'stage2' ? 2 : 1;
  const kind = stage === 1 ? 'stage1-response' : 'stage2-response';
  // The definition, every remedy and action still open, and the Ombudsman's details, from the record.
  const draft = useMemo(() => draftLetter(snapshot, kind, { now: at }), [snapshot, kind, at]);
  const points = draft.definition?.points ?? [];
  const [findings, setFindings] = useState<FindingRow[]>(() => points.map((p) => ({ upheld: FINDINGS[stage][p.id]?.upheld ?? false, reasons: FINDINGS[stage][p.id]?.reasons ?? '' })));
  const [decision, setDecision] = useState(() => decisionOf(findings));
  const [remedies, setRemedies] = useState<RemedyRow[]>(() =>
    REMEDIES[stage].map((r) => ({
      kind: r.kind,
      description: r.description,
      pounds: r.amountPence ? (r.amountPence / 100).toFixed(2) : '',
      dueOn: r.inWorkingDays ? calendar.addWorkingDays(draft.sentOn, r.inWorkingDays) : '',
    })),
  );
  const [actions, setActions] = useState<ActionRow[]>(() => [
    ...(draft.outstandingActions ?? []).map((a) => ({ description: a.description, dueOn: a.dueOn ?? '' })),
    ...(stage === 1 ? STAGE1_ACTIONS.map((a) => ({ description: a.description, dueOn: calendar.addWorkingDays(draft.sentOn, a.inWorkingDays) })) : []),
  ]);
  const [route, setRoute] = useState(stage === 1 ? ESCALATION_ROUTE : OMBUDSMAN_ROUTE);
  const [cause, setCause] = useState('');

  const letter = compact({
    kind,
    complaintId: draft.complaintId,
    sentOn: draft.sentOn,
    stage,
    definition: draft.definition,
    decision,
    findings: points.map((p, i) => compact({ pointId: p.id, upheld: findings[i]?.upheld ?? false, reasons: filled(findings[i]?.reasons ?? '') })),
    remedies: remedies.map((r) => compact({ kind: r.kind, description: filled(r.description), amountPence: pence(r.pounds), dueOn: filled(r.dueOn) })),
    outstandingActions: actions.map((a) => compact({ description: filled(a.description), dueOn: filled(a.dueOn) })),
    ...(stage === 1 ? { escalation: compact({ route: filled(route), requestBy: (draft as { escalation?: { requestBy?: string } }).escalation?.requestBy }) } : { ombudsmanRoute: filled(route) }),
    ombudsman: draft.ombudsman,
  });
  const { board, count, event } = checked(letter, (clean) => ({ type: 'RESPOND', at, letter: clean, ...(cause.trim() ? { cause: cause.trim() } : {}) }) as ComplaintEvent);
  const setFinding = (i: number, change: Partial<FindingRow>) => setFindings(findings.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const setRemedy = (i: number, change: Partial<RemedyRow>) => setRemedies(remedies.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const setAction = (i: number, change: Partial<ActionRow>) => setActions(actions.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const remedyListIssues = board.take(['remedies'], true);
  const actionListIssues = board.take(['outstandingActions'], true);

  const fields = (
    <>
      <Field id="respond-decision" label="Our decision" hint="It must agree with the findings below." issues={board.take(['decision'])}>
        {(a) => (
          <select {...a} value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)}>
            <option value="upheld">Upheld</option>
            <option value="partly-upheld">Partly upheld</option>
            <option value="not-upheld">Not upheld</option>
          </select>
        )}
      </Field>
      <fieldset className="field">
        <legend>Findings, point by point</legend>
        {points.map((point, i) => {
          const pointIssues = [...board.take(['definition', 'points', i]), ...board.take(['findings', i], true), ...board.take(['findings', i, 'pointId'])];
          return (
            <div className={`finding${pointIssues.length > 0 ? ' invalid' : ''}`} key={point.id}>
              <p className="point-summary">
                <strong>{point.id}</strong>: {point.summary}
              </p>
              <Checkbox id={`respond-upheld-${i}`} label="Upheld" checked={findings[i]?.upheld ?? false} onChange={(upheld) => setFinding(i, { upheld })} issues={board.take(['findings', i, 'upheld'])} />
              <Field id={`respond-reasons-${i}`} label="Reasons" issues={board.take(['findings', i, 'reasons'])}>
                {(a) => <textarea {...a} rows={2} value={findings[i]?.reasons ?? ''} onChange={(e) => setFinding(i, { reasons: e.target.value })} />}
              </Field>
              <IssueList issues={pointIssues} />
            </div>
          );
        })}
        <IssueList issues={[...board.take(['findings'], true), ...board.take(['definition'])]} />
      </fieldset>
      <fieldset className={`field${remedyListIssues.length > 0 ? ' invalid' : ''}`}>
        <legend>Putting things right (remedies)</legend>
        {remedies.map((remedy, i) => (
          <div className="remedy" key={i}>
            <Field id={`respond-remedy-${i}-kind`} label={`Remedy ${i + 1}`} issues={board.take(['remedies', i, 'kind'])}>
              {(a) => (
                <Choice a={a} values={REMEDY_KINDS} value={remedy.kind} onChange={(kind) => setRemedy(i, { kind })} />
              )}
            </Field>
            <Field id={`respond-remedy-${i}-description`} label="What will happen" issues={board.take(['remedies', i, 'description'])}>
              {(a) => <input {...a} value={remedy.description} onChange={(e) => setRemedy(i, { description: e.target.value })} />}
            </Field>
            <Field id={`respond-remedy-${i}-amount`} label="Amount (£)" issues={board.take(['remedies', i, 'amountPence'])}>
              {(a) => <input {...a} className="short" inputMode="decimal" value={remedy.pounds} onChange={(e) => setRemedy(i, { pounds: e.target.value })} />}
            </Field>
            <Field id={`respond-remedy-${i}-due`} label="By" issues={board.take(['remedies', i])}>
              {(a) => <input {...a} type="date" value={remedy.dueOn} onChange={(e) => setRemedy(i, { dueOn: e.target.value })} />}
            </Field>
            <button type="button" className="secondary small" onClick={() => setRemedies(remedies.filter((_, j) => j !== i))} aria-label={`Remove remedy ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setRemedies([...remedies, { kind: 'action', description: '', pounds: '', dueOn: '' }])}>
          Add a remedy
        </button>
        <IssueList issues={remedyListIssues} />
      </fieldset>
      <fieldset className={`field${actionListIssues.length > 0 ? ' invalid' : ''}`}>
        <legend>What we still have to do</legend>
        {actions.map((action, i) => (
          <div className="action" key={i}>
            <Field id={`respond-action-${i}-description`} label={`Action ${i + 1}`} issues={board.take(['outstandingActions', i, 'description'])}>
              {(a) => <input {...a} value={action.description} onChange={(e) => setAction(i, { description: e.target.value })} />}
            </Field>
            <Field id={`respond-action-${i}-due`} label="By" issues={board.take(['outstandingActions', i])}>
              {(a) => <input {...a} type="date" value={action.dueOn} onChange={(e) => setAction(i, { dueOn: e.target.value })} />}
            </Field>
            <button type="button" className="secondary small" onClick={() => setActions(actions.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setActions([...actions, { description: '', dueOn: '' }])}>
          Add an action
        </button>
        <IssueList issues={actionListIssues} />
      </fieldset>
      <Field
        id="respond-route"
        label={stage === 1 ? 'How to take the complaint to stage 2' : 'How to take the complaint to the Housing Ombudsman'}
        issues={board.take([stage === 1 ? 'escalation' : 'ombudsmanRoute'])}
      >
        {(a) => <textarea {...a} rows={2} value={route} onChange={(e) => setRoute(e.target.value)} />}
      </Field>
      <Field id="respond-cause" label="Root cause, for learning (optional)">
        {(a) => <input {...a} value={cause} onChange={(e) => setCause(e.target.value)} />}
      </Field>
    </>
  );
  return (
    <FormShell id="respond" title={stage === 1 ? 'Stage 1 response' : 'Stage 2 (final) response'} snapshot={snapshot} event={event} issues={count} rest={board.rest()} submit="Send the response" onSend={onSend} onCancel={onCancel}>
      {fields}
    </FormShell>
  );
}

function RefusalForm({ type, snapshot, at, onSend, onCancel }: FormProps) {
  const declining = type === 'DECLINE';
  const kind = declining ? 'decline-notice' : 'escalation-refusal';
  const draft = useMemo(() => draftLetter(snapshot, kind, { now: at }), [snapshot, kind, at]);
  const choices = declining ? (['legal-proceedings', 'outside-time-limit', 'previously-considered', 'not-a-complaint'] as const) : (['previously-considered', 'legal-proceedings', 'outside-policy-window'] as const);
  const [reason, setReason] = useState<string>(choices[0]);
  const [reasons, setReasons] = useState('');
  const letter = compact({ kind, complaintId: draft.complaintId, sentOn: draft.sentOn, reasons: filled(reasons), ombudsman: draft.ombudsman });
  const { board, count, event } = checked(letter, (clean) => ({ type, at, reason, letter: clean }) as ComplaintEvent);
  const fields = (
    <>
      <Field id="refusal-reason" label="The reason in section 2 of the Code">
        {(a) => (
          <Choice a={a} values={choices as readonly string[]} value={reason} onChange={setReason} />
        )}
      </Field>
      <Field id="refusal-reasons" label="The reasons, as the resident will read them" issues={board.take(['reasons'])}>
        {(a) => <textarea {...a} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />}
      </Field>
    </>
  );
  return (
    <FormShell
      id="refusal"
      title={declining ? 'Decline the complaint' : 'Refuse to escalate'}
      snapshot={snapshot}
      event={event}
      issues={count}
      rest={board.rest()}
      submit={declining ? 'Send the decline notice' : 'Send the refusal'}
      onSend={onSend}
      onCancel={onCancel}
    >
      {fields}
    </FormShell>
  );
}

function AddIssueForm({ snapshot, at, onSend, onCancel }: FormProps) {
  const [id, setId] = useState('');
  const [summary, setSummary] = useState('');
  const [related, setRelated] = useState(true);
  const event = { type: 'ADD_ISSUE', at, point: { id, summary }, related } as ComplaintEvent;
  return (
    <FormShell id="add-issue" title="A new issue raised during stage 1" snapshot={snapshot} event={event} issues={0} rest={[]} submit="Add the issue" onSend={onSend} onCancel={onCancel}>
      <Field id="issue-id" label="Point id">
        {(a) => <input {...a} className="short" value={id} onChange={(e) => setId(e.target.value)} />}
      </Field>
      <Field id="issue-summary" label="Summary">
        {(a) => <input {...a} value={summary} onChange={(e) => setSummary(e.target.value)} />}
      </Field>
      <Checkbox id="issue-related" label="Related to the complaint under investigation" checked={related} onChange={setRelated} />
    </FormShell>
  );
}

function OfferRemedyForm({ snapshot, at, onSend, onCancel }: FormProps) {
  const [remedy, setRemedy] = useState({ id: 'goodwill-1', kind: 'financial' as Remedy['kind'], description: '', pounds: '', dueOn: '' });
  const event = {
    type: 'OFFER_REMEDY',
    at,
    remedy: compact({ id: remedy.id, kind: remedy.kind, description: remedy.description, amountPence: pence(remedy.pounds), dueOn: filled(remedy.dueOn) }),
  } as ComplaintEvent;
  return (
    <FormShell id="offer-remedy" title="Offer a remedy" snapshot={snapshot} event={event} issues={0} rest={[]} submit="Offer the remedy" onSend={onSend} onCancel={onCancel}>
      <Field id="remedy-id" label="Id, to follow it through">
        {(a) => <input {...a} className="short" value={remedy.id} onChange={(e) => setRemedy({ ...remedy, id: e.target.value })} />}
      </Field>
      <Field id="remedy-kind" label="Kind">
        {(a) => (
          <Choice a={a} values={REMEDY_KINDS} value={remedy.kind} onChange={(kind) => setRemedy({ ...remedy, kind })} />
        )}
      </Field>
      <Field id="remedy-description" label="What will happen">
        {(a) => <input {...a} value={remedy.description} onChange={(e) => setRemedy({ ...remedy, description: e.target.value })} />}
      </Field>
      <Field id="remedy-amount" label="Amount (£)">
        {(a) => <input {...a} className="short" inputMode="decimal" value={remedy.pounds} onChange={(e) => setRemedy({ ...remedy, pounds: e.target.value })} />}
      </Field>
      <Field id="remedy-due" label="By">
        {(a) => <input {...a} type="date" value={remedy.dueOn} onChange={(e) => setRemedy({ ...remedy, dueOn: e.target.value })} />}
      </Field>
    </FormShell>
  );
}

function CompleteActionForm({ snapshot, view, at, onSend, onCancel }: FormProps) {
  const items = [
    ...view.outstandingActions.map((item) => ({ id: item.id, label: `${item.description}${item.dueOn ? ` (by ${item.dueOn})` : ''}` })),
    ...view.openDeadlines.filter((d) => d.deadline.startsWith('timer:')).map((d) => ({ id: d.deadline.slice('timer:'.length), label: `Policy timer ${d.deadline.slice(6)} (${d.provision})` })),
  ];
  const [id, setId] = useState(items[0]?.id ?? '');
  const event = { type: 'COMPLETE_ACTION', at, id } as ComplaintEvent;
  return (
    <FormShell id="complete-action" title="Complete a remedy or action" snapshot={snapshot} event={event} issues={0} rest={[]} submit="Mark it done" onSend={onSend} onCancel={onCancel}>
      <Field id="complete-id" label="Which">
        {(a) => (
          <select {...a} value={id} onChange={(e) => setId(e.target.value)}>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormShell>
  );
}

const OMBUDSMAN_FINDINGS = ['no-maladministration', 'service-failure', 'maladministration', 'severe-maladministration', 'reasonable-redress', 'outside-jurisdiction', 'withdrawn'] as const;

function DeterminationForm({ snapshot, at, onSend, onCancel }: FormProps) {
  const [element, setElement] = useState('');
  const [finding, setFinding] = useState<string>('maladministration');
  const [orders, setOrders] = useState('');
  const event = { type: 'OMBUDSMAN_DETERMINATION', at, findings: [compact({ element, finding, orders: lines(orders).length > 0 ? lines(orders) : undefined })] } as ComplaintEvent;
  return (
    <FormShell id="determination" title="The Housing Ombudsman’s determination" snapshot={snapshot} event={event} issues={0} rest={[]} submit="Record the determination" onSend={onSend} onCancel={onCancel}>
      <Field id="determination-element" label="Element of the complaint">
        {(a) => <input {...a} value={element} onChange={(e) => setElement(e.target.value)} />}
      </Field>
      <Field id="determination-finding" label="Finding">
        {(a) => (
          <Choice a={a} values={OMBUDSMAN_FINDINGS as readonly string[]} value={finding} onChange={setFinding} />
        )}
      </Field>
      <Field id="determination-orders" label="Orders (one a line, optional)">
        {(a) => <textarea {...a} rows={2} value={orders} onChange={(e) => setOrders(e.target.value)} />}
      </Field>
    </FormShell>
  );
}
