import { isLoopbackHostname } from '../config/loopback.js';
import { DEFAULT_SANDBOX_PORT } from '../config/sandbox-port.js';

type Env = Record<string, string | undefined>;

/** The source of an embedded choice whose port is the saved key's sandbox. */
export const SAVED_SANDBOX_URL = 'saved sandbox URL';

/** Where the chat talks to FavCRM, and why (shown by doctor and the header). */
export type EndpointChoice =
  | { kind: 'remote'; url: string; source: string }
  /** No URL configured: start the embedded sandbox; reuse the port of a saved loopback URL so saved keys keep matching. */
  | { kind: 'embedded'; preferredPort: number; source: string };


/**
 * Contract §1.5 order: `--url` / `FAVCRM_MCP_URL` > `FAVCRM_API_BASE` + `/mcp` > the saved URL > (instead of
 * production) the embedded sandbox, because this app must work on a machine with no FavCRM account or network.
 */
export function resolveEndpoint(input: { urlFlag?: string; env: Env; storedUrl?: string | null }): EndpointChoice {
  const { env } = input;
  const flag = input.urlFlag?.trim();
  if (flag) return { kind: 'remote', url: flag, source: '--url' };
  if (env.FAVCRM_MCP_URL?.trim()) return { kind: 'remote', url: env.FAVCRM_MCP_URL.trim(), source: 'FAVCRM_MCP_URL' };
  if (env.FAVCRM_API_BASE?.trim()) return { kind: 'remote', url: `${env.FAVCRM_API_BASE.trim().replace(/\/+$/, '')}/mcp`, source: 'FAVCRM_API_BASE' };
  const configuredPort = env.FAVCRM_SANDBOX_PORT !== undefined && env.FAVCRM_SANDBOX_PORT !== '' ? Number(env.FAVCRM_SANDBOX_PORT) : null;
  const stored = input.storedUrl?.trim();
  if (stored) {
    const loopbackPort = loopbackPortOf(stored);
    if (loopbackPort === null) return { kind: 'remote', url: stored, source: 'saved config' };
    // The saved port wins over FAVCRM_SANDBOX_PORT: the saved key belongs to the sandbox at that URL.
    return { kind: 'embedded', preferredPort: loopbackPort, source: SAVED_SANDBOX_URL };
  }
  return { kind: 'embedded', preferredPort: configuredPort ?? DEFAULT_SANDBOX_PORT, source: 'default (embedded sandbox)' };
}

/** The port of an `http://127.0.0.1:N/...` or `http://localhost:N/...` URL, else null. */
export function loopbackPortOf(url: string): number | null {
  try {
    const parsed = new URL(url);
    if (!isLoopbackHostname(parsed.hostname)) return null;
    return parsed.port ? Number(parsed.port) : 80;
  } catch {
    return null;
  }
}

/** Validates a URL given by a person, with a message saying what is wrong. */
export function checkEndpointUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `FavCRM URL must start with http:// or https:// (got ${url}).`;
    return null;
  } catch {
    return `"${url}" is not a URL. Use the MCP endpoint, e.g. https://api.favcrm.io/mcp.`;
  }
}
