import { test, expect } from 'vitest';
import { createComplaintMachine, step, replay, serialize, restore, describeComplaint, explain, nextEvents, worklist, projectTimeline, draftLetter, policies, type ComplaintSnapshot } from '../../src/machine/index.js';
import { isHousingComplaintsError } from '../../src/errors.js';
import { receive, acknowledge, respond1, escalate, acknowledge2, respond2, extend, decline, throughBothStages } from '../support/complaint.js';
import { LETTER_KINDS } from '../../src/letters/index.js';

function probe(label: string, fn: () => unknown) {
  try { const r = fn(); return `${label}: ok ${JSON.stringify(r)?.slice(0, 150)}`; }
  catch (e) { return `${label}: THROW ${isHousingComplaintsError(e) ? 'typed' : 'UNTYPED'} ${(e as Error)?.name} ${(e as Error)?.message?.slice(0, 200)}`; }
}
function views(s: ComplaintSnapshot, m = createComplaintMachine()) {
  const out: string[] = [];
  out.push(probe('describe', () => describeComplaint(s)));
  out.push(probe('explain TICK', () => explain(s, { type: 'TICK', at: '2100-12-31T12:00:00Z' })));
  out.push(probe('nextEvents', () => nextEvents(s)));
  out.push(probe('worklist', () => worklist([s], { now: '2100-12-31' })));
  out.push(probe('projectTimeline', () => projectTimeline(s)));
  for (const k of ['acknowledgement','extension-notice','stage1-response','stage2-response','decline-notice','escalation-refusal'] as const) out.push(probe('draft ' + k, () => draftLetter(s, k)));
  out.push(probe('restore', () => restore(m, serialize(s)).value));
  return out;
}

test('near end', () => {
  const m = createComplaintMachine();
  const s0 = replay(m, []).snapshot;
  for (const at of ['2100-12-20T12:00:00Z', '2100-12-22T12:00:00Z', '2100-12-13T12:00:00Z', '2100-12-01T12:00:00Z', '2100-11-20T12:00:00Z']) {
    const r = step(m, s0, receive(at));
    console.log(at, r.accepted, r.reasons.map((x) => x.message).join('|'));
    if (r.accepted) console.log(views(r.snapshot).join('\n'));
    if (r.accepted) {
      const a = step(m, r.snapshot, acknowledge(at.replace(/T.*/, 'T15:00:00Z')));
      console.log(' ack', a.accepted, a.reasons.map((x) => x.message).join('|'));
      if (a.accepted) console.log(views(a.snapshot).join('\n'));
    }
  }
});
