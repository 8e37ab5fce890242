import { describe, expect, it } from 'vitest';
import { bookingStart, readBookingRequest, type BookingRequest } from '../../../src/agent/offline/booking-request.js';
import { findDayPhrase, findTimePhrase, WEEKDAY_NAMES } from '../../../src/agent/offline/date-phrase.js';
import { dateLocale, describeDate, resolveDay, UNKNOWN_DATE_LOCALE, type DateLocale } from '../../../src/agent/offline/date-resolution.js';
import { addDays, weekdayOf, zonedDateTime, type LocalDate } from '../../../src/agent/offline/zoned-time.js';

/** Monday 7 December 2026 … Sunday 13 December 2026: every weekday once as "today". */
const WEEK: LocalDate[] = Array.from({ length: 7 }, (_, index) => ({ year: 2026, month: 12, day: 7 + index }));
const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'Australia/Sydney'];
const MONDAY_FIRST = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * "next <target>" said on <today>: days ahead, or "a|b" when both readings are common and the person is asked.
 * Rows are today (Monday … Sunday), columns the weekday named (Monday … Sunday).
 */
const NEXT_IN_MONDAY_WEEKS = [
  '7    1|8  2|9  3|10 4|11 5|12 6|13',
  '6    7    1|8  2|9  3|10 4|11 5|12',
  '5    6    7    1|8  2|9  3|10 4|11',
  '4    5    6    7    1|8  2|9  3|10',
  '3    4    5    6    7    1|8  2|9',
  '2    3    4    5    6    7    1|8',
  '1    2    3    4    5    6    7',
];
const NEXT_IN_SUNDAY_WEEKS = [
  '7    1|8  2|9  3|10 4|11 5|12 6',
  '6    7    1|8  2|9  3|10 4|11 5',
  '5    6    7    1|8  2|9  3|10 4',
  '4    5    6    7    1|8  2|9  3',
  '3    4    5    6    7    1|8  2',
  '2    3    4    5    6    7    1',
  '1|8  2|9  3|10 4|11 5|12 6|13 7',
];

function expectedNext(table: string[], todayIndex: number, targetIndex: number): number[] {
  return (table[todayIndex]?.split(/\s+/)[targetIndex] ?? '').split('|').map(Number);
}

/** 09:00 on `date` in `zone`, as the clock the offline model is given. */
const morningOf = (date: LocalDate, zone: string): number => zonedDateTime(date, 9, 0, zone).epochMs;

function request(text: string): BookingRequest {
  const read = readBookingRequest(text);
  if (!read) throw new Error(`not read: ${text}`);
  return read;
}

describe('"next <weekday>", "this <weekday>" and "tomorrow" against every weekday as today', () => {
  const locales: Array<[string, DateLocale, string[]]> = [
    ['GB (weeks start on Monday)', dateLocale('GB'), NEXT_IN_MONDAY_WEEKS],
    ['US (weeks start on Sunday)', dateLocale('US'), NEXT_IN_SUNDAY_WEEKS],
  ];
  for (const [label, locale, table] of locales) {
    it(`reads "next <weekday>" by the week, asking when both readings are common: ${label}`, () => {
      WEEK.forEach((today, todayIndex) => {
        MONDAY_FIRST.forEach((target, targetIndex) => {
          const phrase = findDayPhrase(`book Jane into Yoga next ${target} at 5pm`)?.value;
          const resolved = phrase ? resolveDay(phrase, today, locale) : null;
          const dates = resolved?.kind === 'dates' ? resolved.dates : [];
          expect(dates, `next ${target} said on ${describeDate(today)}`).toEqual(expectedNext(table, todayIndex, targetIndex).map((days) => addDays(today, days)));
          for (const date of dates) expect(WEEKDAY_NAMES[weekdayOf(date)]).toBe(target);
        });
      });
    });
  }

  it('with no country, asks whenever either way of counting weeks would put the day in this week', () => {
    const sunday = WEEK[6] as LocalDate;
    const saturday = WEEK[5] as LocalDate;
    const phrase = (text: string) => findDayPhrase(text)?.value ?? { kind: 'offset' as const, days: -1 };
    expect(resolveDay(phrase('next Tuesday'), sunday, UNKNOWN_DATE_LOCALE)).toEqual({ kind: 'dates', dates: [addDays(sunday, 2), addDays(sunday, 9)] });
    expect(resolveDay(phrase('next Sunday'), saturday, UNKNOWN_DATE_LOCALE)).toEqual({ kind: 'dates', dates: [addDays(saturday, 1), addDays(saturday, 8)] });
    expect(resolveDay(phrase('next Monday'), WEEK[0] as LocalDate, UNKNOWN_DATE_LOCALE)).toEqual({ kind: 'dates', dates: [addDays(WEEK[0] as LocalDate, 7)] });
  });

  it('books "next Monday" said on a Monday a week later, named, in every zone (the defect: it booked today)', () => {
    for (const zone of ZONES) {
      const monday = WEEK[0] as LocalDate;
      const start = bookingStart(request('book jane doe into Yoga next Monday at 5pm'), zone, dateLocale('GB'), morningOf(monday, zone));
      expect(start).toEqual(zonedDateTime(addDays(monday, 7), 17, 0, zone));
    }
  });

  it('"this <weekday>" is the coming one, today included while its time is ahead', () => {
    for (const zone of ZONES) {
      WEEK.forEach((today) => {
        MONDAY_FIRST.forEach((target) => {
          const start = bookingStart(request(`book Jane into Yoga this ${target} at 17:00`), zone, dateLocale('GB'), morningOf(today, zone));
          const ahead = (WEEKDAY_NAMES.indexOf(target as (typeof WEEKDAY_NAMES)[number]) - weekdayOf(today) + 7) % 7;
          expect(start).toEqual(zonedDateTime(addDays(today, ahead), 17, 0, zone));
        });
      });
    }
  });

  it('"tomorrow at noon" is the zone\'s tomorrow at 12:00, even late at night when UTC is on another day', () => {
    for (const zone of ZONES) {
      for (const today of WEEK) {
        for (const hour of [9, 23]) {
          const now = zonedDateTime(today, hour, 30, zone).epochMs;
          expect(bookingStart(request('book Jane into Yoga tomorrow at noon'), zone, UNKNOWN_DATE_LOCALE, now)).toEqual(zonedDateTime(addDays(today, 1), 12, 0, zone));
        }
      }
    }
  });

  it('"on Monday" said on a Monday asks (today or in a week) while today\'s time is ahead, and takes next week once it passed', () => {
    const monday = WEEK[0] as LocalDate;
    const early = bookingStart(request('book Jane into Yoga on Monday at 5pm'), 'Asia/Tokyo', dateLocale('JP'), morningOf(monday, 'Asia/Tokyo'));
    expect(early).toEqual({ question: expect.stringContaining('Monday 7 December 2026 or Monday 14 December 2026') });
    const late = bookingStart(request('book Jane into Yoga on Monday at 8am'), 'Asia/Tokyo', dateLocale('JP'), morningOf(monday, 'Asia/Tokyo'));
    expect(late).toEqual(zonedDateTime(addDays(monday, 7), 8, 0, 'Asia/Tokyo'));
  });

  it('an ambiguous "next" is asked about with both dates, weekdays and the zone named, and a date to say back', () => {
    const monday = WEEK[0] as LocalDate;
    const answer = bookingStart(request('book Jane into Yoga next Friday at 5pm'), 'Europe/London', dateLocale('GB'), morningOf(monday, 'Europe/London'));
    expect(answer).toEqual({ question: expect.stringMatching(/"next Friday" could be Friday 11 December 2026 or Friday 18 December 2026\. .*"on 18 Dec at 17:00" \(Europe\/London time\)/) });
    // The date it suggests reads back as exactly that day.
    expect(bookingStart(request('book Jane into Yoga on 18 Dec at 17:00'), 'Europe/London', dateLocale('GB'), morningOf(monday, 'Europe/London'))).toEqual(
      zonedDateTime({ year: 2026, month: 12, day: 18 }, 17, 0, 'Europe/London'),
    );
  });
});

describe('numeric dates in the workspace\'s order', () => {
  const monday = WEEK[0] as LocalDate;
  const now = morningOf(monday, 'Europe/London');
  it.each([
    ['GB', { year: 2027, month: 11, day: 12 }],
    ['HK', { year: 2027, month: 11, day: 12 }],
    ['BR', { year: 2027, month: 11, day: 12 }],
    ['US', { year: 2026, month: 12, day: 11 }],
    ['JP', { year: 2026, month: 12, day: 11 }],
  ])('"on 12/11 at 2pm" in a %s workspace', (country, date) => {
    expect(bookingStart(request('book Jane into Yoga on 12/11 at 2pm'), 'Europe/London', dateLocale(country), now)).toEqual(zonedDateTime(date, 14, 0, 'Europe/London'));
  });

  it('asks which number is the day when the workspace has no country, unless only one reading is a date', () => {
    expect(bookingStart(request('book Jane into Yoga on 12/11 at 2pm'), 'UTC', UNKNOWN_DATE_LOCALE, now)).toEqual({
      question: expect.stringMatching(/could be Friday 12 November 2027 or Friday 11 December 2026 \(the workspace has no country/),
    });
    expect(bookingStart(request('book Jane into Yoga on 25/12 at 2pm'), 'UTC', UNKNOWN_DATE_LOCALE, now)).toEqual(zonedDateTime({ year: 2026, month: 12, day: 25 }, 14, 0, 'UTC'));
    expect(bookingStart(request('book Jane into Yoga on 31.02.2027 at 2pm'), 'UTC', dateLocale('DE'), now)).toEqual({ question: expect.stringContaining('there is no 31 February') });
  });
});

describe('day and time phrases', () => {
  it.each([
    ['tomorrow at noon', 'tomorrow', { hour: 12, minute: 0 }],
    ['today at midnight', 'today', { hour: 0, minute: 0 }],
    ['tonight at 8', 'tonight', { hour: 20, minute: 0 }],
    ['on Friday at 9.15am', 'on Friday', { hour: 9, minute: 15 }],
    ['next Tue at 17h30', 'next Tue', { hour: 17, minute: 30 }],
    ['on 3rd of December at 7 in the evening', 'on 3rd of December', { hour: 19, minute: 0 }],
    ['Friday next week at 10', 'Friday next week', { hour: 10, minute: 0 }],
    ['on 12.11. at 14:00', 'on 12.11.', { hour: 14, minute: 0 }],
    ['in 3 days at 5 o\'clock', 'in 3 days', { hour: 17, minute: 0 }],
  ])('%s', (text, day, time) => {
    const found = findDayPhrase(text);
    expect(text.slice(found?.start, found?.end).trim()).toBe(day);
    const rest = text.slice(0, found?.start) + ' '.repeat((found?.end ?? 0) - (found?.start ?? 0)) + text.slice(found?.end);
    expect(findTimePhrase(rest, text)?.value).toEqual(time);
  });

  it('does not take a service word for a day ("Sun Salutation", "Sat Nav lesson")', () => {
    expect(findDayPhrase('book Jane into Sun Salutation')).toBeNull();
    expect(findDayPhrase('book Jane into the Sat Nav lesson')).toBeNull();
  });
});
