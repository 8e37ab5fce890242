import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { listResult } from './list-result.js';
import { DEFAULT_UPGRADE_PLAN_CODE, FREE_PLAN, MODULE_CODES, PLANS, TRIAL_PLAN, findPlan, type QuotaCode } from './plan-catalogue.js';
import { enforceRole, planState, quotaUsage, upgradeAction, type QuotaUsage } from './plan-limits.js';
import { FORBIDDEN_SEND_TOOLS, moduleForTool, quotaForTool, rolesForTool } from './plan-operations.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

const QUOTA_CODES: [QuotaCode, ...QuotaCode[]] = ['customers', 'bookings_per_month', 'mcp_calls_per_month'];
/**
 * Other names people and the official CLI use for the same quotas: `favcrm plan check --help` gives
 * "e.g. contacts" (contract §3.3, the FavCRM scope of the same name), so that name must work.
 */
const QUOTA_ALIASES: Readonly<Record<string, QuotaCode>> = {
  contacts: 'customers',
  members: 'customers',
  bookings: 'bookings_per_month',
  mcp_calls: 'mcp_calls_per_month',
};
const ACCEPTED_QUOTA_CODES: [string, ...string[]] = [...QUOTA_CODES, ...Object.keys(QUOTA_ALIASES)];

/** Stripe sandbox checkout links live a day, like a real Checkout Session. */
const CHECKOUT_LINK_HOURS = 24;

const getPlanStatus = defineTool({
  name: 'get_plan_status',
  description: [
    'Show the workspace plan, payment state, trial end, modules and quota usage.',
    'Quota usage counts customers (total), bookings created this month and MCP calls this month, in the company timezone.',
    '`limitsFrom` says whether trial limits (first 30 days) or free-tier limits apply; each quota also shows the free-tier limit.',
  ].join('\n'),
  inputSchema: {},
  annotations: readOnlyTool('Plan status'),
  auth: 'key',
  handler: (_args, context) => {
    const state = planState(context);
    const quotas = QUOTA_CODES.map((code) => quotaUsage(context, state, code));
    return {
      planCode: state.plan.code,
      planName: state.plan.name,
      paymentState: state.trialActive ? 'trialing' : 'free',
      trial: { active: state.trialActive, endsAt: state.trialEndsAt, limitsPlanCode: TRIAL_PLAN.code },
      limitsFrom: state.limitsFrom,
      modules: state.effective.modules,
      quotas,
      timezone: state.company.timezone,
      note: state.trialActive
        ? `Trial limits (${TRIAL_PLAN.name} level) apply until ${state.trialEndsAt}; after that the free tier applies (100 customers, 200 bookings/month, 1k MCP calls/month).`
        : 'Free-tier limits apply (100 customers, 200 bookings/month, 1k MCP calls/month). Upgrade with create_plan_upgrade_link after the person agrees.',
    };
  },
});

function blocked(reason: string, extra: Record<string, unknown> = {}) {
  return { allowed: false, reason, ...extra, upgradeAction: upgradeAction(reason) };
}

const checkPlanOperation = defineTool({
  name: 'check_plan_operation',
  description: [
    'Check whether the plan, quotas and your role allow an operation before you try it.',
    'Give any of toolName, quotaCode or moduleCode; delta is how many units the operation would use (default 1).',
    'Answers {allowed, reason, quota?, upgradeAction?}; show upgradeAction to the person when present.',
  ].join('\n'),
  inputSchema: {
    toolName: z.string().optional().describe('Tool you intend to call, e.g. create_booking or create_whatsapp_connect_link.'),
    quotaCode: z
      .enum(ACCEPTED_QUOTA_CODES)
      .optional()
      .describe('Quota to check: customers (also "contacts"), bookings_per_month or mcp_calls_per_month.'),
    moduleCode: z.enum(MODULE_CODES).optional().describe('Module to check, e.g. whatsapp, bookings, invoices.'),
    delta: z.number().int().min(0).max(100000).default(1).describe('Units the operation would consume (default 1).'),
  },
  annotations: readOnlyTool('Check plan operation'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const state = planState(context);
    if (args.toolName && !context.tools.some((tool) => tool.name === args.toolName)) {
      throw new ToolFailure('NOT_FOUND', `No tool named "${args.toolName}".`, {
        toolName: args.toolName,
        hint: 'Use query_favcrm_platform to find the right tool name.',
      });
    }
    if (args.toolName && (FORBIDDEN_SEND_TOOLS as readonly string[]).includes(args.toolName)) {
      return { allowed: false, reason: `${args.toolName} is never called directly; file the send with request_send_approval.` };
    }
    const moduleCode = args.moduleCode ?? (args.toolName ? moduleForTool(args.toolName) : null);
    if (moduleCode && !state.effective.modules.includes(moduleCode)) {
      return blocked(`The ${moduleCode} module is not included in ${state.plan.name}.`, { moduleCode });
    }
    const roles = args.toolName ? rolesForTool(args.toolName) : null;
    if (roles && !roles.includes(caller.role)) {
      return { allowed: false, reason: `${args.toolName} needs the ${roles.join(' or ')} role; this key is ${caller.role}.` };
    }
    const quotaCode = args.quotaCode ? (QUOTA_ALIASES[args.quotaCode] ?? (args.quotaCode as QuotaCode)) : args.toolName ? quotaForTool(args.toolName) : null;
    let quota: QuotaUsage | undefined;
    if (quotaCode) {
      quota = quotaUsage(context, state, quotaCode);
      if (quota.used + args.delta > quota.limit) {
        return blocked(`Would exceed ${quota.label}: ${quota.used} used + ${args.delta} > limit ${quota.limit}.`, { quota, moduleCode });
      }
    }
    return {
      allowed: true,
      reason: `Allowed on ${state.limitsFrom === 'trial' ? 'the trial' : state.plan.name}${quota ? `: ${quota.remaining} ${quota.label} remaining before this operation` : ''}.`,
      ...(quota ? { quota } : {}),
      ...(moduleCode ? { moduleCode } : {}),
    };
  },
});

const listPlanOptions = defineTool({
  name: 'list_plan_options',
  description: 'List the plans this workspace can be on or upgrade to, with prices, limits and modules.\n`current` marks the plan the workspace is on now; upgrade with create_plan_upgrade_link after the person agrees.',
  inputSchema: {},
  annotations: readOnlyTool('Plan options'),
  auth: 'key',
  handler: (_args, context) => {
    const state = planState(context);
    const items = PLANS.map((plan) => ({
      id: plan.id,
      code: plan.code,
      name: plan.name,
      priceMonthly: plan.priceMonthly,
      priceYearly: plan.priceYearly,
      currency: plan.currency,
      limits: plan.limits,
      modules: plan.modules,
      summary: plan.summary,
      current: plan.code === state.plan.code,
      upgradeable: plan.code !== FREE_PLAN.code,
    }));
    return listResult(items);
  },
});

const createPlanUpgradeLink = defineTool({
  name: 'create_plan_upgrade_link',
  description: [
    'Create a Stripe checkout link to upgrade the plan, only when confirm is true.',
    'Without confirm: true nothing is created; the answer says what would happen so you can ask the person first.',
    'planCode (e.g. favcrm-lite, the default) or planId picks the plan; billingCycle is monthly or yearly.',
    'Sandbox: the link is a placeholder Stripe URL recorded locally; no payment is taken. Owner role only.',
  ].join('\n'),
  inputSchema: {
    planCode: z.string().optional().describe('Plan code from list_plan_options, e.g. favcrm-lite (default).'),
    planId: z.string().optional().describe('Plan id from list_plan_options, e.g. plan_lite; used when planCode is absent.'),
    billingCycle: z.enum(['monthly', 'yearly']).default('monthly').describe('Billing cycle: monthly (default) or yearly.'),
    returnUrl: z.string().url().optional().describe('Where Stripe sends the person after checkout.'),
    confirm: z.boolean().default(false).describe('Must be true to create the link; only set it after the person explicitly agreed.'),
  },
  annotations: writeTool('Create plan upgrade link', { openWorld: true }),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const wanted = args.planCode ?? args.planId ?? DEFAULT_UPGRADE_PLAN_CODE;
    const plan = findPlan(wanted);
    if (!plan) {
      throw new ToolFailure('NOT_FOUND', `No plan "${wanted}".`, {
        planCode: wanted,
        validPlanCodes: PLANS.filter((p) => p.code !== FREE_PLAN.code).map((p) => p.code),
        hint: 'Call list_plan_options for the plans you can upgrade to.',
      });
    }
    if (plan.code === FREE_PLAN.code) {
      throw new ToolFailure('VALIDATION', 'The free plan needs no checkout; pick favcrm-lite or favcrm-pro.', { planCode: plan.code });
    }
    const amount = args.billingCycle === 'yearly' ? plan.priceYearly : plan.priceMonthly;
    const preview = { planCode: plan.code, planName: plan.name, billingCycle: args.billingCycle, amount, currency: plan.currency };
    if (args.confirm !== true) {
      return {
        created: false,
        wouldCreate: preview,
        message: `No link was created. Ask the person whether to upgrade to ${plan.name} (${amount} ${plan.currency} ${args.billingCycle}), then call create_plan_upgrade_link again with confirm: true.`,
      };
    }
    enforceRole(context, 'create_plan_upgrade_link', rolesForTool('create_plan_upgrade_link') ?? []);
    const id = newId('planCheckout');
    const url = `https://checkout.stripe.com/c/pay/sandbox_${id.slice(4)}`;
    const createdAt = nowIso(context);
    const expiresAt = new Date(context.now().getTime() + CHECKOUT_LINK_HOURS * 3_600_000).toISOString();
    context.db
      .prepare(
        `INSERT INTO plan_checkout_links (id, company_id, plan_code, billing_cycle, amount, currency, url, return_url, created_by_user_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, caller.companyId, plan.code, args.billingCycle, amount, plan.currency, url, args.returnUrl ?? null, caller.userId, createdAt, expiresAt);
    return {
      created: true,
      checkoutId: id,
      url,
      expiresAt,
      ...preview,
      sandbox: true,
      message: 'Sandbox checkout link: share it with the person; the sandbox takes no payment and the plan does not change.',
    };
  },
});

/** Plan and quota tools (`favcrm plan …`). */
export const planTools: SandboxTool[] = [getPlanStatus, checkPlanOperation, listPlanOptions, createPlanUpgradeLink];
