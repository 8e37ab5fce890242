import type { KeyStorageInfo } from './key-storage-info.js';

/** A saved FavCRM key together with the endpoint it belongs to. */
export interface StoredCredential {
  apiKey: string;
  url?: string;
  /** For a sandbox's key: the data directory of the sandbox that issued it (its accounts live there). */
  dataDir?: string;
}

/** Where a key is kept: the OS keyring when it works, else the official CLI's config.toml (mode 0600). */
export interface SecretStore {
  readonly info: KeyStorageInfo;
  load(): Promise<StoredCredential | null>;
  save(credential: StoredCredential): Promise<void>;
  clear(): Promise<void>;
}
