/**
 * Letters under another ombudsman than the Housing Ombudsman: Scottish social landlords follow the
 * SPSO's model complaints handling procedure, so no letter giving the SPSO's details may say
 * "Housing Ombudsman" or "the Code". Under the Code, every letter renders byte for byte as before
 * `OmbudsmanContact.calledInLetters` existed. Hostile names give typed errors or validation issues.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isInvalidInputError, type InvalidInputError } from '../../src/errors.js';
import {
  HOUSING_OMBUDSMAN,
  LETTER_KINDS,
  OmbudsmanContact,
  SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN,
  isLetterValidationError,
  letterParts,
  readability,
  renderLetter,
  validateLetter,
  type Letter,
  type LetterKind,
  type RenderLetterOptions,
} from '../../src/letters/index.js';
import * as root from '../../src/index.js';
import { landlord, resident, samples } from '../../examples/letters/samples.js';
import { caught } from '../support/caught.js';

// biome-ignore lint: tests build letters loosely on purpose
type Loose = Record<string, any>;

const SPSO = SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN;
const SPSO_NAME = 'Scottish Public Services Ombudsman (SPSO)';
const GOOD_REASON = 'The independent surveyor cannot visit before 10 March.';

/** Every output renderLetter offers, with and without the landlord's and resident's details. */
const FORMATS: Record<string, RenderLetterOptions> = {
  text: { format: 'text' },
  'text +people': { format: 'text', landlord, resident },
  html: { format: 'html' },
  'html +people': { format: 'html', landlord, resident },
  standalone: { format: 'html', standalone: true },
  'standalone +people': { format: 'html', standalone: true, landlord, resident },
};

/**
 * Every kind at every stage where its parts differ, with every optional part about the ombudsman
 * present: the samples, a stage 2 acknowledgement giving the ombudsman's details, and a stage 2
 * extension beyond the usual limit (the part whose heading named the Code).
 */
function lettersWith(ombudsman: OmbudsmanContact): Record<string, Letter> {
  return {
    acknowledgement: { ...samples.acknowledgement, ombudsman },
    stage2Acknowledgement: { ...samples.stage2Acknowledgement, ombudsman } as Letter,
    extensionNotice: { ...samples.extensionNotice, ombudsman, goodReason: GOOD_REASON } as Letter,
    stage2ExtensionNotice: { ...samples.extensionNotice, stage: 2, ombudsman, goodReason: GOOD_REASON } as Letter,
    stage1Response: { ...samples.stage1Response, ombudsman },
    stage2Response: { ...samples.stage2Response, ombudsman },
    declineNotice: { ...samples.declineNotice, ombudsman },
    escalationRefusal: { ...samples.escalationRefusal, ombudsman },
  };
}

/**
 * The Scottish letters: the SPSO's details, and the landlord's own text (which the library prints
 * as written) rewritten where the samples name the Housing Ombudsman.
 */
function scottishLetters(): Record<string, Letter> {
  const all = lettersWith(SPSO) as Record<string, Loose>;
  const s2 = all.stage2Response!;
  s2.ombudsmanRoute = 'If you are still unhappy, you can ask the SPSO to look at your complaint. This is our final response';
  s2.findings = s2.findings.map((finding: Loose) =>
    finding.pointId === 'remedy' ? { ...finding, reasons: 'You lived with mould in a bedroom for three months. Our compensation policy suggests a higher award for this impact.', references: ['Compensation policy, section 2'] } : finding,
  );
  return all as Record<string, Letter>;
}

/** Every kind and stage whose parts differ, as LETTER_KINDS lists them. */
const KINDS_AND_STAGES: [LetterKind, 1 | 2][] = LETTER_KINDS.flatMap((kind) => [[kind, 1], [kind, 2]] as [LetterKind, 1 | 2][]);

/** What a reader reads: tags become spaces, entities are decoded, every run of whitespace (a wrapped line too) is one space. */
function readable(output: string): string {
  return output
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!)
    .replace(/\s+/g, ' ');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * SHA-256 of each rendering of {@link lettersWith}(HOUSING_OMBUDSMAN), recorded from the library
 * before `calledInLetters` existed (the samples' own acknowledgement and stage 2 acknowledgement
 * as they are, the extensions without and with a good reason as named). Re-record only if
 * examples/letters/samples.ts changes.
 */
const BEFORE: Record<string, string> = {
  'acknowledgement text': 'f932a508d88eb5541a7ac79a014d4726062d1b69def2567833f75e78a71a0e61',
  'acknowledgement text +people': '8f40b5cbb8c216b45b0e4314b693d3de183d4d3cefb4bc58f50e5688aa6220f9',
  'acknowledgement html': '1db53ce52cbe0a1518eadcfb7269eb3a3da50c8b81d1f1590dec553d245378a7',
  'acknowledgement html +people': '94fd09db923f51ba1384088e00b66a00eab26cb331b7519db01d4c706b86ecc5',
  'acknowledgement standalone': '34ae5cd06108727ba28b61e942b6bb55f0f02bd21a4610d9191ec675c151cb7a',
  'acknowledgement standalone +people': '94a60c26c4dc8978d52c9344d1a3a936b068678d67b8ddbe866c7761c842c179',
  'extensionNotice text': '098fb0974df79aa230c1a55ddea7cc13c8b87bb59c76da3bbc4884ca98e588a8',
  'extensionNotice text +people': 'd111a9a33c5a4b1abdf96ac4874b4cd21863c89167adf73ffe49b408c234f982',
  'extensionNotice html': 'a048e05113d1fbd355a441933965e0737d863eda06a3e191ebab25184326bc03',
  'extensionNotice html +people': '52add88c56e56cbbe59235d314972f01a82f711a573d8e4ff8a6318f97b6b431',
  'extensionNotice standalone': '930e64914553510007e8e64902f56456f57878b135ad8be7120f926ffdf3b3c2',
  'extensionNotice standalone +people': '7977e5329db47070dd6ddacf2535b07a50e55bf6061b542c1c90ba1199c5ed85',
  'stage1Response text': '9129918a6997cc312ddea78b1eb7c2afe43e3be9a5199721b7a1640d6f789041',
  'stage1Response text +people': 'ec382686ddbaf1b43912f11e29dca246aa4e624d6312d935c380e882697e6311',
  'stage1Response html': '53c568e339945a0bd158c3bb7e25cc303245ccdad0941ba043dd72560ac0dc87',
  'stage1Response html +people': 'fa5767cdf0678a09c4d22b174060605f14a037a330d8cc3e222b4c67db2034a4',
  'stage1Response standalone': '5dff1b379163b79d84bf215d5848bb6fe1e07026e4d90f7996344c673da78a13',
  'stage1Response standalone +people': '5ff35c9602ab2b53dce67dd01faffb7276cc45aa9a5fda99eb37e4dbac8ee068',
  'stage2Acknowledgement text': '6055d5787dba7d80b77327920b452604535690c6074642fc72f4c53bdf73f080',
  'stage2Acknowledgement text +people': 'd64e44daed7a3596da035bba89a70729fb28427ad1f082355a68a582abe1ec01',
  'stage2Acknowledgement html': 'd3050f601e36105770cdabf3af8b95c87fb877b76d5e9a8be6bd3f7a6cb25cd5',
  'stage2Acknowledgement html +people': '45607b32e47b6d1e939b5c0d6479342ef1fb6b2f59f81e550e23f7cde951ddd7',
  'stage2Acknowledgement standalone': '8e4305d68fbd553fea984dc470b9b5c2f5226bfe2d9b105a0b27acaf363d4fe9',
  'stage2Acknowledgement standalone +people': 'ce9bd3cb814d82e74a3963af227e836c1aa1e9e0791fa43ed048054de2d4742b',
  'stage2Response text': 'ae7764df4599c3627b8571c9833fc97773b643770d1dd5c65acde1a8df6c925b',
  'stage2Response text +people': '552a7f70f8653cd3c59794a91e4599e321a53a6f39c4596acfcaff2d6dd3d518',
  'stage2Response html': '491d531c3b05262e5023b9ae399339b5c67237cef7356b64791f97937e9107ca',
  'stage2Response html +people': 'ebc4c89f6b21e41961d973d2ad2b10a57a343663d10b668d32b293ca7f2d147d',
  'stage2Response standalone': '3a832893c9c324910589be767c73f65246bcf7e9be78c47a3bc169687a669079',
  'stage2Response standalone +people': '087f955cda3bff46a4cd222f4c4e442f927c0534a2b5cb515484ccc4f2eda6a9',
  'declineNotice text': '7b134f82db9a36c0bea387e6a1abfab71c9ed742ec4e0c3ad8847582e3847c3e',
  'declineNotice text +people': 'dfc745e6ebf8ff2aa148a4408dc8e297f52b3a8b8898bc2cb2b13da502a00ca6',
  'declineNotice html': '8e62e34eb4ea38c535ccf605b0a001b029e7fd90ed611a5f1aaaa4f98f29f495',
  'declineNotice html +people': '3792f53a8b2fd0dd79ff686c347f504a4404286bbee7601c8926eacbd2676d67',
  'declineNotice standalone': '757cdb48f89a9136870c3c009b5a0496e7a59b28be11075f7042ee6ff9d26e93',
  'declineNotice standalone +people': '99a9e2d74e5e2d3281722b8689c1848f89da5addcc97e56afed40cc605b30845',
  'escalationRefusal text': '59108595adef612f0ed71122448eeea0e4ce2bb4a89bf567ec49298e95d2e9f9',
  'escalationRefusal text +people': 'c4fe29da1acd679d057385baf29e17d5ac3c02add804e380ab35d45ff2a55e89',
  'escalationRefusal html': '26a432c6187f73a6cb77d31f8669fca8daf9d8264a8395c526eb1256e3120bf5',
  'escalationRefusal html +people': '8c92ec36fdd932c661f57c840116305cc6815c0d1a5593743d618895bc96dded',
  'escalationRefusal standalone': '65bf22bcfa3aeb1831330bca0b5f8264fc69c07d62af2d4175fcb0459b624953',
  'escalationRefusal standalone +people': '2207fc3347b777593bedcd7691bf6c79cbb67525bc986e187ea8da9d621e477f',
  'stage2AcknowledgementWithOmbudsman text': 'e13f767378d0eb6cbb715b21cfaa43c7e2d230c7f6e0427209d97d4d0ddb5396',
  'stage2AcknowledgementWithOmbudsman text +people': 'f75d07438cc353d8ecb81fa445eec71da49de2b88903c0b03f9513be633d6a12',
  'stage2AcknowledgementWithOmbudsman html': 'e6506c1e15fda84346594f24258b3122fb044e5f6ae8e50e867c96d6aa4ddc53',
  'stage2AcknowledgementWithOmbudsman html +people': '483198790943ce4707b0bbe8d52d5047c864e3bd209b92a7f13fd8ade58b446f',
  'stage2AcknowledgementWithOmbudsman standalone': '6797305ffc34579f1a864f0ca932f426b8467c28812d347b956b2d48018cf80e',
  'stage2AcknowledgementWithOmbudsman standalone +people': 'c1272b2c120d1cb4038e04404712d211c6c8e878d4ad801bbcea2261b1f8f165',
  'stage2ExtensionWithGoodReason text': '3030ab3591a8dffc2b7992f605dfe1c08498a79c01d69d3a77ae6a3219e76eb7',
  'stage2ExtensionWithGoodReason text +people': '6bf855d8e48ea2e4e6b56469642d49f192a4db8fb239be791409cdf92daa11dd',
  'stage2ExtensionWithGoodReason html': 'c3420f61e07f6e6e5115817a929f33b756a18ce58153485aa4ef63cb480b4dd0',
  'stage2ExtensionWithGoodReason html +people': 'c9b8d43dd3713596dd0952d56dc6eb36e357f8bf596e35dcb32b69a50853894d',
  'stage2ExtensionWithGoodReason standalone': '9f594a82f82d2f619588cf40707303dfa235dd6cfbed957827afb6d28ebf1d31',
  'stage2ExtensionWithGoodReason standalone +people': 'cec71e9d3fd1b9be8ea42c53792884bb4237b079cc04378120359edfdb36920d',
};

/** The letters as they were recorded in {@link BEFORE}, under the keys used there. */
function recordedLetters(): Record<string, Letter> {
  const ours = lettersWith(HOUSING_OMBUDSMAN);
  return {
    ...samples,
    stage2AcknowledgementWithOmbudsman: ours.stage2Acknowledgement!,
    stage2ExtensionWithGoodReason: ours.stage2ExtensionNotice!,
  };
}

describe('SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN', () => {
  it('is a valid, frozen contact without an email address, exported from the root and from the letters entry point', () => {
    expect(OmbudsmanContact.parse(SPSO)).toEqual(SPSO);
    expect(Object.isFrozen(SPSO)).toBe(true);
    expect(SPSO).toEqual({
      name: 'Scottish Public Services Ombudsman',
      calledInLetters: SPSO_NAME,
      address: 'Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS',
      phone: '0800 377 7330',
      website: 'www.spso.org.uk',
    });
    expect('email' in SPSO).toBe(false);
    expect(root.SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN).toBe(SPSO);
  });

  it('can be overridden by spreading, as HOUSING_OMBUDSMAN can', () => {
    expect(OmbudsmanContact.parse({ ...SPSO, address: 'Freepost SPSO' }).address).toBe('Freepost SPSO');
  });
});

describe('letters under the SPSO never say "Housing Ombudsman" or "the Code"', () => {
  const letters = scottishLetters();

  it('starts from letters whose own text names neither (so what follows tests the library’s words)', () => {
    for (const letter of Object.values(letters)) {
      const own = JSON.stringify(letter);
      expect(own).not.toMatch(/housing\s+ombudsman|\bthe\s+code\b/i);
      expect(validateLetter(letter)).toMatchObject({ ok: true });
    }
  });

  const cases = Object.entries(letters).flatMap(([name, letter]) => Object.entries(FORMATS).map(([format, options]) => [`${name} as ${format}`, letter, options] as const));

  it.each(cases)('%s', (_, letter, options) => {
    const output = renderLetter(letter, options);
    for (const seen of [output, readable(output)]) {
      expect(seen).not.toMatch(/housing\s+ombudsman/i);
      expect(seen).not.toMatch(/\bthe\s+code\b/i);
    }
    expect(readable(output)).toContain('Scottish Public Services Ombudsman');
    expect(readable(output)).toContain(SPSO_NAME);
    expect(output).toContain('0800 377 7330');
    expect(output).toContain('www.spso.org.uk');
    // No email address for the SPSO, so no Email line (the landlord's address is printed bare).
    expect(output).not.toContain('Email:');
    if (options.format === 'text') for (const line of output.split('\n')) expect([...line].length).toBeLessThanOrEqual(76);
  });

  it('heads each ombudsman part with the SPSO’s name, and an extension beyond the usual limit with the procedure, not the Code', () => {
    // Headings and leads as a reader reads them, in text (underlines dropped) and in HTML.
    const text = (name: string) => readable(renderLetter(letters[name]!, { format: 'text' }).replace(/^-+$/gm, ''));
    const html = (name: string) => readable(renderLetter(letters[name]!, { format: 'html' }));
    expect(html('acknowledgement')).toContain(`Contacting the ${SPSO_NAME} You can contact the ${SPSO_NAME} at any time for help with your complaint:`);
    expect(text('acknowledgement')).toContain(`Contacting the ${SPSO_NAME} You can contact the ${SPSO_NAME} at any time for help with your complaint:`);
    expect(text('stage2Acknowledgement')).toContain(`Contacting the ${SPSO_NAME}`);
    for (const name of ['extensionNotice', 'stage2ExtensionNotice']) {
      expect(text(name)).toContain(`Why we need longer than our complaints procedure normally allows ${GOOD_REASON}`);
      expect(text(name)).toContain(`If you are unhappy with this extension, you can contact the ${SPSO_NAME}:`);
    }
    expect(text('stage1Response')).toContain(`Contacting the ${SPSO_NAME}`);
    expect(text('stage2Response')).toContain(`How to take your complaint to the ${SPSO_NAME}`);
    expect(text('stage2Response')).toContain(`${SPSO_NAME} contact details`);
    expect(text('stage2Response')).toContain(`You can contact the ${SPSO_NAME}:`);
    for (const name of ['declineNotice', 'escalationRefusal']) {
      expect(text(name)).toContain(`Your right to take this decision to the ${SPSO_NAME}`);
      expect(text(name)).toContain(`You have the right to ask the ${SPSO_NAME} to look at this decision:`);
    }
  });

  it('wraps a heading longer than a line, underlined as wide as its widest line', () => {
    const output = renderLetter(letters.declineNotice!, { format: 'text' });
    expect(output).toContain(
      ['Your right to take this decision to the Scottish Public Services Ombudsman', '(SPSO)', '-'.repeat(74), ''].join('\n'),
    );
  });

  it('gives the SPSO’s address block without an Email line, in text and HTML', () => {
    expect(renderLetter(letters.declineNotice!, { format: 'text' })).toContain(
      ['  Scottish Public Services Ombudsman', '  Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS', '  Phone: 0800 377 7330', '  Website: www.spso.org.uk', ''].join('\n'),
    );
    expect(renderLetter(letters.declineNotice!, { format: 'html' })).toContain(
      '<address>Scottish Public Services Ombudsman<br>Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS<br>Phone: 0800 377 7330<br>Website: www.spso.org.uk</address>',
    );
  });

  it('names the SPSO in every heading letterParts gives for it, and never the Housing Ombudsman or the Code', () => {
    for (const [kind, stage] of KINDS_AND_STAGES) {
      const parts = letterParts(kind, stage, { ombudsman: SPSO_NAME });
      expect(parts.map((p) => p.title).join('\n')).not.toMatch(/housing ombudsman|\bthe code\b/i);
      const ombudsman = parts.find((p) => p.field === 'ombudsman')!;
      expect(ombudsman.title).toContain(SPSO_NAME);
      // The provisions stay the Code's: only the words change.
      expect(parts.map((p) => [p.field, p.provision, p.required])).toEqual(letterParts(kind, stage).map((p) => [p.field, p.provision, p.required]));
    }
  });

  it('validates a Scottish letter with the Code’s provisions (fieldProvision still works)', () => {
    const { reasons: _, ...noReasons } = letters.declineNotice as Loose;
    expect(validateLetter(noReasons)).toMatchObject({ ok: false, issues: [{ path: ['reasons'], provision: '2.4' }] });
    expect(validateLetter({ ...letters.escalationRefusal, ombudsman: { ...SPSO, phone: '' } })).toMatchObject({ ok: false, issues: [{ path: ['ombudsman', 'phone'], provision: '2.4' }] });
    expect(readability(letters.stage1Response!).band).toBeTypeOf('string');
    // A missing part is named as the letter would head it.
    const { ombudsmanRoute: __, ...noRoute } = letters.stage2Response as Loose;
    expect(validateLetter(noRoute)).toMatchObject({
      ok: false,
      issues: [{ path: ['ombudsmanRoute'], provision: '6.19(g)', message: `ombudsmanRoute: missing; a stage2-response must include the part "How to take your complaint to the ${SPSO_NAME}"` }],
    });
    const { ombudsmanRoute: ___, ...noRouteUnderCode } = samples.stage2Response as Loose;
    expect(validateLetter(noRouteUnderCode)).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('"How to take your complaint to the Housing Ombudsman"') }] });
    // An invalid name is reported, and the missing part named as under the Code.
    const badName = { ...noRoute, ombudsman: { ...SPSO, calledInLetters: '' } };
    expect(validateLetter(badName)).toMatchObject({ ok: false, issues: [{ path: ['ombudsmanRoute'], message: expect.stringContaining('Housing Ombudsman') }, { path: ['ombudsman', 'calledInLetters'] }] });
  });
});

describe('under the Code, nothing changes', () => {
  const noName = lettersWith(HOUSING_OMBUDSMAN);
  const named = lettersWith({ ...HOUSING_OMBUDSMAN, calledInLetters: 'Housing Ombudsman' });

  it('HOUSING_OMBUDSMAN has no calledInLetters, so its letters say "Housing Ombudsman" by default', () => {
    expect('calledInLetters' in HOUSING_OMBUDSMAN).toBe(false);
  });

  it.each(Object.entries(BEFORE))('renders %s byte for byte as before calledInLetters existed', (key, digest) => {
    const [name, format] = [key.slice(0, key.indexOf(' ')), key.slice(key.indexOf(' ') + 1)];
    const letter = recordedLetters()[name]!;
    expect(letter).toBeDefined();
    expect(sha256(renderLetter(letter, FORMATS[format]!))).toBe(digest);
  });

  it.each(Object.keys(noName))('renders the %s the same with calledInLetters absent or "Housing Ombudsman", in every format', (name) => {
    for (const options of Object.values(FORMATS)) {
      const implicit = renderLetter(noName[name]!, options);
      expect(renderLetter(named[name]!, options)).toBe(implicit);
      expect(readable(implicit)).toMatch(/Housing Ombudsman/);
    }
  });

  it('keeps the Code in the heading of an extension beyond the Code’s limit', () => {
    expect(readable(renderLetter(noName.stage2ExtensionNotice!, { format: 'text' }))).toContain('Why we need longer than the Code normally allows');
  });

  it('gives the same parts with no options, {}, { ombudsman: undefined } and { ombudsman: "Housing Ombudsman" }', () => {
    for (const [kind, stage] of KINDS_AND_STAGES) {
      const parts = letterParts(kind, stage);
      for (const options of [undefined, {}, { ombudsman: undefined }, { ombudsman: 'Housing Ombudsman' }, { ombudsman: '  Housing Ombudsman  ' }]) {
        expect(letterParts(kind, stage, options)).toEqual(parts);
      }
    }
  });

  it('leaves the Email line out only when a contact has no email', () => {
    const { email: _, ...noEmail } = HOUSING_OMBUDSMAN;
    const withEmail = renderLetter(noName.declineNotice!, { format: 'text' });
    const without = renderLetter({ ...noName.declineNotice, ombudsman: noEmail }, { format: 'text' });
    expect(without).toBe(withEmail.replace('  Email: info@housing-ombudsman.org.uk\n', ''));
    expect(validateLetter({ ...noName.declineNotice, ombudsman: { ...HOUSING_OMBUDSMAN, email: 'not an email' } })).toMatchObject({
      ok: false,
      issues: [{ path: ['ombudsman', 'email'], provision: '2.4', message: 'ombudsman.email: must be an email address' }],
    });
  });
});

/** Hostile values, each made fresh (a revoked Proxy cannot be reused safely across cases). */
const HOSTILE: Record<string, () => unknown> = {
  'an empty string': () => '',
  'only spaces': () => '   ',
  'only invisible characters': () => '\u200B\u3164',
  '10,000 characters': () => 'O'.repeat(10_000),
  '101 characters': () => 'O'.repeat(101),
  'two lines': () => 'Scottish Public\nServices Ombudsman',
  'a control character': () => 'SPSO\u001b[2J',
  'a text-direction override': () => 'SPSO\u202E',
  'a number': () => 42,
  'a boolean': () => true,
  null: () => null,
  'a symbol': () => Symbol('SPSO'),
  'a bigint': () => 10n,
  'an array': () => ['SPSO'],
  'an object': () => ({ toString: () => 'SPSO' }),
  'a String object': () => new String('SPSO'),
  'a function': () => () => 'SPSO',
  'a Proxy': () => new Proxy({}, {}),
  'a revoked Proxy': () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  'a Proxy whose every trap throws': (): unknown => new Proxy({}, new Proxy({}, { get: () => (): never => { throw new Error('trap'); } })),
};

/** Asserts `fn` throws the library's InvalidInputError at `path`, with a message, never a raw TypeError. */
function expectInvalidInput(fn: () => unknown, path: string): void {
  const error = caught(fn);
  expect(error).not.toBeInstanceOf(TypeError);
  expect(isInvalidInputError(error)).toBe(true);
  expect((error as InvalidInputError).name).toBe('InvalidInputError');
  expect((error as InvalidInputError).path).toBe(path);
  expect((error as InvalidInputError).message).toMatch(/^Invalid /);
}

describe('hostile names give typed errors or validation issues, never a raw TypeError', () => {
  const decline = scottishLetters().declineNotice!;

  it.each(Object.entries(HOSTILE))('calledInLetters as %s: validation issues at ombudsman.calledInLetters, and renderLetter refuses the letter', (_, make) => {
    const letter = { ...decline, ombudsman: { ...SPSO, calledInLetters: make() } };
    const result = validateLetter(letter);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Every issue is about the name; one that cannot be read at all breaks the plain-data rule (5.12), as for any field.
    const unreadable = /Proxy/.test(_) && _ !== 'a Proxy';
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(issue).toMatchObject({ path: ['ombudsman', 'calledInLetters'], provision: unreadable ? '5.12' : '2.4', message: expect.stringMatching(/^ombudsman\.calledInLetters: /) });
    }
    const error = caught(() => renderLetter(letter, { format: 'html' }));
    expect(error).not.toBeInstanceOf(TypeError);
    expect(isLetterValidationError(error)).toBe(true);
  });

  it('a contact that is itself a revoked Proxy or a Proxy whose traps throw is an issue at ombudsman', () => {
    for (const name of ['a revoked Proxy', 'a Proxy whose every trap throws']) {
      const result = validateLetter({ ...decline, ombudsman: HOSTILE[name]!() });
      expect(result).toMatchObject({ ok: false, issues: [{ path: ['ombudsman'], provision: '5.12' }] });
    }
  });

  it('a calledInLetters with spaces around it is trimmed, and HTML in it is escaped', () => {
    const letter = { ...decline, ombudsman: { ...SPSO, calledInLetters: '  Ombudsman <b>&</b> Co  ' } };
    const html = renderLetter(letter, { format: 'html' });
    expect(html).toContain('<h2>Your right to take this decision to the Ombudsman &lt;b&gt;&amp;&lt;/b&gt; Co</h2>');
    expect(html).not.toContain('<b>');
  });

  it('a calledInLetters of 100 characters (the most) renders, every text line within 76 characters', () => {
    const long = `${'Ombudsmen '.repeat(9)}Ombudsmann`;
    expect(long).toHaveLength(100);
    for (const letter of Object.values(lettersWith({ ...SPSO, calledInLetters: long }))) {
      const text = renderLetter(letter, { format: 'text' });
      for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(76);
      expect(readable(text)).toContain(long);
    }
    const unbroken = 'O'.repeat(100);
    const text = renderLetter({ ...decline, ombudsman: { ...SPSO, calledInLetters: unbroken } }, { format: 'text' });
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(76);
  });

  it.each(Object.entries(HOSTILE))('letterParts with options.ombudsman as %s throws InvalidInputError at options.ombudsman', (_, make) => {
    expectInvalidInput(() => letterParts('decline-notice', 1, { ombudsman: make() } as never), 'options.ombudsman');
  });

  const notOptions: Record<string, () => unknown> = {
    null: () => null,
    'a string': () => 'SPSO',
    'a number': () => 1,
    'a boolean': () => false,
    'a symbol': () => Symbol('options'),
    'an array': () => [SPSO_NAME],
    'a Date': () => new Date(),
    'a Map': () => new Map([['ombudsman', SPSO_NAME]]),
    'a function': () => () => SPSO_NAME,
    'a revoked Proxy': HOSTILE['a revoked Proxy']!,
    'a Proxy whose every trap throws': HOSTILE['a Proxy whose every trap throws']!,
    'a Proxy over an array': () => new Proxy([], {}),
  };

  it.each(Object.entries(notOptions))('letterParts with options as %s throws InvalidInputError at options', (_, make) => {
    expectInvalidInput(() => letterParts('decline-notice', 1, make() as never), 'options');
  });

  it('letterParts refuses an unknown option, and an option whose getter throws, naming it', () => {
    expectInvalidInput(() => letterParts('decline-notice', 1, { ombudsmen: SPSO_NAME } as never), 'options.ombudsmen');
    const getter = Object.defineProperty({}, 'ombudsman', { enumerable: true, get: () => { throw new Error('boom'); } });
    expectInvalidInput(() => letterParts('decline-notice', 1, getter), 'options.ombudsman');
  });

  it('letterParts reads options behind a benign Proxy, or from a frozen object or one without a prototype, each once', () => {
    let reads = 0;
    const counted = new Proxy({ ombudsman: SPSO_NAME }, { get: (target, key, receiver) => (key === 'ombudsman' && reads++, Reflect.get(target, key, receiver)) });
    expect(letterParts('decline-notice', 1, counted).at(-1)!.title).toBe(`Your right to take this decision to the ${SPSO_NAME}`);
    expect(reads).toBe(1);
    expect(letterParts('escalation-refusal', 1, Object.freeze({ ombudsman: 'SPSO' })).at(-1)!.title).toBe('Your right to take this decision to the SPSO');
    const bare = Object.assign(Object.create(null) as object, { ombudsman: ' SPSO ' });
    expect(letterParts('acknowledgement', 2, bare).at(-1)!.title).toBe('Contacting the SPSO');
  });

  it('still checks kind and stage first', () => {
    expectInvalidInput(() => letterParts('postcard' as never, 1, { ombudsman: '' }), 'kind');
    expectInvalidInput(() => letterParts('decline-notice', 3 as never, { ombudsman: '' }), 'stage');
  });
});
