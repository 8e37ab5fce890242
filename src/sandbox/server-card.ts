import { SANDBOX_INSTRUCTIONS, SANDBOX_SERVER_NAME, SANDBOX_SERVER_VERSION } from './server-info.js';
import { listedTool } from './tool-registry.js';
import type { SandboxTool } from './tools/tool-definition.js';

/** The public discovery document at `/.well-known/mcp/server-card.json` (contract §1.1, §6.3); no auth. */
export function serverCard(tools: readonly SandboxTool[], publicUrl: string): Record<string, unknown> {
  return {
    serverInfo: { name: SANDBOX_SERVER_NAME, title: 'FavCRM sandbox', version: SANDBOX_SERVER_VERSION },
    transport: { type: 'streamable-http', url: publicUrl },
    capabilities: { tools: { listChanged: false } },
    authentication: {
      type: 'bearer',
      keyPrefix: 'fav_mcp_',
      anonymous: ['tools/list', ...tools.filter((tool) => tool.auth === 'none').map((tool) => tool.name)],
    },
    instructions: SANDBOX_INSTRUCTIONS,
    tools: tools.map(listedTool),
    resources: [],
    prompts: [],
  };
}
