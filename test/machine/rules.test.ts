import { describe, expect, it } from 'vitest';
import { samples } from '../../examples/letters/samples.js';
import { HOUSING_OMBUDSMAN } from '../../src/letters/index.js';
import { createComplaintMachine, explain, policies, replay, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, decline, escalate, extend, receive, refuseEscalation, respond1, stage2Definition, tick } from '../support/complaint.js';

const machine = createComplaintMachine();
const at = (events: ComplaintEvent[]) => replay(machine, events).snapshot;
const why = (events: ComplaintEvent[], event: ComplaintEvent) => explain(at(events), event);
const provisions = (events: ComplaintEvent[], event: ComplaintEvent) => why(events, event).reasons.map((r) => r.provision);
const acknowledged = [receive(), acknowledge()];

describe('EXTEND (6.4, 6.5, 6.15, 6.16)', () => {
  it('allows up to 10 working days beyond the original stage 1 date, in one or more steps', () => {
    expect(why(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-23')).allowed).toBe(true);
    const first = [...acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-16')];
    expect(why(first, extend('2025-01-15T10:00:00Z', '2025-01-23')).allowed).toBe(true);
  });

  it('refuses more than 10 working days in total without a good reason, and allows it with one', () => {
    expect(why(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-24'))).toEqual({
      allowed: false,
      reasons: [{ provision: '6.4', message: 'The extensions would add 11 working days to the original deadline (2025-01-09); more than 10 needs a good reason (goodReason).' }],
    });
    const first = [...acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-16')];
    expect(provisions(first, extend('2025-01-15T10:00:00Z', '2025-01-24'))).toEqual(['6.4']);
    expect(why(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-24', { goodReason: 'Asbestos found; a licensed contractor is needed.' })).allowed).toBe(true);
  });

  it('allows 20 working days at stage 2, and refuses 21 without a good reason (6.15)', () => {
    const reviewing = [...acknowledged, respond1(), escalate(), acknowledge2()];
    expect(why(reviewing, extend('2025-03-03T10:00:00Z', '2025-04-02')).allowed).toBe(true);
    expect(provisions(reviewing, extend('2025-03-03T10:00:00Z', '2025-04-03'))).toEqual(['6.15']);
  });

  it('refuses without the Ombudsman’s details (6.5 at stage 1, 6.16 at stage 2)', () => {
    expect(provisions(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-16', { ombudsmanDetailsGiven: false }))).toEqual(['6.5']);
    const reviewing = [...acknowledged, respond1(), escalate(), acknowledge2()];
    expect(provisions(reviewing, extend('2025-03-03T10:00:00Z', '2025-03-10', { ombudsmanDetailsGiven: false }))).toEqual(['6.16']);
  });

  it('after the deadline has passed, records the new date with the breach kept; refuses a date that is not later, or already past', () => {
    expect(why(acknowledged, extend('2025-01-10T10:00:00Z', '2025-01-16')).reasons).toEqual([
      {
        provision: '6.3',
        message:
          'The response was due on 2025-01-09, before this new date was given: the missed deadline stays on the record as a breach, and the new date is recorded as what the resident was told (5.9).',
      },
    ]);
    expect(provisions(acknowledged, extend('2025-01-14T10:00:00Z', '2025-01-13'))).toEqual(['6.4']);
    expect(why(acknowledged, extend('2025-01-09T16:00:00Z', '2025-01-16')).allowed).toBe(true); // on the due day itself
    expect(provisions(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-09'))).toEqual(['6.4']);
    expect(provisions(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-16', { reason: ' ' }))).toEqual(['6.4']);
    expect(why(acknowledged, extend('2025-01-08T10:00:00Z', '2025-01-18')).reasons).toEqual([
      { provision: '6.4', message: 'The new date (2025-01-18) must be a working day, as every deadline is counted in working days.' },
    ]);
  });
});

describe('ACKNOWLEDGE', () => {
  const escalated = [...acknowledged, respond1(), escalate()];

  it('refuses the stage 1 handler at stage 2, however written (6.13), and allows another person', () => {
    expect(why(escalated, acknowledge('2025-02-05T09:00:00Z', '  sam   PATEL ', stage2Definition)).reasons).toEqual([
      { provision: '6.13', message: 'The stage 2 handler must not be the person who considered stage 1 (Sam Patel).' },
    ]);
    expect(why(escalated, acknowledge2()).allowed).toBe(true);
  });

  it('needs a complaint definition with points and outcomes at either stage (5.6)', () => {
    expect(provisions([receive()], acknowledge(undefined, 'Sam Patel', { points: [], outcomesSought: ['x'] }))).toEqual(['5.6']);
    expect(provisions(escalated, acknowledge('2025-02-05T09:00:00Z', 'Priya Shah', { points: [{ id: 'a', summary: 'b' }], outcomesSought: [] }))).toEqual(['5.6']);
  });

  it('notes a late acknowledgement without refusing it (6.2)', () => {
    const late = why([receive()], acknowledge('2025-01-02T10:00:00Z'));
    expect(late).toEqual({ allowed: true, reasons: [{ provision: '6.2', message: 'Acknowledged after the deadline of 2024-12-31: the breach is recorded.' }] });
  });
});

describe('ESCALATE needs no explanation (6.12)', () => {
  it('accepts a request without reasons, and notes why', () => {
    const responded = [...acknowledged, respond1()];
    expect(why(responded, escalate())).toEqual({ allowed: true, reasons: [{ provision: '6.12', message: 'The resident does not have to explain why they want stage 2.' }] });
    expect(why(responded, escalate(undefined, 'The compensation is too low.'))).toEqual({ allowed: true, reasons: [] });
  });

  it('is refused before the stage 1 response (6.10)', () => {
    expect(provisions(acknowledged, escalate())).toEqual(['6.10']);
  });
});

describe('RESPOND (6.7, 6.9, 6.18, 6.19)', () => {
  it('needs a letter that validates, with each issue’s provision', () => {
    const letter = { ...samples.stage1Response, escalation: { route: ' ' } };
    expect(why(acknowledged, { type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter: letter as never }).reasons).toEqual([
      { provision: '6.9(g)', message: 'letter escalation.route: must not be empty' },
    ]);
  });

  it('needs the right stage’s letter', () => {
    expect(provisions(acknowledged, { type: 'RESPOND', at: '2025-01-08T15:00:00Z', letter: samples.stage2Response as never })).toEqual(['6.9']);
  });

  it('needs the letter to be for this complaint (5.12)', () => {
    expect(provisions(acknowledged, respond1(undefined, { ...samples.stage1Response, complaintId: 'C-OTHER' } as never))).toEqual(['5.12']);
  });

  it('needs every point of the definition, including related issues added at stage 1 (6.7)', () => {
    const added = [...acknowledged, { type: 'ADD_ISSUE', at: '2025-01-06T10:00:00Z', point: { id: 'fence', summary: 'The broken fence' }, related: true } as ComplaintEvent];
    expect(why(added, respond1()).reasons).toEqual([
      { provision: '6.7', message: "The response does not address 'fence' (The broken fence), which is in the complaint definition." },
    ]);
    expect(why(acknowledged, respond1()).allowed).toBe(true);
  });
});

describe('ADD_ISSUE (6.8)', () => {
  const add = (related: boolean, when = '2025-01-06T10:00:00Z'): ComplaintEvent => ({ type: 'ADD_ISSUE', at: when, point: { id: 'fence', summary: 'The broken fence' }, related });

  it('joins a related issue to the definition while stage 1 is open', () => {
    const result = replay(machine, [...acknowledged, add(true)]);
    expect(result.rejected).toEqual([]);
    expect(result.snapshot.context.definition?.points.at(-1)).toEqual({ id: 'fence', summary: 'The broken fence' });
  });

  it('says an unrelated issue, or any issue after the stage 1 response, is a new complaint', () => {
    expect(provisions(acknowledged, add(false))).toEqual(['6.8']);
    expect(provisions([...acknowledged, respond1()], add(true, '2025-01-10T10:00:00Z'))).toEqual(['6.8']);
  });
});

describe('DECLINE (2.2, 2.3, 2.4)', () => {
  const old = (issueDate: string) => [receive('2025-03-03T10:00:00Z', { issueDate })];

  it('declines as out of time only when the issue is more than 12 calendar months before receipt (2.3)', () => {
    expect(why(old('2024-03-02'), decline('2025-03-04T10:00:00Z', 'outside-time-limit')).allowed).toBe(true);
    expect(why(old('2024-03-03'), decline('2025-03-04T10:00:00Z', 'outside-time-limit')).reasons).toEqual([
      { provision: '2.3', message: 'The issue (2024-03-03) is not more than 12 months before receipt (2025-03-03); complaints within 12 months must be accepted.' },
    ]);
    expect(provisions([receive('2025-03-03T10:00:00Z')], decline('2025-03-04T10:00:00Z', 'outside-time-limit'))).toEqual(['2.3']);
  });

  it('notes the discretion the Code asks landlords to consider (2.3)', () => {
    expect(why(old('2023-01-01'), decline('2025-03-04T10:00:00Z', 'outside-time-limit')).reasons[0]?.provision).toBe('2.3');
  });

  it('needs a decline notice that validates, for every reason (2.4)', () => {
    const noOmbudsman = { ...decline('2025-03-04T10:00:00Z'), letter: { ...samples.declineNotice, complaintId: 'C-2024-0142', ombudsman: undefined } };
    expect(provisions(old('2025-01-01'), noOmbudsman as never)).toEqual(['2.4']);
    for (const reason of ['legal-proceedings', 'previously-considered', 'not-a-complaint'] as const) {
      expect(why(old('2025-01-01'), decline('2025-03-04T10:00:00Z', reason)).allowed).toBe(true);
    }
  });

  it('once stage 1 is acknowledged, is possible only for legal proceedings started since (2.1, 2.2)', () => {
    expect(provisions(acknowledged, decline('2025-01-06T10:00:00Z', 'previously-considered'))).toEqual(['2.1']);
    expect(why(acknowledged, decline('2025-01-06T10:00:00Z', 'legal-proceedings')).allowed).toBe(true);
  });
});

describe('REFUSE_ESCALATION (5.11)', () => {
  const escalated = [...acknowledged, respond1(), escalate()];

  it('allows a section 2 reason with its letter', () => {
    expect(why(escalated, refuseEscalation('2025-02-03T10:00:00Z')).allowed).toBe(true);
  });

  it('refuses a late request as a reason while the Code is enforced', () => {
    expect(provisions(escalated, refuseEscalation('2025-02-03T10:00:00Z', 'outside-policy-window'))).toEqual(['5.11']);
  });

  it('needs the Ombudsman’s details in the letter', () => {
    const event = refuseEscalation('2025-02-03T10:00:00Z');
    expect(provisions(escalated, { ...event, letter: { ...event.letter, ombudsman: { ...HOUSING_OMBUDSMAN, phone: '' } } })).toEqual(['2.4']);
  });
});

describe('representatives (policy 8.2; Code 1.3)', () => {
  it('under a policy that needs written consent, records that it is awaited, says so, and does not block acknowledgement', () => {
    const written = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    const byRep = replay(written, [receive(undefined, { raisedBy: 'representative' })]).snapshot;
    expect(byRep.context.consentAwaited).toBe(true);
    expect(explain(byRep, acknowledge())).toEqual({ allowed: true, reasons: [{ provision: 'policy 8.2', message: "The representative's consent is still awaited; acknowledging is not blocked." }] });
    expect(replay(written, [receive(undefined, { raisedBy: 'representative', consentOnFile: true })]).snapshot.context.consentAwaited).toBe(false);
  });

  it('under the Code, which asks for no written consent (1.3), awaits none', () => {
    const byRep = [receive(undefined, { raisedBy: 'representative' })];
    expect(at(byRep).context.consentAwaited).toBe(false);
    expect(why(byRep, acknowledge())).toEqual({ allowed: true, reasons: [] });
  });
});

describe('remedies at any stage (5.13, 7.1, 7.3)', () => {
  const offer = (remedy: Record<string, unknown>, when = '2024-12-27T10:00:00Z'): ComplaintEvent => ({ type: 'OFFER_REMEDY', at: when, remedy: remedy as never });

  it('allows a remedy before any response, and tracks it to completion', () => {
    const events = [receive(), offer({ id: 'goodwill', kind: 'financial', description: 'A goodwill payment', amountPence: 5000, dueOn: '2025-01-10' })];
    expect(why([receive()], events[1]!).reasons).toEqual([{ provision: '5.13', message: 'A remedy may be offered at any stage, without escalation.' }]);
    const done = replay(machine, [...events, { type: 'COMPLETE_ACTION', at: '2025-01-09T10:00:00Z', id: 'goodwill' }]);
    expect(done.rejected).toEqual([]);
    expect(done.snapshot.context.tracked[0]?.completedOn).toBe('2025-01-09');
  });

  it('refuses a remedy that does not say what and by when, or reuses an id', () => {
    expect(provisions([receive()], offer({ id: 'x', kind: 'action', description: 'Fix it' }))).toEqual(['7.3']);
    expect(provisions([receive()], offer({ id: 'x', kind: 'voucher', description: 'A voucher' }))).toEqual(['7.1']);
    const once = [receive(), offer({ id: 'x', kind: 'apology', description: 'Sorry' })];
    expect(provisions(once, offer({ id: 'x', kind: 'apology', description: 'Sorry again' }, '2024-12-30T10:00:00Z'))).toEqual(['7.3']);
  });

  it('refuses to complete what does not exist, or is already complete', () => {
    expect(provisions([receive()], { type: 'COMPLETE_ACTION', at: '2024-12-27T10:00:00Z', id: 'nope' })).toEqual(['7.3']);
  });
});

describe('before RECEIVE nothing exists', () => {
  it('refuses every other event, and explains why', () => {
    for (const event of [acknowledge(), tick('2025-01-01T10:00:00Z'), { type: 'OFFER_REMEDY', at: '2025-01-01T10:00:00Z', remedy: { id: 'a', kind: 'apology', description: 'Sorry' } } as ComplaintEvent]) {
      expect(why([], event)).toEqual({ allowed: false, reasons: [{ message: 'No complaint has been received yet: send RECEIVE first.' }] });
    }
  });
});

describe('explain uses the guards’ rules', () => {
  it('agrees with the machine on every event of the sample run, and on refusals', () => {
    const events = [receive(), acknowledge(), extend('2025-01-08T10:00:00Z', '2025-01-24'), respond1(), escalate(), acknowledge('2025-02-05T09:00:00Z', 'Sam Patel', stage2Definition), acknowledge2()];
    const result = replay(machine, events);
    expect(result.rejected.map((r) => r.index)).toEqual([2, 5]);
    expect(result.rejected.map((r) => r.reasons[0]?.provision)).toEqual(['6.4', '6.13']);
  });
});
