import { describe, expect, it } from 'vitest';
import { terminalSafeDeep, terminalSafeJson, terminalSafeText, UNPRINTABLE_PLACEHOLDER as MARK } from '../../src/text/terminal-safe-text.js';

describe('terminalSafeText', () => {
  it('removes CSI sequences whole: colours, cursor moves, screen clears, private modes', () => {
    expect(terminalSafeText('Evil\x1b[2J\x1b[31mRED\x1b[0m x')).toBe('EvilRED x');
    expect(terminalSafeText('a\x1b[10;20Hb\x1b[?25lc\x1b[38;5;196md')).toBe('abcd');
    // The 8-bit CSI introducer (U+009B) some terminals honour.
    expect(terminalSafeText('a\u009b31mb')).toBe('ab');
  });

  it('removes OSC sequences ended by BEL or by ST, payload and all', () => {
    expect(terminalSafeText('x\x1b]0;PWNED\x07y')).toBe('xy');
    expect(terminalSafeText('x\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\y')).toBe('xlinky');
    expect(terminalSafeText('x\u009d0;PWNED\u009cy')).toBe('xy');
    // Other string sequences (DCS, APC) go the same way.
    expect(terminalSafeText('x\x1bPq#0;2;0;0;0\x1b\\y\x1b_hidden\x07z')).toBe('xyz');
  });

  it('keeps the text of an unterminated OSC, without its introducer', () => {
    expect(terminalSafeText('x\x1b]0;PWNED')).toBe('x0;PWNED');
  });

  it('removes two-character escapes such as reset and charset switches', () => {
    expect(terminalSafeText('a\x1bcb\x1b(0c\x1b#8d\x1b7e')).toBe('abcde');
  });

  it('marks a lone ESC, BEL, backspace and other C0 controls with U+FFFD', () => {
    expect(terminalSafeText('end\x1b')).toBe(`end${MARK}`);
    expect(terminalSafeText('ding\x07dong')).toBe(`ding${MARK}dong`);
    expect(terminalSafeText('paid\b\b\b\bunpaid')).toBe(`paid${MARK.repeat(4)}unpaid`);
    expect(terminalSafeText('a\x00b\x0bc\x0cd\x1fe')).toBe(`a${MARK}b${MARK}c${MARK}d${MARK}e`);
  });

  it('keeps \\n and \\t, turns \\r\\n into \\n and drops a lone \\r', () => {
    expect(terminalSafeText('one\r\ntwo\n\tthree')).toBe('one\ntwo\n\tthree');
    expect(terminalSafeText('Total: 100\rTotal: 999')).toBe('Total: 100Total: 999');
  });

  it('marks DEL and C1 controls', () => {
    expect(terminalSafeText('a\x7fb')).toBe(`a${MARK}b`);
    expect(terminalSafeText('a\u0085b\u0080c\u009cd')).toBe(`a${MARK}b${MARK}c${MARK}d`);
  });

  it('strips bidi overrides and isolates that make text read backwards', () => {
    expect(terminalSafeText('invoice_\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(terminalSafeText('\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202C\u202D')).toBe('abc');
  });

  it('leaves CJK, emoji, accents and joiners intact', () => {
    const text = '咖啡店 ☕ Café Zoë — 👩‍💻 family 👨‍👩‍👧 café\tnaïve\n';
    expect(terminalSafeText(text)).toBe(text);
    expect(terminalSafeText(`\x1b[1m${text}\x1b[0m`)).toBe(text);
  });

  it('returns safe input unchanged', () => {
    const text = 'A plain line with tabs\tand\nnewlines.';
    expect(terminalSafeText(text)).toBe(text);
    expect(terminalSafeText('')).toBe('');
  });
});

describe('terminalSafeDeep', () => {
  it('cleans every string in tool data, keys included, without touching the original', () => {
    const data = { items: [{ name: 'Evil\x1b[31mRED', '\x1b]0;x\x07price': 12, active: true, note: null }] };
    const safe = terminalSafeDeep(data);
    expect(safe).toEqual({ items: [{ name: 'EvilRED', price: 12, active: true, note: null }] });
    expect(data.items[0]?.name).toBe('Evil\x1b[31mRED');
  });

  it('returns the same object when nothing needed cleaning', () => {
    const event = { type: 'tool-call-end', summary: 'Found 2 services', data: { items: [{ name: 'Yoga' }] } };
    expect(terminalSafeDeep(event)).toBe(event);
  });
});

describe('terminalSafeText: the invisible direction marks and Unicode line breaks', () => {
  it('strips ALM, LRM and RLM, and turns U+2028/U+2029 into a plain line break', () => {
    expect(terminalSafeText('a\u061cb\u200ec\u200fd')).toBe('abcd');
    expect(terminalSafeText('one\u2028two\u2029three')).toBe('one\ntwo\nthree');
  });
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw, so the bytes print inert and parse back unchanged', () => {
    const value = { name: 'Evil\u009b2J\x1b]52;c;ZXZpbA==\x07\u202egnirts\u2066\u200f\u2028\x7f' };
    const json = terminalSafeJson(value, 2);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
