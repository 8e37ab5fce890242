/**
 * Turns a tool result into a small table: a glance at the data, never a wall of JSON. A row about people and
 * appointments reads who, what and when first, and instants are shown in the workspace's zone, named in the header.
 */

/** A glance, not a report: the model can page through the rest. */
export const TABLE_MAX_ROWS = 5;
/** Four columns fit an 80-column terminal with readable cells. */
export const TABLE_MAX_COLUMNS = 4;
/** Keys that say least about a row go last when columns must be dropped: timestamps, metadata, other rows' IDs. */
const LOW_PRIORITY_KEYS = /^(?:(?:created|updated|deleted)_?[aA]t|metadata|\w+_id|\w+Id)$/;
/** Who a row is about, what it is, and when: these lead, in this order, when a row has them. */
const WHO_KEYS = ['customerName', 'accountName', 'memberName', 'contactName', 'clientName', 'attendeeName'];
const WHAT_KEYS = ['serviceName', 'productName', 'className', 'planName'];
const WHEN_KEYS = ['startAt', 'localStart', 'startsAt', 'scheduledAt'];
/** An instant with its zone or offset: shown in the workspace's zone rather than as written. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export interface TableModel {
  /** The keys shown, in order. */
  columns: string[];
  /** What the header says for each column ("customer", "start (Asia/Tokyo)"). */
  headers: string[];
  rows: string[][];
  /** Rows left out beyond `TABLE_MAX_ROWS` (or beyond what the result holds, when it counts more). */
  hiddenRows: number;
}

/** `{items:[...]}`, `{tiers:[...]}` or an array of objects become a table; anything else is null. */
export function toTableModel(data: unknown, maxRows = TABLE_MAX_ROWS, maxColumns = TABLE_MAX_COLUMNS): TableModel | null {
  const records = findRecords(data);
  if (!records || records.length === 0) return null;
  const zone = isRecord(data) ? knownZone(data['timezone']) : null;
  const columns = pickColumns(records, maxColumns, zone);
  if (columns.length === 0) return null;
  const rows = records.slice(0, maxRows).map((record) => columns.map((column) => formatCell(record[column], zone)));
  // A result that holds fewer rows than it counts (a page, or a saved preview) says how many more there are.
  const total = isRecord(data) && typeof data['total'] === 'number' && data['total'] >= records.length ? data['total'] : records.length;
  const headers = columns.map((column) => header(column, records, zone));
  return { columns, headers, rows, hiddenRows: Math.max(0, total - Math.min(maxRows, records.length)) };
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

function pickColumns(records: Record<string, unknown>[], maxColumns: number, zone: string | null): string[] {
  const keys: string[] = [];
  for (const record of records.slice(0, TABLE_MAX_ROWS)) {
    for (const [key, value] of Object.entries(record)) {
      if (!keys.includes(key) && isScalar(value)) keys.push(key);
    }
  }
  // A column empty in every shown row says nothing (a service without a description); it goes last of all.
  const shown = records.slice(0, TABLE_MAX_ROWS);
  const filled = keys.filter((key) => shown.some((record) => formatCell(record[key], null) !== ''));
  const empty = keys.filter((key) => !filled.includes(key));
  // Who, what and when lead; one "when" only: the instant when the zone is known (it can name the weekday), else
  // the local twin; the other twin and end times say nothing more.
  const first = (candidates: string[]) => candidates.find((key) => filled.includes(key));
  const whenKeys = zone ? WHEN_KEYS : ['localStart', ...WHEN_KEYS.filter((key) => key !== 'localStart')];
  const leading = [first(WHO_KEYS), first(WHAT_KEYS), first(whenKeys)].filter((key): key is string => key !== undefined);
  const timeTwin = (key: string) => /^(?:start|end)At$|^local(?:Start|End)$/.test(key) && !leading.includes(key) && leading.length > 0;
  const rolesFound = leading.length >= 2;
  const low = (key: string) => LOW_PRIORITY_KEYS.test(key) || timeTwin(key) || (rolesFound && key === 'id');
  const rest = filled.filter((key) => !leading.includes(key));
  return [...leading, ...rest.filter((key) => !low(key)), ...rest.filter((key) => low(key)), ...empty].slice(0, maxColumns);
}

/** The header for a key: "customerName" is "customer", a start time names the zone it is shown in. */
function header(column: string, records: Record<string, unknown>[], zone: string | null): string {
  if (WHO_KEYS.includes(column) || WHAT_KEYS.includes(column)) return column.replace(/Name$/, '');
  if (WHEN_KEYS.includes(column)) {
    const instants = records.some((record) => typeof record[column] === 'string' && ISO_INSTANT.test(record[column] as string));
    return instants ? `start (${zone ?? 'UTC'})` : 'start (local)';
  }
  return column;
}

function formatCell(value: unknown, zone: string | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatInstant(value, zone) : value.replace(/\s+/g, ' ');
  return String(value);
}

/** "Tue 8 Dec, 15:00" in the workspace's zone; without one, "2026-12-08 06:00 UTC" (never an unlabelled UTC time). */
function formatInstant(value: string, zone: string | null): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  if (!zone) return `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(instant);
}

function knownZone(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value;
  } catch {
    return null;
  }
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
