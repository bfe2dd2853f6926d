/**
 * The demo's complaints beyond the English Code (examples/beyond-england.ts) do what the demo says:
 * the Scottish complaint runs under the SPSO procedure with one refusal on purpose, and the English
 * complaints show their hazard deadlines beside the complaint's.
 */
import { describe, expect, it } from 'vitest';
import { dampAndMould, emergencyOnFriday, scottishComplaint } from '../../examples/beyond-england.js';
import { createComplaintMachine, describeComplaint, explain, policies, replay, worklist } from '../../src/machine/index.js';
import { renderLetter } from '../../src/letters/index.js';
import { toRecord } from '../../src/reporting/index.js';

describe('a Scottish complaint under the SPSO model procedure (npm run demo)', () => {
  const spso = createComplaintMachine({ policy: policies.spsoModelChp });
  const { events, misdirected, before } = scottishComplaint();
  const result = replay(spso, events);

  it('is refused only the sixth working day of extension, and ends with the final response', () => {
    expect(result.rejected.map((r) => [r.index, r.reasons.map((reason) => reason.provision)])).toEqual([[2, ['MCHP stage 1 extension']]]);
    expect(describeComplaint(result.snapshot)).toMatchObject({ stage: 'closed', status: 'final-response' });
    expect(result.snapshot.context.stage2).toMatchObject({ route: 'complex-or-serious', acknowledgeBy: '2025-12-10', respondBy: '2026-01-08' });
  });

  it('names the SPSO in its letters and record, and refuses a letter naming the Housing Ombudsman', () => {
    for (const letter of result.snapshot.context.letters) {
      const text = renderLetter(letter, { format: 'text' });
      expect(text).not.toContain('Housing Ombudsman');
    }
    expect(renderLetter(result.snapshot.context.letters.at(-1)!, { format: 'text' })).toContain('Scottish Public Services Ombudsman');
    expect(explain(before(spso), misdirected).reasons.map((r) => r.provision)).toEqual(['SPSO Act 2002 s10']);
    expect(toRecord(result.snapshot)?.policy.jurisdiction).toBe('scotland');
  });
});

describe("English complaints with Awaab's Law beside them (npm run demo)", () => {
  const machine = createComplaintMachine();

  it('answers the damp-and-mould complaint on time while the hazard runs on its own deadlines', () => {
    const { snapshot, rejected } = replay(machine, dampAndMould());
    expect(rejected).toEqual([]);
    expect(snapshot.context.breaches).toEqual([]);
    expect(worklist([snapshot], { now: '2025-12-22T08:00:00Z', within: 5 }).map((e) => [e.deadline, e.due])).toEqual([
      ['hazard:significant-safety-work', '2025-12-30'],
      ['hazard:supplementary-work-begin', '2025-12-30'],
    ]);
  });

  it('records the emergency made safe after its 24 clock hours as a breach at the instant it was due', () => {
    const { snapshot, rejected } = replay(machine, emergencyOnFriday());
    expect(rejected).toEqual([]);
    expect(snapshot.context.breaches).toEqual([{ deadline: 'hazard:emergency-make-safe', provision: 'reg. 5', due: '2025-11-15', dueAt: '2025-11-15T16:30:00Z', recordedOn: '2025-11-15' }]);
  });
});
