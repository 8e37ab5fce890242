import type { LanguageModelV3Middleware, LanguageModelV3Prompt } from '@ai-sdk/provider';

/** `[time now: 2026-01-01 09:03 UTC]`: the clock to the minute. */
export function timeNote(now: Date): string {
  return `[time now: ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC]`;
}

/**
 * Puts the clock after the newest user message of each request instead of in the system prompt: a time at the top
 * made every request's prefix differ (the system prompt carried `now:` to the millisecond, and consecutive requests
 * shared 60–70%), which defeats OpenAI's prompt caching and llama.cpp/Ollama's KV reuse. Only the real model gets it.
 */
export function timeNoteMiddleware(clock: () => Date = () => new Date()): LanguageModelV3Middleware {
  return {
    specificationVersion: 'v3',
    transformParams: ({ params }) => Promise.resolve({ ...params, prompt: withTimeNote(params.prompt, timeNote(clock())) }),
  };
}

/** The prompt with `note` as a last text part of its newest user message; every earlier message untouched. */
export function withTimeNote(prompt: LanguageModelV3Prompt, note: string): LanguageModelV3Prompt {
  const index = prompt.findLastIndex((message) => message.role === 'user');
  const target = prompt[index];
  if (!target || target.role !== 'user') return prompt;
  return [...prompt.slice(0, index), { ...target, content: [...target.content, { type: 'text', text: `\n${note}` }] }, ...prompt.slice(index + 1)];
}
