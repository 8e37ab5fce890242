import { findVerificationCode } from './verification-code.js';

/**
 * Keeps the emailed 6-digit code away from the model provider: the person's message reaches the model with a
 * placeholder, and the core puts the real digits into the verify call's arguments.
 */
export const CODE_PLACEHOLDER = '[code ******]';

/** Tools whose `code` argument is the emailed code. */
export const CODE_TOOLS: ReadonlySet<string> = new Set(['register_organisation_verify', 'accept_team_invite_verify']);

/** Replaces the code (every time it appears, however it is split) with the placeholder; returns the held code. */
export function maskVerificationCode(text: string): { text: string; code: string | null } {
  let masked = text;
  let code: string | null = null;
  for (let found = findVerificationCode(masked); found && (code === null || found.code === code); found = findVerificationCode(masked)) {
    code = found.code;
    masked = `${masked.slice(0, found.start)}${CODE_PLACEHOLDER}${masked.slice(found.end)}`;
  }
  return { text: masked, code };
}
