// Tiny, deterministic text matching shared by the catalogue search and the knowledge search.

const STOPWORDS = new Set([
  'a', 'an', 'the', 'to', 'for', 'of', 'in', 'on', 'at', 'by', 'with', 'and', 'or', 'is', 'are', 'be', 'it', 'its', 'my', 'our',
  'me', 'i', 'we', 'you', 'your', 'this', 'that', 'how', 'do', 'does', 'can', 'what', 'which', 'want', 'need', 'please', 'from',
  'as', 'some', 'all', 'any', 'one',
]);

/** Crude suffix stripping: enough that "bookings", "booked", "bookable" and "booking" all meet at "book". */
export function stem(word: string): string {
  let result = word;
  if (!/(us|ss)$/.test(result)) {
    for (const suffix of ['ings', 'ing', 'able', 'ies', 'es', 'ed', 's']) {
      if (result.length > suffix.length + 2 && result.endsWith(suffix)) {
        result = suffix === 'ies' ? `${result.slice(0, -3)}y` : result.slice(0, -suffix.length);
        break;
      }
    }
  }
  if (result.length > 3 && result.endsWith('e')) result = result.slice(0, -1);
  // "cancelled" and "cancel" meet at "cancel".
  if (result.length > 3 && result.at(-1) === result.at(-2)) result = result.slice(0, -1);
  return result;
}

/** Lower-case word stems without stopwords, in order. */
export function terms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map(stem);
}
