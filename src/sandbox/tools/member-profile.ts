import { z } from 'zod';
import { findAccount } from './account-lookup.js';
import { money, requireCaller } from './caller-scope.js';
import { renderAccount } from './contacts.js';
import { readOnlyTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

/** How much history a profile carries; enough to ground a summary without flooding the context. */
const RECENT_ROWS = 5;

const getMemberProfile = defineTool({
  name: 'get_member_profile',
  description: [
    'Get one customer\'s full profile: contact details, membership tier, points, tags and recent activity.',
    'Includes the latest bookings, invoices, orders and points entries plus lifetime totals; accountId comes from search_members.',
  ].join('\n'),
  inputSchema: {
    accountId: z.string().describe('Account ID (acc_…) from search_members or create_account.'),
  },
  annotations: readOnlyTool('Member profile'),
  auth: 'key',
  handler: (args, context) => {
    const companyId = requireCaller(context).companyId;
    const account = findAccount(context, args.accountId);
    const recent = (sql: string) => context.db.prepare(sql).all(account.id, companyId, RECENT_ROWS);
    const bookings = recent(
      `SELECT bookings.id AS id, services.name AS serviceName, bookings.start_at AS startAt, bookings.status AS status
       FROM bookings JOIN services ON services.id = bookings.service_id
       WHERE bookings.account_id = ? AND bookings.company_id = ? ORDER BY bookings.start_at DESC LIMIT ?`,
    );
    const invoices = recent(
      `SELECT id, number, status, total, currency, due_date AS dueDate FROM invoices
       WHERE account_id = ? AND company_id = ? ORDER BY created_at DESC LIMIT ?`,
    );
    const orders = recent(
      `SELECT id, number, status, total, currency, created_at AS createdAt FROM orders
       WHERE account_id = ? AND company_id = ? ORDER BY created_at DESC LIMIT ?`,
    );
    const points = recent(
      `SELECT id, points, balance_after AS balanceAfter, reason, created_at AS createdAt FROM points_ledger
       WHERE account_id = ? AND company_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    const totals = context.db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM bookings WHERE account_id = @id AND company_id = @companyId) AS bookingCount,
           (SELECT COUNT(*) FROM bookings WHERE account_id = @id AND company_id = @companyId AND status = 'completed') AS completedBookings,
           (SELECT COALESCE(SUM(total), 0) FROM invoices WHERE account_id = @id AND company_id = @companyId AND status = 'paid') AS invoicesPaid,
           (SELECT COALESCE(SUM(total), 0) FROM orders WHERE account_id = @id AND company_id = @companyId AND status IN ('paid','fulfilled')) AS ordersPaid`,
      )
      .get({ id: account.id, companyId }) as { bookingCount: number; completedBookings: number; invoicesPaid: number; ordersPaid: number };
    return {
      ...renderAccount(context, account),
      totals: { ...totals, invoicesPaid: money(totals.invoicesPaid), ordersPaid: money(totals.ordersPaid) },
      recentBookings: bookings,
      recentInvoices: invoices,
      recentOrders: orders,
      recentPoints: points,
    };
  },
});

/** The single-customer read (contacts scope). */
export const memberProfileTools: SandboxTool[] = [getMemberProfile];
