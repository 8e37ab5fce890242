import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations.
import { patchAnsiTokenize, patchSliceAnsi, patchStringWidth, SIMPLE_TEXT_CLASS } from '../../scripts/grapheme-fast-paths.mjs';
import { SeededRandom } from '../helpers/seeded-random.js';

type StringWidth = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;
type Tokenize = (text: string, endChar?: number) => unknown[];
type SliceAnsi = (text: string, start: number, end?: number) => string;

const STRING_WIDTH_COPIES = [
  { major: 8, dir: path.resolve('node_modules/string-width') },
  { major: 7, dir: path.resolve('node_modules/wrap-ansi/node_modules/string-width') },
];
const ANSI_TOKENIZE = path.resolve('node_modules/@alcalzone/ansi-tokenize/build/tokenize.js');
const SLICE_ANSI = path.resolve('node_modules/slice-ansi');

/** Every character the fast paths accept, from the class itself (so a widened class is tested too). */
function simpleCharacters(): string[] {
  const simple = new RegExp(`^${SIMPLE_TEXT_CLASS}$`);
  const characters: string[] = [];
  for (let code = 0; code <= 0xffff; code += 1) {
    const character = String.fromCharCode(code);
    if (simple.test(character)) characters.push(character);
  }
  return characters;
}

// Text that must keep taking the full paths: marks, joiners, selectors, emoji, wide and ignorable characters, CR LF
// (one grapheme), escape codes and a hyperlink.
const TRICKY = [
  '\r\n', '\u001b', '\u0301', '\u200D', '\uFE0F', '\u20E3', '\u00AD', '\u200B', '👍', '🏳️‍🌈', '🇭🇰', '한', '\u1100\u1161', '日本',
  '©', '®', '‼', '✔', '⌚', '#', '\t', '\u001b[31m', '\u001b[0m', '\u001b[1;32m', '\u001b]8;;https://favcrm.io\u0007link\u001b]8;;\u0007',
];

/**
 * Writes `source` (a patched copy of `original`) to `into/name`, with every import pointing where the original's
 * does, except the relative ones listed in `local` (patched siblings written to the same folder).
 */
function writeModule(source: string, original: string, into: string, name: string, local: readonly string[] = []): string {
  const resolve = createRequire(original).resolve;
  const rewritten = source.replace(/from (["'])([^"']+)\1/g, (line, _quote: string, specifier: string) => {
    if (local.includes(specifier)) return line;
    const target = specifier.startsWith('.') ? path.resolve(path.dirname(original), specifier) : resolve(specifier);
    return `from '${pathToFileURL(target).href}'`;
  });
  const file = path.join(into, name);
  // The original's source map does not describe the copy.
  fs.writeFileSync(file, rewritten.replace(/^\/\/# sourceMappingURL=.*$/m, ''));
  return file;
}

async function importDefault<T>(file: string): Promise<T> {
  return ((await import(pathToFileURL(file).href)) as { default: T }).default;
}

/** Intl.Segmenter is read-only to TypeScript, but a plain writable property at runtime. */
function setSegmenter(segmenter: typeof Intl.Segmenter): void {
  Object.defineProperty(Intl, 'Segmenter', { value: segmenter, writable: true, configurable: true });
}

describe('the grapheme fast paths in the bundle', () => {
  const RealSegmenter = Intl.Segmenter;
  let segmentersMade = 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-grapheme-'));
  const widths: Array<{ major: number; original: StringWidth; patched: StringWidth }> = [];
  let tokenize: { original: Tokenize; patched: Tokenize };
  let slice: { original: SliceAnsi; patched: SliceAnsi };
  let madeAtPatchedImport = -1;
  const seeded = new SeededRandom(20261125);
  const random = (): number => seeded.next();
  const pick = (from: readonly string[]): string => from[Math.floor(random() * from.length)] ?? '';
  /** Up to 12 pieces, mostly fast-path characters, a sixth of them tricky. */
  const randomText = (characters: readonly string[]): string => {
    let text = '';
    for (let index = 1 + Math.floor(random() * 12); index > 0; index -= 1) text += random() < 0.17 ? pick(TRICKY) : pick(characters);
    return text;
  };

  beforeAll(async () => {
    // Counts segmenters made by the patched modules, which look Intl.Segmenter up only when they need one.
    setSegmenter(
      class extends RealSegmenter {
        constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
          super(...args);
          segmentersMade += 1;
        }
      },
    );
    // The patched modules first, alone: importing them must make no segmenter.
    const patchedWidths: StringWidth[] = [];
    for (const { major, dir } of STRING_WIDTH_COPIES) {
      const original = path.join(dir, 'index.js');
      const file = writeModule(patchStringWidth(fs.readFileSync(original, 'utf8'), major) as string, original, tempDir, `string-width-${major}.mjs`);
      patchedWidths.push(await importDefault<StringWidth>(file));
    }
    const patchedTokenize = writeModule(patchAnsiTokenize(fs.readFileSync(ANSI_TOKENIZE, 'utf8')) as string, ANSI_TOKENIZE, tempDir, 'tokenize.mjs');
    const patchedTokenizeFunction = ((await import(pathToFileURL(patchedTokenize).href)) as { tokenize: Tokenize }).tokenize;
    const sliceTokenizer = path.join(SLICE_ANSI, 'tokenize-ansi.js');
    writeModule(patchSliceAnsi(fs.readFileSync(sliceTokenizer, 'utf8')) as string, sliceTokenizer, tempDir, 'tokenize-ansi.js');
    const sliceIndex = path.join(SLICE_ANSI, 'index.js');
    const patchedSlice = await importDefault<SliceAnsi>(writeModule(fs.readFileSync(sliceIndex, 'utf8'), sliceIndex, tempDir, 'slice-ansi.mjs', ['./tokenize-ansi.js']));
    madeAtPatchedImport = segmentersMade;

    for (const [index, { major, dir }] of STRING_WIDTH_COPIES.entries()) {
      widths.push({ major, original: await importDefault<StringWidth>(path.join(dir, 'index.js')), patched: patchedWidths[index] as StringWidth });
    }
    tokenize = { original: ((await import(pathToFileURL(ANSI_TOKENIZE).href)) as { tokenize: Tokenize }).tokenize, patched: patchedTokenizeFunction };
    slice = { original: await importDefault<SliceAnsi>(sliceIndex), patched: patchedSlice };
    // The originals make theirs at import; from here on only the patched modules' count.
    segmentersMade = 0;
  });
  afterAll(() => {
    setSegmenter(RealSegmenter);
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('makes no segmenter at import, nor for the text of a first frame; other text still gets one', () => {
    const frame = '\u001b[1mFavCRM\u001b[22m · SANDBOX │ Connecting… ✓ ╭──╮ ⠋ café';
    expect(madeAtPatchedImport).toBe(0);
    for (const { original, patched } of widths) expect(patched(frame)).toBe(original(frame));
    const tokens = tokenize.patched(frame);
    expect(segmentersMade).toBe(0);
    // The original makes no new segmenter per call (it has one), so comparing now leaves the count alone.
    expect(tokens).toEqual(tokenize.original(frame));
    expect(widths.map(({ patched }) => patched('🇭🇰 ok'))).toEqual([5, 5]);
    expect(segmentersMade).toBeGreaterThan(0);
  });

  it('measures every fast-path character as the unpatched string-width does, ambiguous characters narrow or wide', () => {
    const characters = simpleCharacters();
    expect(characters.length).toBeGreaterThan(1000);
    for (const { major, original, patched } of widths) {
      for (const ambiguousIsNarrow of [true, false]) {
        const differing = characters.filter((character) => patched(character, { ambiguousIsNarrow }) !== original(character, { ambiguousIsNarrow }));
        expect({ major, ambiguousIsNarrow, differing: differing.map((character) => character.codePointAt(0)?.toString(16)) }).toEqual({ major, ambiguousIsNarrow, differing: [] });
      }
    }
  });

  it('tokenizes every fast-path character as the unpatched ansi-tokenize does', () => {
    const differing = simpleCharacters().filter((character) => JSON.stringify(tokenize.patched(`a${character}b`)) !== JSON.stringify(tokenize.original(`a${character}b`)));
    expect(differing.map((character) => character.codePointAt(0)?.toString(16))).toEqual([]);
  });

  it('agrees with the unpatched packages on 3,000 random strings mixing fast-path and tricky text', () => {
    const characters = simpleCharacters();
    for (let round = 0; round < 3000; round += 1) {
      const text = randomText(characters);
      for (const { major, original, patched } of widths) {
        expect({ major, text, width: patched(text) }).toEqual({ major, text, width: original(text) });
      }
      expect({ text, tokens: tokenize.patched(text) }).toEqual({ text, tokens: tokenize.original(text) });
      const start = Math.floor(random() * 6);
      const end = start + Math.floor(random() * 8);
      expect({ text, start, end, slice: slice.patched(text, start, end) }).toEqual({ text, start, end, slice: slice.original(text, start, end) });
    }
  });
});
