import { isSandboxAnswer, type ConversationView, type PastToolCall } from './conversation-view.js';
import { AFTER_SIGNUP_PLAN, planFor, type CallPlan } from './follow-up-intents.js';
import { call, say, type OfflineAction } from './offline-action.js';
import { workspaceProfile } from './booking-request.js';
import { PORTAL_URL } from './account-answers.js';
import { describeResult } from './result-summaries.js';
import { wordsForPeople } from './words-for-people.js';
import { currencyOfCountry } from './workspace-currency.js';
import { exampleServiceRequest, workspaceIndustry } from './service-examples.js';
import { reRequestArguments, signupStep } from './signup-dialogue.js';

/** Calls whose result is what a turn reports; the lookups made for them are their means. */
const OUTCOME_TOOLS: ReadonlySet<string> = new Set(['create_booking', 'enrol_membership', 'create_service', 'create_account']);

/** Calls that end with a key issued to this person: signup, or accepting a team invite. */
const VERIFY_TOOLS: ReadonlySet<string> = new Set(['register_organisation_verify', 'accept_team_invite_verify']);

/** Decides the offline model's next step from the conversation alone: deterministic, no network. */
export function decideNextAction(view: ConversationView): OfflineAction {
  if (view.lastRole === 'tool') return reactToToolResults(view);
  const text = view.userTexts[view.userTexts.length - 1] ?? '';
  if (!view.signedIn) return signupStep(view);
  const plan = planFor(text, view);
  return Array.isArray(plan) ? nextInPlan(plan, view) : plan;
}

function reactToToolResults(view: ConversationView): OfflineAction {
  const last = view.turnCalls[view.turnCalls.length - 1];
  if (!last) return say('Done.');
  if (last.errorCode) return reactToFailure(last, view);

  switch (last.toolName) {
    case 'register_organisation_request': {
      const data = (last.output ?? {}) as { maskedEmail?: string };
      const renewed = view.turnCalls.some((past) => past.toolName === 'register_organisation_verify');
      return say(
        `${renewed ? 'That code had expired, so I requested a new one. ' : ''}I've asked FavCRM to email a 6-digit code to ${data.maskedEmail ?? 'your address'}. Paste it here when it arrives; it is valid for 10 minutes.`,
      );
    }
    case 'accept_team_invite_request':
      return say(`A 6-digit code is on its way to ${String((last.output as { maskedEmail?: string } | undefined)?.maskedEmail ?? 'the invited address')}. Paste it here.`);
    default:
      break;
  }
  const signedUp = view.turnCalls.find((past) => VERIFY_TOOLS.has(past.toolName) && !past.errorCode);
  const planned = signedUp ? AFTER_SIGNUP_PLAN : planFromTurn(view);
  // A plan that reads the results it asked for (a booking) may end in a question instead of a call.
  if (!Array.isArray(planned)) return planned;
  const plan: CallPlan = planned;
  const next = nextInPlan(plan, view);
  if (next.toolCall) return next;
  return say(summariseTurn(view, signedUp));
}

function reactToFailure(failed: PastToolCall, view: ConversationView): OfflineAction {
  const companies = [...view.allCalls].reverse().find((past) => past.toolName === 'list_my_companies' && !past.errorCode);
  // Written for the model; the person gets what it says about their data, in their local time.
  const message = wordsForPeople(failed.errorMessage ?? failed.errorCode ?? 'failed', workspaceProfile(companies?.output).timezone);
  switch (failed.errorCode) {
    case 'EMAIL_EXISTS':
      return say(
        isSandboxAnswer(failed)
          ? 'That email already has an account in this local sandbox, and the real portal does not know sandbox accounts. To sign up again here, give me another email (name+2@example.com works). What should I use?'
          : `That email already has a FavCRM account, so there is nothing to sign up. Sign in at ${PORTAL_URL}, create an MCP key in Settings → MCP Keys, then quit and start me with it: FAVCRM_API_KEY=<your key> ${(view.command ?? 'favcrm-chat').replace(/\s+--$/, '')}. What should I use instead, if you meant another email?`,
      );
    case 'CODE_INVALID': {
      const output = (failed.output ?? {}) as { error?: { attemptsLeft?: number } };
      const left = output.error?.attemptsLeft;
      // After "send a new code", only the newest email's code works.
      const requests = view.allCalls.filter((past) => past.toolName === 'register_organisation_request' && !past.errorCode).length;
      const newest = requests > 1 ? ' Only the newest email has the code that works now.' : '';
      return say(`That code didn't match${typeof left === 'number' ? ` (${left} ${left === 1 ? 'try' : 'tries'} left)` : ''}. Please check the email and paste the 6-digit code again.${newest}`);
    }
    case 'CODE_EXPIRED': {
      const previous = reRequestArguments(view);
      const alreadyRenewed = view.turnCalls.filter((past) => past.toolName === 'register_organisation_request').length > 0;
      if (previous && !alreadyRenewed && view.tools.has('register_organisation_request')) return call('register_organisation_request', previous);
      return say('That code has expired. Say "send a new code" and I will request another one.');
    }
    case 'INVITE_EXPIRED':
      return say(`That invite can't be used any more: ${message} Ask an owner or manager of the workspace for a new invite.`);
    case 'REQUEST_LOCKED':
      return say('Too many wrong codes, so that signup request is locked. Say "send a new code" and I will request a fresh one.');
    case 'NOT_FOUND':
      if (failed.toolName === 'register_organisation_verify') return say('That signup request is no longer valid. Say "send a new code" and I will start a new one.');
      return say(`FavCRM couldn't find that: ${message}`);
    case 'RATE_LIMITED': {
      const output = (failed.output ?? {}) as { error?: { retryAfterSeconds?: number } };
      const seconds = output.error?.retryAfterSeconds;
      const wait = typeof seconds === 'number' ? `in about ${Math.max(1, Math.ceil(seconds / 60))} minute${seconds <= 60 ? '' : 's'}` : 'later';
      // The server's own sentence carries an ISO timestamp; the person gets minutes.
      return say(`FavCRM is limiting signup requests from this network (not from your email). I won't retry automatically: try again ${wait}, and your details will still be here.`);
    }
    case 'VALIDATION':
      // Offline, each CRM request is read on its own: an answer like "5pm" cannot finish the last one.
      return say(
        failed.toolName.startsWith('register_organisation') || failed.toolName.startsWith('accept_team_invite')
          ? `FavCRM didn't accept that: ${message} What should I use instead?`
          : `FavCRM didn't accept that: ${message} Send the whole request again with that changed (offline I read each request on its own).`,
      );
    case 'CODE_MISSING':
      return say('Please paste the 6-digit code from the email.');
    case 'DECLINED_BY_USER':
      return say("Okay, I won't do that. What would you like instead?");
    case 'PLAN_LIMIT':
      return say(`Your plan doesn't allow that yet: ${message}`);
    case 'UNAUTHORIZED':
      return say(`FavCRM needs a valid key for that: ${message}`);
    default:
      return say(`FavCRM couldn't do that (${failed.errorCode}): ${message} Nothing was changed.`);
  }
}

/** The plan this turn started from: re-derived from the person's message so each step knows what is left. */
function planFromTurn(view: ConversationView): CallPlan | OfflineAction {
  const text = view.userTexts[view.userTexts.length - 1] ?? '';
  const plan = planFor(text, view);
  // Only a signed-in request's plan can end in a question (planFor reads signed-in requests).
  return Array.isArray(plan) || (view.signedIn && plan.text) ? plan : [];
}

function nextInPlan(plan: CallPlan, view: ConversationView): OfflineAction {
  for (const step of plan) {
    const done = view.turnCalls.some((past) => past.toolName === step.toolName);
    if (!done && view.tools.has(step.toolName)) return call(step.toolName, step.input);
  }
  if (view.lastRole !== 'tool') {
    const unavailable = plan.find((step) => !view.tools.has(step.toolName));
    if (unavailable) return say(`The ${unavailable.toolName} tool isn't available on this FavCRM server.`);
  }
  return {};
}

function summariseTurn(view: ConversationView, signedUp: PastToolCall | undefined): string {
  const lines: string[] = [];
  const industry = workspaceIndustry(view.allCalls);
  const companies = [...view.allCalls].reverse().find((past) => past.toolName === 'list_my_companies' && !past.errorCode);
  const profile = workspaceProfile(companies?.output);
  const timezone = profile.timezone;
  if (signedUp) {
    const data = (signedUp.output ?? {}) as { apiKey?: string; apiKeyStored?: string; loginUrl?: string; nextSteps?: unknown };
    lines.push(
      `${signedUp.toolName === 'accept_team_invite_verify' ? "You've joined the team!" : "You're signed up!"} Your API key is stored in ${data.apiKeyStored ?? 'the secret store'} (${data.apiKey ?? 'masked'}); I never see the full key, and I'm now connected with it.`,
    );
    if (data.loginUrl) lines.push(`Portal: ${data.loginUrl} (use "forgot password" there to set a password).`);
  }
  // A booking's or an enrolment's lookups (members, services, workspace) are its means; the result is what to report.
  const outcome = view.turnCalls.filter((past) => OUTCOME_TOOLS.has(past.toolName));
  for (const past of outcome.length > 0 ? outcome : view.turnCalls) {
    if (VERIFY_TOOLS.has(past.toolName)) continue;
    lines.push(describeResult(past, industry, { timezone, currency: currencyOfCountry(profile.country) }));
  }
  if (signedUp) lines.push(`What next? Try "${exampleServiceRequest(industry)}", "plan status" or "doctor".`);
  return lines.join('\n');
}
