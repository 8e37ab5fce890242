import type { SignupFields } from './signup-fields.js';
import { errorMessage } from '../../errors/error-message.js';

/** The fields scored, in the order they are reported. */
export const SCORED_FIELDS = ['organisationName', 'industry', 'country', 'timezone', 'email'] as const satisfies readonly (keyof SignupFields)[];
export type ScoredField = (typeof SCORED_FIELDS)[number];

/** One line of an utterance set: what a person typed and what a careful reader extracts. */
export interface EvalCase {
  readonly text: string;
  readonly expect: SignupFields;
}

/** A field the reader got wrong. */
export interface Mismatch {
  readonly line: number;
  readonly text: string;
  readonly field: ScoredField;
  readonly expected: string | null;
  readonly got: string | null;
}

/** Per-field and overall exact-match counts. */
export interface EvalReport {
  readonly cases: number;
  readonly perField: Readonly<Record<ScoredField, { readonly correct: number; readonly total: number }>>;
  readonly correct: number;
  readonly total: number;
  readonly mismatches: readonly Mismatch[];
}

/** Thrown when an utterance file cannot be read as cases; the message names the line. */
export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
  static isInstance(error: unknown): error is EvalInputError {
    return error instanceof Error && error.name === 'EvalInputError';
  }
}

function stringOrNull(value: unknown, where: string): string | null {
  if (value === null || typeof value === 'string') return value;
  throw new EvalInputError(`${where} must be a string or null`);
}

/** Parses JSONL (blank lines skipped) into cases, validating each line's shape. */
export function parseEvalCases(jsonl: string): EvalCase[] {
  const cases: EvalCase[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const where = `line ${index + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new EvalInputError(`${where} is not JSON: ${errorMessage(error)}`);
    }
    if (typeof parsed !== 'object' || parsed === null) throw new EvalInputError(`${where} is not an object`);
    const { text, expect } = parsed as { text?: unknown; expect?: unknown };
    if (typeof text !== 'string') throw new EvalInputError(`${where}: "text" must be a string`);
    if (typeof expect !== 'object' || expect === null) throw new EvalInputError(`${where}: "expect" must be an object`);
    const fields = expect as Record<string, unknown>;
    const read = (field: ScoredField) => stringOrNull(fields[field] ?? null, `${where}: expect.${field}`);
    cases.push({
      text,
      expect: {
        organisationName: read('organisationName'),
        industry: read('industry') as SignupFields['industry'],
        country: read('country'),
        timezone: read('timezone'),
        email: read('email'),
      },
    });
  });
  return cases;
}

/** Scores each field of each case by exact match (null included). */
export function scoreCases(cases: readonly EvalCase[], read: (text: string) => SignupFields): EvalReport {
  const perField = Object.fromEntries(SCORED_FIELDS.map((field) => [field, { correct: 0, total: 0 }])) as Record<
    ScoredField,
    { correct: number; total: number }
  >;
  const mismatches: Mismatch[] = [];
  cases.forEach((testCase, index) => {
    const got = read(testCase.text);
    for (const field of SCORED_FIELDS) {
      const tally = perField[field];
      tally.total += 1;
      if (got[field] === testCase.expect[field]) tally.correct += 1;
      else mismatches.push({ line: index + 1, text: testCase.text, field, expected: testCase.expect[field], got: got[field] });
    }
  });
  const correct = SCORED_FIELDS.reduce((sum, field) => sum + perField[field].correct, 0);
  const total = SCORED_FIELDS.reduce((sum, field) => sum + perField[field].total, 0);
  return { cases: cases.length, perField, correct, total, mismatches };
}

function percent(correct: number, total: number): string {
  return total === 0 ? '0.0' : ((100 * correct) / total).toFixed(1);
}

/** The report as printed: per-field accuracy, the mismatches, and `fields: N/M correct (P%)` last. */
export function formatReport(report: EvalReport): string {
  const lines = [`cases: ${report.cases}`];
  for (const field of SCORED_FIELDS) {
    const { correct, total } = report.perField[field];
    lines.push(`  ${field.padEnd(17)} ${correct}/${total} (${percent(correct, total)}%)`);
  }
  if (report.mismatches.length > 0) {
    lines.push('', 'mismatches:');
    for (const mismatch of report.mismatches) {
      lines.push(`  line ${mismatch.line}: ${mismatch.text}`);
      lines.push(`    ${mismatch.field}: expected ${JSON.stringify(mismatch.expected)}, got ${JSON.stringify(mismatch.got)}`);
    }
    lines.push('');
  }
  lines.push(`fields: ${report.correct}/${report.total} correct (${percent(report.correct, report.total)}%)`);
  return lines.join('\n');
}
