/**
 * The complaint record: what `toRecord` keeps of a complaint, what it never keeps (policy 17.1),
 * and `parseRecord` reading records back.
 */
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, replay, restore, serialize, type ComplaintEvent } from '../../src/machine/index.js';
import { policies } from '../../src/policy/index.js';
import {
  annualReport,
  comparePolicies,
  comparisonToText,
  ComplaintRecordSchema,
  InvalidRecordError,
  isInvalidRecordError,
  parseRecord,
  RECORD_VERSION,
  renderAnnualReport,
  respondedWithinTimescale,
  selfAssessment,
  selfAssessmentToCsv,
  selfAssessmentToMarkdown,
  tenantSatisfactionMeasures,
  timescaleDeadline,
  toRecord,
  type ComplaintRecord,
} from '../../src/reporting/index.js';
import { isHousingComplaintsError } from '../../src/errors.js';
import { acknowledge, acknowledge2, decline, escalate, extend, receive, respond1, respond2, throughBothStages, tick } from '../support/complaint.js';
import { eachHostile } from '../support/hostileValues.js';

const machine = createComplaintMachine();

/** The sample complaint with every reporting label set, through both stages. */
function labelled(): ComplaintEvent[] {
  const events = throughBothStages();
  events[0] = receive(undefined, { tenure: 'shared-ownership', serviceArea: 'repairs', category: 'damp-and-mould', channel: 'phone' });
  events[2] = { ...(events[2] as Extract<ComplaintEvent, { type: 'EXTEND' }>), category: 'survey-awaited' };
  events[3] = { ...(events[3] as Extract<ComplaintEvent, { type: 'RESPOND' }>), cause: 'contractor-missed-appointment' };
  return events;
}

describe('toRecord', () => {
  it('flattens a complaint through both stages: dates, deadlines, extensions, outcomes, labels, remedies', () => {
    const { snapshot, rejected } = replay(machine, labelled());
    expect(rejected).toEqual([]);
    const record = toRecord(snapshot)!;
    expect(record).toMatchObject({
      recordVersion: RECORD_VERSION,
      id: 'C-2024-0142',
      region: 'england-and-wales',
      policy: { id: 'code-2024', enforceCode: true, fingerprint: snapshot.context.policy.fingerprint },
      tenure: 'shared-ownership',
      serviceArea: 'repairs',
      category: 'damp-and-mould',
      channel: 'phone',
      receivedOn: '2024-12-20',
      stage: 'closed',
      closure: { reason: 'final-response', on: '2025-03-04' },
      stage1: {
        requestedOn: '2024-12-20',
        acknowledgeBy: '2024-12-31',
        acknowledgedOn: '2024-12-23',
        originalRespondBy: '2025-01-09',
        respondBy: '2025-01-23',
        respondedOn: '2025-01-22',
        decision: 'partly-upheld',
        cause: 'contractor-missed-appointment',
        extensionLimit: 10,
        extensions: [{ on: '2025-01-08', until: '2025-01-23', workingDays: 10, goodReason: false, afterDeadline: false, category: 'survey-awaited' }],
      },
      stage2: { requestedOn: '2025-01-30', acknowledgedOn: '2025-02-05', respondBy: '2025-03-05', respondedOn: '2025-03-04', extensionLimit: 20 },
    });
    // Every remedy of the context, by kind and amount, without its description; the stage it was offered at.
    expect(record.remedies.map((r) => `${r.id} ${r.stage} ${r.kind} ${r.amountPence ?? '-'}`)).toEqual(
      snapshot.context.tracked.filter((t) => t.kind === 'remedy').map((t) => `${t.id} ${t.offeredOn >= '2025-01-30' ? 2 : 1} ${t.remedy!.kind} ${t.remedy!.amountPence ?? '-'}`),
    );
    expect(record.breaches).toEqual(snapshot.context.breaches);
    // What a record says is what its schema reads back.
    expect(ComplaintRecordSchema.safeParse(record).success).toBe(true);
    expect(parseRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('is undefined before anything is received, and throws only typed errors for non-snapshots', () => {
    expect(toRecord(replay(machine, []).snapshot)).toBeUndefined();
    for (const [, value] of eachHostile()) {
      let thrown: unknown;
      try {
        toRecord(value as never);
      } catch (error) {
        thrown = error;
      }
      // ForeignMachineError when it carries no machine of this library, InvalidInputError otherwise.
      expect(isHousingComplaintsError(thrown)).toBe(true);
    }
  });

  it('records a decline with its reason code and stage, and a late acknowledgement with the deadline it would have had', () => {
    const declined = toRecord(replay(machine, [receive(), decline('2024-12-23T10:00:00Z', 'legal-proceedings')]).snapshot)!;
    expect(declined).toMatchObject({ stage: 'closed', declined: { on: '2024-12-23', reason: 'legal-proceedings', stage: 1 }, closure: { reason: 'declined' } });
    // Received Friday 20 December 2024: acknowledgement due 31 December, sent 6 January (late).
    const late = toRecord(replay(machine, [receive(), tick('2025-01-02T09:00:00Z'), acknowledge('2025-01-06T10:00:00Z')]).snapshot)!;
    expect(late.stage1).toMatchObject({ acknowledgeBy: '2024-12-31', acknowledgedOn: '2025-01-06', respondBy: '2025-01-20', respondByIfAcknowledgedOnTime: '2025-01-15' });
    expect(late.breaches.map((b) => b.deadline)).toEqual(['stage1.acknowledge']);
  });

  it('makes a record of every snapshot restore accepts, at every step of a complaint', () => {
    const events = [receive(), acknowledge(), extend('2025-01-08T10:00:00Z', '2025-01-23'), respond1('2025-01-22T15:00:00Z'), escalate(), acknowledge2(), respond2()];
    for (let n = 1; n <= events.length; n++) {
      const { snapshot } = replay(machine, events.slice(0, n));
      const restored = restore(machine, JSON.parse(serialize(snapshot)));
      const record = toRecord(restored)!;
      expect(toRecord(snapshot)).toEqual(record);
      expect(parseRecord(record)).toEqual(record);
    }
  });

  it("runs under the landlord's policy and says so", () => {
    const pp = createComplaintMachine({ policy: policies.peaksPlainsV4 });
    const record = toRecord(replay(pp, [receive(), acknowledge()]).snapshot)!;
    expect(record.policy.id).toBe('peaks-plains-v4');
    expect(record.timers.map((t) => t.id)).toEqual(['quick-fix', 'investigator-contact']);
  });
});

describe('nothing personal reaches a record, a report or a CSV (policy 17.1)', () => {
  const NAME = 'Zelda Quarrington';
  const ADDRESS = '17 Foxglove Terrace';
  const POSTCODE = 'SK11 7QJ';
  const FREE = 'my neighbour Barnaby shouts';
  const MARKERS = [NAME, ADDRESS, POSTCODE, FREE, 'Quarrington', 'Foxglove', 'Barnaby'];
  const mark = ` (${NAME}, ${ADDRESS}, ${POSTCODE}: ${FREE})`;
  /** Keys whose strings are prose from or about the resident. */
  const PROSE = new Set(['summary', 'description', 'reasons', 'reason', 'goodReason', 'explanation', 'discretion', 'outcome', 'element', 'text', 'finding', 'what', 'body', 'reasoning', 'clarification']);

  /** Appends the marker to every prose string of an event, keeping codes (a decline's reason) as they are. */
  function personal(value: unknown, key = ''): unknown {
    if (typeof value === 'string') return PROSE.has(key) && value.length > 12 && !/^[a-z-]+$/.test(value) ? `${value}${mark}` : value;
    if (Array.isArray(value)) return value.map((item) => personal(item, key === 'orders' ? 'text' : key));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, personal(v, k)]));
    return value;
  }

  it('feeds names, addresses and free text into every field a resident or letter can fill, and finds none of it in the records or anything made from them', () => {
    const logs: ComplaintEvent[][] = [
      throughBothStages(),
      [receive(), decline('2024-12-23T10:00:00Z', 'previously-considered')],
      [
        ...throughBothStages(),
        { type: 'OFFER_REMEDY', at: '2025-03-05T10:00:00Z', remedy: { id: 'goodwill', kind: 'financial', description: 'A goodwill payment for the distress caused', amountPence: 5000, dueOn: '2025-03-12' } },
        { type: 'REFER_TO_OMBUDSMAN', at: '2025-04-01T10:00:00Z' },
        { type: 'OMBUDSMAN_DETERMINATION', at: '2025-09-01T10:00:00Z', findings: [{ element: 'The handling of the repairs to the kitchen leak', finding: 'maladministration', orders: ['Pay the resident a further £250 for the distress'] }] },
      ],
    ];
    let fed = 0;
    const records: ComplaintRecord[] = [];
    for (const log of logs) {
      const events = log.map((event) => personal(event) as ComplaintEvent);
      events[0] = { ...(events[0] as Extract<ComplaintEvent, { type: 'RECEIVE' }>), complaint: { ...(events[0] as Extract<ComplaintEvent, { type: 'RECEIVE' }>).complaint, summary: `Complaint from ${NAME} at ${ADDRESS}, ${POSTCODE}: ${FREE}` } };
      const { snapshot, rejected } = replay(machine, events);
      expect(rejected).toEqual([]);
      // The test feeds what it says: the machine keeps the personal details on its full record (5.12)...
      const kept = JSON.stringify(snapshot.context);
      fed += MARKERS.filter((marker) => kept.includes(marker)).length;
      expect(kept).toContain(NAME);
      // ...and none of it reaches the record.
      const record = JSON.stringify(toRecord(snapshot));
      for (const marker of MARKERS) expect(record).not.toContain(marker);
      records.push(toRecord(snapshot)!);
    }
    expect(fed).toBe(MARKERS.length * logs.length);
    // Nor any report made from the records: the measures, the annual report as data, HTML and
    // Markdown, a comparison of policies over the same events, and the CSV and Markdown of the
    // self-assessment.
    const period = { from: '2024-04-01', to: '2026-03-31' };
    const personalLogs = new Map(logs.map((log, i) => [`C-${i}`, log.map((event) => personal(event) as ComplaintEvent)]));
    const report = annualReport(records, { period, homes: 1000, landlord: { name: 'Peaks & Plains Housing Trust' } });
    const outputs = [
      JSON.stringify(tenantSatisfactionMeasures(records, { period, homes: { lowCostRental: 900, lowCostHomeOwnership: 100 } })),
      JSON.stringify(report),
      renderAnnualReport(report, { format: 'html' }),
      renderAnnualReport(report, { format: 'markdown' }),
      comparisonToText(comparePolicies(personalLogs, [{ name: 'Code', policy: policies.code2024 }, { name: 'Peaks & Plains', policy: policies.peaksPlainsV4, enforceCode: false }], { period, homes: 1000 })),
      selfAssessmentToCsv(selfAssessment(policies.peaksPlainsV4)),
      selfAssessmentToMarkdown(selfAssessment(policies.peaksPlainsV4)),
    ];
    // The reports are made of these complaints: two received at stage 1 and one declined, counted apart (8.1(b)).
    expect([report.volumes.stage1, report.declines.total]).toEqual([2, 1]);
    for (const output of outputs) for (const marker of MARKERS) expect(output).not.toContain(marker);
  });
});

describe('parseRecord', () => {
  const record = toRecord(replay(machine, labelled()).snapshot)!;

  it('refuses another version, naming both', () => {
    expect(() => parseRecord({ ...record, recordVersion: 2 })).toThrow(/reads version 1, not 2/);
  });

  it('refuses a record of the wrong shape or with dates out of order, listing the problems', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...record, tenure: 'council' }, /tenure/],
      [{ ...record, stage1: { ...record.stage1, respondedOn: '2024-12-01' } }, /stage1\.respondedOn/],
      [{ ...record, extra: 1 }, /no such field extra/],
      [{ ...record, remedies: [{ ...record.remedies[0], description: 'x' }] }, /description/],
      [{ ...record, receivedOn: '2024-02-30' }, /receivedOn/],
      [{ ...record, stage2: record.stage2, stage1: { ...record.stage1, respondedOn: undefined } }, /stage 1 response/],
      [{ ...record, lastEventAt: '2024-99-99T1Z' }, /lastEventAt/],
      [{ ...record, stage1: { ...record.stage1, extensions: [{ ...record.stage1.extensions[0]!, on: '1999-12-31' }] } }, /stage1\.extensions\.0\.on/],
      [{ ...record, breaches: [{ ...record.breaches[0]!, recordedOn: record.breaches[0]!.due }] }, /breaches\.0\.recordedOn: .* is not after/],
      [{ ...record, remedies: [{ ...record.remedies[0]!, completedOn: '2030-01-01' }] }, /remedies\.0\.completedOn: 2030-01-01 is after the last event/],
    ];
    for (const [value, message] of cases) {
      let thrown: unknown;
      try {
        parseRecord(value);
      } catch (error) {
        thrown = error;
      }
      expect(isInvalidRecordError(thrown)).toBe(true);
      expect(thrown).toBeInstanceOf(InvalidRecordError);
      expect((thrown as InvalidRecordError).problems.join('; ')).toMatch(message);
    }
  });

  it('gives only typed errors for hostile values, and returns a copy', () => {
    for (const [, value] of eachHostile()) {
      let thrown: unknown;
      try {
        parseRecord(value);
      } catch (error) {
        thrown = error;
      }
      expect(isInvalidRecordError(thrown)).toBe(true);
    }
    const input = JSON.parse(JSON.stringify(record));
    const parsed = parseRecord(input);
    input.stage1.extensions.length = 0;
    expect(parsed.stage1.extensions).toHaveLength(1);
  });
});

describe('a late acknowledgement buys no time, when the measures say so', () => {
  it('records the deadlines the stage would have had, extensions included, and the timeliness rule uses them', () => {
    // Received Monday 2 December 2024, acknowledgement due on the 9th, sent on the 12th (3 working
    // days late): the response is due 10 working days later, on 30 December (25 and 26 December are
    // bank holidays), and is extended by 10 working days to 14 January. Acknowledged on time it
    // would have been due on 23 December, and extended to 9 January. The response goes out on 13 January.
    const { snapshot, rejected } = replay(machine, [
      receive('2024-12-02T09:00:00Z'),
      acknowledge('2024-12-12T09:00:00Z'),
      extend('2024-12-27T09:00:00Z', '2025-01-14'),
      respond1('2025-01-13T09:00:00Z'),
    ]);
    expect(rejected).toEqual([]);
    const stage1 = toRecord(snapshot)!.stage1;
    expect(stage1).toMatchObject({ acknowledgeBy: '2024-12-09', acknowledgedOn: '2024-12-12', originalRespondBy: '2024-12-30', respondBy: '2025-01-14', respondByIfAcknowledgedOnTime: '2024-12-23' });
    expect(stage1.extensions[0]).toMatchObject({ until: '2025-01-14', untilIfAcknowledgedOnTime: '2025-01-09', workingDays: 10 });
    expect(timescaleDeadline(stage1, 1)).toBe('2025-01-14');
    expect(respondedWithinTimescale(stage1, 1)).toBe(true);
    expect(timescaleDeadline(stage1, 1, { lateAcknowledgement: 'as-if-acknowledged-on-time' })).toBe('2025-01-09');
    expect(respondedWithinTimescale(stage1, 1, { lateAcknowledgement: 'as-if-acknowledged-on-time' })).toBe(false);
    expect(timescaleDeadline(stage1, 1, { lateAcknowledgement: 'as-if-acknowledged-on-time', extensions: 'original-deadline' })).toBe('2024-12-23');
    expect(respondedWithinTimescale(stage1, 1, { lateAcknowledgement: 'not-within-timescale' })).toBe(false);
    // An on-time stage has no such dates: nothing to shift.
    const onTime = toRecord(replay(machine, [receive('2025-01-06T09:00:00Z'), acknowledge('2025-01-07T09:00:00Z')]).snapshot)!.stage1;
    expect(onTime.respondByIfAcknowledgedOnTime).toBeUndefined();
  });
});
