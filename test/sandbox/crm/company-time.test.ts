import { describe, expect, it } from 'vitest';
import { addLocalDays, localDateTime, parseDateArgument, startOfLocalMonth, zonedToUtc } from '../../../src/sandbox/tools/company-time.js';
import { stem, terms } from '../../../src/sandbox/tools/text-terms.js';

describe('company time', () => {
  it('converts local wall times to instants across DST changes', () => {
    expect(zonedToUtc({ year: 2026, month: 3, day: 7, hour: 9 }, 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedToUtc({ year: 2026, month: 3, day: 9, hour: 9 }, 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(zonedToUtc({ year: 2026, month: 5, day: 1 }, 'Asia/Hong_Kong').toISOString()).toBe('2026-04-30T16:00:00.000Z');
  });

  it('steps local days and finds month starts in the zone, not in UTC', () => {
    const saturday = new Date('2026-03-07T14:00:00.000Z');
    expect(addLocalDays(saturday, 2, 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfLocalMonth(new Date('2026-04-30T17:00:00.000Z'), 'Asia/Hong_Kong').toISOString()).toBe('2026-04-30T16:00:00.000Z');
    expect(localDateTime(new Date('2026-05-13T02:00:00.000Z'), 'Asia/Hong_Kong')).toBe('2026-05-13 10:00');
  });

  it('reads dates as local midnight and date-times as given, rejecting anything else', () => {
    expect(parseDateArgument('2026-05-14', 'from', 'Asia/Hong_Kong').toISOString()).toBe('2026-05-13T16:00:00.000Z');
    expect(parseDateArgument('2026-05-14T10:00:00+08:00', 'from', 'UTC').toISOString()).toBe('2026-05-14T02:00:00.000Z');
    expect(() => parseDateArgument('tomorrow', 'from', 'UTC')).toThrow(/YYYY-MM-DD/);
  });
});

describe('text terms', () => {
  it('stems plurals and verb forms to one root and drops stopwords', () => {
    expect(['bookings', 'booking', 'booked', 'bookable'].map(stem)).toEqual(['book', 'book', 'book', 'book']);
    expect([stem('services'), stem('service')]).toEqual(['servic', 'servic']);
    expect([stem('cancelled'), stem('cancel'), stem('status'), stem('statuses')]).toEqual(['cancel', 'cancel', 'status', 'status']);
    expect(terms('Create a booking for my customer')).toEqual(['creat', 'book', 'customer']);
  });
});
