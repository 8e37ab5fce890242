import path from 'node:path';
import type { AppPaths } from '../config/paths.js';
import { cliInvocation } from '../config/cli-invocation.js';
import { AgentSession, type ResolvedKey } from '../agent/agent-session.js';
import type { EndpointInfo, SandboxEmail } from '../agent/events.js';
import { selectModel } from '../agent/model-selection.js';
import { SessionStateStore } from '../agent/session-state-store.js';
import { connectFavcrm, type FavcrmConnection } from '../mcp/favcrm-connection.js';
import { loopbackPortOf, SAVED_SANDBOX_URL } from '../mcp/endpoint.js';
import { resolveSettings, type SettingsOptions } from '../config/resolve-settings.js';
import { EndpointKeyStore } from '../secrets/endpoint-key-store.js';
import { isLoopbackUrl } from '../secrets/endpoint-url.js';
import { maskKey } from '../secrets/mask-key.js';
import type { ResolvedApiKey } from '../secrets/resolve-api-key.js';
import { chatConnectClients } from '../connect/chat-connect.js';
import type { AppOptions } from './app-options.js';
import { checkAppOptions } from './check-app-options.js';
import type { EarlyStart } from './early-start.js';
import { outboxReader } from './outbox-reader.js';
import { runningSandboxData, sameDirectory } from './running-sandbox.js';

type Env = Record<string, string | undefined>;

export interface AppContext {
  session: AgentSession;
  endpoint: EndpointInfo;
  /** Warnings from setting up (the keyring, a busy port, a saved key kept back): the session shows them on start. */
  startupNotices: readonly string[];
  /**
   * A connection to the same endpoint with the same key the session would use (`favcrm-chat tool`): one place
   * decides both, so the command and the chat can never disagree. The caller closes it.
   */
  connect(): Promise<FavcrmConnection>;
  /** Closes the session and stops the embedded sandbox, if one was started. */
  close(): Promise<void>;
}

/**
 * Wires the core from flags and environment: secret store, key, endpoint (or embedded sandbox), model, state.
 * `early` carries work the CLI began before this module loaded (the keyring probe).
 */
export async function createAgentSession(options: AppOptions, env: Env, paths: AppPaths, early: EarlyStart = {}): Promise<AppContext> {
  const { keyStore } = checkAppOptions(options, env);
  // Without a URL flag or variable the endpoint is most likely the embedded sandbox: its code loads while this
  // thread would only wait for the keyring probe (another process). Without a probe there is nothing to overlap,
  // and loading it before knowing would only cost a saved remote URL its time.
  const sandboxModule = early.keyringProbe && !explicitUrlGiven(options, env) ? import('./embedded-sandbox.js') : null;
  sandboxModule?.catch(() => undefined);
  const { keyringProbe } = early;
  // Endpoint, key, key stores and the model's environment: decided in one place, shared with doctor and auth status.
  const settings = await resolveSettings({
    options: { ...settingsOptions(options), ...(keyStore ? { keyStore } : {}) },
    env,
    paths,
    ...(keyringProbe ? { probe: () => keyringProbe } : {}),
    stdin: process.stdin,
  });
  const { info: modelInfo, model, probeContext, contextBudgetTokens } = await selectModel(options.model, settings.modelEnv);
  const notices: string[] = [...settings.notices];
  const endpointChoice = settings.endpoint;

  let endpoint: EndpointInfo;
  let stopSandbox: () => Promise<void> = async () => undefined;
  let readOutbox: ((limit: number) => SandboxEmail[]) | undefined;
  let reviveSandbox: (() => Promise<EndpointInfo | null>) | undefined;
  if (endpointChoice.kind === 'embedded') {
    // Loaded only here: a remote FavCRM needs none of the sandbox (its SQLite, 82 tool schemas, MCP server).
    const { startEmbeddedSandbox } = await (sandboxModule ?? import('./embedded-sandbox.js'));
    const keyLivesThere = endpointChoice.source === SAVED_SANDBOX_URL;
    const sandbox = await startEmbeddedSandbox({ preferredPort: endpointChoice.preferredPort, dataDir: endpointChoice.dataDir, env, keyLivesThere });
    // A borrowed sandbox's data, not ours: its outbox holds the codes, and a revived one must hold its keys.
    const dataDir = sandbox.dataDir;
    const dataFlag = path.resolve(dataDir) === path.resolve(paths.sandboxDataDir) ? '' : ` --data ${shellQuote(dataDir)}`;
    endpoint = {
      url: sandbox.url,
      sandbox: true,
      dataDirectory: dataDir,
      outboxDirectory: sandbox.outboxDirectory,
      outboxCommand: `${cliInvocation(env)} sandbox outbox${dataFlag}`,
    };
    readOutbox = outboxReader(sandbox.outboxDirectory);
    let current = sandbox;
    // A sandbox borrowed from another window may stop with it; then run one here on the same data. It may be
    // borrowed again (a third window got there first), so this stays armed until we own one.
    reviveSandbox = async () => {
      if (!current.borrowed) return null;
      current = await startEmbeddedSandbox({ preferredPort: endpointChoice.preferredPort, dataDir, env, keyLivesThere: true });
      stopSandbox = current.close;
      return { ...endpoint, url: current.url };
    };
    stopSandbox = sandbox.close;
    if (sandbox.notice) notices.push(sandbox.notice);
  } else {
    endpoint = { url: endpointChoice.url, sandbox: false };
    // `favcrm-chat sandbox` in another terminal, reached with --url: it is a sandbox, and its outbox is readable here.
    const port = loopbackPortOf(endpointChoice.url);
    const local = port === null ? null : await runningSandboxData(port);
    if (local?.dataDirectory !== undefined) {
      const dataFlag = path.resolve(local.dataDirectory) === path.resolve(paths.sandboxDataDir) ? '' : ` --data ${shellQuote(local.dataDirectory)}`;
      const outboxDirectory = path.join(local.dataDirectory, 'outbox');
      endpoint = { ...endpoint, sandbox: true, dataDirectory: local.dataDirectory, outboxDirectory, outboxCommand: `${cliInvocation(env)} sandbox outbox${dataFlag}` };
      readOutbox = outboxReader(outboxDirectory);
    } else if (port !== null && local === null && settings.keyDataDir !== undefined) {
      // The sandbox that issued the saved key for this URL is not running: say so, and how to start it.
      notices.push(
        `The sandbox that issued your key for ${endpointChoice.url} (its data is in ${settings.keyDataDir}) is not running. ` +
          `Start it with \`${cliInvocation(env)} sandbox --port ${port} --data ${shellQuote(settings.keyDataDir)}\`; the key is kept.`,
      );
    }
  }

  const key = settings.key;
  const initialKey: ResolvedKey | null = key ? { apiKey: key.apiKey, source: key.source, storage: key.storage } : null;
  const keyStoreForEndpoint = new EndpointKeyStore({
    home: settings.stores.store,
    ...(settings.stores.store !== settings.stores.configFile ? { homeFallback: settings.stores.configFile } : {}),
    appFile: settings.appFile,
    url: endpoint.url,
    ...(key && key.storage.kind !== 'environment' ? { current: key.storage } : {}),
    onNotice: (text) => session.announce(text),
  });
  const sandboxOfKey = sandboxThatIssuedKey(key, settings.keyDataDir, endpoint, env);
  const session = new AgentSession({
    endpoint,
    connect: connectFavcrm,
    model,
    modelInfo,
    secretStore: keyStoreForEndpoint,
    keyNotFromThisServer: () => sandboxOfKey,
    initialKey,
    stateStore: new SessionStateStore(paths.stateDir),
    autoApprove: options.yes,
    fresh: options.fresh,
    startupNotices: notices,
    connectClients: chatConnectClients(env),
    ...(readOutbox ? { readOutbox } : {}),
    ...(reviveSandbox ? { reviveSandbox } : {}),
    ...(probeContext ? { probeModelContext: probeContext } : {}),
    ...(contextBudgetTokens ? { contextBudgetTokens } : {}),
  });
  return {
    session,
    endpoint,
    startupNotices: notices,
    connect: () => connectFavcrm(endpoint.url, initialKey?.apiKey ?? null),
    async close() {
      await session.close();
      // Read at close time: a revived sandbox replaced the one we started with.
      await stopSandbox();
    },
  };
}

/** The flags resolveSettings reads. */
function settingsOptions(options: AppOptions): SettingsOptions {
  return {
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    ...(options.apiKeyFile !== undefined ? { apiKeyFile: options.apiKeyFile } : {}),
    ...(options.data !== undefined ? { data: options.data } : {}),
  };
}

/**
 * A saved sandbox key is only ever refused by the sandbox that issued it. When the sandbox answering here keeps its
 * data somewhere else (or which one issued the key is not known), a refusal says that, and how to start the right
 * one, instead of "rejected" and `/logout` (which would delete the only copy of a good key). Null: the refusal stands.
 */
function sandboxThatIssuedKey(key: ResolvedApiKey | null, keyDataDir: string | undefined, endpoint: EndpointInfo, env: Env): string | null {
  if (!key || key.storage.kind === 'environment' || !isLoopbackUrl(endpoint.url)) return null;
  if (keyDataDir !== undefined && endpoint.dataDirectory !== undefined && sameDirectory(keyDataDir, endpoint.dataDirectory)) return null;
  const port = loopbackPortOf(key.savedFor ?? endpoint.url) ?? 8765;
  const here = endpoint.dataDirectory ? ` (its data is in ${endpoint.dataDirectory})` : '';
  const start = `${cliInvocation(env)} sandbox --port ${port}${keyDataDir ? ` --data ${shellQuote(keyDataDir)}` : ' --data DIR'}`;
  return (
    `The sandbox at ${endpoint.url}${here} does not know the saved key ${maskKey(key.apiKey)}: ` +
    `${keyDataDir ? `it was issued by the sandbox whose data is in ${keyDataDir}` : 'it was issued by a sandbox over other data'}, which is not the one running here. ` +
    `The key is kept. Continuing signed out here; to use it, start that sandbox (\`${start}\`) and run favcrm-chat again.`
  );
}

/** True when `--url`, FAVCRM_MCP_URL or FAVCRM_API_BASE names the server (contract §1.5), so no sandbox is needed. */
function explicitUrlGiven(options: AppOptions, env: Env): boolean {
  return Boolean(options.url?.trim() || env.FAVCRM_MCP_URL?.trim() || env.FAVCRM_API_BASE?.trim());
}

/** A path as a shell word: bare when it is plainly safe, else single-quoted. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
