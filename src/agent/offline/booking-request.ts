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
import { addDays, todayIn, weekdayOf, zonedDateTime, type LocalDate } from './zoned-time.js';

/** A request that starts with booking something (after "please", "can you"). */
export const BOOKING_REQUEST = /^\s*(?:(?:please|pls|can you|could you|would you)\s+)?(?:book|schedule)\b/i;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type DaySpec = { kind: 'relative'; days: number } | { kind: 'weekday'; weekday: number } | { kind: 'date'; month: number; day: number; year?: number };

export interface BookingRequest {
  /** The words before "into/in/for/on": usually the member; maybe the service ("book Yoga class for Jane"). */
  first: string;
  second: string;
  day: DaySpec;
  hour: number;
  minute: number;
}

const DAY_WORD = new RegExp(
  String.raw`\b(?:on\s+)?(?:(today|tonight)|(tomorrow)|(?:next\s+|this\s+)?(${WEEKDAYS.join('|')})|(\d{4})-(\d{2})-(\d{2})|(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTHS.join('|')})[a-z]*|(${MONTHS.join('|')})[a-z]*\s+(\d{1,2})(?:st|nd|rd|th)?)\b`,
  'i',
);
const TIME = /\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|\bat\s+(\d{1,2})(?::(\d{2}))?\b|\b(\d{1,2}):(\d{2})\b/i;

function readDay(match: RegExpExecArray): DaySpec {
  if (match[1]) return { kind: 'relative', days: 0 };
  if (match[2]) return { kind: 'relative', days: 1 };
  if (match[3]) return { kind: 'weekday', weekday: WEEKDAYS.indexOf(match[3].toLowerCase()) };
  if (match[4]) return { kind: 'date', year: Number(match[4]), month: Number(match[5]), day: Number(match[6]) };
  if (match[7] && match[8]) return { kind: 'date', day: Number(match[7]), month: MONTHS.indexOf(match[8].slice(0, 3).toLowerCase()) + 1 };
  return { kind: 'date', month: MONTHS.indexOf((match[9] ?? '').slice(0, 3).toLowerCase()) + 1, day: Number(match[10]) };
}

function readTime(match: RegExpExecArray): { hour: number; minute: number } | null {
  let hour = Number(match[1] ?? match[4] ?? match[6]);
  const minute = Number(match[2] ?? match[5] ?? match[7] ?? 0);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  // "at 3" for a class means the afternoon; mornings are written 7 to 11 or with "am".
  if (!meridiem && match[4] !== undefined && hour >= 1 && hour <= 6) hour += 12;
  return hour > 23 || minute > 59 ? null : { hour, minute };
}

/** Who, what and when, or null when the sentence lacks one of them. */
export function readBookingRequest(text: string): BookingRequest | null {
  const rest = text.replace(BOOKING_REQUEST, '').replace(/^\s*(?:an?\s+)?(?:booking|appointment|session)?\s*(?:for\s+)?/i, '');
  const dayMatch = DAY_WORD.exec(rest);
  const timeMatch = TIME.exec(rest);
  if (!dayMatch || !timeMatch) return null;
  const time = readTime(timeMatch);
  if (!time) return null;
  const whenStarts = Math.min(dayMatch.index, timeMatch.index);
  const what = rest.slice(0, whenStarts).replace(/[,.]\s*$/, '').trim();
  const parts = /^(.+?)\s+(?:into|in|for|on|to)\s+(?:the\s+|a\s+|an\s+)?(.+)$/i.exec(what);
  if (!parts?.[1] || !parts[2]) return null;
  return { first: parts[1].trim(), second: parts[2].trim(), day: readDay(dayMatch), ...time };
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

function resolveDay(spec: DaySpec, today: LocalDate): LocalDate {
  if (spec.kind === 'relative') return addDays(today, spec.days);
  if (spec.kind === 'weekday') return addDays(today, (spec.weekday - weekdayOf(today) + 7) % 7);
  const year = spec.year ?? today.year;
  const candidate = { year, month: spec.month, day: spec.day };
  // "3 Jan" said in December is next year's.
  const past = spec.year === undefined && (candidate.month < today.month || (candidate.month === today.month && candidate.day < today.day));
  return past ? { ...candidate, year: year + 1 } : candidate;
}

const LOOKUPS: CallPlan = [
  { toolName: 'search_members', input: { limit: 100 } },
  { toolName: 'list_services', input: {} },
  { toolName: 'list_my_companies', input: {} },
];

function lookup(view: ConversationView, toolName: string): PastToolCall | undefined {
  return view.turnCalls.find((call) => call.toolName === toolName && !call.errorCode);
}

function workspaceTimezone(companies: unknown): string | null {
  const output = (companies ?? {}) as { items?: Array<{ timezone?: unknown; active?: unknown }> };
  const items = Array.isArray(output.items) ? output.items : [];
  const current = items.find((item) => item.active === true) ?? items[0];
  return typeof current?.timezone === 'string' ? current.timezone : null;
}

const names = (rows: Array<Record<string, unknown>>): string => rows.map((row) => `"${String(row.name)}"`).join(' or ');

/** The calls for a booking request: the lookups, then `create_booking` once they are back; or a question. */
export function bookingPlan(text: string, view: ConversationView, nowMs: number = Date.now()): CallPlan | OfflineAction {
  const request = readBookingRequest(text);
  if (!request) return say(`To book, tell me who, what and when, e.g. "${exampleBookingRequest(workspaceIndustry(view.allCalls))}".`);
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

  const timezone = workspaceTimezone(lookup(view, 'list_my_companies')?.output) ?? 'UTC';
  const day = resolveDay(request.day, todayIn(timezone, nowMs));
  const start = zonedDateTime(day, request.hour, request.minute, timezone);
  if (start.epochMs <= nowMs) return say(`${start.iso.slice(0, 16).replace('T', ' ')} (${timezone}) has already passed. Which day and time?`);
  const [member] = memberMatches;
  const [service] = serviceMatches;
  const create = { toolName: 'create_booking', input: { serviceId: String(service?.id), accountId: String(member?.id), startAt: start.iso } };
  const loaded = view.turnCalls.some((call) => call.toolName === LOAD_TOOLS_NAME);
  return needsLoading && !loaded ? [...LOOKUPS, load] : [...LOOKUPS, ...(loaded ? [load] : []), create];
}
