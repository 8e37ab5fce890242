import { money } from './caller-scope.js';
import type { ToolContext } from './tool-definition.js';

export interface PromotionRow {
  id: string;
  code: string;
  description: string | null;
  discount_type: 'percent' | 'fixed';
  value: number;
  min_subtotal: number;
  starts_at: string | null;
  ends_at: string | null;
  max_redemptions: number | null;
  redemptions: number;
  active: number;
}

export type PromotionCheck =
  | { valid: true; promotion: PromotionRow; discount: number; reason: string }
  | { valid: false; promotion: PromotionRow | null; discount: 0; reason: string };

/** Whether a code applies to a subtotal now; the discount never exceeds the subtotal. */
export function checkPromotion(context: ToolContext, companyId: string, code: string, subtotal: number): PromotionCheck {
  const promotion = context.db
    .prepare('SELECT * FROM promotions WHERE company_id = ? AND upper(code) = upper(?)')
    .get(companyId, code) as PromotionRow | undefined;
  const now = context.now().toISOString();
  const refuse = (reason: string): PromotionCheck => ({ valid: false, promotion: promotion ?? null, discount: 0, reason });
  if (!promotion) return refuse(`No promotion code "${code}".`);
  if (promotion.active !== 1) return refuse(`${promotion.code} is switched off.`);
  if (promotion.starts_at && now < promotion.starts_at) return refuse(`${promotion.code} starts at ${promotion.starts_at}.`);
  if (promotion.ends_at && now >= promotion.ends_at) return refuse(`${promotion.code} ended at ${promotion.ends_at}.`);
  if (promotion.max_redemptions !== null && promotion.redemptions >= promotion.max_redemptions) {
    return refuse(`${promotion.code} has been used its maximum ${promotion.max_redemptions} times.`);
  }
  if (subtotal < promotion.min_subtotal) return refuse(`${promotion.code} needs a subtotal of at least ${promotion.min_subtotal}.`);
  const raw = promotion.discount_type === 'percent' ? (subtotal * promotion.value) / 100 : promotion.value;
  const discount = money(Math.min(raw, subtotal));
  return { valid: true, promotion, discount, reason: `${promotion.code} takes ${discount} off ${subtotal}.` };
}

export function promotionView(row: PromotionRow) {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    discountType: row.discount_type,
    value: row.value,
    minSubtotal: row.min_subtotal,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    maxRedemptions: row.max_redemptions,
    redemptions: row.redemptions,
    active: row.active === 1,
  };
}
