import path from 'node:path';
import { isFetchBlockedPort } from '../config/sandbox-port.js';
import { parseRateLimit } from '../sandbox/rate-limit.js';
import { SandboxStartError, startSandbox } from '../sandbox/start-sandbox.js';
import { probeSandbox, sameDirectory } from './running-sandbox.js';

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
   * The preferred port is that of the saved key's sandbox: use the sandbox of this app's answering there, over its own data
   * (the key lives there). Otherwise one over other data is not borrowed.
   */
  keyLivesThere?: boolean;
}

/**
 * Uses a sandbox already answering on the preferred port (e.g. `favcrm-chat sandbox` in another terminal) when it
 * proves to be this app's (ownership-token.ts) and keeps the same data or holds the saved key; else starts one
 * in-process: on the preferred port when free, else on a random one. Anything else listening there is reported and
 * left alone: it gets no SANDBOX badge and no say over which outbox is read.
 */
export async function startEmbeddedSandbox(input: EmbeddedSandboxInput): Promise<EmbeddedSandbox> {
  const signupRate = input.env.FAVCRM_SANDBOX_SIGNUP_RATE ? parseRateLimit(input.env.FAVCRM_SANDBOX_SIGNUP_RATE) : undefined;
  const start = async (port: number, notice?: string): Promise<EmbeddedSandbox> => {
    const running = await startSandbox({ port, dataDir: input.dataDir, quiet: true, backgroundCheckpoints: false, ...(signupRate !== undefined ? { signupRate } : {}) });
    return { url: running.url, dataDir: running.dataDir, outboxDirectory: running.outboxDirectory, close: () => running.close(), borrowed: false, ...(notice ? { notice } : {}) };
  };
  const port = input.preferredPort;
  const probe = port > 0 ? await probeSandbox(port, { dataDir: input.dataDir, acceptOtherData: true }) : ({ kind: 'nothing' } as const);
  if (probe.kind === 'something-else') {
    return start(0, `Something else is listening on 127.0.0.1:${port}; starting the sandbox on another port.`);
  }
  if (probe.kind === 'sandbox') {
    const dataDir = probe.dataDirectory;
    const ours = sameDirectory(dataDir, input.dataDir);
    // Another sandbox's data is another outbox (our /outbox would show nothing) and other accounts.
    if (!ours && !input.keyLivesThere) {
      return start(0, `The sandbox on port ${port} keeps its data in ${dataDir}, not ${input.dataDir}, so this one runs on a free port.`);
    }
    const elsewhere = ours ? '' : ` (its data is in ${dataDir})`;
    return {
      url: `http://127.0.0.1:${port}/mcp`,
      dataDir,
      outboxDirectory: path.join(dataDir, 'outbox'),
      close: async () => undefined,
      notice: `Using the FavCRM sandbox already running on port ${port}${elsewhere}.`,
      borrowed: true,
    };
  }
  try {
    return await start(port);
  } catch (error) {
    if (!SandboxStartError.isInstance(error)) throw error;
    const blocked = isFetchBlockedPort(port);
    if (!blocked && !/in use/.test(error.message)) throw error;
    const running = await start(0);
    const why = blocked ? 'is one fetch clients refuse to connect to' : 'is busy';
    return { ...running, notice: `Port ${port} ${why}, so the sandbox runs on ${running.url} this time.` };
  }
}
