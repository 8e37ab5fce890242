/**
 * A six-digit code, its digits optionally split by single spaces or hyphens however the person grouped them
 * ("123 456", "123-456", "41 26 24", "4 1 2 6 2 4").
 */
const CODE = /(?<![\p{L}\p{N}@._+\-/#$€£¥])\d(?:[ -]?\d){5}(?![\p{L}\p{N}@]|[.,]\d)/gu;

/** Zero of each decimal script a code may be typed in: full-width (CJK input methods), Arabic-Indic, Persian, Devanagari, Bengali, Thai. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50];
const OTHER_DIGITS = /[\uff10-\uff19\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59]/g;

/**
 * The text with the digits of other scripts as ASCII ("４１２６２４" → "412624"). Each such digit is one UTF-16
 * unit, as is its ASCII form, so positions in the result are positions in the text.
 */
export function asciiDigits(text: string): string {
  return text.replace(OTHER_DIGITS, (digit) => {
    const unit = digit.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((start) => unit >= start && unit <= start + 9) ?? unit;
    return String.fromCharCode(0x30 + unit - zero);
  });
}

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
export function findVerificationCode(typed: string): FoundCode | null {
  const text = asciiDigits(typed);
  const found = new Map<string, FoundCode>();
  CODE.lastIndex = 0;
  for (let match = CODE.exec(text); match; match = CODE.exec(text)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    // "+852 123 456 78" or "555-123-456": a digit group joined by a space or hyphen on either side.
    if (/\d[ -]$/.test(before) || /^[ -]\d/.test(after)) continue;
    if (/\+\s*$/.test(before) || /\(\d+\)\s*$/.test(before)) continue;
    const code = match[0].replace(/\D/g, '');
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
export function findNearMissCodes(typed: string): NearMissCode[] {
  const text = asciiDigits(typed);
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
