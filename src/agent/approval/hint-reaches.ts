import type { ApprovalReach } from '../events.js';
import type { McpToolInfo } from '../../mcp/favcrm-connection.js';

/**
 * What a tool's own MCP annotations say it reaches. They are hints from a server we do not control, so they can
 * only add to what the client's policy finds, never take away, and a hint that is missing or not a real boolean
 * counts as the MCP spec's default: `readOnlyHint` false, `destructiveHint` true (for a tool that is not read-only)
 * and `openWorldHint` true. Conflicting hints resolve to the safer side: a tool that says destructive or open-world
 * is gated whatever `readOnlyHint` says.
 */
export function hintReaches(annotations: McpToolInfo['annotations']): ApprovalReach[] {
  const readOnly = booleanHint(annotations.readOnlyHint) ?? false;
  // The spec: destructiveHint "is meaningful only when readOnlyHint is false", so only an explicit true counts then.
  const destructive = booleanHint(annotations.destructiveHint) ?? !readOnly;
  const openWorld = booleanHint(annotations.openWorldHint) ?? true;
  const reaches: ApprovalReach[] = [];
  if (destructive) reaches.push('destructive');
  if (openWorld) reaches.push('outside');
  return reaches;
}

/** A hint counts only as a real boolean: `"false"` from a careless or hostile server is no hint at all. */
function booleanHint(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
