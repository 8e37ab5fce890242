import type http from 'node:http';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { classifyConnectionError, FavcrmConnectionError } from '../../src/mcp/connection-errors.js';
import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import { startFakeServer } from '../helpers/fake-http-servers.js';

const URL = 'http://127.0.0.1:7/mcp';

/** What undici throws: a bare "fetch failed" whose reason is in `cause`. */
function fetchFailure(causeMessage: string, code?: string): Error {
  const cause = Object.assign(new Error(causeMessage), code ? { code } : {});
  return new TypeError('fetch failed', { cause });
}

describe('classifyConnectionError', () => {
  it('names the reason undici keeps in `cause`, once, without stray spaces', () => {
    const refused = classifyConnectionError(fetchFailure('connect ECONNREFUSED 127.0.0.1:7', 'ECONNREFUSED'), URL);
    expect(refused.kind).toBe('unreachable');
    expect(refused.message).toBe(`Can't reach FavCRM at ${URL} (fetch failed: connect ECONNREFUSED 127.0.0.1:7).`);
    const dns = classifyConnectionError(fetchFailure('getaddrinfo failed', 'ENOTFOUND'), 'https://nowhere.invalid/mcp');
    expect(dns.message).toBe("Can't reach FavCRM at https://nowhere.invalid/mcp (fetch failed: getaddrinfo failed (ENOTFOUND)).");
  });

  it('says what to do about a port fetch refuses (9, 6000, …) instead of "is the server running?"', () => {
    const error = classifyConnectionError(fetchFailure('bad port'), 'http://127.0.0.1:9/mcp');
    expect(error.message).toMatch(/fetch refuses that port/);
    expect(error.hint).toMatch(/another port/);
  });

  it('keeps the earlier kinds: 401, timeout, 5xx, garbage', () => {
    expect(classifyConnectionError(new Error('HTTP 401 Unauthorized'), URL).kind).toBe('unauthorized');
    expect(classifyConnectionError(new Error('The operation was aborted due to timeout'), URL).kind).toBe('timeout');
    expect(classifyConnectionError(new Error('Error POSTing to endpoint (HTTP 502)'), URL).kind).toBe('server-error');
    expect(classifyConnectionError(new Error('Unexpected token < in JSON'), URL).kind).toBe('protocol');
  });
});

/** What the real connection code throws when `handler` answers the MCP initialize POST. */
async function connectionFailure(handler: http.RequestListener): Promise<{ url: string; error: FavcrmConnectionError }> {
  const server = await startFakeServer(handler);
  try {
    const error = await connectFavcrm(server.url, null).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    if (!FavcrmConnectionError.isInstance(error)) throw new Error(`expected a FavcrmConnectionError, got ${String(error)}`);
    return { url: server.url, error };
  } finally {
    await server.close();
  }
}

const CHECK_URL = /Check --url \/ FAVCRM_MCP_URL/;

describe('a URL that answers, but not as an MCP endpoint (real HTTP servers, the real connection code)', () => {
  it('an HTML page (200 text/html) is "not an MCP endpoint", not a server problem', async () => {
    const { url, error } = await connectionFailure((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE HTML>\n<html><body>Directory listing</body></html>');
    });
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe(`${url} does not look like a FavCRM MCP endpoint (it answered with an HTML page).`);
    expect(error.hint).toMatch(CHECK_URL);
    expect(error.message + error.hint).not.toMatch(/DOCTYPE|try again in a moment/);
  });

  it('an empty 404 names the status instead of an empty detail', async () => {
    const { url, error } = await connectionFailure((_request, response) => {
      response.writeHead(404);
      response.end();
    });
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe(`${url} does not look like a FavCRM MCP endpoint (it answered with HTTP 404 Not Found).`);
    expect(error.message).not.toMatch(/Error POSTing|\)\)|: \)/);
    expect(error.hint).toMatch(CHECK_URL);
  });

  it('a 405 (a server that does not take POST) says so, once', async () => {
    const { url, error } = await connectionFailure((_request, response) => {
      response.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' });
      response.end('Method Not Allowed');
    });
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe(`${url} does not look like a FavCRM MCP endpoint (it answered with HTTP 405 Method Not Allowed).`);
    expect(error.hint).toMatch(CHECK_URL);
  });

  it('python -m http.server\'s 501 HTML page is not an MCP endpoint either', async () => {
    const { error } = await connectionFailure((_request, response) => {
      response.writeHead(501, { 'content-type': 'text/html;charset=utf-8' });
      response.end('<!DOCTYPE HTML>\n<html lang="en"><head><title>Error response</title></head><body><p>Error code: 501</p></body></html>');
    });
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/does not look like a FavCRM MCP endpoint \(it answered with HTTP 501 Not Implemented, an HTML page\)\.$/);
    expect(error.hint).toMatch(CHECK_URL);
  });

  it('JSON that is not JSON-RPC is named as such, without the schema validator\'s page of text', async () => {
    const { error } = await connectionFailure((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"hello":"world"}');
    });
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/JSON that is not a JSON-RPC message/);
    expect(error.message).not.toContain('invalid_union');
  });

  it('a real server failure (500, 503) still says to try again, with the status and the server\'s reason', async () => {
    const failed = await connectionFailure((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"database is locked"}}');
    });
    expect(failed.error.kind).toBe('server-error');
    expect(failed.error.message).toBe(`FavCRM at ${failed.url} failed (HTTP 500 Internal Server Error: database is locked).`);
    expect(failed.error.hint).toMatch(/try again in a moment/);
    const busy = await connectionFailure((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/html' });
      response.end('<html><body>Service Unavailable</body></html>');
    });
    expect(busy.error.kind).toBe('server-error');
    expect(busy.error.message).toBe(`FavCRM at ${busy.url} is unavailable (HTTP 503 Service Unavailable).`);
  });

  it('a 401 is a rejected key by its status, whatever the body says', async () => {
    const { error } = await connectionFailure((_request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end('nope');
    });
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toMatch(/rejected the API key/);
  });

  it('classifies the SDK error by its status code, not by words in the body', () => {
    expect(classifyConnectionError(new StreamableHTTPError(404, 'Error POSTing to endpoint: server error 500'), URL).kind).toBe('protocol');
    expect(classifyConnectionError(new StreamableHTTPError(502, 'Error POSTing to endpoint: '), URL).kind).toBe('server-error');
    expect(classifyConnectionError(new StreamableHTTPError(-1, 'Unexpected content type: null'), URL).message).toMatch(/it answered with no content type\)/);
    const redirect = classifyConnectionError(new StreamableHTTPError(301, 'Error POSTing to endpoint: Redirect to https://x.test/mcp/ not followed'), URL);
    expect(redirect.message).toContain('HTTP 301 Moved Permanently, Redirect to https://x.test/mcp/ not followed');
    // An MCP server that refuses one request (a JSON-RPC error body) is an MCP endpoint: say what it said.
    const refused = classifyConnectionError(
      new StreamableHTTPError(404, 'Error POSTing to endpoint: {"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"Session not found"}}'),
      URL,
    );
    expect(refused.message).toBe(`FavCRM at ${URL} refused the request (HTTP 404 Not Found: Session not found).`);
  });
});

describe('an endpoint that stops being one mid-session', () => {
  it('a 404 "Not Found" on tools/call is a connection failure, not an unknown tool for the model to correct', async () => {
    const server = await startFakeServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.method !== 'POST') return void response.writeHead(405).end();
        const message = JSON.parse(body) as { id?: number; method: string };
        if (message.method === 'initialize') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '0' } } }));
        } else if (message.id === undefined) {
          response.writeHead(202).end();
        } else {
          response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        }
      });
    });
    try {
      const connection = await connectFavcrm(server.url, null);
      const failure = await connection.callTool('list_services', {}).then(
        (outcome) => outcome,
        (thrown: unknown) => thrown,
      );
      await connection.close();
      expect(FavcrmConnectionError.isInstance(failure)).toBe(true);
      expect((failure as FavcrmConnectionError).message).toMatch(/HTTP 404 Not Found/);
    } finally {
      await server.close();
    }
  });
});
