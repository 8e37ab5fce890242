import { ToolFailure } from '../tool-failure.js';
import { addLocalDays, localDateTime, zonedParts, zonedToUtc } from './company-time.js';
import type { ToolContext } from './tool-definition.js';

/**
 * Opening hours every sandbox workspace shares (minutes after local midnight, index 0 = Sunday):
 * Monday–Saturday 09:00–18:00, closed Sunday. Simple on purpose; the real FavCRM has per-staff rosters.
 */
const OPENING_HOURS: ReadonlyArray<{ open: number; close: number } | null> = [
  null,
  { open: 540, close: 1080 }, { open: 540, close: 1080 }, { open: 540, close: 1080 },
  { open: 540, close: 1080 }, { open: 540, close: 1080 }, { open: 540, close: 1080 },
];
export const OPENING_HOURS_TEXT = 'Mon–Sat 09:00–18:00, closed Sunday (company timezone)';

/** Slots start on the half hour, whatever the service length. */
const SLOT_STEP_MINUTES = 30;

/** Statuses that hold a place in the diary; cancelled and no-show bookings free theirs. */
export const HOLDING_STATUSES = ['pending', 'confirmed', 'completed'] as const;

export interface SlotService {
  id: string;
  duration_minutes: number;
  capacity: number;
}

/** Participants already booked on the service in [start, end). */
export function bookedParticipants(context: ToolContext, companyId: string, serviceId: string, start: string, end: string): number {
  const row = context.db
    .prepare(
      `SELECT COALESCE(SUM(participants), 0) AS n FROM bookings
       WHERE company_id = ? AND service_id = ? AND status IN ('pending','confirmed','completed') AND start_at < ? AND end_at > ?`,
    )
    .get(companyId, serviceId, end, start) as { n: number };
  return row.n;
}

/** Fails with VALIDATION unless [start, start + duration) sits inside one day's opening hours. */
export function assertWithinOpeningHours(start: Date, durationMinutes: number, timezone: string): void {
  const local = zonedParts(start, timezone);
  const hours = OPENING_HOURS[local.weekday];
  const startMinute = local.hour * 60 + local.minute;
  if (!hours || startMinute < hours.open || startMinute + durationMinutes > hours.close) {
    throw new ToolFailure('VALIDATION', `${localDateTime(start, timezone)} is outside opening hours: ${OPENING_HOURS_TEXT}.`, {
      startAt: start.toISOString(),
      hint: 'Pick a time from get_available_slots.',
    });
  }
}

export interface Slot {
  startAt: string;
  endAt: string;
  localStart: string;
  remainingCapacity: number;
}

/** Free slots for a service between `from` and `to`, skipping the past and full slots. */
export function availableSlots(
  context: ToolContext,
  companyId: string,
  service: SlotService,
  range: { from: Date; to: Date; participants: number; timezone: string },
): Slot[] {
  const slots: Slot[] = [];
  const earliest = Math.max(range.from.getTime(), context.now().getTime());
  for (let day = addLocalDays(range.from, 0, range.timezone); day < range.to; day = addLocalDays(day, 1, range.timezone)) {
    const local = zonedParts(day, range.timezone);
    const hours = OPENING_HOURS[local.weekday];
    if (!hours) continue;
    for (let minute = hours.open; minute + service.duration_minutes <= hours.close; minute += SLOT_STEP_MINUTES) {
      const start = zonedToUtc({ year: local.year, month: local.month, day: local.day, hour: Math.floor(minute / 60), minute: minute % 60 }, range.timezone);
      const end = new Date(start.getTime() + service.duration_minutes * 60_000);
      if (start.getTime() < earliest || end.getTime() > range.to.getTime()) continue;
      const remaining = service.capacity - bookedParticipants(context, companyId, service.id, start.toISOString(), end.toISOString());
      if (remaining < range.participants) continue;
      slots.push({ startAt: start.toISOString(), endAt: end.toISOString(), localStart: localDateTime(start, range.timezone), remainingCapacity: remaining });
    }
  }
  return slots;
}
