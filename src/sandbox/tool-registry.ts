import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { PORTAL_KEYS_URL } from './accounts.js';
import { JSON_RPC, JsonRpcFailure } from './json-rpc-failure.js';
import { ToolFailure } from './tool-failure.js';
import { recordUsageEvent } from './usage-events.js';
import { cliTableKey, isListAnswer } from './tools/list-result.js';
import type { SandboxTool, ToolContext } from './tools/tool-definition.js';

const ANNOTATION_HINTS = ['readOnlyHint', 'destructiveHint', 'openWorldHint', 'idempotentHint'] as const;

/** The official CLI's `tool list` cuts a summary after this many characters (`first_line(desc, 100)`). */
export const MAX_SUMMARY_LENGTH = 100;

/**
 * Checks a catalogue once at startup: unique names, a summary line, a title and all four hints (contract §4.1).
 * A broken tool definition should stop the sandbox, not surface as a confusing call failure later.
 */
export function assertValidCatalogue(tools: readonly SandboxTool[]): void {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (!/^[a-z][a-z0-9_]*$/.test(tool.name)) throw new Error(`Sandbox tool name "${tool.name}" must be snake_case.`);
    if (seen.has(tool.name)) throw new Error(`Sandbox tool "${tool.name}" is defined twice.`);
    seen.add(tool.name);
    const summary = tool.description.split('\n')[0]?.trim() ?? '';
    if (!summary) throw new Error(`Sandbox tool "${tool.name}" needs a summary line.`);
    // `favcrm tool list` shows the first 100 characters of that line and cuts the rest with "…".
    if (summary.length > MAX_SUMMARY_LENGTH) throw new Error(`Sandbox tool "${tool.name}" has a summary longer than ${MAX_SUMMARY_LENGTH} characters.`);
    if (!tool.annotations.title.trim()) throw new Error(`Sandbox tool "${tool.name}" needs annotations.title.`);
    for (const hint of ANNOTATION_HINTS) {
      if (typeof tool.annotations[hint] !== 'boolean') throw new Error(`Sandbox tool "${tool.name}" must set ${hint}.`);
    }
  }
}

const listedCache = new WeakMap<SandboxTool, Tool>();
const argumentSchemaCache = new WeakMap<SandboxTool, z.ZodObject>();

/** The zod object for a tool's arguments, built once per tool (requests are many, tools few). */
function argumentSchema(tool: SandboxTool): z.ZodObject {
  let schema = argumentSchemaCache.get(tool);
  if (!schema) {
    schema = z.object(tool.inputSchema);
    argumentSchemaCache.set(tool, schema);
  }
  return schema;
}

/** The `tools/list` entry for one tool: JSON Schema of the input side of its zod shape, plus annotations. */
export function listedTool(tool: SandboxTool): Tool {
  const cached = listedCache.get(tool);
  if (cached) return cached;
  const { $schema: _schema, ...inputSchema } = z.toJSONSchema(argumentSchema(tool), {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const listed: Tool = {
    name: tool.name,
    title: tool.annotations.title,
    description: tool.description,
    inputSchema: { ...inputSchema, type: 'object' },
    annotations: { ...tool.annotations },
  };
  listedCache.set(tool, listed);
  return listed;
}

const toolsByNameCache = new WeakMap<readonly SandboxTool[], Map<string, SandboxTool>>();

/** The tool called `name` in a catalogue: a map built once, since every tools/call looks one up (several times). */
export function findTool(tools: readonly SandboxTool[], name: string): SandboxTool | undefined {
  let byName = toolsByNameCache.get(tools);
  if (!byName) {
    byName = new Map();
    // The first of a repeated name wins, as Array#find did (assertValidCatalogue refuses repeats anyway).
    for (const tool of tools) if (!byName.has(tool.name)) byName.set(tool.name, tool);
    toolsByNameCache.set(tools, byName);
  }
  return byName.get(name);
}

const listedCatalogueCache = new WeakMap<readonly SandboxTool[], Tool[]>();

/** The whole `tools/list` answer for a catalogue, built once: catalogues never change after startup. */
export function listedTools(tools: readonly SandboxTool[]): Tool[] {
  let listed = listedCatalogueCache.get(tools);
  if (!listed) {
    listed = tools.map(listedTool);
    listedCatalogueCache.set(tools, listed);
  }
  return listed;
}

/**
 * Uses a listing computed elsewhere (at build time) for `tools`, when it lists exactly their names in order;
 * anything else is ignored, and the listing is computed on first use as usual.
 */
export function seedListedTools(tools: readonly SandboxTool[], listing: readonly Tool[] | undefined): boolean {
  if (!listing || listing.length !== tools.length || listing.some((entry, index) => entry.name !== tools[index]?.name)) return false;
  listedCatalogueCache.set(tools, [...listing]);
  tools.forEach((tool, index) => listedCache.set(tool, listing[index] as Tool));
  return true;
}

/** Success: the payload in `structuredContent.data` (what the CLI reads) and as JSON text (what generic clients read). */
export function successResult(payload: unknown): CallToolResult {
  const data = payload === undefined ? null : payload;
  return { structuredContent: { data }, content: [{ type: 'text', text: JSON.stringify(data) }] };
}

/** An expected failure as data: `isError`, with `{error:{code,message,...details}}` as both text and structure. */
export function failureResult(failure: ToolFailure): CallToolResult {
  const body = { error: { ...failure.details, code: failure.code, message: failure.message } };
  return { isError: true, structuredContent: body, content: [{ type: 'text', text: JSON.stringify(body) }] };
}

/** Failure for a key-only tool called without a key (the agent reads it; HTTP 401 is for bad keys). */
export function missingKeyFailure(toolName: string): ToolFailure {
  return new ToolFailure(
    'UNAUTHORIZED',
    `${toolName} needs a FavCRM API key. Sign up with register_organisation_request (or accept a team invite), or ` +
      `create a key in the portal at Settings → MCP Keys, then send it as "Authorization: Bearer <key>".`,
    { portalUrl: PORTAL_KEYS_URL },
  );
}

/** Turns the first zod issue into a VALIDATION failure naming the field and the reason. */
export function validationFailure(toolName: string, error: z.ZodError): ToolFailure {
  const issues = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)',
    reason:
      issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is required' : issue.message,
  }));
  const first = issues[0] ?? { field: '(arguments)', reason: 'are invalid' };
  return new ToolFailure(
    'VALIDATION',
    `Invalid ${first.field}: ${first.reason}. Correct it and call ${toolName} again.`,
    { field: first.field, reason: first.reason, issues },
  );
}

/**
 * A tool's answer, checked against how the official CLI draws it: an array under `items`/`results`/`rows`/`data`
 * is drawn as the whole answer, so only a list (built by listResult) may have one. A single record with its line
 * items there would show as the lines alone, its id, customer, status and total gone (contract §2.6). A
 * programming error, so it fails the call loudly rather than drawing a wrong table.
 */
export function answerShapedForCli(toolName: string, answer: unknown): unknown {
  const tableKey = cliTableKey(answer);
  if (tableKey !== null && !isListAnswer(answer)) {
    throw new Error(
      `Sandbox tool ${toolName} answered a single record with an array under "${tableKey}", which the official CLI would draw instead of the record; name it for what it holds (e.g. lineItems), or build a list with listResult.`,
    );
  }
  return answer;
}

/**
 * Runs one `tools/call`: find the tool, enforce its key requirement, validate the arguments once, run the handler,
 * and shape the result. Counts one `mcp_call` usage event per call made with a key.
 */
export async function callTool(
  tools: readonly SandboxTool[],
  name: string,
  rawArguments: unknown,
  context: ToolContext,
): Promise<CallToolResult> {
  const tool = findTool(tools, name);
  if (!tool) {
    throw new JsonRpcFailure(
      JSON_RPC.invalidParams,
      `Unknown tool: ${name}. Call tools/list to see the ${tools.length} tools this server has.`,
    );
  }
  // Committed (with the other calls of this event-loop turn) before the tool runs, as if inserted right here.
  if (context.caller) await recordUsageEvent(context.db, context.caller.companyId, context.now().toISOString());
  if (tool.auth === 'key' && !context.caller) return failureResult(missingKeyFailure(tool.name));
  const argumentsObject = rawArguments === undefined || rawArguments === null ? {} : rawArguments;
  if (typeof argumentsObject !== 'object' || Array.isArray(argumentsObject)) {
    return failureResult(
      new ToolFailure('VALIDATION', `Invalid arguments: must be a JSON object. Call ${tool.name} again with an object.`, {
        field: '(arguments)',
        reason: 'must be a JSON object',
      }),
    );
  }
  const parsed = argumentSchema(tool).safeParse(argumentsObject);
  if (!parsed.success) return failureResult(validationFailure(tool.name, parsed.error));
  try {
    return successResult(answerShapedForCli(tool.name, await tool.handler(parsed.data, context)));
  } catch (error) {
    if (ToolFailure.isInstance(error)) return failureResult(error);
    throw error;
  }
}
