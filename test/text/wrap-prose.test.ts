import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { wrapProse } from '../../src/text/wrap-prose.js';

const QUESTION =
  'I\'ll register "Core Flow" (industry fitness, country SG, timezone Asia/Singapore). What should I use as the email for the account? The 6-digit code goes there.';

describe('wrapProse', () => {
  it('never starts a row with the space it broke at, keeps every word, and fits the width (every width from 10 to 120)', () => {
    for (let width = 10; width <= 120; width += 1) {
      const rows = wrapProse(QUESTION, width).split('\n');
      for (const row of rows) {
        expect(row.startsWith(' '), `width ${width}: "${row}"`).toBe(false);
        expect(stringWidth(row)).toBeLessThanOrEqual(width);
      }
      // Long words are cut at narrow widths, so compare the characters, not the words.
      expect(rows.join('').replace(/\s/g, '')).toBe(QUESTION.replace(/\s/g, ''));
      if (width >= 20) expect(rows.join(' ').split(/\s+/)).toEqual(QUESTION.split(/\s+/));
    }
  });

  it('keeps each line\'s indentation and hangs its continuation rows under it', () => {
    const text = 'Next steps:\n  • Add the services you offer so customers can book them.\n\n  • Check your plan.';
    expect(wrapProse(text, 30).split('\n')).toEqual([
      'Next steps:',
      '  • Add the services you offer',
      '  so customers can book them.',
      '',
      '  • Check your plan.',
    ]);
  });

  it('measures wide characters by their columns', () => {
    const rows = wrapProse('香港瑜伽工作室 Stretch + Breathe 已經登記好了', 16).split('\n');
    for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(16);
    expect(rows.join('')).toContain('香港瑜伽工作室');
  });
});
