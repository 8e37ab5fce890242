import { parseModelChoice } from '../agent/model-choice.js';
import { checkEndpointUrl } from '../mcp/endpoint.js';
import { parseKeyStorePreference, type KeyStorePreference } from '../secrets/key-store-preference.js';
import { UsageError } from '../errors/fatal-error.js';
import type { AppOptions } from './app-options.js';

type Env = Record<string, string | undefined>;

/**
 * Refuses flags that cannot work (`--key-store`, `--url`, `--model` and its environment) with what to type instead.
 * Cheap on purpose: the chat runs it before drawing its first frame, so a typo is a message, not a screen.
 */
export function checkAppOptions(options: AppOptions, env: Env): { keyStore: KeyStorePreference | undefined } {
  const keyStore = parseKeyStorePreference(options.keyStore);
  if (options.keyStore !== undefined && !keyStore) throw new UsageError(`--key-store must be auto, keyring or file (got "${options.keyStore}").`);
  if (options.url) {
    const problem = checkEndpointUrl(options.url);
    if (problem) throw new UsageError(problem);
  }
  parseModelChoice(options.model, env);
  return { keyStore };
}
