import { describe, expect, it } from 'vitest';
import { isInvalidInputError } from '../../src/errors.js';
import { policies, type ComplaintEvent } from '../../src/machine/index.js';
import { comparePolicies, comparisonToText, type ComparedPolicy, type PolicyComparison } from '../../src/reporting/compare.js';
import { generateEventLog } from '../../scripts/generate-events.js';
import { acknowledge, acknowledge2, escalate, receive, refuseEscalation, respond1, respond2, tick } from '../support/complaint.js';

const asWritten: ComparedPolicy = { name: 'Peaks & Plains V4 as written', policy: policies.peaksPlainsV4, enforceCode: false };
const code: ComparedPolicy = { name: 'the Code', policy: policies.code2024 };
const codeAgain: ComparedPolicy = { name: 'the Code again', policy: policies.code2024 };

/** Tags each event with its complaint, as a case system's interleaved log does. */
const tagged = (complaintId: string, events: ComplaintEvent[]) => events.map((event) => ({ ...event, complaintId }));

/** Received on 2025-01-06 about an issue of 2024-05-06: eight months old. */
const eightMonthsOld = tagged('OLD', [receive('2025-01-06T10:00:00Z', { id: 'OLD', issueDate: '2024-05-06' })]);

/** The stage 1 response on 2025-01-08; stage 2 asked for 30 working days later, on 2025-02-19, with reasons (as the policy as written wants). */
const lateRequest = [receive(), acknowledge(), respond1(), escalate('2025-02-19T09:00:00Z', 'The compensation is too low.')];

/** A complaint that goes through both stages on time, ticked long after. */
const onTime = [receive(), acknowledge(), respond1(), escalate('2025-01-13T09:00:00Z', 'Not resolved.'), acknowledge2('2025-01-15T09:00:00Z'), respond2('2025-02-10T12:00:00Z'), tick('2025-06-02T09:00:00Z')];

const attempt = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('comparePolicies: complaints out of time', () => {
  it('finds a complaint about an issue 8 months old declinable under Peaks & Plains as written (6 months), not under the Code (2.3)', () => {
    const comparison = comparePolicies(eightMonthsOld, [asWritten, code]);
    expect(comparison.complaints).toBe(1);
    expect(comparison.policies.map((p) => [p.name, p.enforceCode, p.totals.declinable])).toEqual([
      ['Peaks & Plains V4 as written', false, 1],
      ['the Code', true, 0],
    ]);
    const declinable = comparison.differences.filter((d) => d.kind === 'declinable');
    expect(declinable).toEqual([
      expect.objectContaining({ complaintId: 'OLD', under: 'Peaks & Plains V4 as written', notUnder: ['the Code'], provision: '2.3', event: { index: 0, type: 'RECEIVE', at: '2025-01-06T10:00:00Z' } }),
    ]);
    expect(declinable[0]!.reasons[0]!.message).toContain('not more than 12 months');
  });

  it('says so in a sentence', () => {
    const text = comparisonToText(comparePolicies(eightMonthsOld, [asWritten, code]));
    expect(text).toContain('Under Peaks & Plains V4 as written, the one complaint would have been declinable as out of time; under the Code it must be accepted (2.3).');
    expect(text.split('\n')[0]).toBe(
      '1 complaint (1 event) replayed under Peaks & Plains V4 as written (peaks-plains-v4, as written: the Code not enforced) and the Code (code-2024, with the Code as the floor).',
    );
  });

  it('finds no difference in it with Peaks & Plains run with the Code as the floor (the default)', () => {
    const comparison = comparePolicies(eightMonthsOld, [{ name: 'P&P', policy: policies.peaksPlainsV4 }, code]);
    expect(comparison.policies[0]!.enforceCode).toBe(true);
    expect(comparison.differences.filter((d) => d.kind === 'declinable')).toEqual([]);
  });

  it('finds none for a safeguarding complaint, which the policy as written never excludes (policy 4.1)', () => {
    const safety = tagged('S', [receive('2025-01-06T10:00:00Z', { id: 'S', issueDate: '2024-05-06', safetyConcern: true })]);
    const comparison = comparePolicies(safety, [asWritten, code]);
    expect(comparison.policies.map((p) => p.totals.declinable)).toEqual([0, 0]);
  });
});

describe('comparePolicies: late requests for stage 2', () => {
  it('finds a stage 2 request 30 working days after the stage 1 response refusable under the 20-day window as written, not under the Code (5.11)', () => {
    const comparison = comparePolicies(new Map([['C-2024-0142', lateRequest]]), [asWritten, code]);
    expect(comparison.policies.map((p) => [p.totals.escalated, p.totals.escalationRefusable])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    const refusable = comparison.differences.filter((d) => d.kind === 'escalation-refusable');
    expect(refusable).toEqual([expect.objectContaining({ under: 'Peaks & Plains V4 as written', notUnder: ['the Code'], provision: '5.11', event: expect.objectContaining({ index: 3, type: 'ESCALATE' }) })]);
    expect(comparisonToText(comparison)).toContain(
      "Under Peaks & Plains V4 as written, the one request for stage 2 could have been refused as outside the policy's window; under the Code it must go to stage 2 (5.11).",
    );
  });

  it('reports the refusal itself, logged as outside the window, as an event the Code refuses (5.11)', () => {
    const log = { 'C-2024-0142': [...lateRequest, refuseEscalation('2025-02-20T09:00:00Z', 'outside-policy-window')] };
    const comparison = comparePolicies(log, [asWritten, code]);
    const refused = comparison.differences.filter((d) => d.kind === 'refused-event');
    expect(refused).toEqual([expect.objectContaining({ under: 'the Code', notUnder: ['Peaks & Plains V4 as written'], provision: '5.11', consequential: false, event: expect.objectContaining({ index: 4, type: 'REFUSE_ESCALATION' }) })]);
    expect(comparison.policies.map((p) => p.totals.escalationRefused)).toEqual([1, 0]);
  });

  it('reports a request without reasons refused as written (policy 6.3.1), and what followed as consequential', () => {
    const log = tagged('C-2024-0142', [receive(), acknowledge(), respond1(), escalate('2025-01-13T09:00:00Z'), acknowledge2('2025-01-15T09:00:00Z')]);
    const refused = comparePolicies(log, [asWritten, code]).differences.filter((d) => d.kind === 'refused-event');
    expect(refused.map((d) => [d.under, d.event?.type, d.provision, d.consequential])).toEqual([
      ['Peaks & Plains V4 as written', 'ESCALATE', 'policy 6.3.1', false],
      ['Peaks & Plains V4 as written', 'ACKNOWLEDGE', '6.11', true],
    ]);
  });

  it('gives each policy its measures, and says which figures differ', () => {
    const log = tagged('C-2024-0142', [receive(), acknowledge(), respond1(), escalate('2025-01-13T09:00:00Z')]);
    const comparison = comparePolicies(log, [asWritten, code], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 1_000 });
    expect(comparison.policies.map((p) => p.tsm?.CH01.stage2.received)).toEqual([0, 1]);
    expect(comparison.summary).toContain('CH01(2), stage 2 complaints per 1,000 homes: 0 under Peaks & Plains V4 as written, 1 under the Code.');
  });

  it("reports the policy's own timers missed as late, under the policy only", () => {
    const comparison = comparePolicies({ A: onTime }, [asWritten, code]);
    const late = comparison.differences.filter((d) => d.kind === 'late');
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((d) => d.under === 'Peaks & Plains V4 as written' && d.deadline?.startsWith('timer:'))).toBe(true);
    // The remedies and actions promised and never completed are missed under both alike.
    expect(comparison.policies[0]!.totals.breaches).toBe(comparison.policies[1]!.totals.breaches + late.length);
    expect(comparison.summary).toContain('Under Peaks & Plains V4 as written, 1 complaint missed deadlines that the Code did not: timer:investigator-contact (policy 6.2.1) in 1 complaint.');
  });
});

describe('comparePolicies: a policy against itself', () => {
  const log = [...tagged('A', onTime), ...eightMonthsOld, ...tagged('B', lateRequest)];

  it('gives identical figures and no difference for the Code against itself', () => {
    const comparison = comparePolicies(log, [code, codeAgain], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 1_000 });
    expect(comparison.differences).toEqual([]);
    expect(comparison.policies[0]!.totals).toEqual(comparison.policies[1]!.totals);
    expect(comparison.policies[0]!.tsm).toBeDefined();
    expect(comparison.policies[0]!.tsm).toEqual(comparison.policies[1]!.tsm);
    expect(comparison.summary).toContain('The 3 complaints give the same answers under the Code and the Code again.');
    expect(comparison.summary).toContain('The Tenant Satisfaction Measures (CH01, CH02) are the same under the Code and the Code again.');
  });

  it('finds no difference between the Code and itself on a generated log of realistic complaints', () => {
    const generated = [...generateEventLog({ complaints: 60, seed: 7, from: '2024-04-01', to: '2025-03-31' })];
    const comparison = comparePolicies(generated, [code, codeAgain], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 2_000 });
    expect(comparison.complaints).toBe(60);
    expect(comparison.malformedEvents).toBe(0);
    expect(comparison.differences).toEqual([]);
    expect(comparison.policies[0]!.totals).toEqual(comparison.policies[1]!.totals);
    expect(comparison.policies[0]!.tsm).toEqual(comparison.policies[1]!.tsm);
  });

  it('reads the same log as JSON lines, interleaved', () => {
    const interleaved = [eightMonthsOld[0]!, ...tagged('A', onTime)].map((event) => JSON.stringify(event));
    const comparison = comparePolicies(interleaved, [code, codeAgain]);
    expect(comparison.complaints).toBe(2);
    expect(comparison.policies[0]!.totals).toMatchObject({ complaints: 2, events: 8, refusedEvents: 0 });
  });

  it('takes an async log, and answers with a Promise', async () => {
    async function* lines() {
      for (const event of tagged('A', onTime)) yield event;
    }
    const comparison = await comparePolicies(lines(), [code, asWritten]);
    expect(comparison.policies[0]!.totals.complaints).toBe(1);
  });

  it('is plain data that survives JSON, and renders the same from it', () => {
    const comparison = comparePolicies(log, [asWritten, code]);
    const copy = JSON.parse(JSON.stringify(comparison)) as PolicyComparison;
    expect(copy).toEqual(comparison);
    expect(comparisonToText(copy)).toBe(comparisonToText(comparison));
  });
});

describe('comparePolicies on malformed and hostile input', () => {
  it('lists unreadable events instead of throwing, and replays the rest', () => {
    const hostile = {
      complaintId: 'A',
      get type(): string {
        throw new Error('boom');
      },
    };
    const log: unknown[] = [...tagged('A', onTime.slice(0, 2)), { complaintId: 'A', type: 'NOPE', at: 'x' }, hostile, '{not json', 42, { type: 'TICK', at: '2025-01-06T09:00:00Z' }, ...tagged('A', onTime.slice(2))];
    const comparison = comparePolicies(log as never, [asWritten, code]);
    expect(comparison.malformedEvents).toBe(5);
    expect(comparison.malformed.map((m) => [m.complaintId, m.index])).toEqual([
      [undefined, 3],
      [undefined, 4],
      [undefined, 5],
      [undefined, 6],
      ['A', 2],
    ]);
    expect(comparison.malformed[4]!.problems[0]).toMatch(/^type: must be one of/);
    expect(comparison.policies[1]!.totals).toMatchObject({ complaints: 1, events: 7, refusedEvents: 0 });
    expect(comparisonToText(comparison)).toContain('5 events could not be read and were left out under every policy.');
  });

  it('refuses what is not a log or not a comparison with typed errors naming the path', () => {
    const cases: [() => unknown, string][] = [
      [() => comparePolicies(42 as never, [code, codeAgain]), 'events'],
      [() => comparePolicies('RECEIVE' as never, [code, codeAgain]), 'events'],
      [() => comparePolicies([], [code] as never), 'policies'],
      [() => comparePolicies([], [code, { ...codeAgain, name: 'the Code' }]), 'policies[1].name'],
      [() => comparePolicies([], [code, { name: 'x', policy: { id: 'broken' } as never }]), 'policies[1].policy'],
      [() => comparePolicies([], [code, { ...codeAgain, enforceCode: 'no' as never }]), 'policies[1].enforceCode'],
      [() => comparePolicies([], [code, { name: 'no policy' } as never]), 'policies[1].policy'],
      [() => comparePolicies([], [code, codeAgain], { homes: 10 }), 'options.period'],
      [() => comparePolicies([], [code, codeAgain], { colour: 'red' } as never), 'options.colour'],
      [() => comparePolicies([], [code, codeAgain], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 0 }), 'options.homes'],
      [() => comparePolicies([], [code, codeAgain], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 10, measures: { period: {} } as never }), 'options.measures.period'],
      [() => comparePolicies([], [code, codeAgain], { period: { from: '2024-04-01', to: '2025-03-31' }, homes: 10, measures: { extensions: 'all' as never } }), 'options.measures.extensions'],
      [() => comparePolicies(new Proxy([], { get: () => { throw new Error('trap'); } }), [code, codeAgain]), 'events'],
      [() => comparisonToText({ policies: 3 } as never), 'comparison'],
    ];
    for (const [fn, path] of cases) {
      const error = attempt(fn);
      expect(isInvalidInputError(error), path).toBe(true);
      expect((error as { path: string }).path).toBe(path);
    }
  });

  it('does not change the events it is given', () => {
    const log = tagged('A', onTime);
    const before = JSON.stringify(log);
    comparePolicies(log, [asWritten, code]);
    expect(JSON.stringify(log)).toBe(before);
  });
});
