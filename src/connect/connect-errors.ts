/** Why `connect` refused: a file it cannot safely edit, a client or scope it does not know. Messages never quote file text. */
export type ConnectErrorKind = 'unparseable' | 'unsupported-layout' | 'unknown-client' | 'unsupported-scope' | 'no-key' | 'no-endpoint' | 'io';

export class ConnectError extends Error {
  override readonly name = 'ConnectError';

  constructor(
    readonly kind: ConnectErrorKind,
    message: string,
    /** The next step a person can take. */
    readonly hint?: string,
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is ConnectError {
    return value instanceof Error && value.name === 'ConnectError';
  }
}

/** "line 3, column 7" from a 0-based offset: where a parser stopped, without showing the line (it may hold a key). */
export function describeOffset(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}
