import { ToolFailure } from '../tool-failure.js';
import { requireCaller } from './caller-scope.js';
import type { ToolContext } from './tool-definition.js';

/** An `accounts` row as stored. */
export interface AccountRow {
  id: string;
  name: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  notes: string | null;
  tier_id: string | null;
  membership_enrolled_at: string | null;
  points_balance: number;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
}

/** Loads a customer of the caller's workspace or fails with NOT_FOUND saying how to find valid IDs. */
export function findAccount(context: ToolContext, accountId: string): AccountRow {
  const caller = requireCaller(context);
  const row = context.db
    .prepare('SELECT * FROM accounts WHERE id = ? AND company_id = ?')
    .get(accountId, caller.companyId) as AccountRow | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `No customer account ${accountId} in this workspace.`, {
      accountId,
      hint: 'Find the account ID with search_members, or create the customer with create_account.',
    });
  }
  return row;
}

/** Marks a customer as active now; `search_members(inactiveDays)` reads this. */
export function touchAccount(context: ToolContext, accountId: string, at: string): void {
  context.db.prepare('UPDATE accounts SET last_activity_at = ? WHERE id = ?').run(at, accountId);
}

/** The short customer reference embedded in bookings, invoices and orders. */
export function accountSummary(row: Pick<AccountRow, 'id' | 'name' | 'email' | 'phone'>) {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone };
}
