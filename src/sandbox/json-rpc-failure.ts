/** JSON-RPC error codes the sandbox answers with (JSON-RPC 2.0 §5.1, plus the MCP SDK's -32001 for auth). */
export const JSON_RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Implementation-defined server error (JSON-RPC reserves -32000..-32099); the SDK uses it for HTTP-level refusals. */
  serverError: -32000,
  unauthorized: -32001,
} as const;

/**
 * A protocol-level failure (unknown tool, bad params). The SDK copies `code` and `message` into the JSON-RPC
 * error as they are; McpError would prefix the message with "MCP error <code>:", which the CLI then prints twice.
 */
export class JsonRpcFailure extends Error {
  override readonly name = 'JsonRpcFailure';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  static isInstance(value: unknown): value is JsonRpcFailure {
    return value instanceof Error && value.name === 'JsonRpcFailure' && 'code' in value;
  }
}
