/**
 * Every example in the docs is executable: each `@example` in the TSDoc of `src/` and each ```ts
 * block of README.md and docs/*.md runs here, with the package's exports in scope.
 *
 * Conventions inside examples:
 * - `expression; //=> value` asserts that the expression (or the declared constant) equals `value`;
 *   words after the value in parentheses are commentary.
 * - `expression; // throws ErrorName` asserts that it throws that error class.
 * - `fetch('https://www.gov.uk/bank-holidays.json')` answers with the GOV.UK fixture.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as xstate from 'xstate';
import * as rootExports from '../src/index.js';
import * as testing from '../src/testing/index.js';
import * as diagram from '../src/diagram/index.js';
import * as hazards from '../src/hazards/index.js';
import * as store from '../src/store/index.js';
import * as sqlite from '../src/store/sqlite.js';
import * as postgres from '../src/store/postgres.js';
import * as pglite from '@electric-sql/pglite';
import * as pg from 'pg';

/** Every export of the package in scope: the root's, and those of the entry points not in the root (testing, the stores). */
const library = { ...rootExports, ...diagram, ...hazards, ...testing, ...store, ...sqlite, ...postgres };
/** Packages an example may import by name. */
const modules = { xstate, '@electric-sql/pglite': pglite, pg: (pg as { default?: unknown }).default ?? pg };
/**
 * The store's examples (src/store/) start with `store`, an in-memory store holding complaint C-1
 * received on 6 January 2025, as its module documentation says, unless they make their own.
 */
const STORE_PRELUDE = `const store = createMemoryStore(); await store.migrate(); await store.append('C-1', { type: 'RECEIVE', at: '2025-01-06T09:00:00Z', complaint: { id: 'C-1', region: 'england-and-wales', summary: 'Leak' } });`;
import { loadFeed } from './support/fixture.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Example {
  where: string;
  code: string;
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name));
}

function tsdocExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const examples: Example[] = [];
  for (const match of text.matchAll(/@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g)) {
    const line = text.slice(0, match.index).split('\n').length;
    const code = match[2]!.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    examples.push({ where: `${relative(root, file)}:${line}`, code });
  }
  return examples;
}

function markdownExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match) => ({
    where: `${relative(root, file)}:${text.slice(0, match.index).split('\n').length}`,
    code: match[1]!,
  }));
}

/** The literal at the start of `text`: a quoted string, a bracketed value, or one token. */
function leadingLiteral(text: string): string {
  const first = text[0];
  if (first === "'" || first === '"' || first === '`') {
    const end = text.indexOf(first, 1);
    return text.slice(0, end + 1);
  }
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

/** Turns `//=>` and `// throws` comments into assertions. */
function instrument(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const result = /^(\s*)(.*?);\s*\/\/=>\s*(.+)$/.exec(line);
      if (result) {
        const [, indent, statement, rest] = result;
        const expected = leadingLiteral(rest!.trim());
        const declared = /^(?:const|let)\s+(\w+)(?::[^=]+)?\s*=/.exec(statement!);
        return declared
          ? `${indent}${statement}; __expect(${declared[1]}).toEqual(${expected});`
          : `${indent}__expect(${statement}).toEqual(${expected});`;
      }
      const throws = /^(\s*)(.*?);\s*\/\/ throws (\w+)/.exec(line);
      if (throws) return `${throws[1]}__throws(() => { ${throws[2]}; }, '${throws[3]}');`;
      // `import { a, b } from 'xstate'` becomes a destructuring of that module; the package's own are in scope.
      const imported = /^\s*import \{([^}]*)\} from '([^']+)';\s*$/.exec(line);
      if (imported && !imported[2]!.startsWith('housing-complaints')) return `const {${imported[1]}} = __modules[${JSON.stringify(imported[2])}];`;
      return line.replace(/^\s*import .* from '.*';\s*$/, '');
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

async function fakeFetch(url: string) {
  expect(url).toBe('https://www.gov.uk/bank-holidays.json');
  return { json: async () => loadFeed() };
}

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;
const names = Object.keys(library).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));

const examples = [
  ...filesUnder(join(root, 'src'), '.ts').flatMap(tsdocExamples),
  ...[join(root, 'README.md'), ...filesUnder(join(root, 'docs'), '.md').filter((f) => !f.includes('/api/'))].flatMap(markdownExamples),
];

describe('documentation examples', () => {
  it('cover every public export: each has TSDoc with an @example', () => {
    const entries = ['src/index.ts', 'src/testing/index.ts', 'src/store/index.ts', 'src/store/sqlite.ts', 'src/store/postgres.ts'].map((entry) => join(root, entry));
    const program = ts.createProgram(entries, { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
    const checker = program.getTypeChecker();
    const exported = entries.flatMap((entry) => checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!));
    const missing = exported
      .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
      .filter((symbol) => !(symbol.declarations ?? []).some((d) => ts.getJSDocTags(d).some((tag) => tag.tagName.text === 'example')))
      .map((symbol) => symbol.name);
    expect(exported.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it.each(examples)('$where runs and its results hold', async ({ where, code }) => {
    const prelude = where.startsWith('src/store/') && !/\bconst store\b/.test(code) ? STORE_PRELUDE : '';
    const js = transformSync(prelude + instrument(code), { loader: 'ts' }).code;
    const body = `const { ${names.join(', ')} } = __lib;\n${js}`;
    await new AsyncFunction('__lib', '__expect', '__throws', 'fetch', '__modules', body)(library, expect, throwsNamed, fakeFetch, modules);
  });
});
