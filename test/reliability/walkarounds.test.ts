/**
 * Rules that could be walked around: 6.13 compared names after trimming and lowercasing only, and
 * the 12-month limit (2.3) compared unpadded years as strings.
 */
import { describe, expect, it } from 'vitest';
import { createComplaintMachine, replay, step, type ComplaintEvent } from '../../src/machine/index.js';
import { acknowledge, acknowledge2, decline, escalate, receive, respond1 } from '../support/complaint.js';

const machine = createComplaintMachine();
const escalated = replay(machine, [receive(), acknowledge(), respond1(), escalate()]);

describe('6.13: the stage 2 handler is compared as a person reads the name', () => {
  it.each([
    ['a trailing zero-width space', 'Sam Patel\u200B'],
    ['a leading word joiner', '\u2060Sam Patel'],
    ['full-width letters', 'Ｓａｍ Ｐａｔｅｌ'],
    ['a soft hyphen inside', 'Sam Pa\u00ADtel'],
    ['doubled and non-breaking spaces', 'Sam\u00A0\u00A0Patel'],
    ['another case', 'SAM PATEL'],
    ['a right-to-left mark', '\u200FSam Patel'],
  ])('refuses the stage 1 handler written with %s', (_what, name) => {
    expect(escalated.rejected).toEqual([]);
    const result = step(machine, escalated.snapshot, acknowledge2(undefined, name));
    expect(result.accepted).toBe(false);
    expect(result.reasons.map((r) => r.provision)).toContain('6.13');
  });

  it('accepts someone else', () => {
    expect(step(machine, escalated.snapshot, acknowledge2(undefined, 'Priya Shah')).accepted).toBe(true);
  });

  it('refuses a name that is empty once invisible characters are removed', () => {
    const result = step(machine, escalated.snapshot, acknowledge2(undefined, '\u200B\u2060x\u200B'.replace('x', '\u200D')));
    expect(result.accepted).toBe(false);
  });

  it('compares the host’s handler ids when both stages have one', () => {
    const withIds = replay(machine, [receive(), { ...acknowledge(), handlerId: 'staff-17' } as ComplaintEvent, respond1(), escalate()]);
    expect(withIds.rejected).toEqual([]);
    expect(withIds.snapshot.context.stage1?.handlerId).toBe('staff-17');
    // Another person of the same name, with another id: allowed.
    const namesake = step(machine, withIds.snapshot, { ...acknowledge2(undefined, 'Sam Patel'), handlerId: 'staff-42' } as ComplaintEvent);
    expect(namesake.accepted).toBe(true);
    expect(namesake.snapshot.context.stage2?.handlerId).toBe('staff-42');
    // The same person under another spelling: refused.
    const same = step(machine, withIds.snapshot, { ...acknowledge2(undefined, 'S. Patel'), handlerId: 'staff-17' } as ComplaintEvent);
    expect(same.accepted).toBe(false);
    expect(same.reasons[0]?.provision).toBe('6.13');
  });
});

describe('2.3: the date of the issue', () => {
  it('refuses an issue date after receipt', () => {
    const result = step(machine, replay(machine, []).snapshot, receive(undefined, { issueDate: '9999-06-01' }));
    expect(result.accepted).toBe(false);
    expect(result.reasons[0]).toMatchObject({ provision: '2.3' });
    expect(result.reasons[0]?.message).toMatch(/after the complaint was received/);
  });

  it('refuses an issue date before the calendar', () => {
    const result = step(machine, replay(machine, []).snapshot, receive(undefined, { issueDate: '0900-01-01' }));
    expect(result.accepted).toBe(false);
    expect(result.reasons[0]?.message).toMatch(/before 2000-01-01/);
  });

  it('counts 12 months across any year, padded: an issue of 2000-01-01 received in 2024 may be declined as out of time', () => {
    const old = replay(machine, [receive(undefined, { issueDate: '2000-01-01' })]).snapshot;
    expect(step(machine, old, decline('2024-12-23T10:00:00Z', 'outside-time-limit')).accepted).toBe(true);
    const recent = replay(machine, [receive(undefined, { issueDate: '2024-06-01' })]).snapshot;
    const refused = step(machine, recent, decline('2024-12-23T10:00:00Z', 'outside-time-limit'));
    expect(refused.accepted).toBe(false);
    expect(refused.reasons[0]?.provision).toBe('2.3');
  });
});
