import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { ModelMessage } from 'ai';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { simulateReadableStream, wrapLanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import { toAgentError } from '../../../src/agent/agent-errors.js';
import { validHistory } from '../../../src/agent/history-validity.js';
import { ChunkRepairer } from '../../../src/agent/model/repair-chunk.js';
import { SseEventSplitter } from '../../../src/agent/model/sse-events.js';
import { textToolCallHint, textToolCallMiddleware } from '../../../src/agent/model/text-tool-call-middleware.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SSE splitting', () => {
  it('reads CRLF and CR line ends, multi-line data, comments and events split anywhere, even inside a UTF-8 character', () => {
    const splitter = new SseEventSplitter();
    const whole = bytes(': keep-alive\r\n\r\nevent: message\r\ndata: {"a":\r\ndata: "é"}\r\n\r\ndata: [DONE]\r\r');
    const seen: string[] = [];
    for (let index = 0; index < whole.length; index += 3) seen.push(...splitter.push(whole.slice(index, index + 3)));
    seen.push(...splitter.push(null));
    expect(seen).toEqual(['{"a":\n"é"}', '[DONE]']);
  });

  it('flushes a last event that lacks its blank line', () => {
    const splitter = new SseEventSplitter();
    expect(splitter.push(bytes('data: {"x":1}'))).toEqual([]);
    expect(splitter.push(null)).toEqual(['{"x":1}']);
  });
});

describe('chunk repair', () => {
  it('brings each real-server oddity to the shape the providers accept', () => {
    const repairer = new ChunkRepairer();
    const repaired = repairer.repair({
      id: 'x',
      choices: [{ delta: { role: '', content: [{ type: 'text', text: 'Hi' }], tool_calls: { id: 'a', function: { name: 'list_services', arguments: { q: 1 } } } }, finish_reason: '', logprobs: { weird: true } }],
    });
    expect(repaired).toEqual({
      kind: 'chunk',
      finished: false,
      chunk: { id: 'x', choices: [{ index: 0, finish_reason: null, delta: { content: 'Hi', tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'list_services', arguments: '{"q":1}' } }] } }] },
    });
    // A second call without index gets the next index; a fragment with neither index nor id continues the last call.
    const second = repairer.repair({ choices: [{ index: 0, delta: { tool_calls: [{ id: 'b', function: { name: 'get_plan_status', arguments: '{' } }] } }] });
    const fragment = repairer.repair({ choices: [{ index: 0, delta: { tool_calls: [{ function: { arguments: '}' } }] }, finish_reason: 'tool_calls' }] });
    expect(second.kind === 'chunk' && second.chunk).toMatchObject({ choices: [{ delta: { tool_calls: [{ index: 1, id: 'b' }] } }] });
    expect(fragment).toMatchObject({ kind: 'chunk', finished: true, chunk: { choices: [{ delta: { tool_calls: [{ index: 1, function: { arguments: '}' } }] } }] } });
  });

  it('keeps usage without choices, drops empty keep-alive objects, and names error frames and nonsense', () => {
    const repairer = new ChunkRepairer();
    expect(repairer.repair({ id: 'u', usage: { prompt_tokens: 3 } })).toMatchObject({ kind: 'chunk', chunk: { choices: [], usage: { prompt_tokens: 3 } } });
    expect(repairer.repair({ id: 'nothing' })).toEqual({ kind: 'drop' });
    expect(repairer.repair({ object: 'error', message: 'boom', code: 500 })).toEqual({ kind: 'server-error', message: 'boom' });
    expect(repairer.repair({ error: { message: 'overloaded' } })).toEqual({ kind: 'server-error', message: 'overloaded' });
    expect(repairer.repair({ error: 'plain words' })).toEqual({ kind: 'server-error', message: 'plain words' });
    expect(repairer.repair([1, 2])).toMatchObject({ kind: 'unreadable' });
    expect(repairer.repair({ choices: 'nope' })).toMatchObject({ kind: 'unreadable' });
  });
});

describe('Qwen text tool calls', () => {
  const tools = [{ type: 'function' as const, name: 'list_services', inputSchema: { type: 'object' as const } }];
  async function run(deltas: string[]): Promise<LanguageModelV3StreamPart[]> {
    const chunks: LanguageModelV3StreamPart[] = [
      { type: 'text-start', id: 't' },
      ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } } },
    ];
    const model = wrapLanguageModel({ model: new MockLanguageModelV3({ doStream: async () => ({ stream: simulateReadableStream({ chunks }) }) }), middleware: textToolCallMiddleware });
    const { stream } = await model.doStream({ prompt: [], tools });
    const parts: LanguageModelV3StreamPart[] = [];
    for await (const part of stream as unknown as AsyncIterable<LanguageModelV3StreamPart>) parts.push(part);
    return parts;
  }
  const text = (parts: LanguageModelV3StreamPart[]) => parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');

  it('a call split across chunks becomes a real tool call and the step finishes as tool-calls', async () => {
    const parts = await run(['Let me check. <tool', '_call>\n{"name": "list_se', 'rvices", "arguments": {}}\n</tool_', 'call>']);
    expect(text(parts)).toBe('Let me check. ');
    expect(parts.find((part) => part.type === 'tool-call')).toMatchObject({ toolName: 'list_services', input: '{}' });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'tool-calls' } });
  });

  it('a call to a tool that was not offered, or broken JSON, stays text, and the hint explains it', async () => {
    const unknown = await run(['<tool_call>{"name": "delete_everything", "arguments": {}}</tool_call>']);
    expect(unknown.some((part) => part.type === 'tool-call')).toBe(false);
    expect(text(unknown)).toContain('delete_everything');
    expect(textToolCallHint(text(unknown))).toMatch(/--tool-call-parser hermes/);
    const broken = await run(['<tool_call>{"name": "list_services", "argu']);
    expect(text(broken)).toBe('<tool_call>{"name": "list_services", "argu');
    expect(textToolCallHint('A plain answer with < and > signs.')).toBeNull();
  });
});

describe('history validity', () => {
  it('merges user,user (a resent identical message once), drops orphan calls and results and reasoning', () => {
    const messages: ModelMessage[] = [
      { role: 'user', content: 'sign me up' },
      { role: 'user', content: 'sign me up' },
      { role: 'user', content: 'Moon Cafe' },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'thinking' }, { type: 'tool-call', toolCallId: 'lost', toolName: 'list_services', input: {} }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'stray', toolName: 'x', output: { type: 'json', value: {} } }] },
      { role: 'user', content: 'hello?' },
    ];
    expect(validHistory(messages)).toEqual([{ role: 'user', content: 'sign me up\n\nMoon Cafe\n\nhello?' }]);
  });
});

describe('error messages by cause', () => {
  it('never "[object Object]" nor a lone "[" for what providers and servers throw', () => {
    const shown = [
      toAgentError({ message: 'overloaded', type: 'server_error' }),
      toAgentError({ error: { message: 'nested words' } }),
      toAgentError(Object.assign(new Error('[\n  {\n    "code": "invalid_type"'), { name: 'ZodError' })),
      toAgentError(new APICallError({ message: 'Bad Request', url: 'http://x/v1/chat/completions', requestBodyValues: {}, statusCode: 400, responseBody: '{"object":"error","message":"Please reduce the length of the messages or completion.","type":"BadRequestError","code":400}' })),
    ];
    expect(shown.map((info) => info.message)).toEqual([
      'Something went wrong: overloaded',
      'Something went wrong: nested words',
      expect.stringMatching(/^The model server sent data this app cannot read/),
      "The conversation is too long for the model's context window (the server said: Please reduce the length of the messages or completion.).",
    ]);
    for (const info of shown) expect(info.message).not.toMatch(/\[object Object\]|: \[$|: \[\s/);
  });
});

describe('the clock after the newest message', () => {
  it("moves the system prompt's now: line to the end of the newest user message, leaving earlier messages alone", async () => {
    const { moveClockToNewestMessage } = await import('../../../src/agent/model/time-note-middleware.js');
    const moved = moveClockToNewestMessage([
      { role: 'system', content: 'Rules.\n\n## Session state\nnow: 2026-01-01T09:03Z\nauth: signed-out' },
      { role: 'user', content: [{ type: 'text', text: 'first' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
      { role: 'user', content: [{ type: 'text', text: 'second' }] },
    ]);
    expect(moved).toEqual([
      { role: 'system', content: 'Rules.\n\n## Session state\nauth: signed-out' },
      { role: 'user', content: [{ type: 'text', text: 'first' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
      { role: 'user', content: [{ type: 'text', text: 'second' }, { type: 'text', text: '\n[time now: 2026-01-01 09:03 UTC]' }] },
    ]);
  });
});

describe('the per-request budget', () => {
  const result = (id: string, size: number): ModelMessage[] => [
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId: id, toolName: 'list_services', input: {} }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: id, toolName: 'list_services', output: { type: 'json', value: { rows: 'x'.repeat(size) } } }] },
  ];
  const conversation: ModelMessage[] = [
    { role: 'user', content: 'first' },
    ...result('a', 4_000),
    { role: 'user', content: 'second' },
    ...result('b', 4_000),
    { role: 'user', content: 'now' },
    ...result('c', 3_000),
    ...result('d', 3_000),
  ];
  const fixedTools = new Set(['list_services']);
  const loaded = Array.from({ length: 12 }, (_, index) => `loaded_${index}`);
  const toolChars = () => 800;

  it('sheds in order: earlier results, old loaded tools, earlier turns, this turn’s older results, the newest', async () => {
    const { fitRequestToBudget } = await import('../../../src/agent/request-budget.js');
    const fit = (budgetTokens: number) => fitRequestToBudget({ system: 'S'.repeat(2_000), messages: conversation, toolNames: ['list_services', ...loaded] }, { budgetTokens, fixedTools, toolChars });
    const kinds = (shed: string[]) => shed.map((line) => line.replace(/^\d+ /, '').replace(/:.*$/, ''));
    expect(fit(100_000).shed).toEqual([]);
    // The tighter the budget, the further down the same order it goes.
    const order = ['tool result(s) of earlier turns shortened', 'loaded tool(s) unloaded', 'earlier turn(s) dropped', 'older tool result(s) of this turn shortened', 'newest tool result(s) shortened'];
    let deepest = 0;
    for (const budget of [7_000, 5_000, 4_000, 3_400, 3_000, 2_000]) {
      const shed = kinds(fit(budget).shed);
      expect(order.slice(0, shed.length)).toEqual(shed);
      expect(shed.length).toBeGreaterThanOrEqual(deepest);
      deepest = shed.length;
    }
    expect(deepest).toBe(order.length);
    const tightest = fit(2_000);
    // The newest search's worth of loaded tools always stays; both earlier turns go.
    expect(tightest.toolNames).toEqual(['list_services', ...loaded.slice(4)]);
    expect(tightest.shed).toContain('2 earlier turn(s) dropped');
    // The latest user message stays, and every call keeps its result.
    for (const fitted of [fit(7_000), fit(4_000), tightest]) {
      expect(fitted.messages.filter((message) => message.role === 'user').at(-1)).toEqual({ role: 'user', content: 'now' });
      expect(validHistory(fitted.messages)).toEqual(fitted.messages);
    }
    expect(tightest.estimatedTokens).toBeLessThan(fit(100_000).estimatedTokens / 2);
  });
});
