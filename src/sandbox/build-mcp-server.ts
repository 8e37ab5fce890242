import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolRequest as CallToolRequestParams } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { z } from 'zod';
import { SANDBOX_INSTRUCTIONS, SANDBOX_SERVER_NAME, SANDBOX_SERVER_VERSION } from './server-info.js';
import { JSON_RPC, JsonRpcFailure } from './json-rpc-failure.js';
import { callTool, findTool, listedTools } from './tool-registry.js';
import type { ToolContext } from './tools/tool-definition.js';
import { errorMessage } from '../errors/error-message.js';

// Loose request schemas: the SDK parses these before its own tools/call check, and a failed parse here would come
// back as -32603 (internal error). Loose ones let malformed params reach the SDK check, which answers -32602.
const ListToolsRequest = z.looseObject({ method: z.literal('tools/list') });
const CallToolRequest = z.looseObject({ method: z.literal('tools/call') });

let sharedAjvValidator: AjvJsonSchemaValidator | undefined;

/**
 * One JSON Schema validator for every per-request Server. Left to itself, each `new Server` compiles a fresh Ajv
 * instance (about a third of a request's CPU); the sandbox never elicits, so the SDK only needs one on standby,
 * made on first use so the CLI's startup does not pay for it.
 */
const SHARED_JSON_SCHEMA_VALIDATOR: jsonSchemaValidator = {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    sharedAjvValidator ??= new AjvJsonSchemaValidator();
    return sharedAjvValidator.getValidator<T>(schema);
  },
};

/**
 * Builds the MCP server for ONE HTTP request (stateless transport), bound to that request's caller and clock.
 * Tools with `auth: 'none'` run with no caller even when a key was sent: the bootstrap tools ignore auth.
 */
export function buildMcpServer(context: ToolContext, log: (line: string) => void = () => undefined): Server {
  // The SDK's low-level `Server`, not McpServer: McpServer validates arguments itself and answers with its own
  // error shape, while FavCRM clients expect our `{error:{code,message}}` VALIDATION result.
  const server = new Server(
    { name: SANDBOX_SERVER_NAME, version: SANDBOX_SERVER_VERSION },
    {
      capabilities: { tools: { listChanged: false } },
      instructions: SANDBOX_INSTRUCTIONS,
      jsonSchemaValidator: SHARED_JSON_SCHEMA_VALIDATOR,
    },
  );
  server.setRequestHandler(ListToolsRequest, () => ({ tools: listedTools(context.tools) }));
  server.setRequestHandler(CallToolRequest, async (request) => {
    // The SDK's tools/call wrapper (server/index.js) has already checked this very object against
    // CallToolRequestSchema and answered -32602 if it failed, so parsing it a second time here only cost time.
    const { params } = request as unknown as CallToolRequestParams;
    const tool = findTool(context.tools, params.name);
    const toolContext = tool?.auth === 'none' ? { ...context, caller: null } : context;
    try {
      return await callTool(context.tools, params.name, params.arguments, toolContext);
    } catch (error) {
      if (JsonRpcFailure.isInstance(error)) throw error;
      // A handler bug: log the stack here, answer the client with a short -32603 that says what to do.
      log(`Tool ${params.name} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new JsonRpcFailure(
        JSON_RPC.internalError,
        `${params.name} failed inside the sandbox (${errorMessage(error)}). This is a sandbox bug; the sandbox log has the details.`,
      );
    }
  });
  return server;
}
