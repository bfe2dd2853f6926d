/**
 * The commands, by name, each loaded only when it runs (so `--help` and `--version` start fast).
 */
import type { Io } from '../io.js';

/** A command: its page of help, and what it does with its arguments; resolves to the exit code. */
export interface CommandModule {
  readonly help: string;
  run(argv: readonly string[], io: Io): Promise<number>;
}

/** Each command: its one-line summary for the top-level help, and its module. */
export const COMMANDS: Readonly<Record<string, { readonly summary: string; readonly load: () => Promise<CommandModule> }>> = {
  deadlines: { summary: 'the stage 1 deadlines of a complaint received at a given time, in a UK division', load: () => import('./deadlines.js') },
  'validate-letter': { summary: 'check a letter (JSON) against the Code: every issue with its provision', load: () => import('./validateLetter.js') },
  replay: { summary: 'replay a JSONL event log: each complaint’s state, deadlines and refused events, or its record', load: () => import('./replay.js') },
  report: { summary: 'the annual complaints report (Code 8.1) and TSM CH01/CH02, from events or records', load: () => import('./report.js') },
  'self-assess': { summary: 'the self-assessment of a policy against the Code 2024 (Markdown, CSV or JSON)', load: () => import('./selfAssess.js') },
  'compare-policies': { summary: 'replay an event log under two or more policies and show what differs', load: () => import('./comparePolicies.js') },
};
