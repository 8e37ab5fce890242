/**
 * "enrol Jane Doe in the membership", "add Tom to the loyalty programme", "make Ana Silva a member": the offline
 * model finds the customer first, then enrols them (`enrol_membership`, entry tier). No match or several matches
 * get a question, never a guess.
 */
import { LOAD_TOOLS_NAME } from '../../mcp/tool-exposure.js';
import type { ConversationView } from './conversation-view.js';
import type { CallPlan } from './create-requests.js';
import { matchByName } from './booking-request.js';
import { say, type OfflineAction } from './offline-action.js';
import { listRows } from './result-summaries.js';

const PROGRAMME = String.raw`(?:the\s+|our\s+|my\s+)?(?:loyalty\s+)?(?:membership|loyalty(?:\s+(?:program(?:me)?|club|scheme))?|program(?:me)?|club|scheme|rewards)`;
const ENROL_PATTERNS = [
  new RegExp(String.raw`\b(?:enrol|enroll|sign)\s+(.+?)\s+(?:up\s+)?(?:in|into|to|for|on)\s+${PROGRAMME}\b`, 'i'),
  new RegExp(String.raw`\badd\s+(.+?)\s+to\s+${PROGRAMME}\b`, 'i'),
  /\b(?:make|turn)\s+(.+?)\s+(?:a|into\s+a)\s+(?:loyalty\s+)?member\b/i,
  // "enrol Jane Doe" alone; "enroll a new member Jane jane@x.com" creates a customer instead (no name after "a/new").
  /\b(?:enrol|enroll)\s+(?!in\b|into\b|an?\b|new\b|me\b|us\b)([^@]+?)\s*[.!?]*$/i,
];

/** The customer's name in an enrolment request, or null when the message is not one. */
export function enrolmentName(text: string): string | null {
  for (const pattern of ENROL_PATTERNS) {
    const name = pattern.exec(text)?.[1]?.replace(/^(?:the\s+)?(?:customer|member|client)\s+/i, '').trim();
    if (name) return name;
  }
  return null;
}

/** The calls for an enrolment: find the customer, load `enrol_membership` if needed, enrol; or a question. */
export function membershipPlan(text: string, view: ConversationView): CallPlan | OfflineAction {
  const name = enrolmentName(text);
  if (!name) return say('To enrol a customer in the loyalty membership, say who, e.g. "enrol Jane Doe in the membership".');
  const find = { toolName: 'search_members', input: { search: name, limit: 10 } };
  const found = view.turnCalls.find((call) => call.toolName === 'search_members' && !call.errorCode);
  if (!found) return [find];
  const matches = matchByName(listRows(found.output) ?? [], name);
  if (matches.length === 0) return say(`I can't find a customer called "${name}". Add them first ("add a member ${name} their@email.com"), then enrol them.`);
  if (matches.length > 1) return say(`Which customer do you mean: ${matches.map((row) => `"${String(row.name)}"`).join(' or ')}? Say it again with the full name (offline I read each request on its own).`);
  const enrol = { toolName: 'enrol_membership', input: { accountId: String(matches[0]?.id) } };
  // enrol_membership is not in the core set: load it first, as a real model would.
  const load = { toolName: LOAD_TOOLS_NAME, input: { names: ['enrol_membership'] } };
  const loaded = view.turnCalls.some((call) => call.toolName === LOAD_TOOLS_NAME);
  if (!view.tools.has('enrol_membership') && !loaded) return [find, load];
  return [find, ...(loaded ? [load] : []), enrol];
}
