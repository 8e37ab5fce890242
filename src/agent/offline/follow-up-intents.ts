import type { ConversationView } from './conversation-view.js';
import { createAccountPlan, createServicePlan, MEMBER_NOUN, SERVICE_NOUN, TEAM_NOUN, type CallPlan } from './create-requests.js';
import { call, say, NEEDS_REAL_MODEL, type OfflineAction } from './offline-action.js';
import { BOOKING_REQUEST, bookingPlan } from './booking-request.js';
import { enrolmentName, membershipPlan } from './membership-request.js';
import { mentionsLength } from './service-request.js';
import { requestVerb } from './request-verbs.js';
import { exampleBookingRequest, exampleServiceRequest, workspaceIndustry } from './service-examples.js';
import type { Industry } from './signup-fields.js';

/** The calls a signed-in request maps to, in order; the policy runs them one step at a time, then summarises. */
export type { CallPlan };

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

/** What the offline model can do, with an example service that fits the workspace. */
export const offlineHelp = (industry: Industry | null): string =>
  `I can: list services · add a service ("${exampleServiceRequest(industry)}") · add a member ("add a member Jane Doe jane@example.com") · ` +
  `book one ("${exampleBookingRequest(industry)}") · enrol a member in the loyalty membership · search members <name> · plan status · who am I · bookings · dashboard · doctor. ` +
  'Anything else needs a real model (OPENAI_API_KEY or OPENAI_BASE_URL).';

const REAL_MODEL_SETUP = 'set OPENAI_API_KEY, or OPENAI_BASE_URL for Ollama, llama.cpp or vLLM, and restart';
const REAL_MODEL_HINT = `that needs a real language model (${REAL_MODEL_SETUP})`;

/** Maps a signed-in person's message to a plan, or a direct answer when it needs none. */
export function planFor(text: string, view: ConversationView): CallPlan | OfflineAction {
  const lower = text.toLowerCase();
  if (/\b(doctor|health ?check|diagnos|check (the )?connection)\b|\bis (everything|it|the connection|favcrm) (ok|okay|working|fine|up)\b/.test(lower)) return DOCTOR_PLAN;
  if (/^\W*(thanks?|thank you|thx|ty|cheers|great|perfect|awesome|cool|nice)\b[\s\w]{0,20}\W*$/.test(lower)) {
    return say(`Glad to help. Anything else? For example "${exampleServiceRequest(workspaceIndustry(view.allCalls))}", "plan status" or "help".`);
  }
  if (BOOKING_REQUEST.test(text)) return bookingPlan(text, view);
  if (enrolmentName(text) !== null) return membershipPlan(text, view);
  // The verb decides before any noun does: "delete the service Yoga class" must not list services.
  const verb = requestVerb(text);
  const industry = workspaceIndustry(view.allCalls);
  if (verb.kind === 'create') return createPlan(text, verb.verb, industry);
  // "I'd like to book …": the verb is not up front, but a booking is one thing offline can do.
  if (verb.kind === 'unsupported' && verb.verb === 'book') return bookingPlan(text.slice(Math.max(0, text.toLowerCase().indexOf('book'))), view);
  if (verb.kind === 'unsupported') {
    return say(`Offline I can't ${verb.verb} anything in your CRM: ${REAL_MODEL_HINT}. I can add services and members, and look things up (try "help").`);
  }
  if (/\b(help|what can (you|i) do|commands)\b/.test(lower)) return say(offlineHelp(industry));
  // "I'd also like to add a service …": the verb is not up front, but the request is plain.
  if (/\b(add|create)\b/.test(lower) && SERVICE_NOUN.test(text) && !MEMBER_NOUN.test(text)) return createServicePlan(text, industry);
  if (/\b(add|create)\b/.test(lower) && MEMBER_NOUN.test(text) && !TEAM_NOUN.test(text)) return createAccountPlan(text);
  if (SERVICE_NOUN.test(text)) return [{ toolName: 'list_services', input: {} }];
  if (/\b(plan|quota|limits?|trial|subscription|billing)\b/.test(lower)) return [{ toolName: 'get_plan_status', input: {} }];
  const search = /\b(?:search|find|look ?up|look for)\b(?:\s+(?:for|the))?(?:\s+(?:members?|customers?|clients?|accounts?|contacts?))?\s*(.*)$/i.exec(text);
  if (search || /\b(members?|customers?|clients?)\b/.test(lower)) {
    // "do I have any customers called Tom?": the name after "called"/"named" is the query.
    const named = /\b(?:called|named)\s+([^?.!,]+)/i.exec(text)?.[1];
    // "search members for 9123", "find the customer with email li@x.cn": the words around the query are not it.
    const query = (named ?? search?.[1] ?? '')
      .replace(/^(?:(?:named|called|for|with|whose|who\s+has|by|the|a)\s+)+/i, '')
      .replace(/^(?:(?:email|e-mail|phone|number|mobile|name)(?:\s+(?:is|of))?\s+)+/i, '')
      .replace(/[?.!]+$/, '')
      .trim();
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

/** A create request: services and members (customers) are mapped, anything else is honestly declined. */
function createPlan(text: string, verb: string, industry: Industry | null): CallPlan | OfflineAction {
  if (SERVICE_NOUN.test(text) && !MEMBER_NOUN.test(text)) return createServicePlan(text, industry);
  if (TEAM_NOUN.test(text)) {
    return say(`Offline I can't invite team members: ${REAL_MODEL_HINT}. The portal can too (Settings → Team).`);
  }
  if (MEMBER_NOUN.test(text)) return createAccountPlan(text);
  if (verb !== 'sign up' && verb !== 'register' && mentionsLength(text)) return createServicePlan(text, industry);
  if (verb === 'sign up' || verb === 'register') {
    return say('You are already signed in. To sign up another business, use /logout first (your current key stays valid in FavCRM).');
  }
  // "new bookings?" reads as a request to add one; say it in words that fit any such verb.
  return say(`Offline I can only add services and members. Anything else you want to ${verb === 'new' ? 'add' : verb} needs a real language model (${REAL_MODEL_SETUP}).`);
}

function hasProperty(schema: Record<string, unknown> | undefined, property: string): boolean {
  const properties = schema?.properties;
  return Boolean(properties && typeof properties === 'object' && property in properties);
}

export { call };
