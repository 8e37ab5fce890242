import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase } from '../../src/sandbox/database/database.js';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import { createSandboxHttpServer } from '../../src/sandbox/server.js';
import { ToolFailure } from '../../src/sandbox/tool-failure.js';
import { assertValidCatalogue, callTool, listedTool, listedTools, seedListedTools } from '../../src/sandbox/tool-registry.js';
import { allTools } from '../../src/sandbox/tools/index.js';
import { defineTool, type SandboxTool, type ToolContext } from '../../src/sandbox/tools/tool-definition.js';
import { CLI_HEADERS, TestClock, makeTempDir } from './sandbox-harness.js';

const annotations = { title: 'Test', readOnlyHint: true, destructiveHint: false, openWorldHint: false, idempotentHint: true };

const echo = defineTool({
  name: 'echo_count',
  description: 'Echo a count.\ncount: 1–3.',
  inputSchema: { count: z.number().int().min(1).max(3) },
  annotations,
  auth: 'key',
  handler: (args) => ({ count: args.count }),
});
const refuse = defineTool({
  name: 'refuse',
  description: 'Always refuses.',
  inputSchema: {},
  annotations,
  auth: 'none',
  handler: () => {
    throw new ToolFailure('PLAN_LIMIT', 'Upgrade to add more. Call create_plan_upgrade_link.', { upgradeAction: 'create_plan_upgrade_link' });
  },
});
const crash = defineTool({
  name: 'crash',
  description: 'Has a bug.',
  inputSchema: {},
  annotations,
  auth: 'none',
  handler: () => {
    throw new TypeError('cannot read properties of undefined');
  },
});
const tools: SandboxTool[] = [echo, refuse, crash];

describe('tool registry', () => {
  const clock = new TestClock();
  const db = openDatabase(makeTempDir('registry'));
  const caller = { keyId: 'key_1', userId: 'usr_1', organisationId: 'org_1', companyId: 'cmp_1', role: 'owner' as const };
  const context = (withCaller: boolean): ToolContext => ({
    db,
    now: clock.now,
    caller: withCaller ? caller : null,
    clientIp: '127.0.0.1',
    settings: { signupRate: null, inviteCodeRate: null, publicUrl: 'http://127.0.0.1:1/mcp' },
    outbox: createOutbox(makeTempDir('registry-outbox')),
    tools,
    codePepper: Buffer.alloc(32, 7),
  });
  afterAll(() => db.close());

  it('accepts the real catalogue and rejects broken definitions', () => {
    expect(() => assertValidCatalogue(allTools)).not.toThrow();
    expect(() => assertValidCatalogue([echo, echo])).toThrow(/twice/);
    expect(() => assertValidCatalogue([{ ...echo, name: 'Bad-Name' }])).toThrow(/snake_case/);
    const { idempotentHint: _dropped, ...partial } = annotations;
    expect(() => assertValidCatalogue([{ ...echo, annotations: partial as typeof annotations }])).toThrow(/idempotentHint/);
  });

  it('shapes success, validation failure and ToolFailure results', async () => {
    expect(await callTool(tools, 'echo_count', { count: 2, extra: 'ignored' }, context(true))).toEqual({
      structuredContent: { data: { count: 2 } },
      content: [{ type: 'text', text: '{"count":2}' }],
    });
    const invalid = await callTool(tools, 'echo_count', { count: 9 }, context(true));
    expect(invalid.isError).toBe(true);
    expect(invalid.structuredContent).toMatchObject({ error: { code: 'VALIDATION', field: 'count' } });
    const refused = await callTool(tools, 'refuse', {}, context(false));
    const body = { error: { upgradeAction: 'create_plan_upgrade_link', code: 'PLAN_LIMIT', message: 'Upgrade to add more. Call create_plan_upgrade_link.' } };
    expect(refused).toEqual({ isError: true, structuredContent: body, content: [{ type: 'text', text: JSON.stringify(body) }] });
  });

  it('refuses key tools without a caller and counts calls made with one', async () => {
    const count = () =>
      db.prepare("SELECT COUNT(*) FROM usage_events WHERE company_id = 'cmp_1' AND kind = 'mcp_call'").pluck().get() as number;
    const before = count();
    const anonymous = await callTool(tools, 'echo_count', { count: 1 }, context(false));
    expect(anonymous.structuredContent).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(count()).toBe(before);
    await callTool(tools, 'echo_count', { count: 1 }, context(true));
    await callTool(tools, 'echo_count', { count: 5 }, context(true));
    expect(count()).toBe(before + 2);
  });
});

describe('a listing computed at build time', () => {
  it('is used only for the catalogue whose names it lists in order; anything else is computed as usual', () => {
    // Copies: the per-tool cache is keyed by the tool object, and the other tests' tools must stay unseeded.
    const [echoCopy, refuseCopy] = [{ ...echo }, { ...refuse }];
    const computed = listedTools([echoCopy, refuseCopy]);
    const mine = [refuseCopy, echoCopy];
    const swapped = computed.map((entry) => ({ ...entry, description: `${entry.description} (seeded)` }));
    // Names in another order, or a different count: ignored.
    expect(seedListedTools(mine, swapped)).toBe(false);
    expect(seedListedTools(mine, swapped.slice(0, 1))).toBe(false);
    expect(seedListedTools(mine, undefined)).toBe(false);
    const reordered = [swapped[1], swapped[0]].filter((entry) => entry !== undefined);
    expect(seedListedTools(mine, reordered)).toBe(true);
    expect(listedTools(mine).map((entry) => entry.description)).toEqual(['Always refuses. (seeded)', 'Echo a count.\ncount: 1–3. (seeded)']);
    // The per-tool entries (the server card's) come from it too.
    expect(listedTool(refuseCopy).description).toBe('Always refuses. (seeded)');
  });
});

describe('a tool with a bug', () => {
  const logged: string[] = [];
  const db = openDatabase(makeTempDir('crash'));
  const server = createSandboxHttpServer({
    db,
    now: () => new Date(),
    settings: { signupRate: null, inviteCodeRate: null, publicUrl: '' },
    outbox: createOutbox(makeTempDir('crash-outbox')),
    tools,
    codePepper: Buffer.alloc(32, 1),
    log: (line) => logged.push(line),
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    db.close();
  });

  it('answers -32603 naming the tool, logs the stack, and keeps serving', async () => {
    const post = (name: string) =>
      fetch(url, { method: 'POST', headers: CLI_HEADERS, body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: {} } }) });
    const crashed = (await (await post('crash')).json()) as { id: number; error: { code: number; message: string } };
    expect(crashed.id).toBe(7);
    expect(crashed.error.code).toBe(-32603);
    expect(crashed.error.message).toMatch(/^crash failed inside the sandbox/);
    expect(logged.join('\n')).toContain('TypeError: cannot read properties of undefined');
    const after = (await (await post('refuse')).json()) as { result: { isError: boolean } };
    expect(after.result.isError).toBe(true);
  });
});
