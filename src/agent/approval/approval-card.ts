import type { McpToolInfo } from '../../mcp/favcrm-connection.js';
import type { ApprovalField, ApprovalReach, ApprovalRequest } from '../events.js';
import { nameWords } from './name-reaches.js';
import { declaredProperties } from './schema-arguments.js';

/** What the card says each reason means, in words a person can weigh. */
export const REACH_LABEL: Readonly<Record<ApprovalReach, string>> = {
  people: 'people outside this workspace (it sends an email, a message or an invite)',
  money: 'money (a payment, plan or checkout link)',
  deletion: 'deletion (removes or cancels data)',
  web: 'a web address (the server fetches it or sends people to it)',
  outside: 'services outside FavCRM',
  destructive: 'changes the server calls destructive',
};

/**
 * The approval request for a gated call: every argument flattened to `path: value` (the schema's order, the keys
 * that reach outside first, undeclared keys flagged), the title, what it reaches, and one sentence to say yes to.
 * `args` are the checked, redacted arguments exactly as they will be sent.
 */
export function buildApprovalRequest(
  approvalId: string,
  tool: McpToolInfo,
  args: Record<string, unknown>,
  decision: { reaches: ApprovalReach[]; undeclared: readonly string[] },
): ApprovalRequest {
  // The title is the server's and the sentence quotes the model's arguments: each stays one line, so neither can
  // draw a fake "Reaches:" or `path: value` row of its own.
  const request: ApprovalRequest = {
    approvalId,
    toolName: oneLine(tool.name),
    title: oneLine(tool.title),
    description: oneLine(describeApproval(tool, args, decision.reaches)),
    args,
    fields: approvalFields(tool.inputSchema, args, decision.undeclared),
    reaches: decision.reaches,
  };
  const preview = bulkPreview(args);
  if (preview) request.preview = preview;
  return request;
}

/** One sentence a person can say yes or no to. */
export function describeApproval(tool: McpToolInfo, args: Record<string, unknown>, reaches: readonly ApprovalReach[]): string {
  const text = (key: string): string | null => (typeof args[key] === 'string' ? (args[key] as string) : null);
  switch (tool.name) {
    case 'register_organisation_request': {
      // This prompt is the playbook's "confirm the details once": it shows everything that will be registered.
      const details = [args.industry, args.country, args.timezone].filter((value) => typeof value === 'string').join(', ');
      return `Email a 6-digit signup code to ${String(args.email)} to register "${String(args.organisationName)}"${details ? ` (${details})` : ''}.`;
    }
    case 'create_team_member_invite':
      return `Email an invitation to ${text('email') ?? 'the address below'} that lets them join this workspace as ${text('role') ?? 'staff'} and see its data.`;
    case 'create_plan_upgrade_link':
      return `Create a Stripe checkout link to upgrade the plan${text('planCode') ? ` to ${text('planCode')}` : ''}${text('billingCycle') ? `, billed ${text('billingCycle')}` : ''}.`;
    case 'scrape_knowledge_url':
      return `Have FavCRM fetch ${text('url') ?? 'a web page'} and add what it finds to the knowledge base.`;
    default:
      return `${tool.title}: reaches ${reaches.map((reach) => REACH_LABEL[reach]).join('; ')}.`;
  }
}

/**
 * Every argument as `path: value`, nested objects and arrays flattened (`items[0].name`). Order: keys that reach
 * outside (addresses, URLs, recipients) first, then the schema's declared order, then keys it does not declare.
 * Values are one line each (line breaks shown as ⏎) and never cut: wrapping is the renderer's job.
 */
export function approvalFields(schema: Record<string, unknown>, args: Record<string, unknown>, undeclared: readonly string[]): ApprovalField[] {
  const flagged = new Set(undeclared);
  const fields: ApprovalField[] = [];
  for (const key of orderedKeys(schema, args)) {
    flatten(args[key], oneLine(key), (path, value) => {
      const field: ApprovalField = { path, value };
      if (flagged.has(path) || [...flagged].some((flaggedPath) => path.startsWith(`${flaggedPath}.`) || path.startsWith(`${flaggedPath}[`))) field.undeclared = true;
      fields.push(field);
    });
  }
  return fields;
}

/** The card's order of top-level keys: those that reach outside, then the schema's order, then undeclared ones. */
export function orderedKeys(schema: Record<string, unknown>, args: Record<string, unknown>): string[] {
  const declared = Object.keys(declaredProperties(schema));
  const given = Object.keys(args);
  const rank = (key: string): number => {
    if (!declared.includes(key)) return 2_000_000 + given.indexOf(key);
    return (reachesOutside(key) ? 0 : 1_000_000) + declared.indexOf(key);
  };
  return given.sort((left, right) => rank(left) - rank(right));
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

/** Keys whose values leave the workspace: they lead the card, whatever order the model wrote them in. */
const OUTSIDE_WORDS = new Set(['url', 'urls', 'uri', 'href', 'link', 'webhook', 'email', 'emails', 'to', 'cc', 'bcc', 'recipient', 'recipients', 'phone', 'mobile', 'audience', 'segment', 'role']);

function reachesOutside(key: string): boolean {
  return nameWords(key).some((word) => OUTSIDE_WORDS.has(word));
}

/** Nesting deeper than this is shown as JSON on one line rather than flattened further. */
const MAX_FLATTEN_DEPTH = 8;

function flatten(value: unknown, path: string, emit: (path: string, value: string) => void, depth = 0): void {
  if (Array.isArray(value) && depth < MAX_FLATTEN_DEPTH) {
    if (value.length === 0) return emit(path, '[]');
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, emit, depth + 1));
    return;
  }
  if (value !== null && typeof value === 'object' && depth < MAX_FLATTEN_DEPTH) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return emit(path, '{}');
    for (const [key, item] of entries) flatten(item, `${path}.${oneLine(key)}`, emit, depth + 1);
    return;
  }
  emit(path, showValue(value));
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : oneLine(value);
  if (value === undefined) return 'undefined';
  return oneLine(JSON.stringify(value) ?? String(value));
}

/** A line break inside a value must not start what looks like another `path: value` row. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ⏎ ');
}
