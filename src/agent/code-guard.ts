import { findNearMissCodes, findVerificationCode } from './verification-code.js';

/**
 * Keeps the emailed 6-digit code away from the model provider: the person's message reaches the model with a
 * placeholder, and the core puts the real digits into the verify call's arguments.
 */
export const CODE_PLACEHOLDER = '[code ******]';

/** What the model sees instead of a mistyped code: "[not a code: 5 digits]" (a near miss is still most of a code). */
export const nearMissPlaceholder = (digits: number): string => `[not a code: ${digits} digits]`;

/** Tools whose `code` argument is the emailed code. */
export const CODE_TOOLS: ReadonlySet<string> = new Set(['register_organisation_verify', 'accept_team_invite_verify']);

/**
 * Replaces the code (every time it appears, however it is split) with the placeholder and returns the held code;
 * called only while a code is awaited.
 */
export function maskVerificationCode(text: string): { text: string; code: string | null } {
  let masked = text;
  let code: string | null = null;
  for (let found = findVerificationCode(masked); found && (code === null || found.code === code); found = findVerificationCode(masked)) {
    code = found.code;
    masked = `${masked.slice(0, found.start)}${CODE_PLACEHOLDER}${masked.slice(found.end)}`;
  }
  // Without a code, a run of 4-8 digits while a code is awaited is a typo of it: 5 of its 6 digits must not
  // reach the model provider either.
  if (code === null) {
    for (const nearMiss of findNearMissCodes(masked).reverse()) {
      masked = `${masked.slice(0, nearMiss.start)}${nearMissPlaceholder(nearMiss.digits)}${masked.slice(nearMiss.end)}`;
    }
  }
  return { text: masked, code };
}

/** What may surround a code typed on its own: "123456", "my code is 123 456", "OTP: 123456". */
const ONLY_A_CODE = /^[\s\p{P}]*(?:(?:my|the|here|here's|it's|its|is|code|verification|otp|pin|signup)[\s\p{P}]*)*$/iu;

/**
 * Masks a message that is nothing but a code, when no code is awaited (a new conversation after the code was
 * sent, or a request that expired or locked): the digits still never reach the model provider, which is told
 * there is nothing waiting for them. Codes inside other text are left alone then (a postcode, an amount).
 */
export function maskLoneCode(text: string): { text: string; code: string | null } {
  const found = findVerificationCode(text);
  if (!found) return { text, code: null };
  const rest = `${text.slice(0, found.start)} ${text.slice(found.end)}`;
  if (!ONLY_A_CODE.test(rest)) return { text, code: null };
  return { text: `${text.slice(0, found.start)}${CODE_PLACEHOLDER}${text.slice(found.end)}`, code: found.code };
}

