import http from 'node:http';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_HEADERS, SandboxHarness } from './sandbox-harness.js';

const BOOTSTRAP_TOOLS = [
  'register_organisation_request',
  'register_organisation_verify',
  'accept_team_invite_request',
  'accept_team_invite_verify',
];

describe('sandbox transport', () => {
  let harness: SandboxHarness;
  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'transport' });
  });
  afterAll(() => harness.stop());

  it('answers the CLI’s tools/list (no initialize, no session, no protocol header) with one JSON object', async () => {
    const response = await fetch(harness.url, {
      method: 'POST',
      headers: CLI_HEADERS,
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    const text = await response.text();
    expect(text.trimStart().startsWith('{')).toBe(true);
    const body = JSON.parse(text) as { id: number; result: { tools: { name: string; description: string; inputSchema: { type: string }; annotations: Record<string, unknown> }[] } };
    expect(body.id).toBe(1);
    const names = body.result.tools.map((tool) => tool.name);
    for (const name of [...BOOTSTRAP_TOOLS, 'create_team_member_invite', 'list_my_companies', 'switch_company']) {
      expect(names).toContain(name);
    }
    for (const tool of body.result.tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.description.split('\n')[0]?.length).toBeGreaterThan(10);
      for (const hint of ['readOnlyHint', 'destructiveHint', 'openWorldHint', 'idempotentHint']) {
        expect(typeof tool.annotations[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
      expect(typeof tool.annotations.title).toBe('string');
    }
  });

  it('answers a CLI tools/call of a bootstrap tool with structuredContent.data and matching text', async () => {
    const reply = await harness.call('register_organisation_request', { email: 'cli@example.com', organisationName: 'CLI Spa' });
    expect(reply.isError).toBe(false);
    expect(reply.data.requestId).toMatch(/^req_/);
    expect(reply.data.maskedEmail).toBe('c***i@e***e.com');
  });

  it('works for an SDK client that initializes first', async () => {
    const client = new Client({ name: 'sdk-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(harness.url)));
    try {
      expect(client.getServerVersion()?.name).toBe('favcrm-sandbox');
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(BOOTSTRAP_TOOLS));
      const result = await client.callTool({
        name: 'register_organisation_request',
        arguments: { email: 'sdk@example.com', organisationName: 'SDK Studio', country: 'GB', timezone: 'Europe/London' },
      });
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { data: { requestId: string } }).data.requestId).toMatch(/^req_/);
      const noKey = await client.callTool({ name: 'list_my_companies', arguments: {} });
      expect(noKey.isError).toBe(true);
      expect((noKey.structuredContent as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    } finally {
      await client.close();
    }
  });

  it('accepts curl-shaped requests: initialize with 2024-11-05, tools/list without params, no Accept header', async () => {
    const init = await harness.post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'curl', version: '8' } },
      }),
      { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    );
    expect(init.status).toBe(200);
    const initResult = init.body?.result as { protocolVersion: string; serverInfo: { name: string } };
    expect(initResult.protocolVersion).toBe('2024-11-05');
    expect(initResult.serverInfo.name).toBe('favcrm-sandbox');

    const list = await harness.post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
      'Content-Type': 'application/json',
      'MCP-Protocol-Version': '2024-11-05',
    });
    expect(list.status).toBe(200);
    expect((list.body?.result as { tools: unknown[] }).tools.length).toBeGreaterThan(5);

    // `curl -d` without -H sends application/x-www-form-urlencoded and `Accept: */*`.
    const bare = await harness.post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: '*/*',
    });
    expect(bare.status).toBe(200);
    expect(bare.body?.result).toBeDefined();
  });

  it.skipIf(!existsSync('/usr/bin/curl'))('answers the real curl commands of the FavCRM MCP README', async () => {
    const curl = async (payload: object) => {
      const { stdout } = await promisify(execFile)('/usr/bin/curl', [
        '-sS', '-X', 'POST', harness.url,
        '-H', 'Content-Type: application/json',
        '-H', 'Accept: application/json, text/event-stream',
        '-d', JSON.stringify(payload),
      ]);
      return JSON.parse(stdout) as { result: Record<string, unknown> };
    };
    const init = await curl({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'smoke', version: '1.0' } },
    });
    expect(init.result.protocolVersion).toBe('2024-11-05');
    const list = await curl({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const tool = (list.result.tools as { name: string; annotations: { title: string; readOnlyHint: boolean } }[]).find(
      (candidate) => candidate.name === 'list_my_companies',
    );
    expect(tool?.annotations).toMatchObject({ title: 'List my companies', readOnlyHint: true });
  });

  it('accepts notifications with 202 and no body', async () => {
    const reply = await harness.post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    expect(reply.status).toBe(202);
    expect(reply.body).toBeUndefined();
  });

  it('serves the server card without auth', async () => {
    const base = harness.url.replace(/\/mcp$/, '');
    const response = await fetch(`${base}/.well-known/mcp/server-card.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const card = (await response.json()) as {
      serverInfo: { name: string; version: string };
      tools: { name: string }[];
      resources: unknown[];
      prompts: unknown[];
    };
    expect(card.serverInfo.name).toBe('favcrm-sandbox');
    expect(card.serverInfo.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(card.tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(BOOTSTRAP_TOOLS));
    expect(card.resources).toEqual([]);
    expect(card.prompts).toEqual([]);
  });

  it('puts a distinct X-Request-Id on every response, errors included', async () => {
    const base = harness.url.replace(/\/mcp$/, '');
    const responses = await Promise.all([
      fetch(harness.url, { method: 'POST', headers: CLI_HEADERS, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) }),
      fetch(harness.url, { method: 'POST', headers: CLI_HEADERS, body: '{not json' }),
      fetch(harness.url, { method: 'GET' }),
      fetch(`${base}/nowhere`),
      fetch(harness.url, {
        method: 'POST',
        headers: { ...CLI_HEADERS, Authorization: 'Bearer fav_mcp_unknownunknownunknown' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_my_companies', arguments: {} } }),
      }),
    ]);
    const ids = responses.map((response) => response.headers.get('x-request-id'));
    expect(responses.map((response) => response.status)).toEqual([200, 400, 405, 404, 401]);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
    const otherAddress = Object.values((await import('node:os')).networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    if (!otherAddress) return; // No non-loopback interface on this machine: nothing else to reach.
    const reachable = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: otherAddress, port: harness.sandbox.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(reachable).toBe(false);
  });
});

describe('sandbox transport: bad input', () => {
  let harness: SandboxHarness;
  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'bad-input' });
  });
  afterAll(() => harness.stop());

  function expectJsonRpcError(body: Record<string, unknown> | undefined, code: number): { code: number; message: string } {
    const error = body?.error as { code: unknown; message: unknown };
    expect(Number.isInteger(error.code)).toBe(true);
    expect(typeof error.message).toBe('string');
    expect(error.code).toBe(code);
    return error as { code: number; message: string };
  }

  it('answers malformed JSON with -32700', async () => {
    const reply = await harness.post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(reply.status).toBe(400);
    expectJsonRpcError(reply.body, -32700);
    expect(reply.body?.id).toBeNull();
  });

  it('answers wrong JSON-RPC shapes with -32600, echoing a usable id', async () => {
    const cases: [string, unknown][] = [
      ['"just a string"', null],
      ['{"id":1,"method":"tools/list"}', 1],
      ['{"jsonrpc":"2.0","id":2}', 2],
      ['{"jsonrpc":"2.0","id":3,"method":42}', 3],
      ['{"jsonrpc":"2.0","id":{"x":1},"method":"tools/list"}', null],
      ['{"jsonrpc":"2.0","id":4,"method":"tools/list","params":"x"}', 4],
    ];
    for (const [body, id] of cases) {
      const reply = await harness.post(body);
      expect(reply.status, body).toBe(400);
      expectJsonRpcError(reply.body, -32600);
      expect(reply.body?.id, body).toBe(id);
    }
  });

  it('never answers with a batch array: batches get one -32600 object', async () => {
    const reply = await harness.post(JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }]));
    expect(Array.isArray(reply.body)).toBe(false);
    expectJsonRpcError(reply.body, -32600);
  });

  it('answers an unknown tool with -32602 naming it', async () => {
    const reply = await harness.rpc('tools/call', { name: 'create_contact', arguments: {} });
    expect(reply.status).toBe(200);
    const error = expectJsonRpcError(reply.body, -32602);
    expect(error.message).toContain('create_contact');
    expect(error.message).toContain('tools/list');
  });

  it('answers tools/call without a name or with non-object arguments with -32602', async () => {
    expectJsonRpcError((await harness.rpc('tools/call', {})).body, -32602);
    expectJsonRpcError((await harness.rpc('tools/call', { name: 'list_my_companies', arguments: [1] })).body, -32602);
  });

  it('answers an unknown method with -32601', async () => {
    const reply = await harness.rpc('resources/subscribe-everything', {});
    expectJsonRpcError(reply.body, -32601);
  });

  it('rejects a body over 1 MB with 413', async () => {
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(1_100_000) } });
    const reply = await harness.post(huge);
    expect(reply.status).toBe(413);
    expectJsonRpcError(reply.body, -32600);
  });

  it('turns bad tool arguments into a VALIDATION result, not a crash', async () => {
    const error = await harness.fails('register_organisation_request', { email: 42, organisationName: { nested: true } }, 'VALIDATION');
    expect(error.field).toBe('email');
  });

  it('answers GET and DELETE on /mcp with 405 (stateless: no SSE stream, no session)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(harness.url, { method, headers: { Accept: 'text/event-stream' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expectJsonRpcError((await response.json()) as Record<string, unknown>, -32000);
    }
  });

  it('is still alive and correct after all of that', async () => {
    const reply = await harness.rpc('tools/list', {});
    expect(reply.status).toBe(200);
    expect((reply.body?.result as { tools: unknown[] }).tools.length).toBeGreaterThan(5);
  });
});

describe('sandbox transport: browser protection', () => {
  let harness: SandboxHarness;
  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'browser' });
  });
  afterAll(() => harness.stop());

  it('refuses a foreign Origin (a web page) or Host (DNS rebinding) with 403, and allows local ones', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    const foreignOrigin = await harness.post(body, { ...CLI_HEADERS, Origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    expect((foreignOrigin.body?.error as { code: number }).code).toBe(-32000);
    expect((await harness.post(body, { ...CLI_HEADERS, Origin: 'null' })).status).toBe(403);
    expect((await harness.post(body, { ...CLI_HEADERS, Origin: 'http://localhost:5173' })).status).toBe(200);

    const rebound = await new Promise<number>((resolve, reject) => {
      const request = http.request(harness.url, { method: 'POST', headers: { ...CLI_HEADERS, Host: 'evil.example:80' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(rebound).toBe(403);
  });
});
