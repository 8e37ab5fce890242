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
    expect(dashboard).toBe('2026-11-19 to 2026-11-25: customers 3 (2 new), bookings in that time 5 (1 completed), revenue HKD 360; 4 bookings to come.');
    const stats = describeResult({ toolCallId: 'c3', toolName: 'get_customer_stats', input: {}, output: { totals: { total: 4, newLast30Days: 1 } } });
    expect(stats).toBe('get_customer_stats: totals total 4, totals new last 30 days 1.');
  });

  it('lists up to twenty names, then how many more, with no stray punctuation', () => {
    const items = Array.from({ length: 23 }, (_, index) => ({ name: `Service ${index + 1}` }));
    const text = describeResult({ toolCallId: 'c4', toolName: 'list_services', input: {}, output: { items, total: 23 } });
    expect(text).toMatch(/^23 services: Service 1, .*Service 20 and 3 more\.$/);
  });
});
