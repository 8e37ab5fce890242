import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { classifyConnectionError, FavcrmConnectionError } from './connection-errors.js';
import { toToolOutcome, type ToolOutcome } from './tool-result.js';
import { errorMessage } from '../errors/error-message.js';

/** What `tools/list` tells us about one tool. */
export interface McpToolInfo {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations: {
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    openWorldHint?: boolean;
    idempotentHint?: boolean;
  };
  /** The entry exactly as tools/list sent it (every field), for `favcrm-chat tool list --json` like the official CLI's. */
  listing?: Readonly<Record<string, unknown>>;
}

/** Every MCP request gets a deadline so a hung server can't freeze the chat. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/** One authenticated (or anonymous) MCP session with a FavCRM endpoint. */
export interface FavcrmConnection {
  readonly url: string;
  readonly authenticated: boolean;
  listTools(): Promise<McpToolInfo[]>;
  callTool(name: string, args: Record<string, unknown>, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<ToolOutcome>;
  close(): Promise<void>;
}

export type ConnectFavcrm = (url: string, apiKey: string | null) => Promise<FavcrmConnection>;

/** Connects with the SDK's Streamable HTTP client; the key goes only into the Authorization header. */
export const connectFavcrm: ConnectFavcrm = async (url, apiKey) => {
  const headers: Record<string, string> = { 'User-Agent': 'favcrm-chat/0.1.0' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'favcrm-chat', version: '0.1.0' }, { capabilities: {} });
  try {
    await client.connect(transport, { timeout: DEFAULT_CALL_TIMEOUT_MS });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw classifyConnectionError(error, url);
  }
  return new SdkFavcrmConnection(url, apiKey !== null, client);
};

class SdkFavcrmConnection implements FavcrmConnection {
  constructor(
    readonly url: string,
    readonly authenticated: boolean,
    private readonly client: Client,
  ) {}

  async listTools(): Promise<McpToolInfo[]> {
    try {
      const tools: McpToolInfo[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.client.listTools(cursor ? { cursor } : undefined, { timeout: DEFAULT_CALL_TIMEOUT_MS });
        for (const tool of page.tools) tools.push(toToolInfo(tool));
        cursor = page.nextCursor;
      } while (cursor);
      return tools;
    } catch (error) {
      throw classifyConnectionError(error, this.url);
    }
  }

  async callTool(name: string, args: Record<string, unknown>, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<ToolOutcome> {
    try {
      const result = await this.client.callTool({ name, arguments: args }, undefined, {
        timeout: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return toToolOutcome(result as { isError?: boolean; structuredContent?: unknown; content?: unknown });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const message = errorMessage(error);
      // A JSON-RPC error about the call itself (unknown tool, bad params) is data the model can correct. An HTTP
      // failure is not, even when its body says "Not Found" (the endpoint itself is gone or wrong).
      if (!(error instanceof StreamableHTTPError) && /MCP error -32602|MCP error -32601|Unknown tool|not found/i.test(message) && !/401/.test(message)) {
        return { ok: false, data: { error: { code: 'INVALID_CALL', message } }, errorCode: 'INVALID_CALL', errorMessage: message };
      }
      throw classifyConnectionError(error, this.url);
    }
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}

function toToolInfo(tool: {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}): McpToolInfo {
  const annotations = (tool.annotations ?? {}) as McpToolInfo['annotations'] & { title?: string };
  return {
    name: tool.name,
    title: tool.title ?? annotations.title ?? tool.name,
    description: tool.description ?? '',
    inputSchema: tool.inputSchema,
    annotations,
    listing: tool,
  };
}

export { FavcrmConnectionError };
