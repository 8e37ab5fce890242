/**
 * Ink splits a chunk of terminal input at escape sequences only, so keys that arrive together (typed while the
 * event loop was busy, sent by a script, a fast Ctrl+W Ctrl+W) reach `useInput` as one string: "\x17\x17" is then
 * neither Ctrl+W nor text, and "\r\x03" neither Enter nor Ctrl+C. This splits such a chunk back into the keys
 * Ink would have reported one by one.
 */
import type { EditKey } from './line-editor.js';

export interface SplitKey {
  input: string;
  key: EditKey;
}

/** Control characters other than the ones text carries (line breaks and tabs stay with pasted text). */
const LONE_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

/**
 * The keys in one `useInput` call. A chunk that is text with line breaks, a single key, or an escape sequence is
 * returned as it came (the line editor reads a pasted or typed-ahead line as one piece); a chunk holding control
 * keys is split into each control key and the runs of text between them.
 */
export function splitKeys(input: string, key: EditKey): SplitKey[] {
  if (input.length < 2 || input.startsWith('\x1b') || !LONE_CONTROL.test(input)) return [{ input, key }];
  // A held Backspace arrives as a run of DEL, maybe between letters: the editor already applies those in place.
  if (/^[^\x00-\x1f]*$/.test(input.replace(/\x7f/g, ''))) return [{ input, key }];
  const keys: SplitKey[] = [];
  let text = '';
  const flushText = () => {
    if (text !== '') keys.push({ input: text, key: {} });
    text = '';
  };
  for (const char of input) {
    const code = char.charCodeAt(0);
    if (char === '\r' || char === '\n') {
      // Text and its Enter stay together: the editor sends "hello\r" as typed-ahead text.
      text += char;
      flushText();
    } else if (char === '\t') {
      text += char;
    } else if (char === '\x7f' || char === '\b') {
      flushText();
      keys.push({ input: '', key: { backspace: true } });
    } else if (code >= 1 && code <= 26) {
      flushText();
      keys.push({ input: String.fromCharCode(code + 96), key: { ctrl: true } });
    } else if (code < 0x20) {
      flushText();
    } else {
      text += char;
    }
  }
  flushText();
  return keys;
}
