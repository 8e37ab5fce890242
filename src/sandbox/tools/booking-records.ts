import { ToolFailure } from '../tool-failure.js';
import { requireCaller } from './caller-scope.js';
import { localDateTime } from './company-time.js';
import type { ToolContext } from './tool-definition.js';

export const BOOKING_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A booking joined with its service and customer names, as the queries below select it. */
export interface BookingRecord {
  id: string;
  service_id: string;
  service_name: string;
  account_id: string;
  account_name: string;
  account_email: string | null;
  account_phone: string | null;
  start_at: string;
  end_at: string;
  participants: number;
  status: BookingStatus;
  notes: string | null;
  price: number;
  currency: string;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** The joined SELECT every booking read shares; callers append WHERE/ORDER. */
export const BOOKING_SELECT = `
  SELECT bookings.*, services.name AS service_name, accounts.name AS account_name,
         accounts.email AS account_email, accounts.phone AS account_phone
  FROM bookings
  JOIN services ON services.id = bookings.service_id
  JOIN accounts ON accounts.id = bookings.account_id`;

export function bookingView(row: BookingRecord, timezone: string) {
  return {
    id: row.id,
    status: row.status,
    startAt: row.start_at,
    endAt: row.end_at,
    localStart: localDateTime(new Date(row.start_at), timezone),
    serviceId: row.service_id,
    serviceName: row.service_name,
    accountId: row.account_id,
    customerName: row.account_name,
    participants: row.participants,
    price: row.price,
    currency: row.currency,
    notes: row.notes,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Loads a booking of the caller's workspace or fails with NOT_FOUND pointing at list_bookings. */
export function findBooking(context: ToolContext, bookingId: string): BookingRecord {
  const caller = requireCaller(context);
  const row = context.db.prepare(`${BOOKING_SELECT} WHERE bookings.id = ? AND bookings.company_id = ?`).get(bookingId, caller.companyId) as
    | BookingRecord
    | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `No booking ${bookingId} in this workspace.`, {
      bookingId,
      hint: 'Call list_bookings (optionally with from/to/status) for valid booking IDs.',
    });
  }
  return row;
}
