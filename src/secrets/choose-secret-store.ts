import path from 'node:path';
import type { AppPaths } from '../config/paths.js';
import { ConfigFileStore } from './config-file-store.js';
import { isKeyringDisabled, KeyringStore, probeKeyringWithReason, type KeyringProbeResult } from './keyring-store.js';
import type { SecretStore } from './secret-store.js';
import { KeyringUnavailableError } from './secret-store-errors.js';

import type { KeyStorePreference } from './key-store-preference.js';

export { KEY_STORE_PREFERENCES, parseKeyStorePreference, type KeyStorePreference } from './key-store-preference.js';

type Env = Record<string, string | undefined>;

export interface ChooseSecretStoreOptions {
  env: Env;
  paths: AppPaths;
  /** Defaults to the real child-process probe; tests inject an answer. */
  probe?: () => Promise<KeyringProbeResult | boolean>;
  keyStore?: KeyStorePreference;
  /** Passed to the file store: told when a malformed config.toml was backed up before a save. */
  onWarning?: (message: string) => void;
}

export interface SecretStoreChoice {
  /** Where a new key is saved. */
  store: SecretStore;
  /**
   * Where a saved key is looked for, in order: the chosen store, then config.toml when the keyring was chosen
   * (a key saved by `favcrm login` still counts). Logout clears all of them.
   */
  readStores: SecretStore[];
  /** Always available, for `loadUrl()` and `inspect()` warnings. */
  configFile: ConfigFileStore;
  /** One line for the UI when the keyring was wanted but could not be used. */
  warning?: string;
  /** Why the keyring is not used (also when switched off on purpose), for `auth status`. */
  keyringProblem?: string;
}

/**
 * Picks one store for new keys: the OS keyring when it passes the probe, else config.toml (mode 0600).
 * When the keyring is chosen the file is not written, so the official `favcrm` CLI needs `favcrm login` or
 * `--key-store file`; one copy of a secret is easier to reason about and to log out of.
 */
export async function chooseSecretStore(options: ChooseSecretStoreOptions): Promise<SecretStoreChoice> {
  const { env, paths } = options;
  const preference = options.keyStore ?? 'auto';
  const configFile = new ConfigFileStore({
    path: paths.favcrmConfigFile,
    env,
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  const fileChoice: SecretStoreChoice = { store: configFile, readStores: [configFile], configFile };
  if (preference === 'file') return fileChoice;

  const probe = options.probe ?? (() => probeKeyringWithReason(undefined, { env }));
  const result = normaliseProbe(await probe());
  if (result.available) {
    const keyring = new KeyringStore();
    return { store: keyring, readStores: [keyring, configFile], configFile };
  }
  const reason = result.reason ?? 'probe failed';
  if (preference === 'keyring') {
    throw new KeyringUnavailableError(
      `OS keyring unavailable (${reason}). Use --key-store file to keep the key in ${displayPath(paths.favcrmConfigFile, env)}.`,
    );
  }
  // Turning the keyring off on purpose is not worth a warning.
  if (isKeyringDisabled(env)) return { ...fileChoice, keyringProblem: reason };
  return {
    ...fileChoice,
    keyringProblem: reason,
    warning: `OS keyring unavailable (${reason}); keys are saved to ${displayPath(paths.favcrmConfigFile, env)} with mode 0600`,
  };
}


/** Shows a path under the home directory as `~/…`, as people write it. */
export function displayPath(filePath: string, env: Env): string {
  const home = env.HOME;
  if (!home) return filePath;
  const relative = path.relative(home, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return filePath;
  return `~${path.sep}${relative}`;
}

function normaliseProbe(result: KeyringProbeResult | boolean): KeyringProbeResult {
  return typeof result === 'boolean' ? { available: result } : result;
}
