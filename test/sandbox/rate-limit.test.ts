import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../../src/sandbox/rate-limit.js';

describe('parseRateLimit', () => {
  it('reads the --signup-rate forms', () => {
    expect(parseRateLimit('3/h,20/d')).toEqual({ perHour: 3, perDay: 20 });
    expect(parseRateLimit(' 20/day , 5/hour ')).toEqual({ perHour: 5, perDay: 20 });
    expect(parseRateLimit('off')).toBeNull();
    expect(parseRateLimit('OFF')).toBeNull();
  });

  it('refuses anything else with a message that shows the form', () => {
    for (const text of ['3', '3/h', '3/w,20/d', 'x/h,1/d', '']) {
      expect(() => parseRateLimit(text), text).toThrow(/3\/h,20\/d/);
    }
  });
});
