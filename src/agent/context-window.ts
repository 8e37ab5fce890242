import type { ModelMessage } from 'ai';

/**
 * Conversation history sent per step, in characters (≈ 4 per token): with the system prompt and the lean tool
 * set this keeps a step under ~6k tokens after signup however long the session runs (issue: lean context).
 */
export const HISTORY_BUDGET_CHARS = 12_000;

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
  const turnStarts = messages.flatMap((message, index) => (message.role === 'user' ? [index] : []));
  for (const start of turnStarts) {
    const candidate = messages.slice(start);
    if (sizeOf(candidate) <= budgetChars || start === turnStarts[turnStarts.length - 1]) return candidate;
  }
  return [...messages];
}

/** Shortens a big tool result: list rows beyond the first ten are dropped, and the model is told how many there were. */
export function compactToolResult(data: unknown, maxChars = MAX_TOOL_RESULT_CHARS): unknown {
  const text = JSON.stringify(data);
  if (text === undefined || text.length <= maxChars) return data;
  if (Array.isArray(data)) return { items: data.slice(0, ROWS_KEPT), total: data.length, truncated: `showing ${ROWS_KEPT} of ${data.length}; ask for a narrower list` };
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const listKey = ['items', 'tiers', 'results', 'rows', 'data'].find((key) => Array.isArray(record[key]));
    if (listKey) {
      const rows = record[listKey] as unknown[];
      return { ...record, [listKey]: rows.slice(0, ROWS_KEPT), truncated: `showing ${ROWS_KEPT} of ${rows.length}; ask for a narrower list` };
    }
  }
  return { truncated: true, preview: text.slice(0, maxChars) };
}
