import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type Database from 'better-sqlite3';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isLoopbackHostname } from '../config/loopback.js';
import { PORTAL_KEYS_URL, PORTAL_URL, resolveCaller } from './accounts.js';
import { buildMcpServer } from './build-mcp-server.js';
import { inspectEnvelope, isAuthExempt, type JsonRpcId } from './json-rpc-envelope.js';
import { JSON_RPC } from './json-rpc-failure.js';
import type { Outbox } from './outbox.js';
import { CHALLENGE_HEADER, PROOF_HEADER, ownershipProof } from './ownership-token.js';
import { serverCard } from './server-card.js';
import { SANDBOX_SERVER_NAME, SANDBOX_SERVER_VERSION } from './server-info.js';
import type { Caller, SandboxSettings, SandboxTool } from './tools/tool-definition.js';

/** Largest JSON-RPC body we read; a tool call is a few KB, so 1 MB only stops abuse. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this we stop draining an oversize body and drop the connection. */
const DRAIN_LIMIT_BYTES = 32 * MAX_BODY_BYTES;

export const MCP_PATH = '/mcp';
export const SERVER_CARD_PATH = '/.well-known/mcp/server-card.json';

/** What the HTTP layer needs; everything is injected by start-sandbox.ts. */
export interface SandboxHttpDependencies {
  db: Database.Database;
  now: () => Date;
  /** Read per request: start-sandbox fills in `publicUrl` once the port is known. */
  settings: SandboxSettings;
  outbox: Outbox;
  tools: readonly SandboxTool[];
  codePepper: Buffer;
  log: (line: string) => void;
  /**
   * Where its database and outbox live, shown at `GET /`: another favcrm-chat borrows this sandbox only when it
   * would use the same data (its keys, pending signups and outbox are then the same ones).
   */
  dataDirectory?: string;
  /**
   * The random token in the data directory's 0600 `sandbox-owner.key`: `GET /` with a challenge header is answered
   * with an HMAC of it (ownership-token.ts), so a favcrm-chat borrows this sandbox only after that proof.
   */
  ownershipToken?: Buffer;
}

/**
 * The sandbox's HTTP front: `POST /mcp` (stateless Streamable HTTP, one SDK server + transport per request),
 * the public server card, and JSON errors for everything else. Every response carries `X-Request-Id`.
 */
export function createSandboxHttpServer(dependencies: SandboxHttpDependencies): http.Server {
  return http.createServer((request, response) => {
    const requestId = randomUUID();
    const started = Date.now();
    response.setHeader('X-Request-Id', requestId);
    response.on('finish', () => {
      dependencies.log(`${request.method} ${request.url} ${response.statusCode} ${Date.now() - started}ms ${requestId}`);
    });
    route(request, response, dependencies).catch((error: unknown) => {
      if (error instanceof ClientGoneError) {
        response.destroy();
        return;
      }
      dependencies.log(`Internal error on request ${requestId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJsonRpcError(response, 500, null, JSON_RPC.internalError, `Internal sandbox error (X-Request-Id ${requestId}); the sandbox log has details.`);
    });
  });
}


/** Verdicts per Host/Origin value; a client sends the same one on every request, so URL parsing is paid once. */
const loopbackVerdicts = new Map<string, boolean>();
/** Bounds the cache: a hostile client cycling Host values only makes us parse again. */
const MAX_LOOPBACK_VERDICTS = 64;

/** True for `127.0.0.1:8765`, `localhost`, `http://127.0.0.1:3000` and the like. */
function isLoopback(hostOrOrigin: string): boolean {
  const known = loopbackVerdicts.get(hostOrOrigin);
  if (known !== undefined) return known;
  let verdict = false;
  try {
    const url = new URL(hostOrOrigin.includes('://') ? hostOrOrigin : `http://${hostOrOrigin}`);
    verdict = isLoopbackHostname(url.hostname);
  } catch {
    verdict = false;
  }
  if (loopbackVerdicts.size >= MAX_LOOPBACK_VERDICTS) loopbackVerdicts.clear();
  loopbackVerdicts.set(hostOrOrigin, verdict);
  return verdict;
}

/** The path of a request target; the plain `/mcp` every client posts to skips URL parsing. */
function pathnameOf(target: string | undefined): string {
  if (target === MCP_PATH) return MCP_PATH;
  return new URL(target ?? '/', 'http://sandbox.invalid').pathname;
}

async function route(request: http.IncomingMessage, response: http.ServerResponse, dependencies: SandboxHttpDependencies): Promise<void> {
  const pathname = pathnameOf(request.url);
  // Loopback alone does not stop a web page: DNS rebinding sends a foreign Host, and a page's fetch carries its
  // Origin. Neither the CLI nor Node clients send a foreign one, so refusing both costs nothing.
  const { host, origin } = request.headers;
  // `Origin: null` (sandboxed iframes, file pages) is not loopback either.
  if ((host !== undefined && !isLoopback(host)) || (origin !== undefined && !isLoopback(origin))) {
    return sendJsonRpcError(response, 403, null, JSON_RPC.serverError, 'Forbidden: the sandbox only answers local clients (Host and Origin must be 127.0.0.1 or localhost).');
  }
  if (pathname === MCP_PATH || pathname === `${MCP_PATH}/`) {
    if (request.method === 'POST') return handleMcpPost(request, response, dependencies);
    response.setHeader('Allow', 'POST');
    // Stateless: there is no standalone SSE stream to GET and no session to DELETE.
    return sendJsonRpcError(response, 405, null, JSON_RPC.serverError, `Method not allowed: send JSON-RPC requests with POST ${MCP_PATH}.`);
  }
  if (pathname === SERVER_CARD_PATH && (request.method === 'GET' || request.method === 'HEAD')) {
    return sendJson(response, 200, serverCard(dependencies.tools, dependencies.settings.publicUrl));
  }
  if (pathname === '/' && request.method === 'GET') {
    const challenge = request.headers[CHALLENGE_HEADER];
    if (dependencies.ownershipToken && typeof challenge === 'string') {
      // Bound to the port this connection reached, not to anything the client says.
      const proof = ownershipProof(dependencies.ownershipToken, challenge, request.socket.localPort ?? 0);
      if (proof) response.setHeader(PROOF_HEADER, proof);
    }
    return sendJson(response, 200, {
      name: SANDBOX_SERVER_NAME,
      version: SANDBOX_SERVER_VERSION,
      mcp: dependencies.settings.publicUrl,
      serverCard: SERVER_CARD_PATH,
      ...(dependencies.dataDirectory === undefined ? {} : { dataDirectory: dependencies.dataDirectory }),
    });
  }
  sendJson(response, 404, {
    error: { code: 'NOT_FOUND', message: `Nothing at ${pathname}. The MCP endpoint is POST ${MCP_PATH}.` },
  });
}

async function handleMcpPost(request: http.IncomingMessage, response: http.ServerResponse, dependencies: SandboxHttpDependencies): Promise<void> {
  const body = await readBody(request);
  if (body.tooLarge) {
    return sendJsonRpcError(response, 413, null, JSON_RPC.invalidRequest, `Request body is larger than ${MAX_BODY_BYTES} bytes; send one small JSON-RPC request.`);
  }
  let message: unknown;
  try {
    message = JSON.parse(body.text);
  } catch {
    return sendJsonRpcError(response, 400, null, JSON_RPC.parseError, 'Parse error: the body is not valid JSON. Send one JSON-RPC 2.0 object.');
  }
  const envelope = inspectEnvelope(message);
  if (envelope.kind === 'invalid') {
    // A well-formed request with bad params is answered like the SDK answers it: HTTP 200 with -32602.
    const code = envelope.code ?? JSON_RPC.invalidRequest;
    return sendJsonRpcError(response, code === JSON_RPC.invalidParams ? 200 : 400, envelope.id, code, envelope.message);
  }

  const authorization = request.headers.authorization;
  let caller: Caller | null = null;
  if (authorization !== undefined) {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    caller = key === undefined ? null : resolveCaller(dependencies.db, key);
    if (caller === null && !isAuthExempt(envelope, dependencies.tools)) {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return sendJsonRpcError(
        response,
        401,
        envelope.kind === 'request' ? envelope.id : null,
        JSON_RPC.unauthorized,
        'UNAUTHORIZED: this API key is unknown or has been revoked. Sign up again with register_organisation_request ' +
          `(favcrm signup request), or sign in at ${PORTAL_URL} and create a key at Settings → MCP Keys.`,
        { code: 'UNAUTHORIZED', portalUrl: PORTAL_KEYS_URL },
      );
    }
  }

  const server = buildMcpServer({
    db: dependencies.db,
    now: dependencies.now,
    caller,
    clientIp: clientIp(request),
    settings: dependencies.settings,
    outbox: dependencies.outbox,
    tools: dependencies.tools,
    codePepper: dependencies.codePepper,
  }, dependencies.log);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  try {
    await server.connect(transport);
    const webResponse = await transport.handleRequest(sdkRequest(request, dependencies.settings.publicUrl), { parsedBody: message });
    response.statusCode = webResponse.status;
    webResponse.headers.forEach((value, name) => response.setHeader(name, value));
    response.end(await responseBytes(webResponse));
  } finally {
    // Kept although it costs ~4% of a request (the SDK builds a ConnectionClosed McpError): without it the
    // server/transport pairs outlive the young generation and peak RSS under load grew by ~30 MB.
    await server.close().catch(() => undefined);
  }
}

/** The SDK's answer as bytes straight off the body stream: text() would decode what response.end() re-encodes. */
async function responseBytes(webResponse: Response): Promise<Uint8Array> {
  if (webResponse.body === null) return new Uint8Array(0);
  const reader = webResponse.body.getReader();
  const chunks: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
}

/**
 * The web Request handed to the SDK transport. The body is already parsed (passed separately), and the headers are
 * normalised: the SDK insists on `Accept: application/json, text/event-stream` and a JSON Content-Type, which curl
 * users often omit; we always answer plain JSON, so those checks add nothing here.
 */
function sdkRequest(request: http.IncomingMessage, publicUrl: string): Request {
  // A plain record: undici copies it in one pass, about half the cost of a Headers object filled with set().
  const headers: Record<string, string> = {};
  for (const name in request.headers) {
    const value = request.headers[name];
    if (value === undefined || name.startsWith(':')) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers.accept = 'application/json, text/event-stream';
  headers['content-type'] = 'application/json';
  return new Request(publicUrl || 'http://127.0.0.1/mcp', { method: 'POST', headers });
}

/** The peer address, with IPv4-mapped IPv6 folded to plain IPv4 so one client counts once for rate limits. */
function clientIp(request: http.IncomingMessage): string {
  const address = request.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** The client hung up mid-body: nobody is left to answer, so this is not logged as a server fault. */
class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('The client closed the connection before the request body ended.');
  }
}

/** Reads the body up to MAX_BODY_BYTES; past that it drains (so the client can read our 413) without keeping it. */
function readBody(request: http.IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        request.destroy();
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
    request.on('error', reject);
    request.on('close', () => {
      if (!request.complete) reject(new ClientGoneError());
    });
  });
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(body));
}

function sendJsonRpcError(
  response: http.ServerResponse,
  status: number,
  id: JsonRpcId,
  code: number,
  message: string,
  data?: Record<string, unknown>,
): void {
  sendJson(response, status, { jsonrpc: '2.0', id, error: { code, message, ...(data === undefined ? {} : { data }) } });
}
