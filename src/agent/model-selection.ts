import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV3, LanguageModelV3Middleware } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { ModelTimeoutError } from './agent-errors.js';
import type { ModelInfo } from './events.js';
import { OfflineLanguageModel } from './offline/offline-model.js';

type Env = Record<string, string | undefined>;

/** A hosted model that has not started answering after this long is reported, not waited on forever. */
export const DEFAULT_MODEL_TIMEOUT_MS = 60_000;
/** Used when a key or base URL is configured but no model id is given. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

/** A `--model` value or environment that cannot work, with what to do instead. */
export class ModelConfigurationError extends Error {
  override readonly name = 'ModelConfigurationError';
}

export interface SelectedModel {
  model: LanguageModelV3;
  info: ModelInfo;
}

/**
 * `--model offline` | `--model openai:<id>`; without the flag, OpenAI when `OPENAI_API_KEY` or `OPENAI_BASE_URL`
 * is set, else offline. OpenAI-compatible servers (Ollama, llama.cpp, vLLM) get the chat-completions API.
 */
export function selectModel(flag: string | undefined, env: Env): SelectedModel {
  const choice = flag ?? (env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? `openai:${env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL}` : 'offline');
  if (choice === 'offline') return { model: new OfflineLanguageModel(), info: { label: 'offline (deterministic, no network)', offline: true } };
  const match = /^openai:(.+)$/.exec(choice);
  if (!match?.[1]) {
    throw new ModelConfigurationError(`Unknown model "${choice}". Use --model offline or --model openai:<model-id> (e.g. openai:gpt-4o-mini, openai:llama3.1 with OPENAI_BASE_URL).`);
  }
  const modelId = match[1];
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  if (!baseURL && !env.OPENAI_API_KEY) {
    throw new ModelConfigurationError(
      `--model ${choice} needs OPENAI_API_KEY (put it in .env or the environment), or OPENAI_BASE_URL for an OpenAI-compatible server. Or run with --model offline.`,
    );
  }
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
