import stringWidth from 'string-width';
import type { McpToolInfo } from '../mcp/favcrm-connection.js';
import { redactSecrets } from '../secrets/redact-secrets.js';
import { terminalSafeJson, terminalSafeText } from '../text/terminal-safe-text.js';

/** `favcrm tool list` pads names to this many columns and cuts descriptions at this many characters (contract §3.3). */
const NAME_COLUMN = 32;
const DESCRIPTION_LIMIT = 100;

/** Keys whose array the official CLI draws as the answer's rows, in its order of preference (contract §2.6). */
const ROW_KEYS = ['items', 'results', 'rows', 'data'] as const;

/** Server text is untrusted: every line printed passes the terminal-safe filter, then the key redactor. */
export function printable(text: string): string {
  return redactSecrets(terminalSafeText(text));
}

/** Pretty JSON (2 spaces) that is safe to print and never holds a key. */
export function printableJson(value: unknown): string {
  return redactSecrets(terminalSafeJson(value, 2));
}

/** `favcrm tool list`'s human output: a count, one line per tool, then how to go on. */
export function formatToolList(tools: readonly McpToolInfo[]): string {
  const lines = tools.map((tool) => {
    const first = (tool.description.split('\n')[0] ?? '').trim();
    const description = [...first].length > DESCRIPTION_LIMIT ? `${[...first].slice(0, DESCRIPTION_LIMIT).join('')}…` : first;
    return `  ${tool.name.padEnd(NAME_COLUMN)}  ${description}`.trimEnd();
  });
  return printable(
    [
      `${tools.length} tool(s) available:`,
      '',
      ...lines,
      '',
      "Use `favcrm-chat tool describe <name>` for a tool's input, and `favcrm-chat tool call <name> '{...}'` to call it.",
      '',
    ].join('\n'),
  );
}

/** `favcrm tool describe`'s human output: the name, the whole description and the input schema. */
export function formatToolDescription(tool: McpToolInfo): string {
  return `${printable(`# ${tool.name}\n\n${tool.description}\n\n## Input schema\n`)}${printableJson(tool.inputSchema)}\n`;
}

/**
 * A tool's answer the way `favcrm` draws it (contract §2.6): an array, or the first of `items`, `results`, `rows`,
 * `data` that holds one, as a table whose columns are the first row's keys; anything else as pretty JSON.
 */
export function formatToolAnswer(data: unknown): string {
  const rows = rowsOf(data);
  if (rows === null) return `${typeof data === 'string' ? printable(data) : printableJson(data)}\n`;
  if (rows.length === 0) return '(no rows)\n';
  const first = rows[0];
  if (!isRecord(first)) return `${printableJson(data)}\n`;
  const columns = Object.keys(first).sort();
  const records = rows.filter(isRecord);
  return `${drawTable(columns, records.map((row) => columns.map((column) => printable(cellText(row[column])))))}\n`;
}

function rowsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (!isRecord(data)) return null;
  for (const key of ROW_KEYS) {
    const value = data[key];
    if (Array.isArray(value)) return value;
  }
  return null;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\s*\n\s*/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A rounded-corner table (tabled's `Style::rounded()`), one space of padding each side. */
function drawTable(columns: readonly string[], rows: readonly string[][]): string {
  const widths = columns.map((column, index) => Math.max(stringWidth(column), ...rows.map((row) => stringWidth(row[index] ?? ''))));
  const line = (left: string, middle: string, right: string) => `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  const row = (cells: readonly string[]) => `│${cells.map((cell, index) => ` ${cell}${' '.repeat((widths[index] ?? 0) - stringWidth(cell))} `).join('│')}│`;
  return [line('╭', '┬', '╮'), row(columns), line('├', '┼', '┤'), ...rows.map(row), line('╰', '┴', '╯')].join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
