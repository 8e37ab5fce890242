import { DONE, sse, type Frame } from './replay-server.js';

/** What the scripted model wants to say on one step; each dialect writes it the way its server streams. */
export type Intent = { kind: 'text'; text: string } | { kind: 'tools'; calls: Array<{ name: string; args: Record<string, unknown> }> };

export type Dialect = (intent: Intent, step: number) => Frame[];

const created = 1_733_500_000;
const usage = { prompt_tokens: 1200, completion_tokens: 40, total_tokens: 1240 };

/** Text cut the way tokens arrive: a few characters at a time. */
function pieces(text: string, size = 5): string[] {
  const out: string[] = [];
  for (let index = 0; index < text.length; index += size) out.push(text.slice(index, index + size));
  return out.length > 0 ? out : [''];
}

/** api.openai.com: role chunk, fragments, id only on a call's first fragment, usage chunk with `choices: []`. */
export const openai: Dialect = (intent, step) => {
  const base = { id: `chatcmpl-AbC${step}`, object: 'chat.completion.chunk', created, model: 'gpt-4o-mini-2024-07-18', service_tier: 'default', system_fingerprint: 'fp_0ba0d124f1' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
  const frames: Frame[] = [chunk({ role: 'assistant', content: intent.kind === 'text' ? '' : null, refusal: null })];
  if (intent.kind === 'text') for (const piece of pieces(intent.text)) frames.push(chunk({ content: piece }));
  else
    intent.calls.forEach((call, index) => {
      frames.push(chunk({ tool_calls: [{ index, id: `call_${step}${index}Xy`, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of pieces(JSON.stringify(call.args), 9)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  frames.push(chunk({}, intent.kind === 'text' ? 'stop' : 'tool_calls'));
  frames.push(sse({ ...base, choices: [], usage }), DONE);
  return frames;
};

/** Ollama's /v1: each tool call whole in one chunk, `finish_reason: "stop"` even after tool calls (before 0.4). */
export const ollama: Dialect = (intent, step) => {
  const base = { id: `chatcmpl-${300 + step}`, object: 'chat.completion.chunk', created, model: 'qwen3:8b', system_fingerprint: 'fp_ollama' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  const frames: Frame[] = [];
  if (intent.kind === 'text') for (const piece of pieces(intent.text)) frames.push(chunk({ role: 'assistant', content: piece }));
  else frames.push(chunk({ role: 'assistant', content: '', tool_calls: intent.calls.map((call, index) => ({ id: `call_${step}_${index}`, index, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } })) }));
  frames.push(chunk({ role: 'assistant', content: '' }, 'stop'));
  frames.push(sse({ ...base, choices: [], usage }), DONE);
  return frames;
};

/** Newer Ollama with a thinking model: the thinking streams in `delta.reasoning` before the answer. */
export const ollamaThinking: Dialect = (intent, step) => {
  const base = { id: `chatcmpl-${500 + step}`, object: 'chat.completion.chunk', created, model: 'qwen3:8b', system_fingerprint: 'fp_ollama' };
  const thinking = pieces('Okay, the person wants this. I should use the tool.', 7).map((piece) => sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', reasoning: piece }, finish_reason: null }] }));
  return [...thinking, ...ollama(intent, step)];
};

/** llama.cpp's server: `content: null` first, `reasoning_content` (--reasoning-format deepseek), usage and timings in the last chunk. */
export const llamaCpp: Dialect = (intent, step) => {
  const base = { created, id: `chatcmpl-llama${step}`, model: 'gpt-3.5-turbo', system_fingerprint: 'b5400-3e0ba0e6', object: 'chat.completion.chunk' };
  const chunk = (delta: unknown, finish: string | null = null, extra: object = {}) => sse({ choices: [{ finish_reason: finish, index: 0, delta }], ...base, ...extra });
  const frames: Frame[] = [chunk({ role: 'assistant', content: null })];
  for (const piece of pieces('Let me work out the next step.', 6)) frames.push(chunk({ reasoning_content: piece }));
  if (intent.kind === 'text') for (const piece of pieces(intent.text)) frames.push(chunk({ content: piece }));
  else
    intent.calls.forEach((call, index) => {
      frames.push(chunk({ tool_calls: [{ index, id: `llamacall${step}${index}`, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of pieces(JSON.stringify(call.args), 4)) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  frames.push(chunk({}, intent.kind === 'text' ? 'stop' : 'tool_calls', { usage, timings: { prompt_n: 1200, prompt_ms: 800.5, predicted_n: 40, predicted_ms: 900.1 } }));
  frames.push(DONE);
  return frames;
};

/** vLLM with a reasoning parser: `reasoning_content` deltas, parallel calls interleaved, `stop_reason`, usage last. */
export const vllm: Dialect = (intent, step) => {
  const base = { id: `chatcmpl-vllm${step}`, object: 'chat.completion.chunk', created, model: 'Qwen/Qwen3-8B' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish, stop_reason: null }] });
  const frames: Frame[] = [chunk({ role: 'assistant', content: '' })];
  for (const piece of pieces('The person asked; the tools can do it.', 6)) frames.push(chunk({ reasoning_content: piece, content: null }));
  if (intent.kind === 'text') for (const piece of pieces(intent.text)) frames.push(chunk({ content: piece, reasoning_content: null }));
  else {
    intent.calls.forEach((call, index) => frames.push(chunk({ tool_calls: [{ id: `chatcmpl-tool-${step}${index}`, type: 'function', index, function: { name: call.name } }] })));
    const fragments = intent.calls.map((call) => pieces(JSON.stringify(call.args), 6));
    const longest = Math.max(...fragments.map((list) => list.length));
    for (let position = 0; position < longest; position += 1)
      fragments.forEach((list, index) => {
        const piece = list[position];
        if (piece !== undefined) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      });
  }
  frames.push(chunk({ content: '' }, intent.kind === 'text' ? 'stop' : 'tool_calls'));
  frames.push(sse({ ...base, choices: [], usage }), DONE);
  return frames;
};

/** deepseek-r1 / qwen3 behind a server that does not split thinking out: `<think>…</think>` in the content. */
export const thinkInContent: Dialect = (intent, step) => {
  const thought = '<think>\nThe person wants to sign up. I must not reveal this thinking.\n</think>\n\n';
  if (intent.kind === 'text') return openai({ kind: 'text', text: `${thought}${intent.text}` }, step);
  const base = { id: `chatcmpl-think${step}`, object: 'chat.completion.chunk', created, model: 'deepseek-r1:8b' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  return [
    ...pieces(thought, 6).map((piece) => chunk({ role: 'assistant', content: piece })),
    chunk({ tool_calls: intent.calls.map((call, index) => ({ id: `call_t${step}${index}`, index, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } })) }),
    chunk({}, 'tool_calls'),
    DONE,
  ];
};

/** Qwen behind a server with its tool parser off: `<tool_call>{…}</tool_call>` as plain text, `finish_reason: "stop"`. */
export const qwenTextToolCalls: Dialect = (intent, step) => {
  if (intent.kind === 'text') return openai(intent, step);
  const text = intent.calls.map((call) => `<tool_call>\n${JSON.stringify({ name: call.name, arguments: call.args })}\n</tool_call>`).join('\n');
  return openai({ kind: 'text', text }, step);
};

// ---- quirks the providers' strict schemas reject: each is the OpenAI stream with one real server's oddity ----

/** Vercel's v0 API and some ROCm servers: chunks without a `choices` key. */
export const noChoicesKey: Dialect = (intent, step) => {
  const frames = openai(intent, step);
  const extra = sse({ id: `chatcmpl-v0${step}`, object: 'chat.completion.chunk', created, model: 'v0-1.5-md' });
  return [extra, ...frames.slice(0, -2), sse({ id: `chatcmpl-v0${step}`, object: 'chat.completion.chunk', created, model: 'v0-1.5-md', usage }), DONE];
};

/** MiniMax: `role: ""` on every delta. */
export const emptyRole: Dialect = (intent, step) => rewrite(openai(intent, step), (chunk) => {
  for (const choice of chunk.choices ?? []) if (choice.delta) choice.delta.role = '';
});

/** Gemini's OpenAI endpoint and some proxies: tool calls without `index` (each whole, with its id). */
export const toolCallWithoutIndex: Dialect = (intent, step) => {
  if (intent.kind === 'text') return openai(intent, step);
  const base = { id: `chatcmpl-g${step}`, object: 'chat.completion.chunk', created, model: 'gemini-2.5-flash' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  return [
    ...intent.calls.map((call, index) => chunk({ role: 'assistant', tool_calls: [{ id: `g-${step}-${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } }] })),
    chunk({}, 'tool_calls'),
    DONE,
  ];
};

/** Servers that send `arguments` as a JSON object rather than a string. */
export const objectArguments: Dialect = (intent, step) => {
  if (intent.kind === 'text') return openai(intent, step);
  const base = { id: `chatcmpl-o${step}`, object: 'chat.completion.chunk', created, model: 'local-model' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  return [chunk({ role: 'assistant', content: null, tool_calls: intent.calls.map((call, index) => ({ index, id: `o-${step}-${index}`, type: 'function', function: { name: call.name, arguments: call.args } })) }), chunk({}, 'tool_calls'), DONE];
};

interface MutableChunk {
  choices?: Array<{ delta?: Record<string, unknown> }>;
}

function rewrite(frames: Frame[], change: (chunk: MutableChunk) => void): Frame[] {
  return frames.map((frame) => {
    if (typeof frame !== 'string' || frame === DONE) return frame;
    const chunk = JSON.parse(frame.slice('data: '.length)) as MutableChunk;
    change(chunk);
    return sse(chunk);
  });
}

/** LM Studio: OpenAI-shaped, with `system_fingerprint` = model, `stats`, and tool-call ids on every fragment. */
export const lmStudio: Dialect = (intent, step) => {
  const base = { id: `chatcmpl-lms${step}`, object: 'chat.completion.chunk', created, model: 'qwen2.5-7b-instruct', system_fingerprint: 'qwen2.5-7b-instruct' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const frames: Frame[] = [chunk({ role: 'assistant', content: '' })];
  if (intent.kind === 'text') for (const piece of pieces(intent.text)) frames.push(chunk({ role: 'assistant', content: piece }));
  else
    intent.calls.forEach((call, index) => {
      const id = `${400 + step * 10 + index}`;
      frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] }));
      for (const piece of pieces(JSON.stringify(call.args), 7)) frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { arguments: piece } }] }));
    });
  frames.push(sse({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: intent.kind === 'text' ? 'stop' : 'tool_calls' }], stats: {} }), DONE);
  return frames;
};

/** OpenRouter: `: OPENROUTER PROCESSING` keep-alive comments while queued, a `provider` field, usage with cost. */
export const openRouter: Dialect = (intent, step) => {
  const frames = openai(intent, step).map((frame) => {
    if (typeof frame !== 'string' || frame === DONE) return frame;
    const chunk = JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>;
    if (chunk.usage) chunk.usage = { ...usage, cost: 0.00012, is_byok: false };
    return sse({ ...chunk, provider: 'Fireworks' });
  });
  return [': OPENROUTER PROCESSING\n\n', { pauseMs: 20 }, ': OPENROUTER PROCESSING\n\n', ...frames];
};

/** Proxies that number every parallel call `index: 0` (each whole, with its own id). */
export const sameIndexForEveryCall: Dialect = (intent, step) => {
  if (intent.kind === 'text') return openai(intent, step);
  const base = { id: `chatcmpl-i${step}`, object: 'chat.completion.chunk', created, model: 'proxy' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  return [
    ...intent.calls.map((call, index) => chunk({ tool_calls: [{ index: 0, id: `same-${step}-${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } }] })),
    chunk({}, 'tool_calls'),
    DONE,
  ];
};

/** Servers that send `arguments: ""` for a tool without arguments. */
export const emptyStringArguments: Dialect = (intent, step) => {
  if (intent.kind === 'text') return openai(intent, step);
  const base = { id: `chatcmpl-e${step}`, object: 'chat.completion.chunk', created, model: 'local' };
  const chunk = (delta: unknown, finish: string | null = null) => sse({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  return [
    chunk({ role: 'assistant', tool_calls: intent.calls.map((call, index) => ({ index, id: `e-${step}-${index}`, type: 'function', function: { name: call.name, arguments: Object.keys(call.args).length === 0 ? '' : JSON.stringify(call.args) } })) }),
    chunk({}, 'tool_calls'),
    DONE,
  ];
};
