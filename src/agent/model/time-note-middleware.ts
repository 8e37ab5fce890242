import type { LanguageModelV3Middleware, LanguageModelV3Prompt } from '@ai-sdk/provider';

/** The system prompt's clock line (prompts.ts writes it to the minute). */
const NOW_LINE = /^now: (\S+)\n?/m;

/** `[time now: 2026-01-01 09:03 UTC]` for an ISO time. */
export function timeNote(iso: string): string {
  return `[time now: ${iso.slice(0, 16).replace('T', ' ')} UTC]`;
}

/**
 * Moves the system prompt's `now:` line to the end of the newest user message. A clock near the top of the prompt
 * made every request's prefix differ (it once carried milliseconds, and consecutive requests shared 60–70%), which
 * defeats OpenAI's prompt caching and llama.cpp/Ollama's KV reuse; after the newest message it costs nothing.
 */
export const timeNoteMiddleware: LanguageModelV3Middleware = {
  specificationVersion: 'v3',
  transformParams: ({ params }) => Promise.resolve({ ...params, prompt: moveClockToNewestMessage(params.prompt) }),
};

/** The prompt with the `now:` line taken out of the system message and put after the newest user message. */
export function moveClockToNewestMessage(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  let iso: string | undefined;
  const withoutClock = prompt.map((message) => {
    if (message.role !== 'system' || iso !== undefined) return message;
    const match = NOW_LINE.exec(message.content);
    if (!match?.[1]) return message;
    iso = match[1];
    return { ...message, content: message.content.replace(NOW_LINE, '') };
  });
  const index = withoutClock.findLastIndex((message) => message.role === 'user');
  const target = withoutClock[index];
  if (iso === undefined || !target || target.role !== 'user') return withoutClock;
  const noted = { ...target, content: [...target.content, { type: 'text' as const, text: `\n${timeNote(iso)}` }] };
  return [...withoutClock.slice(0, index), noted, ...withoutClock.slice(index + 1)];
}
