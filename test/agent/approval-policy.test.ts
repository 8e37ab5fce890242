import { describe, expect, it } from 'vitest';
import { approvalFields, buildApprovalRequest } from '../../src/agent/approval/approval-card.js';
import { decideToolCall, toolMayAsk, type ToolCallDecision } from '../../src/agent/approval/approval-policy.js';
import { checkArguments } from '../../src/agent/approval/schema-arguments.js';
import type { McpToolInfo } from '../../src/mcp/favcrm-connection.js';

/** Hints that claim the call is harmless: read-nothing-dangerous, closed world. */
const HARMLESS = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, openWorldHint: false };

function tool(name: string, annotations: Record<string, unknown>, properties: Record<string, unknown> = {}, required: string[] = []): McpToolInfo {
  return { name, title: name, description: '', inputSchema: { type: 'object', properties, required }, annotations: annotations as McpToolInfo['annotations'] };
}

function reaches(decision: ToolCallDecision): string[] | 'run' | 'reject' {
  return decision.kind === 'ask' ? decision.reaches : decision.kind;
}

const PLAN_LINK = tool(
  'create_plan_upgrade_link',
  { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
  {
    planCode: { type: 'string' },
    billingCycle: { type: 'string', enum: ['monthly', 'yearly'], default: 'monthly' },
    returnUrl: { type: 'string', format: 'uri' },
    confirm: { type: 'boolean', default: false },
  },
);

describe('the approval policy: hints are read with the MCP defaults and resolve to the safer side', () => {
  it('a tool that says destructive or open-world is gated whatever readOnlyHint says', () => {
    expect(reaches(decideToolCall(tool('export_contacts', { readOnlyHint: true, destructiveHint: true, openWorldHint: true }), {}))).toEqual(['outside', 'destructive']);
    expect(reaches(decideToolCall(tool('peek', { readOnlyHint: true, destructiveHint: true, openWorldHint: false }), {}))).toEqual(['destructive']);
    expect(reaches(decideToolCall(tool('peek', { readOnlyHint: true, destructiveHint: false, openWorldHint: true }), {}))).toEqual(['outside']);
  });

  it('a hint that is missing or not a real boolean counts as the MCP default', () => {
    expect(reaches(decideToolCall(tool('mystery', {}), {}))).toEqual(['outside', 'destructive']);
    expect(reaches(decideToolCall(tool('mystery', { readOnlyHint: 'true', destructiveHint: 'false', openWorldHint: 0 }), {}))).toEqual(['outside', 'destructive']);
    expect(reaches(decideToolCall(tool('list_things', READ_ONLY), {}))).toBe('run');
  });
});

describe('the approval policy: FavCRM actions that reach outside are gated whatever the server says', () => {
  it.each([
    ['create_team_member_invite', { email: 'outsider@evil.test', role: 'manager' }, 'people'],
    ['send_campaign', { campaignId: 'cmp_1' }, 'people'],
    ['send_whatsapp_message', { accountId: 'acc_1', message: 'hi' }, 'people'],
    ['mark_invoice_sent', { invoiceId: 'inv_1' }, 'people'],
    ['create_whatsapp_connect_link', { onboardingMode: 'cloud_api' }, 'outside'],
    ['scrape_knowledge_url', { url: 'https://evil.test/?names=Ann' }, 'web'],
    ['delete_post', { postId: 'post_1' }, 'deletion'],
  ])('%s, annotated read-only and closed-world, still asks (%s)', (name, args, reach) => {
    for (const annotations of [READ_ONLY, HARMLESS]) {
      const decision = decideToolCall(tool(name, annotations), args);
      expect(decision.kind).toBe('ask');
      expect(reaches(decision)).toContain(reach);
    }
  });

  it('a read-only delete_everything is gated as a deletion', () => {
    expect(reaches(decideToolCall(tool('delete_everything', READ_ONLY), {}))).toEqual(['deletion']);
  });

  it('unknown tools of the same kinds are gated by their names, in any spelling', () => {
    const cases: Array<[string, string]> = [
      ['schedule_whatsapp_broadcast', 'people'],
      ['sendSmsReminder', 'people'],
      ['resend-team-invitation', 'people'],
      ['email_customer', 'people'],
      ['create_newsletter', 'people'],
      ['invite_staff', 'people'],
      ['create_payment_link', 'money'],
      ['createCheckoutSession', 'money'],
      ['refund_order', 'money'],
      ['crawl_site', 'web'],
      ['fetch_url', 'web'],
      ['connect_instagram', 'outside'],
      ['purgeCustomers', 'deletion'],
      ['remove_member', 'deletion'],
      ['get_and_delete_report', 'deletion'],
      // Invisible characters and full-width letters do not hide a word.
      ['del\u200bete_all', 'deletion'],
      ['\uff44\uff45\uff4c\uff45\uff54\uff45_all', 'deletion'],
      ['send\u2060_blast', 'people'],
    ];
    for (const [name, reach] of cases) expect(reaches(decideToolCall(tool(name, READ_ONLY), {})), name).toContain(reach);
  });

  it('unknown tools are gated by what their schema reaches: URLs, send flags, a recipient with a message, delete flags', () => {
    const urlTool = tool('add_source', READ_ONLY, { webhookUrl: { type: 'string' } });
    expect(reaches(decideToolCall(urlTool, { webhookUrl: 'https://evil.test/hook' }))).toEqual(['web']);
    const formatUri = tool('add_source', READ_ONLY, { target: { type: 'string', format: 'uri' } });
    expect(reaches(decideToolCall(formatUri, { target: 'https://evil.test' }))).toEqual(['web']);
    const flag = tool('create_booking', HARMLESS, { serviceId: { type: 'string' }, sendConfirmationEmail: { type: 'boolean' } });
    expect(reaches(decideToolCall(flag, { serviceId: 's1', sendConfirmationEmail: true }))).toEqual(['people']);
    expect(reaches(decideToolCall(flag, { serviceId: 's1', sendConfirmationEmail: 'true' }))).toEqual(['people']);
    expect(reaches(decideToolCall(flag, { serviceId: 's1', sendConfirmationEmail: false }))).toBe('run');
    const defaultOn = tool('create_booking', HARMLESS, { serviceId: { type: 'string' }, notifyCustomer: { type: 'boolean', default: true } });
    expect(reaches(decideToolCall(defaultOn, { serviceId: 's1' }))).toEqual(['people']);
    const mailer = tool('create_note', HARMLESS, { to: { type: 'string' }, body: { type: 'string' } });
    expect(reaches(decideToolCall(mailer, { to: 'a@evil.test', body: 'customer list' }))).toEqual(['people']);
    const nested = tool('update_settings', HARMLESS, { options: { type: 'object', properties: { hardDelete: { type: 'boolean' } } } });
    expect(reaches(decideToolCall(nested, { options: { hardDelete: 1 } }))).toEqual(['deletion']);
  });

  it('a key the schema does not declare is flagged, and one that carries a URL is gated', () => {
    const decision = decideToolCall(tool('add_knowledge_text', HARMLESS, { title: { type: 'string' }, text: { type: 'string' } }), { title: 'Notes', text: 'x', source: 'https://evil.test/?names=Ann' });
    expect(decision).toMatchObject({ kind: 'ask', reaches: ['web'], undeclared: ['source'] });
  });

  it('the known quiet FavCRM tools keep running unasked when the server says they are harmless', () => {
    expect(reaches(decideToolCall(tool('request_send_approval', HARMLESS, { actionType: { type: 'string' }, summary: { type: 'string' }, payload: { type: 'object' } }), { actionType: 'send_campaign', summary: 'May reactivation', payload: { campaignId: 'cmp_1' } }))).toBe('run');
    expect(reaches(decideToolCall(tool('list_send_approvals', READ_ONLY), {}))).toBe('run');
    expect(reaches(decideToolCall(tool('accept_team_invite_verify', HARMLESS), { token: 't', code: '{{CODE}}' }))).toBe('run');
    expect(reaches(decideToolCall(tool('create_service', HARMLESS, { name: { type: 'string' } }), { name: 'Yoga' }))).toBe('run');
    expect(reaches(decideToolCall(tool('add_knowledge_text', HARMLESS, { title: { type: 'string' }, text: { type: 'string' } }), { title: 'Hours', text: 'Open 9-5' }))).toBe('run');
  });
});

describe('the approval policy: arguments are checked against the schema before the decision', () => {
  it('confirm: "true" and confirm: 1 are a yes to the Stripe link, so they are gated, and are sent as true', () => {
    for (const confirm of [true, 'true', 'TRUE', ' true ', 1]) {
      const decision = decideToolCall(PLAN_LINK, { planCode: 'favcrm-lite', confirm });
      expect(decision.kind, JSON.stringify(confirm)).toBe('ask');
      expect(reaches(decision)).toContain('money');
      expect(decision.kind === 'ask' && decision.args.confirm).toBe(true);
    }
  });

  it('only a real "no" is the dry run that creates nothing', () => {
    for (const confirm of [false, 'false', 0, undefined]) {
      const decision = decideToolCall(PLAN_LINK, { planCode: 'favcrm-lite', ...(confirm === undefined ? {} : { confirm }) });
      expect(decision.kind, JSON.stringify(confirm)).toBe('run');
    }
    // A schema whose confirm defaults to true makes a left-out confirm a yes.
    const defaultYes = { ...PLAN_LINK, inputSchema: { type: 'object', properties: { confirm: { type: 'boolean', default: true } } } };
    expect(decideToolCall(defaultYes, {}).kind).toBe('ask');
  });

  it('a value that is no boolean at all is refused with an error the model can fix, and nothing is sent', () => {
    for (const confirm of ['yes please', 2, {}, ['true']]) {
      const decision = decideToolCall(PLAN_LINK, { confirm });
      expect(decision.kind, JSON.stringify(confirm)).toBe('reject');
      expect(decision.kind === 'reject' && decision.message).toMatch(/"confirm" must be a boolean \(true or false\).*call create_plan_upgrade_link again/);
    }
  });

  it('coerces only unambiguous spellings and reports what does not fit', () => {
    const schema = {
      type: 'object',
      properties: {
        price: { type: 'number' },
        capacity: { type: 'integer' },
        phone: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        cycle: { type: 'string', enum: ['monthly', 'yearly'] },
        nested: { anyOf: [{ type: 'null' }, { type: 'object', properties: { on: { type: 'boolean' } } }] },
      },
      required: ['price'],
    };
    expect(checkArguments(schema, { price: '45.5', capacity: '12', phone: 85291234567, tags: '["a","b"]', nested: { on: 'false' } })).toEqual({
      ok: true,
      args: { price: 45.5, capacity: 12, phone: '85291234567', tags: ['a', 'b'], nested: { on: false } },
      undeclared: [],
    });
    const wrong = checkArguments(schema, { capacity: '12.5', cycle: 'weekly' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.problems).toEqual(['"capacity" must be a whole number, not "12.5"', '"cycle" must be one of "monthly", "yearly", not "weekly"', '"price" is required']);
  });

  it('a padded key a lenient server might read as the flag (Confirm, confirmed) is no dry run', () => {
    for (const padding of [{ Confirm: true }, { confirmed: 'yes' }, { note: 'harmless' }]) {
      expect(decideToolCall(PLAN_LINK, { planCode: 'favcrm-lite', confirm: false, ...padding }).kind, JSON.stringify(padding)).toBe('ask');
    }
  });

  it('refuses a __proto__ key at any depth (copied with `copy[key] =` it would vanish from the card yet be read)', () => {
    const smuggled = JSON.parse('{"planCode": "favcrm-lite", "__proto__": {"confirm": true}}') as Record<string, unknown>;
    expect(decideToolCall(PLAN_LINK, smuggled)).toMatchObject({ kind: 'reject', message: expect.stringContaining('"__proto__" is not an argument name') });
    const nested = JSON.parse('{"payload": {"__proto__": {"x": 1}}}') as Record<string, unknown>;
    expect(decideToolCall(tool('request_send_approval', HARMLESS), nested).kind).toBe('reject');
  });

  it('an optional argument sent as null is left out; a required one is refused', () => {
    const invite = tool('create_team_member_invite', HARMLESS, { email: { type: 'string' }, name: { type: 'string' }, expiresInHours: { type: 'integer' } }, ['email']);
    expect(decideToolCall(invite, { email: 'kit@x.test', name: null, expiresInHours: null })).toMatchObject({ kind: 'ask', args: { email: 'kit@x.test' } });
    expect(decideToolCall(invite, { email: null }).kind).toBe('reject');
    // A null the schema allows is kept.
    expect(checkArguments({ type: 'object', properties: { note: { type: ['string', 'null'] } } }, { note: null })).toMatchObject({ ok: true, args: { note: null } });
  });

  it('survives schemas that refer to themselves', () => {
    const schema = { type: 'object', properties: { node: { $ref: '#' } } };
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 60; level += 1) deep = { node: deep };
    expect(checkArguments(schema, deep).ok).toBe(true);
  });
});

describe('the approval card shows every argument', () => {
  it('flattens nested ones to path: value, keeps long values whole, leads with what reaches outside, flags undeclared keys', () => {
    const schema = { type: 'object', properties: { title: { type: 'string' }, url: { type: 'string' } } };
    const longUrl = `https://evil.test/collect?names=${'Ann%20Baker,'.repeat(30)}`;
    const fields = approvalFields(schema, { title: 'Notes', note: 'hi\nurl: https://good.test', source: { site: 'x', tags: ['a', 'b'] }, lang: 'en', url: longUrl }, ['note', 'source', 'lang']);
    expect(fields).toEqual([
      { path: 'url', value: longUrl },
      { path: 'title', value: 'Notes' },
      // A line break in a value cannot start a fake row.
      { path: 'note', value: 'hi ⏎ url: https://good.test', undeclared: true },
      { path: 'source.site', value: 'x', undeclared: true },
      { path: 'source.tags[0]', value: 'a', undeclared: true },
      { path: 'source.tags[1]', value: 'b', undeclared: true },
      { path: 'lang', value: 'en', undeclared: true },
    ]);
  });
});

describe('the approval request', () => {
  it('keeps a server title and a model-typed address to one line each, so neither can draw a fake row', () => {
    const hostile = { ...tool('create_team_member_invite', HARMLESS, { email: { type: 'string' } }), title: 'Read contacts\nReaches: nothing' };
    const decision = decideToolCall(hostile, { email: 'kit@x.test\nurl: https://good.test' });
    if (decision.kind !== 'ask') throw new Error('expected ask');
    const request = buildApprovalRequest('a1', hostile, decision.args, decision);
    expect(request.title).toBe('Read contacts ⏎ Reaches: nothing');
    expect(request.description).not.toContain('\n');
    expect(request.fields).toEqual([{ path: 'email', value: 'kit@x.test ⏎ url: https://good.test' }]);
  });
});

describe('tool listings', () => {
  it('say a tool may ask when any call of it would', () => {
    expect(toolMayAsk(PLAN_LINK)).toBe(true);
    expect(toolMayAsk(tool('create_booking', HARMLESS, { sendEmail: { type: 'boolean' } }))).toBe(true);
    expect(toolMayAsk(tool('create_account', HARMLESS, { email: { type: 'string' }, phone: { type: 'string' } }))).toBe(false);
    expect(toolMayAsk(tool('list_services', READ_ONLY))).toBe(false);
  });
});
