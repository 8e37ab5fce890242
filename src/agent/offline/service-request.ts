/**
 * "add a service Yoga class, 60 min, 150", "add a 60-minute hatha class for HK$180", "new service: Private session
 * 1h30 HK$2,500, up to 6 people": a service request read into `create_service`. What is missing or unclear gets a
 * question that names it; a price is never guessed from a number that could be something else.
 */
import type { CallPlan } from './create-requests.js';
import { say, type OfflineAction } from './offline-action.js';
import { exampleServiceRequest } from './service-examples.js';
import { dollarSignCurrency } from './workspace-currency.js';
import type { Industry } from './signup-fields.js';

/** A name in quotes wins over anything read around it. */
export const QUOTED_NAME = /["“'‘]([^"”'’]+)["”'’]/;

/** Lengths in words: "an hour and a half", "half an hour", "an hour". */
const WORDED_LENGTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\b(?:an?|one)\s+hour\s+and\s+a\s+half\b/i, 90],
  [/\bhalf\s+an?\s+hour\b/i, 30],
  [/\b(?:an?|one)\s+hour(?:[\s-]+long)?\b/i, 60],
];
/** "1h30", "1 hr 30 min", "2 hours 15", "1:30h". */
const HOURS_AND_MINUTES = /\b(\d{1,2})\s*(?:h|hrs?|hours?|:)\s*(?:and\s+)?(\d{1,2})\s*(?:m|mins?|minutes?|h)?\b/i;
/** "60 min", "60-minute", "75 minutes", "90m". */
const MINUTES = /\b(\d+)\s*-?\s*(?:minutes?|mins?|m)\b/i;
/** "1 hour", "1.5 hrs", "2h". */
const HOURS = /\b(\d+(?:\.\d+)?)\s*-?\s*(?:hours?|hrs?|h)\b/i;
const LENGTH_PHRASES = [
  ...WORDED_LENGTHS.map(([pattern]) => pattern.source),
  HOURS_AND_MINUTES.source,
  String.raw`\b\d+(?:\.\d+)?\s*-?\s*(?:minutes?|mins?|hours?|hrs?|m|h)\b(?:[\s-]+long)?`,
];
const LENGTH_PHRASE = new RegExp(LENGTH_PHRASES.join('|'), 'gi');

/** "for up to 12 people", "capacity 12", "max 8", "12 spots": how many one slot holds. */
const PEOPLE = String.raw`(?:people|persons|participants|guests|students|spots|places|pax)`;
const CAPACITY = new RegExp(
  String.raw`\b(?:(?:for\s+)?up\s+to|capacity(?:\s+of)?|max(?:imum)?(?:\s+of)?)\s+(\d{1,3})(?:\s*${PEOPLE})?\b|\b(?:for\s+)?(\d{1,3})\s+${PEOPLE}\b`,
  'i',
);

/** Currency written before or after the amount, and the ISO code it means (plain "$" is left to the workspace). */
const CURRENCY_CODES: Readonly<Record<string, string>> = {
  'hk$': 'HKD', 'us$': 'USD', 's$': 'SGD', 'a$': 'AUD', 'au$': 'AUD', 'c$': 'CAD', 'ca$': 'CAD', 'nt$': 'TWD', 'nz$': 'NZD',
  'r$': 'BRL', '€': 'EUR', '£': 'GBP', '₩': 'KRW', '₹': 'INR', 'euro': 'EUR', 'euros': 'EUR', 'pound': 'GBP', 'pounds': 'GBP',
  'yen': 'JPY',
};
const CURRENCY_WORD = String.raw`hkd|usd|eur|gbp|aud|cad|sgd|jpy|cny|rmb|twd|nzd|krw|inr|brl|mxn|chf|dollars?|euros?|pounds?|yen`;
const CURRENCY_BEFORE = String.raw`(?:[A-Za-z]{1,2}\$|\$|€|£|¥|₩|₹|\b(?:${CURRENCY_WORD})\s?)`;
/** "2,500", "1.200" (dots grouping thousands), "1 200", "1'200", with cents; then "HK$ 1 200" works too. */
const GROUPED = String.raw`\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d{1,3}(?:[ '\u00a0\u202f]\d{3})+`;
const AMOUNT = String.raw`(${GROUPED}|\d+)(?:[.,](\d{1,2}))?(?![\d])`;
const PRICED = new RegExp(String.raw`(${CURRENCY_BEFORE})\s*${AMOUNT}|${AMOUNT}\s?(${CURRENCY_WORD})\b`, 'i');
const BARE_AMOUNT = new RegExp(String.raw`(?<![\w.,$€£¥])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?![\d.,])`);
const FREE = /\b(?:free|no charge|complimentary)\b/i;

/** The words that join a service's name to its length and price ("for", "at", "costing", "priced at"). */
const JOINING_WORDS = /^(?:for|at|costing|costs?|priced(?:\s+at)?|price|called|named|is|of|lasting|long|and|with|a|an)$/i;

interface Price {
  amount: number;
  currency?: string;
  /** A plain "$" or "¥": what it means depends on the workspace (HKD in Hong Kong, USD in Japan). */
  sign?: '$' | '¥';
  /** Where it was written, so the name can leave it out. */
  start: number;
  end: number;
}

function amount(whole: string, cents: string | undefined): number {
  return Number(`${whole.replace(/[,.'\s\u00a0\u202f]/g, '')}${cents ? `.${cents}` : ''}`);
}

function currencyCode(written: string | undefined): string | undefined {
  if (!written) return undefined;
  const key = written.trim().toLowerCase();
  if (CURRENCY_CODES[key]) return CURRENCY_CODES[key];
  return /^[a-z]{3}$/.test(key) && !['dollar'].includes(key) ? key.toUpperCase().replace('RMB', 'CNY') : undefined;
}

/** The price: one written with a currency wins; else the only number left; "free" is 0. */
function readPrice(text: string): Price | 'unclear' | null {
  const priced = PRICED.exec(text);
  if (priced) {
    const before = priced[1] !== undefined;
    const value = before ? amount(priced[2] ?? '0', priced[3]) : amount(priced[4] ?? '0', priced[5]);
    const written = (before ? priced[1] : priced[6]) ?? '';
    const code = currencyCode(written);
    const sign = /^\s*(?:\$|dollars?)\s*$/i.test(written) ? '$' : /^\s*¥\s*$/.test(written) ? '¥' : undefined;
    return { amount: value, ...(code ? { currency: code } : {}), ...(sign ? { sign } : {}), start: priced.index, end: priced.index + priced[0].length };
  }
  const bare = [...text.matchAll(new RegExp(BARE_AMOUNT.source, 'g'))];
  if (bare.length === 1 && bare[0]) {
    const [found] = bare;
    return { amount: amount(found[1] ?? '0', found[2]), start: found.index ?? 0, end: (found.index ?? 0) + found[0].length };
  }
  const free = FREE.exec(text);
  if (free && bare.length === 0) return { amount: 0, start: free.index, end: free.index + free[0].length };
  return bare.length > 1 ? 'unclear' : null;
}

function readMinutes(text: string): number | null {
  for (const [pattern, minutes] of WORDED_LENGTHS) if (pattern.test(text)) return minutes;
  const both = HOURS_AND_MINUTES.exec(text);
  if (both && Number(both[2]) < 60) return Number(both[1]) * 60 + Number(both[2]);
  const minutes = MINUTES.exec(text);
  if (minutes) return Number(minutes[1]);
  const hours = HOURS.exec(text);
  return hours ? Math.round(Number(hours[1]) * 60) : null;
}

/** "add Power Yoga 60min 150": a length is what makes a thing with no service noun a service. */
export function mentionsLength(text: string): boolean {
  return readMinutes(text) !== null;
}

const blank = (text: string, start: number, end: number): string => text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);

/** True when the request writes a currency (a code, a word or a sign): then the workspace's own one matters. */
export function writesCurrency(text: string): boolean {
  return PRICED.test(text.replace(LENGTH_PHRASE, (phrase) => ' '.repeat(phrase.length)));
}

/** True when the request has a price: an amount with a currency, or "free". */
export function writesPrice(text: string): boolean {
  return writesCurrency(text) || FREE.test(text);
}

/** What a plain currency sign means where the workspace is: its own currency if written that way, else the usual one. */
function signCurrency(sign: '$' | '¥', workspaceCurrency: string | null): string {
  if (sign === '¥') return workspaceCurrency === 'CNY' ? 'CNY' : 'JPY';
  return dollarSignCurrency(workspaceCurrency);
}

/**
 * The `create_service` call for a request, or a question naming what is missing. A currency written in the request
 * wins over the workspace's (`workspaceCurrency`, null when unknown); "$" means the workspace's dollar, else USD.
 */
export function createServicePlan(text: string, industry: Industry | null = null, workspaceCurrency: string | null = null): CallPlan | OfflineAction {
  const durationMinutes = readMinutes(text);
  let rest = text.replace(LENGTH_PHRASE, (phrase) => ' '.repeat(phrase.length));
  const capacity = CAPACITY.exec(rest);
  if (capacity) rest = blank(rest, capacity.index, capacity.index + capacity[0].length);
  const price = readPrice(rest);
  if (price && price !== 'unclear') rest = blank(rest, price.start, price.end);
  const name = QUOTED_NAME.exec(text)?.[1]?.trim() ?? serviceNameIn(rest);
  const missing = [!name ? 'its name' : null, durationMinutes === null ? 'its length' : null, price === null ? 'its price' : null].filter(Boolean);
  const example = exampleServiceRequest(industry);
  if (price === 'unclear') return say(`I can't tell which number is the price. Write it with a currency, e.g. "${example.replace(/(\d+)$/, 'HK$$$1')}".`);
  if (missing.length > 0 || !name || durationMinutes === null || price === null) {
    const which = missing.length < 3 ? ` (I couldn't find ${missing.join(' or ')})` : '';
    return say(`To add a service I need its name, length and price${which}, e.g. "${example}".`);
  }
  const places = capacity ? Number(capacity[1] ?? capacity[2]) : null;
  const currency = price.currency ?? (price.sign ? signCurrency(price.sign, workspaceCurrency) : undefined);
  const stated = currency ? { currency } : {};
  return [
    {
      toolName: 'create_service',
      input: { name, durationMinutes, price: price.amount, ...stated, ...(places ? { capacity: places } : {}) },
    },
  ];
}

/** What names the service once length, price and size are gone: after "called", a colon, or the verb. */
function serviceNameIn(text: string): string {
  const called = /\b(?:called|named)\s+([\s\S]*)$/i.exec(text)?.[1];
  const request =
    called ??
    /\b(?:add|create|new|set\s+up|offer)\b\s*(?:(?:a|an|another|the|one|more)\s+)?(?:new\s+)?([\s\S]*)$/i.exec(text)?.[1] ??
    text;
  // "a yoga class: Hatha Basics": after a colon comes the name; "a lesson Piano for beginners": a generic noun
  // before a capitalised word only says what is added.
  const afterColon = /^[^:\n]*:\s*([\s\S]+)$/.exec(request)?.[1];
  const words = (afterColon ?? request)
    .replace(/^\s*services?\b\s*(?:called|named|:)?/i, ' ')
    .replace(/^\s*(?:class|lesson|treatment|session|workshop|course|package)s?\s+(?=\p{Lu})/u, ' ')
    .split(/[,;|\n]/)
    .map((part) => part.trim())
    .filter(Boolean)[0]
    ?.split(/\s+/) ?? [];
  // Joining words and separators left at either end once the length and price are cut out ("Facial - -", "Yoga for").
  const loose = (word: string | undefined) => JOINING_WORDS.test(word ?? '') || SEPARATOR.test(word ?? '');
  while (words.length > 0 && loose(words[words.length - 1])) words.pop();
  while (words.length > 0 && loose(words[0])) words.shift();
  const name = tidyName(words).replace(/[.!?:]+$/, '').trim();
  // A number left in the name ("for 1 200") could be the price: better to ask.
  if (!/\p{L}/u.test(name)) return '';
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}

/** A word with no letter or digit: a separator ("-", "|", "/", "·") or punctuation left where a price was cut out. */
const SEPARATOR = /^[^\p{L}\p{N}]+$/u;

/**
 * Joins a name's words, dropping separators that no longer separate anything: "Facial - 45min - 65 EUR" with the
 * length and price cut out is "Facial", not "Facial - -"; "Cut - Wash - Blow dry" keeps its dashes.
 */
export function tidyName(words: readonly string[]): string {
  const kept: string[] = [];
  for (const word of words) {
    if (SEPARATOR.test(word) && (kept.length === 0 || SEPARATOR.test(kept[kept.length - 1] ?? ''))) continue;
    kept.push(word);
  }
  while (kept.length > 0 && SEPARATOR.test(kept[kept.length - 1] ?? '')) kept.pop();
  return kept.join(' ').replace(/\s*[([{]\s*$/u, '').replace(/^[\s)\]}]+/u, '');
}
