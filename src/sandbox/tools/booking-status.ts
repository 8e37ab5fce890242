import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { touchAccount } from './account-lookup.js';
import { bookingView, findBooking, type BookingStatus } from './booking-records.js';
import { loadCompany, nowIso } from './caller-scope.js';
import { localDateTime } from './company-time.js';
import { writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolAnnotations, type ToolContext } from './tool-definition.js';

/**
 * When, relative to the booking's start, a change makes sense. One rule per change, shared by all of them, so they
 * agree with each other and with what the diary calls upcoming (open and not yet started): a booking that has not
 * started can be confirmed or cancelled, not completed or missed; once it has started it can be completed, marked a
 * no-show or (late) cancelled, no longer confirmed.
 */
export type StartRule = 'before-start' | 'after-start' | 'any-time';

interface Transition {
  name: string;
  to: BookingStatus;
  from: readonly BookingStatus[];
  description: string;
  annotations: ToolAnnotations;
  when: StartRule;
}

const TRANSITIONS: Transition[] = [
  {
    name: 'confirm_booking',
    to: 'confirmed',
    from: ['pending'],
    description: 'Confirm a pending booking that has not started yet.\nbookingId comes from list_bookings.',
    annotations: writeTool('Confirm booking'),
    when: 'before-start',
  },
  {
    name: 'complete_booking',
    to: 'completed',
    from: ['pending', 'confirmed'],
    description: 'Mark a booking as completed (the customer attended).\nWorks on pending or confirmed bookings once their start time has come.',
    annotations: writeTool('Complete booking'),
    when: 'after-start',
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
    when: 'any-time',
  },
  {
    name: 'mark_no_show',
    to: 'no_show',
    from: ['pending', 'confirmed'],
    description: 'Record that the customer did not turn up to a booking whose start time has passed.\nConfirm with the person first; reason is stored.',
    annotations: writeTool('Mark no-show'),
    when: 'after-start',
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
  const started = Date.parse(booking.start_at) <= context.now().getTime();
  if ((transition.when === 'after-start' && !started) || (transition.when === 'before-start' && started)) {
    const local = localDateTime(new Date(booking.start_at), company.timezone);
    const why =
      transition.when === 'after-start'
        ? `it starts at ${local} (${company.timezone}), so ${transition.name} can only be used from then on; until then it can be confirmed or cancelled`
        : `it started at ${local} (${company.timezone}), so it can no longer be confirmed; complete it, mark it a no-show or cancel it`;
    throw new ToolFailure('CONFLICT', `Booking ${booking.id} is ${booking.status} and ${why}.`, {
      bookingId: booking.id,
      status: booking.status,
      startAt: booking.start_at,
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

/** Each status change's start rule, for the test that checks they agree. */
export const BOOKING_START_RULES: Readonly<Record<string, StartRule>> = Object.fromEntries(TRANSITIONS.map((transition) => [transition.name, transition.when]));
