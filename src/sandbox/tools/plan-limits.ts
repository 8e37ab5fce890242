import { ToolFailure } from '../tool-failure.js';
import { loadCompany, type CompanyProfile } from './caller-scope.js';
import { startOfLocalMonth } from './company-time.js';
import {
  DEFAULT_UPGRADE_PLAN_CODE, FREE_PLAN, QUOTA_LABELS, TRIAL_DAYS, TRIAL_PLAN,
  type ModuleCode, type PlanDefinition, type QuotaCode,
} from './plan-catalogue.js';
import type { ToolContext } from './tool-definition.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Which limits apply right now: the trial's for 30 days after signup, then the free tier's. */
export interface PlanState {
  company: CompanyProfile;
  plan: PlanDefinition;
  limitsFrom: 'trial' | 'free';
  effective: PlanDefinition;
  trialEndsAt: string;
  trialActive: boolean;
  monthStart: string;
}

/** Sandbox workspaces never pay, so the plan is Free and only the trial clock changes the limits. */
export function planState(context: ToolContext): PlanState {
  const company = loadCompany(context);
  const trialEnds = new Date(Date.parse(company.createdAt) + TRIAL_DAYS * DAY_MS);
  const now = context.now();
  const trialActive = now.getTime() < trialEnds.getTime();
  return {
    company,
    plan: FREE_PLAN,
    limitsFrom: trialActive ? 'trial' : 'free',
    effective: trialActive ? TRIAL_PLAN : FREE_PLAN,
    trialEndsAt: trialEnds.toISOString(),
    trialActive,
    monthStart: startOfLocalMonth(now, company.timezone).toISOString(),
  };
}

/** One quota's usage, as `get_plan_status` and `check_plan_operation` report it. */
export interface QuotaUsage {
  code: QuotaCode;
  label: string;
  used: number;
  limit: number;
  remaining: number;
  freeTierLimit: number;
  period: 'total' | 'month';
  periodStart?: string;
}

function countUsed(context: ToolContext, state: PlanState, code: QuotaCode): number {
  const companyId = state.company.id;
  const count = (sql: string, ...params: unknown[]) =>
    (context.db.prepare(sql).get(...params) as { n: number }).n;
  switch (code) {
    case 'customers':
      return count('SELECT COUNT(*) AS n FROM accounts WHERE company_id = ?', companyId);
    case 'bookings_per_month':
      return count('SELECT COUNT(*) AS n FROM bookings WHERE company_id = ? AND created_at >= ?', companyId, state.monthStart);
    case 'mcp_calls_per_month':
      return count(
        "SELECT COUNT(*) AS n FROM usage_events WHERE company_id = ? AND kind = 'mcp_call' AND at >= ?",
        companyId,
        state.monthStart,
      );
  }
}

export function quotaUsage(context: ToolContext, state: PlanState, code: QuotaCode): QuotaUsage {
  const used = countUsed(context, state, code);
  const limit = state.effective.limits[code];
  return {
    code,
    label: QUOTA_LABELS[code],
    used,
    limit,
    remaining: Math.max(0, limit - used),
    freeTierLimit: FREE_PLAN.limits[code],
    period: code === 'customers' ? 'total' : 'month',
    ...(code === 'customers' ? {} : { periodStart: state.monthStart }),
  };
}

/** What an agent shows the person when a limit blocks them; the link itself still needs `confirm: true`. */
export function upgradeAction(reason: string) {
  return {
    tool: 'create_plan_upgrade_link',
    planCode: DEFAULT_UPGRADE_PLAN_CODE,
    arguments: { planCode: DEFAULT_UPGRADE_PLAN_CODE, billingCycle: 'monthly', confirm: true },
    requiresConfirmation: true,
    reason,
    instructions: 'Show this to the person and ask before calling create_plan_upgrade_link with confirm: true.',
  };
}

/** Throws PLAN_LIMIT when adding `delta` would pass the quota; call before inserting the row. */
export function enforceQuota(context: ToolContext, code: QuotaCode, delta = 1): void {
  const state = planState(context);
  const usage = quotaUsage(context, state, code);
  if (usage.used + delta <= usage.limit) return;
  const message =
    `Plan limit reached: ${usage.used}/${usage.limit} ${usage.label} on ${state.limitsFrom === 'trial' ? 'the trial' : state.plan.name}. ` +
    `Upgrade to FavCRM Lite to go further.`;
  throw new ToolFailure('PLAN_LIMIT', message, { quota: usage, upgradeAction: upgradeAction(message) });
}

/** Throws PLAN_LIMIT when the workspace's current plan lacks a module (e.g. WhatsApp after the trial). */
export function enforceModule(context: ToolContext, module: ModuleCode): void {
  const state = planState(context);
  if (state.effective.modules.includes(module)) return;
  const message = `The ${module} module is not included in ${state.plan.name}. Upgrade to FavCRM Lite to use it.`;
  throw new ToolFailure('PLAN_LIMIT', message, { moduleCode: module, upgradeAction: upgradeAction(message) });
}

/** Throws FORBIDDEN when the caller's role may not run the tool (see plan-operations.ts). */
export function enforceRole(context: ToolContext, toolName: string, allowed: ReadonlyArray<string>): void {
  const role = context.caller?.role ?? 'staff';
  if (allowed.includes(role)) return;
  throw new ToolFailure('FORBIDDEN', `${toolName} needs the ${allowed.join(' or ')} role; this key is ${role}.`, {
    toolName,
    role,
    allowedRoles: allowed,
    hint: 'Ask an owner of the workspace to do this, or to call it with their key.',
  });
}
