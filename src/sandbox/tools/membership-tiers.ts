import { ToolFailure } from '../tool-failure.js';
import type { ToolContext } from './tool-definition.js';

/** A `membership_tiers` row as stored. */
export interface TierRow {
  id: string;
  name: string;
  min_points: number;
  benefits: string;
  sort_order: number;
}

/**
 * Every workspace starts with the same three tiers, seeded on first use; fixed IDs keep them
 * deterministic (tier rows are keyed by company and id, so `tier_gold` is per workspace).
 */
const DEFAULT_TIERS: ReadonlyArray<Omit<TierRow, 'sort_order'>> = [
  { id: 'tier_bronze', name: 'Bronze', min_points: 0, benefits: 'Welcome tier: earn points on every visit.' },
  { id: 'tier_silver', name: 'Silver', min_points: 500, benefits: '5% off services; birthday reward.' },
  { id: 'tier_gold', name: 'Gold', min_points: 2000, benefits: '10% off services; priority booking; birthday reward.' },
];

/** The tier new members join when none is named. */
export const ENTRY_TIER_ID = 'tier_bronze';

export function ensureDefaultTiers(context: ToolContext, companyId: string): void {
  const insert = context.db.prepare(
    `INSERT OR IGNORE INTO membership_tiers (id, company_id, name, min_points, benefits, sort_order, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const createdAt = context.now().toISOString();
  DEFAULT_TIERS.forEach((tier, index) => insert.run(tier.id, companyId, tier.name, tier.min_points, tier.benefits, index, createdAt));
}

export function listTierRows(context: ToolContext, companyId: string): TierRow[] {
  ensureDefaultTiers(context, companyId);
  return context.db
    .prepare('SELECT id, name, min_points, benefits, sort_order FROM membership_tiers WHERE company_id = ? ORDER BY sort_order')
    .all(companyId) as TierRow[];
}

/** Loads a tier or fails with NOT_FOUND naming the valid tier IDs. */
export function findTier(context: ToolContext, companyId: string, tierId: string): TierRow {
  const tiers = listTierRows(context, companyId);
  const tier = tiers.find((row) => row.id === tierId);
  if (!tier) {
    throw new ToolFailure('NOT_FOUND', `No membership tier ${tierId} in this workspace.`, {
      tierId,
      validTierIds: tiers.map((row) => row.id),
      hint: 'Call list_membership_tiers for the tiers.',
    });
  }
  return tier;
}

/** The highest tier a points balance qualifies for; earning points only ever moves a member up. */
export function tierForPoints(tiers: TierRow[], points: number): TierRow | undefined {
  return [...tiers].reverse().find((tier) => points >= tier.min_points);
}

export function tierView(tier: TierRow) {
  return { id: tier.id, name: tier.name, minPoints: tier.min_points, benefits: tier.benefits };
}
