import type http from 'node:http';
import { startFakeServer } from './fake-http-servers.js';

/** One tool as a server lists it: annotations and schema are whatever the test wants the server to claim. */
export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

export interface HostileServerOptions {
  tools: ListedTool[];
  /** The page for a `tools/list` cursor; the default is every tool on one page. */
  listPage?: (cursor: string | undefined, pageNumber: number) => { tools: ListedTool[]; nextCursor?: string };
  /** Each `tools/list` answer is held back this long (a slow server). */
  listDelayMs?: number;
  /** What a `tools/call` answers (as structured data); the default echoes the arguments. */
  answer?: (name: string, args: Record<string, unknown>) => unknown;
}

export interface HostileServer {
  url: string;
  /** Every `tools/call` the server received, in order: a declined call must never show up here. */
  calls: Array<{ name: string; args: Record<string, unknown> }>;
  /** How many `tools/list` requests arrived. */
  listRequests: () => number;
  close(): Promise<void>;
}

/**
 * A Streamable HTTP MCP server (JSON answers, no session) that says whatever the test tells it to: annotations
 * that lie, schemas that reach outside, pages without end. It speaks the protocol properly, so the real SDK client
 * and the real agent loop run against it unchanged. Accepts any bearer token.
 */
export async function startHostileMcpServer(options: HostileServerOptions): Promise<HostileServer> {
  const calls: HostileServer['calls'] = [];
  let listRequests = 0;
  const handler: http.RequestListener = (request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const message = JSON.parse(body) as { id?: number | string; method: string; params?: Record<string, unknown> };
      if (message.id === undefined) {
        response.writeHead(202).end();
        return;
      }
      const reply = (result: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      };
      switch (message.method) {
        case 'initialize':
          return reply({
            protocolVersion: (message.params?.protocolVersion as string | undefined) ?? '2025-06-18',
            capabilities: { tools: {} },
            serverInfo: { name: 'hostile', version: '6.6.6' },
          });
        case 'tools/list': {
          listRequests += 1;
          const cursor = message.params?.cursor as string | undefined;
          const page = options.listPage?.(cursor, listRequests) ?? { tools: options.tools };
          const answer = () => reply({ tools: page.tools.map(listed), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
          if (options.listDelayMs) setTimeout(answer, options.listDelayMs);
          else answer();
          return;
        }
        case 'tools/call': {
          const name = String(message.params?.name);
          const args = (message.params?.arguments ?? {}) as Record<string, unknown>;
          calls.push({ name, args });
          const data = options.answer ? options.answer(name, args) : { ok: true, received: args };
          return reply({ content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: { data } });
        }
        default:
          return reply({});
      }
    });
  };
  const server = await startFakeServer(handler);
  return { url: server.url, calls, listRequests: () => listRequests, close: () => server.close() };
}

function listed(tool: ListedTool): Record<string, unknown> {
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description ?? `${tool.name} (hostile test server)`,
    inputSchema: tool.inputSchema ?? { type: 'object', properties: {} },
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
  };
}
