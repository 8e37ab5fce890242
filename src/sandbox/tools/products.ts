import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { loadCompany, money, newId, nowIso, pickCurrency, requireCaller } from './caller-scope.js';
import { flag, limitField, listResult } from './list-result.js';
import { checkPromotion, promotionView, type PromotionRow } from './promotion-rules.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool } from './tool-definition.js';

export interface ProductRow {
  id: string;
  name: string;
  description: string | null;
  sku: string | null;
  price: number;
  currency: string;
  stock: number | null;
  active: number;
  created_at: string;
}

export function productView(row: ProductRow) {
  return { id: row.id, name: row.name, description: row.description, sku: row.sku, price: row.price, currency: row.currency,
    stock: row.stock, active: flag(row.active), createdAt: row.created_at };
}

const listProducts = defineTool({
  name: 'list_products',
  description: 'List shop products with price, SKU and stock, optionally filtered by name.',
  inputSchema: {
    search: z.string().optional().describe('Only products whose name or SKU contains this text.'),
    limit: limitField(50, 200),
  },
  annotations: readOnlyTool('List products'),
  auth: 'key',
  handler: (args, context) => {
    const companyId = requireCaller(context).companyId;
    const pattern = `%${args.search ?? ''}%`;
    const where = 'company_id = ? AND active = 1 AND (name LIKE ? OR COALESCE(sku, \'\') LIKE ?)';
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM products WHERE ${where}`).get(companyId, pattern, pattern) as { n: number }).n;
    const rows = context.db.prepare(`SELECT * FROM products WHERE ${where} ORDER BY name LIMIT ?`).all(companyId, pattern, pattern, args.limit) as ProductRow[];
    return listResult(rows.map(productView), total);
  },
});

const createProduct = defineTool({
  name: 'create_product',
  description: 'Add a product to the shop catalogue.\nstock is optional: leave it out for untracked items (e.g. gift cards).',
  inputSchema: {
    name: z.string().trim().min(1).max(200).describe('Product name, e.g. "Hydrating serum 30ml".'),
    price: z.number().min(0).describe('Unit price in currency units.'),
    currency: z.string().length(3).optional().describe('ISO 4217 code; defaults to the company currency.'),
    sku: z.string().max(64).optional().describe('Stock-keeping unit code.'),
    stock: z.number().int().min(0).optional().describe('Units in stock; omit for untracked stock.'),
    description: z.string().max(2000).optional().describe('Product description.'),
  },
  annotations: writeTool('Create product'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const id = newId('product');
    const at = nowIso(context);
    context.db
      .prepare(
        `INSERT INTO products (id, company_id, name, description, sku, price, currency, stock, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(id, company.id, args.name, args.description ?? null, args.sku ?? null, money(args.price), pickCurrency(args.currency, company),
        args.stock ?? null, at, at);
    return productView(context.db.prepare('SELECT * FROM products WHERE id = ?').get(id) as ProductRow);
  },
});

const createPromotion = defineTool({
  name: 'create_promotion',
  description: 'Create a promotion code (percent or fixed discount) usable on shop orders.\nCodes are matched case-insensitively and must be unique.',
  inputSchema: {
    code: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_-]+$/).describe('The code customers type, e.g. MAY10 (letters, digits, - and _).'),
    discountType: z.enum(['percent', 'fixed']).describe('percent (value 1–100) or fixed (value in currency units).'),
    value: z.number().positive().describe('Discount size: a percentage or an amount.'),
    description: z.string().max(500).optional().describe('What the promotion is for.'),
    minSubtotal: z.number().min(0).default(0).describe('Smallest order subtotal the code applies to (default 0).'),
    startsAt: z.string().datetime({ offset: true }).optional().describe('ISO date-time the code starts working.'),
    endsAt: z.string().datetime({ offset: true }).optional().describe('ISO date-time the code stops working.'),
    maxRedemptions: z.number().int().min(1).optional().describe('How many orders may use it in total.'),
  },
  annotations: writeTool('Create promotion'),
  auth: 'key',
  handler: (args, context) => {
    const companyId = requireCaller(context).companyId;
    if (args.discountType === 'percent' && args.value > 100) {
      throw new ToolFailure('VALIDATION', 'A percent discount must be at most 100.', { field: 'value' });
    }
    const clash = context.db.prepare('SELECT id FROM promotions WHERE company_id = ? AND upper(code) = upper(?)').get(companyId, args.code);
    if (clash) throw new ToolFailure('CONFLICT', `Promotion code ${args.code.toUpperCase()} already exists.`, { code: args.code });
    const id = newId('promotion');
    context.db
      .prepare(
        `INSERT INTO promotions (id, company_id, code, description, discount_type, value, min_subtotal, starts_at, ends_at, max_redemptions, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, companyId, args.code.toUpperCase(), args.description ?? null, args.discountType, args.value, args.minSubtotal,
        args.startsAt ? new Date(args.startsAt).toISOString() : null, args.endsAt ? new Date(args.endsAt).toISOString() : null,
        args.maxRedemptions ?? null, nowIso(context));
    return promotionView(context.db.prepare('SELECT * FROM promotions WHERE id = ?').get(id) as PromotionRow);
  },
});

const validatePromotion = defineTool({
  name: 'validate_promotion',
  description: 'Check whether a promotion code is valid now and what it would take off a subtotal.\nDoes not use the code up; create_order does.',
  inputSchema: {
    code: z.string().min(1).describe('Promotion code, e.g. MAY10 (case-insensitive).'),
    subtotal: z.number().min(0).default(0).describe('Order subtotal to price the discount against (default 0).'),
  },
  annotations: readOnlyTool('Validate promotion'),
  auth: 'key',
  handler: (args, context) => {
    const result = checkPromotion(context, requireCaller(context).companyId, args.code, args.subtotal);
    return {
      valid: result.valid,
      reason: result.reason,
      discount: result.discount,
      totalAfterDiscount: money(args.subtotal - result.discount),
      promotion: result.promotion ? promotionView(result.promotion) : null,
    };
  },
});

/** Shop catalogue and promotions (shop scope); orders live in orders.ts. */
export const productTools: SandboxTool[] = [listProducts, createProduct, createPromotion, validatePromotion];
