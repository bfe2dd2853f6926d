/**
 * `restore` trusts nothing it can recompute: each stored snapshot below was changed in one way by
 * hand, and each is refused with a typed SnapshotRestoreError naming the field that was changed.
 * The untouched snapshots restore, so every refusal is the tampering's.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../../src/calendar/index.js';
import { createComplaintMachine, isSnapshotRestoreError, policies, replay, restore, serialize, type ComplaintEvent, type ComplaintMachine } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, escalate, extend, receive, respond1, throughBothStages } from '../support/complaint.js';

const machine = createComplaintMachine();
const peaks = createComplaintMachine({ policy: policies.peaksPlainsV4 });

type Json = Record<string, any>;
const stored = (m: ComplaintMachine, events: ComplaintEvent[]): Json => {
  const { snapshot, rejected } = replay(m, events);
  expect(rejected).toEqual([]);
  return JSON.parse(serialize(snapshot));
};

const reviewing = stored(machine, [receive(), acknowledge(), extend('2025-01-06T10:00:00Z', '2025-01-14'), respond1('2025-01-10T15:00:00Z'), escalate(), acknowledge2()]);
const finished = stored(machine, [...throughBothStages(), { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' }, { type: 'OMBUDSMAN_DETERMINATION', at: '2025-09-01T10:00:00Z', findings: [{ element: 'Repairs', finding: 'maladministration' }] }]);
const northernIreland = stored(machine, [receive('2025-07-10T09:00:00Z', { region: 'northern-ireland' })]);
const withTimers = stored(peaks, [receive(), acknowledge()]);
const remedies = stored(machine, [
  receive(),
  { type: 'OFFER_REMEDY', at: '2024-12-21T09:00:00Z', remedy: { id: 'goodwill', kind: 'financial', description: 'A goodwill payment for the inconvenience', amountPence: 5000, dueOn: '2025-01-10' } } as ComplaintEvent,
  { type: 'OFFER_REMEDY', at: '2024-12-22T09:00:00Z', remedy: { id: 'visit', kind: 'action', description: 'A visit to check the repair', dueOn: '2025-01-15' } } as ComplaintEvent,
]);

/** The problems restore reports for `base` changed by `change`; fails the test if it restores. */
function refusal(m: ComplaintMachine, base: Json, change: (copy: Json) => void): string {
  const copy = structuredClone(base);
  change(copy);
  try {
    restore(m, copy);
  } catch (error) {
    expect(isSnapshotRestoreError(error)).toBe(true);
    return (error as { problems: string[] }).problems.join('\n');
  }
  throw new Error('restore accepted a tampered snapshot');
}

describe('the untouched snapshots restore', () => {
  it.each([
    ['reviewing', machine, reviewing],
    ['finished', machine, finished],
    ['northernIreland', machine, northernIreland],
    ['withTimers', peaks, withTimers],
    ['remedies', machine, remedies],
  ] as const)('%s', (_name, m, base) => {
    expect(restore(m, structuredClone(base)).context).toEqual(base.context);
  });
});

type Case = [name: string, m: ComplaintMachine, base: Json, change: (c: Json) => void, field: RegExp];
const CASES: Case[] = [
  // Deadlines recomputed from the record's dates, the policy and the calendar.
  ['stage 1 acknowledgeBy moved to a Sunday', machine, reviewing, (c) => (c.context.stage1.acknowledgeBy = '2024-12-29'), /stage1\.acknowledgeBy.*found '2024-12-29'.*expected '2024-12-31'/],
  ['stage 1 acknowledgeBy moved to Christmas Day', machine, reviewing, (c) => (c.context.stage1.acknowledgeBy = '2024-12-25'), /stage1\.acknowledgeBy/],
  ['stage 1 acknowledgeBy one working day later', machine, reviewing, (c) => (c.context.stage1.acknowledgeBy = '2025-01-02'), /stage1\.acknowledgeBy/],
  ['stage 1 originalRespondBy moved', machine, reviewing, (c) => (c.context.stage1.originalRespondBy = '2025-01-20'), /stage1\.originalRespondBy/],
  ['stage 1 respondBy not the extension date', machine, reviewing, (c) => (c.context.stage1.respondBy = '2025-01-13'), /stage1\.respondBy/],
  ['an extension of the wrong number of working days', machine, reviewing, (c) => (c.context.stage1.extensions[0].workingDays = 1), /stage1\.extensions\.0\.workingDays/],
  ['an extension that moves the deadline earlier', machine, reviewing, (c) => (c.context.stage1.extensions[0].until = '2025-01-02'), /stage1\.extensions\.0\.until/],
  ['an extension given after the deadline, marked as in time', machine, reviewing, (c) => (c.context.stage1.extensions[0].on = '2025-01-10'), /stage1\.extensions\.0\.afterDeadline/],
  ['stage 2 acknowledgeBy moved', machine, reviewing, (c) => (c.context.stage2.acknowledgeBy = '2025-02-28'), /stage2\.acknowledgeBy/],
  ['stage 2 respondBy moved', machine, reviewing, (c) => { c.context.stage2.respondBy = '2025-04-30'; c.context.stage2.originalRespondBy = '2025-04-30'; }, /stage2\.originalRespondBy/],
  ['Northern Ireland changed to England and Wales, the deadline kept', machine, northernIreland, (c) => (c.context.complaint.region = 'england-and-wales'), /context\.(calendar|stage1\.acknowledgeBy)/],
  ['a policy timer moved', peaks, withTimers, (c) => (c.context.timers[0].due = '2025-03-01'), /timers\.0\.due/],
  ['a policy timer removed', peaks, withTimers, (c) => c.context.timers.pop(), /timers\.length/],
  ['a policy timer renamed', peaks, withTimers, (c) => (c.context.timers[0].id = 'something-else'), /timers\.0\.id/],
  // The order of dates.
  ['stage 2 requested before the stage 1 response', machine, reviewing, (c) => { c.context.stage2.requestedOn = '2025-01-09'; c.context.stage2.acknowledgeBy = '2025-01-16'; }, /stage2\.requestedOn/],
  ['stage 1 acknowledged before receipt', machine, reviewing, (c) => (c.context.stage1.acknowledgedOn = '2024-12-19'), /stage1\.acknowledgedOn/],
  ['stage 1 responded before the extension was given', machine, reviewing, (c) => (c.context.stage1.respondedOn = '2025-01-03'), /stage1\.respondedOn/],
  ['lastEventAt removed', machine, reviewing, (c) => delete c.context.lastEventAt, /lastEventAt/],
  ['lastEventAt moved back to 2001', machine, reviewing, (c) => (c.context.lastEventAt = '2001-01-01T00:00:00Z'), /after the last recorded event/],
  ['lastEventAt before the response letter', machine, reviewing, (c) => (c.context.lastEventAt = '2025-01-09T09:00:00Z'), /after the last recorded event/],
  ['a letter dated before the one before it', machine, finished, (c) => (c.context.letters[1].sentOn = '2024-12-01'), /letters\.1\.sentOn/],
  ['a letter for another complaint', machine, finished, (c) => (c.context.letters[0].complaintId = 'C-OTHER'), /letters\.0\.complaintId/],
  ['the issue date after receipt', machine, reviewing, (c) => (c.context.complaint.issueDate = '2025-06-01'), /issueDate|requestedOn/],
  ['the issue date before the calendar', machine, reviewing, (c) => (c.context.complaint.issueDate = '1990-01-01'), /complaint\.issueDate/],
  ['the closure dated after the last event', machine, finished, (c) => (c.context.closure.on = '2026-01-01'), /closure\.on/],
  ['the determination before the referral', machine, finished, (c) => (c.context.ombudsman.determinedOn = '2025-03-31'), /ombudsman\.determinedOn/],
  ['a determination without a referral', machine, finished, (c) => delete c.context.ombudsman.referredOn, /ombudsman/],
  ['findings removed from a determination', machine, finished, (c) => delete c.context.ombudsman.findings, /ombudsman\.findings/],
  // The people and the letters.
  ['the stage 2 handler set to the stage 1 handler', machine, reviewing, (c) => (c.context.stage2.handler = 'Sam Patel'), /stage2\.handler/],
  ['the stage 2 handler set to the stage 1 handler with a zero-width space', machine, reviewing, (c) => (c.context.stage2.handler = 'Sam\u200B Patel'), /stage2\.handler/],
  ['the stage 2 handler set to the stage 1 handler in full-width letters', machine, reviewing, (c) => (c.context.stage2.handler = 'Ｓａｍ Ｐａｔｅｌ'), /stage2\.handler/],
  ['the response letter removed', machine, reviewing, (c) => c.context.letters.splice(c.context.letters.findIndex((l: Json) => l.kind === 'stage1-response'), 1), /letters/],
  ['the decision changed from the letter', machine, reviewing, (c) => (c.context.stage1.decision = c.context.stage1.decision === 'upheld' ? 'not-upheld' : 'upheld'), /stage1\.decision/],
  ['the response date not the letter date', machine, reviewing, (c) => (c.context.stage1.respondedOn = '2025-01-13'), /stage1\.respondedOn/],
  ['the complaint definition removed', machine, reviewing, (c) => delete c.context.definition, /definition/],
  ['a handler on a stage never acknowledged', machine, northernIreland, (c) => (c.context.stage1.handler = 'Sam Patel'), /stage1\.acknowledgedOn/],
  // The remedies and breaches.
  ['duplicated tracked ids', machine, remedies, (c) => (c.context.tracked[1].id = 'goodwill'), /tracked\.1\.id/],
  ['a remedy completed before it was offered', machine, remedies, (c) => (c.context.tracked[1].completedOn = '2024-12-01'), /tracked\.1\.completedOn/],
  ['a remedy due after the calendar ends', machine, remedies, (c) => (c.context.tracked[0].dueOn = '2150-01-01'), /tracked\.0\.dueOn/],
  ['a breach recorded before its deadline', machine, finished, (c) => c.context.breaches.push({ deadline: 'stage1.respond', provision: '6.3', due: '2025-03-01', recordedOn: '2025-02-01' }), /breaches\.\d+\.recordedOn/],
  ['the same breach twice', machine, finished, (c) => c.context.breaches.push(structuredClone(c.context.breaches[0] ?? { deadline: 'stage2.respond', provision: '6.14', due: '2025-01-01', recordedOn: '2025-01-02' }), structuredClone(c.context.breaches[0] ?? { deadline: 'stage2.respond', provision: '6.14', due: '2025-01-01', recordedOn: '2025-01-02' })), /breaches\.\d+\.deadline/],
  ['a decline reason on a complaint that was not declined', machine, reviewing, (c) => (c.context.declineReason = 'outside-time-limit'), /declineReason/],
  ['consent awaited under a policy that does not ask for it', machine, reviewing, (c) => (c.context.consentAwaited = true), /consentAwaited/],
  ['a late acknowledgement with its breach removed', machine, stored(machine, [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-20T10:00:00Z')]), (c) => (c.context.breaches = []), /breaches: stage1\.acknowledge was met late/],
  ['a note dated before receipt', machine, finished, (c) => c.context.notes.push({ on: '2000-01-01', message: 'Backdated' }), /notes\.\d+\.on/],
  ['the final closure moved to a later day', machine, finished, (c) => (c.context.closure.on = '2025-03-20'), /closure\.on/],
  // The policy and the calendar.
  ['the policy id kept, its fingerprint changed', machine, reviewing, (c) => (c.context.policy.fingerprint = '0000000000000000'), /policy/],
  ['the calendar fingerprint changed', machine, reviewing, (c) => (c.context.calendar = 'another'), /calendar/],
  // The state.
  ['a state value of __proto__', machine, reviewing, (c) => (c.value = JSON.parse('{"process":{"__proto__":"x"},"ombudsman":"notReferred"}')), /value\.process/],
  ['a state value of constructor', machine, reviewing, (c) => (c.value.process = { constructor: 'x' }), /value\.process/],
  ['a state value of toString', machine, reviewing, (c) => (c.value.process = 'toString'), /value\.process/],
  ['a leaf state value of __proto__', machine, reviewing, (c) => (c.value.process = { stage2: '__proto__' }), /value\.process\.stage2/],
  ['the Ombudsman region of hasOwnProperty', machine, reviewing, (c) => (c.value.ombudsman = 'hasOwnProperty'), /value\.ombudsman/],
];

describe('restore refuses each tampered snapshot, naming the field', () => {
  it(`has ${CASES.length} cases (40 or more)`, () => expect(CASES.length).toBeGreaterThanOrEqual(40));
  it.each(CASES)('%s', (_name, m, base, change, field) => {
    expect(refusal(m, base, change)).toMatch(field);
  });
});

describe('the policy and the calendar are compared by content, not by id', () => {
  it('a policy with the same id but a 2-day acknowledgement does not restore into the Code machine', () => {
    const quick = createComplaintMachine({ policy: { ...policies.code2024, stage1: { ...policies.code2024.stage1, acknowledgeWithin: 2 } } });
    const made = stored(quick, [receive()]);
    expect(made.context.policy.id).toBe(policies.code2024.id);
    expect(refusal(machine, made, () => {})).toMatch(/policy/);
  });

  it("a snapshot counted with the landlord's closures does not restore into a calendar without them", () => {
    const closures = createWorkingDayCalendar({ region: 'england-and-wales', closures: ['2024-12-23', '2024-12-24'] });
    const withClosures = createComplaintMachine({ calendar: (region) => (region === 'england-and-wales' ? closures : createWorkingDayCalendar({ region })) });
    const made = stored(withClosures, [receive()]);
    expect(restore(withClosures, structuredClone(made)).context).toEqual(made.context);
    expect(refusal(machine, made, () => {})).toMatch(/calendar/);
  });

  it('replay will not continue a case under another policy', () => {
    const { snapshot } = replay(machine, [receive()]);
    expect(() => replay(peaks, [], { from: snapshot })).toThrow(/options\.from.*policy/);
  });
});

describe('SnapshotRestoreError.issues names the field with both values', () => {
  it('gives the path, the stored value and the recomputed one', () => {
    const copy = structuredClone(reviewing);
    copy.context.stage1.acknowledgeBy = '2024-12-29';
    let thrown: unknown;
    try {
      restore(machine, copy);
    } catch (error) {
      thrown = error;
    }
    expect(isSnapshotRestoreError(thrown)).toBe(true);
    expect((thrown as { issues: unknown[] }).issues).toContainEqual({
      path: 'context.stage1.acknowledgeBy',
      message: expect.stringContaining('6.2'),
      found: '2024-12-29',
      expected: '2024-12-31',
    });
  });
});
