import { describe, expect, it } from 'vitest';
import { BOOKING_START_RULES } from '../../../src/sandbox/tools/booking-status.js';
import { createHarness, fails, ok } from './crm-fixture.js';

// The booking status changes share one rule about time, and it agrees with what the diary calls upcoming: before
// its start a booking can be confirmed or cancelled; from its start it can be completed, missed or cancelled.

const CHANGES = ['confirm_booking', 'complete_booking', 'mark_no_show', 'cancel_booking'] as const;
const EXPECTED = {
  upcoming: { confirm_booking: 'ok', complete_booking: 'CONFLICT', mark_no_show: 'CONFLICT', cancel_booking: 'ok' },
  started: { confirm_booking: 'CONFLICT', complete_booking: 'ok', mark_no_show: 'ok', cancel_booking: 'ok' },
} as const;

describe('booking state rules', () => {
  it('names a start rule for every status change', () => {
    expect(Object.keys(BOOKING_START_RULES).sort()).toEqual([...CHANGES].sort());
  });

  for (const phase of ['upcoming', 'started'] as const) {
    it.each(CHANGES)(`${phase}: %s`, async (change) => {
      const harness = createHarness();
      const shop = harness.workspace();
      const service = await ok<{ id: string }>(shop, 'create_service', { name: 'Facial', durationMinutes: 60, price: 480 });
      const account = await ok<{ id: string }>(shop, 'create_account', { name: 'Chan Tai Man' });
      // Thursday 10:00 in Hong Kong, the day after the harness clock.
      const booking = await ok<{ id: string }>(shop, 'create_booking', { serviceId: service.id, accountId: account.id, startAt: '2026-05-14T10:00:00+08:00', status: 'pending' });
      if (phase === 'started') harness.clock.now = new Date('2026-05-14T02:30:00.000Z');
      const dashboard = await ok<{ bookings: { upcoming: number } }>(shop, 'get_dashboard_stats', { days: 7 });
      expect(dashboard.bookings.upcoming).toBe(phase === 'upcoming' ? 1 : 0);
      const expected = EXPECTED[phase][change];
      if (expected === 'ok') await ok(shop, change, { bookingId: booking.id });
      else expect((await fails(shop, change, { bookingId: booking.id })).code).toBe(expected);
    });
  }
});
