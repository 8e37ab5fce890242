/**
 * The rows of a tool card's table, as the saved transcript keeps them: a resumed conversation shows the same
 * table the screen showed, without storing whole result sets (a member list can hold hundreds of people).
 */

/** The table shows five rows; the saved transcript keeps those and the total. */
const KEPT_ROWS = 5;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function scalarsOnly(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value === null || ['string', 'number', 'boolean'].includes(typeof value)));
}

/** `{items, total, timezone?}` for a list-shaped result, else undefined (nothing is tabled for it). */
export function tablePreview(data: unknown): { items: Record<string, unknown>[]; total: number; timezone?: string } | undefined {
  const list = Array.isArray(data) ? data : isRecord(data) ? (data.items ?? data.tiers) : undefined;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isRecord)) return undefined;
  const total = isRecord(data) && typeof data.total === 'number' ? data.total : list.length;
  const timezone = isRecord(data) && typeof data.timezone === 'string' ? { timezone: data.timezone } : {};
  return { items: list.slice(0, KEPT_ROWS).map(scalarsOnly), total, ...timezone };
}
