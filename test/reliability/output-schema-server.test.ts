import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer } from '../helpers/fake-http-servers.js';
import { isolatedEnvironment, runCli } from '../helpers/spawn-cli.js';

// The bundle (scripts/build.mjs) loads the MCP SDK's ajv validator only when a tool declares an `outputSchema`.
// The real FavCRM may declare them. This hand-written JSON-RPC server does, and (unlike an SDK server, which checks
// its own output) answers one call with content that breaks its schema: only a client validator that ran reports it.
const TOOLS = [
  {
    name: 'list_my_companies',
    description: 'Workspaces.',
    inputSchema: { type: 'object', properties: {} },
    outputSchema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } }, required: ['items'] },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'get_plan_status',
    description: 'Plan.',
    inputSchema: { type: 'object', properties: {} },
    outputSchema: { type: 'object', properties: { plan: { type: 'string' } }, required: ['plan'] },
    annotations: { readOnlyHint: true },
  },
];

const STRUCTURED: Record<string, unknown> = { list_my_companies: { items: 'not a list' }, get_plan_status: { plan: 'free' } };

function answer(request: { id?: unknown; method?: string; params?: { name?: string } }): unknown {
  switch (request.method) {
    case 'initialize':
      return { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'output-schema-fixture', version: '1.0.0' } };
    case 'tools/list':
      return { tools: TOOLS };
    case 'tools/call': {
      const structured = STRUCTURED[request.params?.name ?? ''] ?? {};
      return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
    }
    default:
      return {};
  }
}

const handler: http.RequestListener = (request, response) => {
  // Stateless JSON only: no SSE stream to GET and no session to DELETE.
  if (request.method !== 'POST') {
    response.writeHead(405).end();
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const message = JSON.parse(body) as { id?: unknown; method?: string };
    if (message.id === undefined) {
      response.writeHead(202).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: answer(message) }));
  });
};

describe('a FavCRM server whose tools declare output schemas', () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await startFakeServer(handler);
  });
  afterAll(async () => {
    await server.close();
  });

  it('is checked by the shipped bin: a result that fits its schema passes, one that breaks it is reported', async () => {
    const { env } = isolatedEnvironment({ FAVCRM_API_KEY: 'fav_mcp_0123456789abcdefghijklmnopqrstuv' });
    const doctor = await runCli(['doctor', '--url', server.url], env);
    expect(doctor.stderr).toBe('');
    const report = JSON.parse(doctor.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ reachable: true, toolCount: 2, plan: { plan: 'free' } });
    // ajv's own wording: the validator the bundle loads on demand really ran.
    expect(JSON.stringify(report.currentUser)).toContain("does not match the tool's output schema: data/items must be array");
  });
});
