import { CODE_PLACEHOLDER } from '../code-guard.js';
import { isSandboxAnswer, type ConversationView, type PastToolCall } from './conversation-view.js';
import { call, say, type OfflineAction } from './offline-action.js';
import type { SignupFields } from './signup-fields.js';
import { planFor } from './follow-up-intents.js';
import { inviteStep } from './invite-dialogue.js';
import { accountAnswer, PORTAL_URL } from './account-answers.js';
import { emailRejection } from './email-acceptance.js';
import { countryDisplayName, countryZones, hasKnownCity } from './gazetteer.js';
import { readNameAnswer, skipCorrectionWords } from './name-answer.js';
import { extractEmail, readFollowUpFields, readSignupFields } from './signup-reader.js';

/** The phrase the offline model asks with; finding it in its last message tells it a question is open. */
const ASK_MARKER = 'What should I use';
/** The name question's words, so the reply to it is read as the name. */
const NAME_QUESTION = `${ASK_MARKER} as the business name`;
/** The place question's words, so the reply to it is read as the place. */
const PLACE_QUESTION = 'Which city is';

const SIGNUP_INTENT = /\b(sign(?:ing)?[\s-]?(?:me\s+|us\s+)?up|register|registration|create (?:an? |my )?(?:account|workspace)|set (?:me |us )?up|get (?:me|us) (?:onto|on)|onboard|new workspace|join favcrm|i want favcrm|favcrm for)\b|註冊|登記|注册/i;
const CANCEL_SIGNUP = /\b(?:cancel|stop|abort|forget|drop|undo)\b.{0,20}\b(?:sign[\s-]?up|registration|request|it|this)\b|\bstart (?:over|again)\b|\bnever ?mind\b/i;
const NEW_CODE = /\b(new|another|resend|send again|re-send)\b.*\bcode\b|\bcode\b.*\b(again|expired)\b|\bresend\b/i;

/**
 * The signup conversation before a key exists (contract §5.2): gather, ask only for what is missing, request,
 * verify. The request emails the person, so the app's approval prompt (which shows every field) is the one
 * confirmation of the details.
 */
export function signupStep(view: ConversationView): OfflineAction {
  const text = view.userTexts[view.userTexts.length - 1] ?? '';
  const invite = inviteStep(view, text);
  if (invite) return invite;
  const account = accountAnswer(text, view, SIGNUP_INTENT.test(text));
  if (account) return account;
  if (view.pendingRequestId) return whilePending(view, text);
  const crmRequest = signedOutCrmRequest(view, text);
  if (crmRequest) return crmRequest;
  if (text.includes(CODE_PLACEHOLDER)) {
    // The app held the digits back: no request is waiting for them here.
    return say(
      "That looks like a signup code, but no signup is waiting for one here: this is a new conversation, or the last request expired or was locked. Codes work only for the request they were sent for, so I've kept it to myself. To get a fresh code, tell me about your business again (name, what it does, where, and the email), or say \"send a new code\" if you told me earlier.",
    );
  }

  let fields = gatherFields(view);
  if (!fields) {
    return say(
      "Hi! I can sign your business up for FavCRM and then help you run it. Tell me the business name, what it does, where it is, and the email to use, e.g. \"Sign me up: a yoga studio called Stretch + Breathe in Hong Kong, me@example.com\".",
    );
  }
  const asked = view.askedBefore.at(-1) ?? '';
  const rejected = fields.email ? emailRejection(fields.email) : null;
  // An address FavCRM would refuse is asked about now, not found out after the approval card and the request.
  if (rejected) fields = { ...fields, email: null };
  const missing = missingFields(fields);
  if (missing.length > 0) {
    const askedForEmail = asked.includes(`${ASK_MARKER} as the email`) || asked.includes('which email');
    const problem = rejected ?? (missing.includes('email') ? emailProblem(text, askedForEmail) : null) ?? nameNotTaken(text, asked, fields);
    const question = askFor(fields, missing);
    return problem ? say(`${problem} ${question.text ?? ''}`) : question;
  }
  // A booking business needs its time zone, and no tool changes it later: ask, never default to UTC silently.
  if (!fields.timezone) return askForPlace(fields, text, asked);
  const refusal = repeatedRefusal(view, fields, text);
  if (refusal) return refusal;
  if (!view.tools.has('register_organisation_request')) return say('This FavCRM server does not offer register_organisation_request, so I cannot sign you up here.');
  return { text: describeFields(fields), toolCall: { toolName: 'register_organisation_request', input: requestArguments(fields) } };
}

function whilePending(view: ConversationView, text: string): OfflineAction {
  if (text.includes(CODE_PLACEHOLDER)) {
    return call('register_organisation_verify', { requestId: view.pendingRequestId, code: CODE_PLACEHOLDER });
  }
  const nearMiss = /\[not a code: (\d) digits\]/.exec(text);
  if (nearMiss) {
    return say(
      `That's ${nearMiss[1]} digits, but the code has 6. Check the email to ${view.pendingMaskedEmail ?? 'your address'} and paste all 6 digits (it is valid for 10 minutes), or say "send a new code".`,
    );
  }
  if (CANCEL_SIGNUP.test(text) && !NEW_CODE.test(text)) {
    // The pending request lives in the app, not in this conversation: /new is what drops it.
    return say(
      `To drop this signup, type /new (it asks once more: the code sent to ${view.pendingMaskedEmail ?? 'your email'} then stops working here). Nothing is created until the code is verified.`,
    );
  }
  const fields = gatherFields(view);
  const update = readFollowUpFields(text, fields ?? emptyFields());
  const merged = { ...(fields ?? emptyFields()), ...definedOnly(update) };
  // A new name, place or industry is for a request that is already out: say so, and ask for a new code with it.
  const before = gatherFields({ ...view, userTexts: view.userTexts.slice(0, -1) }) ?? emptyFields();
  const changed = changedFields(before, merged);
  if ((NEW_CODE.test(text) || update.email || changed.length > 0) && missingFields(merged).length === 0) {
    const note = changed.length > 0 && !update.email ? `Changing ${changed.join(' and ')} means a new code, since the one sent was for the old details. ` : '';
    return { text: `${note}${describeFields(merged)}`, toolCall: { toolName: 'register_organisation_request', input: requestArguments(merged) } };
  }
  return say(
    `I'm waiting for the 6-digit code sent to ${view.pendingMaskedEmail ?? 'your email'}. Paste it here (it is valid for 10 minutes), or say "send a new code".`,
  );
}

/** FavCRM already said no to this email (account exists, or rate limited): do not ask again in a loop (contract §5.2). */
function repeatedRefusal(view: ConversationView, fields: SignupFields, text: string): OfflineAction | null {
  const previous = [...view.allCalls].reverse().find((past) => past.toolName === 'register_organisation_request');
  if (!previous?.errorCode || previous.input.email !== fields.email) return null;
  if (previous.errorCode === 'EMAIL_EXISTS') {
    const where = isSandboxAnswer(previous)
      ? 'an account in this local sandbox (the real portal does not know it): give me another email, like name+2@example.com.'
      : 'a FavCRM account. Sign in at https://app.favcrm.io and create an MCP key in Settings → MCP Keys, or give me another email.';
    return say(`${fields.email} already has ${where} ${ASK_MARKER} instead?`);
  }
  if (previous.errorCode === 'RATE_LIMITED' && !/\b(try again|retry|again now)\b/i.test(text)) {
    return say(`FavCRM asked us to wait before another signup request (${previous.errorMessage ?? 'rate limited'}). Say "try again" once that time has passed.`);
  }
  return null;
}

/** After a verify failure the request may be dead: re-request with the same details when the contract says so. */
export function reRequestArguments(view: ConversationView): Record<string, unknown> | null {
  const previous = [...view.allCalls].reverse().find((past: PastToolCall) => past.toolName === 'register_organisation_request');
  return previous ? previous.input : null;
}

/**
 * Folds the person's messages since they last asked to sign up into the request fields: the opening sentence
 * is read in full, later answers as corrections and additions.
 */
export function gatherFields(view: ConversationView): SignupFields | null {
  let start = -1;
  view.userTexts.forEach((text, index) => {
    // "cancel the signup" mentions a signup without starting one.
    if (SIGNUP_INTENT.test(text) && !CANCEL_SIGNUP.test(text)) start = index;
  });
  if (start === -1) {
    const first = view.userTexts.findIndex((text) => {
      const read = readSignupFields(text);
      return read.organisationName !== null && (read.email !== null || read.country !== null || read.industry !== null);
    });
    if (first === -1) return null;
    start = first;
  }
  let fields = readSignupFields(view.userTexts[start] ?? '');
  for (let index = start + 1; index < view.userTexts.length; index += 1) {
    const text = view.userTexts[index] ?? '';
    if (text.includes(CODE_PLACEHOLDER)) continue;
    fields = { ...fields, ...definedOnly(readFollowUpFields(text, fields)), ...directAnswer(text, view.askedBefore[index] ?? '', fields) };
  }
  return fields;
}

/**
 * A reply to the question just asked, read as its answer: "Yes Yoga" to the name question is the name (the general
 * reader would take "Yes" for an answer word), "UTC" to the place question is the zone. Empty when it is not one.
 */
function directAnswer(text: string, asked: string, known: SignupFields): Partial<SignupFields> {
  if (asked.includes(NAME_QUESTION)) {
    const email = extractEmail(text);
    const withoutEmail = (email ? text.replace(email, ' ') : text).trim().replace(/^[,;:\s]+|[,;:\s]+$/g, '');
    const update = readFollowUpFields(text, known);
    // "it's Moon Cafe in Osaka" says more than a name: the general reader has the parts; a bare reply is the name.
    const bare = update.country === undefined && !/[,;]|\.\s/.test(withoutEmail.slice(skipCorrectionWords(withoutEmail, 0)));
    const answer = readNameAnswer(withoutEmail);
    if (bare && answer.kind === 'name') return { organisationName: answer.name };
  }
  if (asked.includes(PLACE_QUESTION) && /^\W*(?:use\s+)?(?:utc|gmt)\b(?!\s*[+-]\d)/i.test(text)) return { timezone: 'UTC' };
  return {};
}

/** Why an attempt at an email is not one ("bob@gmail", "bob at gmail dot com"), or null when it was no attempt. */
function emailProblem(text: string, askedForEmail = false): string | null {
  const attempt = /[^\s<>(),;:"']*@[^\s<>(),;:"']*/.exec(text)?.[0];
  if (attempt) {
    const shown = attempt.replace(/[.!?]+$/, '');
    return /@[^.]+$|@$/.test(shown)
      ? `"${shown}" is missing the end of its domain (like gmail.com), so I can't send the code there.`
      : `"${shown}" isn't an email address I can send the code to (it should look like name@example.com).`;
  }
  if (/\S\s+at\s+\S+\s+dot\s+\S|\bat\s+(?:gmail|yahoo|hotmail|outlook|icloud|proton(?:mail)?)\b/i.test(text)) {
    return 'Please type the address itself, like name@example.com (the code is emailed there).';
  }
  // The answer to "which email?" was one word with no @ ("not-an-email", "bob.gmail.com"): say why it is not taken.
  const word = text.trim();
  if (askedForEmail && /^\S{1,80}$/.test(word) && !/^(?:yes|no|ok|okay|cancel|stop|help)$/i.test(word)) {
    return `"${word.replace(/[.!?]+$/, '')}" isn't an email address I can send the code to (it needs an @, like name@example.com).`;
  }
  return null;
}

function missingFields(fields: SignupFields): Array<'organisationName' | 'email'> {
  const missing: Array<'organisationName' | 'email'> = [];
  if (!fields.organisationName) missing.push('organisationName');
  if (!fields.email) missing.push('email');
  return missing;
}

function askFor(fields: SignupFields, missing: Array<'organisationName' | 'email'>): OfflineAction {
  const known = fields.organisationName || fields.industry || fields.country ? `${describeFields(fields)} ` : '';
  const question =
    missing.length === 2
      ? `${ASK_MARKER} as the business name, and which email should the account use? The 6-digit code goes there.`
      : missing[0] === 'email'
        ? `${ASK_MARKER} as the email for the account? The 6-digit code goes there.`
        : `${ASK_MARKER} as the business name?`;
  return say(`${known}${question}`);
}

function describeFields(fields: SignupFields): string {
  const details = [
    fields.industry ? `industry ${fields.industry}` : null,
    fields.country ? `country ${fields.country}` : null,
    fields.timezone ? `timezone ${fields.timezone}` : null,
    fields.email ? `email ${fields.email}` : null,
  ].filter(Boolean);
  const name = fields.organisationName ? `"${fields.organisationName}"` : 'your business';
  return `I'll register ${name}${details.length ? ` (${details.join(', ')})` : ''}.`;
}

function requestArguments(fields: SignupFields): Record<string, unknown> {
  const args: Record<string, unknown> = { email: fields.email, organisationName: fields.organisationName };
  if (fields.industry) args.industry = fields.industry;
  if (fields.country) args.country = fields.country;
  if (fields.timezone) args.timezone = fields.timezone;
  return args;
}

/** What a later message changed, in words ("the name to \"Breathe Easy Yoga\""). */
function changedFields(before: SignupFields, after: SignupFields): string[] {
  const changes: string[] = [];
  if (after.organisationName !== before.organisationName) changes.push(`the name to "${after.organisationName ?? ''}"`);
  if (after.industry !== before.industry) changes.push(`the industry to ${after.industry ?? 'none'}`);
  if (after.country !== before.country || after.timezone !== before.timezone) {
    changes.push(`the place to ${[after.country, after.timezone].filter(Boolean).join(', ') || 'none'}`);
  }
  return changes;
}

function definedOnly(update: Partial<SignupFields>): Partial<SignupFields> {
  return Object.fromEntries(Object.entries(update).filter(([, value]) => value !== null && value !== undefined)) as Partial<SignupFields>;
}

function emptyFields(): SignupFields {
  return { organisationName: null, industry: null, country: null, timezone: null, email: null };
}

/**
 * "list services" or "plan status" while signed out (after /logout, or before any signup): a CRM request, not a
 * business to register ("services" is not an industry answer unless a question asked for one).
 */
function signedOutCrmRequest(view: ConversationView, text: string): OfflineAction | null {
  if (SIGNUP_INTENT.test(text) || (view.assistantTexts.at(-1) ?? '').includes(ASK_MARKER)) return null;
  const read = readSignupFields(text);
  if (read.organisationName !== null || read.email !== null || read.country !== null) return null;
  if (!Array.isArray(planFor(text, view))) return null;
  return say(
    `You are not signed in, so I cannot reach a FavCRM workspace yet, and nothing was changed. To create one, tell me about your business (name, what it does, where, and an email). If you already have an account, create a key in the portal (${PORTAL_URL}, Settings → MCP Keys), then quit and start me with it: FAVCRM_API_KEY=<your key> ${(view.command ?? 'favcrm-chat').replace(/\s+--$/, '')}.`,
  );
}


/** Why a reply to the name question was not taken as the name, and how to answer; null when it was not one. */
function nameNotTaken(text: string, asked: string, fields: SignupFields): string | null {
  if (!asked.includes(NAME_QUESTION) || fields.organisationName) return null;
  const email = extractEmail(text);
  const reply = (email ? text.replace(email, ' ') : text).trim();
  if (!reply) return null;
  const answer = readNameAnswer(reply);
  const why = answer.kind === 'not-a-name' ? answer.reason : 'it says more than the name';
  return `I didn't take "${reply.length > 60 ? `${reply.slice(0, 57)}...` : reply}" as the business name: ${why}. Type just the name as it should appear, e.g. Moonlight Cafe.`;
}

/** Up to six of a country's zones, one per distinct UTC offset today, as cities ("New York", "Chicago", ...). */
function zoneChoices(country: string): string[] {
  const zones = countryZones(country);
  const seen = new Set<string>();
  const now = Date.now();
  const picked: string[] = [];
  for (const zone of zones) {
    let offset: string;
    try {
      offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(now).find((part) => part.type === 'timeZoneName')?.value ?? zone;
    } catch {
      continue;
    }
    if (seen.has(offset)) continue;
    seen.add(offset);
    picked.push(zone);
  }
  const known = picked.filter(hasKnownCity);
  return (known.length >= 2 ? known : picked).slice(0, 6);
}

const cityOf = (zone: string): string => (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');

/**
 * The time zone is not known (no place, or a country that spans several zones): ask for the city before anything
 * is requested, offering the country's zones when it has several.
 */
function askForPlace(fields: SignupFields, text: string, asked: string): OfflineAction {
  const name = fields.organisationName ? `"${fields.organisationName}"` : 'the business';
  const choices = fields.country ? zoneChoices(fields.country) : [];
  const countryName = fields.country ? (countryDisplayName(fields.country) ?? fields.country) : null;
  const offer =
    choices.length > 1
      ? ` ${countryName} has several time zones: for example ${choices.map(cityOf).join(', ')} (or type a zone such as ${choices[0]}).`
      : ' A city is enough (for example Leeds, Osaka or Chicago), or type a zone such as Europe/London.';
  // Said only when the reply named no place at all: "the US" is placed, it just has several zones.
  const placed = readFollowUpFields(text, fields).country !== undefined;
  const retry = asked.includes(PLACE_QUESTION) && text.trim() && !placed ? `I couldn't place "${text.trim().slice(0, 60)}" on my map. ` : '';
  return say(
    `${retry}${PLACE_QUESTION} ${name} in? FavCRM needs its time zone for bookings and opening hours, and it cannot be changed later.${offer} Say "UTC" to use UTC.`,
  );
}
