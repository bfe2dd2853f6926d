/**
 * Vite 7 config of the embedded complaint screen, without a plugin: esbuild compiles the JSX for
 * React 19's automatic runtime. `housing-complaints/*` is aliased to the repository's source, as
 * vitest.config.ts does for the tests, so the example imports the library as a user would and
 * needs no build of it.
 *
 *   npx vite examples/web-ui          the dev server
 *   npx vite build examples/web-ui    a production build into examples/web-ui/dist/ (gitignored)
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));
const src = fileURLToPath(new URL('../../src/', import.meta.url));

export default defineConfig(({ command }) => ({
  root: here,
  // Relative URLs in index.html, so the build works from any folder or origin.
  base: './',
  // React 19's automatic JSX runtime; a build uses its production form (Vite would take jsxDEV
  // from NODE_ENV, which a test runner sets to 'test').
  esbuild: { jsx: 'automatic', ...(command === 'build' ? { jsxDev: false } : {}) },
  resolve: {
    // Vite picks packages' `development` or `production` exports (xstate has both) from NODE_ENV:
    // a build always takes `production`, even when started from a test runner (NODE_ENV=test).
    ...(command === 'build' ? { conditions: ['module', 'browser', 'production'] } : {}),
    alias: [
      { find: /^housing-complaints$/, replacement: `${src}index.ts` },
      { find: /^housing-complaints\/store\/(sqlite|postgres)$/, replacement: `${src}store/$1.ts` },
      { find: /^housing-complaints\/([\w/-]+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  // The same for code that reads process.env.NODE_ENV (React picks its build by it).
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 explains its own @__PURE__ annotations in comments Rollup cannot place: harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  // The library's source lies outside this folder.
  server: { fs: { allow: [repository] } },
}));
