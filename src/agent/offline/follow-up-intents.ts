import type { ConversationView } from './conversation-view.js';
import { call, say, NEEDS_REAL_MODEL, type OfflineAction } from './offline-action.js';

/** The calls a signed-in request maps to, in order; the policy runs them one step at a time, then summarises. */
export type CallPlan = Array<{ toolName: string; input: Record<string, unknown> }>;

/** The first calls after signup (contract §5.8): who am I, plan, services. */
export const AFTER_SIGNUP_PLAN: CallPlan = [
  { toolName: 'list_my_companies', input: {} },
  { toolName: 'get_plan_status', input: {} },
  { toolName: 'list_services', input: {} },
];

/** The official doctor's calls (contract §3.2). */
const DOCTOR_PLAN: CallPlan = [
  { toolName: 'list_my_companies', input: {} },
  { toolName: 'get_plan_status', input: {} },
  { toolName: 'get_whatsapp_connection_status', input: {} },
];

export const OFFLINE_HELP =
  'I can: list services · add a service ("add a service Yoga class, 60 min, 150") · plan status · search members <name> · who am I · bookings · doctor. ' +
  'Anything else needs a real model (OPENAI_API_KEY or OPENAI_BASE_URL).';

/** Maps a signed-in person's message to a plan, or a direct answer when it needs none. */
export function planFor(text: string, view: ConversationView): CallPlan | OfflineAction {
  const lower = text.toLowerCase();
  if (/\b(help|what can you do|commands)\b/.test(lower)) return say(OFFLINE_HELP);
  if (/\b(doctor|health ?check|diagnos|check (the )?connection)\b/.test(lower)) return DOCTOR_PLAN;
  if (/\b(add|create|new)\b.*\bservice\b/.test(lower)) return createServicePlan(text);
  if (/\bservices?\b/.test(lower)) return [{ toolName: 'list_services', input: {} }];
  if (/\b(plan|quota|limits?|trial|subscription|billing)\b/.test(lower)) return [{ toolName: 'get_plan_status', input: {} }];
  const search = /\b(?:search|find|look ?up|look for)\b(?:\s+(?:for|the))?(?:\s+(?:members?|customers?|clients?|accounts?|contacts?))?\s*(.*)$/i.exec(text);
  if (search || /\b(members?|customers?|clients?)\b/.test(lower)) {
    const query = (search?.[1] ?? '').replace(/^(named|called)\s+/i, '').replace(/[?.!]+$/, '').trim();
    const key = view.tools.get('search_members') && hasProperty(view.tools.get('search_members'), 'search') ? 'search' : 'query';
    return [{ toolName: 'search_members', input: query ? { [key]: query, limit: 10 } : { limit: 10 } }];
  }
  if (/\bbookings?\b|\bappointments?\b/.test(lower)) return [{ toolName: 'list_bookings', input: { limit: 10 } }];
  if (/\b(who ?am ?i|whoami|workspaces?|my compan(y|ies)|my account)\b/.test(lower)) return [{ toolName: 'list_my_companies', input: {} }];
  if (/\b(dashboard|stats|statistics|how is (my|the) business)\b/.test(lower)) return [{ toolName: 'get_dashboard_stats', input: {} }];
  if (/\b(sign ?up|register)\b/.test(lower)) {
    return say('You are already signed in. To sign up another business, use /logout first (your current key stays valid in FavCRM).');
  }
  return say(NEEDS_REAL_MODEL);
}

function createServicePlan(text: string): CallPlan | OfflineAction {
  const quoted = /["“'‘]([^"”'’]+)["”'’]/.exec(text)?.[1];
  const named = /\bservice\b\s*(?:called|named|:)?\s*([^,\d]+?)(?:,|\s+\d|\s+for\b|$)/i.exec(text)?.[1];
  const name = (quoted ?? named ?? '').trim();
  const hours = /(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?)\b/i.exec(text);
  const minutes = /(\d+)\s*(?:m|min|mins|minutes?)\b/i.exec(text);
  const durationMinutes = minutes ? Number(minutes[1]) : hours ? Math.round(Number(hours[1]) * 60) : null;
  const withoutDuration = text.replace(/(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?|m|min|mins|minutes?)\b/gi, '');
  const priceMatch = /(?:[$€£¥]|hk\$|usd|hkd|eur|gbp)?\s*(\d+(?:\.\d{1,2})?)/i.exec(withoutDuration);
  const price = priceMatch ? Number(priceMatch[1]) : null;
  if (!name || durationMinutes === null || price === null) {
    return say('To add a service I need its name, length and price, e.g. "add a service Yoga class, 60 min, 150".');
  }
  return [{ toolName: 'create_service', input: { name, durationMinutes, price } }];
}

function hasProperty(schema: Record<string, unknown> | undefined, property: string): boolean {
  const properties = schema?.properties;
  return Boolean(properties && typeof properties === 'object' && property in properties);
}

export { call };
