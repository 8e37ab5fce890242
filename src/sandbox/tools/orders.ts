import { z } from 'zod';
import { ToolFailure } from '../tool-failure.js';
import { findAccount, touchAccount } from './account-lookup.js';
import { loadCompany, money, newId, nowIso, pickCurrency, requireCaller } from './caller-scope.js';
import { limitField, listResult } from './list-result.js';
import type { ProductRow } from './products.js';
import { checkPromotion } from './promotion-rules.js';
import { readOnlyTool, writeTool } from './tool-annotations.js';
import { defineTool, type SandboxTool, type ToolContext } from './tool-definition.js';

const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled'] as const;

interface OrderRow {
  id: string;
  number: string;
  account_id: string | null;
  customer_name: string | null;
  status: (typeof ORDER_STATUSES)[number];
  currency: string;
  subtotal: number;
  discount: number;
  total: number;
  promotion_code: string | null;
  notes: string | null;
  created_at: string;
}

const ORDER_SELECT = 'SELECT orders.*, accounts.name AS customer_name FROM orders LEFT JOIN accounts ON accounts.id = orders.account_id';

function orderView(row: OrderRow) {
  return { id: row.id, number: row.number, status: row.status, accountId: row.account_id, customerName: row.customer_name,
    subtotal: row.subtotal, discount: row.discount, total: row.total, currency: row.currency, promotionCode: row.promotion_code,
    createdAt: row.created_at };
}

function findOrder(context: ToolContext, orderId: string): OrderRow {
  const row = context.db
    .prepare(`${ORDER_SELECT} WHERE (orders.id = ? OR orders.number = ?) AND orders.company_id = ?`)
    .get(orderId, orderId, requireCaller(context).companyId) as OrderRow | undefined;
  if (!row) {
    throw new ToolFailure('NOT_FOUND', `No order ${orderId} in this workspace.`, { orderId, hint: 'Call list_orders for valid order IDs (ord_…).' });
  }
  return row;
}

const listOrders = defineTool({
  name: 'list_orders',
  description: 'List shop orders, newest first, optionally by status or customer.',
  inputSchema: {
    status: z.enum(ORDER_STATUSES).optional().describe('Only pending, paid, fulfilled or cancelled orders.'),
    accountId: z.string().optional().describe('Only this customer\'s orders (acc_…).'),
    limit: limitField(),
  },
  annotations: readOnlyTool('List orders'),
  auth: 'key',
  handler: (args, context) => {
    const where = ['orders.company_id = ?'];
    const params: unknown[] = [requireCaller(context).companyId];
    if (args.status) { where.push('orders.status = ?'); params.push(args.status); }
    if (args.accountId) { where.push('orders.account_id = ?'); params.push(args.accountId); }
    const clause = where.join(' AND ');
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM orders WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = context.db.prepare(`${ORDER_SELECT} WHERE ${clause} ORDER BY orders.created_at DESC, orders.rowid DESC LIMIT ?`).all(...params, args.limit) as OrderRow[];
    return listResult(rows.map(orderView), total);
  },
});

/** One order whole; its lines are `lineItems`, since the CLI would draw an `items` array instead of the order. */
function orderDetail(context: ToolContext, orderId: string) {
  const row = findOrder(context, orderId);
  const lineItems = context.db
    .prepare('SELECT product_id AS productId, name, quantity, unit_price AS unitPrice, amount FROM order_items WHERE order_id = ? ORDER BY rowid')
    .all(row.id);
  return { ...orderView(row), notes: row.notes, lineItems };
}

const getOrder = defineTool({
  name: 'get_order',
  description: 'Get one shop order with its totals, customer and line items (lineItems).',
  inputSchema: { orderId: z.string().describe('Order ID (ord_…) or number (ORD-0001) from list_orders.') },
  annotations: readOnlyTool('Get order'),
  auth: 'key',
  handler: (args, context) => orderDetail(context, args.orderId),
});

const createOrder = defineTool({
  name: 'create_order',
  description: [
    'Create a shop order from products, optionally for a customer and with a promotion code.',
    'items: [{productId, quantity}] from list_products; tracked stock goes down. status defaults to paid (a counter sale).',
  ].join('\n'),
  inputSchema: {
    items: z
      .array(z.object({
        productId: z.string().describe('Product ID (prd_…) from list_products.'),
        quantity: z.number().int().min(1).max(1000).describe('Units ordered.'),
      }))
      .min(1)
      .max(50)
      .describe('Products and quantities, 1–50 lines.'),
    accountId: z.string().optional().describe('Customer account (acc_…), if known.'),
    promotionCode: z.string().optional().describe('Promotion code to apply (check it with validate_promotion).'),
    status: z.enum(['pending', 'paid']).default('paid').describe('paid (default) or pending when payment is still due.'),
    notes: z.string().max(2000).optional().describe('Order notes.'),
  },
  annotations: writeTool('Create order'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const account = args.accountId ? findAccount(context, args.accountId) : null;
    const lines = args.items.map((item) => {
      const product = context.db.prepare('SELECT * FROM products WHERE id = ? AND company_id = ? AND active = 1').get(item.productId, company.id) as ProductRow | undefined;
      if (!product) {
        throw new ToolFailure('NOT_FOUND', `No product ${item.productId} in this workspace.`, { productId: item.productId, hint: 'Call list_products.' });
      }
      if (product.stock !== null && product.stock < item.quantity) {
        throw new ToolFailure('CONFLICT', `Only ${product.stock} of ${product.name} in stock; ${item.quantity} ordered.`, { productId: product.id, stock: product.stock });
      }
      return { product, quantity: item.quantity, amount: money(product.price * item.quantity) };
    });
    const currencies = new Set(lines.map((line) => line.product.currency));
    if (currencies.size > 1) throw new ToolFailure('VALIDATION', 'All products in one order must share a currency.', { currencies: [...currencies] });
    const subtotal = money(lines.reduce((sum, line) => sum + line.amount, 0));
    const promotion = args.promotionCode ? checkPromotion(context, company.id, args.promotionCode, subtotal) : null;
    if (promotion && !promotion.valid) throw new ToolFailure('VALIDATION', promotion.reason, { field: 'promotionCode' });
    const discount = promotion?.discount ?? 0;
    const id = newId('order');
    const at = nowIso(context);
    context.db.transaction(() => {
      const count = (context.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE company_id = ?').get(company.id) as { n: number }).n;
      context.db
        .prepare(
          `INSERT INTO orders (id, company_id, number, account_id, status, currency, subtotal, discount, total, promotion_code, notes, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, company.id, `ORD-${String(count + 1).padStart(4, '0')}`, account?.id ?? null, args.status,
          pickCurrency(lines[0]?.product.currency, company), subtotal, discount, money(subtotal - discount),
          promotion?.promotion?.code ?? null, args.notes ?? null, at, at);
      for (const line of lines) {
        context.db
          .prepare('INSERT INTO order_items (id, company_id, order_id, product_id, name, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(newId('orderLine'), company.id, id, line.product.id, line.product.name, line.quantity, line.product.price, line.amount);
        if (line.product.stock !== null) context.db.prepare('UPDATE products SET stock = stock - ? WHERE id = ?').run(line.quantity, line.product.id);
      }
      if (promotion?.valid) context.db.prepare('UPDATE promotions SET redemptions = redemptions + 1 WHERE id = ?').run(promotion.promotion.id);
      if (account) touchAccount(context, account.id, at);
    })();
    return orderDetail(context, id);
  },
});

interface SubscriptionRow {
  id: string; account_id: string; customer_name: string; name: string; price: number; currency: string;
  interval: string; status: string; current_period_end: string; created_at: string;
}

const listSubscriptions = defineTool({
  name: 'list_subscriptions',
  description: ['List customer subscriptions (memberships billed weekly, monthly, yearly) with renewal date.', 'Each shows its status too.'].join('\n'),
  inputSchema: {
    status: z.enum(['active', 'paused', 'cancelled']).optional().describe('Only subscriptions with this status.'),
    limit: limitField(),
  },
  annotations: readOnlyTool('List subscriptions'),
  auth: 'key',
  handler: (args, context) => {
    const where = 'subscriptions.company_id = ?' + (args.status ? ' AND subscriptions.status = ?' : '');
    const params: unknown[] = [requireCaller(context).companyId, ...(args.status ? [args.status] : [])];
    const total = (context.db.prepare(`SELECT COUNT(*) AS n FROM subscriptions WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = context.db
      .prepare(`SELECT subscriptions.*, accounts.name AS customer_name FROM subscriptions JOIN accounts ON accounts.id = subscriptions.account_id
        WHERE ${where} ORDER BY subscriptions.created_at DESC LIMIT ?`)
      .all(...params, args.limit) as SubscriptionRow[];
    return listResult(rows.map((row) => ({ id: row.id, accountId: row.account_id, customerName: row.customer_name, name: row.name,
      price: row.price, currency: row.currency, interval: row.interval, status: row.status, currentPeriodEnd: row.current_period_end,
      createdAt: row.created_at })), total);
  },
});

const INTERVAL_DAYS = { week: 7, month: 30, year: 365 } as const;

const createSubscription = defineTool({
  name: 'create_subscription',
  description: 'Start a recurring subscription for a customer (e.g. a monthly class pass).\nSandbox: no card is charged; the first period starts now.',
  inputSchema: {
    accountId: z.string().describe('Customer account ID (acc_…).'),
    name: z.string().trim().min(1).max(200).describe('What the subscription is, e.g. "Unlimited yoga".'),
    price: z.number().min(0).describe('Price per interval.'),
    interval: z.enum(['week', 'month', 'year']).describe('Billing interval.'),
    currency: z.string().length(3).optional().describe('ISO 4217 code; defaults to the company currency.'),
  },
  annotations: writeTool('Create subscription'),
  auth: 'key',
  handler: (args, context) => {
    const company = loadCompany(context);
    const account = findAccount(context, args.accountId);
    const id = newId('subscription');
    const end = new Date(context.now().getTime() + INTERVAL_DAYS[args.interval] * 86_400_000).toISOString();
    context.db
      .prepare(`INSERT INTO subscriptions (id, company_id, account_id, name, price, currency, interval, status, current_period_end, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`)
      .run(id, company.id, account.id, args.name, money(args.price), pickCurrency(args.currency, company), args.interval, end, nowIso(context));
    return { id, accountId: account.id, customerName: account.name, name: args.name, price: money(args.price),
      currency: pickCurrency(args.currency, company), interval: args.interval, status: 'active', currentPeriodEnd: end };
  },
});

/** Orders and subscriptions (shop scope). */
export const orderTools: SandboxTool[] = [listOrders, getOrder, createOrder, listSubscriptions, createSubscription];
