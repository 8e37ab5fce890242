import { constants as fsConstants, promises as fs } from 'node:fs';
import { parse, stringify, TomlError, type TomlTable } from 'smol-toml';
import { z } from 'zod';
import type { KeyStorageInfo } from './key-storage-info.js';
import { resolveAppPaths } from '../config/paths.js';
import { redactSecrets } from './redact-secrets.js';
import { editRootStrings } from './toml-root-string-edit.js';
import type { SecretStore, StoredCredential } from './secret-store.js';
import { ConfigFileError } from './secret-store-errors.js';
import { PRIVATE_FILE_MODE, writeFileAtomic } from './write-file-atomic.js';
import { errorMessage } from '../errors/error-message.js';

type Env = Record<string, string | undefined>;

/** The two keys the official CLI reads (`FileCfg`, contract §1.7); anything else in the file is kept untouched. */
const fileConfigSchema = z.looseObject({
  api_key: z.string().optional(),
  url: z.string().optional(),
});

/** What is on disk, so callers can warn instead of crashing on a broken file. */
export type ConfigFileState =
  | { status: 'missing'; path: string }
  | { status: 'ok'; path: string; apiKey?: string; url?: string; otherKeys: string[] }
  /** Not TOML, or `api_key`/`url` not strings: the official CLI ignores the whole file (contract §1.7). */
  | { status: 'malformed'; path: string; problem: string }
  | { status: 'unreadable'; path: string; problem: string };

export interface ConfigFileSaveReport {
  path: string;
  /** Set when a malformed file was moved aside before writing. */
  backupPath?: string;
}

export interface ConfigFileStoreOptions {
  /** Defaults to `resolveAppPaths(env).favcrmConfigFile`. */
  path?: string;
  env?: Env;
  /** Told when a malformed file had to be backed up before saving. */
  onWarning?: (message: string) => void;
}

/** Keeps the key in the official `favcrm` CLI's config.toml, so `favcrm` works with it too; always mode 0600. */
export class ConfigFileStore implements SecretStore {
  readonly path: string;
  readonly info: KeyStorageInfo;
  private readonly onWarning: ((message: string) => void) | undefined;

  constructor(options: ConfigFileStoreOptions = {}) {
    this.path = options.path ?? resolveAppPaths(options.env ?? process.env).favcrmConfigFile;
    this.info = { kind: 'config-file', location: this.path };
    this.onWarning = options.onWarning;
  }

  /** Reads and validates the file without ever throwing. */
  async inspect(): Promise<ConfigFileState> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { status: 'missing', path: this.path };
      return { status: 'unreadable', path: this.path, problem: errorMessage(error) };
    }
    const parsed = parseConfig(text);
    if (!parsed.ok) return { status: 'malformed', path: this.path, problem: parsed.problem };
    const { api_key: apiKey, url, ...rest } = parsed.table;
    return {
      status: 'ok',
      path: this.path,
      ...(typeof apiKey === 'string' && apiKey !== '' ? { apiKey } : {}),
      ...(typeof url === 'string' && url !== '' ? { url } : {}),
      otherKeys: Object.keys(rest),
    };
  }

  async load(): Promise<StoredCredential | null> {
    const state = await this.inspect();
    if (state.status !== 'ok' || state.apiKey === undefined) return null;
    return { apiKey: state.apiKey, ...(state.url !== undefined ? { url: state.url } : {}) };
  }

  /** The saved endpoint even when no key is saved (URL precedence step 4, contract §1.5). */
  async loadUrl(): Promise<string | undefined> {
    const state = await this.inspect();
    return state.status === 'ok' ? state.url : undefined;
  }

  async save(credential: StoredCredential): Promise<void> {
    await this.saveWithReport(credential);
  }

  /**
   * Writes `api_key` and `url` like `favcrm login` does, keeping every other key, and the file's comments and
   * layout where only those two lines change. A credential without a url drops the saved one (the CLI then uses
   * its default endpoint) rather than pairing the key with a stale endpoint.
   * A malformed file is copied to `config.toml.bak` first, because a just-issued key must not be lost.
   */
  async saveWithReport(credential: StoredCredential): Promise<ConfigFileSaveReport> {
    const state = await this.readTable();
    let backupPath: string | undefined;
    if (state.status === 'malformed') {
      backupPath = await this.backUp();
      this.onWarning?.(
        `${this.path} was not valid (${state.problem}); moved it to ${backupPath} and wrote a fresh file`,
      );
    }
    const { api_key: _oldKey, url: _oldUrl, ...rest } = state.status === 'ok' ? state.table : {};
    const url = credential.url !== undefined && credential.url !== '' ? credential.url : undefined;
    const table: TomlTable = { api_key: credential.apiKey, ...(url !== undefined ? { url } : {}), ...rest };
    const edited = state.status === 'ok' ? editRootStrings(state.text, { api_key: credential.apiKey, url }, table) : undefined;
    await writeFileAtomic(await this.writeTarget(), edited ?? stringify(table));
    return { path: this.path, ...(backupPath !== undefined ? { backupPath } : {}) };
  }

  /** Removes `api_key` only, keeping `url` and anything else; refuses to touch a file it cannot understand. */
  async clear(): Promise<void> {
    const state = await this.readTable();
    if (state.status === 'missing') return;
    if (state.status === 'malformed') {
      throw new ConfigFileError(
        `${this.path} is not valid TOML (${state.problem}), so its key could not be removed safely. ` +
          'Fix the file or delete it.',
        this.path,
      );
    }
    if (!('api_key' in state.table)) return;
    const { api_key: _removed, ...rest } = state.table;
    await writeFileAtomic(await this.writeTarget(), editRootStrings(state.text, { api_key: undefined }, rest) ?? stringify(rest));
  }

  private async readTable(): Promise<
    { status: 'missing' } | { status: 'ok'; table: TomlTable; text: string } | { status: 'malformed'; problem: string }
  > {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { status: 'missing' };
      // Writing over a file we cannot read would throw away keys we never saw.
      throw new ConfigFileError(`Cannot read ${this.path}: ${errorMessage(error)}. Check its permissions.`, this.path);
    }
    const parsed = parseConfig(text);
    return parsed.ok ? { status: 'ok', table: parsed.table, text } : { status: 'malformed', problem: parsed.problem };
  }

  /** Copies the malformed file to the first free `config.toml.bak[.N]`, owner-only since it may hold a key. */
  private async backUp(): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      const candidate = attempt === 0 ? `${this.path}.bak` : `${this.path}.bak.${attempt}`;
      try {
        await fs.copyFile(this.path, candidate, fsConstants.COPYFILE_EXCL);
        await fs.chmod(candidate, PRIVATE_FILE_MODE);
        return candidate;
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
    }
  }

  /** Writes through a symlinked config.toml (dotfile managers) instead of replacing the link. */
  private async writeTarget(): Promise<string> {
    try {
      return await fs.realpath(this.path);
    } catch {
      return this.path;
    }
  }
}

function parseConfig(text: string): { ok: true; table: TomlTable } | { ok: false; problem: string } {
  let table: TomlTable;
  try {
    table = parse(text);
  } catch (error) {
    return { ok: false, problem: describeTomlError(error) };
  }
  const checked = fileConfigSchema.safeParse(table);
  if (!checked.success) {
    const keys = checked.error.issues.map((issue) => issue.path.join('.')).join(', ');
    return { ok: false, problem: `${keys} must be a string` };
  }
  return { ok: true, table };
}

/** The parser quotes the offending line, which may be the key itself, so only the first line and position are kept. */
function describeTomlError(error: unknown): string {
  if (error instanceof TomlError) {
    const headline = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    return redactSecrets(`${headline} at line ${error.line}, column ${error.column}`);
  }
  return redactSecrets(errorMessage(error));
}


function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
