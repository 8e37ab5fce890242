import { digestsEqual, generateVerificationCode, hashCode } from './secret-hashing.js';
import { ToolFailure } from './tool-failure.js';
import type { ToolContext } from './tools/tool-definition.js';

/** FavCRM codes live 10 minutes (contract §5.2, §6.4). */
export const CODE_TTL_MS = 10 * 60 * 1000;
/** A code dies after this many wrong tries: a million candidates, five guesses, then a new code is needed. */
export const MAX_CODE_ATTEMPTS = 5;

/** The stored side of one emailed code. */
export interface StoredCode {
  /** What the HMAC is bound to (the signup request id or invite id), so a code is useless elsewhere. */
  scope: string;
  codeHash: string;
  expiresAt: string;
  failedAttempts: number;
}

/** What to tell the person when their code fails, in words that say the next step. */
export interface CodeFailureWording {
  /** e.g. `register_organisation_request` — how to get a fresh code. */
  renewWith: string;
}

type CodeCheck = { ok: true } | { ok: false; failure: ToolFailure; failedAttempts: number };

/** A code just issued: the plain digits go in the email, only the hash is stored. */
export interface IssuedCode {
  code: string;
  codeHash: string;
  expiresAt: string;
}

/** What the code email says beyond the code itself. */
export interface CodeEmail {
  to: string;
  /** Ends "Enter it to …", e.g. `accept your team invite`. */
  purpose: string;
  /** The line for someone who did not ask for the code. */
  ignoreNote: string;
}

/** The pepper from the context; the registry always sets it, so its absence is a wiring bug. */
function requirePepper(context: ToolContext): Buffer {
  if (!context.codePepper) throw new Error('ToolContext.codePepper is missing; build contexts through the tool registry.');
  return context.codePepper;
}

/** Issues a fresh code bound to `scope` that lives CODE_TTL_MS from `now`. */
export function issueCode(context: ToolContext, scope: string, now: Date): IssuedCode {
  const code = generateVerificationCode();
  return {
    code,
    codeHash: hashCode(requirePepper(context), scope, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
  };
}

/** Writes the code email to the outbox; the code rides along so `sandbox outbox` can show it. */
export function emailCode(context: ToolContext, issued: IssuedCode, email: CodeEmail): void {
  context.outbox.send({
    to: email.to,
    subject: `Your FavCRM verification code: ${issued.code}`,
    code: issued.code,
    text: [
      `Your FavCRM verification code is ${issued.code}.`,
      '',
      `Enter it to ${email.purpose}. It expires in 10 minutes (at ${issued.expiresAt}).`,
      email.ignoreNote,
      '',
      '(Sent by the local FavCRM sandbox; no real email left this machine.)',
    ].join('\n'),
  });
}

/**
 * Checks a presented code against the stored one: expiry first, then the lock, then a constant-time compare.
 * Returns the new failed-attempt count for the caller to persist.
 */
function checkCode(stored: StoredCode, code: string, pepper: Buffer, now: Date, wording: CodeFailureWording): CodeCheck {
  if (stored.failedAttempts >= MAX_CODE_ATTEMPTS) {
    return { ok: false, failedAttempts: stored.failedAttempts, failure: lockedFailure(wording) };
  }
  if (now.getTime() >= Date.parse(stored.expiresAt)) {
    return {
      ok: false,
      failedAttempts: stored.failedAttempts,
      failure: new ToolFailure(
        'CODE_EXPIRED',
        `This code expired at ${stored.expiresAt} (codes last 10 minutes). Call ${wording.renewWith} again to get a new code emailed.`,
        { expiredAt: stored.expiresAt, renewWith: wording.renewWith },
      ),
    };
  }
  if (digestsEqual(stored.codeHash, hashCode(pepper, stored.scope, code))) return { ok: true };
  const failedAttempts = stored.failedAttempts + 1;
  const attemptsLeft = MAX_CODE_ATTEMPTS - failedAttempts;
  if (attemptsLeft <= 0) return { ok: false, failedAttempts, failure: lockedFailure(wording) };
  return {
    ok: false,
    failedAttempts,
    failure: new ToolFailure(
      'CODE_INVALID',
      `That code is not right. Ask the person to re-check the 6-digit code in the email and try again (${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left).`,
      { attemptsLeft },
    ),
  };
}

/**
 * Lets a matching code through; otherwise saves the new failed-attempt count (when it changed) and throws the failure.
 * `saveFailedAttempts` writes the count wherever the caller stores the code.
 */
export function verifyCodeOrThrow(
  context: ToolContext,
  stored: StoredCode,
  code: string,
  now: Date,
  wording: CodeFailureWording,
  saveFailedAttempts: (failedAttempts: number) => void,
): void {
  const check = checkCode(stored, code, requirePepper(context), now, wording);
  if (check.ok) return;
  if (check.failedAttempts !== stored.failedAttempts) saveFailedAttempts(check.failedAttempts);
  throw check.failure;
}

function lockedFailure(wording: CodeFailureWording): ToolFailure {
  return new ToolFailure(
    'REQUEST_LOCKED',
    `Too many wrong codes (${MAX_CODE_ATTEMPTS}); this code no longer works. Call ${wording.renewWith} again to get a new code emailed.`,
    { renewWith: wording.renewWith },
  );
}
