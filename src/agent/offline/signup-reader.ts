import { countryFromCode, countryTimezone, isRuntimeTimeZone } from './gazetteer.js';
import { resolvePlace } from './place-resolution.js';
import { classifyIndustry, findIndustryMentions, industryFromName } from './industry-lexicon.js';
import { skipCorrectionWords } from './name-answer.js';
import { MASK, readCapitalisedRun, readFreeName, type NameSpan } from './name-words.js';
import { findOrganisationName } from './organisation-name.js';
import { quietShoutedText } from './shouted-text.js';
import type { Industry, SignupFields } from './signup-fields.js';

export { extractVerificationCode } from '../verification-code.js';

/** Starts only where a run of address characters starts: otherwise a long word with no @ was rescanned from every letter. */
const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

interface EmailSpan {
  readonly email: string;
  readonly start: number;
  readonly end: number;
}

function findEmails(text: string): EmailSpan[] {
  const found: EmailSpan[] = [];
  EMAIL.lastIndex = 0;
  for (let match = EMAIL.exec(text); match; match = EMAIL.exec(text)) {
    const email = match[0].replace(/^[.'-]+/, '').replace(/[.'-]+$/, '');
    const start = match.index + match[0].indexOf(email);
    found.push({ email, start, end: start + email.length });
  }
  return found;
}

/** The first email address written in `text`, exactly as written, or null. */
export function extractEmail(text: string): string | null {
  const emails = findEmails(text);
  if (emails.length < 2) return emails[0]?.email ?? null;
  // "My personal email is x@… but please use y@… for the account": the one the person says to use.
  const score = ({ start, end }: { start: number; end: number }) => {
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 30);
    let points = 0;
    if (/\b(?:use|send (?:it|the code) to|business|work|account|login)\b[^@]*$/i.test(before) || /^\s*(?:for the account|for (?:the )?(?:login|signup|favcrm))/i.test(after)) points += 1;
    if (/\b(?:personal|private|own|not|don't use|instead of)\b[^@]*$/i.test(before)) points -= 1;
    return points;
  };
  return [...emails].sort((a, b) => score(b) - score(a))[0]?.email ?? null;
}

/** What the reader reads: emails masked, a shouted message's everyday words in lower case; offsets unchanged. */
function readableText(text: string): string {
  return emojiAsDashes(quietShoutedText(maskEmails(blankCodePlaceholders(text))));
}

/**
 * The app's stand-ins for a code ("[code ******]", "[not a code: 5 digits]") as spaces: they are not words the
 * person wrote, and a digit in one once became the business name "5".
 */
function blankCodePlaceholders(text: string): string {
  return text.replace(/\[code \*{6}\]|\[not a code: \d+ digits\]/g, (placeholder) => ' '.repeat(placeholder.length));
}

/**
 * "🌸 Petal & Stem 🌸 flower shop": emoji set a name off the way dashes do. Each pictograph becomes a dash (and
 * spaces for the rest of its code units, so offsets hold); joiners, variation selectors and skin tones become spaces.
 */
function emojiAsDashes(text: string): string {
  if (!/\p{Extended_Pictographic}|\u200d|\ufe0f/u.test(text)) return text;
  return text.replace(/\p{Extended_Pictographic}|\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/gu, (emoji) =>
    /\p{Extended_Pictographic}/u.test(emoji) ? '—'.padEnd(emoji.length, ' ') : ' '.repeat(emoji.length),
  );
}

/** The name as the person wrote it (in capitals, if they shouted), from the same span of their text. */
function asWritten(name: NameSpan | null, text: string): NameSpan | null {
  return name === null ? null : { ...name, name: text.slice(name.start, name.end).trim() };
}

/** `text` with every email replaced by MASK characters of the same length, so offsets still line up. */
function maskEmails(text: string): string {
  let masked = text;
  for (const { start, end } of findEmails(text)) masked = masked.slice(0, start) + MASK.repeat(end - start) + masked.slice(end);
  return masked;
}

const INDUSTRY_LABEL = /\b(?:(?:industry|sector|category|business\s+type|type\s+of\s+business)\s*(?:is|:|=|-|as)|(?<![\p{L}\p{N}])type\s*:)\s*([^.,;\n]+)/iu;
const INDUSTRY_PHRASE = /\b(?:in|work\s+in)\s+(?:the\s+)?([\p{L} &-]+?)\s+(?:industry|sector|business)\b/iu;
/** "please file us under beauty", "list us as retail": the person picks the category. */
const INDUSTRY_FILED = /\b(?:file|put|list|classify|categori[sz]e|mark|tag)\s+(?:us|it|me|the\s+business)\s+(?:under|as|in)\s+([\p{L}-]+)/iu;
const COUNTRY_LABEL = /\b[Cc]ountry(?:\s+code)?\s*(?:is|:|=)\s*([A-Z]{2})\b/u;
const ZONE_LABEL = /\b[A-Z][A-Za-z]+\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?\b/u;

/** The industry a person states outright ("Industry: services", "we're in the retail industry"), or null. */
function statedIndustry(text: string): Industry | null {
  for (const pattern of [INDUSTRY_LABEL, INDUSTRY_FILED, INDUSTRY_PHRASE]) {
    const value = pattern.exec(text)?.[1]?.trim();
    if (!value) continue;
    const industry = industryFromName(value.split(/\s+/)[0] ?? '') ?? industryFromName(value) ?? classifyIndustry(value);
    if (industry) return industry;
  }
  return null;
}

interface PlaceFields {
  readonly country: string | null;
  readonly timezone: string | null;
  readonly named: boolean;
}

/** Country and zone of the place named, or of an ISO code after "Country:"; a written IANA zone wins. */
function readPlace(text: string, name: NameSpan | null, insideNameCounts: boolean): PlaceFields {
  const exclude: Array<readonly [number, number]> = name ? [[name.start, name.end]] : [];
  // A place only inside the name ("Glow Up Academy Budapest") is still where the business most likely is, unless
  // the person already said where it is.
  const place = resolvePlace(text, exclude) ?? (name && insideNameCounts ? resolvePlace(text) : null);
  let country = place?.country ?? null;
  let timezone = place?.timezone ?? null;
  if (!place) {
    const code = COUNTRY_LABEL.exec(text)?.[1];
    country = code ? countryFromCode(code) : null;
    timezone = country ? countryTimezone(country) : null;
  }
  const zone = ZONE_LABEL.exec(text)?.[0];
  if (zone && isRuntimeTimeZone(zone)) timezone = zone;
  return { country, timezone, named: country !== null };
}

/**
 * Reads a person's first sentence into the fields of `register_organisation_request`: the business
 * name as written, its industry, the country and IANA zone of the place named, and the email; null
 * where the sentence does not tell.
 */
export function readSignupFields(text: string): SignupFields {
  const masked = readableText(text);
  const name = asWritten(findOrganisationName(masked), text);
  const place = readPlace(masked, name, true);
  return {
    organisationName: name?.name ?? null,
    industry: statedIndustry(masked) ?? classifyIndustry(masked, name ? [name.start, name.end] : null),
    country: place.country,
    timezone: place.timezone,
    email: extractEmail(text),
  };
}

const RENAME =
  /\b(?:call\s+it|name\s+it|rename\s+(?:it\s+)?(?:to\s+)?|change\s+(?:the\s+|our\s+|my\s+)?(?:business\s+|company\s+|organi[sz]ation\s+|shop\s+)?name\s+to|(?:the\s+)?name\s+(?:is|should\s+be|will\s+be)|make\s+it|make\s+that|(?:sorry[,.!]?\s+)?i\s+meant(?:\s+to\s+say)?|it'?s\s+called|we'?re\s+called)\s+/iu;
const ANSWER_WORDS = /^(?:yes|yeah|yep|no|nope|ok|okay|sure|thanks|thank you|correct|right|that's right|go ahead|confirm|cancel|stop)\b/iu;

/** A reply that is nothing but a name ("Moon Cafe", "'Noodle Theory'"). */
function bareName(text: string): NameSpan | null {
  const trimmed = text.trim().replace(/[.!]+$/, '');
  const start = text.indexOf(trimmed);
  if (!trimmed || ANSWER_WORDS.test(trimmed) || trimmed.split(/\s+/).length > 6) return null;
  const quoted = /^["'“‘「](.+)["'”’」]$/u.exec(trimmed)?.[1];
  if (quoted) return { name: quoted, start: start + 1, end: start + 1 + quoted.length };
  const end = readCapitalisedRun(text, start);
  if (end !== start + trimmed.length) return null;
  return { name: trimmed, start, end };
}

/**
 * Reads a later reply that answers a question ("jo@x.com", "it's a bakery", "we're in Osaka",
 * "call it Moon Cafe", "change the email to x@y.z"): only the fields the reply tells. Naming another
 * country whose zone is unknown clears a zone `known` had.
 */
export function readFollowUpFields(text: string, known: SignupFields): Partial<SignupFields> {
  const masked = readableText(text);
  const result: Partial<SignupFields> = {};
  const email = extractEmail(text);
  if (email) result.email = email;

  const renameAt = RENAME.exec(masked);
  let name: NameSpan | null = null;
  if (renameAt) {
    const start = skipCorrectionWords(masked, renameAt.index + renameAt[0].length);
    const quoted = /^["'“‘「](.+?)["'”’」](?=[\s.,!?]|$)/u.exec(masked.slice(start))?.[1];
    const end = quoted ? start + 1 + quoted.length : readFreeName(masked, start);
    const from = quoted ? start + 1 : start;
    if (end !== null && end > from) name = { name: masked.slice(from, end).trim(), start: from, end };
  }
  name ??= findOrganisationName(masked);
  const place = readPlace(masked, name, known.country === null);
  const industryMentions = findIndustryMentions(masked).filter((mention) => !name || mention.end <= name.start || mention.start >= name.end);
  if (!name && !email && !place.named && industryMentions.length === 0) name = bareName(masked);
  if (!name && !place.named && industryMentions.length > 0 && !known.organisationName) {
    const candidate = bareName(masked);
    if (candidate && candidate.name.split(/\s+/).length > 1) name = candidate;
  }
  if (name) result.organisationName = asWritten(name, text)?.name ?? name.name;

  const industry =
    statedIndustry(masked) ?? industryFromName(masked) ?? classifyIndustry(masked, name ? [name.start, name.end] : null);
  const insideNameOnly = name !== null && industryMentions.length === 0;
  if (industry && (!insideNameOnly || known.industry === null)) result.industry = industry;

  if (place.named && place.country) {
    result.country = place.country;
    if (place.timezone) result.timezone = place.timezone;
    else if (place.country !== known.country) result.timezone = null;
  } else if (place.timezone) {
    result.timezone = place.timezone;
  }
  return result;
}
