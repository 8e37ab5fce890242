import { z } from 'zod';
import { PORTAL_KEYS_URL, PORTAL_URL, emailTaken, issueApiKey, loginUrlFor, maskEmail } from '../accounts.js';
import { prepareCached } from '../database/prepared-statements.js';
import { checkRate, networkClient, recordRateEvent } from '../rate-limit.js';
import { newId } from '../secret-hashing.js';
import { ToolFailure } from '../tool-failure.js';
import { emailCode, issueCode, verifyCodeOrThrow } from '../verification-codes.js';
import { currencyFor, usableTimezone } from './caller-scope.js';
import { codeField, countryField, emailField, industryField, nameField, timezoneField } from './account-fields.js';
import { KEY_HELD_BY_APP } from './key-guidance.js';
import { writeTool } from './tool-annotations.js';
import { defineTool, type ToolContext } from './tool-definition.js';

/** Rate-limit scope for signup requests, counted per client network (all of loopback is one; rate-limit.ts). */
export const SIGNUP_RATE_SCOPE = 'signup_request';

/**
 * What an agent should do after signing up (relayed as `nextSteps`, contract §5.8). It speaks to an agent whose app
 * took the key out of this answer and stores it (favcrm-chat, `favcrm signup verify`): a model that never saw the key
 * cannot store it, and must not be nudged to repeat or ask for it.
 */
export const SIGNUP_NEXT_STEPS = [
  KEY_HELD_BY_APP,
  'Check the connection: `favcrm whoami` or `favcrm doctor` (list_my_companies).',
  'See your plan and limits with get_plan_status.',
  'Add the services you offer so customers can book them.',
  'Open the login URL and use "forgot password" to set a portal password.',
];

/**
 * The real portal does not know sandbox accounts, so its advice alone would strand the person (a QA pass, after
 * `/logout`, had no way back in): say what does work here.
 */
export const SANDBOX_ACCOUNT_NOTE =
  'This is the local FavCRM sandbox, whose accounts the real portal does not know: to sign up again here, use another email (name+2@example.com works).';

function emailExistsFailure(): ToolFailure {
  return new ToolFailure(
    'EMAIL_EXISTS',
    `This email already has a FavCRM account. Sign in at the portal ${PORTAL_URL} and create an API key in Settings → MCP Keys; do not sign up again. ${SANDBOX_ACCOUNT_NOTE}`,
    { portalUrl: PORTAL_URL, keysUrl: PORTAL_KEYS_URL, sandbox: true },
  );
}

function rateLimitedFailure(retryAfterSeconds: number, window: 'hour' | 'day', limit: number, now: Date): ToolFailure {
  const retryAt = new Date(now.getTime() + retryAfterSeconds * 1000).toISOString();
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ToolFailure(
    'RATE_LIMITED',
    `Too many signup requests from this network (limit ${limit} per ${window}). Try again after ${retryAt}.`,
    {
      retryAfterSeconds,
      retryAt,
      summary: `Signup is rate-limited: ${limit} requests per ${window} from one network. Wait about ${minutes} minute${minutes === 1 ? '' : 's'} (until ${retryAt}) before trying again; do not retry in a loop.`,
    },
  );
}

const registerRequest = defineTool({
  name: 'register_organisation_request',
  description: [
    'Start signing up a new business for FavCRM: emails a 6-digit code to the owner (no API key needed).',
    'email: the owner’s address; the code goes there and it becomes the login.',
    'organisationName: the business name, 1–120 characters.',
    'industry (optional): one of beauty, fitness, tutoring, retail, hospitality, services, other.',
    'country (optional): ISO 3166-1 alpha-2 code, e.g. HK, US, GB. timezone (optional): IANA zone, e.g. Asia/Hong_Kong.',
    'Returns requestId, maskedEmail, expiresAt (codes last 10 minutes) and instructions; then call register_organisation_verify.',
    'Limited to 3 requests an hour and 20 a day per network: on RATE_LIMITED, report the summary and wait.',
  ].join('\n'),
  inputSchema: {
    email: emailField,
    organisationName: nameField,
    industry: industryField.optional(),
    country: countryField.optional(),
    timezone: timezoneField.optional(),
  },
  annotations: writeTool('Request signup code', { openWorld: true }),
  auth: 'none',
  handler(args, context) {
    const now = context.now();
    const client = networkClient(context.clientIp);
    const decision = checkRate(context.db, SIGNUP_RATE_SCOPE, client, context.settings.signupRate, now);
    if (!decision.allowed) throw rateLimitedFailure(decision.retryAfterSeconds, decision.window, decision.limit, now);
    if (emailTaken(context.db, args.email)) throw emailExistsFailure();

    const requestId = newId('signupRequest');
    const issued = issueCode(context, requestId, now);
    const { expiresAt } = issued;
    context.db.transaction(() => {
      prepareCached(
        context.db,
        `INSERT INTO signup_requests (id, email, organisation_name, industry, country, timezone, code_hash, client_ip, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        requestId,
        args.email,
        args.organisationName,
        args.industry ?? null,
        args.country ?? null,
        args.timezone ?? null,
        issued.codeHash,
        context.clientIp,
        now.toISOString(),
        expiresAt,
      );
      recordRateEvent(context.db, SIGNUP_RATE_SCOPE, client, now);
    })();
    emailCode(context, issued, {
      to: args.email,
      purpose: `finish creating "${args.organisationName}" on FavCRM`,
      ignoreNote: 'If you did not ask for this, ignore this email; nothing is created without the code.',
    });
    const maskedEmail = maskEmail(args.email);
    return {
      requestId,
      maskedEmail,
      expiresAt,
      instructions: `We emailed a 6-digit code to ${maskedEmail}. Ask the person for it, then call register_organisation_verify with this requestId and the code within 10 minutes.`,
    };
  },
});

interface SignupRequestRow {
  id: string;
  email: string;
  organisation_name: string;
  industry: string | null;
  country: string | null;
  timezone: string | null;
  code_hash: string;
  failed_attempts: number;
  expires_at: string;
  used_at: string | null;
}

const registerVerify = defineTool({
  name: 'register_organisation_verify',
  description: [
    'Finish signing up: check the emailed 6-digit code and create the workspace and an API key.',
    'It creates the organisation, its first company, the owner and the key.',
    'requestId: from register_organisation_request. code: the 6 digits from the email (as a string).',
    'Returns organisationId, companyId, userId, apiKey (shown once, for the client app to keep; never echo it), loginUrl, timezone, currency and nextSteps.',
    'Wrong code: CODE_INVALID with attemptsLeft; after 5 wrong codes REQUEST_LOCKED; after 10 minutes CODE_EXPIRED. For the last two, call register_organisation_request again.',
  ].join('\n'),
  inputSchema: {
    requestId: z.string().trim().min(1, 'must not be empty').max(100, 'is too long'),
    code: codeField,
  },
  annotations: writeTool('Verify signup code'),
  auth: 'none',
  handler(args, context) {
    const now = context.now();
    const row = prepareCached(
      context.db,
      `SELECT id, email, organisation_name, industry, country, timezone, code_hash, failed_attempts, expires_at, used_at
         FROM signup_requests WHERE id = ?`,
    ).get(args.requestId) as SignupRequestRow | undefined;
    if (!row || row.used_at !== null) {
      throw new ToolFailure(
        'NOT_FOUND',
        'No open signup request has this requestId (it is unknown or was already used). Call register_organisation_request to start again.',
        { field: 'requestId' },
      );
    }
    verifyCodeOrThrow(
      context,
      { scope: row.id, codeHash: row.code_hash, expiresAt: row.expires_at, failedAttempts: row.failed_attempts },
      args.code,
      now,
      { renewWith: 'register_organisation_request' },
      (failedAttempts) => prepareCached(context.db, 'UPDATE signup_requests SET failed_attempts = ? WHERE id = ?').run(failedAttempts, row.id),
    );
    return context.db.transaction(() => createAccount(context, row, now))();
  },
});

/** Creates organisation, company, owner, membership and key in one transaction; EMAIL_EXISTS if someone won a race. */
function createAccount(context: ToolContext, request: SignupRequestRow, now: Date) {
  const { db } = context;
  if (emailTaken(db, request.email)) throw emailExistsFailure();
  const at = now.toISOString();
  const organisationId = newId('organisation');
  const companyId = newId('company');
  const userId = newId('user');
  prepareCached(db, 'INSERT INTO organisations (id, name, industry, country, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    organisationId,
    request.organisation_name,
    request.industry,
    request.country,
    request.timezone,
    at,
  );
  prepareCached(
    db,
    'INSERT INTO companies (id, organisation_id, name, industry, country, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(companyId, organisationId, request.organisation_name, request.industry, request.country, request.timezone, at);
  prepareCached(db, 'INSERT INTO users (id, email, name, created_at) VALUES (?, ?, NULL, ?)').run(userId, request.email, at);
  prepareCached(db, "INSERT INTO company_members (company_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)").run(companyId, userId, at);
  prepareCached(db, 'UPDATE signup_requests SET used_at = ? WHERE id = ?').run(at, request.id);
  const { apiKey } = issueApiKey(db, userId, companyId, now);
  const timezone = usableTimezone(request.timezone);
  return {
    organisationId,
    companyId,
    userId,
    apiKey,
    loginUrl: loginUrlFor(request.email),
    // What the workspace runs on, defaults included: a signup without a zone or country works in UTC and USD.
    timezone,
    currency: currencyFor(request.country),
    nextSteps: SIGNUP_NEXT_STEPS,
  };
}

/** The two no-auth signup tools (contract §3.1, §6.4). */
export const signupTools = [registerRequest, registerVerify];
