// The plans a sandbox workspace can be on or upgrade to. Limits for the free tier follow the
// public README (contract §5.2): 100 customers, 200 bookings a month, 1k MCP calls a month.

/** Quotas the sandbox counts; `period: 'month'` resets at local midnight on the 1st. */
export type QuotaCode = 'customers' | 'bookings_per_month' | 'mcp_calls_per_month';

/** Feature modules a plan can switch on; `check_plan_operation(moduleCode)` answers for these. */
export const MODULE_CODES = [
  'contacts', 'membership', 'bookings', 'invoices', 'shop', 'campaigns', 'content', 'knowledge', 'sales', 'reporting', 'whatsapp',
] as const;
export type ModuleCode = (typeof MODULE_CODES)[number];

export interface PlanDefinition {
  id: string;
  code: string;
  name: string;
  priceMonthly: number;
  priceYearly: number;
  currency: string;
  limits: Record<QuotaCode, number>;
  modules: readonly ModuleCode[];
  summary: string;
}

const CORE_MODULES: readonly ModuleCode[] = MODULE_CODES.filter((code) => code !== 'whatsapp');

export const FREE_PLAN: PlanDefinition = {
  id: 'plan_free',
  code: 'favcrm-free',
  name: 'FavCRM Free',
  priceMonthly: 0,
  priceYearly: 0,
  currency: 'USD',
  limits: { customers: 100, bookings_per_month: 200, mcp_calls_per_month: 1000 },
  modules: CORE_MODULES,
  summary: 'Free tier: 100 customers, 200 bookings/month, 1k MCP calls/month; no WhatsApp channel.',
};

export const LITE_PLAN: PlanDefinition = {
  id: 'plan_lite',
  code: 'favcrm-lite',
  name: 'FavCRM Lite',
  priceMonthly: 29,
  priceYearly: 290,
  currency: 'USD',
  limits: { customers: 2000, bookings_per_month: 2000, mcp_calls_per_month: 20000 },
  modules: MODULE_CODES,
  summary: 'For a growing shop: 2,000 customers, 2,000 bookings/month, 20k MCP calls/month, WhatsApp channel.',
};

export const PRO_PLAN: PlanDefinition = {
  id: 'plan_pro',
  code: 'favcrm-pro',
  name: 'FavCRM Pro',
  priceMonthly: 99,
  priceYearly: 990,
  currency: 'USD',
  limits: { customers: 20000, bookings_per_month: 20000, mcp_calls_per_month: 200000 },
  modules: MODULE_CODES,
  summary: 'For multi-staff teams: 20,000 customers, 20,000 bookings/month, 200k MCP calls/month.',
};

export const PLANS: readonly PlanDefinition[] = [FREE_PLAN, LITE_PLAN, PRO_PLAN];

/** New workspaces get 30 days of Lite-level limits and modules (contract §5.2: "30-day trial of higher limits"). */
export const TRIAL_DAYS = 30;
export const TRIAL_PLAN: PlanDefinition = LITE_PLAN;

/** The plan an upgrade prompt points at; the CLI's `plan portal` hard-codes it too (contract §7.10). */
export const DEFAULT_UPGRADE_PLAN_CODE = 'favcrm-lite';

export const QUOTA_LABELS: Record<QuotaCode, string> = {
  customers: 'customers (accounts)',
  bookings_per_month: 'bookings created this month',
  mcp_calls_per_month: 'MCP tool calls this month',
};

/** Looks a plan up by code (`favcrm-lite`) or id (`plan_lite`). */
export function findPlan(codeOrId: string): PlanDefinition | undefined {
  return PLANS.find((plan) => plan.code === codeOrId || plan.id === codeOrId);
}
