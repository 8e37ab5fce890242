/** "add a service …" and "add a member …": the two things the offline model creates, read into tool arguments. */
import { say, type OfflineAction } from './offline-action.js';
import { exampleServiceRequest } from './service-examples.js';
import type { Industry } from './signup-fields.js';

export type CallPlan = Array<{ toolName: string; input: Record<string, unknown> }>;

const QUOTED_NAME = /["“'‘]([^"”'’]+)["”'’]/;
const EMAIL = /[^\s<>(),;:"']+@[^\s<>(),;:"']+\.[a-z]{2,}/i;
/** A phone number: optional +, then digits with spaces, dots or dashes; at least 7 digits so prices never match. */
const PHONE = /\+?\d(?:[\d .-]{5,}\d)/;
/** The nouns a person uses for a CRM member (FavCRM calls them customer accounts). */
export const MEMBER_NOUN = /\b(?:members?|customers?|clients?|contacts?|students?|patients?|guests?|accounts?)\b/i;
/** What a business sells by the hour, as people call it: FavCRM calls every one of them a service. */
export const SERVICE_NOUN = /\b(?:services?|class(?:es)?|lessons?|treatments?|workshops?|courses?|sessions?|packages?)\b/i;
/** A member of staff is invited to the team, not created as a customer. */
export const TEAM_NOUN = /\b(?:team|staff|colleague|employee|co-?worker|admin|manager)s?\b/i;

/** "60 min", "60-minute", "75 minutes", "90m"; "1 hour", "1.5 hrs", "2h". */
const MINUTES = /(\d+)\s*-?\s*(?:minutes?|mins?|m)\b/i;
const HOURS = /(\d+(?:\.\d+)?)\s*-?\s*(?:hours?|hrs?|h)\b/i;
const DURATION = /\d+(?:\.\d+)?\s*-?\s*(?:minutes?|mins?|hours?|hrs?|m|h)\b/gi;
/** An amount with its thousands separators ("2,500", "1 200") and cents; not a year-like run of digits with a dot. */
const AMOUNT = String.raw`(\d{1,3}(?:[,'\u00a0\u202f]\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)`;
/** A currency before the amount: HK$, US$, S$, R$, $, €, £, ¥, ₩, ₹, or a code like HKD. */
const CURRENCY_BEFORE = String.raw`(?:[A-Z]{1,2}\$|\$|€|£|¥|₩|₹|\b(?:hkd|usd|eur|gbp|aud|cad|sgd|jpy|rmb|cny|twd|nzd)\s?)`;
const CURRENCY_AFTER = String.raw`\s?(?:hkd|usd|eur|gbp|aud|cad|sgd|jpy|rmb|cny|twd|nzd|dollars?|euros?|pounds?|yen)\b`;
const PRICED = new RegExp(String.raw`${CURRENCY_BEFORE}\s*${AMOUNT}|${AMOUNT}${CURRENCY_AFTER}`, 'i');
const BARE_AMOUNT = new RegExp(String.raw`(?<![\w.])${AMOUNT}`);
/** The words that join a service's name to its length and price ("for", "at", "costing", "priced at"). */
const JOINING_WORDS = /^(?:for|at|costing|costs?|priced(?:\s+at)?|price|called|named|is|of|lasting|long)$/i;

function amountOf(match: RegExpExecArray | null, group = 1): number | null {
  const whole = match?.[group] ?? match?.[group + 2];
  if (!whole) return null;
  const cents = match?.[group + 1] ?? match?.[group + 3];
  return Number(`${whole.replace(/[,'\u00a0\u202f]/g, '')}${cents ? `.${cents}` : ''}`);
}

/**
 * "add a service Yoga class, 60 min, 150", "add a 60-minute hatha class for HK$180", "add a service Teacher
 * training weekend, 120 min, HK$2,500": the name is what is left of the request once its length and price are
 * taken out. A price written with a currency wins over a bare number; "2,500" is two thousand five hundred.
 */
export function createServicePlan(text: string, industry: Industry | null = null): CallPlan | OfflineAction {
  const hours = HOURS.exec(text);
  const minutes = MINUTES.exec(text);
  const durationMinutes = minutes ? Number(minutes[1]) : hours ? Math.round(Number(hours[1]) * 60) : null;
  const withoutDuration = text.replace(DURATION, (phrase) => ' '.repeat(phrase.length));
  const priced = PRICED.exec(withoutDuration);
  const bare = priced ? null : BARE_AMOUNT.exec(withoutDuration);
  const price = priced ? amountOf(priced) : amountOf(bare);
  const pricePhrase = priced ?? bare;
  const withoutPrice = pricePhrase
    ? withoutDuration.slice(0, pricePhrase.index) + ' '.repeat(pricePhrase[0].length) + withoutDuration.slice(pricePhrase.index + pricePhrase[0].length)
    : withoutDuration;
  const name = QUOTED_NAME.exec(text)?.[1]?.trim() ?? serviceNameIn(withoutPrice);
  // "for 1 200": a bare number left in the name means we cannot tell which number is the price.
  const unclearPrice = !priced && /\d/.test(name) && QUOTED_NAME.exec(text) === null;
  if (!name || durationMinutes === null || price === null || unclearPrice) {
    return say(`To add a service I need its name, length and price, e.g. "${exampleServiceRequest(industry)}".`);
  }
  return [{ toolName: 'create_service', input: { name, durationMinutes, price } }];
}

/** What names the service once length and price are gone: after "add a service (called)", or "add a <kind> class". */
function serviceNameIn(text: string): string {
  const called = /\b(?:called|named)\s+([\s\S]*)$/i.exec(text)?.[1];
  const request = called ?? /\b(?:add|create|new|set\s+up)\b\s*(?:(?:a|an|another|the|one|more)\s+)?(?:new\s+)?([\s\S]*)$/i.exec(text)?.[1] ?? text;
  // "a service Yoga class": "service" only says what is added; "hatha class" is the name, noun and all.
  // "a yoga class: Hatha Basics": after a colon comes the name; "a lesson Piano for beginners": a generic noun
  // before a capitalised word only says what is added.
  const afterColon = /^[^:\n]*:\s*([\s\S]+)$/.exec(request)?.[1];
  const words = (afterColon ?? request)
    .replace(/^\s*services?\b\s*(?:called|named|:)?/i, ' ')
    .replace(/^\s*(?:class|lesson|treatment|session|workshop|course|package)s?\s+(?=\p{Lu})/u, ' ')
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)[0]
    ?.split(/\s+/) ?? [];
  while (words.length > 0 && JOINING_WORDS.test(words[words.length - 1] ?? '')) words.pop();
  while (words.length > 0 && JOINING_WORDS.test(words[0] ?? '')) words.shift();
  const name = words.join(' ').replace(/[.!?:]+$/, '').trim();
  if (!/\p{L}/u.test(name)) return '';
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}

/** "add a member Jane Doe jane@example.com", "new customer called Chan Tai Man, phone +852 9123 4567". */
export function createAccountPlan(text: string): CallPlan | OfflineAction {
  const email = EMAIL.exec(text)?.[0];
  const withoutEmail = email ? text.replace(email, ' ') : text;
  const phone = PHONE.exec(withoutEmail)?.[0].trim();
  const withoutContact = phone ? withoutEmail.replace(phone, ' ') : withoutEmail;
  const name = QUOTED_NAME.exec(withoutEmail)?.[1]?.trim() ?? (nameBeforeAs(withoutContact) || nameAfterNoun(withoutContact));
  if (!name) {
    return say('To add a member I need at least their name, e.g. "add a member Jane Doe jane@example.com" (email and phone are optional).');
  }
  const input: Record<string, unknown> = { name };
  if (email) input.email = email.replace(/[.]+$/, '');
  if (phone) input.phone = phone;
  return [{ toolName: 'create_account', input }];
}

/** "add Jane Smith as a member": the name between the verb and "as a <member noun>". */
function nameBeforeAs(text: string): string {
  const found = new RegExp(String.raw`\b(?:add|create|register|enrol|enroll)\s+(.+?)\s+as\s+(?:a\s+|an\s+|our\s+)?(?:new\s+)?${MEMBER_NOUN.source}`, 'i').exec(text);
  return found?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 200) ?? '';
}

/** The words after "member" (or "customer", …), without the connecting words around an email or phone. */
function nameAfterNoun(text: string): string {
  const noun = MEMBER_NOUN.exec(text);
  if (!noun) return '';
  const rest = text.slice(noun.index + noun[0].length);
  const words = rest
    .replace(/^\s*(?:called|named|:|-|–)\s*/i, ' ')
    .split(/[,;()]|\s(?:with|and|email|e-mail|mail|phone|tel|mobile|number|whose|who)\b/i)[0] ?? '';
  const name = words.replace(/[.!?:]+\s*$/, '').replace(/\s+/g, ' ').trim().slice(0, 200);
  // "add a member to the yoga class" names no one.
  return /^(?:to|into|in|for|from|at|on)\b/i.test(name) ? '' : name;
}
