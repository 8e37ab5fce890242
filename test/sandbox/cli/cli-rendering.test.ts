import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerShapedForCli } from '../../../src/sandbox/tool-registry.js';
import { listResult } from '../../../src/sandbox/tools/list-result.js';
import { SandboxHarness } from '../sandbox-harness.js';
import { extractLikeFavcrm, renderLikeFavcrm, type CliRendering } from './favcrm-cli-rendering.js';

// Every `favcrm` command (and the `favcrm tool call`s people make most) run against the sandbox over HTTP, and
// its answer drawn the way the official CLI draws it. A list must come out as a table of its rows; a single
// record must come out whole, never as a table of its line items with the record's own id, customer, status and
// total gone (what `favcrm invoices get` showed when an invoice kept its lines under `items`).

/** The tools whose answers are lists a person expects as a table; every other tool answers one record. */
const LIST_TOOLS = new Set(['list_my_companies', 'search_members', 'list_bookings', 'list_invoices', 'list_plan_options', 'list_tags', 'get_available_slots']);

/** Each tool a `favcrm` command calls (docs/favcrm-contract.md §3), plus the `tool call`s the issue names. */
const CLI_COMMAND_TOOLS = [
  'register_organisation_request', 'register_organisation_verify', // signup request | verify
  'list_my_companies', 'get_plan_status', 'get_whatsapp_connection_status', // doctor, whoami, orgs list
  'switch_company', 'get_dashboard_stats', // orgs switch, dashboard
  'create_account', 'search_members', 'get_member_profile', // members create | search | get
  'list_bookings', 'get_booking_detail', 'get_booking_stats', 'cancel_booking', 'complete_booking', 'confirm_booking', // bookings …
  'list_invoices', 'get_invoice', 'mark_invoice_sent', 'void_invoice', 'get_invoice_stats', // invoices …
  'check_plan_operation', 'list_plan_options', 'create_plan_upgrade_link', // plan check | options | upgrade | portal
  'create_team_member_invite', 'accept_team_invite_request', 'accept_team_invite_verify', // team invite …
  'create_whatsapp_connect_link', // whatsapp connect
  'list_tags', // smoke.sh: favcrm tool list_tags '{}'
  'create_invoice', 'mark_invoice_paid', 'get_order', 'create_order', // tool call, as tried against the sandbox
];

interface Shown {
  command: string;
  tool: string;
  data: unknown;
  rendering: CliRendering;
  /** The call left an email in the outbox: it reached a person outside the workspace. */
  emailed: boolean;
}

describe('the sandbox, drawn by the official favcrm CLI', () => {
  let harness: SandboxHarness;
  const shown: Shown[] = [];
  let ownerKey = '';

  /** Runs one command's tools/call exactly as the CLI sends it and renders the answer in human mode. */
  async function favcrm(command: string, tool: string, args: Record<string, unknown>, key: string | null = ownerKey): Promise<Shown & { record: Record<string, unknown> }> {
    const mailBefore = harness.sandbox.outbox.list(10_000).length;
    const reply = await harness.rpc('tools/call', { name: tool, arguments: args }, key ?? undefined);
    expect(reply.status, `${command}: ${JSON.stringify(reply.body)}`).toBe(200);
    const result = reply.body?.result as { structuredContent?: unknown; content?: Array<{ text?: unknown }> } | undefined;
    expect(result, `${command} got no result: ${JSON.stringify(reply.body)}`).toBeDefined();
    const data = extractLikeFavcrm(result ?? {});
    const entry = { command, tool, data, rendering: renderLikeFavcrm(data), emailed: harness.sandbox.outbox.list(10_000).length > mailBefore };
    shown.push(entry);
    return { ...entry, record: (data ?? {}) as Record<string, unknown> };
  }

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'cli-render' });
  });
  afterAll(() => harness.stop());

  it('shows each command the way a person needs it: lists as tables, one record whole', async () => {
    // Signed up the way `favcrm signup request` allows: no country, no time zone.
    const request = await favcrm('favcrm signup request', 'register_organisation_request', { email: 'mo@lantern.example', organisationName: 'Lantern Tea' }, null);
    const verified = await favcrm('favcrm signup verify', 'register_organisation_verify', { requestId: request.record.requestId, code: harness.latestCode('mo@lantern.example') }, null);
    ownerKey = String(verified.record.apiKey);
    expect(verified.record).toMatchObject({ timezone: 'UTC', currency: 'USD' });

    await favcrm('favcrm doctor', 'get_plan_status', {});
    await favcrm('favcrm whatsapp status', 'get_whatsapp_connection_status', {});
    const whoami = await favcrm('favcrm whoami', 'list_my_companies', {});
    await favcrm('favcrm orgs list', 'list_my_companies', {});
    await favcrm('favcrm orgs switch', 'switch_company', { companyId: verified.record.companyId });
    await favcrm('favcrm dashboard', 'get_dashboard_stats', {});

    const member = await favcrm('favcrm members create', 'create_account', { name: 'Ada Lovelace', email: 'ada@example.com' });
    await favcrm('favcrm members search', 'search_members', { search: 'Ada', limit: 3 });
    await favcrm('favcrm members get', 'get_member_profile', { accountId: member.record.id });

    const service = await favcrm('favcrm tool call create_service', 'create_service', { name: 'Tea tasting', durationMinutes: 60, price: 40 });
    const slots = await favcrm('favcrm tool call get_available_slots', 'get_available_slots', { serviceId: service.record.id, from: '2026-03-03', to: '2026-03-05' });
    const [first, second, third] = (slots.record.items as Array<{ startAt: string }>).map((slot) => slot.startAt);
    const book = (startAt: string | undefined, status: string) =>
      favcrm('favcrm tool call create_booking', 'create_booking', { serviceId: service.record.id, accountId: member.record.id, startAt, status });
    const attended = await book(first, 'confirmed');
    const pending = await book(second, 'pending');
    const dropped = await book(third, 'confirmed');
    await favcrm('favcrm bookings list', 'list_bookings', { limit: 3 });
    await favcrm('favcrm bookings get', 'get_booking_detail', { bookingId: attended.record.id });
    await favcrm('favcrm bookings confirm', 'confirm_booking', { bookingId: pending.record.id });
    // A booking that starts tomorrow has not been attended yet.
    const tooEarly = await favcrm('favcrm bookings complete', 'complete_booking', { bookingId: attended.record.id });
    expect(tooEarly.record).toMatchObject({ error: { code: 'CONFLICT' } });
    await favcrm('favcrm bookings cancel', 'cancel_booking', { bookingId: dropped.record.id });
    harness.clock.advance(2 * 86_400_000);
    await favcrm('favcrm bookings complete', 'complete_booking', { bookingId: attended.record.id });
    await favcrm('favcrm --json bookings stats', 'get_booking_stats', {});

    const invoice = await favcrm('favcrm tool call create_invoice', 'create_invoice', {
      accountId: member.record.id,
      items: [{ description: 'Tasting for two', quantity: 2, unitPrice: 40 }, { description: 'Tin of oolong', quantity: 1, unitPrice: 18 }],
    });
    await favcrm('favcrm invoices list', 'list_invoices', { limit: 3 });
    const shownInvoice = await favcrm('favcrm invoices get', 'get_invoice', { invoiceId: invoice.record.id });
    await favcrm('favcrm invoices send', 'mark_invoice_sent', { invoiceId: invoice.record.id });
    await favcrm('favcrm tool call mark_invoice_paid', 'mark_invoice_paid', { invoiceId: invoice.record.id });
    const spare = await favcrm('favcrm tool call create_invoice', 'create_invoice', { accountId: member.record.id, items: [{ description: 'Deposit', quantity: 1, unitPrice: 10 }] });
    await favcrm('favcrm invoices void', 'void_invoice', { invoiceId: spare.record.id });
    await favcrm('favcrm invoices stats', 'get_invoice_stats', {});

    const product = await favcrm('favcrm tool call create_product', 'create_product', { name: 'Gaiwan', price: 25, stock: 4 });
    const order = await favcrm('favcrm tool call create_order', 'create_order', { items: [{ productId: product.record.id, quantity: 2 }], accountId: member.record.id });
    await favcrm('favcrm tool call get_order', 'get_order', { orderId: order.record.id });

    await favcrm('favcrm plan status', 'get_plan_status', {});
    await favcrm('favcrm plan check', 'check_plan_operation', { toolName: 'create_booking', delta: 1 });
    await favcrm('favcrm plan options', 'list_plan_options', {});
    await favcrm('favcrm plan upgrade', 'create_plan_upgrade_link', { planCode: 'favcrm-lite', billingCycle: 'monthly', confirm: false });
    await favcrm('favcrm plan portal', 'create_plan_upgrade_link', { planCode: 'favcrm-lite', confirm: false });

    const invite = await favcrm('favcrm team invite create', 'create_team_member_invite', { email: 'kit@lantern.example', role: 'staff' });
    await favcrm('favcrm team invite accept-request', 'accept_team_invite_request', { token: invite.record.token }, null);
    await favcrm('favcrm team invite accept-verify', 'accept_team_invite_verify', { token: invite.record.token, code: harness.latestCode('kit@lantern.example') }, null);
    await favcrm('favcrm whatsapp connect', 'create_whatsapp_connect_link', { onboardingMode: 'cloud_api' });
    await favcrm('favcrm tool list_tags', 'list_tags', {});

    // Every command's tool was run.
    expect(CLI_COMMAND_TOOLS.filter((tool) => !shown.some((entry) => entry.tool === tool))).toEqual([]);

    // Lists are tables of their rows; everything else prints whole (pretty JSON).
    for (const entry of shown) {
      if (LIST_TOOLS.has(entry.tool)) {
        expect(['table', 'no-rows'], `${entry.command} should draw a table`).toContain(entry.rendering.kind);
      } else {
        expect(entry.rendering.kind, `${entry.command} (${entry.tool}) would hide its record behind a table:\n${entry.rendering.text}`).toBe('json');
      }
    }

    // `favcrm invoices get`: the invoice itself, and its lines beside it.
    const invoiceText = shownInvoice.rendering.text;
    for (const field of ['id', 'number', 'customerName', 'status', 'total', 'currency']) {
      expect(invoiceText, field).toContain(`"${field}": ${JSON.stringify(shownInvoice.record[field])}`);
    }
    expect(invoiceText).toContain('"description": "Tin of oolong"');

    // `favcrm whoami` ("show the current user/company"): who is signed in, and the zone and currency in use.
    const table = whoami.rendering;
    if (table.kind !== 'table') throw new Error(`whoami drew ${table.kind}`);
    expect(table.columns).toEqual(expect.arrayContaining(['email', 'userId', 'companyId', 'name', 'role', 'timezone', 'currency', 'country']));
    const row = Object.fromEntries(table.columns.map((column, index) => [column, table.rows[0]?.[index]]));
    expect(row).toMatchObject({ email: 'mo@lantern.example', userId: verified.record.userId, timezone: 'UTC', currency: 'USD', country: 'not set' });
    expect(table.rows[0]?.filter((cell) => cell === ''), 'blank whoami cells').toEqual([]);

    // `favcrm dashboard` is "today's headline stats".
    const dashboard = shown.find((entry) => entry.tool === 'get_dashboard_stats');
    expect(dashboard?.rendering.text).toContain('"label": "today, 2026-03-02 (UTC)"');

    // Every call that emailed someone is annotated open-world (the team invite was not), so clients gate it.
    const listed = (await harness.rpc('tools/list', {})).body?.result as { tools: Array<{ name: string; annotations: { openWorldHint?: boolean } }> };
    const emailing = [...new Set(shown.filter((entry) => entry.emailed).map((entry) => entry.tool))].sort();
    expect(emailing).toEqual(['accept_team_invite_request', 'create_team_member_invite', 'mark_invoice_sent', 'register_organisation_request']);
    for (const tool of emailing) expect(listed.tools.find((entry) => entry.name === tool)?.annotations.openWorldHint, tool).toBe(true);

    // One prefix per kind: an invoice, an invite and an invite token are told apart at a glance.
    const prefixes = [invoice.record.id, invite.record.inviteId, invite.record.token].map((id) => String(id).split('_')[0]);
    expect(new Set(prefixes).size).toBe(3);
  });

  it('the renderer and the registry both catch a record that keeps its line items under `items`', () => {
    const invoice = { id: 'inv_1', number: 'INV-0001', customerName: 'Ada', status: 'draft', total: 98, items: [{ description: 'Tea', amount: 98 }] };
    const drawn = renderLikeFavcrm(invoice);
    expect(drawn.kind).toBe('table');
    expect(drawn.text).not.toContain('INV-0001');
    expect(() => answerShapedForCli('get_invoice', invoice)).toThrow(/get_invoice answered a single record with an array under "items"/);
    expect(() => answerShapedForCli('get_invoice', { ...invoice, items: undefined, results: [] })).toThrow(/"results"/);
    expect(answerShapedForCli('list_invoices', listResult([invoice]))).toMatchObject({ total: 1 });
    // A list that was rebuilt by spreading loses the mark and is refused too: lists come from listResult.
    expect(() => answerShapedForCli('list_invoices', { ...listResult([invoice]) })).toThrow();
  });
});
