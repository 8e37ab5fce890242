/**
 * Each client's MCP config schema, written from its own documentation (docs/connect.md cites them), to check the
 * files connect writes. Strict where the docs list every field, so a field the client does not know fails.
 */
import { z } from 'zod';
import type { ClientId } from '../../src/connect/connect-types.js';

const headers = z.record(z.string(), z.string());
const stdio = z.object({ command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() });

/** code.claude.com/docs/en/mcp: `{type: "http", url, headers}`; `${VAR}` expanded in url and headers. */
const claudeCodeServer = z.union([z.strictObject({ type: z.enum(['http', 'sse']), url: z.url(), headers: headers.optional() }), stdio.extend({ type: z.literal('stdio').optional() })]);
/** cursor.com/docs/mcp: remote `{url, headers}`, transport chosen by Cursor; `${env:NAME}` interpolation. */
const cursorServer = z.union([z.strictObject({ url: z.url(), headers: headers.optional() }), stdio]);
/** VS Code mcp-configuration reference: `{type: "http"|"sse", url, headers}`, inputs `{type, id, description, password}`. */
const vscodeServer = z.union([z.strictObject({ type: z.enum(['http', 'sse']), url: z.url(), headers: headers.optional() }), stdio.extend({ type: z.literal('stdio') })]);
const vscodeInput = z.strictObject({ type: z.literal('promptString'), id: z.string().min(1), description: z.string().min(1), password: z.boolean().optional() });
/** Gemini CLI docs/tools/mcp-server.md: exactly one of `command`, `url` (SSE) or `httpUrl` (Streamable HTTP). */
const geminiServer = z
  .object({ httpUrl: z.url().optional(), url: z.url().optional(), command: z.string().optional(), headers: headers.optional(), timeout: z.number().optional() })
  .refine((server) => [server.httpUrl, server.url, server.command].filter((value) => value !== undefined).length === 1, 'exactly one transport');
/** developers.openai.com/codex/mcp: `url` + `bearer_token_env_var` (an inline `bearer_token` is rejected by current releases). */
const codexServer = z.union([
  z.strictObject({ url: z.url(), bearer_token_env_var: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(), http_headers: headers.optional(), env_http_headers: headers.optional() }),
  stdio,
]);
/** modelcontextprotocol.io quickstart: Claude Desktop's file takes local servers only: `command`, `args`, `env`. */
const desktopServer = z.strictObject({ command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() });

export const CLIENT_SCHEMAS: Record<ClientId, z.ZodType> = {
  'claude-code': z.looseObject({ mcpServers: z.record(z.string(), claudeCodeServer) }),
  cursor: z.looseObject({ mcpServers: z.record(z.string(), cursorServer) }),
  vscode: z
    .looseObject({ servers: z.record(z.string(), vscodeServer), inputs: z.array(vscodeInput).optional() })
    .refine((file) => {
      // Every ${input:id} a server uses must be declared in inputs, or VS Code has nothing to prompt for.
      const used = [...JSON.stringify(file.servers).matchAll(/\$\{input:([^}]+)\}/g)].map((match) => match[1]);
      return used.every((id) => file.inputs?.some((input) => input.id === id));
    }, 'an ${input:…} without its input'),
  codex: z.looseObject({ mcp_servers: z.record(z.string(), codexServer) }),
  gemini: z.looseObject({ mcpServers: z.record(z.string(), geminiServer) }),
  'claude-desktop': z.looseObject({ mcpServers: z.record(z.string(), desktopServer) }),
};

/** How each client writes a reference to the FAVCRM_API_KEY variable in the Authorization header, per its docs. */
export const KEY_REFERENCES: Partial<Record<ClientId, string>> = {
  'claude-code': 'Bearer ${FAVCRM_API_KEY}',
  cursor: 'Bearer ${env:FAVCRM_API_KEY}',
  gemini: 'Bearer ${FAVCRM_API_KEY}',
  vscode: 'Bearer ${input:favcrm-api-key}',
};
