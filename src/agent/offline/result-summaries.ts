import type { PastToolCall } from './conversation-view.js';
import { describeLocal, isKnownZone, zoneWords } from './local-time-words.js';
import { exampleServiceRequest } from './service-examples.js';
import { wordsForPeople } from './words-for-people.js';
import type { Industry } from './signup-fields.js';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** Rows of a list-shaped result (`items`, `tiers`, `results`, `rows`, `data`, or a bare array). */
export function listRows(value: unknown): Json[] | null {
  if (Array.isArray(value)) return value.map(asObject);
  const record = asObject(value);
  for (const key of ['items', 'tiers', 'results', 'rows', 'data']) {
    if (Array.isArray(record[key])) return (record[key] as unknown[]).map(asObject);
  }
  return null;
}

/** A human label for a row: its name, title or email, else its id. */
export function rowLabel(row: Json): string {
  return oneLine(labelOf(row));
}

function labelOf(row: Json): string {
  for (const key of ['name', 'title', 'displayName', 'email', 'companyName', 'id']) {
    if (typeof row[key] === 'string' && row[key]) return row[key] as string;
  }
  return Object.values(row).find((value) => typeof value === 'string') as string | undefined ?? 'item';
}

/**
 * A stored name on one line: a line break inside "Croissant class\r\nFAKE> line" would start a forged line of the
 * conversation in the chat and in headless output.
 */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
}

/** "1 booking", "3 bookings": a count and its noun, agreeing. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A row's start as the workspace reads it: weekday, date and local time in `timezone`, else the local string given. */
function rowStart(row: Json, timezone: string | null): string {
  const epochMs = typeof row.startAt === 'string' ? Date.parse(row.startAt) : Number.NaN;
  if (timezone && isKnownZone(timezone) && !Number.isNaN(epochMs)) return describeLocal(epochMs, timezone);
  return String(row.localStart ?? row.startAt ?? '?');
}

/** What the summaries know of the workspace: its zone for times, its currency for prices. */
export interface WorkspaceFacts {
  timezone?: string | null;
  currency?: string | null;
}

/** One or two sentences about a finished call, for the offline model's replies; times in the workspace's zone. */
export function describeResult(call: PastToolCall, industry: Industry | null = null, workspace: WorkspaceFacts = {}): string {
  const timezone = workspace.timezone ?? null;
  if (call.errorCode) return `FavCRM couldn't do that (${call.errorCode}): ${wordsForPeople(call.errorMessage ?? '', workspace.timezone ?? null)}`;
  const data = call.output;
  switch (call.toolName) {
    case 'list_my_companies':
      return describeCompanies(data);
    case 'get_plan_status':
      return describePlan(data);
    case 'list_services':
      return describeList(data, 'service', `No services yet. Tell me one to add, e.g. "${exampleServiceRequest(industry)}".`);
    case 'get_whatsapp_connection_status': {
      const record = asObject(data);
      return record.connected === true
        ? `WhatsApp is connected (${String(record.verifiedName ?? record.phoneNumberId ?? 'number on file')}).`
        : 'WhatsApp is not connected yet (it needs a browser step: connect it in the portal, or ask me for a connect link once you use a real model).';
    }
    case 'create_service': {
      const record = asObject(data);
      const service = asObject(record.service ?? record);
      // The length, price and size as stored, so a misread one is seen at once, not found later.
      const facts = [
        typeof service.durationMinutes === 'number' ? `${service.durationMinutes} min` : null,
        typeof service.price === 'number' ? `${typeof service.currency === 'string' ? `${service.currency} ` : ''}${service.price}` : null,
        typeof service.capacity === 'number' && service.capacity > 1 ? `up to ${service.capacity} people` : null,
      ].filter(Boolean);
      const id = service.id ? `, ${String(service.id)}` : '';
      // A price kept in another currency than the workspace's is said, so "$90" stored as USD is not a surprise.
      const other = typeof service.currency === 'string' && workspace.currency && service.currency !== workspace.currency
        ? ` The price is in ${service.currency}, as written, not the workspace's own ${workspace.currency}.`
        : '';
      return `Added the service "${rowLabel(service)}"${facts.length > 0 || id ? ` (${facts.join(', ')}${facts.length > 0 ? id : id.slice(2)})` : ''}.${other}`;
    }
    case 'create_account': {
      const record = asObject(data);
      const account = asObject(record.account ?? record);
      // FavCRM's "member" column means the loyalty membership, which creating a customer does not enrol them in.
      return `Added "${rowLabel(account)}"${account.id ? ` (${String(account.id)})` : ''} as a customer. They are not in the loyalty membership yet (say "enrol ${rowLabel(account)} in the membership").`;
    }
    case 'create_booking': {
      const record = asObject(data);
      const booking = asObject(record.booking ?? record);
      const zone = typeof record.timezone === 'string' ? record.timezone : timezone;
      const when = rowStart(booking, zone);
      const zoneNamed = zone && isKnownZone(zone) ? ` (${zoneWords(zone)})` : '';
      return `Booked ${String(booking.customerName ?? 'the member')} into ${String(booking.serviceName ?? 'the service')} on ${when}${zoneNamed}${booking.id ? `, booking ${String(booking.id)}` : ''}.`;
    }
    case 'list_bookings': {
      const rows = listRows(data) ?? [];
      if (rows.length === 0) return 'No bookings yet. Book one with "book <member> into <service> <day> at <time>".';
      const total = typeof asObject(data).total === 'number' ? (asObject(data).total as number) : rows.length;
      const zone = typeof asObject(data).timezone === 'string' ? (asObject(data).timezone as string) : timezone;
      const shown = rows.slice(0, 10).map((row) => `${oneLine(String(row.customerName ?? 'someone'))}, ${oneLine(String(row.serviceName ?? 'a service'))}, ${rowStart(row, zone)}`);
      const more = total > shown.length ? `; and ${total - shown.length} more` : '';
      const zoneNamed = zone && isKnownZone(zone) ? ` (times in ${zoneWords(zone)})` : '';
      return `${counted(total, 'booking')}${zoneNamed}: ${shown.join('; ')}${more}.`;
    }
    case 'enrol_membership': {
      const record = asObject(data);
      const account = asObject(record.account);
      const tier = typeof account.tierName === 'string' ? ` (tier ${account.tierName})` : '';
      return record.alreadyMember === true
        ? `"${rowLabel(account)}" was already a member${tier}.`
        : `Enrolled "${rowLabel(account)}" in the loyalty membership${tier}.`;
    }
    case 'get_dashboard_stats':
      return describeDashboard(data);
    case 'search_members': {
      const query = call.input.search ?? call.input.query;
      const empty = typeof query === 'string' ? `No members match "${query}".` : 'No members yet. Add one with "add a member Jane Doe jane@example.com".';
      return describeList(data, 'member', empty);
    }
    default: {
      const rows = listRows(data);
      if (rows) return describeList(data, 'result', 'Nothing found.');
      const record = asObject(data);
      const label = record.name ?? record.title ?? record.status ?? record.message;
      if (typeof label === 'string') return `${call.toolName}: ${label}.`;
      // A stats-shaped answer ({total, completed, …}): its figures, not just "finished".
      const figures = figuresOf(record);
      return figures ? `${call.toolName}: ${figures}.` : `${call.toolName} finished.`;
    }
  }
}

/** "Last 7 days (2026-11-19 to 2026-11-25): customers 3 (2 new), bookings 5 (1 completed, 4 upcoming), revenue HKD 360." */
function describeDashboard(data: unknown): string {
  const record = asObject(data);
  const range = asObject(record.range);
  const customers = asObject(record.customers);
  const bookings = asObject(record.bookings);
  const revenue = listRows(record.revenue) ?? [];
  const when =
    typeof range.fromDate === 'string' && typeof range.toDate === 'string'
      ? range.fromDate === range.toDate
        ? `Today (${range.toDate})`
        : `${range.fromDate} to ${range.toDate}`
      : 'the last days';
  const money = revenue.length > 0 ? revenue.map((row) => `${String(row.currency ?? '')} ${String(row.amount ?? 0)}`.trim()).join(', ') : 'none yet';
  return (
    `${when}: ${counted(Number(customers.total ?? 0), 'customer')} (${String(customers.new ?? 0)} new), ` +
    `${counted(Number(bookings.total ?? 0), 'booking')} in that time (${String(bookings.completed ?? 0)} completed), revenue ${money}; ${counted(Number(bookings.upcoming ?? 0), 'booking')} to come.`
  );
}

/** Up to eight numbers of a result, one level deep, as "bookings total 5, bookings completed 1". */
function figuresOf(record: Json): string | null {
  const figures: string[] = [];
  const words = (key: string) => key.replace(/([a-z])([A-Z0-9])/g, '$1 $2').replace(/([0-9])([A-Za-z])/g, '$1 $2').toLowerCase();
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'number') figures.push(`${words(key)} ${value}`);
    else for (const [inner, figure] of Object.entries(asObject(value))) if (typeof figure === 'number') figures.push(`${words(key)} ${words(inner)} ${figure}`);
  }
  return figures.length > 0 ? figures.slice(0, 8).join(', ') : null;
}

function describeCompanies(data: unknown): string {
  const rows = listRows(data) ?? [];
  const record = asObject(data);
  const user = asObject(record.user);
  const active = rows.find((row) => row.active === true) ?? rows[0];
  const who = typeof user.email === 'string' ? ` as ${user.email}` : '';
  if (!active) return `You are signed in${who}, but no workspace was listed.`;
  const role = typeof active.role === 'string' ? `, role ${active.role}` : '';
  const more = rows.length > 1 ? ` (${rows.length} workspaces in all)` : '';
  return `You are signed in${who} to "${rowLabel(active)}"${role}${more}.`;
}

function describePlan(data: unknown): string {
  const record = asObject(data);
  const plan = asObject(record.plan);
  const name = record.planName ?? plan.name ?? record.planCode ?? plan.code ?? record.plan;
  const parts = [`Plan: ${typeof name === 'string' ? name : 'unknown'}`];
  const state = record.paymentState ?? record.status ?? plan.status;
  if (typeof state === 'string') parts.push(`status ${state}`);
  const trial = record.trialEndsAt ?? asObject(record.trial).endsAt;
  if (typeof trial === 'string') parts.push(`trial until ${trial.slice(0, 10)}`);
  const quotas = listRows(record.quotas ?? record.usage);
  if (quotas && quotas.length > 0) {
    const shown = quotas.slice(0, 3).map((quota) => `${String(quota.label ?? quota.code ?? quota.name ?? 'quota')} ${String(quota.used ?? 0)}/${String(quota.limit ?? '∞')}`);
    parts.push(`usage ${shown.join(', ')}`);
  }
  return `${parts.join(', ')}.`;
}

const LISTED_NAMES = 20;

function describeList(data: unknown, noun: string, empty: string): string {
  const rows = listRows(data) ?? [];
  if (rows.length === 0) return empty;
  const total = typeof asObject(data).total === 'number' ? (asObject(data).total as number) : rows.length;
  // Up to twenty names: offline there is no "show more", and a studio's catalogue is rarely longer.
  const shown = rows.slice(0, LISTED_NAMES).map(rowLabel).join(', ');
  const more = total > Math.min(rows.length, LISTED_NAMES) ? ` and ${total - Math.min(rows.length, LISTED_NAMES)} more` : '';
  return `${counted(total, noun)}: ${shown}${more}.`;
}
