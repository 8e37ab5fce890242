import { UsageError } from '../errors/fatal-error.js';

type Env = Record<string, string | undefined>;

/** Used when a key or base URL is configured but no model id is given. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

/** A `--model` value or environment that cannot work, with what to do instead. */
export class ModelConfigurationError extends UsageError {
  override name = 'ModelConfigurationError';
}

/** Which model the flags and environment ask for, decided before any provider code is loaded. */
export type ModelChoice = { kind: 'offline' } | { kind: 'openai'; choice: string; modelId: string; baseURL: string | undefined };

/**
 * `--model offline` | `--model openai:<id>`; without the flag, OpenAI when `OPENAI_API_KEY` or `OPENAI_BASE_URL`
 * is set, else offline. Pure and cheap, so the chat can refuse a bad choice before it draws anything.
 */
export function parseModelChoice(flag: string | undefined, env: Env): ModelChoice {
  const choice = flag ?? (env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? `openai:${env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL}` : 'offline');
  if (choice === 'offline') return { kind: 'offline' };
  const match = /^openai:(.+)$/.exec(choice);
  if (!match?.[1]) {
    throw new ModelConfigurationError(`Unknown model "${choice}". Use --model offline or --model openai:<model-id> (e.g. openai:gpt-4o-mini, openai:llama3.1 with OPENAI_BASE_URL).`);
  }
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  if (!baseURL && !env.OPENAI_API_KEY) {
    throw new ModelConfigurationError(
      `--model ${choice} needs OPENAI_API_KEY (put it in .env or the environment), or OPENAI_BASE_URL for an OpenAI-compatible server. Or run with --model offline.`,
    );
  }
  return { kind: 'openai', choice, modelId: match[1], baseURL };
}
