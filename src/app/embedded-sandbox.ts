import path from 'node:path';
import { isFetchBlockedPort } from '../config/sandbox-port.js';
import { parseRateLimit } from '../sandbox/rate-limit.js';
import { SandboxStartError, startSandbox } from '../sandbox/start-sandbox.js';
import { runningSandboxData, sameDirectory } from './running-sandbox.js';

type Env = Record<string, string | undefined>;

export interface EmbeddedSandbox {
  url: string;
  /** The sandbox's data directory: ours, or the one a borrowed sandbox reports. */
  dataDir: string;
  outboxDirectory: string;
  close(): Promise<void>;
  /** Set when the preferred port was taken and another was used, or an existing sandbox was reused. */
  notice?: string;
  /** True when another process runs it (we answer for nothing, and it may stop while we run). */
  borrowed: boolean;
}

export interface EmbeddedSandboxInput {
  preferredPort: number;
  dataDir: string;
  env: Env;
  /**
   * The preferred port is that of the saved key's sandbox: use whatever sandbox answers there, over its own data
   * (the key lives there). Otherwise one over other data is not borrowed.
   */
  keyLivesThere?: boolean;
}

/**
 * Uses a sandbox already answering on the preferred port (e.g. `favcrm-chat sandbox` in another terminal) when it
 * keeps the same data or holds the saved key, else starts one in-process: on the preferred port when free, else on a
 * random one. A borrowed sandbox's own data directory (it says at `GET /`) is the one its outbox is read from.
 */
export async function startEmbeddedSandbox(input: EmbeddedSandboxInput): Promise<EmbeddedSandbox> {
  const signupRate = input.env.FAVCRM_SANDBOX_SIGNUP_RATE ? parseRateLimit(input.env.FAVCRM_SANDBOX_SIGNUP_RATE) : undefined;
  const start = async (port: number, notice?: string): Promise<EmbeddedSandbox> => {
    const running = await startSandbox({ port, dataDir: input.dataDir, quiet: true, backgroundCheckpoints: false, ...(signupRate !== undefined ? { signupRate } : {}) });
    return { url: running.url, dataDir: running.dataDir, outboxDirectory: running.outboxDirectory, close: () => running.close(), borrowed: false, ...(notice ? { notice } : {}) };
  };
  const listening = input.preferredPort > 0 ? await runningSandboxData(input.preferredPort) : null;
  if (listening) {
    // A sandbox too old to say where its data is: assume ours, as before.
    const dataDir = listening.dataDirectory ?? input.dataDir;
    if (input.keyLivesThere || sameDirectory(dataDir, input.dataDir)) {
      const elsewhere = sameDirectory(dataDir, input.dataDir) ? '' : ` (its data is in ${dataDir})`;
      return {
        url: `http://127.0.0.1:${input.preferredPort}/mcp`,
        dataDir,
        outboxDirectory: path.join(dataDir, 'outbox'),
        close: async () => undefined,
        notice: `Using the FavCRM sandbox already running on port ${input.preferredPort}${elsewhere}.`,
        borrowed: true,
      };
    }
    // Another sandbox's data is another outbox (our /outbox would show nothing) and other accounts.
    return start(0, `The sandbox on port ${input.preferredPort} keeps its data in ${dataDir}, not ${input.dataDir}, so this one runs on a free port.`);
  }
  try {
    return await start(input.preferredPort);
  } catch (error) {
    if (!SandboxStartError.isInstance(error)) throw error;
    const blocked = isFetchBlockedPort(input.preferredPort);
    if (!blocked && !/in use/.test(error.message)) throw error;
    const running = await start(0);
    const why = blocked ? 'is one fetch clients refuse to connect to' : 'is busy';
    return { ...running, notice: `Port ${input.preferredPort} ${why}, so the sandbox runs on ${running.url} this time.` };
  }
}
