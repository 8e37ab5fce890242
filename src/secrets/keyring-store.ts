import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { KeyStorageInfo } from './key-storage-info.js';
import { redactSecrets } from './redact-secrets.js';
import { childEnvironment } from './child-environment.js';
import { missingSessionBus } from './session-bus.js';
import type { SecretStore, StoredCredential } from './secret-store.js';

type KeyringModule = typeof import('@napi-rs/keyring');
type EntryOptions = import('@napi-rs/keyring').EntryOptions;
type Env = Record<string, string | undefined>;

/** Keyring service name every favcrm-chat entry lives under. */
export const KEYRING_SERVICE = 'favcrm-chat';
/** Account used when the key is not tied to a particular endpoint. */
export const DEFAULT_KEYRING_ACCOUNT = 'default';
/** Fixed probe account, so a write that fails half-way leaves at most one stray entry, reused next time. */
const PROBE_ACCOUNT = '__favcrm-chat-probe__';
/** A locked keyring can sit waiting for an unlock prompt; the app must not wait with it. */
const DEFAULT_OPERATION_TIMEOUT_MS = 10_000;

/**
 * On Linux only the Secret Service survives logout and reboot; the kernel keyring the library would otherwise fall
 * back to forgets the key with the session (and here it fails with AccessDenied), so it is never used.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

const require = createRequire(import.meta.url);

export interface KeyringProbeResult {
  available: boolean;
  /** Why the keyring is not used, short enough for a one-line warning. */
  reason?: string;
}

export interface KeyringProbeOptions {
  env?: Env;
  /** Test seam: a stand-in for `@napi-rs/keyring` (e.g. one that never answers); it needs no D-Bus. */
  modulePath?: string;
  /** Test seam: run the real library even where no D-Bus session bus is found. */
  skipSessionBusCheck?: boolean;
}

export interface KeyringStoreOptions {
  /** The endpoint URL the key belongs to, or `default`. */
  account?: string;
  operationTimeoutMs?: number;
  /** Test seam: a stand-in for `@napi-rs/keyring`'s `AsyncEntry`. */
  keyringModule?: Pick<KeyringModule, 'AsyncEntry'>;
}

/** Keeps the key (and its endpoint) as one JSON password in the OS keyring. Only use it after `probeKeyring()`. */
export class KeyringStore implements SecretStore {
  readonly info: KeyStorageInfo = { kind: 'keyring', location: `OS keyring (service ${KEYRING_SERVICE})` };
  readonly account: string;
  private readonly operationTimeoutMs: number;
  private readonly keyringModule: Pick<KeyringModule, 'AsyncEntry'> | undefined;

  constructor(options: KeyringStoreOptions = {}) {
    this.account = options.account ?? DEFAULT_KEYRING_ACCOUNT;
    this.operationTimeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
    this.keyringModule = options.keyringModule;
  }

  async load(): Promise<StoredCredential | null> {
    const password = await this.entry().getPassword(this.signal());
    return password === null ? null : decodeCredential(password);
  }

  async save(credential: StoredCredential): Promise<void> {
    await this.entry().setPassword(JSON.stringify(credential), this.signal());
  }

  async clear(): Promise<void> {
    await this.entry().deleteCredential(this.signal());
  }

  /** Async entries run on the libuv pool, so a slow keyring never blocks the event loop. */
  private entry(): InstanceType<KeyringModule['AsyncEntry']> {
    // Loaded on first use, so a platform without the native binary can still run with the file store.
    const { AsyncEntry } = this.keyringModule ?? loadKeyringModule();
    return new AsyncEntry(KEYRING_SERVICE, this.account, ENTRY_OPTIONS);
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.operationTimeoutMs);
  }
}

/** True only when a probe entry could be written, read back and deleted within `timeoutMs`; never hangs. */
export async function probeKeyring(timeoutMs = 1500, options: KeyringProbeOptions = {}): Promise<boolean> {
  return (await probeKeyringWithReason(timeoutMs, options)).available;
}

/**
 * The probe runs in a child process: the native calls are synchronous, and a keyring waiting on an unlock
 * prompt must not freeze the app. `FAVCRM_CHAT_KEYRING=off` skips it (tests and headless machines use that).
 */
export async function probeKeyringWithReason(timeoutMs = 1500, options: KeyringProbeOptions = {}): Promise<KeyringProbeResult> {
  const env = options.env ?? process.env;
  if (isKeyringDisabled(env)) return { available: false, reason: 'disabled by FAVCRM_CHAT_KEYRING=off' };
  if (options.modulePath === undefined && !options.skipSessionBusCheck) {
    // The child sees (a minimal part of) process.env overlaid with `env`; so does this check.
    const noBus = missingSessionBus({ ...process.env, ...env });
    if (noBus) return { available: false, reason: noBus };
  }
  let modulePath: string;
  try {
    modulePath = options.modulePath ?? require.resolve('@napi-rs/keyring');
  } catch {
    return { available: false, reason: 'keyring module not installed' };
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', PROBE_SCRIPT, modulePath, JSON.stringify({ service: KEYRING_SERVICE, account: PROBE_ACCOUNT, options: ENTRY_OPTIONS })],
      { timeout: timeoutMs, killSignal: 'SIGKILL', env: childEnvironment({ ...process.env, ...env }), windowsHide: true },
      (error, stdout) => {
        if (error && error.killed) {
          resolve({ available: false, reason: `no answer within ${timeoutMs} ms` });
          return;
        }
        resolve(readProbeOutput(stdout));
      },
    );
  });
}

/** `FAVCRM_CHAT_KEYRING=off` (or 0/false/no) turns the keyring off entirely. */
export function isKeyringDisabled(env: Env): boolean {
  const value = env.FAVCRM_CHAT_KEYRING?.trim().toLowerCase();
  return value === 'off' || value === '0' || value === 'false' || value === 'no';
}

/** Write, read back, delete; on any failure still try to delete, since a failed write can leave an entry behind. */
const PROBE_SCRIPT = `
const { Entry } = require(process.argv[1]);
const { service, account, options } = JSON.parse(process.argv[2]);
const value = 'probe-' + process.pid + '-' + Date.now();
let result = { available: true };
let entry;
try {
  entry = new Entry(service, account, options);
  entry.setPassword(value);
  if (entry.getPassword() !== value) throw new Error('read-back did not match');
  if (!entry.deleteCredential()) throw new Error('probe entry vanished before delete');
} catch (error) {
  result = { available: false, reason: String(error && error.message || error) };
  try { if (entry) entry.deleteCredential(); } catch {}
}
process.stdout.write(JSON.stringify(result));
`;

function readProbeOutput(stdout: string): KeyringProbeResult {
  try {
    const parsed = JSON.parse(stdout) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'available' in parsed) {
      if (parsed.available === true) return { available: true };
      const reason = 'reason' in parsed && typeof parsed.reason === 'string' ? parsed.reason : 'unknown error';
      return { available: false, reason: shortReason(reason) };
    }
  } catch {
    // Fall through: the child crashed before printing (e.g. the native module failed to load).
  }
  return { available: false, reason: 'keyring probe failed to run' };
}

/** Turns the library's message into a few words for the one-line warning. */
function shortReason(reason: string): string {
  if (/dbus/i.test(reason)) return 'no Secret Service on D-Bus';
  if (/AccessDenied/.test(reason)) return 'access denied';
  const firstLine = (reason.split('\n')[0] ?? reason).trim();
  return redactSecrets(firstLine.length > 160 ? `${firstLine.slice(0, 157)}...` : firstLine);
}

function loadKeyringModule(): KeyringModule {
  return require('@napi-rs/keyring') as KeyringModule;
}

/** The password is JSON `{apiKey, url}`; a bare key (written by hand) is accepted too. */
function decodeCredential(password: string): StoredCredential | null {
  try {
    const parsed = JSON.parse(password) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'apiKey' in parsed && typeof parsed.apiKey === 'string') {
      const url = 'url' in parsed && typeof parsed.url === 'string' && parsed.url !== '' ? parsed.url : undefined;
      return parsed.apiKey === '' ? null : { apiKey: parsed.apiKey, ...(url !== undefined ? { url } : {}) };
    }
  } catch {
    // Not JSON: treat the whole password as the key.
  }
  const bare = password.trim();
  return bare === '' ? null : { apiKey: bare };
}
