import { describe, expect, it } from 'vitest';
import { START, createHarness, fails, ok, type Listed } from './crm-fixture.js';

const DAY = 86_400_000;

describe('plan tools', () => {
  it('reports the trial, its end 30 days after signup, modules and quota usage', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    await ok(shop, 'create_account', { name: 'Ada' });
    const status = await ok<{
      planCode: string; paymentState: string; limitsFrom: string; trial: { endsAt: string; active: boolean };
      modules: string[]; quotas: Array<{ code: string; used: number; limit: number; freeTierLimit: number }>;
    }>(shop, 'get_plan_status');
    expect(status.planCode).toBe('favcrm-free');
    expect(status.paymentState).toBe('trialing');
    expect(status.limitsFrom).toBe('trial');
    expect(status.trial.endsAt).toBe(new Date(START.getTime() + 30 * DAY).toISOString());
    expect(status.modules).toContain('whatsapp');
    const byCode = Object.fromEntries(status.quotas.map((quota) => [quota.code, quota]));
    expect(byCode.customers).toMatchObject({ used: 1, freeTierLimit: 100 });
    expect(byCode.bookings_per_month).toMatchObject({ used: 0, freeTierLimit: 200 });
    // Two registry calls so far (create_account, get_plan_status), each counted as an MCP call.
    expect(byCode.mcp_calls_per_month).toMatchObject({ used: 2, freeTierLimit: 1000 });
    expect(byCode.customers!.limit).toBeGreaterThan(100);
  });

  it('switches to free-tier limits after the trial and drops WhatsApp', async () => {
    const harness = createHarness();
    const shop = harness.workspace({ createdAt: new Date(START.getTime() - 31 * DAY) });
    const status = await ok<{ limitsFrom: string; paymentState: string; modules: string[]; quotas: Array<{ code: string; limit: number }> }>(shop, 'get_plan_status');
    expect(status.limitsFrom).toBe('free');
    expect(status.paymentState).toBe('free');
    expect(status.modules).not.toContain('whatsapp');
    expect(status.quotas.find((quota) => quota.code === 'customers')?.limit).toBe(100);
    const check = await ok<{ allowed: boolean; upgradeAction?: { tool: string; planCode: string } }>(shop, 'check_plan_operation', { moduleCode: 'whatsapp' });
    expect(check.allowed).toBe(false);
    expect(check.upgradeAction).toMatchObject({ tool: 'create_plan_upgrade_link', planCode: 'favcrm-lite' });
    const blocked = await fails(shop, 'create_whatsapp_connect_link', { onboardingMode: 'cloud_api' });
    expect(blocked.code).toBe('PLAN_LIMIT');
  });

  it('fails create_account with PLAN_LIMIT and an upgrade action once 100 customers exist on the free tier', async () => {
    const harness = createHarness();
    const shop = harness.workspace({ createdAt: new Date(START.getTime() - 40 * DAY) });
    const insert = harness.db.prepare(
      `INSERT INTO accounts (id, company_id, name, last_activity_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 99; i++) insert.run(`acc_seed${i}`, shop.caller.companyId, `Seed ${i}`, START.toISOString(), START.toISOString(), START.toISOString());
    await ok(shop, 'create_account', { name: 'Customer 100' });
    const check = await ok<{ allowed: boolean; quota: { used: number; limit: number } }>(shop, 'check_plan_operation', { toolName: 'create_account' });
    expect(check).toMatchObject({ allowed: false, quota: { used: 100, limit: 100 } });
    const failure = await fails(shop, 'create_account', { name: 'Customer 101' });
    expect(failure.code).toBe('PLAN_LIMIT');
    expect(failure.upgradeAction).toMatchObject({ tool: 'create_plan_upgrade_link', planCode: 'favcrm-lite' });
    expect((await ok<Listed>(shop, 'search_members', { limit: 1 })).total).toBe(100);
  });

  it('answers check_plan_operation for allowed tools, unknown tools and forbidden sends', async () => {
    const shop = createHarness().workspace();
    const allowed = await ok<{ allowed: boolean; quota: { code: string; remaining: number } }>(shop, 'check_plan_operation', { toolName: 'create_booking', delta: 5 });
    expect(allowed.allowed).toBe(true);
    expect(allowed.quota.code).toBe('bookings_per_month');
    expect((await ok<{ allowed: boolean }>(shop, 'check_plan_operation', { toolName: 'send_campaign' })).allowed).toBe(false);
    expect((await fails(shop, 'check_plan_operation', { toolName: 'create_contact' })).code).toBe('NOT_FOUND');
    // `favcrm plan check --quota contacts` (the CLI's own help example) checks the customers quota.
    const contacts = await ok<{ allowed: boolean; quota: { code: string } }>(shop, 'check_plan_operation', { quotaCode: 'contacts', delta: 1 });
    expect(contacts).toMatchObject({ allowed: true, quota: { code: 'customers' } });
    expect((await fails(shop, 'check_plan_operation', { quotaCode: 'sms' })).code).toBe('VALIDATION');
    const staff = createHarness().workspace({ role: 'staff' });
    expect((await ok<{ allowed: boolean }>(staff, 'check_plan_operation', { toolName: 'create_plan_upgrade_link' })).allowed).toBe(false);
  });

  it('lists plan options including favcrm-lite', async () => {
    const shop = createHarness().workspace();
    const options = await ok<Listed<{ code: string; current: boolean }>>(shop, 'list_plan_options');
    expect(options.items.map((plan) => plan.code)).toEqual(['favcrm-free', 'favcrm-lite', 'favcrm-pro']);
    expect(options.total).toBe(3);
    expect(options.items.find((plan) => plan.current)?.code).toBe('favcrm-free');
  });

  it('creates no upgrade link without confirm: true, and records one with it', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const preview = await ok<{ created: boolean; message: string; url?: string }>(shop, 'create_plan_upgrade_link', { planCode: 'favcrm-lite', billingCycle: 'monthly', confirm: false });
    expect(preview.created).toBe(false);
    expect(preview.url).toBeUndefined();
    expect(preview.message).toMatch(/confirm: true/);
    const omitted = await ok<{ created: boolean }>(shop, 'create_plan_upgrade_link', {});
    expect(omitted.created).toBe(false);
    expect(harness.db.prepare('SELECT COUNT(*) AS n FROM plan_checkout_links').get()).toEqual({ n: 0 });
    const link = await ok<{ created: boolean; url: string; planCode: string; amount: number }>(shop, 'create_plan_upgrade_link', { planId: 'plan_lite', billingCycle: 'yearly', confirm: true });
    expect(link.created).toBe(true);
    expect(link.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/sandbox_[0-9a-f]+$/);
    expect(link).toMatchObject({ planCode: 'favcrm-lite', amount: 290 });
    expect(harness.db.prepare('SELECT COUNT(*) AS n FROM plan_checkout_links WHERE company_id = ?').get(shop.caller.companyId)).toEqual({ n: 1 });
    expect((await fails(shop, 'create_plan_upgrade_link', { planCode: 'favcrm-gold', confirm: true })).code).toBe('NOT_FOUND');
    const staff = harness.workspace({ role: 'staff' });
    expect((await fails(staff, 'create_plan_upgrade_link', { confirm: true })).code).toBe('FORBIDDEN');
  });
});

describe('WhatsApp channel tools', () => {
  it('starts disconnected, then shows a pending session after a connect link, and expires it', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const before = await ok<{ connected: boolean; pendingSession: unknown; wabaId: unknown; phoneNumberId: unknown; verifiedName: unknown }>(shop, 'get_whatsapp_connection_status');
    expect(before).toMatchObject({ connected: false, pendingSession: null, wabaId: null, phoneNumberId: null, verifiedName: null });
    const link = await ok<{ url: string; expiresAt: string; onboardingMode: string }>(shop, 'create_whatsapp_connect_link', { onboardingMode: 'coexistence', ttlMinutes: 15 });
    expect(link.onboardingMode).toBe('coexistence');
    expect(link.url).toMatch(/^https:\/\//);
    expect(link.expiresAt).toBe(new Date(START.getTime() + 15 * 60_000).toISOString());
    const pending = await ok<{ connected: boolean; status: string; pendingSession: { state: string; url: string } }>(shop, 'get_whatsapp_connection_status');
    expect(pending).toMatchObject({ connected: false, status: 'pending', pendingSession: { state: 'pending', url: link.url } });
    harness.clock.now = new Date(START.getTime() + 16 * 60_000);
    const expired = await ok<{ status: string; pendingSession: { state: string } }>(shop, 'get_whatsapp_connection_status');
    expect(expired).toMatchObject({ status: 'session_expired', pendingSession: { state: 'expired' } });
    const other = harness.workspace();
    expect((await ok<{ pendingSession: unknown }>(other, 'get_whatsapp_connection_status')).pendingSession).toBeNull();
    expect((await fails(shop, 'create_whatsapp_connect_link', { onboardingMode: 'cloud-api' })).code).toBe('VALIDATION');
  });
});
