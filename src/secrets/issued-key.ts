/**
 * The one rule for where a FavCRM key may come from (#15): the answer to a `register_organisation_verify` or
 * `accept_team_invite_verify` call this app made for a request this app started, and only when the key has the
 * shape FavCRM issues. An `apiKey` anywhere else is data: redacted like any key-shaped text, never stored or used.
 */

/** `fav_mcp_` and 32 or more base62 characters: what FavCRM issues (the sandbox issues 40). */
export const ISSUED_KEY_SHAPE = /^fav_mcp_[A-Za-z0-9]{32,}$/;

/** True for a string FavCRM could have issued as a key: no spaces, line breaks or other characters. */
export function hasIssuedKeyShape(value: unknown): value is string {
  return typeof value === 'string' && ISSUED_KEY_SHAPE.test(value);
}

/** What a tool answer's `apiKey` field is. */
export type IssuedKeyReading =
  /** No `apiKey` field, or not from a verify call of ours: the result is passed on as it is (and redacted). */
  | { kind: 'none' }
  /** A key to adopt; `rest` is the answer without it. */
  | { kind: 'issued'; apiKey: string; rest: Record<string, unknown> }
  /** A verify of ours answered with an `apiKey` that is not a FavCRM key: refused, and said so. */
  | { kind: 'malformed'; rest: Record<string, unknown> };

/**
 * Reads the key out of a successful answer. `fromOwnVerify` is true only for a verify call this app filled from its
 * own pending request (requestId or invite token, and the code the person typed).
 */
export function readIssuedKey(data: unknown, fromOwnVerify: boolean): IssuedKeyReading {
  if (!fromOwnVerify || !data || typeof data !== 'object' || Array.isArray(data) || !('apiKey' in data)) return { kind: 'none' };
  const { apiKey, ...rest } = data as Record<string, unknown>;
  return hasIssuedKeyShape(apiKey) ? { kind: 'issued', apiKey, rest } : { kind: 'malformed', rest };
}

/** What the model and the person are told about a refused key; the workspace may exist all the same. */
export const MALFORMED_KEY_MESSAGE =
  'FavCRM answered the verify with an apiKey that is not a FavCRM key (fav_mcp_ followed by 32 or more letters and digits), so it was not stored or used. ' +
  'The workspace may exist all the same: sign in at https://app.favcrm.io (use "forgot password") and create a key in Settings → MCP Keys, then run `favcrm-chat --api-key-file PATH`.';
