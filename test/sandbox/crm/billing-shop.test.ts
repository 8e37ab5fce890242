import { describe, expect, it } from 'vitest';
import { createHarness, fails, ok, type Listed } from './crm-fixture.js';

describe('invoices', () => {
  it('creates, sends, pays and voids invoices with the right status rules', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const ada = await ok<{ id: string }>(shop, 'create_account', { name: 'Ada', email: 'ada@example.com' });
    const noEmail = await ok<{ id: string }>(shop, 'create_account', { name: 'Bob' });
    const invoice = await ok<{ id: string; number: string; status: string; total: number; dueDate: string; lineItems: unknown[] }>(shop, 'create_invoice', {
      accountId: ada.id, items: [{ description: 'Facial', quantity: 2, unitPrice: 480 }, { description: 'Serum', quantity: 1, unitPrice: 99.99 }],
    });
    expect(invoice).toMatchObject({ number: 'INV-0001', status: 'draft', total: 1059.99, dueDate: '2026-05-27' });
    expect(invoice.lineItems).toHaveLength(2);
    expect(harness.outbox.sent).toHaveLength(0);
    const sent = await ok<{ emailed: boolean; invoice: { status: string } }>(shop, 'mark_invoice_sent', { invoiceId: 'INV-0001' });
    expect(sent).toMatchObject({ emailed: true, invoice: { status: 'sent' } });
    expect(harness.outbox.sent[0]).toMatchObject({ to: 'ada@example.com' });
    expect(harness.outbox.sent[0]?.subject).toContain('INV-0001');

    const second = await ok<{ id: string }>(shop, 'create_invoice', { accountId: noEmail.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 200 }], dueDate: '2026-05-01' });
    const unsent = await ok<{ emailed: boolean; note: string }>(shop, 'mark_invoice_sent', { invoiceId: second.id });
    expect(unsent.emailed).toBe(false);
    expect(harness.outbox.sent).toHaveLength(1);
    expect((await ok<Listed<{ id: string; status: string }>>(shop, 'list_invoices', { status: 'overdue' })).items.map((item) => item.id)).toEqual([second.id]);

    expect((await ok<{ status: string }>(shop, 'mark_invoice_paid', { invoiceId: invoice.id, paymentMethod: 'card' })).status).toBe('paid');
    expect((await fails(shop, 'void_invoice', { invoiceId: invoice.id })).code).toBe('CONFLICT');
    expect((await ok<{ status: string; voidReason: string }>(shop, 'void_invoice', { invoiceId: second.id, reason: 'duplicate' })).status).toBe('void');
    expect((await fails(shop, 'mark_invoice_paid', { invoiceId: second.id })).code).toBe('CONFLICT');
    expect((await fails(shop, 'get_invoice', { invoiceId: 'inv_nope' })).code).toBe('NOT_FOUND');
    expect((await fails(shop, 'create_invoice', { accountId: ada.id, items: [] })).code).toBe('VALIDATION');
    expect((await fails(shop, 'create_invoice', { accountId: ada.id, items: [{ description: 'x', quantity: 1, unitPrice: 1 }], dueDate: '27/05/2026' })).code).toBe('VALIDATION');

    const stats = await ok<{ counts: Record<string, number>; byCurrency: Array<{ currency: string; paidThisMonth: number; outstanding: number }> }>(shop, 'get_invoice_stats');
    expect(stats.counts).toMatchObject({ paid: 1, void: 1, draft: 0, sent: 0, overdue: 0, total: 2 });
    expect(stats.byCurrency).toEqual([{ currency: 'HKD', outstanding: 0, overdue: 0, paidThisMonth: 1059.99, paidAllTime: 1059.99 }]);
    expect((await ok<Listed>(harness.workspace(), 'list_invoices')).total).toBe(0);
  });
});

describe('shop', () => {
  it('sells products with stock, applies a promotion once and lists orders', async () => {
    const shop = createHarness().workspace();
    const serum = await ok<{ id: string; currency: string }>(shop, 'create_product', { name: 'Serum', price: 200, stock: 3, sku: 'SER-30' });
    expect(serum.currency).toBe('HKD');
    await ok(shop, 'create_promotion', { code: 'may10', discountType: 'percent', value: 10, maxRedemptions: 1 });
    expect((await fails(shop, 'create_promotion', { code: 'MAY10', discountType: 'fixed', value: 5 })).code).toBe('CONFLICT');
    const check = await ok<{ valid: boolean; discount: number; totalAfterDiscount: number }>(shop, 'validate_promotion', { code: 'May10', subtotal: 400 });
    expect(check).toMatchObject({ valid: true, discount: 40, totalAfterDiscount: 360 });
    const order = await ok<{ id: string; number: string; total: number; discount: number; lineItems: unknown[] }>(shop, 'create_order', {
      items: [{ productId: serum.id, quantity: 2 }], promotionCode: 'MAY10',
    });
    expect(order).toMatchObject({ number: 'ORD-0001', discount: 40, total: 360 });
    expect((await ok<{ valid: boolean; reason: string }>(shop, 'validate_promotion', { code: 'MAY10', subtotal: 400 })).valid).toBe(false);
    expect((await fails(shop, 'create_order', { items: [{ productId: serum.id, quantity: 2 }] })).code).toBe('CONFLICT');
    expect((await ok<Listed<{ stock: number }>>(shop, 'list_products')).items[0]?.stock).toBe(1);
    expect((await ok<Listed>(shop, 'list_orders')).total).toBe(1);
    expect((await ok<{ lineItems: unknown[] }>(shop, 'get_order', { orderId: order.id })).lineItems).toHaveLength(1);
    expect((await fails(shop, 'get_order', { orderId: 'ord_nope' })).code).toBe('NOT_FOUND');
  });

  it('starts and lists subscriptions', async () => {
    const shop = createHarness().workspace();
    expect(await ok(shop, 'list_subscriptions')).toEqual({ items: [], total: 0 });
    const ada = await ok<{ id: string }>(shop, 'create_account', { name: 'Ada' });
    await ok(shop, 'create_subscription', { accountId: ada.id, name: 'Unlimited yoga', price: 1200, interval: 'month' });
    const listed = await ok<Listed<{ customerName: string; status: string; currentPeriodEnd: string }>>(shop, 'list_subscriptions', { status: 'active' });
    expect(listed.items).toEqual([expect.objectContaining({ customerName: 'Ada', status: 'active', currentPeriodEnd: '2026-06-12T02:00:00.000Z' })]);
  });
});

describe('reporting', () => {
  it('states the date range in the company timezone and counts revenue, bookings and customers', async () => {
    const shop = createHarness().workspace();
    const ada = await ok<{ id: string }>(shop, 'create_account', { name: 'Ada' });
    const invoice = await ok<{ id: string }>(shop, 'create_invoice', { accountId: ada.id, items: [{ description: 'Pass', quantity: 1, unitPrice: 500 }] });
    await ok(shop, 'mark_invoice_paid', { invoiceId: invoice.id });
    const product = await ok<{ id: string }>(shop, 'create_product', { name: 'Mat', price: 150 });
    await ok(shop, 'create_order', { items: [{ productId: product.id, quantity: 1 }], accountId: ada.id });
    type Stats = { range: { fromDate: string; toDate: string; timezone: string; label: string; days: number }; customers: { total: number; new: number }; revenue: unknown[] };
    // `favcrm dashboard` is "today's headline stats" and sends no arguments: the default window is today.
    const today = await ok<Stats>(shop, 'get_dashboard_stats');
    expect(today.range).toMatchObject({ fromDate: '2026-05-13', toDate: '2026-05-13', days: 1, label: 'today, 2026-05-13 (Asia/Hong_Kong)' });
    expect(today.revenue).toEqual([{ currency: 'HKD', amount: 650, paidInvoices: 1, paidOrders: 1 }]);
    const stats = await ok<Stats>(shop, 'get_dashboard_stats', { days: 7 });
    expect(stats.range).toMatchObject({ fromDate: '2026-05-07', toDate: '2026-05-13', timezone: 'Asia/Hong_Kong' });
    expect(stats.range.label).toContain('last 7 days');
    expect(stats.customers).toMatchObject({ total: 1, new: 1 });
    expect(stats.revenue).toEqual([{ currency: 'HKD', amount: 650, paidInvoices: 1, paidOrders: 1 }]);
    const customers = await ok<{ total: number; tiers: Array<{ tierId: string; members: number }> }>(shop, 'get_customer_stats');
    expect(customers.total).toBe(1);
    expect(customers.tiers.map((tier) => tier.tierId)).toEqual(['tier_bronze', 'tier_silver', 'tier_gold']);
  });
});
