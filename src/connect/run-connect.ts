import { applyConnect } from './apply-connect.js';
import { CLIENTS, findClient } from './clients/index.js';
import { ConnectError } from './connect-errors.js';
import { prepareConnect } from './connect-plan.js';
import { CLIENT_IDS, type ConnectEndpoint, type ConnectPlace, type ConnectPlan, type ConnectScope, type DetectedClient } from './connect-types.js';
import { detectClients } from './detect-clients.js';
import type { KeyWhereabouts } from './key-instructions.js';

/** What the person asked for: `connect [client] [--remove] [--dry-run] [--scope …]`. */
export interface ConnectRequest {
  /** Absent: list the clients found here and what connect would write where. */
  client?: string;
  scope?: ConnectScope;
  remove?: boolean;
  dryRun?: boolean;
  /** The person was told the key goes into the file (Claude Desktop) and agreed. */
  allowKeyInFile?: boolean;
}

/** What connect works from: the endpoint and key the chat uses, and where client files live. */
export interface ConnectContext {
  endpoint: ConnectEndpoint;
  /** Used only for a client that must hold the key inline; never returned. */
  apiKey: string | null;
  key: KeyWhereabouts;
  place: ConnectPlace;
  now?: () => Date;
}

export interface ListedClient extends DetectedClient {
  /** What `connect <client>` would do at the asked scope (user by default), or why it cannot. */
  plan: ConnectPlan | null;
  problem: { message: string; hint?: string } | null;
}

export type ConnectReport =
  | { kind: 'listing'; endpoint: ConnectEndpoint; clients: ListedClient[] }
  | { kind: 'result'; dryRun: boolean; written: boolean; plan: ConnectPlan }
  /** Nothing written: the key would go into the file, and the person has not agreed yet. */
  | { kind: 'needs-confirmation'; plan: ConnectPlan };

/** Runs one connect request. Refusals are ConnectErrors with a message and a hint; the key is in no result. */
export async function runConnect(request: ConnectRequest, context: ConnectContext): Promise<ConnectReport> {
  if (request.client === undefined) return listClients(context, request.scope ?? 'user');
  const client = findClient(request.client);
  const prepared = await prepareConnect({
    client,
    scope: request.scope ?? 'user',
    endpoint: context.endpoint,
    place: context.place,
    apiKey: context.apiKey,
    key: context.key,
    ...(request.remove ? { remove: true } : {}),
  });
  const { plan } = prepared;
  if (request.dryRun || prepared.contents === null) return { kind: 'result', dryRun: request.dryRun === true, written: false, plan };
  if (plan.keyInFile && !request.remove && !request.allowKeyInFile) return { kind: 'needs-confirmation', plan };
  return { kind: 'result', dryRun: false, written: true, plan: await applyConnect(prepared, context.now) };
}

async function listClients(context: ConnectContext, scope: ConnectScope): Promise<ConnectReport> {
  const detected = await detectClients(context.place);
  const clients = await Promise.all(
    detected.map(async (found): Promise<ListedClient> => {
      try {
        const prepared = await prepareConnect({ client: CLIENTS[found.client], scope, endpoint: context.endpoint, place: context.place, apiKey: context.apiKey, key: context.key });
        return { ...found, plan: prepared.plan, problem: null };
      } catch (error) {
        if (!ConnectError.isInstance(error)) throw error;
        return { ...found, plan: null, problem: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
      }
    }),
  );
  return { kind: 'listing', endpoint: context.endpoint, clients };
}

/** The names `connect` accepts, for usage text. */
export const CONNECT_CLIENT_NAMES = CLIENT_IDS.join(', ');
