import type { ModuleCode, QuotaCode } from './plan-catalogue.js';
import type { Caller } from './tool-definition.js';

// What `check_plan_operation(toolName)` needs to know about a tool: its module, the quota it
// consumes, and who may call it. Kept apart from plan.ts so the rules read as one table.

/** First match wins: `get_booking_stats` is a bookings tool, `get_dashboard_stats` a reporting one. */
const MODULE_RULES: ReadonlyArray<[RegExp, ModuleCode]> = [
  [/whatsapp/, 'whatsapp'],
  [/booking|slot|service|no_show/, 'bookings'],
  [/tier|membership|loyalty|enrol/, 'membership'],
  [/account|member|tag/, 'contacts'],
  [/invoice/, 'invoices'],
  [/product|order|promotion|subscription/, 'shop'],
  [/campaign|send/, 'campaigns'],
  [/post|image/, 'content'],
  [/knowledge/, 'knowledge'],
  [/deal|task/, 'sales'],
  [/stats|dashboard/, 'reporting'],
];

/** The module a tool belongs to, or null for plan, workspace and platform tools every plan has. */
export function moduleForTool(toolName: string): ModuleCode | null {
  for (const [pattern, module] of MODULE_RULES) if (pattern.test(toolName)) return module;
  return null;
}

/** Tools that use up a counted quota besides the MCP call itself. */
const TOOL_QUOTAS: Record<string, QuotaCode> = {
  create_account: 'customers',
  create_booking: 'bookings_per_month',
};

export function quotaForTool(toolName: string): QuotaCode | null {
  return TOOL_QUOTAS[toolName] ?? null;
}

/** Money and channel set-up stay with the people who own the account. */
const ROLE_RULES: Record<string, ReadonlyArray<Caller['role']>> = {
  create_plan_upgrade_link: ['owner'],
  create_whatsapp_connect_link: ['owner', 'manager'],
  create_team_member_invite: ['owner', 'manager'],
};

/** Roles allowed to call the tool, or null when every member may. */
export function rolesForTool(toolName: string): ReadonlyArray<Caller['role']> | null {
  return ROLE_RULES[toolName] ?? null;
}

/** Direct customer sends are never allowed; they go through `request_send_approval` (contract §5.6). */
export const FORBIDDEN_SEND_TOOLS = ['send_message', 'send_whatsapp_message', 'send_test_campaign', 'send_campaign'] as const;
