import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { touchAccount } from './account-lookup.js';
import { bookingView, findBooking, type BookingStatus } from './booking-records.js';
import { loadCompany, nowIso } from './caller-scope.js';
import { writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolAnnotations, type ToolContext } from './tool-definition.js';

interface Transition {
  name: string;
  to: BookingStatus;
  from: readonly BookingStatus[];
  description: string;
  annotations: ToolAnnotations;
  /** No-shows can only be recorded once the start time has passed. */
  onlyAfterStart?: boolean;
}

const TRANSITIONS: Transition[] = [
  {
    name: 'confirm_booking',
    to: 'confirmed',
    from: ['pending'],
    description: 'Confirm a pending booking.\nOnly pending bookings can be confirmed; bookingId comes from list_bookings.',
    annotations: writeTool('Confirm booking'),
  },
  {
    name: 'complete_booking',
    to: 'completed',
    from: ['pending', 'confirmed'],
    description: 'Mark a booking as completed (the customer attended).\nWorks on pending or confirmed bookings.',
    annotations: writeTool('Complete booking'),
  },
  {
    name: 'cancel_booking',
    to: 'cancelled',
    from: ['pending', 'confirmed'],
    description: [
      'Cancel a pending or confirmed booking and free its slot.',
      'Destructive: first show the person the customer, booking ID, service and time, and get their confirmation. reason is stored.',
    ].join('\n'),
    annotations: writeTool('Cancel booking', { destructive: true }),
  },
  {
    name: 'mark_no_show',
    to: 'no_show',
    from: ['pending', 'confirmed'],
    description: 'Record that the customer did not turn up to a booking whose start time has passed.\nConfirm with the person first; reason is stored.',
    annotations: writeTool('Mark no-show'),
    onlyAfterStart: true,
  },
];

function changeStatus(transition: Transition, bookingId: string, reason: string | undefined, context: ToolContext) {
  const company = loadCompany(context);
  const booking = findBooking(context, bookingId);
  if (!transition.from.includes(booking.status)) {
    throw new ToolFailure('CONFLICT', `Booking ${booking.id} is ${booking.status}; ${transition.name} needs it to be ${transition.from.join(' or ')}.`, {
      bookingId: booking.id,
      status: booking.status,
    });
  }
  if (transition.onlyAfterStart && Date.parse(booking.start_at) > context.now().getTime()) {
    throw new ToolFailure('VALIDATION', `Booking ${booking.id} starts at ${booking.start_at}; a no-show can only be recorded after that.`, {
      bookingId: booking.id,
    });
  }
  const at = nowIso(context);
  context.db
    .prepare('UPDATE bookings SET status = ?, cancel_reason = COALESCE(?, cancel_reason), updated_at = ? WHERE id = ? AND company_id = ?')
    .run(transition.to, reason ?? null, at, booking.id, company.id);
  if (transition.to === 'completed') touchAccount(context, booking.account_id, at);
  return { previousStatus: booking.status, booking: bookingView(findBooking(context, booking.id), company.timezone) };
}

const statusTools: SandboxTool[] = TRANSITIONS.map((transition) =>
  defineTool({
    name: transition.name,
    description: transition.description,
    inputSchema: {
      bookingId: z.string().describe('Booking ID (bkg_…) from list_bookings.'),
      reason: z.string().max(500).optional().describe('Why, kept on the booking (e.g. "customer unwell").'),
    },
    annotations: transition.annotations,
    auth: 'key',
    handler: (args, context) => changeStatus(transition, args.bookingId, args.reason, context),
  }),
);

/** Booking status changes (`favcrm bookings confirm|complete|cancel`). */
export const bookingStatusTools: SandboxTool[] = statusTools;
