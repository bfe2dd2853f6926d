/**
 * The guards the build adds to each entry point (scripts/peer-guards.ts). The installed package is
 * tested for real by `npm run test:package`; these cover what an install there does not reach.
 */
import { describe, expect, it } from 'vitest';
import { cjsGuard, esmGuard, packageOf } from '../../scripts/peer-guards.js';

const ranges = { xstate: '^5.20.0', zod: '^4.0.0' };

/** Runs a CommonJS guard with a `require` that fails with `codes[specifier]`, if any, as Node's does. */
function runGuard(guard: string, codes: Record<string, string>): unknown {
  const require = (specifier: string) => {
    if (codes[specifier]) throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: codes[specifier] });
    return {};
  };
  try {
    new Function('require', guard)(require);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('peer dependency guards', () => {
  it('names the package of a specifier, scoped or not', () => {
    expect(packageOf('zod/mini')).toBe('zod');
    expect(packageOf('xstate/graph')).toBe('xstate');
    expect(packageOf('@scope/name/sub')).toBe('@scope/name');
  });

  it('passes silently when every peer resolves', () => {
    expect(runGuard(cjsGuard('housing-complaints/machine', ['xstate', 'zod/mini'], ranges), {})).toBeUndefined();
  });

  it('names each missing package once, even when several of its subpaths are needed', () => {
    const error = runGuard(cjsGuard('housing-complaints/testing', ['xstate', 'xstate/graph', 'zod/mini'], ranges), { xstate: 'MODULE_NOT_FOUND', 'xstate/graph': 'MODULE_NOT_FOUND' }) as Error & { missing: string[] };
    expect(error.name).toBe('MissingPeerDependencyError');
    expect(error.missing).toEqual(['xstate']);
    expect(error.message).toBe(
      'housing-complaints/testing needs xstate ^5.20.0 (not installed): an optional peer dependency of housing-complaints. Install it: npm install "xstate@^5.20.0"',
    );
  });

  it('says when an installed peer is too old to have the subpath the entry point needs', () => {
    const error = runGuard(cjsGuard('housing-complaints/letters', ['zod/mini'], ranges), { 'zod/mini': 'ERR_PACKAGE_PATH_NOT_EXPORTED' }) as Error;
    expect(error.message).toBe(
      'housing-complaints/letters needs zod ^4.0.0 (the installed copy is too old: it has no zod/mini): an optional peer dependency of housing-complaints. Install it: npm install "zod@^4.0.0"',
    );
  });

  it("lets a peer's own broken dependency through: that is not a missing peer", () => {
    const guard = cjsGuard('housing-complaints/machine', ['xstate'], ranges);
    const require = () => {
      throw Object.assign(new Error("Cannot find module 'some-dependency-of-xstate'"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => new Function('require', guard)(require)).toThrow(/some-dependency-of-xstate/);
  });

  it('requires each peer by a literal name, so bundlers can see it', () => {
    const guard = cjsGuard('housing-complaints/testing', ['xstate', 'xstate/graph', 'zod/mini'], ranges);
    expect(guard.match(/require\("[^"]+"\)/g)).toEqual(['require("xstate")', 'require("xstate/graph")', 'require("zod/mini")']);
    expect(guard).not.toMatch(/require(\.resolve)?\((?!")/);
  });

  it('lets any other failure through untouched', () => {
    const error = runGuard(cjsGuard('housing-complaints/letters', ['zod/mini'], ranges), { 'zod/mini': 'EACCES' }) as Error & { code: string };
    expect(error.code).toBe('EACCES');
  });

  it('imports the peers first in an ES module entry point, on one line', () => {
    expect(esmGuard(['xstate', 'zod/mini'])).toMatch(/^import "xstate";import "zod\/mini"; \/\/ .*\n?$/);
    expect(esmGuard(['xstate']).includes('\n')).toBe(false);
  });
});
