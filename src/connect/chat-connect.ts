import type { KeyStorageInfo } from '../secrets/key-storage-info.js';
import { resolveConnectPlace } from './connect-place.js';
import { storedKindOf } from './key-instructions.js';
import { runConnect, type ConnectReport, type ConnectRequest } from './run-connect.js';

type Env = Record<string, string | undefined>;

/** What the running chat knows: the endpoint it is connected to and the key it uses (held, never returned). */
export interface LiveConnection {
  url: string;
  sandbox: boolean;
  apiKey: string | null;
  storage: KeyStorageInfo | null;
}

export type ConnectClients = (request: ConnectRequest, live: LiveConnection) => Promise<ConnectReport>;

/** `/connect` for the chat: the same core as `favcrm-chat connect`, for the endpoint the chat is talking to. */
export function chatConnectClients(env: Env, platform: NodeJS.Platform = process.platform, cwd?: string): ConnectClients {
  return (request, live) =>
    runConnect(request, {
      endpoint: { url: live.url, source: 'the chat\'s endpoint', sandbox: live.sandbox },
      apiKey: live.apiKey,
      key: {
        inEnvironment: Boolean(env.FAVCRM_API_KEY?.trim()),
        storedIn: live.apiKey === null ? null : (live.storage?.location ?? null),
        storedKind: live.apiKey === null || !live.storage ? null : storedKindOf(live.storage.kind),
      },
      place: resolveConnectPlace(env, platform, cwd ?? process.cwd()),
    });
}
