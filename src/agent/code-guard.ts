import { findCodeCandidates, findDigitsHoweverSplit, findNearMissCodes, findVerificationCode } from './verification-code.js';

/**
 * Keeps the emailed 6-digit code away from the model provider: the person's message reaches the model with a
 * placeholder, and the core puts the real digits into the verify call's arguments.
 */
export const CODE_PLACEHOLDER = '[code ******]';

/** What the model sees instead of a mistyped code: "[not a code: 5 digits]" (a near miss is still most of a code). */
export const nearMissPlaceholder = (digits: number): string => `[not a code: ${digits} digits]`;

/** Tools whose `code` argument is the emailed code. */
export const CODE_TOOLS: ReadonlySet<string> = new Set(['register_organisation_verify', 'accept_team_invite_verify']);

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/** Replaces the spans (which may overlap) from the end, so earlier positions stay valid. */
function replaceSpans(text: string, spans: Span[]): string {
  const ordered = [...spans].sort((left, right) => right.start - left.start);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const span of ordered) {
    if (span.end > limit) continue;
    result = `${result.slice(0, span.start)}${span.replacement}${result.slice(span.end)}`;
    limit = span.start;
  }
  return result;
}

/**
 * Called while a code is awaited. Every six-digit number in the message becomes the placeholder (however grouped or
 * scripted), and so do the digits of any code pasted earlier in this signup (`earlierCodes`), however split. The
 * code is held only when the message names one code: two different ones are ambiguous and the person is asked again.
 * Without a code, a run of 4-8 digits is a typo of it: 5 of its 6 digits must not reach the model provider either.
 */
export function maskVerificationCode(text: string, earlierCodes: Iterable<string> = []): { text: string; code: string | null } {
  const candidates = findCodeCandidates(text);
  const spans: Span[] = candidates.map((candidate) => ({ ...candidate, replacement: CODE_PLACEHOLDER }));
  for (const code of earlierCodes) {
    for (const found of findDigitsHoweverSplit(text, code)) spans.push({ ...found, replacement: CODE_PLACEHOLDER });
  }
  if (candidates.length === 0) {
    for (const nearMiss of findNearMissCodes(text)) spans.push({ ...nearMiss, replacement: nearMissPlaceholder(nearMiss.digits) });
  }
  const codes = new Set(candidates.map((candidate) => candidate.code));
  return { text: replaceSpans(text, spans), code: codes.size === 1 ? (candidates[0]?.code ?? null) : null };
}

/** What may surround a code typed on its own: "123456", "my code is 123 456", "OTP: 123456". */
const ONLY_A_CODE = /^[\s\p{P}\p{S}\p{Cf}]*(?:(?:my|the|here|here's|it's|its|is|code|verification|otp|pin|signup)[\s\p{P}\p{S}\p{Cf}]*)*$/iu;

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
