/**
 * `npm run demo`: one sample complaint, from its deadlines to its final response and beyond.
 *
 * A resident complains late on the Friday before Christmas 2024 about a kitchen leak chased three
 * times and damp and mould in a bedroom. First its statutory deadlines in each UK division (each
 * has its own bank holidays); then its whole life through the complaint machine (both stages, an
 * extension, a refused step explained, remedies followed through after the final response); then
 * a Scottish complaint under the SPSO model procedure, and an English damp-and-mould complaint with
 * Awaab's Law's hazard deadlines beside it; then the stage 1 response letter, validated against the
 * Code and rendered as a housing officer sends it;
 * last, a year of 300 generated complaints kept in an SQLite file in a temporary folder (closed and
 * opened again, as after a restart, to answer the morning's work queue), then the regulator's
 * measures, the annual report and the self-assessment of a landlord's policy.
 */
import {
  REGIONS,
  checkPolicy,
  createComplaintMachine,
  createWorkingDayCalendar,
  describeComplaint,
  policies,
  readability,
  draftLetter,
  projectTimeline,
  replay,
  renderLetter,
  step,
  worklist,
  toUkDate,
  validateLetter,
  tenantSatisfactionMeasures,
  annualReport,
  renderAnnualReport,
  selfAssessment,
  explain,
  toRecord,
  toUkDateTime,
  type ComplaintEvent,
  type ComplaintMachine,
  type ComplaintSnapshot,
  type ComplaintView,
  type IsoDate,
  type WorkingDayCalendar,
} from 'housing-complaints';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from 'housing-complaints/store/sqlite';
import { generateEventLog } from '../scripts/generate-events.js';
import { landlord, resident, stage1Response } from './letters/samples.js';
import { lifecycle } from './lifecycle.js';
import { dampAndMould, emergencyOnFriday, scottishComplaint } from './beyond-england.js';

const sample = {
  receivedAt: '2024-12-20T16:45:00Z',
  escalatedAt: '2025-03-11T10:15:00Z',
};

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const show = (calendar: WorkingDayCalendar, date: IsoDate) =>
  `${longDate.format(new Date(`${date}T00:00:00Z`))}${calendar.isProvisional(date) ? ' (provisional)' : ''}`;

interface Step {
  label: string;
  provision: string;
  date: IsoDate;
}

function deadlines(calendar: WorkingDayCalendar): Step[] {
  const received = toUkDate(sample.receivedAt);
  const acknowledgeBy = calendar.addWorkingDays(received, 5);
  const respondBy = calendar.addWorkingDays(acknowledgeBy, 10);
  const escalated = toUkDate(sample.escalatedAt);
  const stage2AcknowledgeBy = calendar.addWorkingDays(escalated, 5);
  const stage2RespondBy = calendar.addWorkingDays(stage2AcknowledgeBy, 20);
  return [
    { label: 'Complaint received', provision: '', date: received },
    { label: 'Stage 1: acknowledge by (5 working days)', provision: '6.2', date: acknowledgeBy },
    { label: 'Stage 1: respond by (10 after acknowledging)', provision: '6.3', date: respondBy },
    { label: 'Stage 2 requested', provision: '', date: escalated },
    { label: 'Stage 2: acknowledge by (5 working days)', provision: '6.11', date: stage2AcknowledgeBy },
    { label: 'Stage 2: respond by (20 after acknowledging)', provision: '6.14', date: stage2RespondBy },
  ];
}

console.log('Sample complaint: received 20 Dec 2024 16:45 UTC, stage 2 requested 11 Mar 2025.');
console.log('Each acknowledgement is assumed sent on its last permitted day.\n');
for (const region of REGIONS) {
  const calendar = createWorkingDayCalendar({ region });
  console.log(`${region}`);
  for (const step of deadlines(calendar)) {
    const code = step.provision ? `Code ${step.provision}` : '';
    console.log(`  ${step.label.padEnd(46)} ${show(calendar, step.date).padEnd(18)} ${code}`);
  }
  const skipped = [2024, 2025].flatMap((year) => calendar.holidays(year)).filter((h) => h.date >= '2024-12-20' && h.date <= '2025-05-01');
  console.log(`  bank holidays on the way: ${skipped.map((h) => `${h.name} (${h.date})`).join(', ')}\n`);
}

console.log('The whole lifecycle, England and Wales, under the Code 2024');
console.log('='.repeat(72));
const machine = createComplaintMachine();
let at = replay(machine, []).snapshot;
for (const event of lifecycle) {
  // step() answers every event: accepted or refused with its reasons, and the breaches it recorded.
  const result = step(machine, at, event);
  const day = event.at.slice(0, 10);
  if (!result.accepted) {
    for (const reason of result.reasons) console.log(`${day}  ${event.type.padEnd(16)} REFUSED  ${reason.provision ?? ''} ${reason.message}`);
    continue;
  }
  at = result.snapshot;
  const view = describeComplaint(at);
  const due = view.openDeadlines
    .filter((d) => d.deadline.startsWith('stage'))
    .map((d) => `${d.deadline.endsWith('acknowledge') ? 'acknowledge' : 'respond'} by ${d.due} (${d.provision})`)
    .join(', ');
  const detail = event.type === 'COMPLETE_ACTION' || event.type === 'OFFER_REMEDY' ? (event.type === 'COMPLETE_ACTION' ? event.id : event.remedy.id) : '';
  console.log(`${day}  ${event.type.padEnd(16)} ${`${view.stage}/${view.status}`.padEnd(26)} ${due || detail}`);
  for (const breach of result.breaches) console.log(`${' '.repeat(12)}breach recorded: ${breach.deadline} was due ${breach.due} (${breach.provision})`);
  if (event.type === 'RECEIVE') {
    const projected = projectTimeline(at);
    console.log(`${' '.repeat(12)}projected: acknowledge by ${projected.acknowledgeBy}, respond by ${projected.respondBy} (${projected.respondByWithLongestExtension} with the longest plain extension)`);
  }
  if (day === '2025-02-17') {
    // The complaints officer's queue that morning: overdue first, then what is due within 3 working days.
    const queue = worklist([at], { now: event.at, within: 3 });
    console.log(`${' '.repeat(12)}work queue: ${queue.map((e) => `${e.deadline} ${e.overdue ? `${-e.workingDaysLeft} working day${e.workingDaysLeft === -1 ? '' : 's'} late` : `due ${e.due}`}`).join('; ')}`);
  }
}
const final = describeComplaint(at);
console.log(`\nOutcome: ${final.outcome}; ${final.closure?.reason} on ${final.closure?.on}; letters on record: ${at.context.letters.map((l) => l.kind).join(', ')}`);
console.log(`Still to do: ${final.outstandingActions.map((a) => `${a.description} (by ${a.dueOn})`).join('; ') || 'nothing'}`);
console.log(`\nPeaks & Plains policy V4 against the Code: ${checkPolicy(policies.peaksPlainsV4).map((c) => c.provision).join(', ')} (see docs/machine.md)\n`);

/** Runs events through a machine, printing each step, its open deadlines (or its refusal) and any breach. */
function walk(on: ComplaintMachine, events: readonly ComplaintEvent[], show: (d: ComplaintView['openDeadlines'][number]) => boolean = () => true): ComplaintSnapshot {
  let snapshot = replay(on, []).snapshot;
  for (const event of events) {
    const result = step(on, snapshot, event);
    const day = toUkDate(event.at);
    if (!result.accepted) {
      for (const reason of result.reasons) console.log(`${day}  ${event.type.padEnd(19)} REFUSED  ${reason.provision ?? ''}: ${reason.message}`);
      continue;
    }
    snapshot = result.snapshot;
    const view = describeComplaint(snapshot);
    const open = view.openDeadlines.filter(show).map((d) => `${d.deadline} ${d.dueAt ? `${toUkDateTime(d.dueAt)} UK time` : d.due} (${d.provision})`);
    console.log(`${day}  ${event.type.padEnd(19)} ${`${view.stage}/${view.status}${view.hazard ? ` + hazard ${view.hazard.status}` : ''}`.padEnd(36)} ${open.join(', ')}`);
    for (const breach of result.breaches) console.log(`${' '.repeat(12)}breach recorded: ${breach.deadline} was due ${breach.dueAt ?? breach.due} (${breach.provision})`);
  }
  return snapshot;
}

console.log("A Scottish landlord's complaint, under the SPSO model complaints handling procedure");
console.log('='.repeat(72));
console.log('No acknowledgement at stage 1: the frontline response is due 5 working days after receipt (Scotland keeps St Andrew\'s Day).');
const spso = createComplaintMachine({ policy: policies.spsoModelChp });
const scottish = scottishComplaint();
const scottishEnd = walk(spso, scottish.events, (d) => d.deadline.startsWith('stage'));
const misdirected = explain(scottish.before(spso), scottish.misdirected);
console.log(`A final response naming the Housing Ombudsman is refused: ${misdirected.reasons.map((r) => `${r.provision}: ${r.message}`).join(' ')}`);
const finalLetter = renderLetter(scottishEnd.context.letters.at(-1)!, { format: 'text', landlord, resident });
console.log(`Its final response heads its last part "${finalLetter.split('\n').find((line) => line.includes('Scottish Public Services Ombudsman'))?.trim()}".`);
console.log(`The SPSO model procedure checked against itself: ${checkPolicy(policies.spsoModelChp).length} conflicts; its record's jurisdiction: ${toRecord(scottishEnd)?.policy.jurisdiction}.\n`);

console.log("Awaab's Law beside an English damp-and-mould complaint");
console.log('='.repeat(72));
console.log("The hazard's timescales (Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025) run beside the complaint's.");
const damp = walk(machine, dampAndMould());
const morningQueue = worklist([damp], { now: '2025-12-22T08:00:00Z', within: 5 });
console.log(`Work queue on the morning of 22 Dec 2025: ${morningQueue.map((e) => `${e.deadline} due ${e.due}`).join('; ')}`);
console.log('An emergency hazard on a Friday afternoon: 24 clock hours, weekend included.');
walk(machine, emergencyOnFriday(), (d) => d.deadline.startsWith('hazard'));
console.log('');

console.log('The stage 1 response, England and Wales (Code 6.9: parts (a) to (g))');
console.log('='.repeat(72));
// The draft comes from the record (the definition, the open actions, the Ombudsman's details); the
// officer writes the findings, the decision and the remedies.
const responded = replay(machine, lifecycle.slice(0, lifecycle.findIndex((e) => e.type === 'RESPOND'))).snapshot;
const draft = draftLetter(responded, 'stage1-response', { now: '2025-01-22' });
console.log(`Drafted from the record: stage ${draft.stage}, ${draft.definition?.points?.length} points to answer, sent ${draft.sentOn}.`);
const forgotten = { ...stage1Response, escalation: undefined };
const check = validateLetter(forgotten);
if (!check.ok) {
  console.log('A draft without part (g) is refused:');
  for (const issue of check.issues) console.log(`  ${issue.provision}: ${issue.message}`);
}
const plain = readability(stage1Response);
console.log(`The letter as sent reads as ${plain.band} (Flesch reading ease ${plain.score}).\n`);
console.log(renderLetter(stage1Response, { format: 'text', landlord, resident }));

// ---------------------------------------------------------------------------------------------
console.log('\nA year of complaints, kept in an SQLite file: the work queue and the regulator\'s measures (8.1, 8.2)');
console.log('='.repeat(72));
// 300 generated complaints received from April 2025 to March 2026 (a realistic mix: most answered
// at stage 1, some escalated, declined, withdrawn or extended), each event appended to a store in an
// SQLite file: the machine decides each one, and only accepted events are written.
const folder = mkdtempSync(join(tmpdir(), 'housing-complaints-demo-'));
const database = join(folder, 'complaints.db');
let store = createSqliteStore(database);
await store.migrate();
const imported = await store.importLog(generateEventLog({ complaints: 300, seed: 2025, from: '2025-04-01', to: '2026-03-31' }));
console.log(`${imported.accepted} events appended to ${database}, ${imported.refusedCount} refused.`);
await store.close();
// A restart: a new process opens the same file; nothing is replayed to answer the morning's queue.
store = createSqliteStore(database);
const morning = await store.workQueue({ now: '2026-03-31T08:00:00Z', within: 2 });
console.log(`After a restart, the work queue on the morning of 31 March 2026 (overdue, or due within 2 working days): ${morning.length} deadlines`);
for (const entry of morning.slice(0, 4)) console.log(`  ${entry.complaintId}  ${entry.deadline.padEnd(18)} due ${entry.due} (${entry.provision})  ${entry.overdue ? 'OVERDUE' : `${entry.workingDaysLeft} working days left`}`);
const first = await store.load(morning[0]!.complaintId);
const next = await store.append(first.complaintId, { type: 'TICK', at: '2026-03-31T08:00:00Z' });
const missed = [...first.snapshot.context.breaches, ...next.breaches].map((b) => `${b.deadline} (${b.provision})`);
console.log(`${first.complaintId} continues where it was (sequence ${first.sequence}, ${first.projection.stage}, ${first.projection.status}): the morning's TICK is event ${next.sequence}; breaches on record: ${missed.join(', ') || 'none'}.`);
const records = [];
for await (const record of store.records()) records.push(record);
await store.close();
const year = { from: '2025-04-01', to: '2026-03-31' } as const;
const tsm = tenantSatisfactionMeasures(records, { period: year, homes: { lowCostRental: 4000, lowCostHomeOwnership: 500 } });
const percent = (value: number | null) => (value === null ? '-' : `${value}%`);
console.log(`CH01 complaints received per 1,000 homes: stage 1 ${tsm.CH01.stage1.perThousandHomes} (${tsm.CH01.stage1.received}), stage 2 ${tsm.CH01.stage2.perThousandHomes} (${tsm.CH01.stage2.received})`);
console.log(`CH02 responded to within the Code's timescales: stage 1 ${percent(tsm.CH02.stage1.percent)} of ${tsm.CH02.stage1.responded}, stage 2 ${percent(tsm.CH02.stage2.percent)} of ${tsm.CH02.stage2.responded}`);
const report = annualReport(records, { period: year, homes: 4500, landlord: { name: landlord.name } });
console.log(`Declined under section 2 (8.1(b)): ${report.declines.total}; top service areas: ${report.learning.topServiceAreas.map((s) => `${s.serviceArea} ${s.count}`).join(', ')}`);
const file = join(folder, 'annual-report.html');
writeFileSync(file, renderAnnualReport(report, { format: 'html' }));
console.log(`The annual report, with its charts, is in ${file}`);
const assessment = selfAssessment(policies.peaksPlainsV4);
console.log(`Self-assessment of Peaks & Plains V4: ${assessment.summary.no} provisions "No" (${assessment.rows.filter((r) => r.compliance === 'no').map((r) => r.provision).join(', ')}), ${assessment.summary.yes} "Yes" from the library's rules`);
console.log(`(${folder} is kept so that you can open the report; delete it when done: rm -r ${folder})`);
