/**
 * Issue 10 for the policy module: checkPolicy, effectivePolicy, parsing a Policy and
 * createComplaintMachine({ policy }) answer correctly or throw one of the library's own errors,
 * synchronously, naming the argument in `path`, whatever they are given.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { HousingComplaintsError, InvalidInputError, isHousingComplaintsError } from '../../src/errors.js';
import { createComplaintMachine } from '../../src/machine/index.js';
import { InvalidPolicyError, Policy, checkPolicy, effectivePolicy, isInvalidPolicyError, policies } from '../../src/policy/index.js';
import { eachHostile, flipping, hostileValues, outcome } from '../support/hostileValues.js';


/** A deep copy of `policy` (plain data) with `value` put at `path` (the policy itself for `[]`). */
function policyWith(policy: Policy, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(policy)) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

/** Asserts an InvalidPolicyError made by the library, at path 'policy', with a problem at `field`. */
function expectPolicyError(error: unknown, field: string): void {
  expect(isInvalidPolicyError(error)).toBe(true);
  expect(error).toBeInstanceOf(InvalidPolicyError);
  expect(error).toBeInstanceOf(HousingComplaintsError);
  expect((error as InvalidPolicyError).path).toBe('policy');
  const problems = (error as InvalidPolicyError).problems;
  expect(problems.length).toBeGreaterThan(0);
  if (field !== 'policy') expect(problems.some((problem) => problem.startsWith(field))).toBe(true);
}

const isLabel = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Places in a policy, what may go there among the hostile values, and the policy to start from. */
const places: [string, Policy, readonly (string | number)[], (v: unknown) => boolean][] = [
  ['the policy itself', policies.code2024, [], () => false],
  ['id', policies.code2024, ['id'], isLabel],
  ['stage1', policies.code2024, ['stage1'], () => false],
  ['stage1.respondWithin', policies.code2024, ['stage1', 'respondWithin'], () => false],
  ['extraNamedStages', policies.code2024, ['extraNamedStages'], () => false],
  ['extraNamedStages[0]', policies.peaksPlainsV4, ['extraNamedStages', 0], isLabel],
  ['exclusions', policies.code2024, ['exclusions'], () => false],
  ['exclusions.timeLimitExceptions', policies.code2024, ['exclusions', 'timeLimitExceptions'], () => false],
  ['exclusions.otherGrounds[0]', policies.peaksPlainsV4, ['exclusions', 'otherGrounds', 0], isLabel],
  ['escalation.requestWithinWorkingDays', policies.peaksPlainsV4, ['escalation', 'requestWithinWorkingDays'], (v) => v === undefined],
  ['ombudsmanDetailsInEveryLetter', policies.code2024, ['ombudsmanDetailsInEveryLetter'], (v) => v === undefined || v === true],
  ['timers', policies.peaksPlainsV4, ['timers'], () => false],
  ['timers[0]', policies.peaksPlainsV4, ['timers', 0], () => false],
  ['timers[0].until', policies.peaksPlainsV4, ['timers', 0, 'until'], (v) => v === undefined],
  ['timers[0].workingDays', policies.peaksPlainsV4, ['timers', 0, 'workingDays'], () => false],
];

describe.each(places)('a hostile value at %s', (name, base, path, accepts) => {
  const field = path.length === 0 ? 'policy' : path.join('.');

  it.each(eachHostile())('checkPolicy and effectivePolicy answer or throw InvalidPolicyError naming it, for %s', (_, value) => {
    const policy = policyWith(base, path, value);
    for (const call of [() => checkPolicy(policy as Policy), () => effectivePolicy(policy as Policy), () => effectivePolicy(policy as Policy, false)]) {
      const result = outcome(call);
      if (result.returned) {
        expect(accepts(value), `${name} accepted ${typeof value}`).toBe(true);
        expect(result.result).toBeDefined();
      } else {
        expect(accepts(value), `${name} refused an acceptable value`).toBe(false);
        expectPolicyError(result.error, field);
      }
    }
  });

  it.each(eachHostile())('Policy.safeParse never throws, and Policy.parse throws only a ZodError, for %s', (_, value) => {
    const policy = policyWith(base, path, value);
    const parsed = Policy.safeParse(policy);
    expect(parsed.success).toBe(accepts(value));
    const result = outcome(() => Policy.parse(policy));
    if (!result.returned) expect(result.error).toBeInstanceOf(z.core.$ZodError);
  });

  it.each(eachHostile())('createComplaintMachine({ policy }) builds or throws a typed error naming the policy, for %s', (_, value) => {
    const result = outcome(() => createComplaintMachine({ policy: policyWith(base, path, value) as Policy }));
    // No policy (undefined, or null: the machine reads `policy ?? policies.code2024`) is the Code's.
    if (result.returned) expect(accepts(value) || (path.length === 0 && (value === undefined || value === null))).toBe(true);
    else {
      expect(isHousingComplaintsError(result.error)).toBe(true);
      expect(result.error).toBeInstanceOf(HousingComplaintsError);
      expect((result.error as InvalidPolicyError).path).toMatch(/^(options\.)?policy$/);
    }
  });
});

describe('effectivePolicy(policy, enforceCode)', () => {
  it.each(eachHostile())('refuses an enforceCode that is not a boolean with an InvalidInputError naming it, for %s', (_, value) => {
    const result = outcome(() => effectivePolicy(policies.peaksPlainsV4, value as boolean));
    if (result.returned) {
      expect(value === undefined || value === true).toBe(true);
      expect(result.result).toEqual(effectivePolicy(policies.peaksPlainsV4, true));
    } else {
      expect(result.error).toBeInstanceOf(InvalidInputError);
      expect((result.error as InvalidInputError).path).toBe('enforceCode');
    }
  });

  it('no longer stores a truthy string as enforceCode', () => {
    expect(outcome(() => effectivePolicy(policies.peaksPlainsV4, 'no' as never)).returned).toBe(false);
  });
});

describe('a policy is read once, into a copy', () => {
  it('reads a getter once: a stage that turns bad on the next read changes nothing', () => {
    const policy = flipping({ ...policies.code2024 }, 'stage1', { acknowledgeWithin: 3, respondWithin: 10, extensionLimit: 10 }, { acknowledgeWithin: 0 });
    const rules = effectivePolicy(policy as Policy);
    expect(rules.stage1.acknowledgeWithin).toBe(3);
    expect(policy.reads()).toBe(1);
  });

  it('reads each timer once', () => {
    let reads = 0;
    const timers = new Proxy([...policies.peaksPlainsV4.timers], {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(effectivePolicy({ ...policies.peaksPlainsV4, timers }).timers).toEqual(policies.peaksPlainsV4.timers);
    expect(reads).toBe(2);
  });

  it('shares nothing with the input: editing it afterwards changes nothing', () => {
    const input = JSON.parse(JSON.stringify(policies.peaksPlainsV4)) as Policy;
    const rules = effectivePolicy(input, false);
    (input.timers[0] as { workingDays: number }).workingDays = 99;
    input.stage1.respondWithin = 99;
    expect(rules.timers[0]!.workingDays).toBe(2);
    expect(rules.stage1.respondWithin).toBe(10);
  });

  it('takes a deeply frozen policy and a transparent Proxy, and gives what the plain one gives', () => {
    const freeze = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null) {
        for (const inner of Object.values(value)) freeze(inner);
        Object.freeze(value);
      }
      return value;
    };
    const frozen = freeze(JSON.parse(JSON.stringify(policies.peaksPlainsV4)) as Policy);
    expect(effectivePolicy(frozen)).toEqual(effectivePolicy(policies.peaksPlainsV4));
    expect(effectivePolicy(new Proxy(policies.peaksPlainsV4, {}))).toEqual(effectivePolicy(policies.peaksPlainsV4));
    expect(checkPolicy(new Proxy(policies.peaksPlainsV4, {}))).toEqual(checkPolicy(policies.peaksPlainsV4));
  });

  it('refuses a hole in a list, naming its index', () => {
    const error = outcome(() => checkPolicy({ ...policies.peaksPlainsV4, timers: [policies.peaksPlainsV4.timers[0]!, , policies.peaksPlainsV4.timers[1]!] as never }));
    expect(error.returned).toBe(false);
    if (!error.returned) expectPolicyError(error.error, 'timers.1');
  });

  it('keeps `__proto__` an ordinary key, refused as unknown, never a prototype', () => {
    const policy = JSON.parse(`{"__proto__": {"id": "x"}, ${JSON.stringify(policies.code2024).slice(1)}`) as Policy;
    const error = outcome(() => checkPolicy(policy));
    expect(error.returned).toBe(false);
    if (!error.returned) expect((error.error as InvalidPolicyError).problems.join()).toContain('__proto__');
  });

  it('refuses a policy that refers to itself, as nested too deep', () => {
    const policy: Record<string, unknown> = { ...policies.code2024 };
    policy.stage1 = policy;
    const error = outcome(() => checkPolicy(policy as Policy));
    expect(error.returned).toBe(false);
    if (!error.returned) expectPolicyError(error.error, 'stage1');
  });
});

describe('huge lists: a documented bound of 100 entries per list, and nothing read past 10,000', () => {
  const timer = policies.peaksPlainsV4.timers[0]!;

  it('takes 100 timers, and refuses 101 naming the list', () => {
    expect(effectivePolicy({ ...policies.code2024, timers: Array.from({ length: 100 }, (_, i) => ({ ...timer, id: `t${i}` })) }).timers).toHaveLength(100);
    const error = outcome(() => effectivePolicy({ ...policies.code2024, timers: Array.from({ length: 101 }, (_, i) => ({ ...timer, id: `t${i}` })) }));
    expect(error.returned).toBe(false);
    if (!error.returned) {
      expectPolicyError(error.error, 'timers');
      expect((error.error as InvalidPolicyError).problems).toContain('timers: must have at most 100 entries');
    }
  });

  it.each(['timers', 'extraNamedStages'])('refuses %s of 100,000 entries, reading at most 10,000', (list) => {
    let reads = 0;
    const entries = new Proxy(Array.from({ length: 100_000 }, () => 'x'), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const error = outcome(() => checkPolicy({ ...policies.code2024, [list]: entries }));
    expect(error.returned).toBe(false);
    if (!error.returned) expectPolicyError(error.error, list);
    expect(reads).toBeLessThanOrEqual(10_000);
  });

  it('refuses an array that claims 2^32 - 1 entries at once', () => {
    const huge = hostileValues.find(([name]) => name === 'an array claiming 2^32 - 1 entries')![1];
    const error = outcome(() => checkPolicy({ ...policies.code2024, exclusions: { ...policies.code2024.exclusions, otherGrounds: huge() as string[] } }));
    expect(error.returned).toBe(false);
    if (!error.returned) expectPolicyError(error.error, 'exclusions.otherGrounds');
  });

  it('keeps every problem line short, however long the key or value', () => {
    const error = outcome(() => checkPolicy({ ...policies.code2024, ['k'.repeat(100_000)]: 1 } as never));
    expect(error.returned).toBe(false);
    if (!error.returned) {
      for (const problem of (error.error as InvalidPolicyError).problems) expect(problem.length).toBeLessThanOrEqual(200);
      expect((error.error as Error).message.length).toBeLessThan(2_000);
    }
  });
});

describe('InvalidPolicyError', () => {
  it('is an InvalidInputError at path "policy", holding the value, with the old message', () => {
    const error = outcome(() => checkPolicy({ id: 'x' } as never));
    expect(error.returned).toBe(false);
    if (!error.returned) {
      expect(error.error).toBeInstanceOf(InvalidInputError);
      expect((error.error as InvalidPolicyError).value).toEqual({ id: 'x' });
      expect((error.error as Error).message).toMatch(/^The policy is not valid: /);
    }
  });
});
