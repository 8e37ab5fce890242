import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ID_PREFIX } from '../../src/sandbox/id-prefixes.js';

describe('sandbox id prefixes', () => {
  it('gives every kind its own prefix, none the start of another', () => {
    const prefixes = Object.values(ID_PREFIX).map((prefix) => `${prefix}_`);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a), `${b} starts with ${a}`).toBe(false);
  });

  it('is the only place ids get a prefix: no sandbox source spells one out', () => {
    const offenders: string[] = [];
    const walk = (directory: string) => {
      for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
        const file = path.join(directory, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && /\bnewId\(\s*['"`][a-z]+_/.test(fs.readFileSync(file, 'utf8'))) offenders.push(file);
        else if (file.endsWith('.ts') && /`(inv|invite|tmi)_\$\{/.test(fs.readFileSync(file, 'utf8'))) offenders.push(file);
      }
    };
    walk(path.resolve('src/sandbox'));
    expect(offenders).toEqual([]);
  });
});
