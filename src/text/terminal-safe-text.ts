/**
 * Makes text from the FavCRM server, the model or the keyboard safe to print: a service named
 * "Evil\x1b]0;PWNED\x07" must not retitle the terminal, colour the screen or break a table's columns.
 * Pure, and shared by the Ink UI (the chat reducer) and headless mode.
 */

/**
 * Anything that may need work: C0 controls other than \t and \n, DEL, C1 controls, bidi embeddings, overrides,
 * isolates and marks, and the Unicode line and paragraph separators (some terminals break the line on them).
 */
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * Whole escape sequences, longest forms first, in their 7-bit (ESC …) and 8-bit (C1) spellings:
 * - strings (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _`) up to BEL or ST (`ESC \` or U+009C);
 * - CSI `ESC [` (or U+009B) with parameter and intermediate bytes up to its final byte;
 * - any other `ESC`, its intermediate bytes and one final byte (`ESC c` resets the terminal, `ESC (0` switches charset).
 * An unterminated string is not matched: only its introducer goes, and its text stays on screen as plain text.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;

/**
 * Bidi embeddings, overrides, isolates and the invisible direction marks (ALM, LRM, RLM) can make text read
 * differently from what it says ("Trojan Source"): `invoice_\u202Efdp.exe` shows as `invoice_exe.pdf`.
 */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** U+2028 and U+2029 break lines in some terminals and not in others: shown as a plain line break. */
const UNICODE_LINE_BREAK = /[\u2028\u2029]/g;

/** `\r\n` is a line break; a lone `\r` would send the cursor back and let later text overwrite what came before. */
const CARRIAGE_RETURN = /\r\n?/g;

/** Every control left once the sequences are gone (\t and \n are kept: prose and tables use them). */
const LONE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * A lone control becomes U+FFFD rather than nothing: dropping it could silently join two words ("paid\bunpaid"),
 * while a visible mark shows that something unprintable was there. U+FFFD is one column wide, and it is what
 * decoders already show for "cannot print this". Escape sequences go entirely: they were formatting, not text.
 */
export const UNPRINTABLE_PLACEHOLDER = '\uFFFD';

/** Removes escape sequences and bidi controls, turns other controls into U+FFFD; safe text comes back as is. */
export function terminalSafeText(text: string): string {
  // The common case (plain prose, CJK, emoji) costs one regex test and returns the very same string.
  if (!UNSAFE_CHARACTER.test(text)) return text;
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(BIDI_CONTROL, '')
    .replace(UNICODE_LINE_BREAK, '\n')
    .replace(CARRIAGE_RETURN, (match) => (match === '\r\n' ? '\n' : ''))
    .replace(LONE_CONTROL, UNPRINTABLE_PLACEHOLDER);
}

/**
 * Characters `JSON.stringify` leaves raw that a terminal may still act on: DEL, C1 controls (U+009B is CSI), bidi
 * controls and marks, and the Unicode line separators. JSON already writes C0 controls (ESC, BEL, CR) as escapes.
 */
const JSON_TERMINAL_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON that is safe to print and still means exactly the same: the few characters a terminal would act on are
 * written as `\uXXXX` escapes, so a parser gets the server's text back unchanged and the screen shows no effect.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(JSON_TERMINAL_UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A writable (stdout, stderr, a test's capture) that passes every string through `terminalSafeText` first. */
export function terminalSafeWriter<Output extends { write(text: string): unknown }>(output: Output): { write(text: string): unknown } {
  return { write: (text: string) => output.write(terminalSafeText(text)) };
}

/**
 * Applies `terminalSafeText` to every string in a JSON-like value, object keys included (they become table
 * headers). Returns the same value when nothing needed changing; anything that is not a plain object, an array or a
 * string is passed through untouched.
 */
export function terminalSafeDeep<T>(value: T): T {
  return safeValue(value, new WeakMap()) as T;
}

function safeValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return terminalSafeText(value);
  if (value === null || typeof value !== 'object') return value;
  const already = seen.get(value);
  if (already !== undefined) return already;
  if (Array.isArray(value)) {
    seen.set(value, value);
    const items = value.map((item: unknown) => safeValue(item, seen));
    const changed = items.some((item, index) => item !== value[index]);
    const result = changed ? items : value;
    seen.set(value, result);
    return result;
  }
  if (!isPlainObject(value)) return value;
  seen.set(value, value);
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safeKey = terminalSafeText(key);
    const safeItem = safeValue(item, seen);
    if (safeKey !== key || safeItem !== item) changed = true;
    copy[safeKey] = safeItem;
  }
  const result = changed ? copy : value;
  seen.set(value, result);
  return result;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
