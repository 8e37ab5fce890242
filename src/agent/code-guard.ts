/**
 * Keeps the emailed 6-digit code away from the model provider: the person's message reaches the model with a
 * placeholder, and the core puts the real digits into the verify call's arguments.
 */
export const CODE_PLACEHOLDER = '[code ******]';

/** Tools whose `code` argument is the emailed code. */
export const CODE_TOOLS: ReadonlySet<string> = new Set(['register_organisation_verify', 'accept_team_invite_verify']);

const CODE_PATTERN = /(?<![\d@.+-])(\d{3})[ -]?(\d{3})(?![\d@-]|\.\d)/;

/** Finds a standalone 6-digit code (`123456`, `123 456`, `123-456`), also inside a sentence. */
export function findVerificationCode(text: string): { code: string; start: number; end: number } | null {
  if (/\d{7,}/.test(text.replace(/[ -]/g, '')) && !CODE_PATTERN.test(text)) return null;
  const match = CODE_PATTERN.exec(text);
  if (!match || match.index === undefined) return null;
  return { code: `${match[1]}${match[2]}`, start: match.index, end: match.index + match[0].length };
}

/** Replaces the code in the person's text with the placeholder; returns the held code. */
export function maskVerificationCode(text: string): { text: string; code: string | null } {
  const found = findVerificationCode(text);
  if (!found) return { text, code: null };
  return { text: `${text.slice(0, found.start)}${CODE_PLACEHOLDER}${text.slice(found.end)}`, code: found.code };
}
