import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseSecretStore, displayPath, parseKeyStorePreference } from '../../src/secrets/choose-secret-store.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { KeyringStore } from '../../src/secrets/keyring-store.js';
import { KeyringUnavailableError } from '../../src/secrets/secret-store-errors.js';
import { createTempConfigHome, type TempConfigHome } from './temp-config-home.js';

let home: TempConfigHome;
beforeEach(async () => {
  home = await createTempConfigHome();
});
afterEach(() => home.cleanup());

const working = async (): Promise<boolean> => true;
const denied = async () => ({ available: false, reason: 'access denied' });

describe('chooseSecretStore', () => {
  it('falls back to the config file with a one-line warning when the probe fails', async () => {
    const env = { ...home.env, FAVCRM_CHAT_KEYRING: undefined };
    const choice = await chooseSecretStore({ env, paths: home.paths, probe: denied });
    expect(choice.store).toBeInstanceOf(ConfigFileStore);
    expect(choice.store.info.location).toBe(home.paths.favcrmConfigFile);
    expect(choice.readStores).toEqual([choice.store]);
    expect(choice.warning).toBe('OS keyring unavailable (access denied); keys are saved to ~/config/favcrm/config.toml with mode 0600');
    expect(choice.warning).not.toContain('\n');
  });

  it('uses the real probe by default, which fails here and does not hang', async () => {
    const env = { ...home.env, FAVCRM_CHAT_KEYRING: undefined };
    const started = Date.now();
    const choice = await chooseSecretStore({ env, paths: home.paths });
    expect(Date.now() - started).toBeLessThan(4000);
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      expect(choice.store.info.kind).toBe('config-file');
      expect(choice.warning).toMatch(/^OS keyring unavailable \(.+\); keys are saved to /);
    }
  });

  it('uses the keyring when the probe passes, still reading a key saved by `favcrm login`', async () => {
    const env = { ...home.env, FAVCRM_CHAT_KEYRING: undefined };
    const choice = await chooseSecretStore({ env, paths: home.paths, probe: working });
    expect(choice.store).toBeInstanceOf(KeyringStore);
    expect(choice.readStores.map((store) => store.info.kind)).toEqual(['keyring', 'config-file']);
    expect(choice.warning).toBeUndefined();
  });

  it('--key-store file skips the probe entirely', async () => {
    const choice = await chooseSecretStore({
      env: home.env,
      paths: home.paths,
      keyStore: 'file',
      probe: () => Promise.reject(new Error('must not probe')),
    });
    expect(choice.store.info.kind).toBe('config-file');
    expect(choice.warning).toBeUndefined();
  });

  it('--key-store keyring refuses with an actionable error when the keyring is unavailable', async () => {
    const error = await chooseSecretStore({ env: home.env, paths: home.paths, keyStore: 'keyring', probe: denied }).catch((caught: unknown) => caught);
    expect(KeyringUnavailableError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('--key-store file');
  });

  it('says nothing when the keyring was switched off on purpose', async () => {
    const choice = await chooseSecretStore({ env: home.env, paths: home.paths, probe: denied });
    expect(choice.store.info.kind).toBe('config-file');
    expect(choice.warning).toBeUndefined();
    expect(choice.keyringProblem).toBe('access denied');
  });
});

describe('helpers', () => {
  it('parses --key-store values', () => {
    expect(parseKeyStorePreference('file')).toBe('file');
    expect(parseKeyStorePreference('auto')).toBe('auto');
    expect(parseKeyStorePreference('disk')).toBeUndefined();
    expect(parseKeyStorePreference(undefined)).toBeUndefined();
  });

  it('shows paths under HOME with ~', () => {
    expect(displayPath(path.join('/home/ada', '.config', 'favcrm', 'config.toml'), { HOME: '/home/ada' })).toBe(
      `~${path.sep}${path.join('.config', 'favcrm', 'config.toml')}`,
    );
    expect(displayPath('/etc/favcrm.toml', { HOME: '/home/ada' })).toBe('/etc/favcrm.toml');
    expect(displayPath('/etc/favcrm.toml', {})).toBe('/etc/favcrm.toml');
  });
});
