/**
 * The docs site (`npm run docs`): typedoc builds the API reference with the README as its home page
 * and every guide in docs/ as a project document. typedoc.json lists the guides one by one, in
 * reading order (a glob would sort them by file name), so a new guide must be placed in that list.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { readme: string; projectDocuments: string[] };

describe('the docs site (typedoc.json)', () => {
  it('has the README as its home page', () => {
    expect(config.readme).toBe('README.md');
  });

  it('lists every guide in docs/ once, and nothing that is not there (place a new guide in projectDocuments)', () => {
    const guides = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
    expect(new Set(config.projectDocuments).size).toBe(config.projectDocuments.length);
    expect([...config.projectDocuments].sort()).toEqual(guides.sort());
  });
});
