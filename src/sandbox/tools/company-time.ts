import { ToolFailure } from '../tool-failure.js';

// Wall-clock maths in a company's IANA timezone with Intl only (no date library in the sandbox).

/** A local date and time in some timezone; month is 1–12, weekday 0 = Sunday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** What a wall clock in `timezone` shows at `date`. */
export function zonedParts(date: Date, timezone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** The instant at which `timezone`'s wall clock shows the given local time (two passes settle DST). */
export function zonedToUtc(local: { year: number; month: number; day: number; hour?: number; minute?: number }, timezone: string): Date {
  const wanted = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  let guess = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const shown = zonedParts(new Date(guess), timezone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    guess += wanted - shownAsUtc;
  }
  return new Date(guess);
}

/** Midnight at the start of the local day containing `date`. */
export function startOfLocalDay(date: Date, timezone: string): Date {
  const p = zonedParts(date, timezone);
  return zonedToUtc({ year: p.year, month: p.month, day: p.day }, timezone);
}

/** Midnight on the first of the local month containing `date`; quotas reset here. */
export function startOfLocalMonth(date: Date, timezone: string): Date {
  const p = zonedParts(date, timezone);
  return zonedToUtc({ year: p.year, month: p.month, day: 1 }, timezone);
}

/** Local midnight `days` calendar days after the local day of `date` (DST-safe, unlike adding 24h). */
export function addLocalDays(date: Date, days: number, timezone: string): Date {
  const p = zonedParts(date, timezone);
  const shifted = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return zonedToUtc({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }, timezone);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DD` as seen in `timezone`. */
export function localDate(date: Date, timezone: string): string {
  const p = zonedParts(date, timezone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD HH:mm` as seen in `timezone`, for people reading a slot list. */
export function localDateTime(date: Date, timezone: string): string {
  const p = zonedParts(date, timezone);
  return `${localDate(date, timezone)} ${pad(p.hour)}:${pad(p.minute)}`;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a tool's date argument: `YYYY-MM-DD` means local midnight in the company timezone,
 * anything else must be an ISO date-time with an offset or `Z`.
 */
export function parseDateArgument(value: string, field: string, timezone: string): Date {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    return zonedToUtc({ year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) }, timezone);
  }
  const parsed = new Date(value);
  if (!/T\d{2}:\d{2}/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new ToolFailure('VALIDATION', `${field} must be YYYY-MM-DD or an ISO date-time such as 2026-05-14T10:00:00+08:00; got "${value}".`, {
      field,
    });
  }
  return parsed;
}

/** Validates a `YYYY-MM-DD` due date and returns it unchanged. */
export function parseCalendarDate(value: string, field: string): string {
  const match = DATE_ONLY.exec(value);
  if (!match || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ToolFailure('VALIDATION', `${field} must be a calendar date YYYY-MM-DD; got "${value}".`, { field });
  }
  return value;
}
