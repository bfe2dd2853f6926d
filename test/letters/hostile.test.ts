/**
 * Issue 10 for `housing-complaints/letters`: no input crashes the host. Every public function
 * gives a correct answer or throws one of the library's typed errors, synchronously, whatever it is
 * given: throwing getters, getters that change between reads, Proxies (revoked too), sparse arrays,
 * frozen objects, objects pretending to be Dates, huge strings, deep nesting. And one rule for text
 * (no control or text-direction characters), one domain for money, lookups by kind that name what
 * is valid, rendering linear in the size of the letter, wrapping that never splits a character,
 * and no line wider than 76 columns.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHousingComplaintsError, isInvalidInputError, type InvalidInputError } from '../../src/errors.js';
import * as letters from '../../src/letters/index.js';
import {
  InvalidRenderOptionsError,
  LETTER_KINDS,
  LetterValidationError,
  Remedy,
  formatLetterDate,
  formatPounds,
  isInvalidRenderOptionsError,
  isLetterValidationError,
  letterParts,
  parseLetter,
  readability,
  renderLetter,
  validateLetter,
  type Letter,
  type LetterIssue,
  type RenderLetterOptions,
} from '../../src/letters/index.js';
import { landlord, resident, samples } from '../../examples/letters/samples.js';
import { caught } from '../support/caught.js';

// biome-ignore lint: tests break letters on purpose
type Loose = Record<string, any>;
type Path = (string | number)[];

const copy = (value: unknown): Loose => structuredClone(value) as Loose;
const s1 = samples.stage1Response;
const decline = samples.declineNotice;

/** A hostile value of each kind, made once on first use (none of them changes when read). */
const HOSTILE: Record<string, () => unknown> = Object.fromEntries(
  Object.entries<() => unknown>({
    'a throwing getter': () => Object.defineProperty({}, 'kind', { enumerable: true, get: () => { throw new Error('boom'); } }),
    'a revoked Proxy': () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
    'a Proxy whose every trap throws': () =>
      new Proxy({}, new Proxy({}, { get: () => () => { throw new Error('trap'); } })),
    'a sparse array': () => ['a', , 'c'], // eslint-disable-line no-sparse-arrays
    'a huge sparse array': () => {
      const holes: unknown[] = [];
      holes.length = 2 ** 32 - 1;
      return holes;
    },
    'an object pretending to be a Date': () => Object.create(Date.prototype),
    'a real Date': () => new Date('2025-01-06T00:00:00Z'),
    'a frozen empty object': () => Object.freeze({}),
    'a huge string': () => 'x'.repeat(200_000),
    'a huge string of control characters': () => '\u001b[2J'.repeat(50_000),
    'deep nesting': () => {
      let value: unknown = 'x';
      for (let i = 0; i < 100_000; i++) value = { kind: value, items: [value] };
      return value;
    },
    'a cycle': () => {
      const cycle: Loose = { kind: 'decline-notice' };
      cycle.self = cycle;
      cycle.list = [cycle, cycle, cycle];
      return cycle;
    },
    'a wide object': () => Object.fromEntries(Array.from({ length: 110_000 }, (_, i) => [`k${i}`, i])),
    'a symbol': () => Symbol('s'),
    'a bigint': () => 10n,
    'a function': () => () => 'kind',
    NaN: () => Number.NaN,
    Infinity: () => Number.POSITIVE_INFINITY,
    null: () => null,
    undefined: () => undefined,
  }).map(([name, make]) => {
    let made: { value: unknown } | undefined;
    return [name, () => (made ??= { value: make() }).value];
  }),
);

/** What a call did: returned a value, or threw. */
function settle(fn: () => unknown): { threw: false; value: unknown } | { threw: true; error: unknown } {
  try {
    return { threw: false, value: fn() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** The call either returns, or throws one of the library's typed errors; never a TypeError, never a Promise. */
function expectTypedOrValue(fn: () => unknown): unknown {
  const outcome = settle(fn);
  if (outcome.threw) {
    expect(isHousingComplaintsError(outcome.error), String(outcome.error)).toBe(true);
    return outcome.error;
  }
  expect(outcome.value).not.toBeInstanceOf(Promise);
  return outcome.value;
}

/** A copy of `letter` with `value` at `path`. */
function withValue(letter: unknown, path: Path, value: unknown): Loose {
  const out = copy(letter);
  let at: Loose = out;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)!] = value;
  return out;
}

/** Every place a hostile value can go in a stage 1 response: the letter, each field, inside lists. */
const LETTER_PATHS: Path[] = [
  ['kind'],
  ['complaintId'],
  ['sentOn'],
  ['stage'],
  ['definition'],
  ['definition', 'points'],
  ['definition', 'points', 0],
  ['definition', 'points', 0, 'id'],
  ['definition', 'outcomesSought'],
  ['findings'],
  ['findings', 1, 'reasons'],
  ['findings', 0, 'references'],
  ['remedies', 2, 'amountPence'],
  ['escalation'],
  ['escalation', 'route'],
  ['ombudsman'],
  ['ombudsman', 'phone'],
];

/**
 * Every function `housing-complaints/letters` exports, with the ways to call it with a hostile
 * value `h` in each argument (and inside the arguments that are objects).
 */
const CALLS: Record<string, ((h: unknown) => unknown)[]> = {
  letterParts: [(h) => letterParts(h as never), (h) => letterParts('stage1-response', h as never)],
  validateLetter: [(h) => validateLetter(h), ...LETTER_PATHS.map((path) => (h: unknown) => validateLetter(withValue(s1, path, h)))],
  parseLetter: [(h) => parseLetter(h), ...LETTER_PATHS.map((path) => (h: unknown) => parseLetter(withValue(s1, path, h)))],
  readability: [(h) => readability(h as never), ...LETTER_PATHS.map((path) => (h: unknown) => readability(withValue(s1, path, h) as never))],
  renderLetter: [
    (h) => renderLetter(h, { format: 'text' }),
    ...LETTER_PATHS.map((path) => (h: unknown) => renderLetter(withValue(s1, path, h), { format: 'html' })),
    (h) => renderLetter(s1, h as never),
    (h) => renderLetter(s1, { format: h } as never),
    (h) => renderLetter(s1, { format: 'text', standalone: h } as never),
    (h) => renderLetter(s1, { format: 'text', landlord: h } as never),
    (h) => renderLetter(s1, { format: 'text', landlord: { ...landlord, name: h } } as never),
    (h) => renderLetter(s1, { format: 'html', landlord: { ...landlord, address: h } } as never),
    (h) => renderLetter(s1, { format: 'text', landlord: { ...landlord, address: ['Macclesfield', h] } } as never),
    (h) => renderLetter(s1, { format: 'text', landlord: { ...landlord, signOff: h } } as never),
    (h) => renderLetter(s1, { format: 'text', resident: h } as never),
    (h) => renderLetter(s1, { format: 'html', resident: { ...resident, address: h } } as never),
  ],
  formatLetterDate: [(h) => formatLetterDate(h as never)],
  formatPounds: [(h) => formatPounds(h as never)],
  isLetterValidationError: [(h) => isLetterValidationError(h)],
  isInvalidRenderOptionsError: [(h) => isInvalidRenderOptionsError(h)],
  LetterValidationError: [(h) => new LetterValidationError(h as never, 'letter'), (h) => new LetterValidationError([h] as never, 'letter'), (h) => new LetterValidationError([], h as never)],
  InvalidRenderOptionsError: [(h) => new InvalidRenderOptionsError('options.format', h, "'text' or 'html'"), (h) => new InvalidRenderOptionsError(h as never, h, h as never)],
};

describe('every public function, given hostile input', () => {
  it('covers every function the module exports', () => {
    const functions = Object.entries(letters)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    expect(Object.keys(CALLS).sort()).toEqual(functions);
  });

  describe.each(Object.entries(CALLS))('%s', (name, calls) => {
    it.each(Object.keys(HOSTILE))('answers or throws a typed error, synchronously, given %s', (kind) => {
      for (const call of calls) {
        const result = expectTypedOrValue(() => call(HOSTILE[kind]!()));
        if (name.startsWith('is')) expect(result).toBe(false);
      }
    });
  });

  it('refuses each hostile value in a letter as an issue at its path, never a crash', () => {
    for (const [name, make] of Object.entries(HOSTILE)) {
      for (const path of LETTER_PATHS) {
        const value = make();
        const result = validateLetter(withValue(s1, path, value));
        if (result.ok) {
          // Only leaving out an optional part (the references, the Ombudsman's details at stage 1) is valid.
          expect([name, path]).toEqual(['undefined', expect.anything()]);
          continue;
        }
        const at = (issue: LetterIssue) => path.every((key, i) => issue.path[i] === key);
        expect(result.issues.some(at), `${name} at ${path.join('.')}: ${JSON.stringify(result.issues.slice(0, 2))}`).toBe(true);
        for (const issue of result.issues) {
          expect(issue.provision).toMatch(/^\d\.\d+(\([a-g]\))?$/);
          expect(typeof issue.message).toBe('string');
        }
      }
    }
  });

  it('names the option that is wrong, as options.<path>', () => {
    const pathOf = (options: unknown) => (caught(() => renderLetter(decline, options as RenderLetterOptions)) as InvalidInputError).path;
    expect(pathOf(HOSTILE['a revoked Proxy']!())).toBe('options');
    expect(pathOf({ format: 'pdf' })).toBe('options.format');
    expect(pathOf({ format: 'text', landlord: { name: 'L', address: ['a', , 'c'] } })).toBe('options.landlord.address[1]'); // eslint-disable-line no-sparse-arrays
    expect(pathOf({ format: 'text', landlord: { name: 'L', title: 'Dr' } })).toBe('options.landlord.title');
    expect(pathOf({ format: 'text', resident: HOSTILE['a throwing getter']!() })).toBe('options.resident');
    expect(pathOf({ format: 'text', resident: { name: HOSTILE['deep nesting']!() } })).toMatch(/^options\.resident\.name(\.kind)*$/);
    expect(pathOf({ format: 'text', standalone: 'yes' })).toBe('options.standalone');
    expect(pathOf(null)).toBe('options');
    for (const options of [{ format: 'pdf' }, null, HOSTILE['a revoked Proxy']!()]) {
      const error = caught(() => renderLetter(decline, options as RenderLetterOptions));
      expect(isInvalidRenderOptionsError(error)).toBe(true);
      expect(isInvalidInputError(error)).toBe(true);
    }
  });
});

/** A deep Proxy over `value` that counts every property read, per object and key. */
function counted<T>(value: T): { proxy: T; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const wrap = (target: unknown, at: string): unknown =>
    typeof target === 'object' && target !== null
      ? new Proxy(target, {
          get(object, key, receiver) {
            const where = `${at}.${String(key)}`;
            if (typeof key === 'string') reads.set(where, (reads.get(where) ?? 0) + 1);
            return wrap(Reflect.get(object, key, receiver), where);
          },
        })
      : target;
  return { proxy: wrap(value, '') as T, reads };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('well-formed letters behind Proxies, getters and freezing', () => {
  const options: RenderLetterOptions = { format: 'text', landlord, resident };

  it.each(Object.entries(samples))('gives the same answers for the %s behind a Proxy, frozen, or with getters', (_, letter) => {
    const expected = { valid: validateLetter(letter), text: renderLetter(letter, options), html: renderLetter(letter, { ...options, format: 'html', standalone: true }), report: readability(letter) };
    const withGetters = Object.defineProperties({}, Object.fromEntries(Object.entries(copy(letter)).map(([key, value]) => [key, { enumerable: true, get: () => value }])));
    for (const variant of [counted(copy(letter)).proxy, deepFreeze(copy(letter)), withGetters]) {
      expect(validateLetter(variant)).toEqual(expected.valid);
      expect(parseLetter(variant)).toEqual(letter);
      expect(renderLetter(variant, counted(options).proxy)).toBe(expected.text);
      expect(renderLetter(variant, deepFreeze({ ...copy(options), format: 'html', standalone: true }))).toBe(expected.html);
      expect(readability(variant as Letter)).toEqual(expected.report);
    }
  });

  it('reads each property of the letter and the options once', () => {
    const letter = counted(copy(s1));
    const opts = counted({ format: 'html', landlord: copy(landlord), resident: copy(resident), standalone: true });
    renderLetter(letter.proxy, opts.proxy as RenderLetterOptions);
    expect([...letter.reads.values()].every((n) => n === 1)).toBe(true);
    expect([...opts.reads.values()].every((n) => n === 1)).toBe(true);
    expect(letter.reads.get('.findings')).toBe(1);
  });

  it('renders exactly what it validated when a getter answers differently on each read', () => {
    let reads = 0;
    const letter = Object.defineProperty(copy(decline), 'reasons', {
      enumerable: true,
      get: () => (reads++ === 0 ? 'Court proceedings have started.' : '\u001b[2J<script>alert(1)</script>'),
    });
    const name = { n: 0 };
    const who = Object.defineProperty({}, 'name', { enumerable: true, get: () => (name.n++ === 0 ? 'Ms A Khan' : 'Mallory\u202e') });
    for (const format of ['text', 'html'] as const) {
      reads = 0;
      name.n = 0;
      const out = renderLetter(letter, { format, resident: who as never });
      expect(out).toContain('Court proceedings have started.');
      expect(out).toContain('Ms A Khan');
      expect(out).not.toMatch(/\u001b|script|Mallory|\u202e/);
      expect(reads).toBe(1);
      expect(name.n).toBe(1);
    }
    // And the other way round: refused consistently when the first read is the bad one.
    let flips = 0;
    const bad = Object.defineProperty(copy(decline), 'reasons', { enumerable: true, get: () => (flips++ === 0 ? '\u001b[2J' : 'Fine reasons.') });
    expect(isLetterValidationError(caught(() => renderLetter(bad, { format: 'text' })))).toBe(true);
  });

  it('reports a hole in a list as missing, at its path', () => {
    const letter = copy(s1);
    letter.definition.outcomesSought = ['Repair', , 'Apology']; // eslint-disable-line no-sparse-arrays
    letter.findings[1].references = [, 'Repairs policy']; // eslint-disable-line no-sparse-arrays
    const result = validateLetter(letter);
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual(['definition.outcomesSought[1]: missing', 'findings[1].references[0]: missing']);
  });

  it('is not fooled by an object pretending to be a Date, or by a real Date where a date is written', () => {
    for (const date of [Object.create(Date.prototype), new Date('2025-01-22T00:00:00Z')]) {
      const result = validateLetter(withValue(s1, ['sentOn'], date));
      expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([['sentOn']]);
      expect((caught(() => formatLetterDate(date)) as Error).name).toBe('InvalidDateError');
    }
  });

  it('refuses a letter nested too deep, or holding too much, saying where', () => {
    const deep = withValue(decline, ['reasons'], HOSTILE['deep nesting']!());
    const issues = (validateLetter(deep) as { issues: LetterIssue[] }).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^reasons(\.kind)*: nests more than 8 levels deep; a letter must be plain data$/);
    const wide = withValue(s1, ['definition', 'outcomesSought'], HOSTILE['a huge sparse array']!());
    expect((validateLetter(wide) as { issues: LetterIssue[] }).issues[0]!.message).toBe('definition.outcomesSought: holds more than 100000 values; a letter must be plain data');
    const unreadable = withValue(decline, ['ombudsman'], HOSTILE['a revoked Proxy']!());
    expect((validateLetter(unreadable) as { issues: LetterIssue[] }).issues[0]!.message).toBe('ombudsman: could not be read (a getter or a Proxy threw); a letter must be plain data');
  });

  it('refuses a huge string with one issue, and a letter of huge text keeps to its limit', () => {
    const result = validateLetter(withValue(decline, ['reasons'], 'x'.repeat(200_000)));
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual(['reasons: must be at most 20000 characters']);
    const long = withValue(decline, ['reasons'], `${'word '.repeat(3_999)}end.`);
    expect(renderLetter(long, { format: 'text' }).split('\n').every((line) => line.length <= 76)).toBe(true);
  });
});

describe('one rule for all text: no control or text-direction characters', () => {
  const UNSAFE: Record<string, string> = {
    ESC: '\u001b',
    NUL: '\u0000',
    BEL: '\u0007',
    'vertical tab': '\u000b',
    DEL: '\u007f',
    'C1 NEL': '\u0085',
    'C1 CSI': '\u009b',
    'LRE (embedding)': '\u202a',
    'RLO (override)': '\u202e',
    'LRI (isolate)': '\u2066',
    'PDI (pop isolate)': '\u2069',
    'a lone surrogate': '\ud83d',
  };

  /** The paths of every string in `value`. */
  function stringPaths(value: unknown, path: Path = []): Path[] {
    if (typeof value === 'string') return [path];
    if (typeof value !== 'object' || value === null) return [];
    return Object.entries(value).flatMap(([key, inner]) => stringPaths(inner, [...path, Array.isArray(value) ? Number(key) : key]));
  }

  it.each(Object.entries(UNSAFE))('refuses %s in every string of every letter, at its path', (_, char) => {
    for (const letter of Object.values(samples)) {
      for (const path of stringPaths(letter)) {
        const original = path.reduce<Loose>((at, key) => at[key], letter as Loose) as unknown as string;
        const result = validateLetter(withValue(letter, path, `${original.slice(0, 3)}${char}[31m${original.slice(3)}`));
        expect(result.ok, path.join('.')).toBe(false);
        expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toContainEqual(path);
      }
    }
  });

  it.each(Object.entries(UNSAFE))('refuses %s in the landlord’s and resident’s details, with the same message', (_, char) => {
    const letterMessage = (validateLetter(withValue(decline, ['reasons'], `Rea${char}sons`)) as { issues: LetterIssue[] }).issues[0]!.message;
    const codePoint = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(letterMessage).toBe(`reasons: must not contain control characters or text-direction overrides (found ${codePoint})`);
    for (const options of [
      { format: 'text', landlord: { name: `Land${char}lord` } },
      { format: 'html', landlord: { name: 'L', address: ['Street', `To${char}wn`] } },
      { format: 'text', landlord: { name: 'L', signOff: `J${char}o` } },
      { format: 'text', resident: { name: `Ms${char} Khan` } },
    ]) {
      const error = caught(() => renderLetter(decline, options as RenderLetterOptions));
      expect(isInvalidRenderOptionsError(error)).toBe(true);
      expect((error as Error).message).toContain(`must not contain control characters or text-direction overrides (found ${codePoint})`);
    }
  });

  it('keeps tabs, line breaks, emoji sequences, combining marks and marks like RLM in letter text', () => {
    const text = 'Line one\tand a tab.\r\nLine two: 👩‍👩‍👧‍👦 🇬🇧 café, שלום\u200f.';
    expect(validateLetter(withValue(decline, ['reasons'], text)).ok).toBe(true);
    expect(renderLetter(withValue(decline, ['reasons'], text), { format: 'text', resident: { name: 'Ms Zoë 👋🏽 O\u2019Brien' } })).toContain('👩‍👩‍👧‍👦 🇬🇧 café');
  });

  it('refuses line breaks in the landlord’s and resident’s details, which are one line each', () => {
    for (const name of ['Mr X,\n\nDear', 'A\rB', 'A\u2028B']) {
      expect(isInvalidRenderOptionsError(caught(() => renderLetter(decline, { format: 'text', resident: { name } })))).toBe(true);
    }
  });

  it('never prints a control or direction character in any rendering of any sample', () => {
    for (const letter of Object.values(samples)) {
      for (const format of ['text', 'html'] as const) {
        expect(renderLetter(letter, { format, landlord, resident })).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }
    }
  });
});

describe('money: whole pence, one domain', () => {
  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [99, '£0.99'],
    [100, '£1.00'],
    [123456789, '£1,234,567.89'],
    [Number.MAX_SAFE_INTEGER, '£90,071,992,547,409.91'],
  ])('writes %s pence as %s', (pence, text) => {
    expect(formatPounds(pence)).toBe(text);
  });

  const refused: unknown[] = [-5, -1, 1.5, 0.1, 149.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 1e21, '100', 100n, null, undefined, {}, [100], new Number(100)];

  it.each(refused.map((value) => [String(value), value]))('refuses %s with an InvalidInputError at pence', (_, value) => {
    const error = caught(() => formatPounds(value as number)) as InvalidInputError;
    expect(isInvalidInputError(error)).toBe(true);
    expect(error.path).toBe('pence');
    expect(error.message).toContain('a whole number of pence from 0 to 9007199254740991');
  });

  it('accepts in a financial remedy exactly the amounts formatPounds writes, above zero', () => {
    for (const amount of [...refused, 0, 1, 99, 15000, Number.MAX_SAFE_INTEGER]) {
      const remedy = { kind: 'financial', description: 'Compensation', dueOn: '2025-02-07', amountPence: amount };
      const written = !settle(() => formatPounds(amount as number)).threw;
      expect(Remedy.safeParse(remedy).success, String(amount)).toBe(written && amount !== 0);
    }
  });
});

describe('lookups by kind', () => {
  it('names the kind and lists the valid kinds for an unknown one', () => {
    const error = caught(() => letterParts('postcard' as never)) as InvalidInputError;
    expect(isInvalidInputError(error)).toBe(true);
    expect(error.path).toBe('kind');
    expect(error.value).toBe('postcard');
    for (const kind of LETTER_KINDS) expect(error.message).toContain(kind);
  });

  it('refuses a stage other than 1 or 2, naming it', () => {
    for (const stage of [0, 3, '1', 1.5, null]) expect((caught(() => letterParts('acknowledgement', stage as never)) as InvalidInputError).path).toBe('stage');
  });

  it('answers for every kind at both stages', () => {
    for (const kind of LETTER_KINDS) for (const stage of [1, 2] as const) expect(letterParts(kind, stage).length).toBeGreaterThan(1);
    expect(letterParts('decline-notice')).toEqual(letterParts('decline-notice', 2));
  });
});

/** A stage 1 response with `n` points, each with its finding: the points and findings out of order. */
function bigResponse(n: number): Loose {
  const letter = copy(s1);
  letter.definition.points = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, summary: `Point number ${i} of the complaint` }));
  letter.findings = Array.from({ length: n }, (_, i) => ({ pointId: `p${n - 1 - i}`, upheld: i === 0, reasons: `Reasons for point ${n - 1 - i}.` }));
  letter.decision = n === 1 ? 'upheld' : 'partly-upheld';
  return letter;
}

/**
 * The work array methods do during `fn`: the length of every array a search, filter, map or
 * loop method walks. Linear code does about twice the work at twice the size; a search per item
 * (a `find` for each finding) does four times.
 */
function arrayWork(fn: () => void): number {
  const names = ['find', 'findIndex', 'findLast', 'filter', 'some', 'every', 'includes', 'indexOf', 'map', 'flatMap', 'forEach', 'reduce'] as const;
  const prototype = Array.prototype as unknown as Record<string, unknown>;
  const originals = names.map((name) => prototype[name]);
  let work = 0;
  names.forEach((name, i) => {
    const original = originals[i] as (...args: unknown[]) => unknown;
    prototype[name] = function (this: unknown[], ...args: unknown[]) {
      work += this.length;
      return original.apply(this, args);
    };
  });
  try {
    fn();
  } finally {
    names.forEach((name, i) => {
      prototype[name] = originals[i];
    });
  }
  return work;
}

describe('rendering is linear in the size of the letter', () => {
  it('renders a letter of 10,000 points, each with its finding under its point', () => {
    const text = renderLetter(bigResponse(10_000), { format: 'text' });
    expect(text).toContain('Point number 9999 of the complaint. We have upheld this.\n\nReasons for point 9999.');
    expect(text).toContain('Point number 0 of the complaint. We have not upheld this.\n\nReasons for point 0.');
  });

  it('does about twice the work for twice the points (counted, not timed)', () => {
    const work = (n: number) => {
      const letter = bigResponse(n);
      return arrayWork(() => {
        renderLetter(letter, { format: 'text' });
        renderLetter(letter, { format: 'html' });
        readability(letter as Letter);
        validateLetter({ ...letter, findings: letter.findings.map((f: Loose) => ({ ...f, pointId: `x${f.pointId}` })) });
      });
    };
    const [small, large] = [work(1_000), work(2_000)];
    expect(small).toBeGreaterThan(1_000);
    expect(large / small).toBeLessThan(2.5);
  });
});

/** The characters a reader sees in `text`. */
const graphemes = (text: string) => Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);

describe('wrapping never splits a character', () => {
  it.each([
    ['an emoji outside the BMP', '💧'],
    ['a letter with combining accents', 'e\u0301\u0323'],
    ['a ZWJ family', '👩‍👩‍👧‍👦'],
    ['a flag', '🇬🇧'],
    ['a skin-tone wave', '👋🏽'],
    ['a Devanagari syllable', 'क्षि'],
  ])('keeps %s whole when a long word of them is broken', (_, char) => {
    const letter = withValue(decline, ['reasons'], `Water ${char.repeat(200)} and ${char.repeat(3)}`);
    const lines = renderLetter(letter, { format: 'text', resident: { name: `Ms ${char.repeat(Math.floor(190 / char.length))}` } }).split('\n');
    const text = lines.join('\n');
    expect(text).not.toContain('\ufffd');
    expect(text).not.toMatch(/\p{Cs}/u);
    for (const line of lines) {
      expect(graphemes(line).length).toBeLessThanOrEqual(76);
      // Every piece of a broken word is whole copies of the character (and the sentence's own stop or comma).
      for (const word of line.split(' ').filter((w) => w.includes(char))) {
        expect(graphemes(word.replace(/[.,]$/, '')).every((g) => g === char)).toBe(true);
      }
    }
    expect(lines.filter((line) => line.startsWith(char)).map((line) => graphemes(line).length)).toContain(76);
  });

  it('falls back to code points, still never splitting a surrogate pair, without Intl.Segmenter', async () => {
    vi.resetModules();
    vi.stubGlobal('Intl', Object.create(Intl, { Segmenter: { value: undefined } }));
    const { renderLetter: render } = await import('../../src/letters/render.js');
    const text = render(withValue(decline, ['reasons'], `Water ${'💧'.repeat(200)}`), { format: 'text' });
    expect(text).not.toContain('\ufffd');
    expect(text).not.toMatch(/\p{Cs}/u);
    expect(text.split('\n').every((line) => Array.from(line).length <= 76)).toBe(true);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });
});

describe('no line wider than 76 columns', () => {
  const long = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
  const wide = {
    landlord: { name: 'N'.repeat(200), address: [long('Street', 30).slice(0, 200), 'A'.repeat(200)], phone: '0'.repeat(200), email: `${'e'.repeat(180)}@example.org`, signOff: long('Signer', 25).slice(0, 200) },
    resident: { name: long('Name', 30).slice(0, 200), address: ['R'.repeat(200), long('Flat', 30).slice(0, 200)] },
  };

  /** A copy of `letter` with every text made long: the reference, names, reasons, the Ombudsman's details. */
  function widened(letter: Letter): Loose {
    const out = copy(letter);
    out.complaintId = `C-${'9'.repeat(300)} ${long('ref', 40)}`;
    if (out.handler) out.handler = 'H'.repeat(150);
    if (out.ombudsman) out.ombudsman = { ...out.ombudsman, name: 'O'.repeat(120), address: `${long('Box', 40)}\nSecond line ${'Z'.repeat(100)}`, phone: '3'.repeat(100), website: `www.${'w'.repeat(100)}.org` };
    return out;
  }

  it.each(Object.entries(samples))('holds for the %s, with and without long details, in every line', (_, letter) => {
    for (const variant of [letter, widened(letter)]) {
      for (const options of [{}, { landlord, resident }, wide]) {
        const lines = renderLetter(variant, { format: 'text', ...options } as RenderLetterOptions).split('\n');
        const over = lines.filter((line) => graphemes(line).length > 76);
        expect(over).toEqual([]);
      }
    }
  });

  it('wraps the reference and the salutation, which are part of the head', () => {
    const text = renderLetter(withValue(decline, ['complaintId'], `C-${'7'.repeat(100)}`), { format: 'text', resident: { name: 'Ms '.concat('K'.repeat(100)) } });
    expect(text).toContain(`Our reference:\nC-${'7'.repeat(74)}\n${'7'.repeat(26)}\n`);
    expect(text).toContain(`Dear Ms\n${'K'.repeat(76)}\n${'K'.repeat(24)},\n`);
  });
});
