/** Stable failure codes an agent can branch on (issue #3, contract §5.2). */
export type ToolFailureCode =
  | 'VALIDATION'
  | 'EMAIL_EXISTS'
  | 'CODE_EXPIRED'
  | 'CODE_INVALID'
  | 'REQUEST_LOCKED'
  | 'RATE_LIMITED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PLAN_LIMIT'
  | 'CONFLICT'
  | 'INVITE_EXPIRED';

/**
 * An expected tool failure. The registry turns it into an `isError: true` result whose text and
 * `structuredContent` carry `{ error: { code, message, ...details } }`; it never becomes a JSON-RPC error.
 */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
  constructor(
    readonly code: ToolFailureCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is ToolFailure {
    return value instanceof Error && value.name === 'ToolFailure' && 'code' in value;
  }
}
