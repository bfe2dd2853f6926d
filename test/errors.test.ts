import { describe, expect, it } from 'vitest';
import { DateOutOfRangeError, InvalidCalendarInputError, InvalidDateError, InvalidDayCountError, InvalidInstantError, isDateOutOfRangeError, isInvalidCalendarInputError, isInvalidDateError, isInvalidDayCountError, isInvalidInstantError } from '../src/calendar/index.js';
import { HousingComplaintsError, InvalidInputError, asText, describeValue, isErrorNamed, isHousingComplaintsError, isInvalidInputError, typedErrors } from '../src/errors.js';
import { InvalidPolicyError, isInvalidPolicyError } from '../src/policy/index.js';
import { caught } from './support/caught.js';
import { eachHostile } from './support/hostileValues.js';

const guards = [isHousingComplaintsError, isInvalidInputError, isInvalidDateError, isInvalidInstantError, isInvalidDayCountError, isDateOutOfRangeError, isInvalidCalendarInputError, isInvalidPolicyError];

describe('describeValue never throws, whatever it is given', () => {
  it.each(eachHostile())('describes %s in a short string', (_, value) => {
    const described = describeValue(value);
    expect(typeof described).toBe('string');
    expect(described.length).toBeLessThan(100);
  });

  it('describes a revoked Proxy as an object, not an array, even when it wrapped one', () => {
    const { proxy, revoke } = Proxy.revocable([], {});
    revoke();
    expect(describeValue(proxy)).toBe('a value of type object');
  });

  it('describes an object that only pretends to be a Date as an object', () => {
    expect(describeValue(Object.create(Date.prototype))).toBe('a value of type object');
  });

  it('describes a real Date from its time value, without calling its own methods', () => {
    const date = Object.assign(new Date('2024-01-01T00:00:00Z'), { toISOString: () => 'lies', getTime: () => 0 });
    expect(describeValue(date)).toBe('a Date (2024-01-01T00:00:00.000Z)');
    expect(describeValue(new Date(Number.NaN))).toBe('a Date (Invalid Date)');
  });

  it('never calls a converter: Symbol.toPrimitive, toString and valueOf are left alone', () => {
    let calls = 0;
    const count = () => {
      calls++;
      throw new Error('boom');
    };
    expect(describeValue({ [Symbol.toPrimitive]: count, toString: count, valueOf: count })).toBe('a value of type object');
    expect(calls).toBe(0);
  });

  it('keeps the descriptions it gave before', () => {
    expect(describeValue('2024-02-30')).toBe('"2024-02-30"');
    expect(describeValue('x'.repeat(100))).toBe(JSON.stringify(`${'x'.repeat(57)}...`));
    expect(describeValue(20240101)).toBe('20240101');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue([1])).toBe('an array');
    expect(describeValue(Symbol('s'))).toBe('a value of type symbol');
    expect(describeValue(() => 1)).toBe('a value of type function');
  });

  it('writes a bigint with its n, so it is not taken for a number', () => {
    expect(describeValue(10n)).toBe('10n');
  });
});

describe('the error classes can be built from any value', () => {
  it.each(eachHostile())('builds every error with %s in every argument, with a string message', (_, value) => {
    const made = [
      new HousingComplaintsError(value as string),
      new HousingComplaintsError('message', value as ErrorOptions),
      new InvalidInputError('path', value, 'expected'),
      new InvalidInputError(value as string, value, value as string),
      new InvalidCalendarInputError('path', value, 'expected'),
      new InvalidDateError(value, value as string, value as string),
      new InvalidInstantError(value, value as string, value as string),
      new InvalidDayCountError(value, value as string),
      new DateOutOfRangeError(value as string, value as string, value as string, value as string, value as string),
      new InvalidPolicyError(value as string[], value, value as string),
    ];
    for (const error of made) {
      expect(isHousingComplaintsError(error)).toBe(true);
      expect(typeof error.message).toBe('string');
      if ('path' in error) expect(typeof error.path).toBe('string');
    }
  });

  it('keeps a cause, and ignores options it cannot read', () => {
    expect(new HousingComplaintsError('m', { cause: 'why' }).cause).toBe('why');
    const { proxy, revoke } = Proxy.revocable({ cause: 'why' }, {});
    revoke();
    expect(new HousingComplaintsError('m', proxy).cause).toBeUndefined();
  });
});

describe('the isX() guards never throw', () => {
  it.each(eachHostile())('answers %s with a boolean: false, unless it forges the brand', (name, value) => {
    for (const guard of [...guards, (v: unknown) => isErrorNamed(v, 'InvalidInputError')]) {
      const answer = guard(value);
      expect(typeof answer).toBe('boolean');
      if (name !== 'a forged library error') expect(answer).toBe(false);
    }
  });

  it('answers false for a revoked Proxy and for a Proxy whose traps throw', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = new Proxy({}, { get: () => { throw new Error('boom'); } });
    for (const guard of guards) {
      expect(guard(proxy)).toBe(false);
      expect(guard(throwing)).toBe(false);
    }
  });

  it('still recognises every error class, and tells them apart', () => {
    expect(isInvalidInputError(new InvalidCalendarInputError('region', 'wales', 'a UK region'))).toBe(true);
    expect(isInvalidInputError(new InvalidPolicyError(['id: must not be empty']))).toBe(true);
    expect(isInvalidPolicyError(new InvalidCalendarInputError('region', 'wales', 'a UK region'))).toBe(false);
    expect(isInvalidDateError(new InvalidDayCountError(1.5))).toBe(false);
    expect(isHousingComplaintsError(new Error('plain'))).toBe(false);
  });
});

describe('typedErrors lets only the library’s own errors through', () => {
  const fail = (thrown: unknown) => () =>
    typedErrors('options', 'the input', 'an options object', () => {
      throw thrown;
    });

  it('passes on an error the library made', () => {
    const error = new InvalidDateError('2024-02-30');
    expect(caught(fail(error))).toBe(error);
  });

  it.each(eachHostile())('turns a thrown %s into an InvalidInputError naming the path', (_, thrown) => {
    const error = caught(fail(thrown));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).path).toBe('options');
    expect((error as InvalidInputError).value).toBe('the input');
  });

  it('does not take an object forging the brand for one of its errors', () => {
    const forged = { [Symbol.for('housing-complaints.error')]: true, name: 'InvalidDateError' };
    expect(isHousingComplaintsError(forged)).toBe(true); // the guard works across builds, by brand
    const error = caught(fail(forged));
    expect(error).not.toBe(forged);
    expect(error).toBeInstanceOf(InvalidInputError);
  });

  it('returns what the function returns', () => {
    expect(typedErrors('x', 1, 'y', () => 42)).toBe(42);
  });
});

describe('asText', () => {
  it('keeps a string and describes anything else', () => {
    expect(asText('closures[0]')).toBe('closures[0]');
    expect(asText(Symbol('s'))).toBe('a value of type symbol');
  });
});
