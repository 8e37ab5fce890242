import type { ErrorCode } from '../errors/error-codes.js';
import { FavcrmConnectionError, type ConnectionFailureKind } from '../mcp/connection-errors.js';
import { redactSecrets } from '../secrets/redact-secrets.js';
import type { AgentErrorInfo } from './events.js';
import { classifyModelError } from './model/classify-model-error.js';
import { excerpt, ModelStreamError, ModelTimeoutError } from './model/model-errors.js';

export { ModelStreamError, ModelTimeoutError };

/** One public code per way FavCRM can fail (spelled out: `server-error` is SERVER_ERROR, not SERVER_SERVER_ERROR). */
const SERVER_CODES: Readonly<Record<ConnectionFailureKind, ErrorCode>> = {
  unreachable: 'SERVER_UNREACHABLE',
  unauthorized: 'SERVER_UNAUTHORIZED',
  protocol: 'SERVER_PROTOCOL',
  timeout: 'SERVER_TIMEOUT',
  'server-error': 'SERVER_ERROR',
};

/** Maps anything a turn can throw to a message a person can act on; the text is redacted. */
export function toAgentError(error: unknown): AgentErrorInfo {
  const info = classify(error);
  return { ...info, message: redactSecrets(info.message), ...(info.hint ? { hint: redactSecrets(info.hint) } : {}) };
}

function classify(error: unknown): AgentErrorInfo {
  const cause = unwrap(error);
  if (FavcrmConnectionError.isInstance(cause)) {
    return { code: SERVER_CODES[cause.kind], message: cause.message, hint: cause.hint };
  }
  const model = classifyModelError(cause);
  if (model) return model;
  const message = describe(cause);
  if (/ECONNREFUSED|fetch failed|ENOTFOUND|Cannot connect to API/i.test(message)) {
    return { code: 'MODEL_UNREACHABLE', message: `Can't reach the model server (${excerpt(message, 200)}).`, hint: 'Check OPENAI_BASE_URL, or run with --model offline.' };
  }
  return { code: 'INTERNAL', message: `Something went wrong: ${excerpt(message, 200)}`, hint: 'Your conversation is kept. Try again, or start fresh with /new.' };
}

/**
 * Words for anything thrown or streamed as an error: an Error's message, a server's `{message}` object, or its JSON;
 * never "[object Object]", and never a lone "[" (the first character of a schema error's JSON dump).
 */
function describe(value: unknown): string {
  if (value instanceof Error) {
    const text = value.message.trim();
    if (text.length > 2 && !/^[[{]/.test(text)) return text;
    return `${value.name}${text ? ` ${excerpt(text, 160)}` : ''}`;
  }
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const record = value as { message?: unknown; error?: unknown };
    if (typeof record.message === 'string') return record.message;
    if (record.error !== undefined) return describe(record.error);
    return excerpt(JSON.stringify(value), 200);
  }
  return String(value);
}

/** Errors that explain a failure on their own, best first; the SDK's wrappers around them are looked through. */
const EXPLAINING = ['ModelTimeoutError', 'ModelStreamError', 'AI_APICallError', 'AI_TypeValidationError', 'ZodError'];

/**
 * The AI SDK wraps provider errors (retries, tool execution, a failed body read becomes "Failed to process successful
 * response" around our own timeout or stream error); walk the whole chain and return the error that explains most.
 */
function unwrap(error: unknown): unknown {
  const chain: unknown[] = [];
  let current = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth += 1) {
    chain.push(current);
    if (!(current instanceof Error)) break;
    const record = current as Error & { lastError?: unknown; cause?: unknown; errors?: unknown[] };
    current = record.lastError ?? record.cause ?? (Array.isArray(record.errors) ? record.errors[record.errors.length - 1] : undefined);
  }
  const connection = chain.find((entry) => FavcrmConnectionError.isInstance(entry));
  if (connection) return connection;
  for (const name of EXPLAINING) {
    const found = chain.find((entry) => entry instanceof Error && entry.name === name);
    if (found) return found;
  }
  return chain.at(-1) ?? error;
}
