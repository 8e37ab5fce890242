import { APICallError } from 'ai';
import type { AgentErrorInfo } from '../events.js';
import { excerpt, ModelStreamError, ModelTimeoutError } from './model-errors.js';
import { serverError } from './repair-chunk.js';

/** Server words that mean the prompt did not fit (OpenAI, vLLM, llama.cpp, LM Studio, Ollama, TGI). */
const CONTEXT_TOO_LONG = /context[_ ]length|context window|maximum context|context size|too many tokens|prompt is too long|exceeds? (?:the )?(?:available )?(?:context|token)|n_ctx|input (?:is )?too long|reduce the length/i;
/** Server words that mean the model cannot take `tools` (Ollama's "does not support tools", vLLM's auto tool choice). */
const NO_TOOL_SUPPORT = /does not support tools|tools? (?:are|is) not supported|not support(?:ed)? (?:for )?tool|tool[_ ]choice|tool calling is not|function calling is not|--enable-auto-tool-choice/i;

const NEW_HINT = 'Type /new to start a fresh conversation (your FavCRM workspace and key are kept), or give the model a larger context (see docs/model-servers.md; Ollama: OLLAMA_CONTEXT_LENGTH=16384).';
const NO_TOOLS_HINT = 'This assistant works through tools: pick a model with tool support (e.g. qwen3, llama3.1 or mistral-nemo on Ollama; vLLM needs --enable-auto-tool-choice), or run with --model offline.';

/** What a model failure means to the person, by cause; null when the error is not the model's. */
export function classifyModelError(cause: unknown): AgentErrorInfo | null {
  if (ModelTimeoutError.isInstance(cause)) {
    return {
      code: 'MODEL_TIMEOUT',
      message: cause.message,
      hint: `Your message is kept: send it again. If the server is just slow, raise ${cause.phase === 'idle' ? 'FAVCRM_CHAT_MODEL_IDLE_TIMEOUT_MS' : 'FAVCRM_CHAT_MODEL_TIMEOUT_MS'}.`,
    };
  }
  if (ModelStreamError.isInstance(cause)) {
    if (cause.problem === 'server-error') return byServerWords(cause.serverMessage ?? cause.message) ?? { code: 'MODEL_SERVER_ERROR', message: cause.message, hint: 'Your message is kept: send it again.' };
    if (cause.problem === 'stream-cut') return { code: 'MODEL_STREAM_CUT', message: cause.message, hint: 'Your message is kept: send it again. If it keeps happening, check the model server\'s log.' };
    return { code: 'MODEL_BAD_CHUNK', message: cause.message, hint: 'The server does not speak the OpenAI streaming format this app reads; see docs/model-servers.md.' };
  }
  if (cause instanceof Error && cause.name === 'AI_TypeValidationError') {
    const value = (cause as Error & { value?: unknown }).value;
    return { code: 'MODEL_BAD_CHUNK', message: `The model server sent a chunk this app cannot read: ${excerpt(JSON.stringify(value) ?? String(value), 160)}`, hint: 'See docs/model-servers.md for the servers that are known to work.' };
  }
  if (cause instanceof Error && cause.name === 'ZodError') {
    return { code: 'MODEL_BAD_CHUNK', message: `The model server sent data this app cannot read (${excerpt(cause.message, 160)}).`, hint: 'See docs/model-servers.md for the servers that are known to work.' };
  }
  if (!APICallError.isInstance(cause)) return null;
  const status = cause.statusCode;
  const said = serverWords(cause);
  if (status === 401 || status === 403) {
    return { code: 'MODEL_AUTH', message: `The model provider rejected the credentials (HTTP ${status}).`, hint: 'Check OPENAI_API_KEY (or the key your OpenAI-compatible server expects), or run with --model offline.' };
  }
  if (status === 429) {
    const retryAfter = Number(cause.responseHeaders?.['retry-after']);
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? `in ${Math.ceil(retryAfter)} s` : 'in a moment';
    return { code: 'MODEL_RATE_LIMIT', message: `The model provider is rate limiting requests (HTTP 429)${said ? `: ${said}` : '.'}`, hint: `Send your message again ${wait}; nothing was lost.` };
  }
  if (status === 404) {
    return { code: 'MODEL_NOT_FOUND', message: `The model server does not know this model or path (HTTP 404)${said ? `: ${said}` : '.'}`, hint: 'Check the model id in --model openai:<id> (Ollama: ollama pull <id>) and that OPENAI_BASE_URL ends in /v1.' };
  }
  const explained = said ? byServerWords(said) : null;
  if (explained) return explained;
  // A proxy's "413 Request Entity Too Large" says the same in its own way.
  if (status === 413) return byServerWords(`context length exceeded (HTTP 413${said ? `: ${said}` : ''})`);
  if (status !== undefined && status >= 500) {
    return { code: 'MODEL_SERVER_ERROR', message: `The model server failed (HTTP ${status})${said ? `: ${said}` : '.'}`, hint: 'Your message is kept: send it again. If it keeps failing, check the model server\'s log.' };
  }
  if (status === 200) {
    return { code: 'MODEL_STREAM_CUT', message: `The model server's answer could not be read: ${excerpt(cause.message)}`, hint: 'Your message is kept: send it again.' };
  }
  if (status !== undefined && said) {
    // The server explained itself: its words are the message; the base URL is evidently right.
    return { code: 'MODEL_BAD_REQUEST', message: `The model server refused the request (HTTP ${status}): ${said}`, hint: 'Your message is kept. Try /new if the conversation is long, or another model.' };
  }
  return {
    code: 'MODEL_ERROR',
    message: `The model call failed${status ? ` (HTTP ${status})` : ''}: ${excerpt(cause.message, 200)}`,
    hint: status ? 'Your message is kept.' : 'Check OPENAI_BASE_URL and that the model server is running; your message is kept.',
  };
}

/** Context-too-long and no-tool-support, recognised by what the server said, whatever the status. */
function byServerWords(said: string): AgentErrorInfo | null {
  if (CONTEXT_TOO_LONG.test(said)) {
    return { code: 'MODEL_CONTEXT_TOO_LONG', message: `The conversation is too long for the model's context window (the server said: ${excerpt(said, 200)}).`, hint: NEW_HINT };
  }
  if (NO_TOOL_SUPPORT.test(said)) {
    return { code: 'MODEL_NO_TOOLS', message: `This model cannot call tools (the server said: ${excerpt(said, 200)}).`, hint: NO_TOOLS_HINT };
  }
  return null;
}

/** The server's own explanation: from the body in any of the shapes servers use, else the provider's message. */
function serverWords(error: APICallError): string | null {
  const body = error.responseBody?.trim();
  if (body) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const words = serverError(parsed as Record<string, unknown>) ?? (typeof (parsed as { message?: unknown }).message === 'string' ? (parsed as { message: string }).message : null);
        if (words) return excerpt(words, 300);
      }
    } catch {
      if (!/^<!doctype|^<html/i.test(body)) return excerpt(body, 300);
    }
  }
  const generic = /^(?:Bad Request|Not Found|Internal Server Error|Service Unavailable|Bad Gateway|Unauthorized|Forbidden|Too Many Requests)$/i;
  return error.message && !generic.test(error.message.trim()) ? excerpt(error.message, 300) : null;
}
