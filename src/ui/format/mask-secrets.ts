/**
 * Last line of defence before anything reaches the terminal: the core already redacts, but a full FavCRM key
 * must never be drawn even if something upstream slips. Delegates to the shared redactor in src/secrets.
 */
import { redactDeep, redactSecrets, SECRET_PATTERN } from '../../secrets/redact-secrets.js';

/** A key prefix still streaming in at the end of the text (it may grow into a full key on the next delta). */
const PARTIAL_KEY_AT_END = /fav_[A-Za-z0-9_-]*$/;

/** `fav_mcp_0123456789abcd` → `fav_mcp_...abcd`. Idempotent: a masked key does not match again. */
export function maskSecrets(text: string): string {
  return redactSecrets(text);
}

/** For text still streaming: also hides a key-looking tail, so no frame ever shows a key while it arrives. */
export function maskStreamingText(text: string): string {
  return maskSecrets(text).replace(PARTIAL_KEY_AT_END, 'fav_…');
}

/** Masks every string inside a JSON-like value (tool data, doctor reports, approval args). */
export function maskDeep<T>(value: T): T {
  return redactDeep(value) as T;
}

/** True when the text holds a full key (the input box then hides what is typed). */
export function containsSecret(text: string): boolean {
  return SECRET_PATTERN.test(text);
}
