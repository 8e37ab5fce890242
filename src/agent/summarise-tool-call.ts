import type { ToolOutcome } from '../mcp/tool-result.js';
import { orderedKeys } from './approval/approval-card.js';
import { CODE_TOOLS } from './code-guard.js';
import { summariseFailure } from './failure-summary.js';

const MAX_SUMMARY_LENGTH = 120;

/**
 * The arguments that matter, as `key value` pairs for a compact tool card; the code is always hidden. The model
 * picks the order of its keys, so they are put in the schema's order instead, with addresses, URLs and recipients
 * first: padding a call with `title`, `note` and `source` cannot push its URL off the card.
 */
export function summariseArguments(toolName: string, args: Record<string, unknown>, schema?: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of orderedEntries(args, schema)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'code' && CODE_TOOLS.has(toolName)) {
      parts.push('code ******');
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(`${key} ${truncate(String(value), 40)}`);
    } else if (Array.isArray(value)) {
      parts.push(`${key} [${value.length}]`);
    }
    if (parts.length === 4) break;
  }
  return parts.join(' · ');
}

/** The approval card's order: keys that reach outside, then the schema's declared order, then undeclared keys. */
function orderedEntries(args: Record<string, unknown>, schema: Record<string, unknown> | undefined): Array<[string, unknown]> {
  return schema ? orderedKeys(schema, args).map((key) => [key, args[key]]) : Object.entries(args);
}

/** One line saying what a tool call did, for the ✓/✗ line of a tool card. */
export function summariseOutcome(toolName: string, outcome: ToolOutcome): string {
  if (!outcome.ok) return truncate(summariseFailure(outcome), MAX_SUMMARY_LENGTH);
  const data = outcome.data;
  if (Array.isArray(data)) return `${data.length} row(s)`;
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (toolName === 'register_organisation_request' || toolName === 'accept_team_invite_request') {
      return `code sent to ${String(record.maskedEmail ?? 'your email')}`;
    }
    if (typeof record.apiKey === 'string') return `key issued and stored (${record.apiKey})`;
    for (const listKey of ['items', 'tiers', 'results', 'rows']) {
      const list = record[listKey];
      if (Array.isArray(list)) {
        const total = typeof record.total === 'number' ? record.total : list.length;
        return `${total} ${listKey === 'tiers' ? 'tier' : 'item'}${total === 1 ? '' : 's'}`;
      }
    }
    const label = record.name ?? record.title ?? record.planName ?? record.status ?? record.id;
    if (typeof label === 'string') return truncate(label, MAX_SUMMARY_LENGTH);
    return truncate(Object.keys(record).slice(0, 5).join(', '), MAX_SUMMARY_LENGTH);
  }
  return truncate(String(data), MAX_SUMMARY_LENGTH);
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
