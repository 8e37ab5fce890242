import type { McpToolInfo } from '../mcp/favcrm-connection.js';
import type { ApprovalRequest } from './events.js';

export type ApprovalReason = ApprovalRequest['reason'];

/**
 * Why a call must wait for the person's explicit yes, or null. A missing hint counts as the MCP spec's
 * default (destructive and open-world) unless the tool says it is read-only.
 */
export function approvalReason(tool: McpToolInfo, args: Record<string, unknown>): ApprovalReason | null {
  if (tool.name === 'create_plan_upgrade_link') return args.confirm === true ? 'stripe-link' : null;
  const hints = tool.annotations;
  if (hints.readOnlyHint === true) return null;
  if (hints.destructiveHint ?? true) return 'destructive';
  if (hints.openWorldHint ?? true) return 'open-world';
  return null;
}

/** One sentence a person can say yes or no to. */
export function describeApproval(tool: McpToolInfo, args: Record<string, unknown>, reason: ApprovalReason): string {
  if (tool.name === 'register_organisation_request') {
    // This prompt is the playbook's "confirm the details once": it shows everything that will be registered.
    const details = [args.industry, args.country, args.timezone].filter((value) => typeof value === 'string').join(', ');
    return `Email a 6-digit signup code to ${String(args.email)} to register "${String(args.organisationName)}"${details ? ` (${details})` : ''}.`;
  }
  const target = describeTarget(args);
  switch (reason) {
    case 'stripe-link':
      return `Create a Stripe checkout link to upgrade the plan${target ? ` (${target})` : ''}.`;
    case 'destructive':
      return `${tool.title}${target ? ` for ${target}` : ''}. This changes or removes data and may not be undoable.`;
    case 'open-world':
      return `${tool.title}${target ? ` for ${target}` : ''}. This reaches outside FavCRM (messages, payments or external services).`;
  }
}

function describeTarget(args: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (key === 'confirm') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(`${key} ${String(value)}`);
    else if (Array.isArray(value)) parts.push(`${key}: ${value.length} item(s)`);
    if (parts.length === 3) break;
  }
  return parts.join(', ');
}

/** Up to three rows of a bulk argument (an array of objects or ids), with the total (contract §5.1). */
export function bulkPreview(args: Record<string, unknown>): ApprovalRequest['preview'] {
  for (const value of Object.values(args)) {
    if (Array.isArray(value) && value.length > 1) {
      const rows = value.slice(0, 3).map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>) : { value: item }));
      return { total: value.length, rows };
    }
  }
  return undefined;
}
