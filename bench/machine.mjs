// The machine benchmark: replay generated complaints, each about 8 events through both stages,
// against a bare two-state XState machine driven through `transition` for the same number of
// events in the same run. Used by bench/run.mjs; `node bench/machine.mjs [complaints]` runs it alone.
import { performance } from 'node:perf_hooks';
import { createActor, createMachine } from 'xstate';
import { createComplaintMachine, createWorkingDayCalendar, replay } from 'housing-complaints';
import { samples } from './.samples.js';

const DAY = 86_400_000;
const shift = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const calendars = {
  'england-and-wales': createWorkingDayCalendar({ region: 'england-and-wales' }),
  scotland: createWorkingDayCalendar({ region: 'scotland' }),
  'northern-ireland': createWorkingDayCalendar({ region: 'northern-ireland' }),
};
const REGIONS = Object.keys(calendars);

/** The events of complaint `i`: received on one of 1,500 days from 2024, in one of the three divisions. */
export function complaintEvents(i) {
  const id = `C-${i}`;
  const region = REGIONS[i % 3];
  const calendar = calendars[region];
  const received = shift('2024-01-01', i % 1500);
  const acknowledged = calendar.addWorkingDays(received, 2);
  const respondBy = calendar.addWorkingDays(acknowledged, 10);
  const extendedTo = calendar.addWorkingDays(respondBy, 5);
  const responded = calendar.addWorkingDays(acknowledged, 12);
  const escalated = calendar.addWorkingDays(responded, 3);
  const acknowledged2 = calendar.addWorkingDays(escalated, 2);
  const responded2 = calendar.addWorkingDays(acknowledged2, 15);
  const dated = (letter, sentOn) => ({
    ...letter,
    complaintId: id,
    sentOn,
    remedies: letter.remedies.map((r) => (r.dueOn ? { ...r, dueOn: shift(sentOn, 10) } : r)),
    outstandingActions: letter.outstandingActions.map((a) => ({ ...a, dueOn: shift(sentOn, 20) })),
  });
  // The final response lists what the stage 1 response left open (6.17).
  const stillOpen = (sentOn) =>
    [...samples.stage1Response.remedies.filter((r) => r.dueOn), ...samples.stage1Response.outstandingActions].map((item) => ({ description: item.description, dueOn: shift(sentOn, 20) }));
  return [
    { type: 'RECEIVE', at: `${received}T09:30:00Z`, complaint: { id, region, summary: 'Kitchen leak and bedroom mould' } },
    { type: 'ACKNOWLEDGE', at: `${acknowledged}T10:00:00Z`, handler: 'Sam Patel', definition: samples.acknowledgement.definition },
    { type: 'EXTEND', at: `${calendar.addWorkingDays(acknowledged, 3)}T10:00:00Z`, until: extendedTo, reason: 'Waiting for a survey', ombudsmanDetailsGiven: true },
    { type: 'RESPOND', at: `${responded}T15:00:00Z`, letter: dated(samples.stage1Response, responded) },
    { type: 'ESCALATE', at: `${escalated}T09:00:00Z` },
    { type: 'ACKNOWLEDGE', at: `${acknowledged2}T09:00:00Z`, handler: 'Priya Shah', definition: samples.stage2Acknowledgement.definition },
    { type: 'RESPOND', at: `${responded2}T12:00:00Z`, letter: { ...dated(samples.stage2Response, responded2), outstandingActions: stillOpen(responded2) } },
    { type: 'TICK', at: `${shift(responded2, 40)}T09:00:00Z` },
  ];
}

export function runMachineBenchmark(complaints = 100_000) {
  const machine = createComplaintMachine();
  const lists = Array.from({ length: complaints }, (_, i) => complaintEvents(i));
  const events = lists.reduce((sum, list) => sum + list.length, 0);

  // Check the generated complaints are accepted in full (a benchmark of refusals would be cheap and wrong).
  for (const list of lists.slice(0, 300)) {
    const { rejected } = replay(machine, list);
    if (rejected.length > 0) throw new Error(`generated complaint refused: ${JSON.stringify(rejected[0].reasons)}`);
  }

  const bare = createMachine({ initial: 'a', states: { a: { on: { T: 'b' } }, b: { on: { T: 'a' } } } });
  const toggle = { type: 'T' };
  // The baseline is driven exactly as replay drives the complaint machine: one actor per complaint.
  const bareRun = () => {
    const start = performance.now();
    for (const list of lists) {
      const actor = createActor(bare).start();
      for (let i = 0; i < list.length; i++) actor.send(toggle);
      actor.stop();
    }
    return performance.now() - start;
  };
  const fullRun = () => {
    const start = performance.now();
    let accepted = 0;
    for (const list of lists) {
      const { snapshot } = replay(machine, list);
      if (snapshot.context.closure) accepted++;
    }
    if (accepted !== complaints) throw new Error(`only ${accepted} of ${complaints} complaints reached the final response`);
    return performance.now() - start;
  };
  bareRun();
  const bareMs = Math.min(bareRun(), bareRun());
  const fullMs = fullRun();
  return { complaints, events, fullMs, bareMs, perSecond: events / (fullMs / 1000), ratio: fullMs / bareMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(runMachineBenchmark(Number(process.argv[2] ?? 100_000)));
}
