// `npm version` runs this (the `version` script) after it bumps package.json and before it commits:
// it writes the new version into src/version.ts, which `test/machine/copies.test.ts` keeps equal.
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const file = new URL('../src/version.ts', import.meta.url);
const text = readFileSync(file, 'utf8');
const next = text.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`).replace(/VERSION; \/\/=> '[^']*'/, `VERSION; //=> '${version}'`);
if (!next.includes(`'${version}'`)) throw new Error('src/version.ts has no VERSION to update');
writeFileSync(file, next);
console.log(`src/version.ts: VERSION = '${version}'`);
