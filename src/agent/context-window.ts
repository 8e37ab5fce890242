import type { ModelMessage } from 'ai';

/**
 * Earlier conversation sent with a turn, in characters (≈ 4 per token): with the system prompt (~700 tokens) and
 * the signed-in tools (~2,200) this leaves the turn's own steps room under the per-request budget (request-budget.ts),
 * so the budget rarely has to cut turns step by step (which would shift every request's prefix).
 */
export const HISTORY_BUDGET_CHARS = 9_000;

/** The history window for a request budget: the default's share (9,000 characters of 6,000 tokens) scaled. */
export function historyBudgetChars(requestBudgetTokens: number | undefined): number {
  return requestBudgetTokens ? Math.round(HISTORY_BUDGET_CHARS * (requestBudgetTokens / 6_000)) : HISTORY_BUDGET_CHARS;
}

/** A single tool result larger than this is shortened before the model sees it. */
export const MAX_TOOL_RESULT_CHARS = 4_000;

/** Rows of a list result kept when it is shortened. */
const ROWS_KEPT = 10;

const sizeOf = (messages: readonly ModelMessage[]): number => JSON.stringify(messages).length;

/**
 * The most recent whole turns that fit the budget (cutting only before a user message, so no tool result loses
 * its call); the latest turn is always kept. The full history stays in the session file.
 */
export function recentHistory(messages: readonly ModelMessage[], budgetChars = HISTORY_BUDGET_CHARS): ModelMessage[] {
  return messages.slice(firstTurnThatFits(messages, 0, budgetChars));
}

/** Index of the earliest user message at or after `from` from which the rest fits `budgetChars` (the last turn always). */
function firstTurnThatFits(messages: readonly ModelMessage[], from: number, budgetChars: number): number {
  const turnStarts = messages.flatMap((message, index) => (message.role === 'user' && index >= from ? [index] : []));
  for (const start of turnStarts) {
    if (sizeOf(messages.slice(start)) <= budgetChars || start === turnStarts[turnStarts.length - 1]) return start;
  }
  return from;
}

/**
 * The history window with hysteresis: its start moves only when the window outgrows the budget, and then far enough
 * (to half the budget) that the next several turns fit without moving it again. A window that slid by one turn on
 * every request would change every request's prefix after the system prompt, defeating prompt and KV caches.
 */
export class HistoryWindow {
  private start = 0;

  constructor(private readonly budgetChars = HISTORY_BUDGET_CHARS) {}

  /** The messages to send this turn, from the window's start. */
  select(messages: readonly ModelMessage[]): ModelMessage[] {
    // A cleared conversation (/new) starts over.
    if (this.start > messages.length || (this.start > 0 && messages[this.start]?.role !== 'user')) this.start = 0;
    if (sizeOf(messages.slice(this.start)) > this.budgetChars) this.start = firstTurnThatFits(messages, this.start, this.budgetChars / 2);
    return messages.slice(this.start);
  }
}

/** Room for the rows after the first ten, each cut to its id and name. */
const BRIEF_ROWS_CHARS = 6_000;

/** A row cut to what finds it again: its id and its name (or title, or email). */
function briefRow(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  const brief: Record<string, unknown> = {};
  for (const key of ['id', 'name', 'title', 'email']) if (record[key] !== undefined) brief[key] = record[key];
  return Object.keys(brief).length > 0 ? brief : row;
}

/**
 * The rows of a long list: the first ten whole, the next ones by id and name only (as many as fit), and a note of
 * what was left out. Dropping every row after the tenth once made the 11th customer "unknown" to a booking.
 */
function shortenRows(rows: readonly unknown[]): { rows: unknown[]; note: string } {
  const head = rows.slice(0, ROWS_KEPT);
  const brief: unknown[] = [];
  let used = 0;
  for (const row of rows.slice(ROWS_KEPT)) {
    const short = briefRow(row);
    used += JSON.stringify(short).length + 1;
    if (used > BRIEF_ROWS_CHARS) break;
    brief.push(short);
  }
  const left = rows.length - head.length - brief.length;
  const briefly = brief.length > 0 ? `, the next ${brief.length} by id and name only` : '';
  const note = `showing ${head.length} of ${rows.length} in full${briefly}${left > 0 ? `; ${left} left out: ask for a narrower list` : ''}`;
  return { rows: [...head, ...brief], note };
}

/** Shortens a big tool result: long lists keep their first rows whole and the rest briefly, with a note saying so. */
export function compactToolResult(data: unknown, maxChars = MAX_TOOL_RESULT_CHARS): unknown {
  const text = JSON.stringify(data);
  if (text === undefined || text.length <= maxChars) return data;
  if (Array.isArray(data)) {
    const { rows, note } = shortenRows(data);
    return { items: rows, total: data.length, truncated: note };
  }
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const listKey = ['items', 'tiers', 'results', 'rows', 'data'].find((key) => Array.isArray(record[key]));
    if (listKey) {
      const { rows, note } = shortenRows(record[listKey] as unknown[]);
      return { ...record, [listKey]: rows, truncated: note };
    }
  }
  return { truncated: true, preview: text.slice(0, maxChars) };
}
