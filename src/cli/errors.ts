/**
 * The command line's exit codes and the errors that carry them. Every error a user can cause is
 * one of these and is printed as one line, never as a stack trace.
 */

/** The exit codes, as `--help` and docs/cli.md give them. */
export const EXIT = {
  /** Everything read was valid and every event accepted. */
  ok: 0,
  /** Invalid input was found: a letter invalid, bad lines skipped, events refused. The rest was processed. */
  invalid: 1,
  /** The command line itself is wrong: an unknown command or option, a missing or bad value. */
  usage: 2,
  /** A file does not exist or cannot be read (or written, for --out). */
  noInput: 3,
  /** A bug: please report it (`HOUSING_COMPLAINTS_DEBUG=1` shows the stack trace). */
  internal: 70,
} as const;

/** The exit codes as the help pages list them. */
export const EXIT_CODES_HELP = `Exit codes:
  0   ok
  1   invalid input found (a letter invalid, bad lines skipped, events refused); the rest was processed
  2   usage error (unknown command or option, missing or bad value)
  3   a file not found or unreadable (or, for --out, not writable)
  70  internal error (a bug; HOUSING_COMPLAINTS_DEBUG=1 shows the stack trace)`;

/** The command line is wrong: exit code 2, with the command's usage line. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The command whose usage to point to, if any. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A file does not exist or cannot be read (or, for --out, written): exit code 3. */
export class InputFileError extends Error {
  override name = 'InputFileError';
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    use: 'read' | 'written' = 'read',
  ) {
    super(
      code === 'ENOENT'
        ? `${path}: no such ${use === 'read' ? 'file' : 'folder'}`
        : code === 'EISDIR'
          ? `${path}: is a folder, not a file`
          : code === 'EACCES' || code === 'EPERM'
            ? `${path}: permission denied`
            : `${path}: cannot be ${use}${code ? ` (${code})` : ''}`,
    );
  }
}
