import type { LanguageModelV3 } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { createGuardedModelFetch, type ModelDeadlines } from './guarded-model-fetch.js';
import { dropReasoningFromPromptMiddleware, thinkTagMiddleware } from './reasoning-middleware.js';
import { textToolCallMiddleware } from './text-tool-call-middleware.js';
import { timeNoteMiddleware } from './time-note-middleware.js';

/** Which provider speaks to the server: OpenAI's own for api.openai.com, the AI SDK's compatible one elsewhere. */
export type ModelDialect = 'openai' | 'openai-compatible';

/** OpenAI's own API (no base URL, or one on api.openai.com); every other base URL is "compatible". */
export function dialectOf(baseURL: string | undefined): ModelDialect {
  if (!baseURL) return 'openai';
  try {
    return new URL(baseURL).hostname === 'api.openai.com' ? 'openai' : 'openai-compatible';
  } catch {
    return 'openai-compatible';
  }
}

export interface RemoteModelSettings {
  modelId: string;
  baseURL: string | undefined;
  apiKey: string;
  deadlines: ModelDeadlines;
  /** Forces a dialect (the conformance suite runs every stream through both providers). */
  dialect?: ModelDialect;
}

/**
 * The chat-completions model with everything real servers need: the guarded fetch (deadlines, chunk repair) under
 * the provider, and over it the middleware that keeps `<think>` text and reasoning out of the answer and history
 * and turns Qwen's text tool calls into real ones. Middleware order: the last one sees the provider's stream first.
 */
export async function buildRemoteModel(settings: RemoteModelSettings): Promise<LanguageModelV3> {
  const fetch = createGuardedModelFetch(settings.deadlines);
  const dialect = settings.dialect ?? dialectOf(settings.baseURL);
  let model: LanguageModelV3;
  if (dialect === 'openai') {
    const { createOpenAI } = await import('@ai-sdk/openai');
    model = createOpenAI({ apiKey: settings.apiKey, fetch, ...(settings.baseURL ? { baseURL: settings.baseURL } : {}) }).chat(settings.modelId);
  } else {
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
    model = createOpenAICompatible({
      name: 'openai-compatible',
      baseURL: settings.baseURL ?? 'https://api.openai.com/v1',
      apiKey: settings.apiKey,
      fetch,
      includeUsage: true,
    }).chatModel(settings.modelId);
  }
  return wrapLanguageModel({ model, middleware: [timeNoteMiddleware, dropReasoningFromPromptMiddleware, textToolCallMiddleware, thinkTagMiddleware] });
}
