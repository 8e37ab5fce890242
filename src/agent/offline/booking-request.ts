/**
 * "book Jane Doe into Yoga class tomorrow at 10": the offline model's one booking, read into `create_booking`. It
 * looks the member, the service and the workspace's time zone up first (all in one turn), then books; anything it
 * cannot pin down gets a question, never a guess.
 */
import { LOAD_TOOLS_NAME } from '../../mcp/tool-exposure.js';
import type { ConversationView, PastToolCall } from './conversation-view.js';
import type { CallPlan } from './create-requests.js';
import { say, type OfflineAction } from './offline-action.js';
import { listRows } from './result-summaries.js';
import { exampleBookingRequest, exampleServiceRequest, workspaceIndustry } from './service-examples.js';
import { findDayPhrase, findTimePhrase, type DayPhrase, type Found, type TimePhrase } from './date-phrase.js';
import { dateLocale, describeDate, resolveDay, type DateLocale } from './date-resolution.js';
import { zoneWords } from './local-time-words.js';
import { todayIn, zonedDateTime } from './zoned-time.js';

/** A request that starts with booking something (after "please", "can you"). */
export const BOOKING_REQUEST = /^\s*(?:(?:please|pls|can you|could you|would you)\s+)?(?:book|schedule)\b/i;

export interface BookingRequest {
  /** The words before "into/in/for/on": usually the member; maybe the service ("book Yoga class for Jane"). */
  first: string;
  second: string;
  day: DayPhrase;
  /** The day as written ("next Monday"), for questions about it. */
  dayText: string;
  hour: number;
  minute: number;
}

/** The parts of a booking request: who and what (as written), and when (day and time), each possibly missing. */
export interface BookingParts {
  first: string | null;
  second: string | null;
  day: Found<DayPhrase> | null;
  time: Found<TimePhrase> | null;
}

const blank = (text: string, found: { start: number; end: number } | null): string =>
  found ? text.slice(0, found.start) + ' '.repeat(found.end - found.start) + text.slice(found.end) : text;

/** Reads who, what and when, keeping whatever is there so a question can name what is missing. */
export function readBookingParts(text: string): BookingParts {
  const rest = text.replace(BOOKING_REQUEST, '').replace(/^\s*(?:an?\s+)?(?:booking|appointment|session)?\s*(?:for\s+)?/i, '');
  const day = findDayPhrase(rest);
  // The day is cut out first: "12.11." is a date, not the time 12:11.
  const time = findTimePhrase(blank(rest, day), rest);
  const whenStarts = Math.min(day?.start ?? rest.length, time?.start ?? rest.length);
  const what = rest.slice(0, whenStarts).replace(/[,.]\s*$/, '').trim();
  const parts = /^(.+?)\s+(?:into|in|for|on|to)\s+(?:the\s+|a\s+|an\s+)?(.+)$/i.exec(what);
  return { first: parts?.[1]?.trim() ?? (what || null), second: parts?.[2]?.trim() ?? null, day, time };
}

/** Who, what and when, or null when the sentence lacks one of them. */
export function readBookingRequest(text: string): BookingRequest | null {
  const parts = readBookingParts(text);
  if (!parts.first || !parts.second || !parts.day || !parts.time) return null;
  return { first: parts.first, second: parts.second, day: parts.day.value, dayText: parts.day.text, ...parts.time.value };
}

const normal = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The rows whose name is this one, or holds every word of it ("jane" finds "Jane Doe"); exact names win. */
export function matchByName(rows: Array<Record<string, unknown>>, wanted: string): Array<Record<string, unknown>> {
  const target = normal(wanted);
  const named = rows.filter((row) => typeof row.name === 'string');
  const exact = named.filter((row) => normal(row.name as string) === target);
  if (exact.length > 0) return exact;
  const words = target.split(' ').filter((word) => !['class', 'session', 'lesson'].includes(word) || target.split(' ').length === 1);
  return named.filter((row) => {
    const name = ` ${normal(row.name as string)} `;
    return words.length > 0 && words.every((word) => name.includes(` ${word} `) || name.includes(` ${word}`));
  });
}

const LOOKUPS: CallPlan = [
  { toolName: 'search_members', input: { limit: 100 } },
  { toolName: 'list_services', input: {} },
  { toolName: 'list_my_companies', input: {} },
];

function lookup(view: ConversationView, toolName: string): PastToolCall | undefined {
  return view.turnCalls.find((call) => call.toolName === toolName && !call.errorCode);
}

/** The active workspace's zone and country, from `list_my_companies`. */
export function workspaceProfile(companies: unknown): { timezone: string | null; country: string | null } {
  const output = (companies ?? {}) as { items?: Array<{ timezone?: unknown; country?: unknown; active?: unknown }> };
  const items = Array.isArray(output.items) ? output.items : [];
  const current = items.find((item) => item.active === true) ?? items[0];
  return {
    timezone: typeof current?.timezone === 'string' ? current.timezone : null,
    country: typeof current?.country === 'string' ? current.country : null,
  };
}

const names = (rows: Array<Record<string, unknown>>): string => rows.map((row) => `"${String(row.name)}"`).join(' or ');

/** The calls for a booking request: the lookups, then `create_booking` once they are back; or a question. */
export function bookingPlan(text: string, view: ConversationView, nowMs: number = view.nowMs ?? Date.now()): CallPlan | OfflineAction {
  const request = readBookingRequest(text);
  if (!request) return say(missingPartsQuestion(readBookingParts(text), exampleBookingRequest(workspaceIndustry(view.allCalls))));
  if (!LOOKUPS.every((step) => view.turnCalls.some((call) => call.toolName === step.toolName))) return LOOKUPS;
  const booked = view.turnCalls.find((call) => call.toolName === 'create_booking');
  if (booked) return [...LOOKUPS, { toolName: 'create_booking', input: booked.input }];
  // create_booking is not in the core set: load it first, as a real model would, and book on the next step.
  const load = { toolName: LOAD_TOOLS_NAME, input: { names: ['create_booking'] } };
  const needsLoading = !view.tools.has('create_booking');

  const members = listRows(lookup(view, 'search_members')?.output) ?? [];
  const services = listRows(lookup(view, 'list_services')?.output) ?? [];
  // "book Jane into Yoga" or "book Yoga for Jane": whichever way round the names match.
  let memberName = request.first;
  let serviceName = request.second;
  const noneAsSaid = matchByName(members, memberName).length === 0 && matchByName(services, serviceName).length === 0;
  if (noneAsSaid && (matchByName(members, serviceName).length > 0 || matchByName(services, memberName).length > 0)) {
    [memberName, serviceName] = [serviceName, memberName];
  }
  const memberMatches = matchByName(members, memberName);
  const serviceMatches = matchByName(services, serviceName);
  if (memberMatches.length === 0) return say(`I can't find a member called "${memberName}". Add them first ("add a member ${memberName} their@email.com"), then book.`);
  if (memberMatches.length > 1) return say(`Which member do you mean: ${names(memberMatches)}? Say the booking again with the full name (offline I read each request on its own).`);
  if (serviceMatches.length === 0) {
    return say(services.length === 0 ? `There are no services to book yet. Add one first, e.g. "${exampleServiceRequest(workspaceIndustry(view.allCalls))}".` : `Which service? You have ${names(services)}. Say the booking again with the full name (offline I read each request on its own).`);
  }
  if (serviceMatches.length > 1) return say(`Which service do you mean: ${names(serviceMatches)}? Say the booking again with the full name (offline I read each request on its own).`);

  const profile = workspaceProfile(lookup(view, 'list_my_companies')?.output);
  const timezone = profile.timezone ?? 'UTC';
  const when = bookingStart(request, timezone, dateLocale(profile.country), nowMs);
  if ('question' in when) return say(when.question);
  const [member] = memberMatches;
  const [service] = serviceMatches;
  const create = { toolName: 'create_booking', input: { serviceId: String(service?.id), accountId: String(member?.id), startAt: when.iso } };
  const loaded = view.turnCalls.some((call) => call.toolName === LOAD_TOOLS_NAME);
  return needsLoading && !loaded ? [...LOOKUPS, load] : [...LOOKUPS, ...(loaded ? [load] : []), create];
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * The booking's start as ISO with the zone's offset, or the question to ask: the day is invalid, already past, or
 * the words allow more than one date still ahead. Every question names the weekday, the date and the zone.
 */
export function bookingStart(
  request: Pick<BookingRequest, 'day' | 'dayText' | 'hour' | 'minute'>,
  timezone: string,
  locale: DateLocale,
  nowMs: number,
): { iso: string; epochMs: number } | { question: string } {
  const clock = `${pad(request.hour)}:${pad(request.minute)}`;
  const zone = zoneWords(timezone);
  const resolved = resolveDay(request.day, todayIn(timezone, nowMs), locale);
  if (resolved.kind === 'invalid') return { question: `I can't book "${request.dayText}": ${resolved.reason}. Which day do you mean?` };
  const starts = resolved.dates.map((date) => ({ date, ...zonedDateTime(date, request.hour, request.minute, timezone) }));
  const ahead = starts.filter((start) => start.epochMs > nowMs);
  const [only] = ahead;
  if (ahead.length === 1 && only) return { iso: only.iso, epochMs: only.epochMs };
  if (ahead.length === 0) {
    const last = starts[starts.length - 1];
    return { question: `${last ? describeDate(last.date) : request.dayText} at ${clock} (${zone}) has already passed. Which day and time?` };
  }
  const options = ahead.map((start) => describeDate(start.date));
  const numeric = request.day.kind === 'numeric' ? ' (the workspace has no country, so I do not know which number is the day)' : '';
  return {
    question: `"${request.dayText}" could be ${options.join(' or ')}${numeric}. Say the booking again with the date written out, e.g. "${dateWrittenOut(ahead[ahead.length - 1]?.date)} at ${clock}" (${zone}).`,
  };
}

const dateWrittenOut = (date: { day: number; month: number } | undefined): string =>
  date ? `on ${date.day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.month - 1] ?? ''}` : 'on 3 Dec';

/** What a booking request lacks, named, with the parts it has kept in the example. */
function missingPartsQuestion(parts: BookingParts, example: string): string {
  const missing = [
    !parts.first || !parts.second ? 'who and which service' : null,
    !parts.day ? 'the day' : null,
    !parts.time ? 'the time' : null,
  ].filter(Boolean);
  const understood = [parts.day?.text, parts.time?.text].filter(Boolean).join(' ');
  const kept = understood ? ` I read the time as "${understood}".` : '';
  return `To book I need ${missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}.${kept} Say it all in one message (offline I read each request on its own), e.g. "${example}".`;
}

/** The offline model's booking questions: a reply to one of them finishes that booking. */
const BOOKING_QUESTION = /^To book I need |" could be .* Say the booking again|has already passed\. Which day and time\?|^I can't book "/;

/**
 * "tomorrow at noon" in reply to "To book I need the day and the time", or "18 Dec" in reply to "could be Friday 11
 * or Friday 18 December": the previous request with what the reply says, as one request. Null when the reply does
 * not answer a booking question (offline, each request is otherwise read on its own).
 */
export function bookingAnswer(view: ConversationView): string | null {
  const reply = view.userTexts.at(-1) ?? '';
  const asked = view.askedBefore.at(-1) ?? '';
  const previous = view.userTexts.at(-2) ?? '';
  if (!BOOKING_QUESTION.test(asked) || BOOKING_REQUEST.test(reply)) return null;
  const before = readBookingParts(previous);
  const day = findDayPhrase(reply);
  const time = findTimePhrase(blank(reply, day), reply);
  const answer = readBookingParts(`book ${reply}`);
  const first = before.first ?? answer.first;
  const second = before.second ?? answer.second;
  const dayText = day?.text ?? before.day?.text;
  const clock = time?.value ?? before.time?.value;
  if (!first || !second || !dayText || !clock || (!day && !time && !answer.second)) return null;
  const on = /^(?:on|in|today|tonight|tomorrow|this|next|coming|the day)\b/i.test(dayText) ? '' : 'on ';
  return `book ${first} into ${second} ${on}${dayText} at ${pad(clock.hour)}:${pad(clock.minute)}`;
}
