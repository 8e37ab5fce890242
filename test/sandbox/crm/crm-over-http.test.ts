import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../sandbox-harness.js';

// The CRM tools through the real server: signup over HTTP, Bearer keys, two isolated workspaces.

describe('CRM tools over HTTP', () => {
  let harness: SandboxHarness;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'crm-http' });
    keyA = (await harness.signUp('owner@harbour-yoga.example', 'Harbour Yoga', { country: 'HK', timezone: 'Asia/Hong_Kong', industry: 'fitness' })).apiKey;
    keyB = (await harness.signUp('owner@kowloon-nails.example', 'Kowloon Nails', { country: 'HK', timezone: 'Asia/Hong_Kong' })).apiKey;
  });
  afterAll(() => harness.stop());

  it('lists every CRM tool with a title and all four hints', async () => {
    const reply = await harness.rpc('tools/list', {});
    const tools = (reply.body?.result as { tools: Array<{ name: string; annotations: Record<string, unknown> }> }).tools;
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    for (const name of ['get_plan_status', 'create_booking', 'search_members', 'list_membership_tiers', 'query_favcrm_platform', 'request_send_approval']) {
      const tool = byName.get(name);
      expect(tool, name).toBeDefined();
      expect(Object.keys(tool!.annotations).sort()).toEqual(['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint', 'title']);
    }
    expect(byName.get('cancel_booking')?.annotations.destructiveHint).toBe(true);
  });

  it('answers the doctor and smoke-test calls for a fresh workspace', async () => {
    const plan = await harness.ok('get_plan_status', {}, keyA);
    expect(plan).toMatchObject({ planCode: 'favcrm-free', limitsFrom: 'trial', paymentState: 'trialing' });
    const whatsapp = await harness.ok('get_whatsapp_connection_status', {}, keyA);
    expect(whatsapp).toMatchObject({ connected: false, wabaId: null, phoneNumberId: null, verifiedName: null });
    expect(await harness.ok('list_services', {}, keyA)).toEqual({ items: [], total: 0 });
    expect(await harness.ok('list_tags', {}, keyA)).toEqual({ items: [], total: 0 });
    const tiers = await harness.ok('list_membership_tiers', {}, keyA);
    expect(Array.isArray(tiers.tiers)).toBe(true);
    expect(await harness.ok('get_dashboard_stats', {}, keyA)).toMatchObject({ range: { days: 1, timezone: 'Asia/Hong_Kong' } });
    const unauthenticated = await harness.call('list_services', {});
    expect(unauthenticated.error?.code).toBe('UNAUTHORIZED');
  });

  it('runs a booking journey in one workspace that the other cannot see', async () => {
    const service = await harness.ok('create_service', { name: 'Private yoga', durationMinutes: 60, price: 650 }, keyA);
    expect(service).toMatchObject({ currency: 'HKD' });
    const account = await harness.ok('create_account', { name: 'Chan Siu Ming', email: 'siuming@example.com', enrollMembership: true }, keyA);
    // The harness clock starts Monday 2026-03-02 17:00 in Hong Kong; Tuesday is open.
    const slots = await harness.ok('get_available_slots', { serviceId: service.id, from: '2026-03-03', to: '2026-03-04' }, keyA);
    const slot = (slots.items as Array<{ startAt: string; localStart: string }>)[0]!;
    expect(slot.localStart).toBe('2026-03-03 09:00');
    const booking = await harness.ok('create_booking', { serviceId: service.id, accountId: account.id, startAt: slot.startAt }, keyA);
    expect(booking).toMatchObject({ status: 'confirmed', serviceName: 'Private yoga', customerName: 'Chan Siu Ming' });
    await harness.fails('create_booking', { serviceId: service.id, accountId: account.id, startAt: slot.startAt }, 'CONFLICT', keyA);

    for (const args of [{ search: 'siu ming' }, { query: 'Siu Ming' }]) {
      const found = await harness.ok('search_members', args, keyA);
      expect((found.items as Array<{ id: string }>).map((item) => item.id)).toEqual([account.id]);
    }
    expect((await harness.ok('list_bookings', { limit: 3 }, keyA)).total).toBe(1);

    expect((await harness.ok('search_members', { search: 'siu ming' }, keyB)).total).toBe(0);
    expect(await harness.ok('list_services', {}, keyB)).toEqual({ items: [], total: 0 });
    expect((await harness.ok('list_bookings', {}, keyB)).total).toBe(0);
    await harness.fails('get_booking_detail', { bookingId: booking.id }, 'NOT_FOUND', keyB);
    await harness.fails('get_member_profile', { accountId: account.id }, 'NOT_FOUND', keyB);
  });

  it('emails a sent invoice to the customer through the sandbox outbox', async () => {
    const account = await harness.ok('create_account', { name: 'Wong Ka Yan', email: 'kayan@example.com' }, keyA);
    const invoice = await harness.ok('create_invoice', { accountId: account.id, items: [{ description: '10-class pass', quantity: 1, unitPrice: 1800 }] }, keyA);
    expect(invoice).toMatchObject({ status: 'draft', total: 1800, currency: 'HKD', number: 'INV-0001' });
    const sent = await harness.ok('mark_invoice_sent', { invoiceId: invoice.id }, keyA);
    expect(sent).toMatchObject({ emailed: true, emailedTo: 'kayan@example.com' });
    const email = harness.sandbox.outbox.list().find((message) => message.to === 'kayan@example.com');
    expect(email?.subject).toMatch(/INV-0001/);
    expect(email?.text).toMatch(/1800 HKD/);
  });

  it('refuses direct sends and points at request_send_approval', async () => {
    const refused = await harness.fails('send_whatsapp_message', { message: 'hello' }, 'FORBIDDEN', keyA);
    expect(refused.useTool).toBe('request_send_approval');
    const platform = await harness.ok('query_favcrm_platform', { query: 'create a booking' }, keyA);
    expect((platform.items as Array<{ name: string }>)[0]?.name).toBe('create_booking');
  });
});
