/** "add a service …" and "add a member …": the two things the offline model creates, read into tool arguments. */
import { say, type OfflineAction } from './offline-action.js';
import { QUOTED_NAME } from './service-request.js';

export type CallPlan = Array<{ toolName: string; input: Record<string, unknown> }>;

export { createServicePlan } from './service-request.js';

const EMAIL = /[^\s<>(),;:"']+@[^\s<>(),;:"']+\.[a-z]{2,}/i;
/** A phone number: optional +, then digits with spaces, dots or dashes; at least 7 digits so prices never match. */
const PHONE = /\+?\d(?:[\d .-]{5,}\d)/;
/** The nouns a person uses for a CRM member (FavCRM calls them customer accounts). */
export const MEMBER_NOUN = /\b(?:members?|customers?|clients?|contacts?|students?|patients?|guests?|accounts?)\b/i;
/** What a business sells by the hour, as people call it: FavCRM calls every one of them a service. */
export const SERVICE_NOUN = /\b(?:services?|class(?:es)?|lessons?|treatments?|workshops?|courses?|sessions?|packages?)\b/i;
/** A member of staff is invited to the team, not created as a customer. */
export const TEAM_NOUN = /\b(?:team|staff|colleague|employee|co-?worker|admin|manager)s?\b/i;

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
