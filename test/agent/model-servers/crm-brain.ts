import type { Intent } from './dialects.js';
import type { ChatMessage, ChatRequest } from './replay-server.js';
import { signupBrain, textOf } from './signup-brain.js';

/** Everyday requests a signed-in person makes, each answered by one tool call and a one-line summary. */
export const EVERYDAY: Array<[string, string, Record<string, unknown>]> = [
  ['list my services', 'list_services', {}],
  ['what plan am I on', 'get_plan_status', {}],
  ['show my bookings', 'list_bookings', {}],
  ['how is business', 'get_dashboard_stats', {}],
  ['find member Jane', 'search_members', { query: 'Jane' }],
  ['is whatsapp connected', 'get_whatsapp_connection_status', {}],
];

/** Searches an exploring turn makes before it acts: each names up to 8 more tools to load. */
export const EXPLORING_SEARCHES = ['create a booking', 'send an invoice', 'run a marketing campaign', 'manage deals and tasks'];
export const EXPLORING_PROMPT = 'explore what FavCRM can do for bookings, invoices, campaigns and deals';

function answered(messages: ChatMessage[]): string | undefined {
  const last = messages.at(-1);
  for (const message of messages) for (const call of message.tool_calls ?? []) if (call.id === last?.tool_call_id) return call.function.name;
  return undefined;
}

/**
 * A capable model in a long session: signs up, answers everyday requests with one call each, and on an exploring
 * request searches four times (loading ~30 tools) and then calls a tool a search found.
 */
export function crmBrain(body: ChatRequest): Intent {
  const messages = body.messages;
  const last = messages.at(-1);
  const turn = messages.slice(messages.findLastIndex((message) => message.role === 'user'));
  const userText = textOf(turn[0]);
  if (userText.includes(EXPLORING_PROMPT)) {
    const searches = turn.flatMap((message) => message.tool_calls ?? []).filter((call) => call.function.name === 'query_favcrm_platform').length;
    const next = EXPLORING_SEARCHES[searches];
    if (next) return { kind: 'tools', calls: [{ name: 'query_favcrm_platform', args: { query: next } }] };
    if (answered(messages) === 'query_favcrm_platform') return { kind: 'tools', calls: [{ name: 'list_deals', args: {} }] };
    return { kind: 'text', text: 'FavCRM covers bookings, invoices, campaigns and deals; you have no deals yet.' };
  }
  const everyday = EVERYDAY.find(([text]) => userText.startsWith(text));
  if (everyday) {
    if (last?.role === 'user') return { kind: 'tools', calls: [{ name: everyday[1], args: everyday[2] }] };
    return { kind: 'text', text: `Here is what ${everyday[1]} says, in short.` };
  }
  return signupBrain(body);
}
