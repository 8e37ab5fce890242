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
