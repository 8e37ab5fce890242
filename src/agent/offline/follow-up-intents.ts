import type { ConversationView } from './conversation-view.js';
import { createAccountPlan, MEMBER_NOUN, SERVICE_NOUN, TEAM_NOUN, type CallPlan } from './create-requests.js';
import { accountAnswer } from './account-answers.js';
import { call, say, type OfflineAction } from './offline-action.js';
import { notUnderstood, offlineHelp, REAL_MODEL_SETUP } from './offline-capabilities.js';
import { BOOKING_REQUEST, bookingAnswer, bookingPlan } from './booking-request.js';
import { enrolmentName, membershipPlan } from './membership-request.js';
import { workspaceProfile } from './booking-request.js';
import { createServicePlan, mentionsLength, writesCurrency, writesPrice } from './service-request.js';
import { currencyOfCountry } from './workspace-currency.js';
import { requestVerb } from './request-verbs.js';
import { exampleServiceRequest, workspaceIndustry } from './service-examples.js';
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

export { offlineHelp };

/**
 * "Sign up another business" while signed in: one conversation works in one workspace, and /logout is how to leave
 * it; say what that costs (the key is shown once) instead of "your key stays valid", which reads as "nothing lost".
 */
const ANOTHER_BUSINESS =
  "You're signed in to a workspace already, and I work in one workspace at a time, so nothing was changed. To sign up another business, type /logout first: that removes this workspace's key from this computer. The key stays valid in FavCRM, but FavCRM shows a key only once, so coming back to this workspace later means creating a new key in the portal (Settings → MCP Keys). Then tell me about the new business.";

const REAL_MODEL_HINT = `that needs a real language model (${REAL_MODEL_SETUP})`;

/** Maps a signed-in person's message to a plan, or a direct answer when it needs none. */
export function planFor(text: string, view: ConversationView): CallPlan | OfflineAction {
  const lower = text.toLowerCase();
  const account = accountAnswer(text, view);
  if (account) return account;
  if (/\b(doctor|health ?check|diagnos|check (the )?connection)\b|\bis (everything|it|the connection|favcrm) (ok|okay|working|fine|up)\b/.test(lower)) return DOCTOR_PLAN;
  if (/^\W*(thanks?|thank you|thx|ty|cheers|great|perfect|awesome|cool|nice)\b[\s\w]{0,20}\W*$/.test(lower)) {
    return say(`Glad to help. Anything else? For example "${exampleServiceRequest(workspaceIndustry(view.allCalls))}", "plan status" or "help".`);
  }
  if (BOOKING_REQUEST.test(text)) return bookingPlan(text, view);
  // "tomorrow at noon" answering a booking question finishes that booking.
  const answered = bookingAnswer(view);
  if (answered) return bookingPlan(answered, view);
  if (enrolmentName(text) !== null) return membershipPlan(text, view);
  // The verb decides before any noun does: "delete the service Yoga class" must not list services.
  const verb = requestVerb(text);
  const industry = workspaceIndustry(view.allCalls);
  if (verb.kind === 'create') return createPlan(text, verb.verb, industry, view);
  // "I'd like to book …": the verb is not up front, but a booking is one thing offline can do.
  if (verb.kind === 'unsupported' && verb.verb === 'book') return bookingPlan(text.slice(Math.max(0, text.toLowerCase().indexOf('book'))), view);
  if (verb.kind === 'unsupported') {
    return say(`Nothing was changed: offline I can't ${verb.verb} anything in your CRM, ${REAL_MODEL_HINT}. I can add services and members, book, and look things up (try "help").`);
  }
  if (/\b(help|what can (you|i) do|commands)\b/.test(lower)) return say(offlineHelp(industry));
  // "I'd also like to add a service …": the verb is not up front, but the request is plain.
  if (/\b(add|create)\b/.test(lower) && SERVICE_NOUN.test(text) && !MEMBER_NOUN.test(text)) return serviceRequestPlan(text, view);
  if (/\b(add|create)\b/.test(lower) && MEMBER_NOUN.test(text) && !TEAM_NOUN.test(text)) return createAccountPlan(text);
  const described = describedService(text, industry);
  if (described) return described;
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
    return say(ANOTHER_BUSINESS);
  }
  return say(notUnderstood(industry));
}

/** A create request: services and members (customers) are mapped, anything else is honestly declined. */
function createPlan(text: string, verb: string, industry: Industry | null, view: ConversationView): CallPlan | OfflineAction {
  if (SERVICE_NOUN.test(text) && !MEMBER_NOUN.test(text)) return serviceRequestPlan(text, view);
  if (TEAM_NOUN.test(text)) {
    return say(`Offline I can't invite team members: ${REAL_MODEL_HINT}. The portal can too (Settings → Team).`);
  }
  if (MEMBER_NOUN.test(text)) return createAccountPlan(text);
  if (verb !== 'sign up' && verb !== 'register' && mentionsLength(text)) return serviceRequestPlan(text, view);
  if (verb === 'sign up' || verb === 'register') {
    return say(ANOTHER_BUSINESS);
  }
  // "new bookings?" reads as a request to add one; say it in words that fit any such verb.
  return say(`Nothing was changed: offline I can only add services and members. Anything else you want to ${verb === 'new' ? 'add' : verb} needs a real language model (${REAL_MODEL_SETUP}).`);
}

/**
 * A service request, with the workspace's currency known when the request writes one: "$90" in a yen workspace is
 * USD 90, and a price in another currency than the workspace's is said to be so. The workspace is looked up once
 * per turn when the conversation has not listed it yet.
 */
function serviceRequestPlan(text: string, view: ConversationView): CallPlan | OfflineAction {
  const industry = workspaceIndustry(view.allCalls);
  if (!writesCurrency(text)) return createServicePlan(text, industry);
  const companies = [...view.allCalls].reverse().find((past) => past.toolName === 'list_my_companies' && !past.errorCode && past.output !== undefined);
  const lookup = { toolName: 'list_my_companies', input: {} };
  const plan = createServicePlan(text, industry, currencyOfCountry(workspaceProfile(companies?.output).country));
  if (!Array.isArray(plan)) return plan;
  const lookedUpNow = view.turnCalls.some((past) => past.toolName === 'list_my_companies');
  if (!companies && !lookedUpNow) return [lookup, ...plan];
  return lookedUpNow ? [lookup, ...plan] : plan;
}

/**
 * "We also do Hot Yoga, 90 min, $250": a service described but not asked for. Nothing is added on a guess; the
 * reply says so and gives the request to send, built from the person's own details.
 */
function describedService(text: string, industry: Industry | null): OfflineAction | null {
  if (!mentionsLength(text) || !writesPrice(text)) return null;
  const plan = createServicePlan(text.replace(/^\W*(?:(?:we|i)\s+(?:also\s+)?(?:do|offer|have|run|teach|sell)|there'?s|also)\s+/i, 'add '), industry);
  const step = Array.isArray(plan) ? plan[0] : undefined;
  if (!step) return null;
  const { name, durationMinutes, price, currency } = step.input as { name: string; durationMinutes: number; price: number; currency?: string };
  const request = `add a service ${name}, ${durationMinutes} min, ${currency ? `${currency} ` : ''}${price}`;
  return say(`I didn't add anything: that reads like a service, but offline I only add one when asked. To add it, send "${request}".`);
}

function hasProperty(schema: Record<string, unknown> | undefined, property: string): boolean {
  const properties = schema?.properties;
  return Boolean(properties && typeof properties === 'object' && property in properties);
}

export { call };
