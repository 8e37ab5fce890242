import path from 'node:path';
import type { AppPaths } from '../config/paths.js';
import { cliInvocation } from '../config/cli-invocation.js';
import { AgentSession, type ResolvedKey } from '../agent/agent-session.js';
import type { EndpointInfo, SandboxEmail } from '../agent/events.js';
import { selectModel } from '../agent/model-selection.js';
import { SessionStateStore } from '../agent/session-state-store.js';
import { connectFavcrm, type FavcrmConnection } from '../mcp/favcrm-connection.js';
import { loopbackPortOf, resolveEndpoint, SAVED_SANDBOX_URL } from '../mcp/endpoint.js';
import { chooseSecretStore } from '../secrets/choose-secret-store.js';
import { FallbackSecretStore } from '../secrets/fallback-secret-store.js';
import { resolveApiKey, resolveStoredUrl } from '../secrets/resolve-api-key.js';
import { keyForEndpoint } from '../secrets/saved-key-endpoint.js';
import type { AppOptions } from './app-options.js';
import { checkAppOptions } from './check-app-options.js';
import type { EarlyStart } from './early-start.js';
import { outboxReader } from './outbox-reader.js';
import { runningSandboxData } from './running-sandbox.js';

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
  const { info: modelInfo, model } = await selectModel(options.model, env);
  const notices: string[] = [];
  const { keyringProbe } = early;
  const choice = await chooseSecretStore({
    env,
    paths,
    ...(keyStore ? { keyStore } : {}),
    ...(keyringProbe ? { probe: () => keyringProbe } : {}),
    onWarning: (text) => notices.push(text),
  });
  if (choice.warning) notices.push(choice.warning);
  const key = await resolveApiKey({ ...(options.apiKey ? { apiKeyFlag: options.apiKey } : {}), env, stores: choice.readStores, onWarning: (text) => notices.push(text) });
  // A broken config.toml would otherwise look like "signed out" with no reason given.
  const configState = await choice.configFile.inspect();
  if (configState.status === 'malformed' || configState.status === 'unreadable') {
    notices.push(
      `${configState.path} could not be read (${configState.problem}), so any key or URL in it is ignored. Fix the file or move it away; a key saved here backs it up to config.toml.bak first.`,
    );
  }
  const storedUrl = await resolveStoredUrl(choice.readStores);
  const endpointChoice = resolveEndpoint({ ...(options.url ? { urlFlag: options.url } : {}), env, storedUrl: storedUrl?.url ?? null });

  let endpoint: EndpointInfo;
  let stopSandbox: () => Promise<void> = async () => undefined;
  let readOutbox: ((limit: number) => SandboxEmail[]) | undefined;
  let reviveSandbox: (() => Promise<EndpointInfo | null>) | undefined;
  if (endpointChoice.kind === 'embedded') {
    // Loaded only here: a remote FavCRM needs none of the sandbox (its SQLite, 82 tool schemas, MCP server).
    const { startEmbeddedSandbox } = await (sandboxModule ?? import('./embedded-sandbox.js'));
    const keyLivesThere = endpointChoice.source === SAVED_SANDBOX_URL;
    const sandbox = await startEmbeddedSandbox({ preferredPort: endpointChoice.preferredPort, dataDir: options.data ?? paths.sandboxDataDir, env, keyLivesThere });
    // A borrowed sandbox's data, not ours: its outbox holds the codes, and a revived one must hold its keys.
    const dataDir = sandbox.dataDir;
    const dataFlag = path.resolve(dataDir) === path.resolve(paths.sandboxDataDir) ? '' : ` --data ${shellQuote(dataDir)}`;
    endpoint = {
      url: sandbox.url,
      sandbox: true,
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
      endpoint = { ...endpoint, sandbox: true, outboxDirectory, outboxCommand: `${cliInvocation(env)} sandbox outbox${dataFlag}` };
      readOutbox = outboxReader(outboxDirectory);
    }
  }

  // The saved-key guard's "embedded sandbox" means ours: a sandbox reached with --url is another endpoint.
  const usable = keyForEndpoint(key, { ...endpoint, sandbox: endpointChoice.kind === 'embedded' });
  if (usable.notice) notices.push(usable.notice);
  const initialKey: ResolvedKey | null = usable.key ? { apiKey: usable.key.apiKey, source: usable.key.source, storage: usable.key.storage } : null;
  const session = new AgentSession({
    endpoint,
    connect: connectFavcrm,
    model,
    modelInfo,
    secretStore: new FallbackSecretStore(choice.store, choice.configFile, (text) => session.announce(text)),
    initialKey,
    stateStore: new SessionStateStore(paths.stateDir),
    autoApprove: options.yes,
    fresh: options.fresh,
    startupNotices: notices,
    ...(readOutbox ? { readOutbox } : {}),
    ...(reviveSandbox ? { reviveSandbox } : {}),
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

/** True when `--url`, FAVCRM_MCP_URL or FAVCRM_API_BASE names the server (contract §1.5), so no sandbox is needed. */
function explicitUrlGiven(options: AppOptions, env: Env): boolean {
  return Boolean(options.url?.trim() || env.FAVCRM_MCP_URL?.trim() || env.FAVCRM_API_BASE?.trim());
}

/** A path as a shell word: bare when it is plainly safe, else single-quoted. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
