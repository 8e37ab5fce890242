/**
 * Last line of defence before anything reaches the terminal: the core already redacts, but a full FavCRM key
 * must never be drawn even if something upstream slips.
 */

/** FavCRM keys look like `fav_mcp_<secret>` or `fav_v0_<secret>`; 12+ secret characters is a real key. */
const FULL_KEY = /fav_(mcp|v0)_[A-Za-z0-9_-]{12,}/g;

/** A key prefix still streaming in at the end of the text (it may grow into a full key on the next delta). */
const PARTIAL_KEY_AT_END = /fav_[A-Za-z0-9_-]*$/;

/** `fav_mcp_0123456789abcd` → `fav_mcp_...abcd`. Idempotent: a masked key does not match again. */
export function maskSecrets(text: string): string {
  return text.replace(FULL_KEY, (key, kind: string) => `fav_${kind}_...${key.slice(-4)}`);
}

/** For text still streaming: also hides a key-looking tail, so no frame ever shows a key while it arrives. */
export function maskStreamingText(text: string): string {
  return maskSecrets(text).replace(PARTIAL_KEY_AT_END, 'fav_…');
}

/** Masks every string inside a JSON-like value (tool data, doctor reports, approval args). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const masked: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) masked[key] = maskDeep(item);
    return masked as T;
  }
  return value;
}

/** True when the text holds a full key (the input box then hides what is typed). */
export function containsSecret(text: string): boolean {
  return new RegExp(FULL_KEY.source).test(text);
}
