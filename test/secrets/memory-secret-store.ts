import type { KeyStorageInfo } from '../../src/agent/events.js';
import type { SecretStore, StoredCredential } from '../../src/secrets/secret-store.js';

/** A SecretStore in memory; `failing` makes every call reject like a locked keyring. */
export class MemorySecretStore implements SecretStore {
  constructor(
    readonly info: KeyStorageInfo,
    public credential: StoredCredential | null = null,
    private readonly failing = false,
  ) {}

  async load(): Promise<StoredCredential | null> {
    if (this.failing) throw new Error('keyring is locked');
    return this.credential;
  }

  async save(credential: StoredCredential): Promise<void> {
    if (this.failing) throw new Error('keyring is locked');
    this.credential = credential;
  }

  async clear(): Promise<void> {
    if (this.failing) throw new Error('keyring is locked');
    this.credential = null;
  }
}

export const keyringInfo: KeyStorageInfo = { kind: 'keyring', location: 'OS keyring (service favcrm-chat)' };
