/** Turns a tool result into a small table: a glance at the data, never a wall of JSON. */

/** A glance, not a report: the model can page through the rest. */
export const TABLE_MAX_ROWS = 5;
/** Four columns fit an 80-column terminal with readable cells. */
export const TABLE_MAX_COLUMNS = 4;
/** Keys that say least about a row go last when columns must be dropped: timestamps, metadata, other rows' IDs. */
const LOW_PRIORITY_KEYS = /^(?:(?:created|updated|deleted)_?[aA]t|metadata|\w+_id|\w+Id)$/;

export interface TableModel {
  columns: string[];
  rows: string[][];
  /** Rows left out beyond `TABLE_MAX_ROWS`. */
  hiddenRows: number;
}

/** `{items:[...]}`, `{tiers:[...]}` or an array of objects become a table; anything else is null. */
export function toTableModel(data: unknown, maxRows = TABLE_MAX_ROWS, maxColumns = TABLE_MAX_COLUMNS): TableModel | null {
  const records = findRecords(data);
  if (!records || records.length === 0) return null;
  const columns = pickColumns(records, maxColumns);
  if (columns.length === 0) return null;
  const rows = records.slice(0, maxRows).map((record) => columns.map((column) => formatCell(record[column])));
  // A result that holds fewer rows than it counts (a page, or a saved preview) says how many more there are.
  const total = isRecord(data) && typeof data['total'] === 'number' && data['total'] >= records.length ? data['total'] : records.length;
  return { columns, rows, hiddenRows: Math.max(0, total - Math.min(maxRows, records.length)) };
}

/** Shortens a cell to `width` characters with an ellipsis. */
export function truncateCell(text: string, width: number): string {
  if (width <= 1) return text.slice(0, Math.max(0, width));
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function findRecords(data: unknown): Record<string, unknown>[] | null {
  const list = Array.isArray(data) ? data : isRecord(data) ? (data['items'] ?? data['tiers']) : undefined;
  if (!Array.isArray(list)) return null;
  const records = list.filter(isRecord);
  return records.length === list.length ? records : null;
}

function pickColumns(records: Record<string, unknown>[], maxColumns: number): string[] {
  const keys: string[] = [];
  for (const record of records.slice(0, TABLE_MAX_ROWS)) {
    for (const [key, value] of Object.entries(record)) {
      if (!keys.includes(key) && isScalar(value)) keys.push(key);
    }
  }
  // A column empty in every shown row says nothing (a service without a description); it goes last of all.
  const shown = records.slice(0, TABLE_MAX_ROWS);
  const filled = keys.filter((key) => shown.some((record) => formatCell(record[key]) !== ''));
  const empty = keys.filter((key) => !filled.includes(key));
  // A UTC time with a local twin ("startAt" beside "localStart") repeats it in a zone the person is not in.
  const hasLocalTwin = (key: string) => /^(start|end)At$/.test(key) && filled.includes(`local${key.charAt(0).toUpperCase()}${key.slice(1, -2)}`);
  const low = (key: string) => LOW_PRIORITY_KEYS.test(key) || hasLocalTwin(key);
  const preferred = filled.filter((key) => !low(key));
  const rest = filled.filter((key) => low(key));
  return [...preferred, ...rest, ...empty].slice(0, maxColumns);
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\s+/g, ' ');
  return String(value);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
