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

/**
 * Bounds on reading a server's tool list. FavCRM has about 165 tools, a page or a few; a server that keeps
 * handing out new cursors (or one slow page after another) must not keep the app from ever getting ready.
 */
export interface ToolListLimits {
  /** Pages of `tools/list` followed at most. */
  maxPages: number;
  /** Tools accepted at most, over all pages. */
  maxTools: number;
  /** The whole listing, every page, within this time. */
  totalMs: number;
}

export const TOOL_LIST_LIMITS: ToolListLimits = { maxPages: 50, maxTools: 2_000, totalMs: 30_000 };

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
export const connectFavcrm: ConnectFavcrm = async (url, apiKey) => connectFavcrmWithLimits(url, apiKey, TOOL_LIST_LIMITS);

/** `connectFavcrm` with other tool-list bounds (tests use tight ones to check the time bound quickly). */
export async function connectFavcrmWithLimits(url: string, apiKey: string | null, limits: ToolListLimits): Promise<FavcrmConnection> {
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
  return new SdkFavcrmConnection(url, apiKey !== null, client, limits);
}

class SdkFavcrmConnection implements FavcrmConnection {
  constructor(
    readonly url: string,
    readonly authenticated: boolean,
    private readonly client: Client,
    private readonly limits: ToolListLimits,
  ) {}

  async listTools(): Promise<McpToolInfo[]> {
    const { maxPages, maxTools, totalMs } = this.limits;
    const deadline = Date.now() + totalMs;
    const tools: McpToolInfo[] = [];
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    try {
      for (let pages = 0; ; pages += 1) {
        if (pages === maxPages) throw this.endlessList(`it was still handing out pages after ${maxPages}`);
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw this.endlessList(`listing took longer than ${Math.round(totalMs / 1000)} s (${pages} pages)`);
        const page = await this.client.listTools(cursor ? { cursor } : undefined, { timeout: Math.min(DEFAULT_CALL_TIMEOUT_MS, remaining) });
        // A name listed twice keeps its first entry: the approval policy and the model must see the same tool.
        for (const tool of page.tools) if (!tools.some((known) => known.name === tool.name)) tools.push(toToolInfo(tool));
        if (tools.length > maxTools) throw this.endlessList(`it listed more than ${maxTools} tools`);
        cursor = page.nextCursor;
        if (!cursor) return tools;
        if (seenCursors.has(cursor)) throw this.endlessList('it handed out the same page cursor twice');
        seenCursors.add(cursor);
      }
    } catch (error) {
      if (FavcrmConnectionError.isInstance(error)) throw error;
      // A page that timed out because the whole listing ran out of time is the listing's bound, not one slow call.
      if (Date.now() >= deadline) throw this.endlessList(`listing took longer than ${Math.round(totalMs / 1000)} s`);
      throw classifyConnectionError(error, this.url);
    }
  }

  private endlessList(why: string): FavcrmConnectionError {
    return new FavcrmConnectionError(
      'protocol',
      `Gave up reading the tool list from ${this.url}: ${why}. FavCRM lists its tools in a few pages, so this server does not behave like FavCRM.`,
      'Check --url / FAVCRM_MCP_URL points at FavCRM (e.g. https://api.favcrm.io/mcp), or unset it to use the embedded sandbox.',
    );
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
