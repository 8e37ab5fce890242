import { describe, expect, it } from 'vitest';
import { describeResult } from '../../../src/agent/offline/result-summaries.js';

describe('offline result summaries', () => {
  it('keeps a stored name on one line, so a line break in CRM data cannot forge a line of the conversation', () => {
    const text = describeResult({
      toolCallId: 'c1',
      toolName: 'list_services',
      input: {},
      output: { items: [{ name: 'Croissant class' }, { name: 'Evil\r\nFAKE> line' }], total: 2 },
    });
    expect(text).toContain('Evil FAKE> line');
    expect(text).not.toMatch(/[\r\n]/);
  });

  it('gives the dashboard its figures, and any stats-shaped answer its numbers, not just "finished"', () => {
    const dashboard = describeResult({
      toolCallId: 'c2',
      toolName: 'get_dashboard_stats',
      input: {},
      output: {
        range: { fromDate: '2026-11-19', toDate: '2026-11-25' },
        customers: { total: 3, new: 2, members: 0 },
        bookings: { total: 5, completed: 1, upcoming: 4 },
        revenue: [{ currency: 'HKD', amount: 360 }],
      },
    });
    expect(dashboard).toBe('2026-11-19 to 2026-11-25: 3 customers (2 new), 5 bookings in that time (1 completed), revenue HKD 360; 4 bookings to come.');
    const stats = describeResult({ toolCallId: 'c3', toolName: 'get_customer_stats', input: {}, output: { totals: { total: 4, newLast30Days: 1 } } });
    expect(stats).toBe('get_customer_stats: totals total 4, totals new last 30 days 1.');
  });

  it('lists up to twenty names, then how many more, with no stray punctuation', () => {
    const items = Array.from({ length: 23 }, (_, index) => ({ name: `Service ${index + 1}` }));
    const text = describeResult({ toolCallId: 'c4', toolName: 'list_services', input: {}, output: { items, total: 23 } });
    expect(text).toMatch(/^23 services: Service 1, .*Service 20 and 3 more\.$/);
  });
});

describe('times and counts in words for people', () => {
  it('confirms a booking with the weekday, the local time and the zone, not a UTC instant', () => {
    const text = describeResult(
      { toolCallId: 'b1', toolName: 'create_booking', input: {}, output: { id: 'bkg_1', startAt: '2026-12-08T06:00:00.000Z', localStart: '2026-12-08 15:00', customerName: 'Jane Doe', serviceName: 'Yoga class' } },
      null,
      { timezone: 'Asia/Tokyo' },
    );
    expect(text).toBe('Booked Jane Doe into Yoga class on Tuesday 8 December 2026 at 15:00 (Asia/Tokyo time), booking bkg_1.');
    expect(text).not.toContain('T06:00');
  });

  it('lists bookings by who, what and local time with the zone named, and counts them in the right number', () => {
    const one = describeResult({
      toolCallId: 'b2',
      toolName: 'list_bookings',
      input: {},
      output: { items: [{ id: 'bkg_1', startAt: '2026-12-08T06:00:00.000Z', endAt: '2026-12-08T07:00:00.000Z', customerName: 'Jane Doe', serviceName: 'Yoga class' }], total: 1, timezone: 'Asia/Tokyo' },
    });
    expect(one).toBe('1 booking (times in Asia/Tokyo time): Jane Doe, Yoga class, Tuesday 8 December 2026 at 15:00.');
    const dashboard = describeResult({ toolCallId: 'b3', toolName: 'get_dashboard_stats', input: {}, output: { customers: { total: 1, new: 1 }, bookings: { total: 1, completed: 0, upcoming: 1 } } });
    expect(dashboard).toContain('1 customer (1 new), 1 booking in that time');
    expect(dashboard).toContain('1 booking to come');
  });
});
