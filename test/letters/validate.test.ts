import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  HOUSING_OMBUDSMAN,
  LETTER_KINDS,
  LetterValidationError,
  isLetterValidationError,
  letterParts,
  parseLetter,
  validateLetter,
  type Acknowledgement,
  type Decision,
  type Letter,
  type LetterIssue,
  type Remedy,
  type Stage1Response,
  type Stage2Response,
} from '../../src/letters/index.js';
import { samples } from '../../examples/letters/samples.js';

type Mutable = Record<string, unknown>;

/** A deep copy of a sample, loosely typed so a test can break it freely. */
function copy(letter: Letter): Record<string, any> {
  return structuredClone(letter);
}

function issuesOf(letter: unknown): LetterIssue[] {
  const result = validateLetter(letter);
  if (result.ok) throw new Error('expected the letter to be refused');
  return result.issues;
}

const s1 = samples.stage1Response as Stage1Response;
const s2 = samples.stage2Response as Stage2Response;

describe('the six letters', () => {
  it.each(Object.entries(samples))('accepts the sample %s', (_, letter) => {
    const result = validateLetter(letter);
    expect(result.ok).toBe(true);
    expect(parseLetter(letter)).toEqual(letter);
  });

  it('covers every kind of letter with a sample', () => {
    expect(new Set(Object.values(samples).map((l) => l.kind))).toEqual(new Set(LETTER_KINDS));
  });

  it('infers the types of the contract', () => {
    expectTypeOf<Decision>().toEqualTypeOf<'upheld' | 'partly-upheld' | 'not-upheld'>();
    expectTypeOf<Letter['kind']>().toEqualTypeOf<(typeof LETTER_KINDS)[number]>();
    expectTypeOf<Acknowledgement['stage']>().toEqualTypeOf<1 | 2>();
    expectTypeOf<Stage1Response['stage']>().toEqualTypeOf<1>();
    expectTypeOf<Stage2Response['stage']>().toEqualTypeOf<2>();
    expectTypeOf<Stage1Response['escalation']>().toEqualTypeOf<{ route: string; requestBy?: string | undefined }>();
    expectTypeOf<Stage2Response>().toHaveProperty('ombudsman');
    expectTypeOf<Stage2Response>().not.toHaveProperty('escalation');
    expectTypeOf<Remedy['kind']>().toEqualTypeOf<'apology' | 'explanation' | 'action' | 'decision-changed' | 'record-amended' | 'financial' | 'policy-change'>();
    expectTypeOf<Stage1Response['findings'][number]>().toEqualTypeOf<{ pointId: string; upheld: boolean; reasons: string; references?: string[] | undefined }>();
    expectTypeOf(validateLetter).returns.toEqualTypeOf<{ ok: true; letter: Letter } | { ok: false; issues: LetterIssue[] }>();
    expectTypeOf(parseLetter).returns.toEqualTypeOf<Letter>();
  });
});

describe('every required part, for every letter, names its provision when missing', () => {
  const cases = Object.entries(samples).flatMap(([name, letter]) => {
    const stage = 'stage' in letter ? letter.stage : 1;
    return letterParts(letter.kind, stage)
      .filter((part) => part.required)
      // Without its stage, a letter cannot say which stage's provision applies: it cites stage 1's.
      .map((part) => ({ name, field: part.field, provision: part.field === 'stage' ? letterParts(letter.kind, 1)[0]!.provision : part.provision, letter }));
  });

  it.each(cases)('$name without $field breaches $provision', ({ letter, field, provision }) => {
    const broken = copy(letter);
    delete broken[field];
    const issues = issuesOf(broken);
    expect(issues).toContainEqual(expect.objectContaining({ path: [field], provision }));
    expect(issues.find((i) => i.path[0] === field)!.message).toContain(`${field}: missing`);
  });

  it('cites 5.12 (the record) for a letter without its complaint id or date', () => {
    const broken = copy(samples.declineNotice);
    delete broken.complaintId;
    delete broken.sentOn;
    expect(issuesOf(broken)).toMatchInlineSnapshot(`
      [
        {
          "message": "complaintId: missing; every letter is part of the complaint's record",
          "path": [
            "complaintId",
          ],
          "provision": "5.12",
        },
        {
          "message": "sentOn: missing; every letter is part of the complaint's record",
          "path": [
            "sentOn",
          ],
          "provision": "5.12",
        },
      ]
    `);
  });
});

describe('every point is addressed exactly once (6.7 at stage 1, 6.18 at stage 2)', () => {
  it('refuses a response that leaves a point without a finding', () => {
    const letter = copy(s1);
    letter.findings = s1.findings.filter((f) => f.pointId !== 'mould');
    expect(issuesOf(letter)).toMatchInlineSnapshot(`
      [
        {
          "message": "definition.points[1]: point 'mould' (There is damp and mould in the back bedroom, and nobody came to look at it after you reported it) has no finding: every point must be addressed",
          "path": [
            "definition",
            "points",
            1,
          ],
          "provision": "6.7",
        },
      ]
    `);
  });

  it('refuses a finding about a point that is not in the definition, and a second finding on one point', () => {
    const letter = copy(s2);
    letter.findings = [...s2.findings, { pointId: 'noise', upheld: true, reasons: 'x' }, { ...s2.findings[0]! }];
    expect(issuesOf(letter).map((i) => [i.provision, i.path.join('.'), i.message])).toMatchInlineSnapshot(`
      [
        [
          "6.18",
          "findings.4.pointId",
          "findings[4].pointId: finding 5 is about 'noise', which is not a point in the complaint definition",
        ],
        [
          "6.18",
          "findings.5.pointId",
          "findings[5].pointId: point 'leak' has more than one finding",
        ],
      ]
    `);
  });

  it('accepts findings in any order', () => {
    const letter = copy(s1);
    letter.findings = [...s1.findings].reverse();
    expect(validateLetter(letter).ok).toBe(true);
  });
});

describe('the decision agrees with the findings (6.9(c), 6.19(c))', () => {
  const withFindings = (upheld: boolean[], decision: Decision) => {
    const letter = copy(s1);
    letter.findings = s1.findings.map((f, i) => ({ ...f, upheld: upheld[i]! }));
    letter.decision = decision;
    return letter;
  };

  it.each([
    [[true, true, true], 'upheld'],
    [[true, false, true], 'partly-upheld'],
    [[false, false, false], 'not-upheld'],
  ] as const)('accepts %j as %s', (upheld, decision) => {
    const letter = withFindings([...upheld], decision);
    if (decision === 'not-upheld') letter.remedies = [];
    expect(validateLetter(letter).ok).toBe(true);
  });

  it('refuses a decision that does not fit', () => {
    expect(issuesOf(withFindings([true, true, true], 'partly-upheld'))).toMatchInlineSnapshot(`
      [
        {
          "message": "decision: the decision is 'partly-upheld' but 3 of 3 findings are upheld, so it must be 'upheld'",
          "path": [
            "decision",
          ],
          "provision": "6.9(c)",
        },
      ]
    `);
    const stage2 = copy(s2);
    stage2.decision = 'not-upheld';
    expect(issuesOf(stage2)[0]).toMatchObject({ provision: '6.19(c)', path: ['decision'] });
  });
});

describe('remedies (7.1, 7.3)', () => {
  const withRemedy = (remedy: Mutable) => {
    const letter = copy(s1);
    letter.remedies = [remedy];
    return letter;
  };

  it('requires a whole, positive amount for a financial remedy', () => {
    for (const amountPence of [0, -500, 12.5, undefined, Number.NaN]) {
      const issues = issuesOf(withRemedy({ kind: 'financial', description: 'Compensation', dueOn: '2025-02-07', ...(amountPence === undefined ? {} : { amountPence }) }));
      expect(issues).toContainEqual(expect.objectContaining({ path: ['remedies', 0, 'amountPence'], provision: '7.3' }));
    }
    expect(validateLetter(withRemedy({ kind: 'financial', description: 'Compensation', amountPence: 1, dueOn: '2025-02-07' })).ok).toBe(true);
  });

  it('refuses an amount on a remedy that is not financial', () => {
    expect(issuesOf(withRemedy({ kind: 'apology', description: 'Sorry', amountPence: 100 }))).toMatchInlineSnapshot(`
      [
        {
          "message": "remedies[0].amountPence: only a financial remedy has an amount",
          "path": [
            "remedies",
            0,
            "amountPence",
          ],
          "provision": "7.3",
        },
      ]
    `);
  });

  it('requires an action to say by when', () => {
    expect(issuesOf(withRemedy({ kind: 'action', description: 'Fix the leak' }))).toMatchInlineSnapshot(`
      [
        {
          "message": "remedies[0].dueOn: an action must say by when it will be done (dueOn)",
          "path": [
            "remedies",
            0,
            "dueOn",
          ],
          "provision": "7.3",
        },
      ]
    `);
    expect(validateLetter(withRemedy({ kind: 'action', description: 'Fix the leak', dueOn: '2025-02-01' })).ok).toBe(true);
  });

  it.each(['financial', 'record-amended', 'policy-change'])('requires a %s remedy to say by when (7.3)', (kind) => {
    const remedy = { kind, description: 'Put right', ...(kind === 'financial' ? { amountPence: 100 } : {}) };
    expect(issuesOf(withRemedy(remedy))).toEqual([expect.objectContaining({ path: ['remedies', 0, 'dueOn'], provision: '7.3' })]);
  });

  it('does not ask an apology or an explanation for a date: they are given in the letter', () => {
    expect(validateLetter(withRemedy({ kind: 'apology', description: 'We are sorry' })).ok).toBe(true);
    expect(validateLetter(withRemedy({ kind: 'explanation', description: 'Why the repair was late' })).ok).toBe(true);
  });

  it('refuses an unknown kind of remedy', () => {
    expect(issuesOf(withRemedy({ kind: 'voucher', description: 'A voucher' }))[0]).toMatchObject({ path: ['remedies', 0, 'kind'], provision: '7.3' });
  });

  it('requires a remedy when a single finding is upheld (7.1)', () => {
    const letter = copy(s1);
    letter.findings = s1.findings.map((f, i) => ({ ...f, upheld: i === 0 }));
    letter.remedies = [];
    expect(issuesOf(letter)).toEqual([expect.objectContaining({ path: ['remedies'], provision: '7.1' })]);
  });

  it('requires a remedy when anything is upheld (7.1), and none when nothing is', () => {
    const letter = copy(s1);
    letter.remedies = [];
    expect(issuesOf(letter)).toMatchInlineSnapshot(`
      [
        {
          "message": "remedies: 2 findings are upheld but no remedy is offered: where something has gone wrong, say what will put it right (at least an apology)",
          "path": [
            "remedies",
          ],
          "provision": "7.1",
        },
      ]
    `);
  });
});

describe('extension notices (6.4, 6.5, 6.15, 6.16)', () => {
  it('is not valid without the Ombudsman’s contact details, at either stage', () => {
    for (const stage of [1, 2] as const) {
      const letter = copy(samples.extensionNotice);
      letter.stage = stage;
      delete letter.ombudsman;
      expect(issuesOf(letter)).toEqual([
        { path: ['ombudsman'], provision: stage === 1 ? '6.5' : '6.16', message: 'ombudsman: missing; an extension-notice must include the part "Contacting the Housing Ombudsman"' },
      ]);
    }
  });

  it('has a goodReason field for an extension beyond the limit, trimmed and not empty when given', () => {
    const letter = copy(samples.extensionNotice);
    letter.goodReason = '  The survey found asbestos, which must be removed first.  ';
    const result = validateLetter(letter);
    expect(result.ok && result.letter.kind === 'extension-notice' && result.letter.goodReason).toBe('The survey found asbestos, which must be removed first.');
    letter.goodReason = '   ';
    expect(issuesOf(letter)).toEqual([{ path: ['goodReason'], provision: '6.4', message: 'goodReason: must not be empty' }]);
  });

  it('checks the Ombudsman’s details themselves', () => {
    const letter = copy(samples.extensionNotice);
    letter.ombudsman = { ...HOUSING_OMBUDSMAN, email: 'not an email', phone: '' };
    expect(issuesOf(letter).map((i) => `${i.provision} ${i.message}`)).toEqual(['6.5 ombudsman.phone: must not be empty', '6.5 ombudsman.email: must be an email address']);
  });
});

describe('text, dates and exactness', () => {
  it('trims text and refuses empty text', () => {
    const letter = copy(samples.declineNotice);
    letter.reasons = '\n  Court proceedings have started.\t';
    expect(parseLetter(letter)).toMatchObject({ reasons: 'Court proceedings have started.' });
    letter.reasons = ' \n\t ';
    expect(issuesOf(letter)).toEqual([{ path: ['reasons'], provision: '2.4', message: 'reasons: must not be empty' }]);
  });

  it.each([
    ['a zero-width space', '\u200b'],
    ['a word joiner and a soft hyphen', '\u2060\u00ad'],
    ['a Hangul filler', '\u3164'],
    ['a Braille blank', '\u2800'],
    ['a lone combining mark', '\u0301'],
    ['punctuation only', '...'],
  ])('refuses text that is only %s', (_, value) => {
    const letter = copy(samples.declineNotice);
    letter.reasons = value;
    expect(issuesOf(letter)).toEqual([{ path: ['reasons'], provision: '2.4', message: 'reasons: must contain words, not only invisible characters or symbols' }]);
  });

  it('refuses empty optional text: an empty clarification, responsibility or reference', () => {
    const ack = copy(samples.acknowledgement);
    ack.clarificationRequested = ' ';
    ack.notResponsibleFor = [];
    expect(issuesOf(ack).map((i) => `${i.provision} ${i.message}`)).toEqual([
      '5.6 clarificationRequested: must not be empty',
      '5.7 notResponsibleFor: must list at least one aspect, or be left out',
    ]);
    ack.clarificationRequested = 'Which window?';
    ack.notResponsibleFor = [''];
    expect(issuesOf(ack)[0]).toMatchObject({ path: ['notResponsibleFor', 0], provision: '5.7' });
    const response = copy(s1);
    response.findings[0].references = [];
    expect(issuesOf(response)[0]).toMatchObject({ path: ['findings', 0, 'references'], provision: '6.9(d)' });
  });

  it('cites the stage 2 provisions for stage 2 dates: 6.14, 6.15, 6.17', () => {
    const ack = copy(samples.stage2Acknowledgement);
    ack.respondBy = '2025-01-01';
    expect(issuesOf(ack)[0]!.provision).toBe('6.14');
    const notice = copy(samples.extensionNotice);
    notice.stage = 2;
    notice.newRespondBy = '2025-01-01';
    expect(issuesOf(notice)[0]!.provision).toBe('6.15');
    const response = copy(s2);
    response.outstandingActions = [{ description: 'Survey', dueOn: '2025-01-01' }];
    expect(issuesOf(response)[0]!.provision).toBe('6.17');
  });

  it('refuses dates that are not real ISO dates, naming them', () => {
    const letter = copy(samples.acknowledgement);
    letter.sentOn = '2024-02-30';
    letter.respondBy = '9 January 2025';
    expect(issuesOf(letter).map((i) => `${i.provision} ${i.message}`)).toMatchInlineSnapshot(`
      [
        "5.12 sentOn: must be a real date 'YYYY-MM-DD', got "2024-02-30"",
        "6.3 respondBy: must be a real date 'YYYY-MM-DD', got "9 January 2025"",
      ]
    `);
  });

  it('refuses a promised date before the letter is sent', () => {
    const letter = copy(samples.acknowledgement);
    letter.respondBy = '2024-12-20';
    expect(issuesOf(letter)).toEqual([
      { path: ['respondBy'], provision: '6.3', message: 'respondBy: the response date (2024-12-20) is before the letter is sent (2024-12-23)' },
    ]);
  });

  it('refuses unknown keys at any depth rather than dropping them', () => {
    const letter = copy(s1);
    letter.signature = 'J';
    (letter.definition as Mutable).priority = 'high';
    (letter.findings as Mutable[])[0]!.severity = 3;
    expect(issuesOf(letter).map((i) => i.path.join('.'))).toEqual(['definition.priority', 'findings.0.severity', 'signature']);
    expect(issuesOf(letter).every((i) => i.provision === '5.12' || i.provision.startsWith('6.9'))).toBe(true);
  });

  it('cannot be used to pollute prototypes through __proto__ or constructor keys', () => {
    const json = JSON.stringify(samples.declineNotice).replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
    const input = JSON.parse(json) as unknown;
    expect(issuesOf(input).map((i) => i.path[0])).toEqual(['__proto__', 'constructor']);
    const nested = JSON.parse(JSON.stringify(samples.declineNotice).replace('"ombudsman":{', '"ombudsman":{"__proto__":{"polluted":true},')) as unknown;
    expect(issuesOf(nested)[0]!.path).toEqual(['ombudsman', '__proto__']);
    expect(({} as Mutable).polluted).toBeUndefined();
    expect((Object.prototype as Mutable).polluted).toBeUndefined();
  });

  it('refuses a letter of no known kind, and things that are not letters', () => {
    expect(issuesOf({ kind: 'postcard' })).toEqual([
      { path: ['kind'], provision: '5.12', message: expect.stringContaining("kind: must be one of the Code's letters") },
    ]);
    for (const notALetter of [null, undefined, 'letter', 42, []]) expect(issuesOf(notALetter)).toEqual([{ path: [], provision: '5.12', message: 'a letter must be an object' }]);
  });

  it('refuses a third stage (5.2), and cites the letter’s own part for a stage that is legal but wrong', () => {
    const letter = copy(samples.acknowledgement);
    letter.stage = 3;
    expect(issuesOf(letter)[0]).toMatchObject({ path: ['stage'], provision: '5.2', message: 'stage: must be 1 or 2 (the Code has two stages, 5.2)' });
    const response = copy(s1);
    response.stage = 2;
    expect(issuesOf(response)[0]).toMatchObject({ path: ['stage'], provision: '6.9(a)' });
  });

  it('never throws on hostile input: huge arrays, revoked proxies, throwing getters', () => {
    const huge = copy(samples.acknowledgement);
    huge.notResponsibleFor = Array(200_000).fill(1);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const getter = copy(samples.declineNotice);
    Object.defineProperty(getter, 'reasons', { enumerable: true, get: () => { throw new Error('boom'); } });
    for (const input of [huge, proxy, getter]) {
      const result = validateLetter(input);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.issues.every((i) => i.provision === '5.12' || i.provision === '5.7')).toBe(true);
    }
  });

  it('refuses an empty complaint definition and duplicate point ids (5.6)', () => {
    const letter = copy(samples.acknowledgement);
    letter.definition = { points: [], outcomesSought: [] };
    expect(issuesOf(letter).map((i) => `${i.provision} ${i.message}`)).toEqual([
      '5.6 definition.points: must list at least one point of complaint',
      '5.6 definition.outcomesSought: must list at least one outcome the resident is seeking',
    ]);
    letter.definition = { points: [{ id: 'a', summary: 'x' }, { id: 'a', summary: 'y' }], outcomesSought: ['z'] };
    expect(issuesOf(letter)).toEqual([{ path: ['definition', 'points', 1, 'id'], provision: '5.6', message: "definition.points[1].id: point id 'a' is used twice" }]);
  });

  it('refuses text beyond 20,000 characters', () => {
    const letter = copy(samples.declineNotice);
    letter.reasons = 'x'.repeat(20_001);
    expect(issuesOf(letter)[0]!.message).toBe('reasons: must be at most 20000 characters');
  });

  it('does not change the letter it was given', () => {
    const letter = copy(samples.declineNotice);
    letter.reasons = '  padded  ';
    const before = JSON.stringify(letter);
    parseLetter(letter);
    expect(JSON.stringify(letter)).toBe(before);
  });
});

describe('parseLetter', () => {
  it('throws a LetterValidationError carrying every issue, with provisions in its message', () => {
    const letter = copy(s1);
    letter.escalation = { route: ' ' };
    letter.decision = 'upheld';
    try {
      parseLetter(letter);
      expect.unreachable();
    } catch (error) {
      expect(isLetterValidationError(error)).toBe(true);
      expect(error).toBeInstanceOf(LetterValidationError);
      expect((error as LetterValidationError).issues).toHaveLength(2);
      expect((error as Error).message).toMatchInlineSnapshot(
        `"The stage1-response is not valid: escalation.route: must not be empty (6.9(g)); decision: the decision is 'upheld' but 2 of 3 findings are upheld, so it must be 'partly-upheld' (6.9(c))."`,
      );
    }
  });
});
