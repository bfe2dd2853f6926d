import { describe, expect, it } from 'vitest';
import { checkPolicy, createComplaintMachine, effectivePolicy, explain, isInvalidPolicyError, policies, replay, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, decline, escalate, receive, refuseEscalation, respond1 } from '../support/complaint.js';

const enforced = createComplaintMachine({ policy: policies.peaksPlainsV4 });
const asWritten = createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false });
const why = (machine: typeof enforced, events: ComplaintEvent[], event: ComplaintEvent) => explain(replay(machine, events).snapshot, event);

/** An issue seven months old at receipt. */
const sevenMonthsOld = (extra = {}) => [receive('2025-03-03T10:00:00Z', { issueDate: '2024-08-01', ...extra })];
const responded = [receive(), acknowledge(), respond1()];

describe('checkPolicy', () => {
  it('finds no conflict in the Code itself', () => {
    expect(checkPolicy(policies.code2024)).toEqual([]);
  });

  it('finds at least 2.3, 6.12 and 5.2 in Peaks & Plains V4, each naming the policy rule', () => {
    const conflicts = checkPolicy(policies.peaksPlainsV4);
    expect(conflicts.map((c) => c.provision)).toEqual(expect.arrayContaining(['2.3', '6.12', '5.2']));
    expect(conflicts.find((c) => c.provision === '2.3')).toMatchObject({ policyRule: 'exclusions.timeLimitMonths', message: expect.stringContaining('6 months') });
    expect(conflicts.find((c) => c.provision === '6.12')?.policyRule).toBe('escalation.reasonsRequired');
    expect(conflicts.find((c) => c.provision === '5.2')?.message).toContain('Quick fix');
  });

  it('flags a slower timescale, and accepts a stricter one', () => {
    const slow = { ...policies.code2024, id: 'slow', stage1: { ...policies.code2024.stage1, respondWithin: 15 } };
    expect(checkPolicy(slow).map((c) => c.provision)).toEqual(['6.3']);
    const strict = { ...policies.code2024, id: 'strict', stage1: { ...policies.code2024.stage1, acknowledgeWithin: 3 } };
    expect(checkPolicy(strict)).toEqual([]);
    expect(replay(createComplaintMachine({ policy: strict }), [receive()]).snapshot.context.stage1?.acknowledgeBy).toBe('2024-12-27');
  });

  it('refuses a malformed policy with a typed error', () => {
    try {
      checkPolicy({ ...policies.code2024, stage1: { acknowledgeWithin: 0 } } as never);
      expect.unreachable();
    } catch (error) {
      expect(isInvalidPolicyError(error)).toBe(true);
      expect((error as Error).message).toContain('stage1');
    }
    expect(() => createComplaintMachine({ policy: { id: 'x' } as never })).toThrow(/policy is not valid/);
  });
});

describe('Peaks & Plains V4 with the Code enforced (the default)', () => {
  it('does not decline a 7-month-old issue, and says the 6-month rule gave way (2.3)', () => {
    const explanation = why(enforced, sevenMonthsOld(), decline('2025-03-04T10:00:00Z', 'outside-time-limit'));
    expect(explanation.allowed).toBe(false);
    expect(explanation.reasons[0]?.provision).toBe('2.3');
    expect(explanation.reasons[0]?.message).toContain('gave way to the Code');
  });

  it('accepts an escalation without reasons, noting the policy rule that gave way (6.12)', () => {
    const explanation = why(enforced, responded, escalate());
    expect(explanation.allowed).toBe(true);
    expect(explanation.reasons[0]).toMatchObject({ provision: '6.12', message: expect.stringContaining('escalation.reasonsRequired gave way') });
  });

  it('accepts a request for stage 2 after the policy’s 20-working-day window, noting 5.11', () => {
    const explanation = why(enforced, responded, escalate('2025-03-10T09:00:00Z', 'Still unhappy'));
    expect(explanation).toMatchObject({ allowed: true, reasons: [{ provision: '5.11' }] });
  });

  it('keeps the Code’s timescales and runs the policy’s timers', () => {
    const { snapshot } = replay(enforced, [receive(), acknowledge()]);
    expect(snapshot.context.timers.map((t) => `${t.id} ${t.due}`)).toEqual(['quick-fix 2024-12-24', 'investigator-contact 2024-12-30']);
    expect(effectivePolicy(policies.peaksPlainsV4).gaveWay.map((c) => c.provision)).toEqual(['2.2', '2.3', '5.2', '5.11', '6.4', '6.5', '6.12', '6.15', '6.16']);
  });

  it('records a missed policy timer as a breach of the policy paragraph, unless met or stopped', () => {
    // Acknowledged the next working day: the quick fix (6.1.1) stopped there (6.1.2); the manager's contact was missed.
    const late = replay(enforced, [receive(), acknowledge(), { type: 'TICK', at: '2024-12-31T09:00:00Z' }]).snapshot;
    expect(late.context.breaches.map((b) => `${b.deadline} ${b.provision}`)).toEqual(['timer:investigator-contact policy 6.2.1']);
    const met = replay(enforced, [receive(), acknowledge(), { type: 'COMPLETE_ACTION', at: '2024-12-24T09:00:00Z', id: 'investigator-contact' }, { type: 'TICK', at: '2024-12-31T09:00:00Z' }]).snapshot;
    expect(met.context.breaches).toEqual([]);
  });
});

describe('Peaks & Plains V4 as written (enforceCode: false)', () => {
  it('declines a 7-month-old issue under its 6-month window', () => {
    expect(why(asWritten, sevenMonthsOld(), decline('2025-03-04T10:00:00Z', 'outside-time-limit')).allowed).toBe(true);
  });

  it('never declines a safeguarding or health and safety issue as out of time (policy 4.1)', () => {
    expect(why(asWritten, sevenMonthsOld({ safetyConcern: true }), decline('2025-03-04T10:00:00Z', 'outside-time-limit')).reasons[0]?.provision).toBe('policy 4.1');
  });

  it('requires reasons for stage 2, and a request within 20 working days (policy 6.3.1)', () => {
    expect(why(asWritten, responded, escalate()).reasons[0]).toMatchObject({ provision: 'policy 6.3.1' });
    expect(why(asWritten, responded, escalate('2025-01-30T09:00:00Z', 'The compensation is too low.')).allowed).toBe(true);
    expect(why(asWritten, responded, escalate('2025-03-10T09:00:00Z', 'Still unhappy'))).toMatchObject({ allowed: true, reasons: [{ provision: 'policy 6.3.1' }] });
  });

  it('lets a late request be refused as outside the window, which the Code never does (5.11)', () => {
    const late = [...responded, escalate('2025-03-10T09:00:00Z', 'Still unhappy')];
    expect(why(asWritten, late, refuseEscalation('2025-03-11T09:00:00Z', 'outside-policy-window')).allowed).toBe(true);
    expect(why(enforced, late, refuseEscalation('2025-03-11T09:00:00Z', 'outside-policy-window')).reasons[0]?.provision).toBe('5.11');
    const inTime = [...responded, escalate('2025-01-30T09:00:00Z', 'Still unhappy')];
    expect(why(asWritten, inTime, refuseEscalation('2025-01-31T09:00:00Z', 'outside-policy-window')).allowed).toBe(false);
  });

  it('gives an extension without the Ombudsman’s details when the policy allows (policy as written)', () => {
    const acknowledged = [receive(), acknowledge()];
    const event: ComplaintEvent = { type: 'EXTEND', at: '2025-01-08T10:00:00Z', until: '2025-01-16', reason: 'Survey', ombudsmanDetailsGiven: false };
    expect(why(asWritten, acknowledged, event).allowed).toBe(true);
    expect(why(enforced, acknowledged, event).reasons[0]?.provision).toBe('6.5');
  });

  it('keeps snapshots of the two apart: each records its policy', () => {
    const written = replay(asWritten, []).snapshot.context.policy;
    const floor = replay(enforced, []).snapshot.context.policy;
    expect(written).toEqual({ id: 'peaks-plains-v4', enforceCode: false, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(floor).toEqual({ id: 'peaks-plains-v4', enforceCode: true, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // Same id, other rules in force: the fingerprints tell them apart.
    expect(written.fingerprint).not.toBe(floor.fingerprint);
  });
});
