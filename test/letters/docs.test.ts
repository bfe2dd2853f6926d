import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS_PATH, RULES, generateLetterDocs, runRule } from '../../scripts/generate-letter-docs.js';
import { validateLetter } from '../../src/letters/index.js';

describe('docs/letters.md', () => {
  it('is exactly what the code generates (run `npm run generate:docs` after changing letters)', () => {
    expect(readFileSync(DOCS_PATH, 'utf8')).toBe(generateLetterDocs());
  });

  it.each(RULES.map((rule) => [rule.rule, rule] as const))('documents a rule that has a failing case and a passing case: %s', (_, rule) => {
    expect(validateLetter(rule.letter).ok).toBe(true);
    const issue = runRule(rule);
    expect(issue.provision).toMatch(/^\d\.\d+(\([a-g]\))?$/);
  });
});
