import type { AppPaths } from '../config/paths.js';
import { isLoopbackHostname } from '../config/loopback.js';
import { resolveEndpoint } from '../mcp/endpoint.js';
import { chooseSecretStore, type ChooseSecretStoreOptions, type KeyStorePreference, type SecretStoreChoice } from '../secrets/choose-secret-store.js';
import { resolveApiKey, resolveStoredUrl } from '../secrets/resolve-api-key.js';
import { keyForEndpoint } from '../secrets/saved-key-endpoint.js';
import { ConnectError } from './connect-errors.js';
import type { ConnectEndpoint, ConnectPlace } from './connect-types.js';
import { storedKindOf, type KeyWhereabouts } from './key-instructions.js';
import type { ConnectContext } from './run-connect.js';

type Env = Record<string, string | undefined>;

export interface ResolveConnectContextInput {
  env: Env;
  paths: AppPaths;
  place: ConnectPlace;
  urlFlag?: string;
  apiKeyFlag?: string;
  keyStore?: KeyStorePreference;
  chooseStore?: (options: ChooseSecretStoreOptions) => Promise<SecretStoreChoice>;
  /** Told about a store that could not be read (a locked keyring); connect carries on without it. */
  onWarning?: (message: string) => void;
}

/**
 * The endpoint and key `favcrm-chat connect` writes for, by the chat's own rules: `--url` / FAVCRM_MCP_URL /
 * FAVCRM_API_BASE / the saved URL, else the embedded sandbox on its usual port; the key by contract §1.4, and a
 * saved key only for the FavCRM that issued it.
 */
export async function resolveConnectContext(input: ResolveConnectContextInput): Promise<ConnectContext> {
  const choose = input.chooseStore ?? chooseSecretStore;
  const choice = await choose({ env: input.env, paths: input.paths, keyStore: input.keyStore ?? 'auto' });
  const stored = await resolveStoredUrl(choice.readStores);
  const choiceOfEndpoint = resolveEndpoint({ ...(input.urlFlag !== undefined ? { urlFlag: input.urlFlag } : {}), env: input.env, storedUrl: stored?.url ?? null });
  if (choiceOfEndpoint.kind === 'embedded' && !(Number.isInteger(choiceOfEndpoint.preferredPort) && choiceOfEndpoint.preferredPort > 0)) {
    throw new ConnectError(
      'no-endpoint',
      'The chat would start its sandbox on a free port (FAVCRM_SANDBOX_PORT), so there is no fixed URL to give another client.',
      'Run `favcrm-chat sandbox --port 8765` and connect with --url http://127.0.0.1:8765/mcp, or unset FAVCRM_SANDBOX_PORT.',
    );
  }
  const endpoint: ConnectEndpoint =
    choiceOfEndpoint.kind === 'embedded'
      ? { url: `http://127.0.0.1:${choiceOfEndpoint.preferredPort}/mcp`, source: choiceOfEndpoint.source, sandbox: true }
      : { url: choiceOfEndpoint.url, source: choiceOfEndpoint.source, sandbox: isLoopbackUrl(choiceOfEndpoint.url) };
  const resolved = await resolveApiKey({
    env: input.env,
    stores: choice.readStores,
    ...(input.apiKeyFlag !== undefined ? { apiKeyFlag: input.apiKeyFlag } : {}),
    ...(input.onWarning ? { onWarning: input.onWarning } : {}),
  });
  const usable = keyForEndpoint(resolved, { url: endpoint.url, sandbox: choiceOfEndpoint.kind === 'embedded' });
  if (usable.notice) input.onWarning?.(usable.notice);
  const key = usable.key;
  const whereabouts: KeyWhereabouts = {
    inEnvironment: Boolean(input.env.FAVCRM_API_KEY?.trim()),
    storedIn: key?.storage.location ?? null,
    storedKind: key === null ? null : storedKindOf(key.storage.kind),
  };
  return { endpoint, apiKey: key?.apiKey ?? null, key: whereabouts, place: input.place };
}

/** A loopback URL is a sandbox (ours or `favcrm-chat sandbox`): clients reach it only while it runs. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHostname(new URL(url).hostname);
  } catch {
    return false;
  }
}
