/**
 * The offline model's one reader of "when": a day phrase ("next Monday", "tomorrow", "on 12/11", "3 Dec") and a
 * time phrase ("at noon", "5pm", "17:30", "at 3") as written, before any calendar is consulted. What the words mean
 * on a given day, in a given zone and locale, is date-resolution.ts's job.
 */

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/**
 * How a weekday was qualified. `this`: the coming one, today included. `next`: said of a weekday still ahead this
 * week it can mean that one or the one a week later. `bare`: "on Friday". `this-week` / `next-week`: "Friday next week".
 */
export type WeekdayModifier = 'this' | 'next' | 'bare' | 'this-week' | 'next-week';

export type DayPhrase =
  | { kind: 'offset'; days: number }
  | { kind: 'weekday'; weekday: number; modifier: WeekdayModifier }
  | { kind: 'calendar'; month: number; day: number; year?: number }
  /** "12/11", "12.11.2026": which number is the month depends on the workspace's locale. */
  | { kind: 'numeric'; first: number; second: number; year?: number };

export interface TimePhrase {
  hour: number;
  minute: number;
}

/** A phrase and where it was written, so callers can cut it out of the sentence. */
export interface Found<T> {
  value: T;
  start: number;
  end: number;
  text: string;
}

const WEEKDAY_WORD = String.raw`(?:sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)`;
const FULL_WEEKDAY = String.raw`(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)`;
const MONTH_WORD = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const ORDINAL = String.raw`(?:st|nd|rd|th)?`;
const SMALL_NUMBERS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** Each day pattern with how to read its match; the earliest match in the text wins, then the longest. */
const DAY_PATTERNS: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => DayPhrase | null]> = [
  [/\b(?:the\s+)?day\s+after\s+tomorrow\b/i, () => ({ kind: 'offset', days: 2 })],
  [/\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b/i, () => ({ kind: 'offset', days: 0 })],
  [/\b(?:tomorrow|tmrw|tmr)\b/i, () => ({ kind: 'offset', days: 1 })],
  [/\bin\s+(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\b/i, (match) => {
    const count = /^\d+$/.test(match[1] ?? '') ? Number(match[1]) : (SMALL_NUMBERS[(match[1] ?? '').toLowerCase()] ?? 0);
    return { kind: 'offset', days: count * (/^w/i.test(match[2] ?? '') ? 7 : 1) };
  }],
  // "Friday next week", "next week Friday", "Friday this week": the week is named, so nothing is left to guess.
  [new RegExp(String.raw`\b(${FULL_WEEKDAY})\s+(?:of\s+)?(this|next)\s+week\b|\b(this|next)\s+week(?:'s)?\s+(?:on\s+)?(${FULL_WEEKDAY})\b`, 'i'), (match) => ({
    kind: 'weekday',
    weekday: weekdayIndex(match[1] ?? match[4] ?? ''),
    modifier: /^next$/i.test(match[2] ?? match[3] ?? '') ? 'next-week' : 'this-week',
  })],
  // Short forms ("Fri") only after "on/this/next": "Sun Salutation class" names no day.
  [new RegExp(String.raw`\b(this\s+coming|coming|this|next)\s+(${WEEKDAY_WORD})\b|\bon\s+(${WEEKDAY_WORD})\b|\b(${FULL_WEEKDAY})\b`, 'i'), (match) => {
    const qualifier = (match[1] ?? '').toLowerCase();
    return {
      kind: 'weekday',
      weekday: weekdayIndex(match[2] ?? match[3] ?? match[4] ?? ''),
      modifier: qualifier === 'next' ? 'next' : qualifier ? 'this' : 'bare',
    };
  }],
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, (match) => ({ kind: 'calendar', year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) })],
  [new RegExp(String.raw`\b(\d{1,2})${ORDINAL}\s+(?:of\s+)?(${MONTH_WORD})\b\.?(?:,?\s+(\d{4}))?`, 'i'), (match) => calendar(match[2], match[1], match[3])],
  [new RegExp(String.raw`\b(${MONTH_WORD})\.?\s+(\d{1,2})${ORDINAL}\b(?:,?\s+(\d{4}))?`, 'i'), (match) => calendar(match[1], match[2], match[3])],
  // "12/11", "12/11/2026", "12-11-2026", "12.11." or "12.11.2026" (a dot date needs its closing dot or a year: "12.30" is a time).
  [/(?<![\d/.:-])(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?![\d/])|(?<![\d/.:-])(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})(?![\d-])|(?<![\d/.:-])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d)|(?!\d))/, (match) => {
    const first = Number(match[1] ?? match[4] ?? match[7]);
    const second = Number(match[2] ?? match[5] ?? match[8]);
    const written = match[3] ?? match[6] ?? match[9];
    return { kind: 'numeric', first, second, ...(written ? { year: fullYear(written) } : {}) };
  }],
];

function weekdayIndex(word: string): number {
  const prefix = word.slice(0, 2).toLowerCase();
  return ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'].indexOf(prefix);
}

function monthIndex(word: string): number {
  return MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(word.slice(0, 3).toLowerCase())) + 1;
}

const fullYear = (written: string): number => (written.length === 2 ? 2000 + Number(written) : Number(written));

function calendar(monthWord: string | undefined, dayWord: string | undefined, yearWord: string | undefined): DayPhrase {
  return { kind: 'calendar', month: monthIndex(monthWord ?? ''), day: Number(dayWord), ...(yearWord ? { year: Number(yearWord) } : {}) };
}

/** The day phrase in `text` (the earliest one written), or null. */
export function findDayPhrase(text: string): Found<DayPhrase> | null {
  let best: Found<DayPhrase> | null = null;
  for (const [pattern, read] of DAY_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const value = read(match);
    if (!value) continue;
    const found = { value, start: match.index, end: match.index + match[0].length, text: match[0].trim() };
    if (!best || found.start < best.start || (found.start === best.start && found.end > best.end)) best = found;
  }
  if (!best) return null;
  // "on next Monday", "on the 3rd of May": the "on" belongs to the phrase.
  const on = /\bon\s+(?:the\s+)?$/i.exec(text.slice(0, best.start));
  return on ? { ...best, start: on.index } : best;
}

/** "in the evening", "at night", "tonight": a part of the day that settles "at 7". */
const AFTERNOON_WORDS = /\b(?:tonight|this\s+(?:afternoon|evening)|in\s+the\s+(?:afternoon|evening)|at\s+night|p\.?m\.?)\b/i;
const MORNING_WORDS = /\b(?:this\s+morning|in\s+the\s+morning|a\.?m\.?)\b/i;

const TIME_PATTERNS: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray, text: string) => TimePhrase | null]> = [
  [/\b(?:at\s+)?(?:12\s+)?(noon|midday|mid-day|midnight)\b/i, (match) => ({ hour: /night/i.test(match[1] ?? '') ? 0 : 12, minute: 0 })],
  [/\b(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?/i, (match) => {
    let hour = Number(match[1]);
    const minute = Number(match[2] ?? 0);
    if (hour < 1 || hour > 12) return null;
    if (/p/i.test(match[3] ?? '') && hour < 12) hour += 12;
    if (/a/i.test(match[3] ?? '') && hour === 12) hour = 0;
    return { hour, minute };
  }],
  // "17:30", "at 9.15", "17h30", "17h": a 24-hour clock.
  [/(?<![\d/.:-])(?:at\s+)?([01]?\d|2[0-3])(?:[:h](\d{2})|\.(\d{2})(?!\.\d)|h)\b(?!\s*(?:min|minutes|hours?|hrs?)\b)/i, (match, text) => {
    const hour = Number(match[1]);
    const minute = Number(match[2] ?? match[3] ?? 0);
    return minute > 59 ? null : { hour: settleHour(hour, text, false), minute };
  }],
  // "at 3", "at 7 o'clock", "5 o'clock": no am/pm, so the part of day decides; else a class at 1–6 is in the afternoon.
  [/\bat\s+(\d{1,2})(?![\d:./])(?:\s*o['’]?\s?clock)?\b|\b(\d{1,2})\s*o['’]?\s?clock\b/i, (match, text) => {
    const hour = Number(match[1] ?? match[2]);
    return hour > 23 ? null : { hour: settleHour(hour, text, true), minute: 0 };
  }],
];

/** An hour written without am/pm: "tonight at 8" is 20:00; "at 3" for a class is 15:00; "at 9" stays 09:00. */
function settleHour(hour: number, text: string, guessAfternoon: boolean): number {
  if (hour >= 12 || hour === 0) return hour;
  if (AFTERNOON_WORDS.test(text)) return hour + 12;
  if (MORNING_WORDS.test(text)) return hour;
  return guessAfternoon && hour >= 1 && hour <= 6 ? hour + 12 : hour;
}

/**
 * The time of day in `text` (the earliest one written), or null. `context` is the whole sentence when `text` has the
 * day phrase blanked out: "tonight at 8" still means 20:00.
 */
export function findTimePhrase(text: string, context: string = text): Found<TimePhrase> | null {
  let best: Found<TimePhrase> | null = null;
  for (const [pattern, read] of TIME_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const value = read(match, context);
    if (!value) continue;
    const found = { value, start: match.index, end: match.index + match[0].length, text: match[0].trim() };
    if (!best || found.start < best.start) best = found;
  }
  return best;
}
