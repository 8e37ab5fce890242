/**
 * Finding the emailed six-digit code in what a person typed, however they wrote it: grouped by any spaces, dashes,
 * dots, commas, slashes or brackets ("483 920", "483.920", "6,2,5,3,1,0", "(483) 920", "#483920"), copied from an
 * HTML email (no-break and thin spaces, zero-width characters between the digits), or typed in another script's
 * digits (full-width, Arabic-Indic, Devanagari, Khmer, Myanmar, Gurmukhi, Tamil, mathematical bold, ...).
 *
 * The text is normalised first (NFKC, every Unicode decimal digit as ASCII, format characters and combining marks
 * dropped); every position reported is a position in the text as typed, so the caller can cut the code out of it.
 */

/** A normalised text and, for each of its UTF-16 units, the span of the typed text it came from. */
interface NormalisedText {
  text: string;
  from: number[];
  to: number[];
}

/** Dropped before reading digits: zero-width spaces and joiners, soft hyphens, BOMs, bidi marks, combining marks. */
const INVISIBLE = /^[\p{Cf}\p{M}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** The first code point of each run of decimal digits met so far (Unicode encodes each script's 0-9 contiguously). */
const digitRunStart = new Map<number, number>();

/**
 * The value (0-9) of any Unicode decimal digit. Unicode guarantees every `Nd` character sits in a contiguous run of
 * ten starting at its zero, and adjacent runs (the five mathematical digit sets) are whole runs of ten, so the
 * value is the distance from the start of the block of consecutive `Nd` code points, modulo 10.
 */
export function decimalDigitValue(codePoint: number): number {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  let start = digitRunStart.get(codePoint);
  if (start === undefined) {
    start = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
    digitRunStart.set(codePoint, start);
  }
  return (codePoint - start) % 10;
}

/** NFKC per character, every decimal digit as ASCII, invisible characters dropped, with the map back. */
export function normaliseForCode(typed: string): NormalisedText {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let offset = 0;
  for (const character of typed) {
    const start = offset;
    offset += character.length;
    if (INVISIBLE.test(character)) continue;
    for (const unit of character.normalize('NFKC')) {
      if (INVISIBLE.test(unit)) continue;
      const codePoint = unit.codePointAt(0) ?? 0;
      const plain = DECIMAL_DIGIT.test(unit) ? String(decimalDigitValue(codePoint)) : unit;
      for (let index = 0; index < plain.length; index += 1) {
        from.push(start);
        to.push(offset);
      }
      text += plain;
    }
  }
  return { text, from, to };
}

/** The text with every decimal digit as ASCII and invisible characters dropped (for readers that only need digits). */
export function asciiDigits(text: string): string {
  return normaliseForCode(text).text;
}

export interface FoundCode {
  code: string;
  /** Where the code (as typed, with any separator) starts and ends in the text. */
  start: number;
  end: number;
}

export interface NearMissCode {
  digits: number;
  start: number;
  end: number;
}

/** Digits of one number may be joined by up to this many characters, none a letter or digit ("483 - 920", "4, 8"). */
const MAXIMUM_SEPARATOR_LENGTH = 6;
/** ... of which at most this many are not spaces ("483 -- 920" yes, "4 ... -- 8" no). */
const MAXIMUM_SEPARATOR_MARKS = 3;

/** A run of digit groups that reads as one number, in normalised positions, and its groups. */
interface DigitChain {
  groups: Array<{ start: number; end: number }>;
  /** For each gap between groups: true when it also separates list items (", ", "; ", a line break). */
  itemBreaks: boolean[];
}

function isSeparator(gap: string): boolean {
  if (gap.length === 0 || gap.length > MAXIMUM_SEPARATOR_LENGTH) return false;
  if (/[\p{L}\p{N}]/u.test(gap)) return false;
  if (/\n\s*\n/.test(gap)) return false;
  return gap.replace(/\s/gu, '').length <= MAXIMUM_SEPARATOR_MARKS;
}

/** "483920, 555-1234": a comma or semicolon followed by a space, or a new line, ends one item of a list. */
function isItemBreak(gap: string): boolean {
  return /[,;]\s|\n/u.test(gap);
}

function digitChains(text: string): DigitChain[] {
  const chains: DigitChain[] = [];
  const groupPattern = /[0-9]+/g;
  let current: DigitChain | null = null;
  let previousEnd = -1;
  for (let match = groupPattern.exec(text); match; match = groupPattern.exec(text)) {
    const group = { start: match.index, end: match.index + match[0].length };
    const gap = text.slice(previousEnd, group.start);
    if (current && isSeparator(gap)) {
      current.groups.push(group);
      current.itemBreaks.push(isItemBreak(gap));
    } else {
      current = { groups: [group], itemBreaks: [] };
      chains.push(current);
    }
    previousEnd = group.end;
  }
  return chains;
}

/**
 * True when the digits from `start` to `end` (normalised positions) stand alone: not part of a word, an email, a
 * phone number (`+` before it) or an amount (a currency sign before it).
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start);
  const after = text.slice(end);
  if (/[\p{L}\p{N}_@]$/u.test(before) || /^[\p{L}\p{N}_@]/u.test(after)) return false;
  return !/\+[\s(]*$/u.test(before) && !/\p{Sc}\s*$/u.test(before);
}

interface DigitRun {
  digits: string;
  /** Normalised positions of the first and last digit. */
  start: number;
  end: number;
}

/** Every number the text holds, read whole; a list ("555-1234, 483920") is also read item by item. */
function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  const run = (chain: DigitChain, first: number, last: number): DigitRun => {
    const groups = chain.groups.slice(first, last + 1);
    return {
      digits: groups.map((group) => text.slice(group.start, group.end)).join(''),
      start: groups[0]?.start ?? 0,
      end: groups.at(-1)?.end ?? 0,
    };
  };
  for (const chain of digitChains(text)) {
    const whole = run(chain, 0, chain.groups.length - 1);
    if (whole.digits.length === 6 || !chain.itemBreaks.includes(true)) {
      runs.push(whole);
      continue;
    }
    let first = 0;
    chain.itemBreaks.forEach((itemBreak, index) => {
      if (!itemBreak) return;
      runs.push(run(chain, first, index));
      first = index + 1;
    });
    runs.push(run(chain, first, chain.groups.length - 1));
  }
  return runs.filter((candidate) => standsAlone(text, candidate.start, candidate.end));
}

function typedSpan(normalised: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: normalised.from[start] ?? 0, end: normalised.to[end - 1] ?? 0 };
}

/** Every six-digit number in the text, in order, with where it was typed (the same code may appear twice). */
export function findCodeCandidates(typed: string): FoundCode[] {
  const normalised = normaliseForCode(typed);
  return digitRuns(normalised.text)
    .filter((run) => run.digits.length === 6)
    .map((run) => ({ code: run.digits, ...typedSpan(normalised, run.start, run.end) }));
}

/**
 * The verification code a person typed, alone or inside a sentence ("the code is 123 456", "483920, thanks"), with
 * its position, or null. Digits that belong to a longer number, a phone number or an email are not a code; when the
 * text holds two different codes, it is ambiguous and null.
 */
export function findVerificationCode(typed: string): FoundCode | null {
  const candidates = findCodeCandidates(typed);
  const codes = new Set(candidates.map((candidate) => candidate.code));
  return codes.size === 1 ? (candidates[0] ?? null) : null;
}

/** Just the digits of `findVerificationCode`. */
export function extractVerificationCode(text: string): string | null {
  return findVerificationCode(text)?.code ?? null;
}

/** Every number of 4-8 digits (however grouped) that is not six digits long: most likely the code mistyped. */
export function findNearMissCodes(typed: string): NearMissCode[] {
  const normalised = normaliseForCode(typed);
  return digitRuns(normalised.text)
    .filter((run) => run.digits.length >= 4 && run.digits.length <= 8 && run.digits.length !== 6)
    .map((run) => ({ digits: run.digits.length, ...typedSpan(normalised, run.start, run.end) }));
}

/**
 * Every place the text holds these exact digits in order, joined by nothing or by anything that is not a letter or
 * digit ("48 39 20", "4-8-3-9-2-0", "483\u200b920"), and not inside a longer number. Used to keep a code already
 * pasted out of every later message.
 */
export function findDigitsHoweverSplit(typed: string, digits: string): Array<{ start: number; end: number }> {
  if (!/^[0-9]+$/.test(digits)) return [];
  const normalised = normaliseForCode(typed);
  const pattern = new RegExp(`(?<![0-9])${[...digits].join('[^\\p{L}\\p{N}]{0,6}')}(?![0-9])`, 'gu');
  const found: Array<{ start: number; end: number }> = [];
  for (let match = pattern.exec(normalised.text); match; match = pattern.exec(normalised.text)) {
    found.push(typedSpan(normalised, match.index, match.index + match[0].length));
  }
  return found;
}
