import { describe, expect, it } from 'vitest';
import { createComplaintMachine, createWorkingDayCalendar, isInvalidInputError, isInvalidPolicyError, policies, replay, restore, serialize } from '../../src/index.js';
import { caught } from '../support/caught.js';

describe('createComplaintMachine checks its options before building anything', () => {
  it.each([
    ['enforceCode: "no"', { enforceCode: 'no' }, 'options.enforceCode'],
    ['enforceCode: 0', { enforceCode: 0 }, 'options.enforceCode'],
    ['calendar: "x"', { calendar: 'x' }, 'options.calendar'],
    ['null', null, 'options'],
    ['an array', [], 'options'],
    ['a misspelt option', { enforcecode: false }, 'options.enforcecode'],
    ['a getter that throws', Object.defineProperty({}, 'enforceCode', { enumerable: true, get: () => { throw new Error('boom'); } }), 'options'],
  ])('refuses %s with an InvalidInputError naming it', (_, options, path) => {
    const error = caught(() => createComplaintMachine(options as never));
    expect(isInvalidInputError(error)).toBe(true);
    expect((error as { path: string }).path).toBe(path);
  });

  it('refuses a malformed policy with InvalidPolicyError, as before', () => {
    expect(isInvalidPolicyError(caught(() => createComplaintMachine({ policy: { id: 'x' } as never })))).toBe(true);
  });

  it('takes no options, empty options, or every option, and what it accepts it can store and restore', () => {
    const calendar = (region: 'england-and-wales' | 'scotland' | 'northern-ireland') => createWorkingDayCalendar({ region, closures: ['2025-01-07'] });
    for (const options of [undefined, {}, { policy: policies.peaksPlainsV4, enforceCode: false, calendar }]) {
      const machine = createComplaintMachine(options);
      const { snapshot } = replay(machine, [{ type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } }]);
      expect(restore(machine, serialize(snapshot)).context).toEqual(snapshot.context);
    }
  });
});
