// Source patches for `string-width` (v8 is Ink's, v7 is wrap-ansi's), applied by scripts/build.mjs and checked
// against the unpatched packages by test/build/string-width-fast-paths.test.ts.
//
// Why: Ink measures every piece of text with string-width, and the first string that is not plain ASCII (the
// header's "·", the spinner, the box borders) used to cost ~40 ms of the chat's first frame: `new Intl.Segmenter()`
// at import (~15 ms), then the `\p{RGI_Emoji}` regex on first use. Text made only of characters that are each their
// own grapheme and never emoji needs neither: its width is the sum of the characters' East Asian widths.

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
	// Patched by favcrm-chat (scripts/string-width-fast-paths.mjs): single-character clusters that are never emoji.
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

/** Replaces `anchor` exactly once, or fails loudly: a string-width update must not silently lose (or break) a patch. */
function replaceOnce(source, anchor, replacement, what) {
  const at = source.indexOf(anchor);
  if (at === -1 || source.indexOf(anchor, at + 1) !== -1) {
    throw new Error(`string-width-fast-paths: cannot find the one place for ${what}; update scripts/string-width-fast-paths.mjs`);
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
