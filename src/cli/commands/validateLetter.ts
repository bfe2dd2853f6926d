/** `housing-complaints validate-letter`: a letter checked against the Code, every issue with its provision. */
import { validateLetter } from '../../letters/validate.js';
import { parse } from '../args.js';
import { EXIT, EXIT_CODES_HELP, UsageError } from '../errors.js';
import { displayName, readSmallFile, type Io } from '../io.js';
import { jsonOf } from '../log.js';
import { table } from '../table.js';

export const help = `Usage: housing-complaints validate-letter <letter.json> [--json]

Checks one letter (an acknowledgement, extension notice, stage 1 or stage 2 response, decline
notice or refusal to escalate, as JSON with its "kind") against the Code 2024: every missing
part and every rule broken, each with the provision it comes from (e.g. 6.9(g): how to escalate
to stage 2). Exit code 1 when the letter is not valid. A file named - is read from standard input.

Options:
  --json       the result as JSON: { ok, kind, issues: [{ provision, path, message }] }
  -h, --help   this help

Examples:
  housing-complaints validate-letter stage1-response.json
  cat letter.json | housing-complaints validate-letter - --json

${EXIT_CODES_HELP}`;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('validate-letter', argv, { json: { type: 'boolean' } }, 1);
  const path = positionals[0];
  if (path === undefined) throw new UsageError('give the letter file, e.g. housing-complaints validate-letter letter.json', 'validate-letter');
  const name = displayName(path);
  const json = jsonOf(await readSmallFile(path, io.stdin));
  const result =
    'error' in json
      ? { ok: false as const, issues: [{ path: [] as (string | number)[], provision: '5.12', message: `the file is ${json.error}` }] }
      : validateLetter(json.value);
  const kind = 'value' in json && typeof json.value === 'object' && json.value !== null ? (json.value as { kind?: unknown }).kind : undefined;
  if (values.json) {
    await io.stdout.line(JSON.stringify(result.ok ? { ok: true, kind: result.letter.kind, issues: [] } : { ok: false, ...(typeof kind === 'string' ? { kind } : {}), issues: result.issues }, null, 2));
    return result.ok ? EXIT.ok : EXIT.invalid;
  }
  if (result.ok) {
    const letter = result.letter;
    const stage = 'stage' in letter ? ` (stage ${letter.stage})` : '';
    await io.stdout.line(`${name}: a valid ${letter.kind}${stage} for complaint ${letter.complaintId}, sent ${letter.sentOn}`);
    return EXIT.ok;
  }
  const what = typeof kind === 'string' ? `the ${kind}` : 'the letter';
  await io.stdout.line(`${name}: ${what} is not valid (${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}):`);
  await io.stdout.line();
  await io.stdout.line(table([['Provision', 'Issue'], ...result.issues.map((issue) => [issue.provision, issue.message])]));
  return EXIT.invalid;
}
