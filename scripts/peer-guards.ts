/**
 * Makes a missing peer dependency say which entry point needs it and what to install. Run by
 * tsup after each build (`tsup.config.ts`), on the built entry points in `dist/`.
 *
 * Without this, an app that imports `housing-complaints/machine` without `xstate` installed gets
 * "Cannot find package 'xstate' imported from .../dist/chunk-QHRFD74P.js": a chunk name, not the
 * entry point, and no word of what to install.
 *
 * - CommonJS runs code before it requires, so each entry point first requires its peers, and
 *   throws a `MissingPeerDependencyError` naming the entry point, each missing package with the
 *   range it needs, and the `npm install` line.
 * - ES modules are linked before any of their code runs, so no library can replace Node's own
 *   message. Each entry point instead imports its peers first, so that Node's message names the
 *   package and the entry point itself ("Cannot find package 'xstate' imported from
 *   .../dist/machine/index.js"). The imports are bare and of packages with no side effects, so
 *   bundlers drop them.
 *
 * Which peers an entry point needs is read from the build itself (esbuild follows its chunks), so
 * the list cannot fall behind the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Peer dependency name to the range `package.json` asks for. */
export type PeerRanges = Readonly<Record<string, string>>;

/** The package a bare specifier belongs to: `zod/mini` is `zod`, `@scope/a/b` is `@scope/a`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The bare specifiers a built file needs, with the chunks it loads followed. */
export async function externalImports(file: string, format: 'esm' | 'cjs'): Promise<string[]> {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    metafile: true,
    format,
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
  return [...new Set(imports.filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path)).map((i) => i.path))].sort();
}

/**
 * The line a CommonJS entry point runs first. It requires each peer by a literal name (so that
 * bundlers such as webpack see ordinary static requires), then throws once, listing every missing
 * or too-old package. The error carries the library's error brand, so `isHousingComplaintsError`
 * recognises it, and `code: 'ERR_HOUSING_COMPLAINTS_MISSING_PEER'`.
 */
export function cjsGuard(entryPoint: string, specifiers: readonly string[], ranges: PeerRanges): string {
  const peers = specifiers.map(
    (specifier) => `[${JSON.stringify(specifier)},${JSON.stringify(packageOf(specifier))},${JSON.stringify(ranges[packageOf(specifier)] ?? '*')},function(){require(${JSON.stringify(specifier)})}]`,
  );
  const hint = entryPoint === 'housing-complaints' ? ' (housing-complaints/calendar needs none of them)' : '';
  const check = [
    'var missing=[],seen={};',
    'for(var i=0;i<peers.length;i++){var p=peers[i];try{p[3]()}catch(e){',
    // Only the peer itself being absent (or lacking the subpath) is ours to explain.
    'var absent=e&&e.code==="MODULE_NOT_FOUND"&&String(e.message).indexOf("\'"+p[0]+"\'")>=0,old=e&&e.code==="ERR_PACKAGE_PATH_NOT_EXPORTED";',
    'if(!absent&&!old)throw e;',
    'if(!seen[p[1]]){seen[p[1]]=1;missing.push({name:p[1],range:p[2],state:old?"the installed copy is too old: it has no "+p[0]:"not installed"})}}}',
    'if(!missing.length)return;',
    'var error=new Error(entry+" needs "+missing.map(function(m){return m.name+" "+m.range+" ("+m.state+")"}).join(" and ")+": "+(missing.length>1?"optional peer dependencies":"an optional peer dependency")+" of housing-complaints"+hint+". Install "+(missing.length>1?"them":"it")+": npm install "+missing.map(function(m){return JSON.stringify(m.name+"@"+m.range)}).join(" "));',
    'error.name="MissingPeerDependencyError";error.code="ERR_HOUSING_COMPLAINTS_MISSING_PEER";error.entryPoint=entry;error.missing=missing.map(function(m){return m.name});error[Symbol.for("housing-complaints.error")]=true;throw error',
  ].join('');
  return `(function(entry,hint,peers){${check}})(${JSON.stringify(entryPoint)},${JSON.stringify(hint)},[${peers.join(',')}]);`;
}

/** The line an ES module entry point starts with: its peers, imported first. */
export function esmGuard(specifiers: readonly string[]): string {
  return `${specifiers.map((specifier) => `import ${JSON.stringify(specifier)};`).join('')} // peers first: without them, Node's error names this entry point`;
}

/** Inserts `line` as line `at` (0-based) of a built file, and shifts its source map to match. */
function insertLine(file: string, at: number, line: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(at, 0, line);
  writeFileSync(file, lines.join('\n'));
  const mapFile = `${file}.map`;
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { mappings: string };
  const mapped = map.mappings.split(';');
  mapped.splice(at, 0, '');
  map.mappings = mapped.join(';');
  writeFileSync(mapFile, JSON.stringify(map));
}

/**
 * Adds the guards to every built entry point in `dist` that needs a peer dependency.
 *
 * @param dist - the build folder
 * @param entries - tsup's entry names, e.g. `'machine/index'`
 * @param ranges - `peerDependencies` from `package.json`
 * @returns each entry point with the peers it needs, for the build log
 */
export async function addPeerGuards(dist: string, entries: readonly string[], ranges: PeerRanges): Promise<Record<string, string[]>> {
  const needs: Record<string, string[]> = {};
  for (const entry of entries) {
    const entryPoint = entry === 'index' ? 'housing-complaints' : `housing-complaints/${entry.replace(/\/index$/, '')}`;
    const esm = join(dist, `${entry}.js`);
    const cjs = join(dist, `${entry}.cjs`);
    const [esmPeers, cjsPeers] = await Promise.all([externalImports(esm, 'esm'), externalImports(cjs, 'cjs')]);
    const unknown = [...new Set([...esmPeers, ...cjsPeers])].filter((specifier) => !(packageOf(specifier) in ranges));
    if (unknown.length > 0) throw new Error(`${entryPoint} imports ${unknown.join(', ')}, which package.json does not list as a peer dependency`);
    if (esmPeers.length > 0) insertLine(esm, 0, esmGuard(esmPeers));
    // After the 'use strict' directive, which must stay first.
    if (cjsPeers.length > 0) insertLine(cjs, readFileSync(cjs, 'utf8').startsWith("'use strict'") ? 1 : 0, cjsGuard(entryPoint, cjsPeers, ranges));
    needs[entryPoint] = esmPeers;
  }
  return needs;
}
