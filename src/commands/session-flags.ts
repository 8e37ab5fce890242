import type { AppOptions } from '../app/app-options.js';
import { booleanFlag, textFlag, type FlagValues } from './flags.js';

/** The session's options from parsed flags; a command without `--yes`/`--new` simply never sets them. */
export function appOptionsFrom(values: FlagValues): AppOptions {
  const url = textFlag(values, 'url');
  const apiKey = textFlag(values, 'api-key');
  const apiKeyFile = textFlag(values, 'api-key-file');
  const model = textFlag(values, 'model');
  const keyStore = textFlag(values, 'key-store');
  const data = textFlag(values, 'data');
  return {
    ...(url !== undefined ? { url } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(apiKeyFile !== undefined ? { apiKeyFile } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(keyStore !== undefined ? { keyStore } : {}),
    ...(data !== undefined ? { data } : {}),
    yes: booleanFlag(values, 'yes'),
    fresh: booleanFlag(values, 'new'),
  };
}
