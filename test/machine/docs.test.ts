import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MACHINE_DOCS_PATH, generateMachineDocs } from '../../scripts/generate-machine-docs.js';
import { createComplaintMachine, replay } from '../../src/machine/index.js';
import { lifecycle } from '../../examples/lifecycle.js';

describe('docs/machine.md', () => {
  it('is exactly what the code generates (run `npm run generate:docs` after changing the machine)', () => {
    expect(readFileSync(MACHINE_DOCS_PATH, 'utf8')).toBe(generateMachineDocs());
  });

  it('shows checkPolicy for both shipped policies', () => {
    const page = readFileSync(MACHINE_DOCS_PATH, 'utf8');
    expect(page).toContain('### `checkPolicy(policies.code2024)`\n\n`[]`: no conflicts.');
    for (const provision of ['2.3', '5.2', '6.12']) expect(page).toMatch(new RegExp(`\\| ${provision.replace('.', '\\.')} \\| \`[a-zA-Z.]+\``));
  });
});

describe('the example lifecycle (npm run demo)', () => {
  it('runs end to end through both stages with one refusal (6.13), and nothing left to do', () => {
    const { snapshot, rejected } = replay(createComplaintMachine(), lifecycle);
    expect(rejected.map((r) => r.reasons[0]?.provision)).toEqual(['6.13']);
    expect(snapshot.context.closure).toEqual({ reason: 'final-response', on: '2025-03-04' });
    expect(snapshot.context.stage1?.extensions).toHaveLength(1);
    expect(snapshot.context.breaches.map((b) => b.deadline)).toEqual(['action:s1-action-1']);
    expect(snapshot.context.tracked.every((item) => item.completedOn)).toBe(true);
    expect(snapshot.context.tracked.find((item) => item.id === 's2-remedy-1')?.completedOn).toBe('2025-03-14');
  });
});
