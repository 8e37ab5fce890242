import { STATUS_CODES } from 'node:http';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { FatalError } from '../errors/fatal-error.js';

/**
 * Typed failures of the FavCRM connection. Tool-level failures (`isError` results) are data, not these;
 * these are for a server that is down, rejects the key, or speaks something that is not MCP.
 */
export type ConnectionFailureKind = 'unreachable' | 'unauthorized' | 'protocol' | 'timeout' | 'server-error';

/** Expected (exit 1, no stack): the message says what happened, the hint what to do. */
export class FavcrmConnectionError extends FatalError {
  override name = 'FavcrmConnectionError';
  constructor(
    readonly kind: ConnectionFailureKind,
    message: string,
    /** The next step a person can take. */
    readonly hint: string,
  ) {
    super(message);
  }

  static override isInstance(value: unknown): value is FavcrmConnectionError {
    return value instanceof Error && value.name === 'FavcrmConnectionError';
  }
}

/** What to do about a rejected key depends on where it came from: a saved key can be forgotten, a flag or variable must change. */
export function rejectedKeyHint(source?: string | null): string {
  const create = 'create a key at https://app.favcrm.io/settings/mcp-keys';
  if (source === 'flag') {
    return `The key passed with --api-key may be revoked or belong to another server: pass a valid key, or leave --api-key out to use a saved key or sign up in the chat; ${create}.`;
  }
  if (source === 'FAVCRM_API_KEY' || source === 'FAVCRM_MCP_TOKEN') {
    return `The key in ${source} may be revoked or belong to another server: set ${source} to a valid key, or unset it to use a saved key or sign up in the chat; ${create}.`;
  }
  return `The key may be revoked or belong to another server: run /logout (or \`favcrm-chat auth logout\`) and sign up again, or ${create}.`;
}

/** What to do when the URL answers, but not as an MCP endpoint (a web page, a 404, a method it does not allow). */
const NOT_MCP_HINT =
  'Check --url / FAVCRM_MCP_URL (or FAVCRM_API_BASE): it must be a FavCRM MCP endpoint, which usually ends in /mcp (e.g. https://api.favcrm.io/mcp). Unset them to use the embedded sandbox.';

/** What to do when the server answered but failed; the URL is right. */
const SERVER_PROBLEM_HINT = 'This is a server problem; try again in a moment. Nothing was lost.';

/** Turns whatever the SDK or fetch threw into a message a person can act on (never a stack trace). */
export function classifyConnectionError(error: unknown, url: string): FavcrmConnectionError {
  if (FavcrmConnectionError.isInstance(error)) return error;
  if (error instanceof StreamableHTTPError) return classifyHttpAnswer(error, url);
  if (error instanceof Error && error.name === 'ZodError') {
    // The SDK validates every message against the JSON-RPC schema; its ZodError text is a page of JSON.
    return new FavcrmConnectionError('protocol', `FavCRM at ${url} answered with JSON that is not a JSON-RPC message, so it does not look like an MCP endpoint.`, NOT_MCP_HINT);
  }
  const text = describe(error);
  const lower = text.toLowerCase();
  if (/401|unauthori[sz]ed/.test(lower)) {
    return new FavcrmConnectionError('unauthorized', `FavCRM at ${url} rejected the API key.`, rejectedKeyHint());
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
      'Is the server running? Check --url / FAVCRM_MCP_URL, or unset them to use the embedded sandbox. Your conversation (and any pending signup) is kept.',
    );
  }
  if (/\b5\d\d\b/.test(lower)) {
    return new FavcrmConnectionError('server-error', `FavCRM at ${url} failed (${firstLine(text)}).`, SERVER_PROBLEM_HINT);
  }
  return new FavcrmConnectionError('protocol', `FavCRM at ${url} answered with something that is not a valid MCP response (${firstLine(text)}).`, NOT_MCP_HINT);
}

/**
 * The SDK's StreamableHTTPError carries the HTTP status in `code` (-1: a 2xx with a content type that is neither
 * JSON nor an event stream) and the body in its message. A page, a 404 or a 405 means the URL is not an MCP
 * endpoint at all, which "try again in a moment" would never fix.
 */
function classifyHttpAnswer(error: StreamableHTTPError, url: string): FavcrmConnectionError {
  const status = typeof error.code === 'number' && error.code > 0 ? error.code : null;
  const detail = error.message.replace(/^Streamable HTTP error: /, '');
  const body = /^Error POSTing to endpoint: ?([\s\S]*)$/.exec(detail)?.[1]?.trim() ?? '';
  const contentType = /^Unexpected content type: (.*)$/.exec(detail)?.[1]?.trim();
  const html = looksLikeHtml(body) || /\bhtml\b/i.test(contentType ?? '');
  if (status === 401) return new FavcrmConnectionError('unauthorized', `FavCRM at ${url} rejected the API key.`, rejectedKeyHint());
  if (status === 408) return new FavcrmConnectionError('timeout', `FavCRM at ${url} did not answer in time (${httpStatus(408)}).`, 'Check the server and your network, then try again.');
  // Busy or a proxy in front of it failing: these say nothing about whether the URL is right, so retrying is the advice.
  if (status === 429 || status === 502 || status === 503 || status === 504) {
    return new FavcrmConnectionError('server-error', `FavCRM at ${url} is unavailable (${httpStatus(status)}).`, SERVER_PROBLEM_HINT);
  }
  if (status !== null && status >= 500 && status !== 501 && !html) {
    const reason = serverMessage(body);
    return new FavcrmConnectionError('server-error', `FavCRM at ${url} failed (${httpStatus(status)}${reason ? `: ${reason}` : ''}).`, SERVER_PROBLEM_HINT);
  }
  const rpcError = jsonRpcErrorMessage(body);
  if (status !== null && rpcError !== null) {
    // A JSON-RPC error body means an MCP server did answer; it refused this request, so say what it said.
    return new FavcrmConnectionError(
      'protocol',
      `FavCRM at ${url} refused the request (${httpStatus(status)}: ${rpcError}).`,
      'If it keeps happening, check --url / FAVCRM_MCP_URL and that the server is a FavCRM MCP endpoint.',
    );
  }
  const what: string[] = [];
  if (status !== null) what.push(httpStatus(status));
  if (html) what.push('an HTML page');
  else if (contentType !== undefined) what.push(contentType === 'null' || contentType === '' ? 'no content type' : `content type ${contentType}`);
  const reason = html ? '' : serverMessage(body);
  if (reason && reason.toLowerCase() !== (STATUS_CODES[status ?? 0] ?? '').toLowerCase()) what.push(reason);
  return new FavcrmConnectionError(
    'protocol',
    `${url} does not look like a FavCRM MCP endpoint${what.length > 0 ? ` (it answered with ${what.join(', ')})` : ''}.`,
    NOT_MCP_HINT,
  );
}

/** "HTTP 404 Not Found". */
function httpStatus(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

function looksLikeHtml(body: string): boolean {
  return /^<(!doctype\s+html|html|head|body)\b/i.test(body) || /<html[\s>]/i.test(body.slice(0, 512));
}

/** A JSON-RPC error body's message, else the body's first line; empty when there is none. */
function serverMessage(body: string): string {
  return jsonRpcErrorMessage(body) ?? (body ? firstLine(body) : '');
}

/** The message of a JSON-RPC error envelope (`{"jsonrpc":"2.0","error":{"message":…}}`), else null. */
function jsonRpcErrorMessage(body: string): string | null {
  if (!body.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(body) as { jsonrpc?: unknown; error?: { message?: unknown } };
    return parsed.jsonrpc === '2.0' && typeof parsed.error?.message === 'string' ? firstLine(parsed.error.message) : null;
  } catch {
    return null;
  }
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
