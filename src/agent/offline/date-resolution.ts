/**
 * What a day phrase means on a given day: one date, several the words allow (the caller drops the ones already
 * past and asks about the rest), or none (31 February). Weekdays follow the reading most people share:
 * "this Friday" is the coming one, "next Monday" said on a Monday is a week away, and "next Friday" said on a
 * Monday may be four days or eleven away, so that one is asked about rather than guessed.
 */
import { MONTH_NAMES, WEEKDAY_NAMES, type DayPhrase } from './date-phrase.js';
import { addDays, weekdayOf, type LocalDate } from './zoned-time.js';

/** Which number comes first in a numeric date where the workspace is: "12/11" is 12 November day-first. */
export type NumericDateOrder = 'day-first' | 'month-first';

/** How dates are written and weeks counted where the workspace is; null parts are not known. */
export interface DateLocale {
  order: NumericDateOrder | null;
  /** 0 = weeks start on Sunday, 1 = on Monday. */
  weekStart: 0 | 1 | null;
}

export const UNKNOWN_DATE_LOCALE: DateLocale = { order: null, weekStart: null };

export type DayResolution =
  | { kind: 'dates'; dates: LocalDate[] }
  | { kind: 'invalid'; reason: string };

/** Monday = 0 … Sunday = 6: the ISO week most of the world starts on Monday. */
const mondayIndex = (weekday: number): number => (weekday + 6) % 7;

/** True when `date` exists on the calendar (no 31 February). */
export function isRealDate(date: LocalDate): boolean {
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return date.month >= 1 && date.month <= 12 && check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day;
}

const before = (a: LocalDate, b: LocalDate): boolean => a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;

function weekdayDates(weekday: number, modifier: string, today: LocalDate, weekStart: 0 | 1 | null): LocalDate[] {
  const todayWeekday = weekdayOf(today);
  const ahead = (weekday - todayWeekday + 7) % 7;
  switch (modifier) {
    case 'this':
      return [addDays(today, ahead)];
    case 'bare':
      // "on Monday" said on a Monday: today, or a week from today; the caller drops today once its time has passed.
      return ahead === 0 ? [today, addDays(today, 7)] : [addDays(today, ahead)];
    case 'this-week':
      return [addDays(today, mondayIndex(weekday) - mondayIndex(todayWeekday))];
    case 'next-week':
      return [addDays(today, 7 - mondayIndex(todayWeekday) + mondayIndex(weekday))];
    default: {
      // "next": a week away when it is today's weekday; the coming one when that already falls in next week (by the
      // workspace's week, or by Monday-start and Sunday-start weeks alike when that is unknown); otherwise both
      // readings are common, so both are offered.
      if (ahead === 0) return [addDays(today, 7)];
      const mondayWeek = mondayIndex(weekday) > mondayIndex(todayWeekday);
      const sundayWeek = weekday > todayWeekday;
      const sameWeek = weekStart === 1 ? mondayWeek : weekStart === 0 ? sundayWeek : mondayWeek || sundayWeek;
      return sameWeek ? [addDays(today, ahead), addDays(today, ahead + 7)] : [addDays(today, ahead)];
    }
  }
}

/** A date written without a year is the next one on or after today ("3 Jan" said in December is next year's). */
function upcoming(month: number, day: number, year: number | undefined, today: LocalDate): LocalDate {
  const candidate = { year: year ?? today.year, month, day };
  return year === undefined && before(candidate, today) ? { ...candidate, year: today.year + 1 } : candidate;
}

function describeInvalid(month: number, day: number): string {
  const name = MONTH_NAMES[month - 1];
  return name ? `there is no ${day} ${name}` : `${month} is not a month`;
}

/** The dates `phrase` can mean on `today`, in the order the words most likely mean them. */
export function resolveDay(phrase: DayPhrase, today: LocalDate, locale: DateLocale = UNKNOWN_DATE_LOCALE): DayResolution {
  const { order } = locale;
  switch (phrase.kind) {
    case 'offset':
      return { kind: 'dates', dates: [addDays(today, phrase.days)] };
    case 'weekday':
      return { kind: 'dates', dates: weekdayDates(phrase.weekday, phrase.modifier, today, locale.weekStart) };
    case 'calendar': {
      const date = upcoming(phrase.month, phrase.day, phrase.year, today);
      return isRealDate(date) ? { kind: 'dates', dates: [date] } : { kind: 'invalid', reason: describeInvalid(phrase.month, phrase.day) };
    }
    case 'numeric': {
      const dayFirst = upcoming(phrase.second, phrase.first, phrase.year, today);
      const monthFirst = upcoming(phrase.first, phrase.second, phrase.year, today);
      const readings = order === 'day-first' ? [dayFirst] : order === 'month-first' ? [monthFirst] : [dayFirst, monthFirst];
      const real = readings.filter(isRealDate).filter((date, index, all) => all.findIndex((other) => sameDate(other, date)) === index);
      if (real.length > 0) return { kind: 'dates', dates: real };
      const [month, day] = order === 'month-first' ? [phrase.first, phrase.second] : [phrase.second, phrase.first];
      return { kind: 'invalid', reason: describeInvalid(month, day) };
    }
  }
}

export const sameDate = (a: LocalDate, b: LocalDate): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

/** "Friday 18 December 2026": the weekday always named, so a misread day is seen at once. */
export function describeDate(date: LocalDate): string {
  return `${WEEKDAY_NAMES[weekdayOf(date)]} ${date.day} ${MONTH_NAMES[date.month - 1]} ${date.year}`;
}

/**
 * How dates are written and weeks start in a workspace's country, from the runtime's own locale data: the likely
 * language of the country with that region ("12/11" is 12 November in en-GB, pt-BR, zh-HK; 11 December in en-US,
 * and in ja-JP, where the year comes first and the month before the day). Unknown parts stay null.
 */
export function dateLocale(country: string | null | undefined): DateLocale {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return UNKNOWN_DATE_LOCALE;
  try {
    const region = country.toUpperCase();
    const tag = `${new Intl.Locale(`und-${region}`).maximize().language}-${region}`;
    const parts = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(Date.UTC(2026, 10, 25, 12)))
      .filter((part) => part.type === 'day' || part.type === 'month');
    const locale = new Intl.Locale(tag) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    // Node 20 has the `weekInfo` accessor; later versions `getWeekInfo()`.
    const firstDay = (typeof locale.getWeekInfo === 'function' ? locale.getWeekInfo() : locale.weekInfo)?.firstDay;
    return { order: parts[0]?.type === 'day' ? 'day-first' : 'month-first', weekStart: firstDay === 7 ? 0 : firstDay === 1 ? 1 : null };
  } catch {
    return UNKNOWN_DATE_LOCALE;
  }
}
