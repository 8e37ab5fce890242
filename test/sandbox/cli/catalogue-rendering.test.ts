import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxHarness } from '../sandbox-harness.js';
import { extractLikeFavcrm, renderLikeFavcrm } from './favcrm-cli-rendering.js';

// `favcrm tool call <name>` reaches every tool, so every tool's answer is drawn the way the CLI draws it: each one is
// called with arguments built from its own input schema (ids from a workspace with one of everything), and each
// answer must be a table when it is a list and printed whole when it is one record. Nothing may end in a sandbox bug.

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}

/** List answers; everything else answers one record. `list_membership_tiers` is `{tiers}`, as FavCRM's smoke test reads it. */
function answersAList(tool: string): boolean {
  if (tool === 'list_membership_tiers') return false;
  return /^(list|search|query)_/.test(tool) || tool === 'get_available_slots';
}

/** Plausible text for a string field, by its name. */
function textFor(field: string, ids: Map<string, string>): string {
  const known = ids.get(field);
  if (known !== undefined) return known;
  const samples: Record<string, string> = {
    email: 'sweep@example.com', url: 'https://example.com/about', startAt: ids.get('slot') ?? '', code: 'SWEEP10', query: 'booking',
    text: 'We open at nine.', prompt: 'a teapot', actionType: 'send_message', channel: 'email', audience: 'all', phone: '+85291234567',
  };
  return samples[field] ?? `Sweep ${field}`;
}

function valueFor(field: string, schema: JsonSchema, ids: Map<string, string>): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.[0]) return valueFor(field, variants[0], ids);
  switch (schema.type) {
    case 'string':
      return textFor(field, ids);
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 0, schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return false;
    case 'array':
      return schema.items ? [valueFor(field.replace(/s$/, ''), schema.items, ids)] : [];
    case 'object':
      return argumentsFor(schema, ids);
    default:
      return textFor(field, ids);
  }
}

/** The required arguments of a schema, filled in. */
function argumentsFor(schema: JsonSchema, ids: Map<string, string>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const field of schema.required ?? []) args[field] = valueFor(field, schema.properties?.[field] ?? {}, ids);
  return args;
}

describe('every tool, drawn by `favcrm tool call`', () => {
  let harness: SandboxHarness;
  let key = '';
  const ids = new Map<string, string>();

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'cli-sweep' });
    const owner = await harness.signUp('sweep-owner@example.com', 'Sweep Studio', { country: 'HK', timezone: 'Asia/Hong_Kong' });
    key = owner.apiKey;
    const ok = (name: string, args: Record<string, unknown>) => harness.ok(name, args, key);
    const service = await ok('create_service', { name: 'Sweep facial', durationMinutes: 60, price: 100 });
    const account = await ok('create_account', { name: 'Sweep Customer', email: 'customer@example.com' });
    const slots = await ok('get_available_slots', { serviceId: service.id, from: '2026-03-03', to: '2026-03-05' });
    const slot = (slots.items as Array<{ startAt: string }>)[1]?.startAt ?? '';
    const booking = await ok('create_booking', { serviceId: service.id, accountId: account.id, startAt: (slots.items as Array<{ startAt: string }>)[0]?.startAt });
    const invoice = await ok('create_invoice', { accountId: account.id, items: [{ description: 'Sweep', quantity: 1, unitPrice: 10 }] });
    const product = await ok('create_product', { name: 'Sweep tea', price: 5, stock: 50 });
    const order = await ok('create_order', { items: [{ productId: product.id, quantity: 1 }] });
    const post = await ok('create_post', { title: 'Sweep post' });
    const document = await ok('add_knowledge_text', { title: 'Hours', text: 'We open at nine.' });
    const deal = await ok('create_deal', { title: 'Sweep deal' });
    const task = await ok('create_task', { title: 'Sweep task' });
    for (const [field, value] of Object.entries({
      serviceId: service.id, accountId: account.id, bookingId: booking.id, invoiceId: invoice.id, productId: product.id, orderId: order.id,
      postId: post.id, documentId: document.id, dealId: deal.id, taskId: task.id, companyId: owner.companyId, slot,
    })) ids.set(field, String(value));
  });
  afterAll(() => harness.stop());

  it('answers every tool without a sandbox bug, lists as tables and records whole', async () => {
    const listed = (await harness.rpc('tools/list', {})).body?.result as { tools: Array<{ name: string; inputSchema: JsonSchema }> };
    const failures: string[] = [];
    const drawnWrong: string[] = [];
    let succeeded = 0;
    for (const tool of listed.tools) {
      const args = argumentsFor(tool.inputSchema, ids);
      const reply = await harness.rpc('tools/call', { name: tool.name, arguments: args }, key);
      if (reply.body?.error) {
        failures.push(`${tool.name}: ${JSON.stringify(reply.body.error)}`);
        continue;
      }
      const result = reply.body?.result as { isError?: boolean; structuredContent?: unknown; content?: Array<{ text?: unknown }> };
      const drawn = renderLikeFavcrm(extractLikeFavcrm(result));
      if (result.isError) {
        // A refusal is printed whole too (the CLI ignores isError).
        if (drawn.kind !== 'json') drawnWrong.push(`${tool.name} (refusal) drew ${drawn.kind}`);
        continue;
      }
      succeeded += 1;
      const expected = answersAList(tool.name) ? ['table', 'no-rows'] : ['json'];
      if (!expected.includes(drawn.kind)) drawnWrong.push(`${tool.name} drew ${drawn.kind}:\n${drawn.text.slice(0, 400)}`);
    }
    expect(failures).toEqual([]);
    expect(drawnWrong).toEqual([]);
    // Most tools really ran (the rest refused the sweep's generic arguments, which is drawn whole as well).
    expect(succeeded).toBeGreaterThan(listed.tools.length * 0.6);
  });
});
