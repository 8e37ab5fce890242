import { JSON_RPC } from './json-rpc-failure.js';
import { findTool } from './tool-registry.js';
import type { SandboxTool } from './tools/tool-definition.js';

/** A JSON-RPC id as echoed in error replies (null when the request had none we can trust). */
export type JsonRpcId = string | number | null;

/** What server.ts needs to know about a body before handing it to the SDK (auth and logging). */
export type Envelope =
  | { kind: 'request'; id: string | number; method: string; toolName: string | null }
  | { kind: 'notification' | 'response'; method: string | null }
  | { kind: 'invalid'; id: JsonRpcId; message: string; code?: number };

/** Checks the JSON-RPC 2.0 shape ourselves so every malformed body gets a precise -32600, never a batch. */
export function inspectEnvelope(message: unknown): Envelope {
  if (Array.isArray(message)) {
    return { kind: 'invalid', id: null, message: 'Invalid Request: batches are not supported; send one JSON-RPC request per POST.' };
  }
  if (typeof message !== 'object' || message === null) {
    return { kind: 'invalid', id: null, message: 'Invalid Request: the body must be a JSON-RPC 2.0 object.' };
  }
  const record = message as Record<string, unknown>;
  const rawId = record.id;
  const idIsValid = typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId));
  const echoId: JsonRpcId = idIsValid ? (rawId as string | number) : null;
  if (record.jsonrpc !== '2.0') return { kind: 'invalid', id: echoId, message: 'Invalid Request: "jsonrpc" must be "2.0".' };
  if (rawId !== undefined && !idIsValid) {
    return { kind: 'invalid', id: null, message: 'Invalid Request: "id" must be a string or a number.' };
  }
  if (record.method === undefined) {
    if (rawId !== undefined && ('result' in record || 'error' in record)) return { kind: 'response', method: null };
    return { kind: 'invalid', id: echoId, message: 'Invalid Request: "method" is required.' };
  }
  if (typeof record.method !== 'string' || record.method === '') {
    return { kind: 'invalid', id: echoId, message: 'Invalid Request: "method" must be a non-empty string.' };
  }
  if (record.params !== undefined && (typeof record.params !== 'object' || record.params === null || Array.isArray(record.params))) {
    return { kind: 'invalid', id: echoId, message: 'Invalid Request: "params" must be an object.' };
  }
  if (rawId === undefined) return { kind: 'notification', method: record.method };
  const id = rawId as string | number;
  if (record.method !== 'tools/call') return { kind: 'request', id, method: record.method, toolName: null };
  // Checked here so the agent gets one readable sentence rather than the SDK's multi-line zod dump.
  const params = (record.params ?? {}) as Record<string, unknown>;
  if (typeof params.name !== 'string' || params.name === '') {
    return { kind: 'invalid', id, code: JSON_RPC.invalidParams, message: 'Invalid params: tools/call needs params.name, a tool name from tools/list.' };
  }
  const args = params.arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    return { kind: 'invalid', id, code: JSON_RPC.invalidParams, message: 'Invalid params: tools/call params.arguments must be a JSON object.' };
  }
  return { kind: 'request', id, method: record.method, toolName: params.name };
}

/** `tools/list` and the four bootstrap tools work whatever key is (or is not) sent (contract §6.1). */
export function isAuthExempt(envelope: Envelope, tools: readonly SandboxTool[]): boolean {
  if (envelope.kind !== 'request') return false;
  if (envelope.method === 'tools/list') return true;
  if (envelope.method !== 'tools/call' || envelope.toolName === null) return false;
  return findTool(tools, envelope.toolName)?.auth === 'none';
}
