/**
 * replayLog, the library function under `replay` and `report`, in process: the same items on the
 * calling thread and on worker threads, in the order of each complaint's first line; bad lines
 * yielded, refused events kept with their complaint; options checked. And the generator the tests,
 * the benchmark and the demo share: deterministic, interleaved, valid under the Code.
 */
import { describe, expect, it } from 'vitest';
import { isInvalidInputError } from '../../src/errors.js';
import { policies } from '../../src/policy/policies.js';
import { replayLog, type ReplayLogItem } from '../../src/reporting/replayLog.js';
import { generateEventLog } from '../../scripts/generate-events.js';

async function collect(lines: Iterable<string>, options: Parameters<typeof replayLog>[1]): Promise<ReplayLogItem[]> {
  const items: ReplayLogItem[] = [];
  for await (const item of replayLog(lines, options)) items.push(item);
  return items;
}

const log = [...generateEventLog({ complaints: 60, seed: 4 })];

describe('replayLog', () => {
  it('yields the same complaints, in the order of their first lines, on the calling thread and on two workers', async () => {
    const lines = [...log.slice(0, 10), 'not json', ...log.slice(10), '', JSON.stringify({ complaintId: 'C-000001', type: 'NOPE', at: '2026-06-01T09:00:00Z' })];
    const [one, two] = await Promise.all([collect(lines, { workers: 1 }), collect(lines, { workers: 2, batchLines: 7 })]);
    expect(two).toEqual(one);
    const complaints = one.filter((item) => item.kind === 'complaint');
    expect(complaints).toHaveLength(60);
    expect(complaints.map((c) => c.firstLine)).toEqual([...complaints.map((c) => c.firstLine)].sort((a, b) => a - b));
    expect(complaints.every((c) => c.refusedCount === 0 && c.record?.id === c.complaintId)).toBe(true);
    expect(one.filter((item) => item.kind === 'bad-line')).toEqual([
      { kind: 'bad-line', line: 11, message: expect.stringMatching(/^not valid JSON/) },
      { kind: 'bad-line', line: lines.length, complaintId: 'C-000001', message: expect.stringMatching(/^malformed NOPE: type: must be one of RECEIVE/) },
    ]);
  });

  it('gives the same complaints when it packs all but a few snapshots and rebuilds them as their events come', async () => {
    const [all, few] = await Promise.all([collect(log, { workers: 1 }), collect(log, { workers: 1, liveSnapshots: 3 })]);
    expect(few).toEqual(all);
  });

  it('keeps refused events with their complaint, with the machine’s reasons, and reports progress', async () => {
    const progress: number[] = [];
    const receive = JSON.parse(log[0]!) as { complaintId: string; at: string };
    const at = new Date(Date.parse(receive.at) + 60_000).toISOString();
    const items = await collect([log[0]!, JSON.stringify({ complaintId: receive.complaintId, type: 'ESCALATE', at })], { workers: 1, onProgress: (p) => progress.push(p.lines) });
    expect(items).toMatchObject([{ kind: 'complaint', complaintId: 'C-000001', events: 2, accepted: 1, refusedCount: 1, refused: [{ line: 2, type: 'ESCALATE', reasons: [{ provision: '6.10' }] }] }]);
    expect(progress.at(-1)).toBe(2);
  });

  it('treats a RECEIVE for another complaint than its line names as a bad line', async () => {
    const items = await collect([JSON.stringify({ complaintId: 'C-1', type: 'RECEIVE', at: '2025-04-01T09:00:00Z', complaint: { id: 'C-2', region: 'scotland', summary: 'Damp' } })], { workers: 1 });
    expect(items).toEqual([{ kind: 'bad-line', line: 1, complaintId: 'C-1', message: "the RECEIVE is for complaint 'C-2', but the line's complaintId is 'C-1'" }]);
  });

  it('refuses bad options with a typed error', async () => {
    await expect(collect([], { workers: 0 })).rejects.toSatisfy(isInvalidInputError);
    await expect(collect([], { liveSnapshots: 0 })).rejects.toSatisfy(isInvalidInputError);
    await expect(collect([], { policy: { ...policies.code2024, stage1: null } as never })).rejects.toThrow();
  });
});

describe('generateEventLog', () => {
  it('gives the same log for the same seed, interleaved in time order, each complaint starting with its RECEIVE', () => {
    const again = [...generateEventLog({ complaints: 60, seed: 4 })];
    expect(again).toEqual(log);
    const events = log.map((line) => JSON.parse(line) as { complaintId: string; type: string; at: string });
    expect(events.map((e) => e.at)).toEqual(events.map((e) => e.at).sort());
    const first = new Map<string, string>();
    for (const event of events) if (!first.has(event.complaintId)) first.set(event.complaintId, event.type);
    expect(new Set(first.values())).toEqual(new Set(['RECEIVE']));
    // Interleaved: some complaint's events are not all on consecutive lines.
    expect(events.some((e, i) => i > 0 && events[i - 1]!.complaintId !== e.complaintId && events.slice(0, i - 1).some((p) => p.complaintId === e.complaintId))).toBe(true);
  });

  it('makes complaints the machine accepts in full under the Code, with a realistic mix', async () => {
    const items = await collect(generateEventLog({ complaints: 250, seed: 9 }), { workers: 1 });
    const complaints = items.filter((item) => item.kind === 'complaint');
    expect(items.filter((item) => item.kind === 'bad-line')).toEqual([]);
    expect(complaints.reduce((sum, c) => sum + c.refusedCount, 0)).toBe(0);
    const closures = new Map<string, number>();
    for (const c of complaints) closures.set(c.record?.closure?.reason ?? c.stage, (closures.get(c.record?.closure?.reason ?? c.stage) ?? 0) + 1);
    for (const kind of ['resolved-at-stage-1', 'final-response', 'declined', 'withdrawn', 'stage1']) expect(closures.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(complaints.some((c) => c.record?.stage1.extensions.length)).toBe(true);
    expect(complaints.some((c) => c.record?.breaches.length)).toBe(true);
    expect(new Set(complaints.map((c) => c.record?.tenure))).toEqual(new Set(['general-needs', 'supported-housing', 'shared-ownership']));
  });
});
