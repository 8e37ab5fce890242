import { describe, expect, it } from 'vitest';
import { maskKey } from '../../src/secrets/mask-key.js';

describe('maskKey', () => {
  it('matches the official CLI unit test', () => {
    expect(maskKey('test_key_1234567890abcdef')).toBe('test_key...cdef');
  });

  it('renders a fav_mcp key as fav_mcp_...XXXX', () => {
    expect(maskKey('fav_mcp_AbCdEfGhIjKlMnOp1234')).toBe('fav_mcp_...1234');
  });

  it('hides keys of 12 characters or fewer entirely', () => {
    expect(maskKey('123456789012')).toBe('****');
    expect(maskKey('')).toBe('****');
    expect(maskKey('1234567890123')).toBe('12345678...0123');
  });

  it('counts Unicode characters, not UTF-16 units', () => {
    expect(maskKey('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('****');
  });
});
