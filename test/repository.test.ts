/**
 * The repository stands on its own: whoever clones it has nothing beside it, so no tracked file may
 * read, import or link a path outside it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const UP = '..' + '/';

/** Tracked files; outside a git checkout (an unpacked archive, say), every file but the generated ones. */
function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    const skip = new Set(['node_modules', 'dist', '.git', 'coverage']);
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        if (skip.has(entry.name)) return [];
        const path = dir ? `${dir}/${entry.name}` : entry.name;
        return entry.isDirectory() ? walk(path) : [path];
      });
    return walk('');
  }
}

function textOf(file: string): string | undefined {
  const bytes = readFileSync(join(root, file));
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

/** Files whose paths are read from the repository root (npm scripts, CI), not from their own folder. */
const RUN_FROM_ROOT = /^(?:package\.json|\.ci\/.*|.*\.sh)$/;

/** A `../` chain (either slash), not the tail of a longer path or URL such as `a/../b`. */
const UP_CHAIN = /(?<![\w./\\])(?:\.\.[\\/])+[\w@.-]*/g;

function escapes(base: string, path: string): boolean {
  const target = resolve(base, path.replace(/\\/g, '/'));
  const inside = root.endsWith(sep) ? root : root + sep;
  return target !== inside.slice(0, -1) && !target.startsWith(inside);
}

/**
 * Every path in `text` that lands outside the repository: a `../` chain read from the file's folder
 * (from the root for scripts, and for everything in Markdown but link targets, which is shell run
 * from the root). Paths built at run time (`join(root, '..', x)`) escape a text search; CI's run
 * from a fresh clone with nothing beside it (`.ci/run`) is the proof for those.
 */
export function escapingPaths(file: string, text: string): string[] {
  const found: string[] = [];
  const own = resolve(root, dirname(file));
  const markdown = file.endsWith('.md');
  const linkTargets = markdown ? [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ start: m.index + 2, end: m.index + 2 + m[1]!.length })) : [];
  for (const match of text.matchAll(UP_CHAIN)) {
    const inLink = linkTargets.some((link) => match.index >= link.start && match.index < link.end);
    const base = RUN_FROM_ROOT.test(file) || (markdown && !inLink) ? root : own;
    if (escapes(base, match[0])) found.push(match[0]);
  }
  return found;
}

/** Absolute paths into a developer's machine, which no one else has. */
const MACHINE_PATHS = /(?<![\w:/.])(?:\/work\/|\/home\/\w|\/Users\/\w|[A-Z]:\\Users\\)/;

describe('the repository stands on its own', () => {
  const files = trackedFiles();

  it('finds the tracked files to check', () => {
    expect(files).toContain('package.json');
    expect(files).toContain('test/fixtures/gov-uk-bank-holidays-2019-2027.json');
    expect(files.length).toBeGreaterThan(50);
  });

  it('no tracked file refers to a path above the repository root', () => {
    const problems = files.flatMap((file) => {
      const text = textOf(file);
      if (text === undefined) return [];
      const escaping = escapingPaths(file, text).map((path) => `${file}: ${path}`);
      const machine = MACHINE_PATHS.exec(text);
      return machine ? [...escaping, `${file}: ${machine[0]}`] : escaping;
    });
    expect(problems).toEqual([]);
  });

  it('the check itself catches a path out of the repository, and lets one inside it pass', () => {
    expect(escapingPaths('test/support/fixture.ts', `new URL('${UP}${UP}${UP}shared/fixtures/feed.json', import.meta.url)`)).toEqual([`${UP}${UP}${UP}shared`]);
    expect(escapingPaths('CONTRIBUTING.md', `Read \`${UP}shared/spec/DOMAIN.md\` first.`)).toEqual([`${UP}shared`]);
    expect(escapingPaths('test/support/fixture.ts', `new URL('${UP}fixtures/feed.json', import.meta.url)`)).toEqual([]);
    expect(escapingPaths('docs/concepts.md', `[the README](${UP}README.md)`)).toEqual([]);
    expect(escapingPaths('.ci/run', `cp ${UP}shared/fixtures/feed.json test/`)).toEqual([`${UP}shared`]);
    expect(escapingPaths('docs/setup.md', `Run \`cp ${UP}shared/feed.json test/\` first.`)).toEqual([`${UP}shared`]);
    expect(escapingPaths('scripts/x.ts', `const feed = '..\\..\\shared\\feed.json';`)).toEqual(['..\\..\\shared']);
    expect(escapingPaths('docs/concepts.md', 'https://example.org/a/../../b')).toEqual([]);
    expect(MACHINE_PATHS.test(`const feed = '/${'work'}/shared/fixtures/feed.json';`)).toBe(true);
    expect(MACHINE_PATHS.test('https://example.org/work/x')).toBe(false);
  });

  it('tracks no symbolic link: one could point anywhere on the machine it was made on', () => {
    const links = execFileSync('git', ['ls-files', '-s'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.startsWith('120000 '));
    expect(links).toEqual([]);
  });

  it('keeps the GOV.UK fixture with its licence and attribution', () => {
    const readme = readFileSync(join(root, 'test/fixtures/README.md'), 'utf8');
    expect(readme).toMatch(/Open Government Licence v3\.0/);
    expect(readme).toMatch(/Crown copyright/);
    const feed = JSON.parse(readFileSync(join(root, 'test/fixtures/gov-uk-bank-holidays-2019-2027.json'), 'utf8')) as Record<string, { events: unknown[] }>;
    expect(Object.keys(feed).sort()).toEqual(['england-and-wales', 'northern-ireland', 'scotland']);
  });

  it('has no stray files at the root: each one there is known', () => {
    const atRoot = files.filter((file) => !file.includes('/'));
    const known = [
      '.gitignore',
      'CHANGELOG.md',
      'CONTRIBUTING.md',
      'LICENSE',
      'README.md',
      'package-lock.json',
      'package.json',
      'tsconfig.json',
      'tsup.config.ts',
      'typedoc.json',
      'vitest.config.ts',
    ];
    expect(atRoot.filter((file) => !known.includes(file))).toEqual([]);
  });
});
