import { ToolFailure } from '../tool-failure.js';
import { requireCaller } from './caller-scope.js';
import type { ToolContext } from './tool-definition.js';

/** Stored statuses; `overdue` is derived (sent and past its due date in the company timezone). */
export type StoredInvoiceStatus = 'draft' | 'sent' | 'paid' | 'void';
export const INVOICE_FILTERS = ['draft', 'sent', 'paid', 'void', 'overdue'] as const;

export interface InvoiceRecord {
  id: string;
  number: string;
  account_id: string;
  account_name: string;
  account_email: string | null;
  status: StoredInvoiceStatus;
  currency: string;
  total: number;
  notes: string | null;
  issue_date: string;
  due_date: string;
  sent_at: string | null;
  paid_at: string | null;
  payment_method: string | null;
  voided_at: string | null;
  void_reason: string | null;
  created_at: string;
  updated_at: string;
}

export const INVOICE_SELECT = `
  SELECT invoices.*, accounts.name AS account_name, accounts.email AS account_email
  FROM invoices JOIN accounts ON accounts.id = invoices.account_id`;

export function invoiceView(row: InvoiceRecord, today: string) {
  const overdue = row.status === 'sent' && row.due_date < today;
  return {
    id: row.id,
    number: row.number,
    status: overdue ? 'overdue' : row.status,
    accountId: row.account_id,
    customerName: row.account_name,
    total: row.total,
    currency: row.currency,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    sentAt: row.sent_at,
    paidAt: row.paid_at,
    createdAt: row.created_at,
  };
}

/** Loads an invoice of the caller's workspace or fails with NOT_FOUND pointing at list_invoices. */
export function findInvoice(context: ToolContext, invoiceId: string): InvoiceRecord {
  const companyId = requireCaller(context).companyId;
  const row = context.db
    .prepare(`${INVOICE_SELECT} WHERE (invoices.id = ? OR invoices.number = ?) AND invoices.company_id = ?`)
    .get(invoiceId, invoiceId, companyId) as InvoiceRecord | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `No invoice ${invoiceId} in this workspace.`, {
      invoiceId,
      hint: 'Call list_invoices for valid invoice IDs (inv_…) or numbers (INV-0001).',
    });
  }
  return row;
}

export function invoiceLines(context: ToolContext, invoiceId: string) {
  return context.db
    .prepare('SELECT description, quantity, unit_price AS unitPrice, amount FROM invoice_items WHERE invoice_id = ? ORDER BY position')
    .all(invoiceId) as Array<{ description: string; quantity: number; unitPrice: number; amount: number }>;
}

/** Fails with CONFLICT unless the invoice is in one of `allowed` (e.g. a paid invoice cannot be voided). */
export function assertInvoiceStatus(row: InvoiceRecord, allowed: readonly StoredInvoiceStatus[], action: string): void {
  if (allowed.includes(row.status)) return;
  throw new ToolFailure('CONFLICT', `Invoice ${row.number} (${row.id}) is ${row.status}; it cannot be ${action}.`, {
    invoiceId: row.id,
    status: row.status,
  });
}
