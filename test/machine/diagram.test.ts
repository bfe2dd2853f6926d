/**
 * The lifecycle picture: `toMermaid` reads every state and transition of the machine, the committed
 * docs/lifecycle.md, README diagram and rendered SVG are what `npm run diagram` makes from today's
 * machine, and Mermaid itself (in Debian's Chromium) draws every state and label of it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineGraph } from '../../src/diagram/diagram.js';
import { createComplaintMachine, isForeignMachineError, policies, replay } from '../../src/machine/index.js';
import { toMermaid } from '../../src/diagram/index.js';
import { lifecycle } from '../../examples/lifecycle.js';
import { PROVISIONS } from '../../src/policy/provisions.js';
import { InvalidInputError } from '../../src/errors.js';
import {
  LIFECYCLE_PATH,
  LIFECYCLE_SVG,
  README_PATH,
  generateLifecycleDoc,
  lifecycleDiagram,
  readmeWithDiagram,
  svgStamp,
} from '../../scripts/generate-diagram.js';
import { GUARD_NOTES, STATE_NOTES } from '../../scripts/lifecycle-notes.js';
import { renderMermaid, type Rendered } from '../../scripts/render-mermaid.js';
import { launchChromium } from '../../scripts/chromium.js';
import type { Browser } from 'playwright-core';

const machine = createComplaintMachine();
const graph = machineGraph(machine);
const diagram = toMermaid(machine);
const id = (path: string) => path.replace(/\./g, '_');
const leaves = graph.states.filter((s) => s.children.length === 0);
const leavesUnder = (path: string) => leaves.filter((s) => s.path === path || s.path.startsWith(`${path}.`));
const landing = (path: string): string => {
  const state = graph.states.find((s) => s.path === path)!;
  return state.initial ? landing(state.initial) : path;
};
/** Each arrow of the diagram, `from --> to`, with its labels. */
const arrows = new Map(
  [...diagram.matchAll(/^\s*(\w+) --> (\w+) : (.+)$/gm)].map((m) => [`${m[1]} --> ${m[2]}`, m[3]!.split('<br>')]),
);

describe('toMermaid', () => {
  it('is a Mermaid state diagram with a box for the machine and each of its parallel regions', () => {
    expect(diagram.split('\n').slice(0, 2)).toEqual(['stateDiagram-v2', '  direction TB']);
    expect(diagram).toContain('state "complaint" as complaint {');
    expect(diagram).toContain('state "process" as process {');
    expect(diagram).toContain('state "ombudsman" as ombudsman {');
    expect(diagram).toContain('    --\n'); // the regions run side by side
    expect(diagram).toContain('[*] --> process_new');
    expect(diagram).toContain('[*] --> ombudsman_notReferred');
  });

  it('draws every state a complaint can be in, named by its path in its region', () => {
    for (const leaf of leaves) {
      const [region, ...rest] = leaf.path.split('.');
      expect(diagram, leaf.path).toContain(`state "${rest.join('.')}" as ${id(leaf.path)}`);
      expect(['process', 'ombudsman', 'hazard']).toContain(region);
    }
    // Two stages and five ways of closing, each its own box.
    expect(leaves.map((s) => s.path).filter((p) => p.startsWith('process.closed.'))).toHaveLength(5);
  });

  it('draws every transition of the definition, from each state it can be taken in, to where it lands, with its guard', () => {
    let drawn = 0;
    for (const t of graph.transitions) {
      const label = `${t.event}${t.guard ? ` [${t.guard}${t.guardParams ? ` ${Object.entries(t.guardParams).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}]` : ''}`;
      if (t.source === '') {
        expect(diagram.split('note right of complaint')[1], t.event).toContain(`    ${label}\n`);
        continue;
      }
      for (const from of leavesUnder(t.source)) {
        const to = t.target === undefined ? from.path : landing(t.target);
        expect(arrows.get(`${id(from.path)} --> ${id(to)}`), `${t.event} from ${from.path}`).toContain(label);
        drawn += 1;
      }
    }
    // And nothing else: every label drawn is one of those.
    expect([...arrows.values()].flat()).toHaveLength(drawn);
  });

  it('lands on the state a transition really lands in: the machine agrees', () => {
    // ACKNOWLEDGE from received goes to stage1, whose initial state is investigating.
    expect(arrows.get('process_received --> process_stage1_investigating')).toEqual(['ACKNOWLEDGE [canAcknowledge stage 1]']);
    expect(arrows.get('process_stage1_responded --> process_stage2_acknowledging')).toEqual(['ESCALATE [canEscalate]']);
    expect(arrows.get('process_stage1_investigating --> process_stage1_investigating')).toEqual(['EXTEND [canExtend stage 1]', 'ADD_ISSUE [canAddIssue]']);
  });

  it('is the same for every policy: a policy changes rules, not states', () => {
    expect(toMermaid(createComplaintMachine({ policy: policies.peaksPlainsV4, enforceCode: false }))).toBe(diagram);
    expect(toMermaid(machine, { direction: 'LR' })).toBe(diagram.replace('direction TB', 'direction LR'));
  });

  it('refuses what is not a complaint machine, and a direction it does not know', () => {
    let caught: unknown;
    try {
      toMermaid({ id: 'x', root: {} } as never);
    } catch (error) {
      caught = error;
    }
    expect(isForeignMachineError(caught)).toBe(true);
    expect(() => toMermaid(machine, { direction: 'RL' as never })).toThrow(InvalidInputError);
  });

  it('answers hostile machines and options with a typed error, never a raw one', () => {
    const brand = (machine as unknown as Record<symbol, unknown>)[Symbol.for('housing-complaints.machine')];
    const trap = (key: string) => new Proxy(machine, { get: (target, p, r) => (p === key ? (() => { throw new Error(`${key} trap`); })() : Reflect.get(target, p, r)) });
    const cyclic: Record<string, unknown> = { path: [], key: 'complaint', type: 'compound', transitions: new Map() };
    cyclic.states = { again: cyclic };
    const forged = (root: unknown, id = 'complaint') => ({ [Symbol.for('housing-complaints.machine')]: brand, root, id });
    const renamed = createComplaintMachine();
    const hostileMachines: unknown[] = [
      trap('root'),
      trap('id'),
      forged({}),
      forged(cyclic),
      forged((machine as unknown as { root: unknown }).root, 'complaint\nstate "x"'),
      new Proxy(renamed, { get: (t, p, r) => (p === 'root' ? new Proxy({}, { get: () => { throw new Error('deep trap'); } }) : Reflect.get(t, p, r)) }),
    ];
    for (const hostile of hostileMachines) {
      let caught: unknown;
      try {
        toMermaid(hostile as never);
      } catch (error) {
        caught = error;
      }
      expect(isForeignMachineError(caught), String(caught)).toBe(true);
    }
    const getter = Object.defineProperty({}, 'direction', { enumerable: true, get: () => { throw new Error('getter'); } });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostileOptions = [null, 5, 'LR', [], true, { direction: 'LR', colour: 'red' }, getter, revoked.proxy, new Proxy({}, { ownKeys: () => { throw new Error('keys'); } })];
    hostileOptions.forEach((options, index) => {
      expect(() => toMermaid(machine, options as never), `options #${index}`).toThrow(InvalidInputError);
    });
    // What is allowed still draws.
    expect(toMermaid(machine, undefined)).toBe(diagram);
    expect(toMermaid(Object.freeze(createComplaintMachine()))).toBe(diagram);
  });
});

describe('the words beside the picture', () => {
  it('describe every state and every guard of the machine, and nothing that is not there', () => {
    expect(Object.keys(STATE_NOTES).sort()).toEqual(graph.states.filter((s) => s.path !== '').map((s) => s.path).sort());
    const guards = [...new Set(graph.transitions.map((t) => t.guard))].sort();
    expect(Object.keys(GUARD_NOTES).sort()).toEqual(guards);
  });

  it('cite only provisions of the Code', () => {
    const known = new Set(PROVISIONS.map((p) => p.number));
    const cited = [...Object.values(STATE_NOTES).flatMap((text) => [...text.matchAll(/\b(\d\.\d{1,2})\b/g)].map((m) => m[1]!)), ...Object.values(GUARD_NOTES).flatMap((note) => note.provisions)];
    expect(cited.length).toBeGreaterThan(30);
    for (const provision of cited) expect(known, provision).toContain(provision);
  });

  it('name the provisions the machine gives when a guard refuses', () => {
    // The example lifecycle (npm run demo) has one refusal: the stage 1 handler acknowledging stage 2.
    const { rejected } = replay(machine, lifecycle);
    expect(rejected.length).toBeGreaterThan(0);
    for (const { event, reasons } of rejected) {
      const guards = new Set(graph.transitions.filter((t) => t.event === event.type).map((t) => t.guard!));
      const listed = [...guards].flatMap((guard) => GUARD_NOTES[guard]!.provisions);
      for (const reason of reasons) expect(listed, `${event.type}: ${reason.message}`).toContain(reason.provision);
    }
  });
});

describe('the committed lifecycle files (run `npm run diagram` after changing the machine)', () => {
  it('docs/lifecycle.md is what the machine makes', () => {
    expect(readFileSync(LIFECYCLE_PATH, 'utf8')).toBe(generateLifecycleDoc());
  });

  it('README.md shows the same diagram', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readme).toBe(readmeWithDiagram(readme));
    expect(readme).toContain(`\`\`\`mermaid\n${lifecycleDiagram()}\n\`\`\``);
  });

  it('docs/images/lifecycle.svg was drawn from this diagram', () => {
    const svg = readFileSync(LIFECYCLE_SVG, 'utf8');
    expect(svg.split('\n')[0]).toBe(svgStamp(lifecycleDiagram()));
    expect(svgStamp(lifecycleDiagram())).toContain(createHash('sha256').update(diagram).digest('hex'));
    expect(svg).toContain('<svg');
  });
});

describe('drawn by Mermaid in Chromium', () => {
  let browser: Browser;
  let drawn: Rendered;
  beforeAll(async () => {
    browser = await launchChromium('the lifecycle diagram test');
    drawn = await renderMermaid(browser, diagram);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every state and every label, with nothing left out', () => {
    const text = drawn.texts.join('\n');
    for (const leaf of leaves) expect(text, leaf.path).toContain(leaf.path.split('.').slice(1).join('.'));
    // Mermaid wraps long labels over lines: compared without white space, every label is drawn as
    // many times as it has arrows.
    const flat = text.replace(/\s+/g, '');
    const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
    const labels = [...arrows.values()].flat().map((label) => label.replace(/\s+/g, ''));
    for (const label of new Set(labels)) expect(count(flat, label), label).toBe(labels.filter((l) => l === label).length);
    for (const t of graph.transitions.filter((t) => t.source === '')) expect(text, t.event).toContain(t.event);
  });

  it('is a picture a person can read: large enough, and the SVG on disk has the same states', () => {
    expect(drawn.width).toBeGreaterThan(800);
    expect(drawn.height).toBeGreaterThan(800);
    const svg = readFileSync(LIFECYCLE_SVG, 'utf8');
    for (const leaf of leaves) expect(svg, leaf.path).toContain(`>${leaf.path.split('.').slice(1).join('.')}<`);
  });
});
