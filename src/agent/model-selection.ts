import type { LanguageModelV3 } from '@ai-sdk/provider';
import { parseModelChoice, type ModelChoice } from './model-choice.js';
import type { ModelInfo } from './events.js';
import { cliInvocation } from '../config/cli-invocation.js';
import { OfflineLanguageModel } from './offline/offline-model.js';
import { DEFAULT_FIRST_TOKEN_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, type ModelDeadlines } from './model/guarded-model-fetch.js';

type Env = Record<string, string | undefined>;

export { DEFAULT_OPENAI_MODEL, ModelConfigurationError } from './model-choice.js';
export { DEFAULT_FIRST_TOKEN_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS };

export interface SelectedModel {
  model: LanguageModelV3;
  info: ModelInfo;
  /** Tokens one request may carry (`FAVCRM_CHAT_CONTEXT_BUDGET_TOKENS`), for a model known to have more room. */
  contextBudgetTokens?: number;
  /** For `doctor`: asks a compatible server how large the model's context window is. */
  probeContext?: () => Promise<Record<string, unknown>>;
}

/**
 * Builds the model `parseModelChoice` picked: the offline one, or a chat-completions model (OpenAI, or any
 * compatible server). A bad choice throws at once; provider code is only loaded when it is the one picked.
 */
export function selectModel(flag: string | undefined, env: Env): Promise<SelectedModel> {
  const picked = parseModelChoice(flag, env);
  if (picked.kind === 'offline') return Promise.resolve({ model: new OfflineLanguageModel({ command: cliInvocation(env) }), info: { label: 'offline (deterministic, no network)', offline: true } });
  return remoteModel(picked, env);
}

/** `FAVCRM_CHAT_MODEL_TIMEOUT_MS` (first token) and `FAVCRM_CHAT_MODEL_IDLE_TIMEOUT_MS` (between chunks), in ms. */
export function modelDeadlines(env: Env): ModelDeadlines {
  const positive = (value: string | undefined, fallback: number): number => (Number(value) > 0 ? Number(value) : fallback);
  return {
    firstTokenMs: positive(env.FAVCRM_CHAT_MODEL_TIMEOUT_MS, DEFAULT_FIRST_TOKEN_TIMEOUT_MS),
    idleMs: positive(env.FAVCRM_CHAT_MODEL_IDLE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS),
  };
}

async function remoteModel({ modelId, baseURL }: Extract<ModelChoice, { kind: 'openai' }>, env: Env): Promise<SelectedModel> {
  const { buildRemoteModel } = await import('./model/build-remote-model.js');
  // Local servers usually ignore the key, but the providers insist on one.
  const model = await buildRemoteModel({ modelId, baseURL, apiKey: env.OPENAI_API_KEY || 'not-needed', deadlines: modelDeadlines(env) });
  const probeContext = baseURL
    ? async () => {
        const { probeModelContext } = await import('./model/probe-model-context.js');
        return { ...(await probeModelContext(baseURL, modelId)) };
      }
    : undefined;
  const budget = Number(env.FAVCRM_CHAT_CONTEXT_BUDGET_TOKENS);
  return {
    model,
    info: { label: baseURL ? `openai-compatible:${modelId} @ ${baseURL}` : `openai:${modelId}`, offline: false },
    ...(probeContext ? { probeContext } : {}),
    // Below 2,000 the system prompt and the core tools alone would not fit.
    ...(Number.isInteger(budget) && budget >= 2_000 ? { contextBudgetTokens: budget } : {}),
  };
}
