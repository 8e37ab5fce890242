import { afterEach, describe, expect, it } from 'vitest';
import type { AgentErrorInfo } from '../../../src/agent/events.js';
import { openai } from './dialects.js';
import { errorsOf, PROVIDERS, startHarness, type Harness } from './journey-harness.js';
import { DONE, sse, type Reply } from './replay-server.js';

const base = { id: 'chatcmpl-f', object: 'chat.completion.chunk', created: 1_733_500_000, model: 'm' };
const started = [sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'Sure, I will ' }, finish_reason: null }] })];
const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body: JSON.stringify(body), ...(headers ? { headers } : {}) });

const CONTEXT_HINT = 'Type /new to start a fresh conversation (your FavCRM workspace and key are kept), or give the model a larger context (see docs/model-servers.md; Ollama: OLLAMA_CONTEXT_LENGTH=16384).';

/** What real servers send when things go wrong, and the exact message a person must see for each. */
const CASES: Array<[string, Reply, Partial<AgentErrorInfo>]> = [
  [
    'an error frame after output started (OpenAI mid-stream server_error)',
    { frames: [...started, sse({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: null } })] },
    { code: 'MODEL_SERVER_ERROR', message: 'The model server reported an error mid-answer: The server had an error while processing your request.' },
  ],
  [
    'a stream cut mid-answer (socket closed, no [DONE])',
    { frames: [...started, { cut: true }] },
    { code: 'MODEL_STREAM_CUT' },
  ],
  [
    'a stream that just ends without finish_reason or [DONE]',
    { frames: [...started] },
    { code: 'MODEL_STREAM_CUT', message: 'The model server closed the stream before finishing its answer (no finish_reason, no [DONE]).' },
  ],
  [
    'malformed SSE (unterminated JSON)',
    { frames: [...started, 'data: {"id":"x","choices":[{"delta":{"content":"Hel\n\n', DONE] },
    { code: 'MODEL_BAD_CHUNK', message: 'The model server sent a chunk that is not valid JSON: "{"id":"x","choices":[{"delta":{"content":"Hel".' },
  ],
  [
    "vLLM's flat 400 body: context too long",
    json(400, { object: 'error', message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion).", type: 'BadRequestError', param: null, code: 400 }),
    {
      code: 'MODEL_CONTEXT_TOO_LONG',
      message: "The conversation is too long for the model's context window (the server said: This model's maximum context length is 8192 tokens. However, you requested 9000 tokens (8000 in the messages, 1000 in the completion).).",
      hint: CONTEXT_HINT,
    },
  ],
  [
    "llama.cpp's context overflow",
    json(400, { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: 5000, n_ctx: 4096 } }),
    { code: 'MODEL_CONTEXT_TOO_LONG', hint: CONTEXT_HINT },
  ],
  [
    "LM Studio's overflow",
    json(400, { error: 'Trying to keep the first 6120 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input' }),
    { code: 'MODEL_CONTEXT_TOO_LONG', hint: CONTEXT_HINT },
  ],
  ['a proxy: 413 Request Entity Too Large (HTML)', { status: 413, body: '<html><body><h1>413 Request Entity Too Large</h1></body></html>', headers: { 'content-type': 'text/html' } }, { code: 'MODEL_CONTEXT_TOO_LONG', hint: CONTEXT_HINT }],
  [
    'llama.cpp mid-stream: context exceeded as an error frame',
    { frames: [...started, sse({ error: { code: 500, message: 'Context size has been exceeded.', type: 'server_error' } })] },
    { code: 'MODEL_CONTEXT_TOO_LONG', hint: CONTEXT_HINT },
  ],
  [
    "Ollama: a model without tool support",
    json(400, { error: { message: 'registry.ollama.ai/library/gemma2:2b does not support tools', type: 'api_error', param: null, code: null } }),
    { code: 'MODEL_NO_TOOLS', message: 'This model cannot call tools (the server said: registry.ollama.ai/library/gemma2:2b does not support tools).' },
  ],
  [
    'vLLM without --enable-auto-tool-choice',
    json(400, { object: 'error', message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set', type: 'BadRequestError', param: null, code: 400 }),
    { code: 'MODEL_NO_TOOLS' },
  ],
  [
    'another explained 400 keeps the server words and no base-URL hint',
    json(400, { object: 'error', message: 'temperature must be between 0 and 2', type: 'BadRequestError', param: null, code: 400 }),
    { code: 'MODEL_BAD_REQUEST', message: 'The model server refused the request (HTTP 400): temperature must be between 0 and 2' },
  ],
  [
    'Ollama: model not pulled',
    json(404, { error: { message: 'model "llama9" not found, try pulling it first', type: 'api_error', param: null, code: null } }),
    { code: 'MODEL_NOT_FOUND', message: 'The model server does not know this model or path (HTTP 404): model "llama9" not found, try pulling it first' },
  ],
  ['a wrong key', json(401, { error: { message: 'Incorrect API key provided: sk-wrong', type: 'invalid_request_error', code: 'invalid_api_key' } }), { code: 'MODEL_AUTH', message: 'The model provider rejected the credentials (HTTP 401).' }],
  [
    'rate limited with Retry-After',
    json(429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '20' }),
    { code: 'MODEL_RATE_LIMIT', message: 'The model provider is rate limiting requests (HTTP 429): Rate limit reached for requests', hint: 'Send your message again in 20 s; nothing was lost.' },
  ],
  ['a server error', json(503, { error: { message: 'Model is loading', type: 'server_error' } }), { code: 'MODEL_SERVER_ERROR', message: 'The model server failed (HTTP 503): Model is loading' }],
];

describe.each(PROVIDERS)('failures from real model servers through %s', (provider) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it.each(CASES)('%s', async (_name, reply, expected) => {
    harness = await startHarness(provider, () => reply);
    await harness.fixture.session.send('hello');
    const errors = errorsOf(harness.fixture.events);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject(expected);
    const shown = JSON.stringify(errors);
    expect(shown).not.toMatch(/\[object Object\]|Something went wrong|: \[|Failed to process successful response|Unterminated string/);
    // A server that explained a 400 was evidently reached at the right URL.
    if (/CONTEXT_TOO_LONG|NO_TOOLS|BAD_REQUEST/.test(errors[0]?.code ?? '')) expect(shown).not.toContain('OPENAI_BASE_URL');
    expect(shown).not.toContain('sk-wrong');
  });

  it('after a failed turn the next request holds no two user messages in a row, and it succeeds', async () => {
    let failNext = true;
    harness = await startHarness(provider, (_body, index) => {
      if (failNext) {
        failNext = false;
        return { frames: [...started, { cut: true }] };
      }
      return { frames: openai({ kind: 'text', text: `answer ${index}` }, index) };
    });
    await harness.fixture.session.send('first question');
    await harness.fixture.session.send('second question');
    expect(errorsOf(harness.fixture.events).map((error) => error.code)).toEqual(['MODEL_STREAM_CUT']);
    const last = harness.server.requests.at(-1)?.body.messages ?? [];
    const roles = last.map((message) => message.role);
    for (let index = 1; index < roles.length; index += 1) expect(`${roles[index - 1]},${roles[index]}`).not.toBe('user,user');
    // The first question is still there for the model to read.
    expect(JSON.stringify(last)).toContain('first question');
    expect(JSON.stringify(last)).toContain('second question');
  });
});

describe.each(PROVIDERS)('a server that ignores stream: true, through %s', (provider) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('its single JSON completion is read as one chunk: the answer arrives, no error', async () => {
    const completion = {
      id: 'chatcmpl-whole',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from a proxy that ignores streaming.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    };
    harness = await startHarness(provider, () => ({ status: 200, body: JSON.stringify(completion) }));
    await harness.fixture.session.send('hello');
    expect(errorsOf(harness.fixture.events)).toEqual([]);
    expect(harness.fixture.events.filter((event) => event.type === 'assistant-message').map((event) => event.type === 'assistant-message' && event.text)).toEqual([
      'Hello from a proxy that ignores streaming.',
    ]);
  });
});
