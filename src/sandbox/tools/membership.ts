import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { findAccount, touchAccount } from './account-lookup.js';
import { newId, nowIso, requireCaller } from './caller-scope.js';
import { renderAccount } from './contacts.js';
import { listResult } from './list-result.js';
import { ENTRY_TIER_ID, findTier, listTierRows, tierForPoints, tierView } from './membership-tiers.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

function tiersWithCounts(context: ToolContext) {
  const companyId = requireCaller(context).companyId;
  const counts = new Map(
    (context.db
      .prepare('SELECT tier_id AS tierId, COUNT(*) AS n FROM accounts WHERE company_id = ? AND tier_id IS NOT NULL GROUP BY tier_id')
      .all(companyId) as Array<{ tierId: string; n: number }>).map((row) => [row.tierId, row.n]),
  );
  return listTierRows(context, companyId).map((tier) => ({ ...tierView(tier), memberCount: counts.get(tier.id) ?? 0 }));
}

const listMembershipTiers = defineTool({
  name: 'list_membership_tiers',
  description: 'List the loyalty membership tiers with point thresholds, benefits and member counts.\nAnswers {tiers: [...]}; list_tiers gives the same as {items, total}.',
  inputSchema: {},
  annotations: readOnlyTool('List membership tiers'),
  auth: 'key',
  handler: (_args, context) => ({ tiers: tiersWithCounts(context) }),
});

const listTiers = defineTool({
  name: 'list_tiers',
  description: 'List the loyalty membership tiers as {items, total} (same data as list_membership_tiers).',
  inputSchema: {},
  annotations: readOnlyTool('List tiers'),
  auth: 'key',
  handler: (_args, context) => listResult(tiersWithCounts(context)),
});

const enrolMembership = defineTool({
  name: 'enrol_membership',
  description: [
    'Enrol a customer in the loyalty membership, or move a member to another tier.',
    'Use only when create_account did not already enrol them. tierId defaults to the entry tier (tier_bronze).',
  ].join('\n'),
  inputSchema: {
    accountId: z.string().describe('Account ID (acc_…) of the customer.'),
    tierId: z.string().default(ENTRY_TIER_ID).describe('Tier ID from list_membership_tiers (default tier_bronze).'),
  },
  annotations: writeTool('Enrol membership'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const account = findAccount(context, args.accountId);
    const tier = findTier(context, caller.companyId, args.tierId);
    const at = nowIso(context);
    context.db
      .prepare('UPDATE accounts SET tier_id = ?, membership_enrolled_at = COALESCE(membership_enrolled_at, ?), updated_at = ? WHERE id = ?')
      .run(tier.id, at, at, account.id);
    touchAccount(context, account.id, at);
    return {
      previousTierId: account.tier_id,
      alreadyMember: account.membership_enrolled_at !== null,
      account: renderAccount(context, findAccount(context, account.id)),
    };
  },
});

const earnLoyaltyPoints = defineTool({
  name: 'earn_loyalty_points',
  description: [
    'Give a member loyalty points; the member moves up a tier when the new balance qualifies.',
    'The customer must be enrolled (enrol_membership). points is a positive whole number; reason is kept in the points history.',
  ].join('\n'),
  inputSchema: {
    accountId: z.string().describe('Account ID (acc_…) of an enrolled member.'),
    points: z.number().int().min(1).max(100000).describe('Points to add (1–100000).'),
    reason: z.string().max(200).optional().describe('Why the points were earned, e.g. "Visit 2026-05-14".'),
  },
  annotations: writeTool('Earn loyalty points'),
  auth: 'key',
  handler: (args, context) => {
    const caller = requireCaller(context);
    const account = findAccount(context, args.accountId);
    if (account.membership_enrolled_at === null) {
      throw new ToolFailure('VALIDATION', `${account.name} (${account.id}) is not a member yet.`, {
        accountId: account.id,
        hint: 'Enrol them first with enrol_membership.',
      });
    }
    const tiers = listTierRows(context, caller.companyId);
    const balance = account.points_balance + args.points;
    const current = tiers.find((tier) => tier.id === account.tier_id);
    const earned = tierForPoints(tiers, balance);
    const promoted = earned && (!current || earned.sort_order > current.sort_order) ? earned : undefined;
    const at = nowIso(context);
    const entryId = newId('pointsEntry');
    context.db.transaction(() => {
      context.db
        .prepare('INSERT INTO points_ledger (id, company_id, account_id, points, balance_after, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(entryId, caller.companyId, account.id, args.points, balance, args.reason ?? null, at);
      context.db
        .prepare('UPDATE accounts SET points_balance = ?, tier_id = ?, updated_at = ?, last_activity_at = ? WHERE id = ?')
        .run(balance, promoted?.id ?? account.tier_id, at, at, account.id);
    })();
    return {
      entryId,
      accountId: account.id,
      pointsAdded: args.points,
      pointsBalance: balance,
      tierId: promoted?.id ?? account.tier_id,
      tierChanged: promoted !== undefined,
      ...(promoted ? { promotedTo: tierView(promoted) } : {}),
    };
  },
});

/** Loyalty membership tools (membership scope). */
export const membershipTools: SandboxTool[] = [listMembershipTiers, listTiers, enrolMembership, earnLoyaltyPoints];
