import { describe, expect, it } from 'vitest';
import { resolveApiKey, resolveStoredUrl } from '../../src/secrets/resolve-api-key.js';
import { keyringInfo, MemorySecretStore } from './memory-secret-store.js';

const FLAG = 'fav_mcp_flag_000000000001';
const ENV_KEY = 'fav_mcp_env_0000000000002';
const TOKEN = 'fav_mcp_token_00000000003';
const SAVED = 'fav_mcp_saved_00000000004';
const FILE = 'fav_mcp_file_000000000005';

const fileInfo = { kind: 'config-file', location: '/home/ada/.config/favcrm/config.toml' } as const;
const allEnv = { FAVCRM_API_KEY: ENV_KEY, FAVCRM_MCP_TOKEN: TOKEN };
const keyring = (): MemorySecretStore => new MemorySecretStore(keyringInfo, { apiKey: SAVED, url: 'http://sandbox/mcp' });
const file = (): MemorySecretStore => new MemorySecretStore(fileInfo, { apiKey: FILE });

describe('resolveApiKey (contract §1.4)', () => {
  it('1. the --api-key flag wins over everything', async () => {
    const resolved = await resolveApiKey({ apiKeyFlag: FLAG, env: allEnv, stores: [keyring()] });
    expect(resolved).toEqual({ apiKey: FLAG, source: 'flag', storage: { kind: 'environment', location: '--api-key flag' } });
  });

  it('1. FAVCRM_API_KEY counts as the flag level', async () => {
    const resolved = await resolveApiKey({ env: allEnv, stores: [keyring()] });
    expect(resolved).toMatchObject({ apiKey: ENV_KEY, source: 'FAVCRM_API_KEY', storage: { kind: 'environment' } });
  });

  it('2. FAVCRM_MCP_TOKEN beats a saved key', async () => {
    const resolved = await resolveApiKey({ env: { FAVCRM_MCP_TOKEN: TOKEN }, stores: [keyring()] });
    expect(resolved).toMatchObject({ apiKey: TOKEN, source: 'FAVCRM_MCP_TOKEN' });
  });

  it('3. a saved key: keyring first, then the config file', async () => {
    expect(await resolveApiKey({ env: {}, stores: [keyring(), file()] })).toEqual({ apiKey: SAVED, source: 'keyring', storage: keyringInfo, savedFor: 'http://sandbox/mcp' });
    const emptyKeyring = new MemorySecretStore(keyringInfo);
    expect(await resolveApiKey({ env: {}, stores: [emptyKeyring, file()] })).toEqual({ apiKey: FILE, source: 'config file', storage: fileInfo });
  });

  it('4. nothing anywhere resolves to null', async () => {
    expect(await resolveApiKey({ env: {}, stores: [new MemorySecretStore(keyringInfo), new MemorySecretStore(fileInfo)] })).toBeNull();
  });

  it('ignores empty values, like an exported but blank FAVCRM_API_KEY', async () => {
    const resolved = await resolveApiKey({ apiKeyFlag: '', env: { FAVCRM_API_KEY: '  ', FAVCRM_MCP_TOKEN: '' }, stores: [file()] });
    expect(resolved?.source).toBe('config file');
  });

  it('skips a store that fails, with a warning that names it', async () => {
    const warnings: string[] = [];
    const locked = new MemorySecretStore(keyringInfo, null, true);
    const resolved = await resolveApiKey({ env: {}, stores: [locked, file()], onWarning: (message) => warnings.push(message) });
    expect(resolved?.apiKey).toBe(FILE);
    expect(warnings).toEqual(['Could not read the key from OS keyring (service favcrm-chat): keyring is locked']);
  });
});

describe('resolveStoredUrl', () => {
  it('returns the url saved with the key', async () => {
    expect(await resolveStoredUrl([keyring(), file()])).toEqual({ url: 'http://sandbox/mcp', source: 'keyring' });
  });

  it('uses a store that knows its url without a key (config.toml after logout)', async () => {
    const urlOnly = Object.assign(new MemorySecretStore(fileInfo), { loadUrl: async () => 'http://kept/mcp' });
    expect(await resolveStoredUrl([new MemorySecretStore(keyringInfo), urlOnly])).toEqual({ url: 'http://kept/mcp', source: 'config file' });
  });

  it('returns null when nothing has a url', async () => {
    expect(await resolveStoredUrl([file()])).toBeNull();
  });
});
