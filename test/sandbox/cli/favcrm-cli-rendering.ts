// How the official `favcrm` CLI 0.1.5 turns a tools/call answer into what a person sees (docs/favcrm-contract.md
// §2.4 and §2.6), rebuilt for tests: which payload it extracts, whether it draws a table or prints JSON, the table's
// columns and cells, and the JSON's sorted keys.

export type CliRendering =
  | { kind: 'table'; tableKey: string | null; columns: string[]; rows: string[][]; text: string }
  | { kind: 'no-rows'; text: '(no rows)' }
  | { kind: 'json'; text: string };

/** The payload the CLI reads from a `tools/call` result: `structuredContent.data`, else `structuredContent`, else `content[0].text`. */
export function extractLikeFavcrm(result: { structuredContent?: unknown; content?: Array<{ text?: unknown }> }): unknown {
  const structured = result.structuredContent;
  if (structured !== undefined && structured !== null) {
    return typeof structured === 'object' && 'data' in structured ? (structured as { data: unknown }).data : structured;
  }
  const text = result.content?.[0]?.text;
  if (typeof text === 'string') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return result;
}

/** The keys whose array the CLI draws as the whole answer, in its order. */
const TABLE_KEYS = ['items', 'results', 'rows', 'data'];

/** Human mode (`print_table`): an array, or the first of items/results/rows/data holding one, drawn as a table. */
export function renderLikeFavcrm(value: unknown): CliRendering {
  let tableKey: string | null = null;
  let rows: unknown = value;
  if (!Array.isArray(value) && isObject(value)) {
    tableKey = TABLE_KEYS.find((key) => Array.isArray(value[key])) ?? null;
    if (tableKey !== null) rows = value[tableKey];
  }
  if (!Array.isArray(rows)) return { kind: 'json', text: prettyJsonLikeSerde(value) };
  if (rows.length === 0) return { kind: 'no-rows', text: '(no rows)' };
  const first = rows[0];
  // A first row that is not an object: the whole value is printed as JSON.
  if (!isObject(first)) return { kind: 'json', text: prettyJsonLikeSerde(value) };
  // serde_json without preserve_order keeps object keys sorted, so the columns come out sorted.
  const columns = Object.keys(first).sort(byteOrder);
  const cells = rows.filter(isObject).map((row) => columns.map((column) => cell(row[column])));
  return { kind: 'table', tableKey, columns, rows: cells, text: roundedTable(columns, cells) };
}

/** `--json`: serde_json's pretty printer, keys sorted byte-wise at every level, two-space indent. */
export function prettyJsonLikeSerde(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(sortKeys(value));
}

/** tabled's `Style::rounded()`: a rule under the header only, one space of padding. */
function roundedTable(columns: string[], rows: string[][]): string {
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => (row[index] ?? '').length)));
  const rule = (left: string, middle: string, right: string) => `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  const line = (cells: string[]) => `│${cells.map((text, index) => ` ${text.padEnd(widths[index] ?? 0)} `).join('│')}│`;
  return [rule('╭', '┬', '╮'), line(columns), rule('├', '┼', '┤'), ...rows.map(line), rule('╰', '┴', '╯')].join('\n');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort(byteOrder).map((key) => [key, sortKeys(value[key])]));
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
