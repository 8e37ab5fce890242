import { describe, expect, it } from 'vitest';
import { CODE_PLACEHOLDER, maskVerificationCode } from '../../src/agent/code-guard.js';
import { decimalDigitValue, findDigitsHoweverSplit, findVerificationCode } from '../../src/agent/verification-code.js';
import { codeForms } from '../helpers/code-forms.js';

const CODE = '483920';

/** Any digit of any script, as the checks below look for leftovers. */
const ANY_DIGIT = /\p{Nd}/u;

describe('the code guard holds every way of writing six digits', () => {
  it.each(codeForms(CODE))('%s', (_label, typed) => {
    expect(findVerificationCode(typed)?.code).toBe(CODE);
    const masked = maskVerificationCode(typed);
    expect(masked.code).toBe(CODE);
    expect(masked.text).toContain(CODE_PLACEHOLDER);
    expect(masked.text.replace(CODE_PLACEHOLDER, '')).not.toMatch(ANY_DIGIT);
  });

  it.each([
    ['ideographic space', '483\u3000920'],
    ['full-width hyphen', '４８３－９２０'],
    ['superscripts', '⁴⁸³⁹²⁰'],
    ['circled digits', '④⑧③⑨②⓪'],
    ['keycap emoji', '4\ufe0f\u20e38\ufe0f\u20e33\ufe0f\u20e39\ufe0f\u20e32\ufe0f\u20e30\ufe0f\u20e3'],
    ['split over two lines', '483\n920'],
    ['Arabic comma', '٤٨٣،٩٢٠'],
    ['bidi marks around it', '\u202b483920\u202c'],
  ])('also: %s', (_label, typed) => {
    const masked = maskVerificationCode(typed);
    expect(masked.code).toBe(CODE);
    expect(masked.text.replace(CODE_PLACEHOLDER, '')).not.toMatch(/[\p{Nd}\p{No}]/u);
  });

  it('reads the value of every Unicode decimal digit, adjacent mathematical sets included', () => {
    for (const zero of [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xbe6, 0xe50, 0x1040, 0x17e0, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6]) {
      for (let value = 0; value < 10; value += 1) expect(decimalDigitValue(zero + value), `U+${(zero + value).toString(16)}`).toBe(value);
    }
  });

  it('masks every six-digit number when two are given, and holds none (ambiguous)', () => {
    const masked = maskVerificationCode('483920 or was it 483 921?');
    expect(masked).toEqual({ text: `${CODE_PLACEHOLDER} or was it ${CODE_PLACEHOLDER}?`, code: null });
  });

  it('masks a code pasted earlier however it is split later', () => {
    for (const typed of ['I typed 48 39 20 before', '4-8-3-9-2-0 failed?', 'was it 4 8 3 9 2 0 or 4839200']) {
      const masked = maskVerificationCode(typed, [CODE]);
      expect(masked.text, typed).not.toMatch(/4\D{0,6}8\D{0,6}3\D{0,6}9\D{0,6}2\D{0,6}0(?!0)/);
    }
    expect(findDigitsHoweverSplit('call 14839201', CODE)).toEqual([]);
  });

  it('reads a list item by item, and still refuses phone numbers, amounts and emails', () => {
    expect(findVerificationCode('555-1234, 483920')?.code).toBe(CODE);
    for (const text of ['+852 9123 4567', '415-555-0132', 'it costs $483,920', 'HK$ 483 920', 'bob483920@x.com', 'a483920', '2024-05-06']) {
      expect(findVerificationCode(text), text).toBeNull();
    }
  });
});
