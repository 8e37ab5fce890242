/** Wall-clock times in a workspace's IANA zone, for the offline model's bookings (no date library needed). */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

/** Minutes the zone is ahead of UTC at `utcMs` (e.g. 480 for Asia/Hong_Kong). */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utcMs));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((entry) => entry.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((asUtc - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, nowMs: number): LocalDate {
  const local = new Date(nowMs + zoneOffsetMinutes(nowMs, timeZone) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** `date` plus `days` (month and year roll over). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The instant of a wall-clock time in `timeZone`, as ISO with that zone's offset ("2026-11-26T10:00:00+08:00"),
 * and as epoch ms. Corrects once for a DST change between the guess and the answer.
 */
export function zonedDateTime(date: LocalDate, hour: number, minute: number, timeZone: string): { iso: string; epochMs: number } {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let offset = zoneOffsetMinutes(wall, timeZone);
  const corrected = zoneOffsetMinutes(wall - offset * 60_000, timeZone);
  if (corrected !== offset) offset = corrected;
  const sign = offset < 0 ? '-' : '+';
  const iso = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return { iso, epochMs: wall - offset * 60_000 };
}
