/**
 * Every code an `error` event carries (the chat's error line, headless `--json`): a public contract, so a new code
 * is added here, on purpose, and a typo is a type error.
 */
export type ErrorCode =
  // FavCRM (src/mcp/connection-errors.ts), one per ConnectionFailureKind.
  | 'SERVER_UNREACHABLE'
  | 'SERVER_UNAUTHORIZED'
  | 'SERVER_PROTOCOL'
  | 'SERVER_TIMEOUT'
  | 'SERVER_ERROR'
  // The model provider (src/agent/agent-errors.ts).
  | 'MODEL_TIMEOUT'
  | 'MODEL_AUTH'
  | 'MODEL_RATE_LIMIT'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_ERROR'
  | 'MODEL_UNREACHABLE'
  | 'MODEL_SERVER_ERROR'
  | 'MODEL_STREAM_CUT'
  | 'MODEL_BAD_CHUNK'
  | 'MODEL_BAD_REQUEST'
  | 'MODEL_CONTEXT_TOO_LONG'
  | 'MODEL_NO_TOOLS'
  // The session.
  | 'BUSY'
  | 'INTERNAL';

/** A message sent while a turn runs is refused (BUSY); every other code means the turn did not do its job. */
export function failsTheTurn(code: ErrorCode): boolean {
  return code !== 'BUSY';
}
