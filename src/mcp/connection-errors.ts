/**
 * Typed failures of the FavCRM connection. Tool-level failures (`isError` results) are data, not these;
 * these are for a server that is down, rejects the key, or speaks something that is not MCP.
 */
export type ConnectionFailureKind = 'unreachable' | 'unauthorized' | 'protocol' | 'timeout' | 'server-error';

export class FavcrmConnectionError extends Error {
  override readonly name = 'FavcrmConnectionError';
  constructor(
    readonly kind: ConnectionFailureKind,
    message: string,
    /** The next step a person can take. */
    readonly hint: string,
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is FavcrmConnectionError {
    return value instanceof Error && value.name === 'FavcrmConnectionError';
  }
}

/** Turns whatever the SDK or fetch threw into a message a person can act on (never a stack trace). */
export function classifyConnectionError(error: unknown, url: string): FavcrmConnectionError {
  if (FavcrmConnectionError.isInstance(error)) return error;
  const text = describe(error);
  const lower = text.toLowerCase();
  if (/401|unauthori[sz]ed/.test(lower)) {
    return new FavcrmConnectionError(
      'unauthorized',
      `FavCRM at ${url} rejected the API key.`,
      'The key may be revoked or belong to another server: run /logout (or `favcrm-chat auth logout`) and sign up again, or create a key at https://app.favcrm.io/settings/mcp-keys.',
    );
  }
  if (/timed? ?out|timeout|aborted due to timeout|request timed out/.test(lower)) {
    return new FavcrmConnectionError('timeout', `FavCRM at ${url} did not answer in time.`, 'Check the server and your network, then try again.');
  }
  if (/\bbad port\b/.test(lower)) {
    return new FavcrmConnectionError(
      'unreachable',
      `Can't connect to FavCRM at ${url}: fetch refuses that port (it is reserved for another protocol).`,
      'Run the server on another port (e.g. 8765) and point --url / FAVCRM_MCP_URL at it.',
    );
  }
  if (/econnrefused|enotfound|econnreset|ehostunreach|fetch failed|socket hang up|network/.test(lower)) {
    return new FavcrmConnectionError(
      'unreachable',
      `Can't reach FavCRM at ${url} (${firstLine(text)}).`,
      'Is the server running? Check --url / FAVCRM_MCP_URL, or unset them to use the embedded sandbox. Your conversation and pending signup are kept.',
    );
  }
  if (/\b5\d\d\b/.test(lower)) {
    return new FavcrmConnectionError('server-error', `FavCRM at ${url} failed (${firstLine(text)}).`, 'This is a server problem; try again in a moment. Nothing was lost.');
  }
  return new FavcrmConnectionError(
    'protocol',
    `FavCRM at ${url} answered with something that is not a valid MCP response (${firstLine(text)}).`,
    'Check that the URL points at a FavCRM MCP endpoint (it usually ends in /mcp).',
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (!(cause instanceof Error)) return error.message;
    const code = (cause as NodeJS.ErrnoException).code;
    // undici says "fetch failed" and keeps the reason in `cause`: "fetch failed: connect ECONNREFUSED 127.0.0.1:7".
    return `${error.message}: ${cause.message}${code && !cause.message.includes(code) ? ` (${code})` : ''}`;
  }
  return String(error);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
