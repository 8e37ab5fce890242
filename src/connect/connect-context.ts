import type { Readable } from 'node:stream';
import type { AppPaths } from '../config/paths.js';
import { resolveSettings, type SettingsOptions } from '../config/resolve-settings.js';
import type { ChooseSecretStoreOptions, SecretStoreChoice } from '../secrets/choose-secret-store.js';
import { isLoopbackUrl } from '../secrets/endpoint-url.js';
import { ConnectError } from './connect-errors.js';
import type { ConnectEndpoint, ConnectPlace } from './connect-types.js';
import { storedKindOf, type KeyWhereabouts } from './key-instructions.js';
import type { ConnectContext } from './run-connect.js';

type Env = Record<string, string | undefined>;

export interface ResolveConnectContextInput {
  env: Env;
  paths: AppPaths;
  place: ConnectPlace;
  /** The chat's own flags (`--url`, `--api-key`, `--api-key-file`, `--key-store`), so connect writes for the same endpoint. */
  options: SettingsOptions;
  chooseStore?: (options: ChooseSecretStoreOptions) => Promise<SecretStoreChoice>;
  stdin?: Readable & { isTTY?: boolean };
  /** Told what the resolver noticed (a key held back for another endpoint, a locked keyring); connect carries on. */
  onWarning?: (message: string) => void;
}

/**
 * The endpoint and key `favcrm-chat connect` writes for: the chat's one resolver (`resolveSettings`), so connect
 * never points a client somewhere the chat would not go, nor hands it a key the chat would hold back.
 */
export async function resolveConnectContext(input: ResolveConnectContextInput): Promise<ConnectContext> {
  const settings = await resolveSettings({
    options: input.options,
    env: input.env,
    paths: input.paths,
    ...(input.chooseStore ? { chooseStore: input.chooseStore } : {}),
    ...(input.stdin ? { stdin: input.stdin } : {}),
  });
  for (const notice of settings.notices) input.onWarning?.(notice);
  const chosen = settings.endpoint;
  if (chosen.kind === 'embedded' && !(Number.isInteger(chosen.preferredPort) && chosen.preferredPort > 0)) {
    throw new ConnectError(
      'no-endpoint',
      'The chat would start its sandbox on a free port (FAVCRM_SANDBOX_PORT), so there is no fixed URL to give another client.',
      'Run `favcrm-chat sandbox --port 8765` and connect with --url http://127.0.0.1:8765/mcp, or unset FAVCRM_SANDBOX_PORT.',
    );
  }
  const endpoint: ConnectEndpoint =
    chosen.kind === 'embedded'
      ? { url: `http://127.0.0.1:${chosen.preferredPort}/mcp`, source: chosen.source, sandbox: true }
      : { url: chosen.url, source: chosen.source, sandbox: isLoopbackUrl(chosen.url) };
  const key = settings.key;
  const whereabouts: KeyWhereabouts = {
    inEnvironment: Boolean(input.env.FAVCRM_API_KEY?.trim()),
    storedIn: key?.storage.location ?? null,
    storedKind: key === null ? null : storedKindOf(key.storage.kind),
  };
  return { endpoint, apiKey: key?.apiKey ?? null, key: whereabouts, place: input.place };
}
