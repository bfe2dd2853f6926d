/**
 * The changelog is kept with changesets: every file in .changeset/ is a well-formed changeset for
 * this package, and a release (`changeset version`, run on a copy) writes them into CHANGELOG.md
 * above the hand-kept history, with the version bumped by the largest change.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const changesets = readdirSync(join(root, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md');
const parse = (name: string) => {
  const text = readFileSync(join(root, '.changeset', name), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]+)$/.exec(text);
  return { match, releases: match ? [...match[1]!.matchAll(/^"([^"]+)": (patch|minor|major)$/gm)].map((m) => ({ name: m[1], type: m[2] })) : [], summary: match?.[2]?.trim() ?? '' };
};
const scratch = mkdtempSync(join(tmpdir(), 'hc-changesets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('changesets', () => {
  it.each(changesets)('%s names this package, a bump and what users see', (name) => {
    const { match, releases, summary } = parse(name);
    expect(match, 'front matter, a blank line, then the summary').not.toBeNull();
    expect(releases).toHaveLength(1);
    expect(releases[0]!.name).toBe(pkg.name);
    expect(summary.length).toBeGreaterThan(40);
    if (releases[0]!.type === 'major') expect(summary.toLowerCase()).toMatch(/break/);
  });

  it('a release writes them into CHANGELOG.md above the hand-kept history and bumps the version', () => {
    expect(changesets.length).toBeGreaterThan(0);
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version }, null, 2));
    cpSync(join(root, 'CHANGELOG.md'), join(scratch, 'CHANGELOG.md'));
    cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: scratch, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.org', 'add', '.');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'changesets');
    execFileSync(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: scratch, stdio: 'pipe', env: { ...process.env, CI: 'true' } });

    const types = changesets.map((name) => parse(name).releases[0]!.type);
    const [major, minor, patch] = pkg.version.split('.').map(Number) as [number, number, number];
    const next = types.includes('major') ? `${major + 1}.0.0` : types.includes('minor') ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
    expect(JSON.parse(readFileSync(join(scratch, 'package.json'), 'utf8')).version).toBe(next);

    const changelog = readFileSync(join(scratch, 'CHANGELOG.md'), 'utf8');
    const before = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog.startsWith(`# Changelog\n\n## ${next}\n`)).toBe(true);
    for (const name of changesets) expect(changelog).toContain(parse(name).summary.slice(0, 60));
    // The hand-kept history is all still there, below the new version.
    expect(changelog.indexOf('## Unreleased: kept by hand')).toBeGreaterThan(changelog.indexOf(`## ${next}`));
    expect(changelog.endsWith(before.slice(before.indexOf('## Unreleased: kept by hand')))).toBe(true);
    // The changesets are used up.
    expect(readdirSync(join(scratch, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md')).toEqual([]);
  });
});
