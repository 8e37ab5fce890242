import { z } from 'zod';
import { loadCompany, money } from './caller-scope.js';
import { addLocalDays, localDate, startOfLocalDay } from './company-time.js';
import { listTierRows } from './membership-tiers.js';
import { readOnlyTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

/**
 * `favcrm dashboard` is "today's headline stats for the active company" and calls this tool with no arguments
 * (contract §3.7), so the default window is today; `days` widens it (the reporting skill's 7-day snapshot).
 */
const DEFAULT_DAYS = 1;

const getDashboardStats = defineTool({
  name: 'get_dashboard_stats',
  description: [
    'Today\'s headline stats: customers, bookings and revenue, in the company timezone.',
    'days: widen the window to the last N days including today (default 1, today only; 7 for a weekly snapshot). The answer states the exact range.',
  ].join('\n'),
  inputSchema: {
    days: z.number().int().min(1).max(366).default(DEFAULT_DAYS).describe('Days in the window, ending today (default 1: today).'),
  },
  annotations: readOnlyTool('Dashboard stats'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const tz = company.timezone;
    const now = context.now();
    const to = addLocalDays(startOfLocalDay(now, tz), 1, tz);
    const from = addLocalDays(to, -args.days, tz);
    const range = { from: from.toISOString(), to: to.toISOString(), fromDate: localDate(from, tz), toDate: localDate(new Date(to.getTime() - 1), tz) };
    const one = <T>(sql: string) => context.db.prepare(sql).get({ companyId: company.id, from: range.from, to: range.to, now: now.toISOString() }) as T;
    const customers = one<{ total: number; new: number; members: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(created_at >= @from AND created_at < @to), 0) AS new,
              COALESCE(SUM(membership_enrolled_at IS NOT NULL), 0) AS members FROM accounts WHERE company_id = @companyId`,
    );
    const bookings = one<Record<string, number>>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(status = 'completed'), 0) AS completed, COALESCE(SUM(status = 'cancelled'), 0) AS cancelled,
              COALESCE(SUM(status = 'no_show'), 0) AS noShow, COALESCE(SUM(status IN ('pending','confirmed')), 0) AS open,
              (SELECT COUNT(*) FROM bookings WHERE company_id = @companyId AND start_at >= @now AND status IN ('pending','confirmed')) AS upcoming
       FROM bookings WHERE company_id = @companyId AND start_at >= @from AND start_at < @to`,
    );
    const revenueRows = context.db
      .prepare(
        `SELECT currency, SUM(amount) AS amount, SUM(source = 'invoice') AS invoices, SUM(source = 'order') AS orders FROM (
           SELECT currency, total AS amount, 'invoice' AS source FROM invoices WHERE company_id = @companyId AND status = 'paid' AND paid_at >= @from AND paid_at < @to
           UNION ALL
           SELECT currency, total AS amount, 'order' AS source FROM orders WHERE company_id = @companyId AND status IN ('paid','fulfilled') AND created_at >= @from AND created_at < @to
         ) GROUP BY currency ORDER BY currency`,
      )
      .all({ companyId: company.id, from: range.from, to: range.to }) as Array<{ currency: string; amount: number; invoices: number; orders: number }>;
    return {
      range: { ...range, days: args.days, timezone: tz, label: periodLabel(args.days, range.fromDate, range.toDate, tz) },
      customers,
      bookings,
      revenue: revenueRows.map((row) => ({ currency: row.currency, amount: money(row.amount), paidInvoices: row.invoices, paidOrders: row.orders })),
      note:
        'customers.new, bookings (by start time) and revenue cover the range; customers.total and members count everyone so far, ' +
        'bookings.upcoming counts open bookings from now on. Revenue counts paid invoices (by payment time) and paid or fulfilled orders (by order time).',
    };
  },
});

/** "today, 2026-05-13 (Asia/Hong_Kong)" or "last 7 days, 2026-05-07 to 2026-05-13 (UTC)". */
function periodLabel(days: number, fromDate: string, toDate: string, timezone: string): string {
  return days === 1 ? `today, ${toDate} (${timezone})` : `last ${days} days, ${fromDate} to ${toDate} (${timezone})`;
}

const getCustomerStats = defineTool({
  name: 'get_customer_stats',
  description: 'Customer base summary: totals, members per tier, new in the last 30 days and inactive for 90+ days.',
  inputSchema: {},
  annotations: readOnlyTool('Customer stats'),
  auth: 'key',
  handler: (_args, context) => {
    const company = loadCompany(context);
    const now = context.now().getTime();
    const since30 = new Date(now - 30 * 86_400_000).toISOString();
    const before90 = new Date(now - 90 * 86_400_000).toISOString();
    const totals = context.db
      .prepare(
        `SELECT COUNT(*) AS total, COALESCE(SUM(membership_enrolled_at IS NOT NULL), 0) AS members,
                COALESCE(SUM(created_at >= ?), 0) AS newLast30Days, COALESCE(SUM(last_activity_at <= ?), 0) AS inactive90Days,
                COALESCE(SUM(email IS NOT NULL), 0) AS withEmail, COALESCE(SUM(phone IS NOT NULL), 0) AS withPhone
         FROM accounts WHERE company_id = ?`,
      )
      .get(since30, before90, company.id) as Record<string, number>;
    const perTier = new Map(
      (context.db.prepare('SELECT tier_id AS tierId, COUNT(*) AS n FROM accounts WHERE company_id = ? AND tier_id IS NOT NULL GROUP BY tier_id')
        .all(company.id) as Array<{ tierId: string; n: number }>).map((row) => [row.tierId, row.n]),
    );
    const tiers = listTierRows(context, company.id).map((tier) => ({ tierId: tier.id, name: tier.name, members: perTier.get(tier.id) ?? 0 }));
    return { asOf: context.now().toISOString(), timezone: company.timezone, ...totals, tiers };
  },
});

/** Reporting tools (`favcrm dashboard`). */
export const reportingTools: SandboxTool[] = [getDashboardStats, getCustomerStats];
