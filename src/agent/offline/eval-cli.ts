import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, parseEvalCases, scoreCases } from './eval-scoring.js';
import { readSignupFields } from './signup-reader.js';
import { errorMessage } from '../../errors/error-message.js';

/** The development set (test/fixtures/README.md says how its lines are labelled). */
const DEFAULT_SET = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/signup-utterances.dev.jsonl');

/** `npm run eval -- [file.jsonl]`: scores the offline reader; exits 0 (a measurement), 1 for unreadable input. */
function main(argv: readonly string[]): number {
  const file = argv[0] ? resolve(process.cwd(), argv[0]) : DEFAULT_SET;
  let cases;
  try {
    cases = parseEvalCases(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = errorMessage(error);
    process.stderr.write(`eval: cannot read ${file}: ${reason}\n`);
    return 1;
  }
  process.stdout.write(`${formatReport(scoreCases(cases, readSignupFields))}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
