/** Times as a person in the workspace reads them: local wall clock, weekday named, zone named. */
import { describeDate } from './date-resolution.js';
import { zoneOffsetMinutes, type LocalDate } from './zoned-time.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/** True for a zone name the runtime knows. */
export function isKnownZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || !timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in `timeZone`. */
export function localParts(epochMs: number, timeZone: string): { date: LocalDate; hour: number; minute: number } {
  const local = new Date(epochMs + zoneOffsetMinutes(epochMs, timeZone) * 60_000);
  return {
    date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** "Friday 18 December 2026 at 17:00" (no zone: callers name it once per reply). */
export function describeLocal(epochMs: number, timeZone: string): string {
  const { date, hour, minute } = localParts(epochMs, timeZone);
  return `${describeDate(date)} at ${pad(hour)}:${pad(minute)}`;
}

/** "Fri 18 Dec 17:00": the short form for lists and table cells. */
export function describeLocalShort(epochMs: number, timeZone: string): string {
  const [weekday = '', day = '', month = '', year = ''] = describeDate(localParts(epochMs, timeZone).date).split(' ');
  const { hour, minute } = localParts(epochMs, timeZone);
  const thisYear = localParts(Date.now(), timeZone).date.year;
  return `${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)}${Number(year) === thisYear ? '' : ` ${year}`} ${pad(hour)}:${pad(minute)}`;
}

/** "Asia/Tokyo time"; UTC is said as such, so a workspace without a zone is not mistaken for a local one. */
export function zoneWords(timeZone: string): string {
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : `${timeZone} time`;
}

/** An ISO instant with a zone or offset ("2026-12-08T06:00:00.000Z"); bare dates and local strings are not. */
export const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/**
 * Server text with every ISO instant written as the workspace's local time, the zone named after the first
 * ("expired at Tuesday 8 December 2026 at 15:00 (Asia/Tokyo time)"); unchanged when the zone is unknown.
 */
export function localiseInstants(text: string, timeZone: string | null): string {
  if (!timeZone || !isKnownZone(timeZone)) return text;
  let named = false;
  return text.replace(ISO_INSTANT, (instant) => {
    const epochMs = Date.parse(instant);
    if (Number.isNaN(epochMs)) return instant;
    const zone = named ? '' : ` (${zoneWords(timeZone)})`;
    named = true;
    return `${describeLocal(epochMs, timeZone)}${zone}`;
  });
}
