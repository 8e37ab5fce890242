/**
 * A saved key goes only to the FavCRM that issued it. The official CLI sends its saved key to whatever URL it is
 * pointed at; we do not: `--url http://somewhere/mcp` (or a FAVCRM_MCP_URL left over from testing) must not hand a
 * real workspace's key to another server. A key given explicitly (`--api-key`, FAVCRM_API_KEY, FAVCRM_MCP_TOKEN) is
 * the person's own choice for this run and always goes.
 */
import { isLoopbackUrl, parseUrl, sameEndpoint } from './endpoint-url.js';
import { maskKey } from './mask-key.js';
import type { ResolvedApiKey } from './resolve-api-key.js';

/** The endpoint a key would be sent to: its URL, and whether it is the embedded sandbox this app started. */
interface EndpointInfo {
  url: string;
  sandbox: boolean;
}


/**
 * True when the saved key may be sent to `endpoint`: it was saved with no URL (written by hand), with this very
 * URL, or with a loopback URL while the embedded sandbox runs (which moves to another port when 8765 is busy).
 */
export function savedKeyFitsEndpoint(savedFor: string | undefined, endpoint: EndpointInfo): boolean {
  if (savedFor === undefined) return true;
  if (!parseUrl(endpoint.url)) return false;
  if (sameEndpoint(savedFor, endpoint.url)) return true;
  return endpoint.sandbox && isLoopbackUrl(savedFor);
}

/** The key to use for this endpoint, or null with the reason to tell the person. */
export function keyForEndpoint(key: ResolvedApiKey | null, endpoint: EndpointInfo): { key: ResolvedApiKey | null; notice: string | null } {
  if (!key || (key.source !== 'keyring' && key.source !== 'config file' && key.source !== 'app key file')) return { key, notice: null };
  if (savedKeyFitsEndpoint(key.savedFor, endpoint)) return { key, notice: null };
  return {
    key: null,
    notice:
      `The saved key ${maskKey(key.apiKey)} belongs to ${key.savedFor ?? 'another FavCRM'}, so it was not sent to ${endpoint.url}. ` +
      'You are signed out here: sign up, or pass a key for this server with --api-key or FAVCRM_API_KEY.',
  };
}
