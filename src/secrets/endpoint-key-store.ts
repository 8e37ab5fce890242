import type { KeyStorageInfo } from './key-storage-info.js';
import type { AppKeyFile } from './app-key-file.js';
import { isLoopbackUrl, sameEndpoint } from './endpoint-url.js';
import { maskKey } from './mask-key.js';
import type { SecretStore, StoredCredential } from './secret-store.js';

/** Every store refused the key; the session keeps it in memory and says so. */
export class KeyNotSavedError extends Error {
  override readonly name = 'KeyNotSavedError';
}

export interface EndpointKeyStoreOptions {
  /** Where keys go first: the OS keyring (`default` entry) or the official CLI's config.toml. Holds one key and its URL. */
  home: SecretStore;
  /** When `home` is the keyring and it fails: config.toml, the other home (only when it is free or for this endpoint). */
  homeFallback?: SecretStore;
  /** favcrm-chat's own 0600 file of keys by endpoint. */
  appFile: AppKeyFile;
  /** The endpoint this session talks to: what `load` and `clear` are about. */
  url: string;
  /** Where the key in use now came from, if it was saved (so `/logout` removes that one). */
  current?: KeyStorageInfo;
  /** Told about what a save did besides saving (a key moved aside, a fallback used). */
  onNotice?: (text: string) => void;
  now?: () => Date;
}

/**
 * Keys kept per endpoint (#15). A home store (keyring or config.toml) holds one key and the URL it belongs to; a key
 * for another endpoint never overwrites it: it goes to favcrm-chat's own file, keyed by URL. Two exceptions, both
 * keeping every key: a second key for the same endpoint moves the first to the file's retired list, and a real
 * FavCRM key takes config.toml over from a sandbox key, which moves to the file. A store that fails passes the key
 * on to the next; when none takes it, `save` throws KeyNotSavedError and the session keeps the key in memory.
 */
export class EndpointKeyStore implements SecretStore {
  private where: KeyStorageInfo;

  constructor(private readonly options: EndpointKeyStoreOptions) {
    this.where = options.current ?? options.home.info;
  }

  /** Where the key for this endpoint is (after a save: where it went). */
  get info(): KeyStorageInfo {
    return this.where;
  }

  async load(): Promise<StoredCredential | null> {
    for (const store of this.homes()) {
      const credential = await store.load().catch(() => null);
      if (credential && (credential.url === undefined || sameEndpoint(credential.url, this.options.url))) return credential;
    }
    const entry = await this.options.appFile.find(this.options.url);
    return entry ? { apiKey: entry.apiKey, url: entry.url, ...(entry.dataDir ? { dataDir: entry.dataDir } : {}) } : null;
  }

  async save(credential: StoredCredential): Promise<void> {
    const url = credential.url ?? this.options.url;
    const problems: string[] = [];
    for (const store of this.homes()) {
      const { decision, current } = await this.homeDecision(store, { ...credential, url });
      if (decision === 'taken') break;
      if (decision === 'unreadable') {
        problems.push(`${store.info.location} could not be read`);
        continue;
      }
      try {
        if (current && (decision === 'retire' || decision === 'displace')) await this.moveAside(decision, current, url);
        await store.save({ apiKey: credential.apiKey, url });
        if (credential.dataDir) await this.options.appFile.noteSandbox(url, credential.apiKey, credential.dataDir).catch(() => undefined);
        this.settle(store.info, problems);
        return;
      } catch (error) {
        problems.push(`${store.info.location}: ${describe(error)}`);
      }
    }
    try {
      await this.options.appFile.put({ ...credential, url }, this.now());
      this.settle({ kind: 'app-file', location: `${this.options.appFile.path} (for ${url})` }, problems);
    } catch (error) {
      problems.push(`${this.options.appFile.path}: ${describe(error)}`);
      throw new KeyNotSavedError(problems.join('; '));
    }
  }

  /** Removes this endpoint's key from the store it is in (a home store only when it holds this endpoint's key). */
  async clear(): Promise<void> {
    for (const store of this.homes()) {
      const credential = await store.load();
      if (credential && (credential.url === undefined || sameEndpoint(credential.url, this.options.url))) await store.clear();
    }
    await this.options.appFile.remove(this.options.url);
  }

  private homes(): SecretStore[] {
    const { home, homeFallback } = this.options;
    return homeFallback && homeFallback !== home ? [home, homeFallback] : [home];
  }

  /**
   * May this home store take the key? `free` (empty, or this very key); `retire` (another key for the same endpoint:
   * kept in the file first); `displace` (a sandbox key, and this one is a real FavCRM's: the sandbox key moves to
   * the file); `taken` (a key for another endpoint: never overwritten); `unreadable`.
   */
  private async homeDecision(
    store: SecretStore,
    credential: StoredCredential & { url: string },
  ): Promise<{ decision: 'free' | 'retire' | 'displace' | 'taken' | 'unreadable'; current: StoredCredential | null }> {
    let current: StoredCredential | null;
    try {
      current = await store.load();
    } catch {
      return { decision: 'unreadable', current: null };
    }
    if (!current || current.apiKey === credential.apiKey) return { decision: 'free', current };
    // A key written by hand with no URL is for the official CLI's default endpoint: not ours to replace.
    if (current.url === undefined) return { decision: 'taken', current };
    if (sameEndpoint(current.url, credential.url)) return { decision: 'retire', current };
    if (isLoopbackUrl(current.url) && !isLoopbackUrl(credential.url)) return { decision: 'displace', current };
    return { decision: 'taken', current };
  }

  /** Keeps the key a home store holds before it is replaced: retired (same endpoint) or moved (a sandbox's). */
  private async moveAside(decision: 'retire' | 'displace', current: StoredCredential, url: string): Promise<void> {
    if (decision === 'retire') await this.options.appFile.retire(current, this.now());
    else await this.options.appFile.put({ ...current, url: current.url ?? url }, this.now());
    this.options.onNotice?.(
      decision === 'retire'
        ? `The earlier key ${maskKey(current.apiKey)} for ${current.url ?? url} is kept in ${this.options.appFile.path} (retired), not thrown away.`
        : `The sandbox key ${maskKey(current.apiKey)} for ${current.url ?? ''} moved to ${this.options.appFile.path}; it still works with that sandbox.`,
    );
  }

  private settle(where: KeyStorageInfo, problems: string[]): void {
    this.where = where;
    if (problems.length > 0) this.options.onNotice?.(`Could not save the key to ${problems.join('; ')}; saved it to ${where.location} (mode 0600) instead.`);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
