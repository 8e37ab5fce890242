/**
 * The offline reader matches a sentence against thousands of names and words. One regex of all of them took
 * ~200 ms to compile on the first message; instead each alternative carries a probe (a literal piece every text it
 * can match must contain), and a text's regex is built from the few alternatives whose probe it contains. An
 * alternative whose probe is absent cannot match, so the matches are exactly those of the full regex.
 */

/**
 * A loose key for "could this text contain that": no accents, lower case, and the case-folding pairs that
 * lower-casing leaves apart made equal. Looser than a regex's `iu` case folding, so it never rules out a match.
 */
export function probeKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ς/g, 'σ').replace(/ſ/g, 's');
}

/** Keeps the last few texts' regexes: one sentence is read by several readers in a row. */
export class PerTextCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size: number) {}

  get(text: string, build: (text: string) => T): T {
    const cached = this.entries.get(text);
    if (cached !== undefined) return cached;
    const built = build(text);
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value ?? '');
    this.entries.set(text, built);
    return built;
  }
}

/** An empty alternation would match everywhere; `(?!)` never matches. */
export function alternation(sources: readonly string[]): string {
  return sources.length > 0 ? sources.join('|') : '(?!)';
}
