/**
 * The Code traceability page (docs/traceability.md): generated from `PROVISIONS`, one row for every
 * provision of the landlord's self-assessment, each linking only test files that exist, and every
 * provision left to the landlord saying why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRACEABILITY_PATH, generateTraceability } from '../../scripts/generate-traceability.js';
import { PROVISIONS } from '../../src/policy/provisions.js';
import { SELF_ASSESSMENT_NUMBERS } from './selfAssessmentNumbers.js';

const page = readFileSync(TRACEABILITY_PATH, 'utf8');

interface Row {
  section: string;
  cells: string[];
}

/** The provision tables' rows, under their section headings; cells split on unescaped pipes. */
function provisionRows(text: string): Row[] {
  const rows: Row[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3);
    if (!/^\| \d\.\d+ \|/.test(line)) continue;
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.replace(/\\\|/g, '|'));
    rows.push({ section, cells });
  }
  return rows;
}

const rows = provisionRows(page);
const byNumber = new Map(PROVISIONS.map((p) => [p.number, p]));

describe('docs/traceability.md', () => {
  it('is exactly what the code generates (run `npm run generate:docs` after changing PROVISIONS)', () => {
    expect(page, 'docs/traceability.md is out of date: run `npm run generate:docs`').toBe(generateTraceability());
  });

  it('has one row for every provision of the self-assessment, in its order, under its section', () => {
    expect(rows.map((row) => row.cells[0])).toEqual(SELF_ASSESSMENT_NUMBERS);
    for (const { section, cells } of rows) {
      const provision = byNumber.get(cells[0]!)!;
      expect(section, cells[0]).toBe(`${provision.section.number}. ${provision.section.title}`);
    }
  });

  it('keeps six cells in every row (pipes in the text are escaped)', () => {
    for (const { cells } of rows) expect(cells, cells[0]).toHaveLength(6);
    for (const { cells } of rows) expect(cells[1], cells[0]).toBe(byNumber.get(cells[0]!)!.summary);
  });

  it('links only test files that exist, relative to docs/', () => {
    const links = [...page.matchAll(/\]\((\.\.\/test\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(30);
    const missing = [...new Set(links)].filter((link) => !existsSync(resolve(dirname(TRACEABILITY_PATH), link)));
    expect(missing).toEqual([]);
    for (const { cells } of rows) {
      const cited = byNumber.get(cells[0]!)!.coverage.tests;
      expect([...cells[5]!.matchAll(/\]\(\.\.\/([^)]+)\)/g)].map((m) => m[1]), cells[0]).toEqual(cited);
    }
  });

  it('says why for every provision left to the landlord, and what is left where the library covers the rest', () => {
    for (const { cells } of rows) {
      const { kind, landlordPart } = byNumber.get(cells[0]!)!.coverage;
      const coverage = cells[2]!;
      if (kind === 'landlord') {
        expect(coverage, cells[0]).toMatch(/^For the landlord, because [^:]{10,}: .{10,}/);
        expect(coverage.toLowerCase(), cells[0]).toContain(landlordPart!.toLowerCase());
      } else {
        expect(coverage, cells[0]).not.toMatch(/^For the landlord/);
        if (landlordPart) expect(coverage.toLowerCase(), cells[0]).toContain(`left to the landlord: ${landlordPart.toLowerCase()}`);
      }
    }
  });

  it('counts each kind of coverage, adding up to every provision', () => {
    const counts = [...page.matchAll(/^\| (Rule the machine enforces|Letter rule|Record field|Report field|Policy check|For the landlord) \| (\d+) \|$/gm)];
    expect(counts).toHaveLength(6);
    expect(counts.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(PROVISIONS.length);
  });
});
