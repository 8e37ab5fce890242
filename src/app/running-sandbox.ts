import fs from 'node:fs';
import path from 'node:path';
import { CHALLENGE_HEADER, PROOF_HEADER, newChallenge, proofMatches, readOwnershipToken } from '../sandbox/ownership-token.js';

// What is answering on a loopback port, and whether it is one of this app's sandboxes: kept apart from
// embedded-sandbox.ts so asking costs no SQLite or sandbox code. Answering `GET /` like a sandbox proves nothing
// (any process can); only a proof made with the token in a data directory this user owns counts (ownership-token.ts).

/** What a probe of 127.0.0.1:PORT found. */
export type SandboxProbe =
  /** Nothing answered HTTP there (the port is free, or held by something that is not an HTTP server). */
  | { kind: 'nothing' }
  /** Something answered but did not prove it is this app's sandbox: never borrowed, never shown as a sandbox. */
  | { kind: 'something-else' }
  /** One of this app's sandboxes, proved with the token of the data directory it keeps its data in. */
  | { kind: 'sandbox'; dataDirectory: string };

export interface ProbeOptions {
  /** The data directory this app would use: its token is tried first. */
  dataDir?: string;
  /**
   * Also try the token of the data directory the server names at `GET /` (its own words, so only the token there,
   * in a private file of this user, makes it believable). For a sandbox reached by URL or holding the saved key.
   */
  acceptOtherData?: boolean;
}

/** How long a probe waits: a local server answers in milliseconds, and this sits on the chat's startup path. */
const PROBE_TIMEOUT_MS = 500;

/** Asks what answers on 127.0.0.1:`port` and whether it proves to be one of this app's sandboxes. */
export async function probeSandbox(port: number, options: ProbeOptions = {}): Promise<SandboxProbe> {
  const challenge = newChallenge();
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [CHALLENGE_HEADER]: challenge }, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch {
    return { kind: 'nothing' };
  }
  const proof = response.headers.get(PROOF_HEADER);
  let claimed: unknown;
  try {
    claimed = ((await response.json()) as { dataDirectory?: unknown } | null)?.dataDirectory;
  } catch {
    claimed = undefined;
  }
  const candidates = [options.dataDir, options.acceptOtherData && typeof claimed === 'string' && path.isAbsolute(claimed) ? claimed : undefined];
  for (const directory of candidates) {
    if (directory === undefined) continue;
    const token = readOwnershipToken(directory);
    if (token && proofMatches(token, challenge, port, proof)) return { kind: 'sandbox', dataDirectory: directory };
  }
  return { kind: 'something-else' };
}

/**
 * The data directory of one of this app's sandboxes answering on `port` (e.g. `favcrm-chat sandbox` reached with
 * --url), or null when none proves itself there: only then is the endpoint shown as a sandbox and its outbox read.
 */
export async function runningSandboxData(port: number): Promise<{ dataDirectory: string } | null> {
  const probe = await probeSandbox(port, { acceptOtherData: true });
  return probe.kind === 'sandbox' ? { dataDirectory: probe.dataDirectory } : null;
}

/** Same directory even when one path goes through a symlink (macOS /tmp) or is written differently. */
export function sameDirectory(a: string, b: string): boolean {
  const real = (directory: string) => {
    try {
      return fs.realpathSync(directory);
    } catch {
      return path.resolve(directory);
    }
  };
  return real(a) === real(b);
}
