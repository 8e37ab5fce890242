import { z } from 'zod';
import { prepareCached } from '../database/prepared-statements.js';
import { requireCaller } from './caller-scope.js';
import type { ToolContext } from './tool-definition.js';

/** Every list tool answers `{items, total}` so the official CLI draws a table (docs/favcrm-contract.md §2.6, §6.2). */
export interface ListResult<Item> {
  items: Item[];
  total: number;
  [extra: string]: unknown;
}

/**
 * Keys whose array the official CLI draws as the whole answer, in its order (contract §2.6). A single record must
 * not carry one at its top level, or the CLI shows the record's line items and hides the record itself.
 */
export const CLI_TABLE_KEYS = ['items', 'results', 'rows', 'data'] as const;

/** Marks an answer built by listResult; a symbol, so it never reaches the JSON a client sees. */
const LIST_ANSWER = Symbol('favcrm-sandbox.list-answer');

/** `total` counts every match; `items` may be cut by `limit`. */
export function listResult<Item>(items: Item[], total: number = items.length, extra: Record<string, unknown> = {}): ListResult<Item> {
  const result: ListResult<Item> = { items, total, ...extra };
  Object.defineProperty(result, LIST_ANSWER, { value: true, enumerable: false });
  return result;
}

/** True for an answer made by listResult: a list the CLI should draw as a table. */
export function isListAnswer(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LIST_ANSWER] === true;
}

/** The key the official CLI would draw as a table from a tool's answer, or null when it prints the answer whole. */
export function cliTableKey(value: unknown): (typeof CLI_TABLE_KEYS)[number] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  return CLI_TABLE_KEYS.find((key) => Array.isArray(record[key])) ?? null;
}

/**
 * The caller's rows in `table`, newest first and cut at `limit`, with `total` counting them all.
 * `table` and `columns` (a SELECT list) come from code, never from tool input.
 */
export function companyRowsNewestFirst<Row>(context: ToolContext, table: string, columns: string, limit: number): ListResult<Row> {
  const companyId = requireCaller(context).companyId;
  const total = (prepareCached(context.db, `SELECT COUNT(*) AS n FROM ${table} WHERE company_id = ?`).get(companyId) as { n: number }).n;
  const items = prepareCached(
    context.db,
    `SELECT ${columns} FROM ${table} WHERE company_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  ).all(companyId, limit) as Row[];
  return listResult(items, total);
}

/** Page size for list tools: small by default so an agent's context stays lean. */
export function limitField(defaultLimit = 20, max = 100) {
  return z
    .number()
    .int()
    .min(1)
    .max(max)
    .default(defaultLimit)
    .describe(`How many rows to return (1–${max}, default ${defaultLimit}); \`total\` still counts every match.`);
}

/** SQLite stores booleans as 0/1; tools answer real booleans. */
export function flag(value: number | null | undefined): boolean {
  return value === 1;
}
