/** A six-digit code, optionally split 3+3 by one space or hyphen ("123 456", "123-456"). */
const CODE = /(?<![\p{L}\p{N}@._+\-/#$€£¥])(\d{3})[ -]?(\d{3})(?![\p{L}\p{N}@]|[.,]\d)/gu;

export interface FoundCode {
  code: string;
  /** Where the code (as typed, with any separator) starts and ends in the text. */
  start: number;
  end: number;
}

/**
 * The verification code a person typed, alone or inside a sentence ("the code is 123 456",
 * "483920, thanks"), with its position, or null. Digits that belong to a longer number, a phone number or an
 * email are not a code; when the text holds two different codes, it is ambiguous and null.
 */
export function findVerificationCode(text: string): FoundCode | null {
  const found = new Map<string, FoundCode>();
  CODE.lastIndex = 0;
  for (let match = CODE.exec(text); match; match = CODE.exec(text)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    // "+852 123 456 78" or "555-123-456": a digit group joined by a space or hyphen on either side.
    if (/\d[ -]$/.test(before) || /^[ -]\d/.test(after)) continue;
    if (/\+\s*$/.test(before) || /\(\d+\)\s*$/.test(before)) continue;
    const code = `${match[1]}${match[2]}`;
    if (!found.has(code)) found.set(code, { code, start: match.index, end: match.index + match[0].length });
  }
  if (found.size !== 1) return null;
  return [...found.values()][0] ?? null;
}

/** Just the digits of `findVerificationCode`. */
export function extractVerificationCode(text: string): string | null {
  return findVerificationCode(text)?.code ?? null;
}

/**
 * A run of 4–8 digits (single spaces or hyphens allowed between them) that is not a 6-digit code: most likely the
 * code with a digit missing or doubled. Not a phone number (+ before it) or part of a word, email or amount.
 */
const NEAR_MISS = /(?<![\p{L}\p{N}@._+\-/#$€£¥])\d(?:[ -]?\d){3,7}(?![\p{L}\p{N}@]|[.,]\d)/gu;

export interface NearMissCode {
  digits: number;
  start: number;
  end: number;
}

/** Every digit run that looks like a mistyped code (see NEAR_MISS), in order. */
export function findNearMissCodes(text: string): NearMissCode[] {
  const found: NearMissCode[] = [];
  NEAR_MISS.lastIndex = 0;
  for (let match = NEAR_MISS.exec(text); match; match = NEAR_MISS.exec(text)) {
    const digits = match[0].replace(/\D/g, '').length;
    // "+852 1234 5678": a run that continues a number written before it is that number, not a code.
    if (/\d[ -]$/.test(text.slice(0, match.index))) continue;
    if (digits !== 6) found.push({ digits, start: match.index, end: match.index + match[0].length });
  }
  return found;
}
