import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeyringDisabled, KeyringStore, probeKeyring, probeKeyringWithReason } from '../../src/secrets/keyring-store.js';
import { missingSessionBus } from '../../src/secrets/session-bus.js';

let fixtures: string;

/** Stand-ins for the native module, written at run time: one that blocks forever, one that works in memory. */
beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'favcrm-keyring-'));
  await writeFile(
    path.join(fixtures, 'hanging-keyring.cjs'),
    'exports.Entry = class { setPassword() { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); } };\n',
  );
  await writeFile(
    path.join(fixtures, 'memory-keyring.cjs'),
    [
      'const saved = new Map();',
      'exports.Entry = class {',
      '  constructor(service, account) { this.id = service + "/" + account; }',
      '  setPassword(value) { saved.set(this.id, value); }',
      '  getPassword() { return saved.get(this.id) ?? null; }',
      '  deleteCredential() { return saved.delete(this.id); }',
      '};',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(fixtures, 'denied-keyring.cjs'),
    'exports.Entry = class { setPassword() { throw new Error("Couldn\'t access platform storage: AccessDenied"); } deleteCredential() { return false; } };\n',
  );
});
afterAll(() => rm(fixtures, { recursive: true, force: true }));

describe('probeKeyring', () => {
  it('answers quickly on this machine and never hangs', async () => {
    const started = Date.now();
    const result = await probeKeyringWithReason(1500, { env: { FAVCRM_CHAT_KEYRING: undefined }, skipSessionBusCheck: true });
    expect(Date.now() - started).toBeLessThan(4000);
    // The CI container has no D-Bus Secret Service, so the keyring must not be trusted there.
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      expect(result.available).toBe(false);
      expect(result.reason).toBeTruthy();
    }
  });

  it('does not start the probe where no D-Bus session bus can exist (Linux)', async () => {
    const noBus = { DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined, XDG_RUNTIME_DIR: fixtures, FAVCRM_CHAT_KEYRING: undefined };
    if (process.platform === 'linux' && !fs.existsSync(`/run/user/${process.getuid?.()}/bus`)) {
      expect(await probeKeyringWithReason(1500, { env: noBus })).toEqual({ available: false, reason: 'no D-Bus session bus for the Secret Service' });
    }
    expect(missingSessionBus(noBus, 'linux', 4242)).toBe('no D-Bus session bus for the Secret Service');
    expect(missingSessionBus({ ...noBus, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, 'linux', 4242)).toBeNull();
    expect(missingSessionBus({ ...noBus, DISPLAY: ':0' }, 'linux', 4242)).toBeNull();
    fs.writeFileSync(path.join(fixtures, 'bus'), '');
    try {
      expect(missingSessionBus(noBus, 'linux', 4242)).toBeNull();
    } finally {
      fs.rmSync(path.join(fixtures, 'bus'));
    }
    expect(missingSessionBus(noBus, 'darwin', 4242)).toBeNull();
    expect(missingSessionBus(noBus, 'win32', 4242)).toBeNull();
  });

  it('gives up on a keyring that never answers, within the timeout', async () => {
    const started = Date.now();
    const result = await probeKeyringWithReason(500, { env: {}, modulePath: path.join(fixtures, 'hanging-keyring.cjs') });
    expect(result).toEqual({ available: false, reason: 'no answer within 500 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('trusts a keyring only after write, read-back and delete succeed', async () => {
    expect(await probeKeyring(3000, { env: {}, modulePath: path.join(fixtures, 'memory-keyring.cjs') })).toBe(true);
  });

  it('reports a denied write in a few words', async () => {
    const result = await probeKeyringWithReason(3000, { env: {}, modulePath: path.join(fixtures, 'denied-keyring.cjs') });
    expect(result).toEqual({ available: false, reason: 'access denied' });
  });

  it('is skipped without spawning when FAVCRM_CHAT_KEYRING=off', async () => {
    const started = Date.now();
    expect(await probeKeyring(1500, { env: { FAVCRM_CHAT_KEYRING: 'off' } })).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
    expect(isKeyringDisabled({ FAVCRM_CHAT_KEYRING: 'OFF' })).toBe(true);
    expect(isKeyringDisabled({ FAVCRM_CHAT_KEYRING: 'on' })).toBe(false);
    expect(isKeyringDisabled({})).toBe(false);
  });
});

describe('KeyringStore', () => {
  it('describes itself and defaults to the `default` account', () => {
    const store = new KeyringStore();
    expect(store.info).toEqual({ kind: 'keyring', location: 'OS keyring (service favcrm-chat)' });
    expect(store.account).toBe('default');
    expect(new KeyringStore({ account: 'http://127.0.0.1:4319/mcp' }).account).toBe('http://127.0.0.1:4319/mcp');
  });
});

/** An in-memory `AsyncEntry` with the library's shape, so the store's own logic runs without an OS keyring. */
function memoryKeyring(): { module: ConstructorParameters<typeof KeyringStore>[0]; saved: Map<string, string> } {
  const saved = new Map<string, string>();
  class AsyncEntry {
    private readonly id: string;
    constructor(service: string, account: string) {
      this.id = `${service}/${account}`;
    }
    async setPassword(value: string): Promise<void> {
      saved.set(this.id, value);
    }
    async getPassword(): Promise<string | null> {
      return saved.get(this.id) ?? null;
    }
    async deleteCredential(): Promise<boolean> {
      return saved.delete(this.id);
    }
  }
  return { module: { keyringModule: { AsyncEntry } as never }, saved };
}

describe('KeyringStore with a stand-in keyring', () => {
  it('stores url and key together as JSON under service favcrm-chat', async () => {
    const { module, saved } = memoryKeyring();
    const store = new KeyringStore(module);
    expect(await store.load()).toBeNull();
    await store.save({ apiKey: 'fav_mcp_AbCdEfGhIjKl1234', url: 'http://127.0.0.1:4319/mcp' });
    expect(JSON.parse(saved.get('favcrm-chat/default') ?? '')).toEqual({ apiKey: 'fav_mcp_AbCdEfGhIjKl1234', url: 'http://127.0.0.1:4319/mcp' });
    expect(await store.load()).toEqual({ apiKey: 'fav_mcp_AbCdEfGhIjKl1234', url: 'http://127.0.0.1:4319/mcp' });
    await store.clear();
    expect(await store.load()).toBeNull();
    await store.clear();
  });

  it('accepts a bare key typed into the keyring by hand', async () => {
    const { module, saved } = memoryKeyring();
    saved.set('favcrm-chat/default', 'fav_mcp_AbCdEfGhIjKl1234\n');
    expect(await new KeyringStore(module).load()).toEqual({ apiKey: 'fav_mcp_AbCdEfGhIjKl1234' });
  });
});
