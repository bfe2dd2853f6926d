/**
 * Reading JSONL logs for the commands that need every line checked here (compare-policies, and
 * report from records): each line numbered, bad ones reported with their number and skipped.
 */
import { isMalformedEventError, parseEvent, type ComplaintEvent } from '../machine/events.js';
import type { Reason } from '../machine/rules.js';
import type { BadLogLine, RefusedLogEvent } from '../reporting/replayLog.js';
import type { Output } from './io.js';

/** One numbered line of a log. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** The non-blank lines of `lines`, numbered from 1 (blank lines count, as an editor counts them). */
export async function* numbered(lines: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

/** A line of JSON, or why it is not one. */
export function jsonOf(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
}

/** A line of an event log as a complaint event with its `complaintId`, or why it is not one. */
export function eventOf(text: string): { complaintId: string; event: ComplaintEvent } | { error: string; complaintId?: string } {
  const json = jsonOf(text);
  if ('error' in json) return json;
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) return { error: 'not a JSON object' };
  const { complaintId, ...rest } = json.value as { complaintId?: unknown };
  if (typeof complaintId !== 'string' || complaintId.trim() === '') return { error: 'no complaintId: each line needs the id of its complaint as a string, "complaintId"' };
  try {
    return { complaintId, event: parseEvent(rest) };
  } catch (error) {
    if (isMalformedEventError(error)) return { complaintId, error: error.message.replace(/\.$/, '') };
    throw error;
  }
}

/** `file:line: skipped: message`, for standard error. */
export function badLineMessage(file: string, bad: Pick<BadLogLine, 'line' | 'message' | 'complaintId'>): string {
  return `${file}:${bad.line}: skipped${bad.complaintId ? ` (${bad.complaintId})` : ''}: ${bad.message}`;
}

/** A reason as `provision: message`. */
export function reasonText(reason: Reason): string {
  return reason.provision ? `${reason.provision}: ${reason.message}` : reason.message;
}

/** `file:line: C-1: ESCALATE at ... refused: 6.10: ...`, for standard error. */
export function refusalMessage(file: string, complaintId: string, refused: RefusedLogEvent): string {
  return `${file}:${refused.line}: ${complaintId}: ${refused.type} at ${refused.at} refused: ${refused.reasons.map(reasonText).join('; ')}`;
}

/** Counts what was wrong with the input, and writes it to standard error. */
export class Problems {
  badLines = 0;
  refusedEvents = 0;
  constructor(
    private readonly stderr: Output,
    private readonly file: string,
  ) {}
  async bad(bad: Pick<BadLogLine, 'line' | 'message' | 'complaintId'>): Promise<void> {
    this.badLines++;
    await this.stderr.line(badLineMessage(this.file, bad));
  }
  async refused(complaintId: string, refused: readonly RefusedLogEvent[], count: number): Promise<void> {
    this.refusedEvents += count;
    for (const event of refused) await this.stderr.line(refusalMessage(this.file, complaintId, event));
    if (count > refused.length) await this.stderr.line(`${this.file}: ${complaintId}: and ${count - refused.length} more refused events`);
  }
  /** Whether anything was wrong. */
  get any(): boolean {
    return this.badLines > 0 || this.refusedEvents > 0;
  }
  /** A line saying what was skipped and refused, or nothing. */
  summary(): string {
    const parts = [];
    if (this.badLines > 0) parts.push(`${this.badLines.toLocaleString('en-GB')} bad line${this.badLines === 1 ? '' : 's'} skipped`);
    if (this.refusedEvents > 0) parts.push(`${this.refusedEvents.toLocaleString('en-GB')} event${this.refusedEvents === 1 ? '' : 's'} refused`);
    return parts.length > 0 ? `${this.file}: ${parts.join(', ')}` : '';
  }
}
