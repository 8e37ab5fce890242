import { z } from 'zod';
import { findAccount, touchAccount } from './account-lookup.js';
import { loadCompany, money, newId, nowIso, pickCurrency } from './caller-scope.js';
import { localDate, parseCalendarDate, startOfLocalMonth } from './company-time.js';
import {
  INVOICE_FILTERS, INVOICE_SELECT, assertInvoiceStatus, findInvoice, invoiceLines, invoiceView, type InvoiceRecord,
} from './invoice-records.js';
import { limitField, listResult } from './list-result.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

/** Invoices fall due two weeks after issue unless the caller says otherwise. */
const DEFAULT_DUE_DAYS = 14;

const invoiceIdField = z.string().describe('Invoice ID (inv_…) or number (INV-0001) from list_invoices.');

/** One invoice whole; its lines are `lineItems`, since the CLI would draw an `items` array instead of the invoice. */
function detail(context: ToolContext, row: InvoiceRecord, today: string) {
  return { ...invoiceView(row, today), customerEmail: row.account_email, notes: row.notes, paymentMethod: row.payment_method,
    voidedAt: row.voided_at, voidReason: row.void_reason, lineItems: invoiceLines(context, row.id) };
}

const listInvoices = defineTool({
  name: 'list_invoices',
  description: 'List invoices, newest first, optionally by status (draft, sent, paid, void, overdue) or customer.\nOverdue means sent and past its due date (company timezone).',
  inputSchema: {
    status: z.enum(INVOICE_FILTERS).optional().describe('Only draft, sent, paid, void or overdue invoices.'),
    accountId: z.string().optional().describe('Only this customer\'s invoices (acc_…).'),
    limit: limitField(),
  },
  annotations: readOnlyTool('List invoices'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const today = localDate(context.now(), company.timezone);
    const where = ['invoices.company_id = ?'];
    const params: unknown[] = [company.id];
    if (args.status === 'overdue') {
      where.push("invoices.status = 'sent' AND invoices.due_date < ?");
      params.push(today);
    } else if (args.status) {
      where.push('invoices.status = ?');
      params.push(args.status);
    }
    if (args.accountId) {
      where.push('invoices.account_id = ?');
      params.push(args.accountId);
    }
    const clause = where.join(' AND ');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM invoices WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = context.db
      .prepare(`${INVOICE_SELECT} WHERE ${clause} ORDER BY invoices.created_at DESC, invoices.rowid DESC LIMIT ?`)
      .all(...params, args.limit) as InvoiceRecord[];
    return listResult(rows.map((row) => invoiceView(row, today)), total);
  },
});

const getInvoice = defineTool({
  name: 'get_invoice',
  description: 'Get one invoice with its customer, status, payment details and line items (lineItems).',
  inputSchema: { invoiceId: invoiceIdField },
  annotations: readOnlyTool('Get invoice'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    return detail(context, findInvoice(context, args.invoiceId), localDate(context.now(), company.timezone));
  },
});

const createInvoice = defineTool({
  name: 'create_invoice',
  description: [
    'Create a draft invoice for a customer from line items.',
    'items: [{description, quantity, unitPrice}]; currency defaults to the company currency; dueDate YYYY-MM-DD defaults to 14 days out.',
    'The draft is not sent: mark_invoice_sent emails it once the person agrees.',
  ].join('\n'),
  inputSchema: {
    accountId: z.string().describe('Customer account ID (acc_…) from search_members.'),
    items: z
      .array(
        z.object({
          description: z.string().trim().min(1).max(500).describe('What is charged, e.g. "Facial, 60 min".'),
          quantity: z.number().positive().max(100000).describe('Quantity (may be fractional, e.g. 1.5 hours).'),
          unitPrice: z.number().min(0).describe('Price per unit in the invoice currency.'),
        }),
      )
      .min(1)
      .max(50)
      .describe('Line items, 1–50.'),
    currency: z.string().length(3).optional().describe('ISO 4217 code such as HKD; defaults to the company currency.'),
    dueDate: z.string().optional().describe('Due date YYYY-MM-DD (default 14 days after today in the company timezone).'),
    notes: z.string().max(2000).optional().describe('Note printed on the invoice.'),
  },
  annotations: writeTool('Create invoice'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const account = findAccount(context, args.accountId);
    const now = context.now();
    const issueDate = localDate(now, company.timezone);
    const dueDate = args.dueDate
      ? parseCalendarDate(args.dueDate, 'dueDate')
      : localDate(new Date(now.getTime() + DEFAULT_DUE_DAYS * 86_400_000), company.timezone);
    const lines = args.items.map((item) => ({ ...item, amount: money(item.quantity * item.unitPrice) }));
    const total = money(lines.reduce((sum, line) => sum + line.amount, 0));
    const id = newId('invoice');
    const at = nowIso(context);
    context.db.transaction(() => {
      const count = (context.db.prepare('SELECT COUNT(*) AS n FROM invoices WHERE company_id = ?').get(company.id) as { n: number }).n;
      const number = `INV-${String(count + 1).padStart(4, '0')}`;
      context.db
        .prepare(
          `INSERT INTO invoices (id, company_id, number, account_id, status, currency, total, notes, issue_date, due_date, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, company.id, number, account.id, pickCurrency(args.currency, company), total, args.notes ?? null, issueDate, dueDate, at, at);
      const insertLine = context.db.prepare(
        'INSERT INTO invoice_items (id, company_id, invoice_id, position, description, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      lines.forEach((line, index) => insertLine.run(newId('invoiceLine'), company.id, id, index, line.description, line.quantity, line.unitPrice, line.amount));
    })();
    return detail(context, findInvoice(context, id), issueDate);
  },
});

const markInvoiceSent = defineTool({
  name: 'mark_invoice_sent',
  description: [
    'Publish an invoice and email it to the customer (sets status sent).',
    'Works on drafts; calling it on a sent invoice emails it again. Sandbox: the email lands in the local outbox.',
  ].join('\n'),
  inputSchema: { invoiceId: invoiceIdField },
  annotations: writeTool('Send invoice', { openWorld: true }),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const row = findInvoice(context, args.invoiceId);
    assertInvoiceStatus(row, ['draft', 'sent'], 'sent');
    const at = nowIso(context);
    context.db.prepare("UPDATE invoices SET status = 'sent', sent_at = ?, updated_at = ? WHERE id = ?").run(at, at, row.id);
    const email = row.account_email
      ? context.outbox.send({
          to: row.account_email,
          subject: `Invoice ${row.number} from ${company.name}: ${row.total} ${row.currency} due ${row.due_date}`,
          text: [
            `Hello ${row.account_name},`,
            '',
            `${company.name} has sent you invoice ${row.number}.`,
            ...invoiceLines(context, row.id).map((line) => `- ${line.description}: ${line.quantity} × ${line.unitPrice} = ${line.amount}`),
            `Total: ${row.total} ${row.currency}, due ${row.due_date}.`,
          ].join('\n'),
        })
      : null;
    return {
      invoice: invoiceView(findInvoice(context, row.id), localDate(context.now(), company.timezone)),
      emailed: email !== null,
      ...(email ? { emailedTo: email.to } : { note: 'The customer has no email address, so nothing was emailed; add one with update_account.' }),
    };
  },
});

const markInvoicePaid = defineTool({
  name: 'mark_invoice_paid',
  description: 'Record that an invoice was paid (cash, card, bank transfer…).\nConfirm with the person first; a void invoice cannot be paid.',
  inputSchema: {
    invoiceId: invoiceIdField,
    paymentMethod: z.enum(['cash', 'card', 'bank_transfer', 'fps', 'other']).default('other').describe('How it was paid (default other).'),
  },
  annotations: writeTool('Mark invoice paid'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const row = findInvoice(context, args.invoiceId);
    assertInvoiceStatus(row, ['draft', 'sent'], 'marked paid');
    const at = nowIso(context);
    context.db.prepare("UPDATE invoices SET status = 'paid', paid_at = ?, payment_method = ?, updated_at = ? WHERE id = ?").run(at, args.paymentMethod, at, row.id);
    touchAccount(context, row.account_id, at);
    return detail(context, findInvoice(context, row.id), localDate(context.now(), company.timezone));
  },
});

const voidInvoice = defineTool({
  name: 'void_invoice',
  description: 'Void a draft or sent invoice so it is no longer owed.\nDestructive: show the person the invoice number, customer and amount and get confirmation first.',
  inputSchema: { invoiceId: invoiceIdField, reason: z.string().max(500).optional().describe('Why it is voided, kept on the invoice.') },
  annotations: writeTool('Void invoice', { destructive: true }),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const row = findInvoice(context, args.invoiceId);
    assertInvoiceStatus(row, ['draft', 'sent'], 'voided');
    const at = nowIso(context);
    context.db.prepare("UPDATE invoices SET status = 'void', voided_at = ?, void_reason = ?, updated_at = ? WHERE id = ?").run(at, args.reason ?? null, at, row.id);
    return detail(context, findInvoice(context, row.id), localDate(context.now(), company.timezone));
  },
});

const getInvoiceStats = defineTool({
  name: 'get_invoice_stats',
  description: 'Summarise invoices per currency: counts by status, outstanding, overdue, paid this month.',
  inputSchema: {},
  annotations: readOnlyTool('Invoice stats'),
  auth: 'key',
  handler: (_args, context) => {
    const company = loadCompany(context);
    const today = localDate(context.now(), company.timezone);
    const monthStart = startOfLocalMonth(context.now(), company.timezone).toISOString();
    const rows = context.db
      .prepare(
        `SELECT currency,
           SUM(status = 'draft') AS draft, SUM(status = 'sent' AND due_date >= @today) AS sent,
           SUM(status = 'sent' AND due_date < @today) AS overdue, SUM(status = 'paid') AS paid, SUM(status = 'void') AS void,
           COALESCE(SUM(CASE WHEN status = 'sent' THEN total END), 0) AS outstandingAmount,
           COALESCE(SUM(CASE WHEN status = 'sent' AND due_date < @today THEN total END), 0) AS overdueAmount,
           COALESCE(SUM(CASE WHEN status = 'paid' AND paid_at >= @monthStart THEN total END), 0) AS paidThisMonthAmount,
           COALESCE(SUM(CASE WHEN status = 'paid' THEN total END), 0) AS paidAllTimeAmount
         FROM invoices WHERE company_id = @companyId GROUP BY currency ORDER BY currency`,
      )
      .all({ today, monthStart, companyId: company.id }) as Array<Record<string, number | string>>;
    const counts = { draft: 0, sent: 0, overdue: 0, paid: 0, void: 0, total: 0 };
    for (const row of rows) {
      for (const key of ['draft', 'sent', 'overdue', 'paid', 'void'] as const) counts[key] += Number(row[key]);
    }
    counts.total = counts.draft + counts.sent + counts.overdue + counts.paid + counts.void;
    const byCurrency = rows.map((row) => ({
      currency: row.currency,
      outstanding: money(Number(row.outstandingAmount)),
      overdue: money(Number(row.overdueAmount)),
      paidThisMonth: money(Number(row.paidThisMonthAmount)),
      paidAllTime: money(Number(row.paidAllTimeAmount)),
    }));
    return { timezone: company.timezone, today, monthStart, counts, defaultCurrency: company.currency, byCurrency };
  },
});

/** Invoice tools (`favcrm invoices …`). */
export const invoiceTools: SandboxTool[] = [listInvoices, getInvoice, createInvoice, markInvoiceSent, markInvoicePaid, voidInvoice, getInvoiceStats];
