// Source patches for the text measuring under Ink: `string-width` (v8 is Ink's, v7 is wrap-ansi's),
// `@alcalzone/ansi-tokenize` (Ink's output grid) and `slice-ansi` (clipping). Applied by scripts/build-pieces.mjs, checked
// against the unpatched packages by test/build/grapheme-fast-paths.test.ts.
//
// Why: the chat's first frame spent ~60 ms here: four `new Intl.Segmenter()` at import (the first one loads ICU's
// break rules, ~15 ms) and the `\p{RGI_Emoji}` regex on the first non-ASCII glyph (the header's "·", the spinner,
// the box borders). Text made only of characters that are each their own grapheme and never emoji needs neither:
// its graphemes are its characters, and its width is the sum of their East Asian widths.

/**
 * Characters that are each a grapheme cluster on their own (no marks, joiners, selectors, surrogates, Hangul jamo
 * or regional indicators), not default-ignorable, and not emoji on their own: ASCII and the C1 controls (controls
 * are zero-width, and Ink measures the lone ESC of split escape codes often), Latin-1 and
 * Latin Extended-A/B letters and signs, general punctuation, arrows, box drawing and blocks, the check and cross
 * marks, the prompt chevron and Braille (spinners). The test compares every one of them with the real measurement.
 */
export const SIMPLE_TEXT_CLASS =
  '[\\u0000-\\u009F\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u024F\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205E' +
  '\\u2190-\\u2193\\u219A-\\u21A8\\u21AB-\\u21FF\\u2500-\\u259F\\u2713\\u2717\\u2718\\u276F\\u2800-\\u28FF]';

const LAZY_SEGMENTER = 'let segmenterInstance;\nconst segmenter = {segment: text => (segmenterInstance ??= new Intl.Segmenter()).segment(text)};';

const FAST_PATH = `
	// Patched by favcrm-chat (scripts/grapheme-fast-paths.mjs): single-character clusters that are never emoji.
	if (/^${SIMPLE_TEXT_CLASS}*$/.test(string)) {
		let simpleWidth = 0;
		for (let index = 0; index < string.length; index++) {
			const code = string.charCodeAt(index);
			simpleWidth += code < 0x20 || (code >= 0x7F && code <= 0x9F) ? 0 : code < 0x7F ? 1 : eastAsianWidth(code, {ambiguousAsWide: !ambiguousIsNarrow});
		}

		return simpleWidth;
	}
`;

/** Where the fast path goes in both versions: after ANSI stripping and the empty check, before the segmenting loop. */
const LOOP_START = `	let width = 0;
	const eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};
`;

/** Replaces `anchor` exactly once, or fails loudly: a dependency update must not silently lose (or break) a patch. */
export function replaceOnce(source, anchor, replacement, what) {
  const at = source.indexOf(anchor);
  if (at === -1 || source.indexOf(anchor, at + 1) !== -1) {
    throw new Error(`cannot find the one place for ${what}; update scripts/build-pieces.mjs`);
  }
  return source.slice(0, at) + replacement + source.slice(at + anchor.length);
}

/** The patched source of string-width `major` (7 or 8), or null for a version we have not checked. */
export function patchStringWidth(source, major) {
  if (major !== 7 && major !== 8) return null;
  let patched = replaceOnce(source, 'const segmenter = new Intl.Segmenter();', LAZY_SEGMENTER, 'the segmenter');
  patched = replaceOnce(patched, LOOP_START, FAST_PATH + LOOP_START, 'the fast path');
  if (major === 8) {
    // Every RGI emoji holds an Emoji_Presentation character or U+FE0F, so a cluster with neither skips the regex,
    // which is also built only when first needed (~5 ms to build, ~10 ms more on its first match).
    patched = replaceOnce(
      patched,
      'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
      'let rgiEmojiRegex;\nconst emojiCandidateRegex = /[\\p{Emoji_Presentation}\\uFE0F]/u;',
      'the emoji regex',
    );
    patched = replaceOnce(
      patched,
      'if (rgiEmojiRegex.test(segment) ||',
      'if ((emojiCandidateRegex.test(segment) && (rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment)) ||',
      'the emoji test',
    );
  }
  return patched;
}

/**
 * ansi-tokenize 0.2: the same segments (`{segment, index}`) for simple text without CR (CR LF is one grapheme),
 * from the characters themselves; other text goes to a segmenter made on first need.
 */
export function patchAnsiTokenize(source) {
  return replaceOnce(
    source,
    'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
    `let segmenterInstance;
const simpleText = /^${SIMPLE_TEXT_CLASS}*$/;
const segmenter = {
    segment(text) {
        if (simpleText.test(text) && !text.includes("\\r")) {
            const segments = [];
            for (let index = 0; index < text.length; index++) segments.push({ segment: text[index], index });
            return segments;
        }
        return (segmenterInstance ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(text);
    },
};`,
    'the tokenizer segmenter',
  );
}

/** slice-ansi 8: its segmenter (it needs `containing()`) is made on first need instead of at import. */
export function patchSliceAnsi(source) {
  return replaceOnce(
    source,
    "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
    `let graphemeSegmenterInstance;
const GRAPHEME_SEGMENTER = {segment: text => (graphemeSegmenterInstance ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text)};`,
    'the slice-ansi segmenter',
  );
}

/** The patches by file: which source files, which versions, which patch. */
export const GRAPHEME_PATCHES = [
  { file: /[\\/]string-width[\\/]index\.js$/, versions: ['7', '8'], patch: (source, version) => patchStringWidth(source, Number(version.split('.')[0])) },
  { file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, versions: ['0.2'], patch: patchAnsiTokenize },
  { file: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, versions: ['8'], patch: patchSliceAnsi },
];
