import type { KeyStorageInfo } from './key-storage-info.js';
import type { SecretStore, StoredCredential } from './secret-store.js';
import { errorMessage } from '../errors/error-message.js';

/**
 * A keyring that passed the probe can still fail later (locked, D-Bus gone). A key FavCRM shows only once must
 * not be lost to that, so a failed save falls back to the 0600 config file and `info` says where it went.
 */
export class FallbackSecretStore implements SecretStore {
  private active: SecretStore;

  constructor(
    private readonly primary: SecretStore,
    private readonly fallback: SecretStore,
    private readonly onFallback: (message: string) => void,
  ) {
    this.active = primary;
  }

  get info(): KeyStorageInfo {
    return this.active.info;
  }

  load(): Promise<StoredCredential | null> {
    return this.active.load();
  }

  async save(credential: StoredCredential): Promise<void> {
    try {
      await this.primary.save(credential);
      this.active = this.primary;
    } catch (error) {
      if (this.primary === this.fallback) throw error;
      await this.fallback.save(credential);
      this.active = this.fallback;
      this.onFallback(`Could not save the key to ${this.primary.info.location} (${errorMessage(error)}); saved it to ${this.fallback.info.location} with mode 0600 instead.`);
    }
  }

  async clear(): Promise<void> {
    await this.primary.clear();
    if (this.fallback !== this.primary) await this.fallback.clear();
  }
}
