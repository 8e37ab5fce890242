import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { crmTools } from '../../../src/sandbox/tools/crm-tools.js';
import { createHarness, fails, ok, type Listed } from './crm-fixture.js';

/** Every CRM tool the contract names in §3 and §4 (not the "not real" create_contact / list_tools). */
const CONTRACT_TOOLS = [
  'get_plan_status', 'check_plan_operation', 'list_plan_options', 'create_plan_upgrade_link',
  'get_whatsapp_connection_status', 'create_whatsapp_connect_link',
  'query_favcrm_platform', 'query_company_knowledge', 'report_agent_issue',
  'create_account', 'search_members', 'get_member_profile', 'enrol_membership', 'list_membership_tiers', 'list_tags', 'attach_tags',
  'list_tiers', 'earn_loyalty_points',
  'list_services', 'get_available_slots', 'create_booking', 'list_bookings', 'get_booking_detail', 'get_booking_stats',
  'cancel_booking', 'complete_booking', 'confirm_booking',
  'list_products', 'get_order', 'create_order', 'list_orders', 'validate_promotion', 'list_subscriptions',
  'list_invoices', 'get_invoice', 'mark_invoice_sent', 'mark_invoice_paid', 'void_invoice', 'get_invoice_stats', 'create_invoice',
  'list_campaigns', 'send_campaign', 'request_send_approval', 'send_message', 'send_whatsapp_message', 'send_test_campaign',
  'list_posts', 'publish_post', 'create_post', 'update_post', 'append_post_block', 'generate_image',
  'list_knowledge_documents', 'scrape_knowledge_url', 'add_knowledge_text', 'delete_knowledge_document',
  'list_deals', 'update_deal_stage', 'list_tasks', 'create_task', 'update_task',
  'get_dashboard_stats',
];

const READ_ONLY_PREFIXES = /^(list|get|search|query|check)_/;
const DESTRUCTIVE_PREFIXES = /^(delete|cancel|void|refund)_/;
const IDEMPOTENT_PREFIXES = /^(set|update|upsert)_/;

describe('CRM tool catalogue', () => {
  it('has every tool the contract names, once, and none of the fake ones', () => {
    const names = crmTools.map((tool) => tool.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of CONTRACT_TOOLS) expect(names, name).toContain(name);
    expect(names).not.toContain('create_contact');
    expect(names).not.toContain('list_tools');
  });

  it.each(crmTools.map((tool) => [tool.name, tool] as const))('%s: title, summary, four hints by the naming rules, described inputs', (name, tool) => {
    expect(tool.auth).toBe('key');
    expect(tool.annotations.title.trim().length).toBeGreaterThan(2);
    const summary = tool.description.split('\n')[0] ?? '';
    expect(summary.length).toBeGreaterThan(10);
    // `favcrm tool list` shows 100 characters of it.
    expect(summary.length).toBeLessThanOrEqual(100);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'openWorldHint', 'idempotentHint'] as const) {
      expect(typeof tool.annotations[hint], `${name}.${hint}`).toBe('boolean');
    }
    const hints = tool.annotations;
    expect(hints.readOnlyHint).toBe(READ_ONLY_PREFIXES.test(name) || name === 'validate_promotion');
    expect(hints.destructiveHint).toBe(DESTRUCTIVE_PREFIXES.test(name));
    if (IDEMPOTENT_PREFIXES.test(name) || hints.readOnlyHint) expect(hints.idempotentHint).toBe(true);
    else expect(hints.idempotentHint).toBe(false);
    if (hints.readOnlyHint) expect(hints.destructiveHint || hints.openWorldHint).toBe(false);
    for (const [field, schema] of Object.entries(tool.inputSchema)) {
      expect((schema as z.ZodType).description?.trim(), `${name}.${field} needs .describe()`).toBeTruthy();
    }
    expect(() => z.toJSONSchema(z.object(tool.inputSchema), { io: 'input' })).not.toThrow();
  });

  it('marks exactly the tools that reach WhatsApp, Stripe, email, the web or an image model as open-world', () => {
    const openWorld = crmTools.filter((tool) => tool.annotations.openWorldHint).map((tool) => tool.name).sort();
    expect(openWorld).toEqual([
      'create_plan_upgrade_link', 'create_whatsapp_connect_link', 'generate_image', 'mark_invoice_sent', 'scrape_knowledge_url',
      'send_campaign', 'send_message', 'send_test_campaign', 'send_whatsapp_message',
    ]);
  });
});

describe('query_favcrm_platform', () => {
  it('ranks create_booking first for "create a booking", then its prerequisites', async () => {
    const shop = createHarness().workspace();
    const result = await ok<Listed<{ name: string; title: string; summary: string; arguments: Record<string, string>; readOnly: boolean; destructive: boolean }>>(
      shop, 'query_favcrm_platform', { query: 'create a booking' },
    );
    const names = result.items.map((item) => item.name);
    expect(names[0]).toBe('create_booking');
    expect(names.slice(0, 3)).toEqual(['create_booking', 'get_available_slots', 'list_services']);
    const top = result.items[0]!;
    expect(top).toMatchObject({ title: 'Create booking', readOnly: false, destructive: false });
    expect(top.summary).toMatch(/^Book a customer/);
    expect(top.arguments.serviceId).toMatch(/^string \(required\) — Service ID/);
    expect(top.arguments.participants).toMatch(/^integer \(optional, default 1\)/);
  });

  it.each([
    ['book an appointment for a client', 'create_booking'],
    ['find a customer by phone', 'search_members'],
    ['overdue invoices', 'list_invoices'],
    ['cancel an appointment', 'cancel_booking'],
    ['send a whatsapp message to a customer', 'request_send_approval'],
    ['upgrade my plan', 'create_plan_upgrade_link'],
    ['connect whatsapp', 'create_whatsapp_connect_link'],
    ['give loyalty points', 'earn_loyalty_points'],
    ['publish a blog post', 'publish_post'],
    ['tag customers as vip', 'attach_tags'],
    ['revenue this week', 'get_dashboard_stats'],
    ['check a discount code', 'validate_promotion'],
  ])('"%s" → %s first', async (query, expected) => {
    const shop = createHarness().workspace();
    const result = await ok<Listed<{ name: string }>>(shop, 'query_favcrm_platform', { query });
    expect(result.items[0]?.name).toBe(expected);
  });

  it('answers an empty list with a hint for nonsense', async () => {
    const shop = createHarness().workspace();
    const result = await ok<Listed & { hint: string }>(shop, 'query_favcrm_platform', { query: 'zzqx' });
    expect(result).toMatchObject({ items: [], total: 0 });
    expect(result.hint).toMatch(/booking/);
  });
});

describe('comms guard rails', () => {
  it.each(['send_message', 'send_whatsapp_message', 'send_test_campaign', 'send_campaign'])('%s always refuses with FORBIDDEN', async (name) => {
    const harness = createHarness();
    const shop = harness.workspace();
    const failure = await fails(shop, name, { message: 'Hi!' });
    expect(failure.code).toBe('FORBIDDEN');
    expect(failure.useTool).toBe('request_send_approval');
    expect(harness.outbox.sent).toHaveLength(0);
  });

  it('files a send approval without sending anything', async () => {
    const harness = createHarness();
    const shop = harness.workspace();
    const approval = await ok<{ approvalId: string; status: string }>(shop, 'request_send_approval', {
      actionType: 'send_whatsapp_message', summary: 'WhatsApp to 1 customer: reminder', payload: { accountIds: ['acc_1'], text: 'See you tomorrow' },
    });
    expect(approval.approvalId).toMatch(/^apr_/);
    expect(approval.status).toBe('pending_approval');
    expect(harness.outbox.sent).toHaveLength(0);
    const listed = await ok<Listed<{ approvalId: string }>>(shop, 'list_send_approvals');
    expect(listed.items.map((item) => item.approvalId)).toEqual([approval.approvalId]);
    expect((await ok<Listed>(harness.workspace(), 'list_send_approvals')).total).toBe(0);
  });
});
