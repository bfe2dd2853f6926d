/**
 * The examples of src/hazards/ (their TSDoc `@example` blocks) and of the guide docs/awaabs-law.md
 * (its ```typescript blocks) run here, with the hazards module's exports in scope beside the
 * package's, following the conventions of test/examples.test.ts (`expression; //=> value`,
 * `statement; // throws ErrorName`). test/examples.test.ts runs the TSDoc examples too, once the
 * hazards module is exported from the package; until then this file is what checks them.
 *
 * Also: the hazards module stays pure, importing no package at all (no XState, no zod).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as rootExports from '../../src/index.js';
import * as hazards from '../../src/hazards/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const library: Record<string, unknown> = { ...rootExports, ...hazards };
const names = Object.keys(library).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));

interface Example {
  where: string;
  code: string;
}

function tsdocExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g)].map((match) => ({
    where: `src/hazards/${file.split('/').pop()}:${text.slice(0, match.index).split('\n').length}`,
    code: match[2]!.split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n'),
  }));
}

const guide = join(root, 'docs/awaabs-law.md');
const guideText = readFileSync(guide, 'utf8');
const guideExamples: Example[] = [...guideText.matchAll(/^```typescript\n([\s\S]*?)^```/gm)].map((match) => ({
  where: `docs/awaabs-law.md:${guideText.slice(0, match.index).split('\n').length}`,
  code: match[1]!,
}));

/** The literal at the start of `text`: a quoted string, a bracketed value, or one token. */
function leadingLiteral(text: string): string {
  const first = text[0];
  if (first === "'" || first === '"' || first === '`') return text.slice(0, text.indexOf(first, 1) + 1);
  if (first === '[' || first === '{') {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      if ('[{('.includes(text[i]!)) depth++;
      if (']})'.includes(text[i]!)) depth--;
      if (depth === 0) return text.slice(0, i + 1);
    }
  }
  return text.split(/\s/)[0]!;
}

/** `//=>` and `// throws` comments become assertions; imports of the package are dropped (its names are in scope). */
function instrument(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const result = /^(\s*)(.*?);\s*\/\/=>\s*(.+)$/.exec(line);
      if (result) {
        const [, indent, statement, rest] = result;
        const expected = leadingLiteral(rest!.trim());
        const declared = /^(?:const|let)\s+(\w+)(?::[^=]+)?\s*=/.exec(statement!);
        return declared ? `${indent}${statement}; __expect(${declared[1]}).toEqual(${expected});` : `${indent}__expect(${statement}).toEqual(${expected});`;
      }
      const throws = /^(\s*)(.*?);\s*\/\/ throws (\w+)/.exec(line);
      if (throws) return `${throws[1]}__throws(() => { ${throws[2]}; }, '${throws[3]}');`;
      return line.replace(/^\s*import .* from 'housing-complaints.*';\s*$/, '');
    })
    .join('\n');
}

function throwsNamed(fn: () => unknown, name: string): void {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe(name);
    return;
  }
  expect.fail(`expected a ${name} to be thrown`);
}

const sourceExamples = readdirSync(join(root, 'src/hazards'))
  .filter((name) => name.endsWith('.ts'))
  .flatMap((name) => tsdocExamples(join(root, 'src/hazards', name)));

describe('hazard examples', () => {
  it('every public export of src/hazards has TSDoc with an @example', () => {
    const text = readdirSync(join(root, 'src/hazards'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(root, 'src/hazards', name), 'utf8'))
      .join('\n');
    const exported = [...text.matchAll(/^export (?:const|function|interface|type) (\w+)/gm)].map((m) => m[1]!);
    const indexed = readFileSync(join(root, 'src/hazards/index.ts'), 'utf8');
    for (const name of exported) {
      if (!new RegExp(`\\b${name}\\b`).test(indexed)) continue; // internal helpers
      const at = text.search(new RegExp(`^export (?:const|function|interface|type) ${name}\\b`, 'm'));
      const doc = text.slice(text.lastIndexOf('/**', at), at);
      expect(doc, name).toMatch(/@example\s*\n\s*\*\s*```ts\n/);
    }
    expect(exported.length).toBeGreaterThan(15);
  });

  it('finds the examples of the source and of the guide', () => {
    expect(sourceExamples.length).toBeGreaterThan(20);
    expect(guideExamples.length).toBeGreaterThan(0);
  });

  it.each([...sourceExamples, ...guideExamples])('$where runs and its results hold', async ({ code }) => {
    const js = transformSync(instrument(code), { loader: 'ts' }).code;
    const body = `const { ${names.join(', ')} } = __lib;\n${js}`;
    const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;
    await new AsyncFunction('__lib', '__expect', '__throws', body)(library, expect, throwsNamed);
  });
});

describe('module boundaries', () => {
  it('src/hazards imports no package at all, and only the calendar and the errors besides itself', async () => {
    const result = await build({
      entryPoints: [join(root, 'src/hazards/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
      absWorkingDir: root,
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    expect(output.imports.filter((i) => i.external).map((i) => i.path)).toEqual([]);
    const files = Object.keys(result.metafile.inputs);
    expect(files.every((file) => file.startsWith('src/hazards/') || file.startsWith('src/calendar/') || file === 'src/errors.ts')).toBe(true);
  });
});
