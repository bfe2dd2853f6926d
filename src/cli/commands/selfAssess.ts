/** `housing-complaints self-assess`: a policy's self-assessment against the Code 2024. */
import { writeFile } from 'node:fs/promises';
import { selfAssessment, selfAssessmentToCsv, selfAssessmentToMarkdown, type SelfAssessmentEvidence } from '../../reporting/selfAssessment.js';
import { parse } from '../args.js';
import { EXIT, EXIT_CODES_HELP, InputFileError, UsageError } from '../errors.js';
import { readSmallFile, type Io } from '../io.js';
import { jsonOf } from '../log.js';
import { didYouMean, resolvePolicy } from '../suggest.js';

export const help = `Usage: housing-complaints self-assess [--policy <name>] [--format md|csv|json] [--evidence <file.json>] [--out <file>]

The self-assessment against the Complaint Handling Code 2024 that landlords publish each year
(Code 8.1): one row per provision, with what the policy shows and where it conflicts with the
Code (a conflict is always "no", whatever the evidence says).

Options:
  --policy <name>        code2024 (default) or peaksPlainsV4
  --format <format>      md (Markdown, default), csv or json
  --evidence <file.json> the landlord's own answers by provision:
                         { "6.13": { "compliance": "yes", "evidence": "...", "commentary": "..." } }
  --out <file>           write to a file instead of standard output
  -h, --help             this help

Examples:
  housing-complaints self-assess --policy peaksPlainsV4
  housing-complaints self-assess --policy peaksPlainsV4 --format csv --out self-assessment.csv

${EXIT_CODES_HELP}`;

const FORMATS: Readonly<Record<string, 'md' | 'csv' | 'json'>> = { md: 'md', markdown: 'md', csv: 'csv', json: 'json' };

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parse('self-assess', argv, { policy: { type: 'string' }, format: { type: 'string' }, evidence: { type: 'string' }, out: { type: 'string' } });
  const { policy } = resolvePolicy(values.policy ?? 'code2024');
  const format = FORMATS[(values.format ?? 'md').toLowerCase()];
  if (!format) throw new UsageError(`--format: unknown format '${values.format}'.${didYouMean(values.format ?? '', ['md', 'csv', 'json'])} The formats are md, csv and json.`, 'self-assess');
  let evidence: SelfAssessmentEvidence | undefined;
  if (values.evidence !== undefined) {
    const json = jsonOf(await readSmallFile(values.evidence, io.stdin));
    if ('error' in json) {
      await io.stderr.line(`housing-complaints self-assess: ${values.evidence}: ${json.error}`);
      return EXIT.invalid;
    }
    evidence = json.value as SelfAssessmentEvidence;
  }
  const assessment = selfAssessment(policy, evidence);
  const text = format === 'json' ? JSON.stringify(assessment, null, 2) : format === 'csv' ? selfAssessmentToCsv(assessment) : selfAssessmentToMarkdown(assessment);
  if (values.out !== undefined) {
    try {
      await writeFile(values.out, text.endsWith('\n') ? text : `${text}\n`);
    } catch (error) {
      throw new InputFileError(values.out, (error as NodeJS.ErrnoException).code, 'written');
    }
  } else await io.stdout.line(text.replace(/\n$/, ''));
  return EXIT.ok;
}
