import { describe, expect, it } from 'vitest';
import { splitKeys } from '../../src/ui/input/split-keys.js';

describe('splitKeys', () => {
  it('splits control keys that arrived in one chunk', () => {
    expect(splitKeys('\x17\x17', {})).toEqual([
      { input: 'w', key: { ctrl: true } },
      { input: 'w', key: { ctrl: true } },
    ]);
    expect(splitKeys('\x15\x0b', {})).toEqual([
      { input: 'u', key: { ctrl: true } },
      { input: 'k', key: { ctrl: true } },
    ]);
    expect(splitKeys('code 123\r\x03', {})).toEqual([
      { input: 'code 123\r', key: {} },
      { input: 'c', key: { ctrl: true } },
    ]);
  });

  it('leaves single keys, plain text, typed-ahead lines, escape sequences and held backspaces alone', () => {
    expect(splitKeys('w', { ctrl: true })).toEqual([{ input: 'w', key: { ctrl: true } }]);
    expect(splitKeys('hello', {})).toEqual([{ input: 'hello', key: {} }]);
    expect(splitKeys('line one\nline two\r', {})).toEqual([{ input: 'line one\nline two\r', key: {} }]);
    expect(splitKeys('\x1b[A', {})).toEqual([{ input: '\x1b[A', key: {} }]);
    expect(splitKeys('ab\x7f\x7fc', {})).toEqual([{ input: 'ab\x7f\x7fc', key: {} }]);
  });
});
