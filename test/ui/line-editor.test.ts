import { describe, expect, it } from 'vitest';
import { editLine, softWrap, type EditKey, type LineState } from '../../src/ui/input/line-editor.js';

/** A line written as text with `|` where the cursor is: "hel|lo". */
function line(marked: string): LineState {
  const cursor = marked.indexOf('|');
  return { value: marked.replace('|', ''), cursor };
}

function shown(state: LineState): string {
  return `${state.value.slice(0, state.cursor)}|${state.value.slice(state.cursor)}`;
}

/** The line after one key, in the same notation, or the outcome's kind when it is not an edit. */
function after(marked: string, input: string, key: EditKey = {}, pasting = false): string {
  const outcome = editLine(line(marked), input, key, pasting);
  if (outcome.kind === 'edit') return shown(outcome.line);
  if (outcome.kind === 'submit') return `submit:${outcome.value}`;
  return 'ignored';
}

describe('editLine', () => {
  it('types at the cursor, and a chunk of several keys lands as typed', () => {
    expect(after('|', 'y')).toBe('y|');
    expect(after('y|', 'z')).toBe('yz|');
    expect(after('he|lo', 'l')).toBe('hel|lo');
    expect(after('a|', 'bcd')).toBe('abcd|');
  });

  it('moves by character, word, and to either end', () => {
    expect(after('hello wor|ld', '', { leftArrow: true })).toBe('hello wo|rld');
    expect(after('hello wor|ld', '', { rightArrow: true })).toBe('hello worl|d');
    expect(after('hello wor|ld', '', { leftArrow: true, ctrl: true })).toBe('hello |world');
    expect(after('hel|lo world', '', { rightArrow: true, meta: true })).toBe('hello| world');
    expect(after('hello wor|ld', 'b', { meta: true })).toBe('hello |world');
    expect(after('hello |world', 'f', { meta: true })).toBe('hello world|');
    expect(after('hello wor|ld', '', { home: true })).toBe('|hello world');
    expect(after('hello wor|ld', '', { end: true })).toBe('hello world|');
    expect(after('hello wor|ld', 'a', { ctrl: true })).toBe('|hello world');
    expect(after('hello wor|ld', 'e', { ctrl: true })).toBe('hello world|');
    expect(after('|ab', '', { leftArrow: true })).toBe('|ab');
    expect(after('ab|', '', { rightArrow: true })).toBe('ab|');
  });

  it('deletes back by character (Backspace, which Ink calls delete) and by word, and kills to either end', () => {
    expect(after('abc|', '', { delete: true })).toBe('ab|');
    expect(after('abc|', '', { backspace: true })).toBe('ab|');
    expect(after('|abc', '', { delete: true })).toBe('|abc');
    expect(after('hello world|', 'w', { ctrl: true })).toBe('hello |');
    expect(after('hello world  |', 'w', { ctrl: true })).toBe('hello |');
    expect(after('hello world|', '', { delete: true, meta: true })).toBe('hello |');
    expect(after('hello wor|ld', 'u', { ctrl: true })).toBe('|ld');
    expect(after('hello wor|ld', 'k', { ctrl: true })).toBe('hello wor|');
    expect(after('hello |big world', 'd', { meta: true })).toBe('hello | world');
  });

  it('applies a run of backspaces that arrived as one chunk (a held key) instead of inserting them', () => {
    expect(after('hello|', '\x7f\x7f')).toBe('hel|');
    expect(after('hello|', '\b\b\b')).toBe('he|');
    expect(after('ab|cd', 'x\x7fy')).toBe('aby|cd');
  });

  it('types nothing for Ctrl+letters it has no binding for, or for stray control characters', () => {
    expect(after('ab|', 'g', { ctrl: true })).toBe('ignored');
    expect(after('ab|', 'c', { ctrl: true })).toBe('ignored');
    expect(after('ab|', 'x', { meta: true })).toBe('ignored');
    expect(after('ab|', '\x00c\x1f')).toBe('abc|');
    expect(after('ab|', '\t', { tab: true })).toBe('ignored');
    expect(after('ab|', 'c\td')).toBe('abc d|');
  });

  it('leaves arrows up/down, page keys, Tab and Esc to others', () => {
    for (const key of [{ upArrow: true }, { downArrow: true }, { pageUp: true }, { pageDown: true }, { tab: true }, { escape: true, meta: true }]) {
      expect(after('ab|', '', key)).toBe('ignored');
    }
  });

  it('sends on Enter, and sends text that arrived with its Enter, joining pasted lines', () => {
    expect(after('hello|', '', { return: true })).toBe('submit:hello');
    expect(after('|', 'Sign me up\r')).toBe('submit:Sign me up');
    expect(after('|', 'line one\nline two\n')).toBe('submit:line one line two');
    expect(after('note: |', 'first\nsecond')).toBe('note: first second|');
    expect(after('|', '\r\n')).toBe('|');
  });

  it('never puts the cursor inside a surrogate pair', () => {
    expect(after('a😀|', '', { leftArrow: true })).toBe('a|😀');
    expect(after('a|😀b', '', { rightArrow: true })).toBe('a😀|b');
    expect(after('a😀|', '', { delete: true })).toBe('a|');
  });

  it('moves and deletes whole graphemes: an emoji with its skin tone, a joined family, a letter with its accent', () => {
    expect(after('hi 👋🏽|', '', { delete: true })).toBe('hi |');
    expect(after('a👨‍👩‍👧|', '', { leftArrow: true })).toBe('a|👨‍👩‍👧');
    expect(after('a|👨‍👩‍👧b', '', { rightArrow: true })).toBe('a👨‍👩‍👧|b');
    expect(after('cafe\u0301|', '', { delete: true })).toBe('caf|');
  });
});

describe('editLine inside a bracketed paste', () => {
  const pasted = (marked: string, input: string, key: EditKey = {}): string => after(marked, input, key, true);

  it('joins pasted lines and never sends, even when the paste ends in a line break or is a bare Enter', () => {
    expect(pasted('|', 'Sign me up.\nBusiness: Kowloon Kicks\n')).toBe('Sign me up. Business: Kowloon Kicks |');
    expect(pasted('note: |', 'a\r\nb')).toBe('note: a b|');
    expect(pasted('ab|', '', { return: true })).toBe('ab |');
    expect(pasted('ab|', '')).toBe('ignored');
  });
});

describe('softWrap', () => {
  it('breaks long lines at spaces, one character for another, keeping a column for the cursor', () => {
    const text = 'word '.repeat(8).trim();
    const wrapped = softWrap(text, 16);
    expect(wrapped).toBe('word word word\nword word word\nword word');
    expect(wrapped).toHaveLength(text.length);
    for (const row of wrapped.split('\n')) expect(row.length).toBeLessThanOrEqual(15);
  });

  it('leaves short lines, words longer than a row, and text with wide characters alone', () => {
    expect(softWrap('short', 16)).toBe('short');
    expect(softWrap('x'.repeat(40), 16)).toBe('x'.repeat(40));
    expect(softWrap('我的早餐店 '.repeat(6), 16)).toBe('我的早餐店 '.repeat(6));
  });
});
