/**
 * The labels a complaint carries for reports (policy 18.1): tenure and service area on RECEIVE, the
 * root cause on RESPOND, a reason's category on EXTEND. Optional, checked like every other field,
 * and stored so that restore takes them back.
 */
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, replay, restore, serialize, step, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, extend, receive, respond1 } from '../support/complaint.js';

const machine = createComplaintMachine();

describe('reporting labels on events', () => {
  it('keeps tenure, service area, cause and an extension category on the record, and restore takes them back', () => {
    const { snapshot, rejected } = replay(machine, [
      receive(undefined, { tenure: 'supported-housing', serviceArea: '  Repairs ' }),
      acknowledge(),
      { ...extend('2025-01-08T10:00:00Z', '2025-01-23'), category: 'survey-awaited' },
      { ...respond1('2025-01-22T15:00:00Z'), cause: 'missed-appointment' },
    ]);
    expect(rejected).toEqual([]);
    expect(snapshot.context.complaint).toMatchObject({ tenure: 'supported-housing', serviceArea: 'Repairs' });
    expect(snapshot.context.stage1?.extensions[0]?.category).toBe('survey-awaited');
    expect(snapshot.context.stage1?.cause).toBe('missed-appointment');
    expect(restore(machine, JSON.parse(serialize(snapshot))).context).toEqual(snapshot.context);
  });

  it('refuses a tenure it does not know and a label on more than one line, naming the field', () => {
    const start = replay(machine, []).snapshot;
    const bad: [ComplaintEvent, RegExp][] = [
      [receive(undefined, { tenure: 'council' as never }), /tenure/],
      [receive(undefined, { serviceArea: 'Repairs\nand maintenance' }), /serviceArea/],
      [receive(undefined, { serviceArea: 'x'.repeat(201) }), /serviceArea/],
    ];
    for (const [event, field] of bad) {
      const result = step(machine, start, event);
      expect(result.accepted).toBe(false);
      expect(JSON.stringify(result)).toMatch(field);
    }
    const open = replay(machine, [receive(), acknowledge()]).snapshot;
    const cause = step(machine, open, { ...respond1('2025-01-08T15:00:00Z'), cause: '' });
    expect(cause.accepted).toBe(false);
    expect(JSON.stringify(cause)).toMatch(/cause/);
  });
});
