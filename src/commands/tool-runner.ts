import { CODE_TOOLS } from '../agent/code-guard.js';
import { checkAppOptions } from '../app/check-app-options.js';
import { errorMessage } from '../errors/error-message.js';
import { FatalError, UsageError } from '../errors/fatal-error.js';
import { FavcrmConnectionError } from '../mcp/connection-errors.js';
import type { FavcrmConnection } from '../mcp/favcrm-connection.js';
import type { CommandContext } from './command.js';
import type { FlagValues } from './flags.js';
import { appOptionsFrom } from './session-flags.js';
import { startCore } from './start-core.js';
import { formatToolAnswer, formatToolDescription, formatToolList, printable, printableJson } from './tool-output.js';

/** One `favcrm-chat tool …` invocation, as the command table parsed it. */
export interface ToolRequest {
  verb: 'list' | 'describe' | 'call';
  name?: string;
  /** The JSON text of the arguments (`call` only); absent or empty means `{}`, as in the official CLI. */
  args?: string;
  json: boolean;
}

/** Runs `tool list|describe|call` against the endpoint and key the chat would use. Returns the exit code. */
export async function runToolRequest(request: ToolRequest, values: FlagValues, context: CommandContext): Promise<number> {
  // Everything that can be judged without the network is, before anything connects.
  if (request.verb !== 'list' && !request.name) {
    throw new UsageError(`favcrm-chat tool ${request.verb} ${request.verb === 'call' ? "NAME ['{…}']" : 'NAME'}: the tool name is required (favcrm-chat tool list shows them).`);
  }
  const args = request.verb === 'call' ? toolArguments(request.args) : {};
  if (request.verb === 'call' && request.name && CODE_TOOLS.has(request.name)) {
    throw new UsageError(`${request.name} takes an emailed code and issues an API key: finish the signup in the chat (run favcrm-chat), which stores the key and never shows the code to the model.`);
  }
  // No model takes part: the offline one, so OPENAI_* settings can neither stop nor slow a tool call.
  const options = { ...appOptionsFrom(values), model: 'offline' };
  const { keyStore } = checkAppOptions(options, context.env);
  const { app } = await startCore(options, context.env, context.paths, keyStore);
  let connection: FavcrmConnection | null = null;
  try {
    for (const notice of app.startupNotices) context.io.stderr.write(printable(`warning: ${notice}\n`));
    connection = await app.connect();
    return await answer(request, args, connection, context);
  } catch (error) {
    // A dead or refusing server is an expected failure with a next step, not a crash.
    if (FavcrmConnectionError.isInstance(error)) throw new FatalError(`${error.message}${error.hint ? ` ${error.hint}` : ''}`);
    throw error;
  } finally {
    await connection?.close();
    await app.close();
  }
}

async function answer(request: ToolRequest, args: Record<string, unknown>, connection: FavcrmConnection, context: CommandContext): Promise<number> {
  const out = (text: string) => void context.io.stdout.write(text);
  if (request.verb === 'list') {
    const tools = await connection.listTools();
    out(request.json ? `${printableJson(tools.map((tool) => tool.listing ?? tool))}\n` : formatToolList(tools));
    return 0;
  }
  const name = request.name ?? '';
  if (request.verb === 'describe') {
    const tool = (await connection.listTools()).find((entry) => entry.name === name);
    if (!tool) throw new FatalError(`No tool named "${printable(name)}" at ${connection.url}. Run favcrm-chat tool list to see them.`);
    out(request.json ? `${printableJson(tool.listing ?? tool)}\n` : formatToolDescription(tool));
    return 0;
  }
  const outcome = await connection.callTool(name, args);
  out(request.json ? `${printableJson(outcome.data)}\n` : formatToolAnswer(outcome.data));
  // The official CLI prints a tool's error as if it succeeded; a script here can tell by the exit code.
  if (!outcome.ok) {
    context.io.stderr.write(printable(`favcrm-chat: ${name} failed: ${outcome.errorCode ?? 'TOOL_ERROR'}: ${outcome.errorMessage ?? 'the tool reported an error'}\n`));
    return 1;
  }
  return 0;
}

/** The official CLI's argument rule: JSON text, default `{}`; here it must be an object, as tools/call requires. */
function toolArguments(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Invalid JSON for the tool's arguments (${errorMessage(error)}): ${text}. Write them as one JSON object, e.g. '{"limit": 5}'.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`The tool's arguments must be a JSON object, like '{"limit": 5}', not ${text}.`);
  }
  return parsed as Record<string, unknown>;
}
