import { APICallError } from 'ai';
import type { ErrorCode } from '../errors/error-codes.js';
import { FavcrmConnectionError, type ConnectionFailureKind } from '../mcp/connection-errors.js';
import { redactSecrets } from '../secrets/redact-secrets.js';
import type { AgentErrorInfo } from './events.js';
import { errorMessage } from '../errors/error-message.js';

/** The model did not start answering within the deadline. */
export class ModelTimeoutError extends Error {
  override readonly name = 'ModelTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The model did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`);
  }
}

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
  if (cause instanceof ModelTimeoutError || (cause instanceof Error && cause.name === 'ModelTimeoutError')) {
    return { code: 'MODEL_TIMEOUT', message: cause.message, hint: 'Your message is kept: send it again, or check the model server (OPENAI_BASE_URL).' };
  }
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    if (status === 401 || status === 403) {
      return {
        code: 'MODEL_AUTH',
        message: `The model provider rejected the credentials (HTTP ${status}).`,
        hint: 'Check OPENAI_API_KEY (or the key your OpenAI-compatible server expects), or run with --model offline.',
      };
    }
    if (status === 429) {
      return {
        code: 'MODEL_RATE_LIMIT',
        message: 'The model provider is rate limiting requests (HTTP 429).',
        hint: 'Wait a moment and send your message again; nothing was lost.',
      };
    }
    if (status === 404) {
      return { code: 'MODEL_NOT_FOUND', message: `The model was not found (HTTP 404): ${cause.message}`, hint: 'Check the model id in --model openai:<id>.' };
    }
    return {
      code: 'MODEL_ERROR',
      message: `The model call failed${status ? ` (HTTP ${status})` : ''}: ${firstLine(cause.message)}`,
      hint: 'Check OPENAI_BASE_URL and that the model server is running; your message is kept.',
    };
  }
  const message = errorMessage(cause);
  if (/ECONNREFUSED|fetch failed|ENOTFOUND/i.test(message)) {
    return { code: 'MODEL_UNREACHABLE', message: `Can't reach the model server (${firstLine(message)}).`, hint: 'Check OPENAI_BASE_URL, or run with --model offline.' };
  }
  return { code: 'INTERNAL', message: `Something went wrong: ${firstLine(message)}`, hint: 'Your conversation is kept. Try again, or start fresh with /new.' };
}

/** The AI SDK wraps provider errors (retries, tool execution); find the one that explains it. */
function unwrap(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (FavcrmConnectionError.isInstance(current) || APICallError.isInstance(current) || current.name === 'ModelTimeoutError') return current;
    const record = current as Error & { lastError?: unknown; cause?: unknown; errors?: unknown[] };
    const next = record.lastError ?? record.cause ?? (Array.isArray(record.errors) ? record.errors[record.errors.length - 1] : undefined);
    if (!next) break;
    current = next;
  }
  return current;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
