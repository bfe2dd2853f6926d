/**
 * The guards the build adds to each entry point (scripts/peer-guards.ts). The installed package is
 * tested for real by `npm run test:package`; these cover what an install there does not reach.
 */
import { describe, expect, it } from 'vitest';
import { cjsGuard, esmGuard, packageOf } from '../../scripts/peer-guards.js';

const ranges = { xstate: '^5.20.0', zod: '^4.0.0' };

/** Runs a CommonJS guard with a `require.resolve` that fails with `codes[specifier]`, if any. */
function runGuard(guard: string, codes: Record<string, string>): unknown {
  const resolve = (specifier: string) => {
    if (codes[specifier]) throw Object.assign(new Error(`cannot resolve ${specifier}`), { code: codes[specifier] });
    return `/app/node_modules/${specifier}`;
  };
  try {
    new Function('require', guard)({ resolve });
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
      'housing-complaints/testing needs xstate ^5.20.0: an optional peer dependency of housing-complaints that is not installed. Install it: npm install "xstate@^5.20.0"',
    );
  });

  it('says when an installed peer is too old to have the subpath the entry point needs', () => {
    const error = runGuard(cjsGuard('housing-complaints/letters', ['zod/mini'], ranges), { 'zod/mini': 'ERR_PACKAGE_PATH_NOT_EXPORTED' }) as Error;
    expect(error.message).toContain('needs zod ^4.0.0 (the installed zod is too old: it has no zod/mini)');
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
