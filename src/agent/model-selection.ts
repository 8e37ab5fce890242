import type { LanguageModelV3, LanguageModelV3Middleware } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { ModelTimeoutError } from './agent-errors.js';
import { parseModelChoice, type ModelChoice } from './model-choice.js';
import type { ModelInfo } from './events.js';
import { cliInvocation } from '../config/cli-invocation.js';
import { OfflineLanguageModel } from './offline/offline-model.js';

type Env = Record<string, string | undefined>;

export { DEFAULT_OPENAI_MODEL, ModelConfigurationError } from './model-choice.js';

/** A hosted model that has not started answering after this long is reported, not waited on forever. */
export const DEFAULT_MODEL_TIMEOUT_MS = 60_000;

export interface SelectedModel {
  model: LanguageModelV3;
  info: ModelInfo;
}

/**
 * Builds the model `parseModelChoice` picked: the offline one, or OpenAI's chat API (also for compatible servers).
 * A bad choice throws at once; the OpenAI provider is only loaded when it is the one picked.
 */
export function selectModel(flag: string | undefined, env: Env): Promise<SelectedModel> {
  const picked = parseModelChoice(flag, env);
  if (picked.kind === 'offline') return Promise.resolve({ model: new OfflineLanguageModel({ command: cliInvocation(env) }), info: { label: 'offline (deterministic, no network)', offline: true } });
  return openAiModel(picked, env);
}

async function openAiModel({ modelId, baseURL }: Extract<ModelChoice, { kind: 'openai' }>, env: Env): Promise<SelectedModel> {
  const { createOpenAI } = await import('@ai-sdk/openai');
  // Local servers usually ignore the key, but the SDK insists on one.
  const provider = createOpenAI({ apiKey: env.OPENAI_API_KEY || 'not-needed', ...(baseURL ? { baseURL } : {}) });
  const timeoutMs = Number(env.FAVCRM_CHAT_MODEL_TIMEOUT_MS) > 0 ? Number(env.FAVCRM_CHAT_MODEL_TIMEOUT_MS) : DEFAULT_MODEL_TIMEOUT_MS;
  return {
    model: withTimeout(provider.chat(modelId), timeoutMs),
    info: { label: baseURL ? `openai-compatible:${modelId} @ ${baseURL}` : `openai:${modelId}`, offline: false },
  };
}

/** Fails a model call that has not started streaming within `timeoutMs` with a typed, actionable error. */
export function withTimeout(model: LanguageModelV3, timeoutMs: number): LanguageModelV3 {
  const race = <T>(work: PromiseLike<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ModelTimeoutError(timeoutMs)), timeoutMs);
      Promise.resolve(work).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  const middleware: LanguageModelV3Middleware = {
    specificationVersion: 'v3',
    wrapGenerate: ({ doGenerate }) => race(doGenerate()),
    wrapStream: ({ doStream }) => race(doStream()),
  };
  return wrapLanguageModel({ model, middleware });
}
