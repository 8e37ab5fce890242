import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

/** What a scripted LLM "says" on one step: text, tool calls, or both. */
export interface ScriptedStep {
  text?: string;
  /** `input` as a string is sent verbatim: how a model emits malformed JSON. */
  toolCalls?: Array<{ toolName: string; input: Record<string, unknown> | string }>;
}

export type StepScript = (options: LanguageModelV3CallOptions) => ScriptedStep;

/** The last tool result in the prompt for `toolName`, parsed, the way an LLM would read it. */
export function lastToolResult(options: LanguageModelV3CallOptions, toolName: string): Record<string, unknown> | null {
  for (const message of [...options.prompt].reverse()) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'tool-result' && part.toolName === toolName) {
        const output = part.output;
        if (output.type === 'json' || output.type === 'error-json') return output.value as Record<string, unknown>;
        if (output.type === 'text' || output.type === 'error-text') {
          try {
            return JSON.parse(output.value) as Record<string, unknown>;
          } catch {
            return { text: output.value };
          }
        }
      }
    }
  }
  return null;
}

/** The text of the last user message in the prompt. */
export function lastUserText(options: LanguageModelV3CallOptions): string {
  const user = [...options.prompt].reverse().find((message) => message.role === 'user');
  if (!user || user.role !== 'user') return '';
  return user.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/**
 * A `MockLanguageModelV3` from `ai/test` that plays the steps in order, one per model call, emitting tool calls
 * exactly as a provider would stream them. Every call's full prompt stays in `doStreamCalls` for leak checks.
 */
export function scriptedModel(steps: StepScript[]): MockLanguageModelV3 {
  let index = 0;
  let callCounter = 0;
  return new MockLanguageModelV3({
    doStream: async (options) => {
      const script = steps[index];
      index += 1;
      if (!script) throw new Error(`scripted model ran out of steps (call ${index})`);
      const step = script(options);
      const chunks: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      if (step.text) {
        chunks.push({ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: step.text }, { type: 'text-end', id: 't' });
      }
      for (const call of step.toolCalls ?? []) {
        callCounter += 1;
        chunks.push({ type: 'tool-call', toolCallId: `call_${callCounter}`, toolName: call.toolName, input: typeof call.input === 'string' ? call.input : JSON.stringify(call.input) });
      }
      chunks.push({
        type: 'finish',
        finishReason: { unified: step.toolCalls?.length ? 'tool-calls' : 'stop', raw: undefined },
        usage: { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } },
      });
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
}

/** Every prompt a mock model received, as one string, for searching. */
export function everythingSent(model: MockLanguageModelV3): string {
  return JSON.stringify(model.doStreamCalls.map((call) => ({ prompt: call.prompt, tools: call.tools })));
}
