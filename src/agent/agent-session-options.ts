/** What an AgentSession is built from: the endpoint, the model, where keys and state go (wired in src/app). */
import type { LanguageModel } from 'ai';
import type { ConnectClients } from '../connect/chat-connect.js';
import type { ConnectFavcrm } from '../mcp/favcrm-connection.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { EndpointInfo, KeyStorageInfo, ModelInfo, SandboxEmail } from './events.js';
import type { SessionStateStore } from './session-state-store.js';

export interface ResolvedKey {
  apiKey: string;
  /** Where it came from, for `doctor`'s authSource and the header. */
  source: string;
  storage: KeyStorageInfo;
}

export interface AgentSessionOptions {
  endpoint: EndpointInfo;
  connect: ConnectFavcrm;
  model: LanguageModel;
  modelInfo: ModelInfo;
  /** Where a newly issued key is saved. */
  secretStore: SecretStore;
  initialKey: ResolvedKey | null;
  /** Null keeps nothing on disk (tests that don't care about restarts). */
  stateStore: SessionStateStore | null;
  now?: () => Date;
  /** `--yes`: run gated tools without asking (scripts). */
  autoApprove?: boolean;
  /** `--new`: ignore the saved conversation. */
  fresh?: boolean;
  /** Retries of a failed model call (the AI SDK's own backoff); tests use 0. */
  maxRetries?: number;
  /** One-line warnings to show at start (e.g. the keyring fell back to a file). */
  startupNotices?: string[];
  /**
   * For an embedded sandbox borrowed from another favcrm-chat process: when it stops answering, start one here on
   * the same data and return where it listens (null: nothing to revive). Absent for any other endpoint.
   */
  reviveSandbox?: () => Promise<EndpointInfo | null>;
  /** `/connect`: writes other MCP clients' entries (src/connect); absent where it makes no sense (tests). */
  connectClients?: ConnectClients;
  /**
   * When the saved key is refused, a reason that is not "rejected" (e.g. the sandbox that issued it is not the one
   * running here), or null when this server is the key's own and its refusal stands.
   */
  keyNotFromThisServer?: () => string | null;
  /** Tokens one model request may carry (default DEFAULT_REQUEST_BUDGET_TOKENS). */
  contextBudgetTokens?: number;
  /** `doctor`'s model section: the model server's context window, when it says (absent offline and for OpenAI). */
  probeModelContext?: () => Promise<Record<string, unknown>>;
  /** Reads the embedded sandbox's outbox, newest first; absent for any other endpoint. */
  readOutbox?: (limit: number) => SandboxEmail[];
}
