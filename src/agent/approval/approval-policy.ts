/**
 * The client's own approval policy: the one place that decides whether a tool call runs, waits for the person's
 * yes, or goes back to the model to be fixed. Server annotations are hints we do not trust (the MCP spec says as
 * much), so they can only add reasons to ask. The reasons, in the order they are found:
 * 1. the arguments are checked against the tool's input schema first, so what is judged is what is sent;
 * 2. the tool's hints, read with the MCP defaults and resolved to the safer side (`hint-reaches.ts`);
 * 3. the named FavCRM actions that always reach people or money outside the workspace (`favcrm-actions.ts`);
 * 4. what the tool's name says it does, for tools that list does not know (`name-reaches.ts`);
 * 5. what the call carries: URLs, send flags, a recipient with a message (`schema-reaches.ts`).
 */
import type { McpToolInfo } from '../../mcp/favcrm-connection.js';
import type { ApprovalReach } from '../events.js';
import { DRY_RUN_FLAG, FAVCRM_GATED_ACTIONS, FAVCRM_QUIET_ACTIONS } from './favcrm-actions.js';
import { hintReaches } from './hint-reaches.js';
import { nameReaches } from './name-reaches.js';
import { checkArguments, declaredProperties } from './schema-arguments.js';
import { schemaReaches } from './schema-reaches.js';

export type ToolCallDecision =
  /** Runs without asking; `args` are the checked ones to send. */
  | { kind: 'run'; args: Record<string, unknown>; undeclared: string[] }
  /** Waits for the person's yes; `reaches` says why and is never empty. */
  | { kind: 'ask'; args: Record<string, unknown>; undeclared: string[]; reaches: ApprovalReach[] }
  /** Goes back to the model as a tool error it can fix; nothing is sent. */
  | { kind: 'reject'; errorCode: 'INVALID_ARGUMENTS'; message: string };

/** The order reasons are named on the approval card: what matters most to a person first. */
const REACH_ORDER: readonly ApprovalReach[] = ['people', 'money', 'deletion', 'web', 'outside', 'destructive'];

/** Decides one call. Pure: the same tool and arguments always get the same answer. */
export function decideToolCall(tool: McpToolInfo, modelArgs: Record<string, unknown>): ToolCallDecision {
  const checked = checkArguments(tool.inputSchema, modelArgs);
  if (!checked.ok) {
    return {
      kind: 'reject',
      errorCode: 'INVALID_ARGUMENTS',
      message: `The arguments do not fit ${tool.name}'s input schema: ${checked.problems.slice(0, 5).join('; ')}. Nothing was sent. Correct the arguments and call ${tool.name} again.`,
    };
  }
  const { args, undeclared } = checked;
  const reaches = new Set<ApprovalReach>(hintReaches(tool.annotations));
  for (const reach of FAVCRM_GATED_ACTIONS[tool.name] ?? []) reaches.add(reach);
  if (!FAVCRM_QUIET_ACTIONS.has(tool.name)) for (const reach of nameReaches(tool.name)) reaches.add(reach);
  for (const reach of schemaReaches(tool.inputSchema, args, undeclared)) reaches.add(reach);
  if (isDryRun(tool, args, undeclared)) reaches.clear();
  if (reaches.size === 0) return { kind: 'run', args, undeclared };
  return { kind: 'ask', args, undeclared, reaches: REACH_ORDER.filter((reach) => reaches.has(reach)) };
}

/**
 * Whether calls to this tool may ask, for listings (`/tools`, `tool list`): the decision for a call that fills
 * every declared property and turns every boolean flag on, so a tool that can ask is never listed as one that never does.
 */
export function toolMayAsk(tool: McpToolInfo): boolean {
  const reaches = new Set<ApprovalReach>([...hintReaches(tool.annotations), ...(FAVCRM_GATED_ACTIONS[tool.name] ?? [])]);
  if (!FAVCRM_QUIET_ACTIONS.has(tool.name)) for (const reach of nameReaches(tool.name)) reaches.add(reach);
  const everything = Object.fromEntries(
    Object.entries(declaredProperties(tool.inputSchema)).map(([key, property]) => [key, (property as { type?: unknown } | null)?.type === 'boolean' ? true : 'x']),
  );
  for (const reach of schemaReaches(tool.inputSchema, everything, [])) reaches.add(reach);
  return reaches.size > 0;
}

/**
 * A call to a known dry-run action with its flag off creates nothing (it answers with what it would do), so it
 * runs unasked; `"true"`, `1` and a schema default of true are not "off". Nor is a call with keys the schema does
 * not declare: a lenient server may read `Confirm: true` or `confirmed: true` as the flag.
 */
function isDryRun(tool: McpToolInfo, args: Record<string, unknown>, undeclared: readonly string[]): boolean {
  const flag = DRY_RUN_FLAG[tool.name];
  if (!flag || undeclared.length > 0) return false;
  if (args[flag] !== undefined) return args[flag] === false;
  const declared = declaredProperties(tool.inputSchema)[flag];
  return typeof declared === 'object' && declared !== null && (declared as { default?: unknown }).default === false;
}
