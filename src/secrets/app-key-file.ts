import { promises as fs } from 'node:fs';
import type { KeyStorageInfo } from './key-storage-info.js';
import { sameEndpoint } from './endpoint-url.js';
import type { StoredCredential } from './secret-store.js';
import { ConfigFileError } from './secret-store-errors.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** One key and the endpoint it belongs to. */
export interface AppKeyEntry {
  url: string;
  apiKey: string;
  /** A sandbox's key: the data directory of the sandbox that issued it. */
  dataDir?: string;
  savedAt: string;
}

/** A key replaced by a newer one for the same endpoint (a second business): kept, since FavCRM showed it once. */
export interface RetiredKeyEntry {
  url?: string;
  apiKey: string;
  retiredAt: string;
}

/** Which sandbox issued a key kept elsewhere (config.toml or the keyring), matched by the key's last four characters. */
export interface SandboxNote {
  url: string;
  keyEnding: string;
  dataDir: string;
}

export interface AppKeys {
  keys: AppKeyEntry[];
  retired: RetiredKeyEntry[];
  sandboxes: SandboxNote[];
}

const EMPTY: AppKeys = { keys: [], retired: [], sandboxes: [] };

/**
 * favcrm-chat's own 0600 file of keys by endpoint (`keys.json` next to the official CLI's directory). config.toml holds
 * one key and the URL it is for, and the official CLI reads it; keys for any other endpoint (a sandbox tried while a
 * production key is saved, say) live here, so nothing ever overwrites the key another endpoint needs.
 */
export class AppKeyFile {
  readonly info: KeyStorageInfo;

  constructor(readonly path: string) {
    this.info = { kind: 'app-file', location: path };
  }

  /** Everything in the file; a missing file is empty. Throws on a file it cannot read or understand. */
  async read(): Promise<AppKeys> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY);
      throw new ConfigFileError(`Cannot read ${this.path}: ${(error as Error).message}`, this.path);
    }
    const parsed = parseKeys(text);
    if (!parsed) throw new ConfigFileError(`${this.path} is not a favcrm-chat key file; it was left as it is. Move it away to save keys there again.`, this.path);
    return parsed;
  }

  /** The key saved for this endpoint, or null (also when the file cannot be read). */
  async find(url: string): Promise<AppKeyEntry | null> {
    const keys = await this.read().catch(() => EMPTY);
    return keys.keys.find((entry) => sameEndpoint(entry.url, url)) ?? null;
  }

  /** Saves the key for its endpoint; a different key already there for that endpoint is kept as retired. */
  async put(credential: StoredCredential & { url: string }, now = new Date()): Promise<void> {
    await this.update((keys) => {
      const previous = keys.keys.find((entry) => sameEndpoint(entry.url, credential.url));
      if (previous && previous.apiKey !== credential.apiKey) keys.retired.push({ url: previous.url, apiKey: previous.apiKey, retiredAt: now.toISOString() });
      keys.keys = keys.keys.filter((entry) => !sameEndpoint(entry.url, credential.url));
      keys.keys.push({ url: credential.url, apiKey: credential.apiKey, ...(credential.dataDir ? { dataDir: credential.dataDir } : {}), savedAt: now.toISOString() });
    });
  }

  /** Keeps a key that is about to be replaced in another store. */
  async retire(credential: StoredCredential, now = new Date()): Promise<void> {
    await this.update((keys) => {
      keys.retired.push({ ...(credential.url ? { url: credential.url } : {}), apiKey: credential.apiKey, retiredAt: now.toISOString() });
    });
  }

  /** Notes which sandbox issued a key saved in config.toml or the keyring (those formats have no room for it). */
  async noteSandbox(url: string, apiKey: string, dataDir: string): Promise<void> {
    const keyEnding = apiKey.slice(-4);
    await this.update((keys) => {
      keys.sandboxes = keys.sandboxes.filter((note) => !(sameEndpoint(note.url, url) && note.keyEnding === keyEnding));
      keys.sandboxes.push({ url, keyEnding, dataDir });
    });
  }

  /** The data directory of the sandbox that issued this key, when known. */
  async sandboxDataDir(url: string, apiKey: string): Promise<string | undefined> {
    const keys = await this.read().catch(() => EMPTY);
    const entry = keys.keys.find((candidate) => sameEndpoint(candidate.url, url) && candidate.apiKey === apiKey);
    if (entry?.dataDir) return entry.dataDir;
    return keys.sandboxes.find((note) => sameEndpoint(note.url, url) && note.keyEnding === apiKey.slice(-4))?.dataDir;
  }

  /** Removes the key saved for this endpoint (logout); retired keys stay until removed by hand. */
  async remove(url: string): Promise<AppKeyEntry | null> {
    let removed: AppKeyEntry | null = null;
    const keys = await this.read();
    removed = keys.keys.find((entry) => sameEndpoint(entry.url, url)) ?? null;
    if (!removed) return null;
    await this.update((current) => {
      current.keys = current.keys.filter((entry) => !sameEndpoint(entry.url, url));
    });
    return removed;
  }

  private async update(change: (keys: AppKeys) => void): Promise<void> {
    const keys = await this.read();
    change(keys);
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, ...keys }, null, 2)}\n`);
  }
}

function parseKeys(text: string): AppKeys | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || (value as { version?: unknown }).version !== 1) return null;
  const record = value as Record<string, unknown>;
  const list = <T>(name: string, check: (item: Record<string, unknown>) => boolean): T[] => {
    const items = record[name];
    return Array.isArray(items) ? (items.filter((item) => item && typeof item === 'object' && check(item as Record<string, unknown>)) as T[]) : [];
  };
  const isString = (item: Record<string, unknown>, key: string) => typeof item[key] === 'string';
  return {
    keys: list<AppKeyEntry>('keys', (item) => isString(item, 'url') && isString(item, 'apiKey')),
    retired: list<RetiredKeyEntry>('retired', (item) => isString(item, 'apiKey')),
    sandboxes: list<SandboxNote>('sandboxes', (item) => isString(item, 'url') && isString(item, 'keyEnding') && isString(item, 'dataDir')),
  };
}
