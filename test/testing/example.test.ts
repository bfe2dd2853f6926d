import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('examples/model-based-testing (npm run example:mbt)', () => {
  it('drives the fake case API through every generated path, and every step matches', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/model-based-testing/run.ts'], { cwd: root, encoding: 'utf8' });
    expect(output).toMatch(/Drove the case API through \d{3,} generated paths \(\d+ steps\)\./);
    expect(output).toMatch(/^(\d+) passed, 0 failed$/m);
  });
});
