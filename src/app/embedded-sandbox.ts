import fs from 'node:fs';
import path from 'node:path';
import type { SandboxEmail } from '../agent/events.js';
import { createOutbox } from '../sandbox/outbox-directory.js';
import { parseRateLimit } from '../sandbox/rate-limit.js';
import { SandboxStartError, startSandbox } from '../sandbox/start-sandbox.js';

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

/** Reads an outbox directory for `/outbox`: only what a person needs to finish signing up, newest first. */
export function outboxReader(directory: string): (limit: number) => SandboxEmail[] {
  const outbox = createOutbox(directory);
  return (limit) =>
    outbox.list(limit).map((entry) => ({ to: entry.to, subject: entry.subject, sentAt: entry.sentAt, ...(entry.code ? { code: entry.code } : {}) }));
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
    if (!SandboxStartError.isInstance(error) || !/in use/.test(error.message)) throw error;
    const running = await start(0);
    return { ...running, notice: `Port ${input.preferredPort} is busy, so the sandbox runs on ${running.url} this time.` };
  }
}

/** A FavCRM sandbox answering on `port`, with its data directory when it says (older ones do not), or null. */
async function runningSandboxData(port: number): Promise<{ dataDirectory?: string } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    if (!response.ok) return null;
    const info = (await response.json()) as { name?: unknown; mcp?: unknown; dataDirectory?: unknown };
    if (typeof info.name !== 'string' || typeof info.mcp !== 'string') return null;
    return typeof info.dataDirectory === 'string' ? { dataDirectory: info.dataDirectory } : {};
  } catch {
    return null;
  }
}

/** Same directory even when one path goes through a symlink (macOS /tmp) or is written differently. */
function sameDirectory(a: string, b: string): boolean {
  const real = (directory: string) => {
    try {
      return fs.realpathSync(directory);
    } catch {
      return path.resolve(directory);
    }
  };
  return real(a) === real(b);
}
