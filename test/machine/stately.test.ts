/**
 * docs/stately/complaint-machine.ts, the file Stately Studio imports: evaluated with XState, its
 * states and transitions (targets, guards with their parameters, actions) are the real machine's;
 * it is one `createMachine({...})` call of plain data, as Stately's importer needs; and it is what
 * `npm run stately` makes today.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { machineGraph } from '../../src/diagram/diagram.js';
import { createComplaintMachine, replay } from '../../src/machine/index.js';
import { PROVISIONS } from '../../src/policy/provisions.js';
import { lifecycle } from '../../examples/lifecycle.js';
import { STATELY_GUIDE, STATELY_PATH, generateStately, guideWithGuards } from '../../scripts/generate-stately.js';
import { complaintMachine } from '../../docs/stately/complaint-machine.js';

const real = createComplaintMachine();

describe('the Stately file (run `npm run stately` after changing the machine)', () => {
  it('is what the machine makes today, and so is the guide’s table of guards', () => {
    expect(readFileSync(STATELY_PATH, 'utf8')).toBe(generateStately());
    const guide = readFileSync(STATELY_GUIDE, 'utf8');
    expect(guide).toBe(guideWithGuards(guide));
    for (const guard of new Set(machineGraph(real).transitions.map((t) => t.guard))) expect(guide).toContain(`| \`${guard}\` |`);
  });

  it('has the real machine’s states and transitions: same targets, guards, parameters and actions, in the same order', () => {
    const stately = machineGraph(complaintMachine);
    const mine = machineGraph(real);
    expect(stately.id).toBe(mine.id);
    expect(stately.states).toEqual(mine.states);
    expect(stately.transitions).toEqual(mine.transitions);
    expect(mine.transitions.length).toBeGreaterThan(20);
  });

  it('moves through the same states as the real machine when every guard allows', () => {
    // Stately's file has guards by name only; given guards that allow, it walks the lifecycle's
    // accepted events through the states the real machine went through.
    const { snapshot: finalReal, rejected } = replay(real, lifecycle);
    const accepted = lifecycle.filter((event) => !rejected.some((r) => r.event === event));
    const names = new Set(machineGraph(real).transitions.flatMap((t) => [t.guard!, ...t.actions]));
    const allow = Object.fromEntries([...names].map((name) => [name, () => true]));
    const provided = complaintMachine.provide({ guards: allow, actions: Object.fromEntries([...names].map((name) => [name, () => undefined])) });
    const actor = createActor(provided).start();
    for (const event of accepted) actor.send(event as never);
    expect(actor.getSnapshot().value).toEqual(finalReal.value);
  });

  it('is one createMachine call of plain data: no functions, spreads or variables for the importer to resolve', () => {
    const source = ts.createSourceFile(STATELY_PATH, readFileSync(STATELY_PATH, 'utf8'), ts.ScriptTarget.Latest, true);
    const calls: ts.CallExpression[] = [];
    const unsupported: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) calls.push(node);
      if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isSpreadAssignment(node) || ts.isSpreadElement(node) || ts.isTemplateExpression(node)) unsupported.push(node.getText(source).slice(0, 40));
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.initializer) && node.initializer.text !== 'undefined') unsupported.push(node.getText(source).slice(0, 40));
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(calls.map((call) => call.expression.getText(source))).toEqual(['createMachine']);
    expect(ts.isObjectLiteralExpression(calls[0]!.arguments[0]!)).toBe(true);
    expect(unsupported).toEqual([]);
  });

  it('describes every state and every guarded transition, citing only the Code’s provisions', () => {
    const text = readFileSync(STATELY_PATH, 'utf8');
    const described = [...text.matchAll(/description: '((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!);
    const graph = machineGraph(real);
    expect(described).toHaveLength(graph.states.length + graph.transitions.length);
    const known = new Set(PROVISIONS.map((p) => p.number));
    const cited = described.flatMap((d) => [...d.matchAll(/\b(\d\.\d{1,2})\b/g)].map((m) => m[1]!));
    expect(cited).toContain('6.13');
    for (const provision of cited) expect(known, provision).toContain(provision);
  });
});
