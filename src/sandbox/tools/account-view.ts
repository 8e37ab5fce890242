import type { AccountRow } from './account-lookup.js';
import type { ToolContext } from './tool-definition.js';

/** Tag names per account, for a page of accounts in one query. */
export function tagsByAccount(context: ToolContext, companyId: string, accountIds: string[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (accountIds.length === 0) return result;
  const placeholders = accountIds.map(() => '?').join(',');
  const rows = context.db
    .prepare(
      `SELECT account_tags.account_id AS accountId, tags.name AS name FROM account_tags
       JOIN tags ON tags.id = account_tags.tag_id
       WHERE account_tags.company_id = ? AND account_tags.account_id IN (${placeholders}) ORDER BY tags.name`,
    )
    .all(companyId, ...accountIds) as Array<{ accountId: string; name: string }>;
  for (const row of rows) result.set(row.accountId, [...(result.get(row.accountId) ?? []), row.name]);
  return result;
}

/** How a customer appears in tool answers (camelCase, booleans, tier name resolved). */
export function accountView(row: AccountRow, tags: string[], tierNames: Map<string, string>) {
  return {
    id: row.id,
    name: row.name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    member: row.membership_enrolled_at !== null,
    tierId: row.tier_id,
    tierName: row.tier_id ? (tierNames.get(row.tier_id) ?? null) : null,
    pointsBalance: row.points_balance,
    tags,
    notes: row.notes,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
  };
}
