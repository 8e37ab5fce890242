import type { LanguageModelV3Middleware, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { extractReasoningMiddleware } from 'ai';

/**
 * `<think>…</think>` in the answer text (Ollama's qwen3 and deepseek-r1, llama.cpp without a reasoning parser)
 * becomes a reasoning part: never shown as the assistant's words. The AI SDK's own middleware does it.
 */
export const thinkTagMiddleware: LanguageModelV3Middleware = extractReasoningMiddleware({ tagName: 'think' });

/**
 * Reasoning from earlier steps is not sent back: it is the largest part of a thinking model's answer, servers
 * ignore or reject it (`reasoning_content` in a request), and it would push the system prompt out of a small window.
 */
export const dropReasoningFromPromptMiddleware: LanguageModelV3Middleware = {
  specificationVersion: 'v3',
  transformParams: ({ params }) => Promise.resolve({ ...params, prompt: withoutReasoning(params.prompt) }),
};

/** The prompt with assistant reasoning parts removed (an assistant message left empty is removed too). */
export function withoutReasoning(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  const kept: LanguageModelV3Prompt = [];
  for (const message of prompt) {
    if (message.role !== 'assistant') kept.push(message);
    else {
      const content = message.content.filter((part) => part.type !== 'reasoning');
      if (content.length > 0) kept.push({ ...message, content });
    }
  }
  return kept;
}
