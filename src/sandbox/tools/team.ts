import { z } from 'zod';
import { issueApiKey, loginUrlFor, maskEmail, PORTAL_URL } from '../accounts.js';
import { checkRate, recordRateEvent } from '../rate-limit.js';
import { generateInviteToken, hashSecret, newId } from '../secret-hashing.js';
import { ToolFailure } from '../tool-failure.js';
import { emailCode, issueCode, verifyCodeOrThrow } from '../verification-codes.js';
import { codeField, emailField, nameField } from './account-fields.js';
import { KEY_HELD_BY_APP } from './key-guidance.js';
import { writeTool } from './tool-annotations.js';
import { defineTool, type ToolContext } from './tool-definition.js';

/** Invites last three days unless the inviter says otherwise (FavCRM CLI default is unset; 72 h is ours). */
const DEFAULT_INVITE_HOURS = 72;
/** Longest invite we issue: a month; older links are more likely to have leaked. */
const MAX_INVITE_HOURS = 24 * 30;
/** rate_events scope for codes sent per invite (rate-limit.ts DEFAULT_INVITE_CODE_RATE). */
const INVITE_CODE_RATE_SCOPE = 'invite-code';

/** After joining by invite; like signup's, for an agent whose app keeps the key (key-guidance.ts). */
export const INVITE_NEXT_STEPS = [
  KEY_HELD_BY_APP,
  'Check the connection with `favcrm whoami` (list_my_companies); you now work in the inviting company.',
  'Open the login URL and use "forgot password" to set a portal password.',
];

interface InviteRow {
  id: string;
  company_id: string;
  email: string;
  name: string | null;
  role: 'manager' | 'staff';
  expires_at: string;
  code_hash: string | null;
  code_expires_at: string | null;
  code_failed_attempts: number;
  accepted_at: string | null;
}

const tokenField = z.string().trim().min(1, 'must not be empty').max(200, 'is too long');

/** Finds an open invite by its token, or says why there is none in words the invitee can act on. */
function findOpenInvite(context: ToolContext, token: string, now: Date): InviteRow {
  const invite = context.db
    .prepare(
      `SELECT id, company_id, email, name, role, expires_at, code_hash, code_expires_at, code_failed_attempts, accepted_at
       FROM team_invites WHERE token_hash = ?`,
    )
    .get(hashSecret(token)) as InviteRow | undefined;
  if (!invite || invite.accepted_at !== null) {
    throw new ToolFailure(
      'NOT_FOUND',
      'This invite token is unknown or was already used. Check it was copied whole, or ask an owner or manager for a new invite.',
      { field: 'token' },
    );
  }
  if (now.getTime() >= Date.parse(invite.expires_at)) {
    throw new ToolFailure(
      'INVITE_EXPIRED',
      `This invite expired at ${invite.expires_at}. Ask an owner or manager of the company to create a new invite (create_team_member_invite).`,
      { expiredAt: invite.expires_at },
    );
  }
  return invite;
}

const createInvite = defineTool({
  name: 'create_team_member_invite',
  description: [
    'Invite a person to join the current company as staff or manager (owners and managers only).',
    'email: the invitee’s address. role: staff (default) or manager — use manager only when asked; never invent roles.',
    'name (optional): the invitee’s name. expiresInHours (optional): 1–720, default 72.',
    'Returns inviteId, token, inviteUrl, expiresAt, email and role. Give the token or link to the invitee; they accept with accept_team_invite_request then accept_team_invite_verify.',
  ].join('\n'),
  inputSchema: {
    email: emailField,
    role: z.enum(['staff', 'manager'], { error: 'must be staff or manager' }).default('staff'),
    name: nameField.optional(),
    expiresInHours: z
      .number({ error: 'must be a number of hours' })
      .int('must be a whole number of hours')
      .min(1, 'must be at least 1')
      .max(MAX_INVITE_HOURS, `must be at most ${MAX_INVITE_HOURS}`)
      .optional(),
  },
  // Open-world: it emails an outside address, and accepting grants that person access (contract §4.1: email).
  annotations: writeTool('Invite team member', { openWorld: true }),
  auth: 'key',
  handler(args, context) {
    const caller = context.caller;
    if (!caller) throw new Error('create_team_member_invite ran without a caller; the registry enforces auth.');
    if (caller.role === 'staff') {
      throw new ToolFailure(
        'FORBIDDEN',
        'Only an owner or manager can invite team members, and this key belongs to staff. Ask an owner or manager to send the invite.',
        { requiredRole: ['owner', 'manager'], yourRole: caller.role },
      );
    }
    const alreadyMember = context.db
      .prepare('SELECT 1 FROM company_members m JOIN users u ON u.id = m.user_id WHERE m.company_id = ? AND u.email = ?')
      .get(caller.companyId, args.email);
    if (alreadyMember) {
      throw new ToolFailure('CONFLICT', `${args.email} is already a member of this company; no invite is needed.`, { field: 'email' });
    }
    const now = context.now();
    const inviteId = newId('teamInvite');
    const token = generateInviteToken();
    const expiresAt = new Date(now.getTime() + (args.expiresInHours ?? DEFAULT_INVITE_HOURS) * 3_600_000).toISOString();
    context.db
      .prepare(
        `INSERT INTO team_invites (id, company_id, email, name, role, token_hash, invited_by_user_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(inviteId, caller.companyId, args.email, args.name ?? null, args.role, hashSecret(token), caller.userId, now.toISOString(), expiresAt);
    const companyName = context.db.prepare('SELECT name FROM companies WHERE id = ?').pluck().get(caller.companyId) as string;
    const inviteUrl = `${PORTAL_URL}/invite?token=${encodeURIComponent(token)}`;
    context.outbox.send({
      to: args.email,
      subject: `You're invited to join ${companyName} on FavCRM`,
      text: [
        `You have been invited to join ${companyName} on FavCRM as ${args.role}.`,
        '',
        `Accept here: ${inviteUrl}`,
        `Or with the CLI: favcrm team invite accept-request --token ${token}`,
        '',
        `The invite expires at ${expiresAt}.`,
        '',
        '(Sent by the local FavCRM sandbox; no real email left this machine.)',
      ].join('\n'),
    });
    return { inviteId, token, inviteUrl, expiresAt, email: args.email, role: args.role };
  },
});

const acceptRequest = defineTool({
  name: 'accept_team_invite_request',
  description: [
    'Start accepting a team invite: emails a 6-digit code to the invited address (no API key needed).',
    'token: the invite token (or the token= part of the invite link).',
    'Returns maskedEmail, expiresAt (the code lasts 10 minutes) and instructions; then call accept_team_invite_verify.',
    'INVITE_EXPIRED means an owner or manager must create a new invite.',
    'Limited to 5 codes an hour and 20 a day per invite: on RATE_LIMITED, use the last code sent or wait.',
  ].join('\n'),
  inputSchema: { token: tokenField },
  annotations: writeTool('Request invite code', { openWorld: true }),
  auth: 'none',
  handler(args, context) {
    const now = context.now();
    const invite = findOpenInvite(context, args.token, now);
    const decision = checkRate(context.db, INVITE_CODE_RATE_SCOPE, invite.id, context.settings.inviteCodeRate, now);
    if (!decision.allowed) {
      const retryAt = new Date(now.getTime() + decision.retryAfterSeconds * 1000).toISOString();
      throw new ToolFailure(
        'RATE_LIMITED',
        `Too many codes asked for this invite (limit ${decision.limit} per ${decision.window}). Use the last code sent, or try again after ${retryAt}.`,
        { retryAfterSeconds: decision.retryAfterSeconds, retryAt, summary: `Invite codes are limited to ${decision.limit} per ${decision.window}; wait until ${retryAt}, do not retry in a loop.` },
      );
    }
    const issued = issueCode(context, invite.id, now);
    recordRateEvent(context.db, INVITE_CODE_RATE_SCOPE, invite.id, now);
    const { expiresAt } = issued;
    // A new code replaces the old one and resets its tries, like a new signup request does.
    context.db
      .prepare('UPDATE team_invites SET code_hash = ?, code_expires_at = ?, code_failed_attempts = 0 WHERE id = ?')
      .run(issued.codeHash, expiresAt, invite.id);
    emailCode(context, issued, {
      to: invite.email,
      purpose: 'accept your team invite',
      ignoreNote: 'If you did not ask for this, ignore this email.',
    });
    const maskedEmail = maskEmail(invite.email);
    return {
      maskedEmail,
      expiresAt,
      instructions: `We emailed a 6-digit code to ${maskedEmail}. Ask the invitee for it, then call accept_team_invite_verify with the same token and the code within 10 minutes.`,
    };
  },
});

const acceptVerify = defineTool({
  name: 'accept_team_invite_verify',
  description: [
    'Finish accepting a team invite: check the emailed code, join the company, get an API key.',
    'No API key is needed to call it.',
    'token: the invite token. code: the 6 digits from the email. name (optional): the invitee’s name.',
    'Returns userId, companyId, role, apiKey (shown once, for the client app to keep; never echo it), loginUrl and nextSteps.',
    'Wrong code: CODE_INVALID with attemptsLeft; after 5 wrong codes REQUEST_LOCKED; after 10 minutes CODE_EXPIRED. For the last two, call accept_team_invite_request again.',
  ].join('\n'),
  inputSchema: {
    token: tokenField,
    code: codeField,
    name: nameField.optional(),
  },
  annotations: writeTool('Verify invite code'),
  auth: 'none',
  handler(args, context) {
    const now = context.now();
    const invite = findOpenInvite(context, args.token, now);
    if (invite.code_hash === null || invite.code_expires_at === null) {
      throw new ToolFailure(
        'CODE_EXPIRED',
        'No code is active for this invite yet. Call accept_team_invite_request to email one.',
        { renewWith: 'accept_team_invite_request' },
      );
    }
    verifyCodeOrThrow(
      context,
      { scope: invite.id, codeHash: invite.code_hash, expiresAt: invite.code_expires_at, failedAttempts: invite.code_failed_attempts },
      args.code,
      now,
      { renewWith: 'accept_team_invite_request' },
      (failedAttempts) => context.db.prepare('UPDATE team_invites SET code_failed_attempts = ? WHERE id = ?').run(failedAttempts, invite.id),
    );
    return context.db.transaction(() => joinCompany(context, invite, args.name ?? invite.name, now))();
  },
});

/** Adds the invitee (new or existing user) to the company and issues a key working there. */
function joinCompany(context: ToolContext, invite: InviteRow, name: string | null, now: Date) {
  const { db } = context;
  const at = now.toISOString();
  let userId = db.prepare('SELECT id FROM users WHERE email = ?').pluck().get(invite.email) as string | undefined;
  if (userId === undefined) {
    userId = newId('user');
    db.prepare('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)').run(userId, invite.email, name, at);
  } else if (name !== null) {
    db.prepare('UPDATE users SET name = COALESCE(name, ?) WHERE id = ?').run(name, userId);
  }
  const existing = db
    .prepare('SELECT role FROM company_members WHERE company_id = ? AND user_id = ?')
    .pluck()
    .get(invite.company_id, userId) as string | undefined;
  if (existing === undefined) {
    db.prepare('INSERT INTO company_members (company_id, user_id, role, created_at) VALUES (?, ?, ?, ?)').run(
      invite.company_id,
      userId,
      invite.role,
      at,
    );
  }
  db.prepare('UPDATE team_invites SET accepted_at = ?, accepted_user_id = ?, code_hash = NULL WHERE id = ?').run(at, userId, invite.id);
  const { apiKey } = issueApiKey(db, userId, invite.company_id, now);
  return {
    userId,
    companyId: invite.company_id,
    role: existing ?? invite.role,
    apiKey,
    loginUrl: loginUrlFor(invite.email),
    nextSteps: INVITE_NEXT_STEPS,
  };
}

/** Team onboarding tools (contract §3.4, §5.3, §6.5). */
export const teamTools = [createInvite, acceptRequest, acceptVerify];
