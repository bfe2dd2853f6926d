/**
 * Writes `docs/letters.md` from the code: the parts of each letter come from `letterParts`, the
 * rules table from running the validator on a broken copy of a sample letter for each rule, and
 * the examples from `examples/letters/samples.ts` rendered by `renderLetter`. So the page cannot
 * drift from what the library does; `test/letters/docs.test.ts` fails if it is out of date.
 * Run with `npm run generate:docs`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LETTER_KINDS, letterParts, renderLetter, validateLetter, type Letter, type LetterIssue } from '../src/letters/index.js';
import { landlord, resident, samples } from '../examples/letters/samples.js';

export const DOCS_PATH = fileURLToPath(new URL('../docs/letters.md', import.meta.url));

// biome-ignore lint: a rule breaks letters on purpose
type Loose = Record<string, any>;

interface RuleCase {
  rule: string;
  letter: Letter;
  breakIt: (letter: Loose) => void;
}

const RULES: RuleCase[] = [
  { rule: 'A stage 1 response answers every point of the complaint definition', letter: samples.stage1Response, breakIt: (l) => l.findings.pop() },
  { rule: 'A stage 2 response answers every point of the complaint definition', letter: samples.stage2Response, breakIt: (l) => l.findings.pop() },
  { rule: 'No finding is about a point that is not in the definition', letter: samples.stage1Response, breakIt: (l) => { l.findings[2].pointId = 'noise'; l.definition.points.pop(); } },
  { rule: 'No point has two findings', letter: samples.stage1Response, breakIt: (l) => l.findings.push({ ...l.findings[2] }) },
  { rule: 'The decision agrees with the findings (all upheld: upheld; none: not upheld; otherwise partly upheld)', letter: samples.stage1Response, breakIt: (l) => { l.decision = 'upheld'; } },
  { rule: 'The same, at stage 2', letter: samples.stage2Response, breakIt: (l) => { l.decision = 'not-upheld'; } },
  { rule: 'Where a finding is upheld, a remedy is offered', letter: samples.stage1Response, breakIt: (l) => { l.remedies = []; } },
  { rule: 'A financial remedy states a whole, positive amount in pence', letter: samples.stage1Response, breakIt: (l) => { l.remedies[2].amountPence = 149.5; } },
  { rule: 'Only a financial remedy has an amount', letter: samples.stage1Response, breakIt: (l) => { l.remedies[0].amountPence = 100; } },
  { rule: 'An action remedy says by when', letter: samples.stage1Response, breakIt: (l) => { delete l.remedies[1].dueOn; } },
  { rule: 'A remedy is due no earlier than the letter is sent', letter: samples.stage1Response, breakIt: (l) => { l.remedies[1].dueOn = '2025-01-01'; } },
  { rule: 'An outstanding action is due no earlier than the letter is sent', letter: samples.stage1Response, breakIt: (l) => { l.outstandingActions[0].dueOn = '2025-01-01'; } },
  { rule: 'An extension notice gives the Ombudsman’s contact details (stage 1)', letter: samples.extensionNotice, breakIt: (l) => { delete l.ombudsman; } },
  { rule: 'An extension notice gives the Ombudsman’s contact details (stage 2)', letter: samples.extensionNotice, breakIt: (l) => { l.stage = 2; delete l.ombudsman; } },
  { rule: 'A good reason for a long extension, when given, is not empty', letter: samples.extensionNotice, breakIt: (l) => { l.goodReason = '  '; } },
  { rule: 'The new response date is not before the notice', letter: samples.extensionNotice, breakIt: (l) => { l.newRespondBy = '2025-01-02'; } },
  { rule: 'An acknowledgement’s response date is not before it is sent', letter: samples.acknowledgement, breakIt: (l) => { l.respondBy = '2024-12-20'; } },
  { rule: 'The complaint definition lists at least one point', letter: samples.acknowledgement, breakIt: (l) => { l.definition.points = []; } },
  { rule: 'The complaint definition lists at least one outcome sought', letter: samples.acknowledgement, breakIt: (l) => { l.definition.outcomesSought = []; } },
  { rule: 'Point ids are unique', letter: samples.acknowledgement, breakIt: (l) => { l.definition.points[1].id = 'leak'; } },
  { rule: 'There are two stages, never a third', letter: samples.acknowledgement, breakIt: (l) => { l.stage = 3; } },
  { rule: 'A decline notice gives the right to take the decision to the Ombudsman', letter: samples.declineNotice, breakIt: (l) => { delete l.ombudsman; } },
  { rule: 'A refusal to escalate sets out its reasons', letter: samples.escalationRefusal, breakIt: (l) => { l.reasons = ' '; } },
  { rule: 'Text is trimmed and never empty', letter: samples.stage1Response, breakIt: (l) => { l.escalation.route = '\n\t '; } },
  { rule: 'Text holds no control characters or text-direction overrides (terminals and screen readers act on them)', letter: samples.declineNotice, breakIt: (l) => { l.reasons = 'Legal proceedings\u001b[2J have started.'; } },
  { rule: 'Dates are real dates, YYYY-MM-DD', letter: samples.declineNotice, breakIt: (l) => { l.sentOn = '2025-02-29'; } },
  { rule: 'Unknown fields are refused, not dropped (a letter is an exact record)', letter: samples.declineNotice, breakIt: (l) => { l.priority = 'high'; } },
  { rule: 'Every letter has its complaint id and the date it is sent', letter: samples.declineNotice, breakIt: (l) => { delete l.complaintId; } },
];

/** Runs one rule: the broken sample must give exactly one issue, which the table then shows. */
export function runRule({ letter, breakIt, rule }: RuleCase): LetterIssue {
  const broken = structuredClone(letter) as Loose;
  breakIt(broken);
  const result = validateLetter(broken);
  if (result.ok || result.issues.length !== 1) throw new Error(`Rule "${rule}" should give exactly one issue, got ${result.ok ? 'none' : JSON.stringify(result.issues)}`);
  return result.issues[0]!;
}

export { RULES };

const cell = (text: string) => text.replace(/\|/g, '\\|');

function partsTable(): string {
  const rows: string[] = ['| Letter | Part | Field | Provision | Required |', '| --- | --- | --- | --- | --- |'];
  for (const kind of LETTER_KINDS) {
    const stages = kind === 'acknowledgement' || kind === 'extension-notice' ? [1, 2] as const : kind === 'stage2-response' ? [2] as const : [1] as const;
    for (const stage of stages) {
      const label = stages.length > 1 ? `${kind} (stage ${stage})` : kind;
      for (const part of letterParts(kind, stage)) {
        rows.push(`| ${label} | ${part.title} | \`${part.field}\` | ${part.provision} | ${part.required ? 'yes' : 'when it applies'} |`);
      }
    }
  }
  return rows.join('\n');
}

function rulesTable(): string {
  const rows = ['| Rule | Provision | What the validator says when it is broken |', '| --- | --- | --- |'];
  for (const rule of RULES) {
    const issue = runRule(rule);
    rows.push(`| ${cell(rule.rule)} | ${issue.provision} | ${cell(issue.message)} |`);
  }
  return rows.join('\n');
}

const TITLES: Record<keyof typeof samples, string> = {
  acknowledgement: 'Acknowledgement (stage 1)',
  extensionNotice: 'Extension notice',
  stage1Response: 'Stage 1 response',
  stage2Acknowledgement: 'Acknowledgement (stage 2)',
  stage2Response: 'Stage 2 response',
  declineNotice: 'Decline notice',
  escalationRefusal: 'Refusal to escalate',
};

function examples(): string {
  return (Object.keys(samples) as (keyof typeof samples)[])
    .map((name) => {
      const letter = samples[name];
      return `### ${TITLES[name]}\n\n\`\`\`json\n${JSON.stringify(letter, null, 2)}\n\`\`\`\n\nRendered as text:\n\n\`\`\`text\n${renderLetter(letter, { format: 'text', landlord, resident })}\`\`\``;
    })
    .join('\n\n');
}

export function generateLetterDocs(): string {
  return `<!-- Generated by scripts/generate-letter-docs.ts: do not edit by hand. Run \`npm run generate:docs\`. -->

# Letters

The Complaint Handling Code 2024 says what each letter to a resident must contain. A stage 1
response without (g), how to escalate, or an extension notice without the Ombudsman's contact
details, is a breach of the Code. \`housing-complaints/letters\` checks every letter against the
parts the Code requires before it can be rendered: zod schemas for the six letters, a validator
whose every issue names the provision it enforces, renderers to text and HTML, and a
plain-language check.

It needs \`zod\` 4 (a peer dependency). It uses \`zod/mini\`, zod's tree-shakable build, so a
browser bundle pays only for what the letters use; your own code can use either build. It does
not use XState.

\`\`\`ts
import { HOUSING_OMBUDSMAN, parseLetter, renderLetter, validateLetter } from 'housing-complaints/letters';

const notice = {
  kind: 'extension-notice',
  complaintId: 'C-2024-0142',
  sentOn: '2025-01-08',
  stage: 1,
  reasons: 'We are waiting for a damp survey.',
  newRespondBy: '2025-01-23',
};

const result = validateLetter(notice);
result.ok; //=> false
!result.ok && result.issues[0].provision; //=> '6.5'
!result.ok && result.issues[0].message; //=> 'ombudsman: missing; an extension-notice must include the part "Contacting the Housing Ombudsman"'

const letter = parseLetter({ ...notice, ombudsman: HOUSING_OMBUDSMAN });
renderLetter(letter, { format: 'text' }).includes('Thursday 23 January 2025'); //=> true
\`\`\`

- \`validateLetter(letter)\` returns \`{ ok: true, letter }\` or \`{ ok: false, issues }\`; each issue
  has a \`path\`, the \`provision\` (for example \`'6.9(g)'\`) and a \`message\`. Fields that keep the
  complaint's record (\`complaintId\`, \`sentOn\`, unknown fields) cite 5.12.
- \`parseLetter(letter)\` returns the letter or throws a \`LetterValidationError\` carrying the issues.
- Each schema is exported beside its type of the same name (\`Stage1Response\` is both), and
  \`Letter\` is the union of all six, discriminated on \`kind\`.
- Text is trimmed, and text with no letter or digit (empty, or only invisible characters) is
  refused; dates must be real \`'YYYY-MM-DD'\` dates; unknown fields are refused rather than silently
  dropped; \`__proto__\` and \`constructor\` keys are refused, so a letter cannot pollute prototypes.
- One rule holds for all text, in every letter field, the landlord's and resident's details and the
  lifecycle machine's record: no control characters (C0 other than tab, line feed and carriage
  return; DEL; C1, U+0080 to U+009F), no bidi embeddings, overrides or isolates (U+202A to U+202E,
  U+2066 to U+2069) and no lone surrogates. A terminal or screen reader acts on them instead of
  showing them; the message names the one found (\`found U+001B\`).
- The letter is copied once, reading each property once, and everything after (the checks, the
  renderer) works from that copy: a getter that answers differently on a second read cannot get
  past the validator. Input that cannot be read as plain data (a revoked proxy, a throwing getter)
  is an issue at its path, not a crash; a hole in a list is reported missing; a letter nested more
  than 8 levels deep or holding more than 100,000 values is refused.
- Whether an extension goes beyond the Code's limit, or a response date beyond the Code's
  timescale, depends on the deadline it changes: the lifecycle machine checks those with the
  working-day clock (6.4, 6.15). A letter carries the \`goodReason\` field for it.
- Rules that compare fields (every point answered, a decision that fits the findings) are checked
  once the letter has all its required fields.

## The parts of each letter

Generated from \`letterParts(kind, stage)\`, which the validator and the renderer also use: the
renderer prints the parts under these headings, in this order.

${partsTable()}

## Rules beyond the fields

Each row was produced by breaking one thing in a sample letter and running the validator.

${rulesTable()}

## The Housing Ombudsman's details

\`HOUSING_OMBUDSMAN\` holds them in one place. Addresses change (older letters used PO Box 152,
Liverpool L33 7WQ), so override a field by spreading: \`{ ...HOUSING_OMBUDSMAN, address: '...' }\`.

## Rendering

\`renderLetter(letter, { format: 'text' | 'html', landlord?, resident?, standalone? })\` validates the
letter (an invalid one throws \`LetterValidationError\`), then writes it as a housing officer would
send it: a heading per part in the Code's order, dates written out ("Wednesday 22 January 2025"),
money in pounds ("£150.00"). HTML escapes everything that came from input and loads nothing from
elsewhere; by default it is an \`<article>\` to embed in your own page, and with \`standalone: true\` a
whole document with its style inline.

Plain text is wrapped at 76 characters, every line of it, the head too (a long reference, name or
address wraps like the rest). A character is what a reader sees: an emoji with its modifiers or a
letter with its accents is never split across lines (grapheme clusters, with \`Intl.Segmenter\`;
where that is missing, code points, so never half a surrogate pair). Wide characters count as one.

The options are copied and checked like the letter; a bad one throws \`InvalidRenderOptionsError\`
naming it, e.g. \`options.landlord.address[1]\`. The landlord's and resident's details are each one
line (at most 200 characters, no line breaks) of the same text as the letter's fields.

## Lookups and formats

\`letterParts(kind, stage)\`, \`formatLetterDate(date)\` and \`formatPounds(pence)\` refuse what they
cannot answer with a typed error naming the argument. Money is held as whole pence, an integer from
0 to \`Number.MAX_SAFE_INTEGER\`: \`formatPounds\` writes exactly those, and a financial remedy's
\`amountPence\` is one of them above 0.

\`\`\`ts
formatPounds(15000); //=> '£150.00'
formatPounds(-5); // throws InvalidInputError
formatPounds(1.5); // throws InvalidInputError
letterParts('postcard'); // throws InvalidInputError
formatLetterDate('2025-02-30'); // throws InvalidDateError
\`\`\`

## Plain language

6.9 and 6.19 ask for "clear, plain language" in responses, and every letter needs it.
\`readability(letter)\` scores the prose the landlord wrote (the points of complaint as worded,
reasons, remedies, actions) with the Flesch reading-ease formula, lists the longest sentences, and
gives warnings that cite 6.9 or 6.19. It never makes a letter invalid.

\`\`\`ts
const report = readability({
  kind: 'decline-notice', complaintId: 'C-1', sentOn: '2025-01-13', ombudsman: HOUSING_OMBUDSMAN,
  reasons: 'Legal proceedings have started. We cannot look at this complaint.',
});
report.band; //=> 'fairly easy'
report.warnings; //=> []
\`\`\`

## Examples

One of each letter, for one complaint (a kitchen leak chased three times, and damp and mould in a
bedroom). The same samples are in \`examples/letters/samples.ts\`.

${examples()}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOCS_PATH, generateLetterDocs());
  console.log(`Wrote ${DOCS_PATH}`);
}
