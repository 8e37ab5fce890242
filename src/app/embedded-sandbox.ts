import fs from 'node:fs';
import path from 'node:path';
import type { SandboxEmail } from '../agent/events.js';
import { createOutbox } from '../sandbox/outbox-directory.js';
import { parseRateLimit } from '../sandbox/rate-limit.js';
import { SandboxStartError, startSandbox } from '../sandbox/start-sandbox.js';

type Env = Record<string, string | undefined>;

export interface EmbeddedSandbox {
  url: string;
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

/**
 * Uses a sandbox already answering on the preferred port over the same data (e.g. `favcrm-chat sandbox` in another
 * terminal), else starts one in-process: on the preferred port when free, else on a random one.
 */
export async function startEmbeddedSandbox(input: { preferredPort: number; dataDir: string; env: Env }): Promise<EmbeddedSandbox> {
  const signupRate = input.env.FAVCRM_SANDBOX_SIGNUP_RATE ? parseRateLimit(input.env.FAVCRM_SANDBOX_SIGNUP_RATE) : undefined;
  const start = (port: number) =>
    startSandbox({ port, dataDir: input.dataDir, quiet: true, backgroundCheckpoints: false, ...(signupRate !== undefined ? { signupRate } : {}) });
  const listening = input.preferredPort > 0 ? await runningSandboxData(input.preferredPort) : null;
  // Another sandbox's data would mean another outbox (our /outbox would show nothing) and, were it to stop, keys
  // and a pending signup our own sandbox has never seen.
  if (listening && listening.dataDirectory !== undefined && !sameDirectory(listening.dataDirectory, input.dataDir)) {
    const running = await start(0);
    return {
      url: running.url,
      outboxDirectory: running.outboxDirectory,
      close: () => running.close(),
      notice: `The sandbox on port ${input.preferredPort} keeps its data in ${listening.dataDirectory}, not ${input.dataDir}, so this one runs on ${running.url}.`,
      borrowed: false,
    };
  }
  if (listening) {
    return {
      url: `http://127.0.0.1:${input.preferredPort}/mcp`,
      outboxDirectory: path.join(input.dataDir, 'outbox'),
      close: async () => undefined,
      notice: `Using the FavCRM sandbox already running on port ${input.preferredPort}.`,
      borrowed: true,
    };
  }
  try {
    const running = await start(input.preferredPort);
    return { url: running.url, outboxDirectory: running.outboxDirectory, close: () => running.close(), borrowed: false };
  } catch (error) {
    if (!SandboxStartError.isInstance(error) || !/in use/.test(error.message)) throw error;
    const running = await start(0);
    return {
      url: running.url,
      outboxDirectory: running.outboxDirectory,
      close: () => running.close(),
      notice: `Port ${input.preferredPort} is busy, so the sandbox runs on ${running.url} this time.`,
      borrowed: false,
    };
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
