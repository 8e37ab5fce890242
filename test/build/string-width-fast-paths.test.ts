import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations.
import { patchStringWidth, SIMPLE_TEXT_CLASS } from '../../scripts/string-width-fast-paths.mjs';
import { SeededRandom } from '../helpers/seeded-random.js';

type StringWidth = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

/** The two copies the chat bundles: Ink's (v8) and wrap-ansi's (v7). */
const COPIES = [
  { major: 8, dir: path.resolve('node_modules/string-width') },
  { major: 7, dir: path.resolve('node_modules/wrap-ansi/node_modules/string-width') },
];

/** Every character the fast path accepts, from the class itself (so a widened class is tested too). */
function simpleCharacters(): string[] {
  const simple = new RegExp(`^${SIMPLE_TEXT_CLASS}$`);
  const characters: string[] = [];
  for (let code = 0; code <= 0xffff; code += 1) {
    const character = String.fromCharCode(code);
    if (simple.test(character)) characters.push(character);
  }
  return characters;
}

// Characters that must keep taking the full path: marks, joiners, selectors, emoji, wide and ignorable ones.
const TRICKY = ['\r\n', '\u001b', '\u0301', '\u200D', '\uFE0F', '\u20E3', '\u00AD', '\u200B', '👍', '🏳️‍🌈', '🇭🇰', '한', '\u1100\u1161', '日本', '©', '®', '‼', '✔', '⌚', '#', '\t', '\u001b[31m', '\u001b[0m'];

/** Writes the patched source beside nothing: its bare imports point at the files the package itself resolves. */
function writePatched(major: number, dir: string, into: string): string {
  const source = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  const patched = patchStringWidth(source, major) as string | null;
  if (patched === null) throw new Error(`no patch for string-width ${major}`);
  const resolve = createRequire(path.join(dir, 'index.js')).resolve;
  const rewritten = patched.replace(/from '([^'.][^']*)'/g, (_line, name: string) => `from '${pathToFileURL(resolve(name)).href}'`);
  const file = path.join(into, `string-width-${major}.mjs`);
  fs.writeFileSync(file, rewritten);
  return file;
}

/** Intl.Segmenter is read-only to TypeScript, but a plain writable property at runtime. */
function setSegmenter(segmenter: typeof Intl.Segmenter): void {
  Object.defineProperty(Intl, 'Segmenter', { value: segmenter, writable: true, configurable: true });
}

describe('the string-width fast paths in the bundle', () => {
  const RealSegmenter = Intl.Segmenter;
  let segmentersMade = 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-string-width-'));
  const loaded: Array<{ major: number; original: StringWidth; patched: StringWidth }> = [];

  beforeAll(async () => {
    // Counts segmenters made by the patched copies, which look Intl.Segmenter up only when they need one.
    setSegmenter(
      class extends RealSegmenter {
        constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
          super(...args);
          segmentersMade += 1;
        }
      },
    );
    for (const { major, dir } of COPIES) {
      const original = ((await import(pathToFileURL(path.join(dir, 'index.js')).href)) as { default: StringWidth }).default;
      const patched = ((await import(pathToFileURL(writePatched(major, dir, tempDir)).href)) as { default: StringWidth }).default;
      loaded.push({ major, original, patched });
    }
  });
  afterAll(() => {
    setSegmenter(RealSegmenter);
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('makes no segmenter at import, nor for text the fast path takes', () => {
    const before = segmentersMade;
    for (const { patched } of loaded) expect(patched('Connecting… · FavCRM ✓ ╭──╮ ⠋ café')).toBe(34);
    expect(segmentersMade).toBe(before);
    expect(loaded.map(({ patched }) => patched('🇭🇰 ok'))).toEqual([5, 5]);
    expect(segmentersMade).toBeGreaterThan(before);
  });

  it('measures every fast-path character as the unpatched package does, with ambiguous characters narrow or wide', () => {
    const characters = simpleCharacters();
    expect(characters.length).toBeGreaterThan(1000);
    for (const { major, original, patched } of loaded) {
      for (const ambiguousIsNarrow of [true, false]) {
        const differing = characters.filter((character) => patched(character, { ambiguousIsNarrow }) !== original(character, { ambiguousIsNarrow }));
        expect({ major, ambiguousIsNarrow, differing: differing.map((character) => character.codePointAt(0)?.toString(16)) }).toEqual({ major, ambiguousIsNarrow, differing: [] });
      }
    }
  });

  it('agrees with the unpatched package on 3,000 random strings mixing fast-path and tricky characters', () => {
    const seeded = new SeededRandom(20261125);
    const random = () => seeded.next();
    const characters = simpleCharacters();
    const pick = (from: readonly string[]): string => from[Math.floor(random() * from.length)] ?? '';
    for (let round = 0; round < 3000; round += 1) {
      const length = 1 + Math.floor(random() * 12);
      let text = '';
      for (let index = 0; index < length; index += 1) text += random() < 0.15 ? pick(TRICKY) : pick(characters);
      for (const { major, original, patched } of loaded) {
        expect({ major, text, width: patched(text) }).toEqual({ major, text, width: original(text) });
      }
    }
  });
});
