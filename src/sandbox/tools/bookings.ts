import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { findAccount, touchAccount } from './account-lookup.js';
import { BOOKING_SELECT, BOOKING_STATUSES, bookingView, findBooking, type BookingRecord } from './booking-records.js';
import { assertWithinOpeningHours, bookedParticipants } from './booking-slots.js';
import { loadCompany, money, newId, nowIso } from './caller-scope.js';
import { addLocalDays, localDate, parseDateArgument, startOfLocalDay, startOfLocalMonth } from './company-time.js';
import { flag, limitField, listResult } from './list-result.js';
import { enforceQuota } from './plan-limits.js';
import { findService } from './services.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

const createBooking = defineTool({
  name: 'create_booking',
  description: [
    'Book a customer into a service at a start time (make an appointment).',
    'Pick a free startAt with get_available_slots (serviceId from list_services) and accountId with search_members or create_account.',
    'startAt is an ISO date-time; status defaults to confirmed. Fails with CONFLICT if the slot is full and PLAN_LIMIT past the monthly booking quota.',
  ].join('\n'),
  inputSchema: {
    serviceId: z.string().describe('Service ID (svc_…) from list_services.'),
    accountId: z.string().describe('Customer account ID (acc_…) from search_members or create_account.'),
    startAt: z.string().describe('Start as an ISO date-time with offset, e.g. 2026-05-14T10:00:00+08:00 (a startAt from get_available_slots).'),
    participants: z.number().int().min(1).max(500).default(1).describe('How many people attend (default 1).'),
    notes: z.string().max(2000).optional().describe('Notes for staff, e.g. allergies or requests.'),
    status: z.enum(['pending', 'confirmed']).default('confirmed').describe('confirmed (default) or pending when the customer still has to confirm.'),
  },
  annotations: writeTool('Create booking'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const service = findService(context, args.serviceId);
    const account = findAccount(context, args.accountId);
    if (!flag(service.active)) {
      throw new ToolFailure('VALIDATION', `Service ${service.name} (${service.id}) is inactive.`, { serviceId: service.id, hint: 'Call list_services.' });
    }
    const start = parseDateArgument(args.startAt, 'startAt', company.timezone);
    if (start.getTime() < context.now().getTime()) {
      throw new ToolFailure('VALIDATION', `startAt ${start.toISOString()} is in the past.`, { field: 'startAt', hint: 'Pick a time from get_available_slots.' });
    }
    assertWithinOpeningHours(start, service.duration_minutes, company.timezone);
    const end = new Date(start.getTime() + service.duration_minutes * 60_000);
    const id = newId('booking');
    const at = nowIso(context);
    context.db.transaction(() => {
      const taken = bookedParticipants(context, company.id, service.id, start.toISOString(), end.toISOString());
      if (taken + args.participants > service.capacity) {
        throw new ToolFailure('CONFLICT', `That slot is taken: ${service.name} has ${service.capacity - taken} place(s) left at ${start.toISOString()}.`, {
          serviceId: service.id,
          startAt: start.toISOString(),
          remainingCapacity: Math.max(0, service.capacity - taken),
          hint: 'Call get_available_slots and pick a free slot.',
        });
      }
      enforceQuota(context, 'bookings_per_month');
      context.db
        .prepare(
          `INSERT INTO bookings (id, company_id, service_id, account_id, start_at, end_at, participants, status, notes, price, currency, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, company.id, service.id, account.id, start.toISOString(), end.toISOString(), args.participants, args.status, args.notes ?? null,
          money(service.price * args.participants), service.currency, at, at);
      touchAccount(context, account.id, at);
    })();
    return bookingView(findBooking(context, id), company.timezone);
  },
});

const listBookings = defineTool({
  name: 'list_bookings',
  description: [
    'List bookings (appointments) by start time, by date range, status, customer or service.',
    'from/to: YYYY-MM-DD (company-timezone days; to is exclusive) or ISO date-times. Sorted by start time, earliest first.',
  ].join('\n'),
  inputSchema: {
    from: z.string().optional().describe('Only bookings starting at or after this (YYYY-MM-DD or ISO date-time).'),
    to: z.string().optional().describe('Only bookings starting before this (YYYY-MM-DD or ISO date-time).'),
    status: z.enum(BOOKING_STATUSES).optional().describe('Only this status: pending, confirmed, completed, cancelled or no_show.'),
    accountId: z.string().optional().describe('Only this customer\'s bookings (acc_…).'),
    serviceId: z.string().optional().describe('Only bookings of this service (svc_…).'),
    limit: limitField(),
  },
  annotations: readOnlyTool('List bookings'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const where = ['bookings.company_id = ?'];
    const params: unknown[] = [company.id];
    if (args.from) {
      where.push('bookings.start_at >= ?');
      params.push(parseDateArgument(args.from, 'from', company.timezone).toISOString());
    }
    if (args.to) {
      where.push('bookings.start_at < ?');
      params.push(parseDateArgument(args.to, 'to', company.timezone).toISOString());
    }
    for (const [column, value] of [['status', args.status], ['account_id', args.accountId], ['service_id', args.serviceId]] as const) {
      if (value) {
        where.push(`bookings.${column} = ?`);
        params.push(value);
      }
    }
    const clause = where.join(' AND ');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM bookings WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = context.db
      .prepare(`${BOOKING_SELECT} WHERE ${clause} ORDER BY bookings.start_at, bookings.created_at LIMIT ?`)
      .all(...params, args.limit) as BookingRecord[];
    return listResult(rows.map((row) => bookingView(row, company.timezone)), total, { timezone: company.timezone });
  },
});

const getBookingDetail = defineTool({
  name: 'get_booking_detail',
  description: 'Get one booking with its service, customer contact details, time, status and price.',
  inputSchema: { bookingId: z.string().describe('Booking ID (bkg_…) from list_bookings.') },
  annotations: readOnlyTool('Booking detail'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const row = findBooking(context, args.bookingId);
    return { ...bookingView(row, company.timezone), customer: { id: row.account_id, name: row.account_name, email: row.account_email, phone: row.account_phone } };
  },
});

const getBookingStats = defineTool({
  name: 'get_booking_stats',
  description: ['Summarise bookings: today, the next 7 days, this month by status, and all-time counts.', 'Days and months are in the company timezone.'].join('\n'),
  inputSchema: {},
  annotations: readOnlyTool('Booking stats'),
  auth: 'key',
  handler: (_args, context) => {
    const company = loadCompany(context);
    const now = context.now();
    const tz = company.timezone;
    const today = startOfLocalDay(now, tz);
    const byStatus = (from: Date | null, to: Date | null) => {
      const rows = context.db
        .prepare(
          `SELECT status, COUNT(*) AS n FROM bookings WHERE company_id = ? AND start_at >= ? AND start_at < ? GROUP BY status`,
        )
        .all(company.id, from?.toISOString() ?? '', to?.toISOString() ?? '9999') as Array<{ status: string; n: number }>;
      const counts: Record<string, number> = Object.fromEntries(BOOKING_STATUSES.map((status) => [status, 0]));
      for (const row of rows) counts[row.status] = row.n;
      return { total: rows.reduce((sum, row) => sum + row.n, 0), byStatus: counts };
    };
    const monthStart = startOfLocalMonth(now, tz);
    const nextMonth = addLocalDays(monthStart, 32, tz);
    const monthEnd = startOfLocalMonth(nextMonth, tz);
    return {
      timezone: tz,
      today: { date: localDate(now, tz), ...byStatus(today, addLocalDays(today, 1, tz)) },
      next7Days: { from: now.toISOString(), to: addLocalDays(today, 8, tz).toISOString(), ...byStatus(now, addLocalDays(today, 8, tz)) },
      thisMonth: { from: monthStart.toISOString(), to: monthEnd.toISOString(), ...byStatus(monthStart, monthEnd) },
      allTime: byStatus(null, null),
    };
  },
});

/** Booking diary tools (`favcrm bookings …`); status changes live in booking-status.ts. */
export const bookingTools: SandboxTool[] = [createBooking, listBookings, getBookingDetail, getBookingStats];
