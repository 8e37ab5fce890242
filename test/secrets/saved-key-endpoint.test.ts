import { describe, expect, it } from 'vitest';
import type { EndpointInfo } from '../../src/agent/events.js';
import type { ResolvedApiKey } from '../../src/secrets/resolve-api-key.js';
import { keyForEndpoint, savedKeyFitsEndpoint } from '../../src/secrets/saved-key-endpoint.js';

const REAL: EndpointInfo = { url: 'https://mcp.favcrm.io/mcp', sandbox: false };
const SANDBOX: EndpointInfo = { url: 'http://127.0.0.1:40123/mcp', sandbox: true };
const OTHER: EndpointInfo = { url: 'http://127.0.0.1:9999/mcp', sandbox: false };
const KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrStUvWxYz012345';

const saved = (savedFor?: string, source: ResolvedApiKey['source'] = 'config file'): ResolvedApiKey => ({
  apiKey: KEY,
  source,
  storage: { kind: 'config-file', location: '~/.config/favcrm/config.toml' },
  ...(savedFor ? { savedFor } : {}),
});

describe('a saved key goes only to the FavCRM it was saved with', () => {
  it('fits its own endpoint (a trailing slash or host case aside), a hand-written key without a URL, and the embedded sandbox on any port', () => {
    expect(savedKeyFitsEndpoint('https://mcp.favcrm.io/mcp', REAL)).toBe(true);
    expect(savedKeyFitsEndpoint('https://MCP.favcrm.io/mcp/', REAL)).toBe(true);
    expect(savedKeyFitsEndpoint(undefined, REAL)).toBe(true);
    expect(savedKeyFitsEndpoint('http://127.0.0.1:8765/mcp', SANDBOX)).toBe(true);
    expect(savedKeyFitsEndpoint('http://localhost:8765/mcp', SANDBOX)).toBe(true);
  });

  it('does not fit another server, another scheme, or a sandbox URL when the endpoint is not the embedded sandbox', () => {
    expect(savedKeyFitsEndpoint('https://mcp.favcrm.io/mcp', OTHER)).toBe(false);
    expect(savedKeyFitsEndpoint('https://mcp.favcrm.io/mcp', SANDBOX)).toBe(false);
    expect(savedKeyFitsEndpoint('http://mcp.favcrm.io/mcp', REAL)).toBe(false);
    expect(savedKeyFitsEndpoint('http://127.0.0.1:8765/mcp', OTHER)).toBe(false);
    expect(savedKeyFitsEndpoint('not a url', REAL)).toBe(false);
  });

  it('keeps a mismatched saved key back, saying why with the key masked, but always uses a key given for this run', () => {
    const held = keyForEndpoint(saved('https://mcp.favcrm.io/mcp'), OTHER);
    expect(held.key).toBeNull();
    expect(held.notice).toContain('belongs to https://mcp.favcrm.io/mcp, so it was not sent to http://127.0.0.1:9999/mcp');
    expect(held.notice).toContain('--api-key');
    expect(held.notice).toContain('fav_mcp_...2345');
    expect(held.notice).not.toContain(KEY);
    expect(keyForEndpoint(saved('https://mcp.favcrm.io/mcp', 'keyring'), OTHER).key).toBeNull();
    for (const source of ['flag', 'FAVCRM_API_KEY', 'FAVCRM_MCP_TOKEN'] as const) {
      expect(keyForEndpoint({ ...saved(), source }, OTHER)).toEqual({ key: { ...saved(), source }, notice: null });
    }
    expect(keyForEndpoint(saved('https://mcp.favcrm.io/mcp'), REAL).key?.apiKey).toBe(KEY);
    expect(keyForEndpoint(null, REAL)).toEqual({ key: null, notice: null });
  });
});
