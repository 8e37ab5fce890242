/**
 * The input line's editing, as a pure function of the line and one key, so every binding is unit-tested without a
 * terminal. Bindings follow readline, which terminal users type without thinking: Ctrl+A/E, Home/End, Ctrl+U/K/W,
 * Alt+B/F and Ctrl/Alt+arrows by word.
 */
import { joinPastedLines } from '../state/pasted-lines.js';

export interface LineState {
  value: string;
  /** Index into `value` (UTF-16), 0 … value.length. */
  cursor: number;
}

/** The parts of Ink's `Key` the editor reads. */
export interface EditKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

/** What a key did: a new line, the line sent (Enter, or text that arrived ending in a line break), or nothing. */
export type EditOutcome = { kind: 'edit'; line: LineState } | { kind: 'submit'; value: string } | { kind: 'ignored' };

const IGNORED: EditOutcome = { kind: 'ignored' };
const BACKSPACE_CHARS = /[\b\x7f]/;
/** Control characters a terminal can leave in typed text; line breaks and tabs are handled on their own. */
const STRAY_CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;

const edit = (value: string, cursor: number): EditOutcome => ({ kind: 'edit', line: { value, cursor: Math.max(0, Math.min(cursor, value.length)) } });

/** Where the word before the cursor starts (skipping the spaces in front of it first). */
export function wordStartBefore(value: string, cursor: number): number {
  let index = cursor;
  while (index > 0 && /\s/.test(value[index - 1] ?? '')) index -= 1;
  while (index > 0 && !/\s/.test(value[index - 1] ?? '')) index -= 1;
  return index;
}

/** Where the word after the cursor ends. */
export function wordEndAfter(value: string, cursor: number): number {
  let index = cursor;
  while (index < value.length && /\s/.test(value[index] ?? '')) index += 1;
  while (index < value.length && !/\s/.test(value[index] ?? '')) index += 1;
  return index;
}

/**
 * The line as it is drawn `width` columns wide: the space where a row ends becomes a line break, so no row starts
 * with the space Ink's own wrapping would leave there. Same length as `text` (one character for another), so the
 * cursor's index still points at the same character. Rows keep a column free for the cursor at their end. Text
 * that may hold wide characters (CJK, emoji) is left to Ink.
 */
export function softWrap(text: string, width: number): string {
  if (width < 2 || text.length < width || /[\u1100-\uffff]/.test(text)) return text;
  const chars = text.split('');
  let rowStart = 0;
  let lastSpace = -1;
  for (let index = 0; index < chars.length; index += 1) {
    if (chars[index] === ' ') lastSpace = index;
    if (index - rowStart >= width - 1) {
      if (lastSpace > rowStart) {
        chars[lastSpace] = '\n';
        rowStart = lastSpace + 1;
      } else {
        rowStart = index;
      }
      lastSpace = -1;
    }
  }
  return chars.join('');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Plain ASCII (almost every line) has a grapheme per character: no need to segment it. */
const SIMPLE = /^[\x20-\x7e]*$/;

/**
 * One grapheme back or forward (what a person sees as one character), so the cursor never splits an emoji from its
 * skin tone or joiner sequence, nor a surrogate pair, nor a letter from its accent.
 */
function stepLeft(value: string, cursor: number): number {
  if (cursor <= 0) return 0;
  if (SIMPLE.test(value.slice(Math.max(0, cursor - 2), cursor))) return cursor - 1;
  let start = 0;
  for (const { index } of graphemes.segment(value.slice(0, cursor))) start = index;
  return start;
}

function stepRight(value: string, cursor: number): number {
  if (cursor >= value.length) return value.length;
  if (SIMPLE.test(value.slice(cursor, cursor + 2))) return cursor + 1;
  const next = graphemes.segment(value.slice(cursor))[Symbol.iterator]().next();
  return next.done ? value.length : cursor + next.value.segment.length;
}

function deleteBack(line: LineState): EditOutcome {
  if (line.cursor === 0) return edit(line.value, 0);
  const from = stepLeft(line.value, line.cursor);
  return edit(line.value.slice(0, from) + line.value.slice(line.cursor), from);
}

/**
 * Text typed or pasted at the cursor. Ink hands over one chunk of terminal input at a time, so several keys can
 * arrive as one "text": a held Backspace that outpaced the reader is a run of DEL characters (applied as backspaces,
 * not inserted); text whose Enter came in the same chunk (typed while the event loop was busy loading the core,
 * typed before the app took the terminal over, sent by a script, or a paste ending in a line break) is sent. Pasted
 * lines with no break at the end are joined and wait for Enter. Ink 6 has no bracketed paste to tell them apart.
 */
function insertText(line: LineState, text: string): EditOutcome {
  let value = line.value.slice(0, line.cursor);
  const after = line.value.slice(line.cursor);
  if (BACKSPACE_CHARS.test(text)) {
    for (const char of text) {
      if (BACKSPACE_CHARS.test(char)) value = value.slice(0, stepLeft(value, value.length));
      else value += char;
    }
  } else {
    value += text;
  }
  value = value.replace(STRAY_CONTROLS, '').replace(/\t/g, ' ');
  if (/[\r\n]/.test(text)) {
    const whole = joinPastedLines(value + after);
    if (whole.trim() === '') return edit('', 0);
    if (/[\r\n]$/.test(text)) return { kind: 'submit', value: whole.trim() };
    return edit(whole, joinPastedLines(value).length);
  }
  return edit(value + after, value.length);
}

/**
 * Applies one key (Ink's `input` and `key`) to the line. Inside a bracketed paste (`pasting`), line breaks and Enter
 * join the lines and never send: the person reads what they pasted, then presses Enter.
 */
export function editLine(line: LineState, input: string, key: EditKey, pasting = false): EditOutcome {
  const { value, cursor } = line;
  if (pasting) {
    const text = key.return ? ' ' : joinPastedLines(input);
    return text === '' ? IGNORED : insertText(line, text);
  }
  if (key.return) return { kind: 'submit', value };
  if (key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.tab || key.escape) return IGNORED;
  if (key.home) return edit(value, 0);
  if (key.end) return edit(value, value.length);
  const byWord = key.ctrl === true || key.meta === true;
  if (key.leftArrow) return edit(value, byWord ? wordStartBefore(value, cursor) : stepLeft(value, cursor));
  if (key.rightArrow) return edit(value, byWord ? wordEndAfter(value, cursor) : stepRight(value, cursor));
  // Ink names the Backspace key (DEL) "delete", like the forward Delete key: both delete backwards, as in most chats.
  if (key.backspace || key.delete) {
    if (key.meta) {
      const from = wordStartBefore(value, cursor);
      return edit(value.slice(0, from) + value.slice(cursor), from);
    }
    return deleteBack(line);
  }
  if (key.ctrl) {
    switch (input) {
      case 'a':
        return edit(value, 0);
      case 'e':
        return edit(value, value.length);
      case 'b':
        return edit(value, stepLeft(value, cursor));
      case 'f':
        return edit(value, stepRight(value, cursor));
      case 'u':
        return edit(value.slice(cursor), 0);
      case 'k':
        return edit(value.slice(0, cursor), cursor);
      case 'w': {
        const from = wordStartBefore(value, cursor);
        return edit(value.slice(0, from) + value.slice(cursor), from);
      }
      default:
        // Ctrl+C and Ctrl+D belong to the quit keys; any other Ctrl+letter types nothing (not its letter).
        return IGNORED;
    }
  }
  if (key.meta) {
    if (input === 'b') return edit(value, wordStartBefore(value, cursor));
    if (input === 'f') return edit(value, wordEndAfter(value, cursor));
    if (input === 'd') {
      const to = wordEndAfter(value, cursor);
      return edit(value.slice(0, cursor) + value.slice(to), cursor);
    }
    return IGNORED;
  }
  if (input === '') return IGNORED;
  return insertText(line, input);
}
