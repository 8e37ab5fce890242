import { FavcrmConnectionError } from '../mcp/connection-errors.js';
import type { ConnectFavcrm, FavcrmConnection, McpToolInfo } from '../mcp/favcrm-connection.js';
import type { EndpointInfo } from './events.js';

/**
 * The session's line to FavCRM: where it is, the open MCP connection and the tools it listed. Opened lazily,
 * reopened with a new key, and moved when a borrowed sandbox has to be revived.
 */
export class FavcrmLink {
  private connection: FavcrmConnection | null = null;
  /** The tools `tools/list` answered with on the current connection. */
  catalogue: McpToolInfo[] = [];

  constructor(
    private readonly connect: ConnectFavcrm,
    /** Where FavCRM is; changes only when a borrowed sandbox is revived (see `revive`). */
    public endpoint: EndpointInfo,
    private readonly reviveSandbox?: () => Promise<EndpointInfo | null>,
  ) {}

  /** Connects (with `apiKey` as the Bearer key, if any) and lists the tools, unless already connected. */
  async ensure(apiKey: string | null): Promise<void> {
    if (this.connection) return;
    try {
      this.connection = await this.connect(this.endpoint.url, apiKey);
      this.catalogue = await this.connection.listTools();
    } catch (error) {
      this.connection = null;
      throw error;
    }
  }

  /** A listed tool by name. */
  tool(name: string): McpToolInfo | undefined {
    return this.catalogue.find((tool) => tool.name === name);
  }

  require(): FavcrmConnection {
    if (!this.connection) throw new FavcrmConnectionError('unreachable', `Not connected to FavCRM at ${this.endpoint.url}.`, 'Send your message again to reconnect.');
    return this.connection;
  }

  /** Forgets a connection found dead; the next `ensure` opens a new one. */
  drop(): void {
    this.connection = null;
  }

  async close(): Promise<void> {
    const previous = this.connection;
    this.connection = null;
    await previous?.close();
  }

  /**
   * The sandbox another favcrm-chat window was running went away: runs our own on the same data and reconnects
   * with `reconnect`. Returns what to tell the person, or null when that is not what happened.
   */
  async revive(error: unknown, reconnect: () => Promise<void>): Promise<string | null> {
    if (!this.reviveSandbox || !FavcrmConnectionError.isInstance(error) || error.kind !== 'unreachable') return null;
    const previousUrl = this.endpoint.url;
    try {
      const revived = await this.reviveSandbox();
      if (!revived) return null;
      this.endpoint = revived;
      await this.close().catch(() => undefined);
      await reconnect();
    } catch {
      return null;
    }
    const where = this.endpoint.url === previousUrl ? '' : ` on ${this.endpoint.url}`;
    return `The FavCRM sandbox at ${previousUrl} (run by another favcrm-chat window) stopped, so this window now runs its own${where} on the same data. Nothing was lost: send your message again.`;
  }
}
