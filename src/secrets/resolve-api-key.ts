import type { KeyStorageInfo } from './key-storage-info.js';
import type { SecretStore } from './secret-store.js';
import { errorMessage } from '../errors/error-message.js';

type Env = Record<string, string | undefined>;

export type ApiKeySource = 'flag' | 'FAVCRM_API_KEY' | 'FAVCRM_MCP_TOKEN' | 'keyring' | 'config file' | 'app key file';

export interface ResolvedApiKey {
  apiKey: string;
  source: ApiKeySource;
  storage: KeyStorageInfo;
  /** For a saved key: the endpoint it was saved with (keys are issued by one FavCRM). */
  savedFor?: string;
}

export interface ResolveApiKeyOptions {
  /** The `--api-key` flag value, if given. */
  apiKeyFlag?: string;
  env: Env;
  /** Saved keys, first match wins (`SecretStoreChoice.readStores`). */
  stores: readonly SecretStore[];
  /** Told when a store could not be read (e.g. the keyring locked); resolution carries on with the next. */
  onWarning?: (message: string) => void;
}

/** What the official CLI says when no key is found (contract §1.4), with our own ways to get one. */
export const NO_API_KEY_MESSAGE =
  'no API key. Set FAVCRM_API_KEY (or FAVCRM_MCP_TOKEN inside a runtime), sign up in the chat, or run `favcrm login <KEY>`';

/** Contract §1.4: `--api-key`/`FAVCRM_API_KEY` > `FAVCRM_MCP_TOKEN` > saved key (keyring, then config.toml). */
export async function resolveApiKey(options: ResolveApiKeyOptions): Promise<ResolvedApiKey | null> {
  const { env } = options;
  const flag = nonEmpty(options.apiKeyFlag);
  if (flag) return fromEnvironment(flag, 'flag', '--api-key flag');
  const apiKey = nonEmpty(env.FAVCRM_API_KEY);
  if (apiKey) return fromEnvironment(apiKey, 'FAVCRM_API_KEY', 'FAVCRM_API_KEY');
  const token = nonEmpty(env.FAVCRM_MCP_TOKEN);
  if (token) return fromEnvironment(token, 'FAVCRM_MCP_TOKEN', 'FAVCRM_MCP_TOKEN');

  for (const store of options.stores) {
    try {
      const credential = await store.load();
      const saved = nonEmpty(credential?.apiKey);
      const savedFor = nonEmpty(credential?.url);
      if (saved) return { apiKey: saved, source: storeSource(store), storage: store.info, ...(savedFor ? { savedFor } : {}) };
    } catch (error) {
      options.onWarning?.(`Could not read the key from ${store.info.location}: ${errorMessage(error)}`);
    }
  }
  return null;
}

export interface ResolvedStoredUrl {
  url: string;
  source: 'keyring' | 'config file';
}

/** The endpoint saved with the key, or config.toml's `url` even without a key (contract §1.5 step 4). */
export async function resolveStoredUrl(stores: readonly SecretStore[]): Promise<ResolvedStoredUrl | null> {
  for (const store of stores) {
    try {
      const url = nonEmpty(hasLoadUrl(store) ? await store.loadUrl() : (await store.load())?.url);
      if (url) return { url, source: storeSource(store) };
    } catch {
      // An unreadable store simply has no URL to offer.
    }
  }
  return null;
}

/** Which stored source a store reports as (`keyring` or `config file`, the names `doctor` uses). */
export function storeSource(store: SecretStore): 'keyring' | 'config file' {
  return store.info.kind === 'keyring' ? 'keyring' : 'config file';
}

function fromEnvironment(apiKey: string, source: ApiKeySource, location: string): ResolvedApiKey {
  return { apiKey, source, storage: { kind: 'environment', location } };
}

function hasLoadUrl(store: SecretStore): store is SecretStore & { loadUrl(): Promise<string | undefined> } {
  return typeof (store as Partial<{ loadUrl: unknown }>).loadUrl === 'function';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
