/**
 * The command line: `housing-complaints <command> [options]`. Parses the command name, runs the
 * command, and turns every error into a message and an exit code (see {@link EXIT}).
 */
import { isHousingComplaintsError } from '../errors.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, EXIT_CODES_HELP, InputFileError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { didYouMean } from './suggest.js';

const PROGRAM = 'housing-complaints';

/** The top-level help. */
export function topHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `${PROGRAM} ${VERSION}: the Housing Ombudsman's Complaint Handling Code 2024 on the command line.

Usage: ${PROGRAM} <command> [options]
       ${PROGRAM} <command> --help
       ${PROGRAM} --version

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`)
  .join('\n')}

Event logs are JSONL: one complaint event per line ({ "type", "at", ... }) with the complaint's id
as "complaintId". Complaints may interleave; each complaint's events are in time order. A file
named - is read from standard input.

${EXIT_CODES_HELP}

See docs/cli.md for examples.`;
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves to its exit code.
 * Never throws: a user's error is one line on standard error, a bug is exit code 70.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  let command: string | undefined;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      if (topic === undefined) {
        // With no command at all, the help is the error message: on standard error, exit code 2.
        await (first === undefined ? io.stderr : io.stdout).line(topHelp());
        return first === undefined ? EXIT.usage : EXIT.ok;
      }
      command = topic;
      const found = COMMANDS[topic];
      if (!found) throw new UsageError(`unknown command '${topic}'.${didYouMean(topic, Object.keys(COMMANDS))}`);
      await io.stdout.line((await found.load()).help);
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v' || first === '-V') {
      await io.stdout.line(VERSION);
      return EXIT.ok;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option '${first}' before the command.${didYouMean(first.replace(/^-+/, ''), ['help', 'version'].map((o) => [o, `--${o}`] as const))}`);
    command = first;
    const found = COMMANDS[first];
    if (!found) throw new UsageError(`unknown command '${first}'.${didYouMean(first, Object.keys(COMMANDS))}`);
    const module = await found.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      await io.stdout.line(module.help);
      return EXIT.ok;
    }
    return await module.run(rest, io);
  } catch (error) {
    return failed(error, command, io);
  }
}

async function failed(error: unknown, command: string | undefined, io: Io): Promise<number> {
  const prefix = `${PROGRAM}${command && COMMANDS[command] ? ` ${command}` : ''}`;
  if (error instanceof UsageError) {
    const about = error.command ?? (command && COMMANDS[command] ? command : undefined);
    await io.stderr.line(`${prefix}: ${error.message}`);
    await io.stderr.line(about ? `Run '${PROGRAM} ${about} --help' for its usage.` : `Run '${PROGRAM} --help' for the commands.`);
    return EXIT.usage;
  }
  if (error instanceof InputFileError) {
    await io.stderr.line(`${prefix}: ${error.message}`);
    return EXIT.noInput;
  }
  // The library's own errors come from values given on the command line: usage errors.
  if (isHousingComplaintsError(error)) {
    await io.stderr.line(`${prefix}: ${error.message}`);
    return EXIT.usage;
  }
  const debug = process.env['HOUSING_COMPLAINTS_DEBUG'];
  await io.stderr.line(`${prefix}: internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (debug && error instanceof Error && error.stack) await io.stderr.line(error.stack);
  else await io.stderr.line('This is a bug in housing-complaints: please report it, with HOUSING_COMPLAINTS_DEBUG=1 set to include the stack trace.');
  return EXIT.internal;
}
