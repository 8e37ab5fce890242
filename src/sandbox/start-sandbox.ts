import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isFetchBlockedPort } from '../config/sandbox-port.js';
import { startBackgroundCheckpoints, type BackgroundCheckpointer } from './database/background-checkpoint.js';
import { openDatabase } from './database/database.js';
import { createOutbox } from './outbox-directory.js';
import type { Outbox } from './outbox.js';
import { DEFAULT_INVITE_CODE_RATE, DEFAULT_SIGNUP_RATE, type RateLimit } from './rate-limit.js';
import { loadOrCreateOwnershipToken } from './ownership-token.js';
import { loadOrCreatePepper } from './secret-hashing.js';
import { MCP_PATH, createSandboxHttpServer } from './server.js';
import { precomputedListing } from './precomputed-listing.js';
import { assertValidCatalogue, seedListedTools } from './tool-registry.js';
import { allTools } from './tools/index.js';
import type { SandboxSettings } from './tools/tool-definition.js';
import { FatalError } from '../errors/fatal-error.js';
import { errorMessage } from '../errors/error-message.js';

/** Loopback only: the sandbox holds keys and codes and must never be reachable from the network. */
const LISTEN_HOST = '127.0.0.1';

export interface StartSandboxOptions {
  /** TCP port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  /** Holds `favcrm-sandbox.sqlite`, the code pepper, the ownership token and `outbox/`; created (0700) if missing. */
  dataDir: string;
  /** Injected clock for code expiry, invites and rate limits (tests move it forward). */
  now?: () => Date;
  /** Signup requests per client network (all loopback is one); absent = FavCRM's 3/hour and 20/day, null = no limit. */
  signupRate?: RateLimit | null;
  /** Codes per team invite; absent = 5/hour and 20/day, null = no limit. */
  inviteCodeRate?: RateLimit | null;
  /** Suppresses the request log (the embedded sandbox in the chat UI must not write to the terminal). */
  quiet?: boolean;
  /** Where log lines go when not quiet; default stderr. */
  log?: (line: string) => void;
  /**
   * WAL checkpoints in a worker thread (database/background-checkpoint.ts); default true. The chat's embedded
   * sandbox turns it off: one person's writes never reach a checkpoint worth a thread, and its start is on the
   * chat's startup path.
   */
  backgroundCheckpoints?: boolean;
}

export interface RunningSandbox {
  /** The MCP endpoint, `http://127.0.0.1:N/mcp`. */
  url: string;
  port: number;
  dataDir: string;
  /** Where "emails" land as `.eml` files. */
  outboxDirectory: string;
  outbox: Outbox;
  /** Stops listening, drops open connections and closes the database; safe to call twice. */
  close(): Promise<void>;
}

/** A typed start failure with a message that says what to do (exit 1, no stack). */
export class SandboxStartError extends FatalError {
  override name = 'SandboxStartError';
  static override isInstance(value: unknown): value is SandboxStartError {
    return value instanceof Error && value.name === 'SandboxStartError';
  }
}

/** Starts the local FavCRM MCP server over `dataDir`; everything it stores survives a restart on the same dir. */
export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const now = options.now ?? (() => new Date());
  const dataDir = path.resolve(options.dataDir);
  const log = options.quiet ? () => undefined : (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const requestedPort = options.port ?? 0;
  if (isFetchBlockedPort(requestedPort)) {
    throw new SandboxStartError(
      `Port ${requestedPort} is one that fetch clients (this app, Node, browsers) refuse to connect to, so nothing could reach a sandbox there; pick another with --port (0 picks a free one).`,
    );
  }
  assertValidCatalogue(allTools);
  seedListedTools(allTools, precomputedListing());
  const db = openDatabase(dataDir);
  const codePepper = loadOrCreatePepper(dataDir);
  const ownershipToken = loadOrCreateOwnershipToken(dataDir);
  const outboxDirectory = path.join(dataDir, 'outbox');
  const outbox = createOutbox(outboxDirectory, now);
  const settings: SandboxSettings = {
    signupRate: options.signupRate === undefined ? DEFAULT_SIGNUP_RATE : options.signupRate,
    inviteCodeRate: options.inviteCodeRate === undefined ? DEFAULT_INVITE_CODE_RATE : options.inviteCodeRate,
    publicUrl: '',
  };
  const server = createSandboxHttpServer({ db, now, settings, outbox, tools: allTools, codePepper, log, dataDirectory: dataDir, ownershipToken });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(requestedPort, LISTEN_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    db.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new SandboxStartError(`Port ${requestedPort} on ${LISTEN_HOST} is already in use; pick another with --port (0 picks a free one).`);
    }
    throw new SandboxStartError(`The sandbox could not listen on ${LISTEN_HOST}:${requestedPort}: ${errorMessage(error)}`);
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${LISTEN_HOST}:${port}${MCP_PATH}`;
  // Known only now that the port is bound; handlers read settings per request.
  settings.publicUrl = url;

  let checkpointer: BackgroundCheckpointer | null = null;
  // Started by the first request rather than here: an embedded sandbox nobody calls needs no extra thread.
  if (options.backgroundCheckpoints !== false) {
    server.once('request', () => {
      checkpointer = startBackgroundCheckpoints(db, log);
    });
  }

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    dataDir,
    outboxDirectory,
    outbox,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          // The worker's connection goes first, so the server's close is the last one and folds the WAL back in.
          void (checkpointer?.stop() ?? Promise.resolve()).then(() => {
            db.close();
            resolve();
          });
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
