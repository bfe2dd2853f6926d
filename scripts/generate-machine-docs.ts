/**
 * Writes `docs/machine.md` from the code: the states from the machine itself, `checkPolicy` for
 * both shipped policies, and a table of refusals produced by running each scenario through
 * `explain`. `test/machine/docs.test.ts` fails when the page is out of date. Run with
 * `npm run generate:docs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import type { AnyStateNode } from 'xstate';
import { checkPolicy, createComplaintMachine, explain, policies, replay, type ComplaintEvent, type PolicyConflict } from '../src/index.js';
import { lifecycle } from '../examples/lifecycle.js';

export const MACHINE_DOCS_PATH = fileURLToPath(new URL('../docs/machine.md', import.meta.url));

const cell = (text: string) => text.replace(/\|/g, '\\|');
const byType = (type: ComplaintEvent['type'], nth = 0) => lifecycle.filter((e) => e.type === type)[nth]!;
/** The example's accepted events: it also shows one refusal (the stage 1 handler at stage 2). */
const history = lifecycle.filter((e) => e !== byType('ACKNOWLEDGE', 1));
const upTo = (event: ComplaintEvent) => history.slice(0, history.indexOf(event));
const through = (event: ComplaintEvent) => history.slice(0, history.indexOf(event) + 1);

interface Scenario {
  rule: string;
  machine?: ReturnType<typeof createComplaintMachine>;
  before: ComplaintEvent[];
  event: ComplaintEvent;
}

const asWritten = createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false });
const ppEnforced = createComplaintMachine({ policy: policies.peaksPlainsV4 });
const acknowledged = upTo(byType('OFFER_REMEDY'));
const responded = upTo(byType('ESCALATE'));
const receiveOld = { ...byType('RECEIVE'), complaint: { ...(byType('RECEIVE') as Extract<ComplaintEvent, { type: 'RECEIVE' }>).complaint, issueDate: '2024-05-01', safetyConcern: false } } as ComplaintEvent;
const declineOld: ComplaintEvent = {
  type: 'DECLINE',
  at: '2024-12-23T09:00:00Z',
  reason: 'outside-time-limit',
  letter: { kind: 'decline-notice', complaintId: 'C-2024-0142', sentOn: '2024-12-23', reasons: 'The issue is more than six months old.', ombudsman: { ...policiesOmbudsman() } },
};

const EVENTS_SOURCE = fileURLToPath(new URL('../src/machine/events.ts', import.meta.url));

/** The TSDoc summary of a node, on one line, and whether it is deprecated. */
function docOf(node: ts.Node): { text: string; deprecated: boolean } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ').replace(/\s+/g, ' ').trim();
  return { text, deprecated: ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'deprecated') };
}

/** Every event with its payload, read from the `ComplaintEvent` type and its TSDoc in src/machine/events.ts. */
function eventsSection(): string {
  const source = ts.createSourceFile(EVENTS_SOURCE, readFileSync(EVENTS_SOURCE, 'utf8'), ts.ScriptTarget.Latest, true);
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'ComplaintEvent')!;
  const members = (alias.type as ts.UnionTypeNode).types.filter(ts.isTypeLiteralNode);
  return members
    .map((member) => {
      const props = member.members.filter(ts.isPropertySignature);
      const typeProp = props.find((p) => p.name.getText(source) === 'type')!;
      const name = (typeProp.type as ts.LiteralTypeNode).literal.getText(source).replace(/'/g, '');
      const { text, deprecated } = docOf(typeProp);
      const rows = props
        .filter((p) => p !== typeProp)
        .map((p) => {
          const type = p.type!;
          const shown = ts.isTypeLiteralNode(type)
            ? `{ ${type.members.filter(ts.isPropertySignature).map((m) => `${m.name.getText(source)}${m.questionToken ? '?' : ''}`).join(', ')} }`
            : type.getText(source).replace(/\s+/g, ' ');
          return `| \`${p.name.getText(source)}\` | ${p.questionToken ? 'no' : 'yes'} | \`${cell(shown)}\` | ${cell(docOf(p).text)} |`;
        });
      const summary = deprecated ? text.replace(/ ?Send the .*$/, '') : text;
      return [
        `### \`${name}\`${deprecated ? ' (deprecated shape)' : ''}`,
        '',
        summary + (deprecated ? ' **Deprecated**: send the letter as \`letter\` instead; this shape goes in the next minor version.' : ''),
        '',
        '| Field | Required | Type | What |',
        '| --- | --- | --- | --- |',
        ...rows,
      ].join('\n');
    })
    .join('\n\n');
}

function policiesOmbudsman() {
  return { name: 'Housing Ombudsman Service', address: 'PO Box 1484, Unit D, Preston PR2 0ET', phone: '0300 111 3000', email: 'info@housing-ombudsman.org.uk', website: 'www.housing-ombudsman.org.uk' };
}

const SCENARIOS: Scenario[] = [
  { rule: 'Stage 2 is handled by someone other than the stage 1 handler', before: upTo(byType('ACKNOWLEDGE', 2)), event: byType('ACKNOWLEDGE', 1) },
  { rule: 'A new response date is not already past when it is given', before: acknowledged, event: { type: 'EXTEND', at: '2025-01-14T10:00:00Z', until: '2025-01-13', reason: 'Survey', ombudsmanDetailsGiven: true } },
  { rule: 'An extension comes with the Ombudsman’s details', before: acknowledged, event: { type: 'EXTEND', at: '2025-01-08T10:00:00Z', until: '2025-01-20', reason: 'Survey', ombudsmanDetailsGiven: false } },
  { rule: 'Extensions total at most 10 working days at stage 1 without a good reason', before: acknowledged, event: { type: 'EXTEND', at: '2025-01-08T10:00:00Z', until: '2025-01-24', reason: 'Survey', ombudsmanDetailsGiven: true } },
  {
    rule: 'A response addresses every point of the definition, including related issues added at stage 1',
    before: [...acknowledged, { type: 'ADD_ISSUE', at: '2024-12-27T10:00:00Z', point: { id: 'fence', summary: 'The broken garden fence' }, related: true }],
    event: byType('RESPOND'),
  },
  { rule: 'A response letter has every part the Code requires', before: acknowledged, event: { ...byType('RESPOND'), letter: { ...(byType('RESPOND') as Extract<ComplaintEvent, { type: 'RESPOND' }>).letter, escalation: { route: '' } } } as ComplaintEvent },
  { rule: 'An unrelated new issue is a new complaint', before: acknowledged, event: { type: 'ADD_ISSUE', at: '2024-12-27T10:00:00Z', point: { id: 'noise', summary: 'Noise from next door' }, related: false } },
  { rule: 'Stage 2 follows the stage 1 response', before: acknowledged, event: { type: 'ESCALATE', at: '2024-12-27T10:00:00Z' } },
  { rule: 'There is no third stage', before: through(byType('RESPOND', 1)), event: { type: 'ESCALATE', at: '2025-03-05T10:00:00Z' } },
  { rule: 'Once accepted, a complaint is declined only when legal proceedings start (2.2)', before: acknowledged, event: { ...declineOld, at: '2024-12-27T10:00:00Z' } },
  { rule: 'An issue within 12 months of receipt is not declined as out of time (Code enforced, even under a 6-month policy)', machine: ppEnforced, before: [{ ...receiveOld, complaint: { ...(receiveOld as Extract<ComplaintEvent, { type: 'RECEIVE' }>).complaint, issueDate: '2024-05-20' } } as ComplaintEvent], event: declineOld },
  { rule: 'A late request for stage 2 is not a reason to refuse it', before: [...responded, { type: 'ESCALATE', at: '2025-03-10T09:00:00Z' }], event: { type: 'REFUSE_ESCALATION', at: '2025-03-11T10:00:00Z', reason: 'outside-policy-window', letter: { kind: 'escalation-refusal', complaintId: 'C-2024-0142', sentOn: '2025-03-11', reasons: 'Your request was late.', ombudsman: policiesOmbudsman() } } },
  { rule: 'As written, Peaks & Plains requires reasons for stage 2 (policy 6.3.1; the Code forbids this, 6.12)', machine: asWritten, before: responded, event: { type: 'ESCALATE', at: '2025-01-30T09:00:00Z' } },
  { rule: 'Events arrive in order', before: acknowledged, event: { type: 'TICK', at: '2024-12-01T10:00:00Z' } },
];

function refusalsTable(): string {
  const rows = ['| Rule | Provision | What explain() says when it is broken |', '| --- | --- | --- |'];
  for (const scenario of SCENARIOS) {
    const machine = scenario.machine ?? createComplaintMachine();
    const { snapshot, rejected } = replay(machine, scenario.before);
    if (rejected.length > 0) throw new Error(`Scenario "${scenario.rule}": its history was refused: ${JSON.stringify(rejected[0]!.reasons)}`);
    const explanation = explain(snapshot, scenario.event);
    if (explanation.allowed) throw new Error(`Scenario "${scenario.rule}" was allowed`);
    const reason = explanation.reasons[0]!;
    rows.push(`| ${cell(scenario.rule)} | ${reason.provision ?? ''} | ${cell(reason.message)} |`);
  }
  return rows.join('\n');
}

function conflictsTable(conflicts: PolicyConflict[]): string {
  if (conflicts.length === 0) return '`[]`: no conflicts.';
  return ['| Provision | Policy rule | Gives way to the Code when enforced | Conflict |', '| --- | --- | --- | --- |', ...conflicts.map((c) => `| ${c.provision} | \`${c.policyRule}\` | ${c.givesWay ? 'yes' : 'no (reported)'} | ${cell(c.message)} |`)].join('\n');
}

function statesList(): string {
  const lines: string[] = [];
  const walk = (node: AnyStateNode, depth: number) => {
    for (const [key, child] of Object.entries(node.states)) {
      const events = Object.keys(child.on).filter((type) => !Object.keys(node.machine.root.on).includes(type));
      lines.push(`${'  '.repeat(depth)}- \`${key}\`${child.type === 'parallel' ? ' (parallel)' : ''}${events.length ? `: ${events.join(', ')}` : ''}`);
      walk(child, depth + 1);
    }
  };
  const machine = createComplaintMachine();
  lines.push(`- \`complaint\` (parallel; at any point after RECEIVE: ${Object.keys(machine.root.on).join(', ')})`);
  walk(machine.root, 1);
  return lines.join('\n');
}

export function generateMachineDocs(): string {
  return `<!-- Generated by scripts/generate-machine-docs.ts: do not edit by hand. Run \`npm run generate:docs\`. -->

# The complaint machine

\`housing-complaints/machine\` is the Complaint Handling Code 2024's two-stage process as an XState v5
statechart. Import it into a housing system, persist and replay it, embed it in a screen, and show
it to managers in Stately (the machine is built with \`setup()\`, so its guards and actions are named).

\`\`\`ts
import { createComplaintMachine, describeComplaint, explain, replay } from 'housing-complaints/machine';

const machine = createComplaintMachine(); // the Code 2024, enforced
const { snapshot, rejected } = replay(machine, [
  { type: 'RECEIVE', at: '2024-12-20T16:45:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } },
  { type: 'RESPOND', at: '2024-12-21T10:00:00Z', letter: {} },
]);
rejected[0].reasons[0].provision; //=> '6.2'
describeComplaint(snapshot).deadlines.acknowledgeBy; //=> '2024-12-31'
explain(snapshot, { type: 'ESCALATE', at: '2024-12-23T10:00:00Z' }).allowed; //=> false
\`\`\`

## Pure, deterministic, persistent

- No clock, no I/O, no \`after\` timers, no invoked actors. Every event carries \`at\`, an ISO
  instant; the machine takes its UK date (\`toUkDate\`, BST aware) and counts working days of the
  complaint's division. The host sends \`TICK\` (say, nightly) to record deadlines missed meanwhile.
- The same events always give the same snapshot. An event earlier than the last accepted one is
  refused (5.12: the record must be accurate).
- Context is plain JSON (its type is inferred from the zod schema \`ComplaintContext\`).
  \`serialize(snapshot)\` stores it with the machine version; \`restore(machine, json)\` returns a
  snapshot for \`createActor(machine, { snapshot })\`, or throws \`SnapshotRestoreError\` listing every
  problem (\`problems\` as lines, \`issues\` with each field, the value stored and the value
  recomputed). A machine or snapshot that no \`createComplaintMachine\` of this version made gets
  \`ForeignMachineError\` from \`restore\` and the views (see [installing.md](installing.md)).
- **One definition of a valid record.** Before the machine accepts an event it makes the record the
  event would leave and checks it with the same rules \`restore\` applies, so nothing accepted can
  fail to load again. A record is valid when it has the shape of \`ComplaintContext\` and everything
  that can be recomputed agrees: every deadline from its dates, the policy and the calendar
  (acknowledgement and response deadlines, extensions and their working days, the policy's
  timers); the order of its dates (nothing after the last event, letters in the order sent, stage 2
  after the stage 1 response); the response letters behind each response date and decision; a
  stage 2 handler who is not the stage 1 handler (6.13); unique remedy and action ids; every date
  inside the working-day clock's span (2000 to 2100); and the fingerprints of the policy's content
  and of the calendar (division, closures, extra holidays, forced working days), so that a policy
  with the same id but other rules, or a calendar without the landlord's closures, cannot read it.
  A version 1 snapshot (before fingerprints) gets this machine's fingerprints and is then checked
  the same way.
- **Plain data, read once.** Every event is copied into plain data before it is judged (a getter is
  read once, a Proxy or a class instance is refused), and the record holds that copy: changing an
  event object after sending it, or the object given to \`restore\`, changes nothing on the record.
- **No input crashes the host.** Guards and actions never throw, so an actor never reaches XState's
  error state through them; every public function answers or throws a typed
  \`HousingComplaintsError\` synchronously. XState itself reads an event's \`type\` before any guard:
  send events through \`sendEvent\` (or \`step\`), which refuse anything without a string \`type\`.
- \`replay(machine, events)\` takes an array or any iterable, reports refused events with their
  reasons and never throws for them; a malformed event (not a complaint event at all, a hole in the
  array, not plain data) throws \`MalformedEventError\` with its index. \`{ from }\` continues a
  snapshot only of the same policy and calendar.
- Every event is answered. \`step(machine, snapshot, event)\` applies one event purely (no actor)
  and returns \`{ snapshot, accepted, reasons, breaches }\`: the refusals with their provisions, or
  the notes and breaches the event recorded; it answers every event rather than throw. A host driving an actor gets the
  same answer from \`sendEvent(actor, event)\` instead of \`actor.send(event)\`, which cannot say
  that an event was refused.

\`\`\`ts
import { createActor } from 'xstate';
import { createComplaintMachine, sendEvent } from 'housing-complaints/machine';

const actor = createActor(createComplaintMachine()).start();
sendEvent(actor, { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } }).accepted; //=> true
const answer = sendEvent(actor, { type: 'ESCALATE', at: '2025-01-07T09:00:00Z' });
answer.accepted; //=> false
answer.reasons[0].provision; //=> '6.10'
\`\`\`

## Events

Every event is a plain object with its \`type\` and \`at\` (the ISO instant it happened). Each
section below is read from the \`ComplaintEvent\` type, so the page cannot disagree with it.

${eventsSection()}

## States

${statesList()}

The process never has a third stage or a stage 0 (5.2, 5.3). \`closed\` is not final: remedies and
outstanding actions are followed through after the response (6.6, 6.17), and the resident may go to
the Housing Ombudsman.

## Deadlines

| Deadline | From | Working days | Code |
| --- | --- | --- | --- |
| Acknowledge stage 1 | the UK date of receipt (day 0) | 5 | 6.2 |
| Respond at stage 1 | the acknowledgement | 10 | 6.3 |
| Extend at stage 1 | the original response date | at most 10 more without a good reason | 6.4, 6.5 |
| Acknowledge stage 2 | the escalation request | 5 | 6.11 |
| Respond at stage 2 | the stage 2 acknowledgement | 20 | 6.14 |
| Extend at stage 2 | the original response date | at most 20 more without a good reason | 6.15, 6.16 |
| Remedies and outstanding actions | their own \`dueOn\` | | 7.3, 6.6, 6.17 |

A step taken late is still accepted (the Code wants the answer) and the breach is recorded with its
provision; \`describeComplaint(snapshot, { now })\` lists what is overdue, and which deadlines lie
beyond the official bank holiday data (\`provisional\`).

## Refusals, and why

\`explain(snapshot, event)\` runs the guards' own rules. Each row below was produced by running the
scenario through it.

${refusalsTable()}

## Policies as data, and the Code as the floor

A policy is a zod-validated object (\`Policy\`): timescales, extra named stages, the exclusion
window and its exceptions, the escalation window and whether reasons are required, when the
Ombudsman's details go with an extension, and extra timers. Two ship: \`policies.code2024\` (the
default) and \`policies.peaksPlainsV4\`, a real landlord's July 2023 policy (seed 000) that predates
the Code.

With \`enforceCode: true\` (the default) the Code is the floor: a policy may be stricter with the
landlord (shorter timescales), but a rule that takes a right away from the resident gives way to
the Code, and \`explain\` says which rule gave way. With \`enforceCode: false\` the policy runs as
written: for landlords outside the Code's reach, and to show what the old policy would have done.

### \`checkPolicy(policies.code2024)\`

${conflictsTable(checkPolicy(policies.code2024))}

### \`checkPolicy(policies.peaksPlainsV4)\`

${conflictsTable(checkPolicy(policies.peaksPlainsV4))}

The June 2024 self-assessment (seed 001) answers "Yes" to 2.3 and 6.12 while citing a 12-month
window and a 28-day escalation period: the policy document and the self-assessment disagree, and the
policy as written is what \`policies.peaksPlainsV4\` encodes.

Peaks & Plains' timers (quick fix within 2 working days, 6.1.1; the investigating manager's contact
within 3 working days of the acknowledgement, 6.2.1) run as timers, not stages: complete one with
\`COMPLETE_ACTION\` and its id, or a \`TICK\` after its date records the miss against the policy
paragraph.

## Views for a host

- \`describeComplaint(snapshot, { now })\`: stage (\`new\`, \`received\`, \`stage1\`, \`stage2\`,
  \`closed\`), status, the current stage's deadlines, every open deadline, what is overdue at \`now\`,
  provisional dates, outcome, closure, outstanding actions, breaches, consent, the Ombudsman.
- \`nextEvents(snapshot)\`: the event types a user could send now, for buttons.
- \`explain(snapshot, event)\`: \`{ allowed, reasons }\`, each reason naming its provision.
- \`step(machine, snapshot, event)\` and \`sendEvent(actor, event)\`: what an event did, accepted or
  refused with its reasons, and the breaches it recorded.
- \`draftLetter(snapshot, kind, { now })\`: a letter filled in from the record (the stage, the
  definition, the response date the machine will count, the open remedies and actions, the
  Ombudsman's details), for the host to complete and send with its event.
- \`worklist(snapshots, { now, within })\`: every open deadline across complaints that is overdue or
  due within N working days, nearest first, in each complaint's division.
- \`projectTimeline(snapshot)\`: a received complaint's acknowledgement and response deadlines, with
  and without the longest extension the policy allows without a good reason.

## Speed

\`npm run bench\` replays 100,000 generated complaints (8 events each, both stages) and compares with a
bare two-state XState machine driven the same way in the same run; see the README for the figures.
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(MACHINE_DOCS_PATH, generateMachineDocs());
  console.log(`Wrote ${MACHINE_DOCS_PATH}`);
}
