import { errorMessage } from '../errors/error-message.js';
import type { KeyStorageInfo } from '../secrets/key-storage-info.js';
import { maskKey } from '../secrets/mask-key.js';
import type { Redactor } from '../secrets/redact-secrets.js';
import type { SecretStore, StoredCredential } from '../secrets/secret-store.js';
import type { EndpointInfo } from './events.js';
import { UNSAVED_KEY_STORAGE } from './unsaved-key.js';

/**
 * Saves a key FavCRM issued, and never loses it: when every store refuses, the key stays in memory for the session,
 * where `/save-key` saves it later and `/reveal-key` hands it, once, to the person's own terminal.
 */
export class IssuedKeySaver {
  /** An issued key no store would take: it works for this session only. */
  private unsaved: string | null = null;
  /** `/reveal-key` shows an unsaved key once. */
  private revealed = false;

  constructor(
    private readonly store: SecretStore,
    private readonly redactor: Redactor,
    private readonly endpoint: () => EndpointInfo,
  ) {}

  /** Where the key went, or (with `problem`) that it is only in memory and why. */
  async save(apiKey: string): Promise<{ storage: KeyStorageInfo; problem?: string }> {
    try {
      await this.store.save(this.credentialFor(apiKey));
      this.unsaved = null;
      return { storage: this.store.info };
    } catch (error) {
      this.unsaved = apiKey;
      return { storage: UNSAVED_KEY_STORAGE, problem: this.redactor.redact(errorMessage(error)) };
    }
  }

  /** `/save-key`: tries again to save the in-memory key. A line for the person, and the storage when it worked. */
  async saveUnsaved(): Promise<{ line: string; storage?: KeyStorageInfo }> {
    const apiKey = this.unsaved;
    if (apiKey === null) return { line: 'There is no unsaved key: the key in use is already stored (see /auth).' };
    try {
      await this.store.save(this.credentialFor(apiKey));
    } catch (error) {
      return { line: this.redactor.redact(`Still could not save the key: ${errorMessage(error)}. Fix that and try /save-key again, or /reveal-key to copy it yourself.`) };
    }
    this.unsaved = null;
    this.revealed = false;
    return { line: `Saved the key ${maskKey(apiKey)} to ${this.store.info.location}.`, storage: this.store.info };
  }

  /**
   * `/reveal-key`: hands the unsaved key, once, to `show`, which the caller wires to the person's own terminal only
   * (never the transcript, the model, an event or a file). False when there is nothing to reveal or it was shown.
   */
  reveal(show: (apiKey: string) => void): boolean {
    if (this.unsaved === null || this.revealed) return false;
    this.revealed = true;
    show(this.unsaved);
    return true;
  }

  /** Logout: a key kept only in memory is in no store, so forgetting it is all there is to do. */
  async forget(): Promise<void> {
    if (this.unsaved === null) await this.store.clear();
    this.unsaved = null;
  }

  /** The credential saved for this endpoint; a sandbox's key remembers which data directory issued it. */
  private credentialFor(apiKey: string): StoredCredential {
    const endpoint = this.endpoint();
    return { apiKey, url: endpoint.url, ...(endpoint.sandbox && endpoint.dataDirectory ? { dataDir: endpoint.dataDirectory } : {}) };
  }
}
