import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/sandbox/database/database.js';
import { SandboxHarness } from './sandbox-harness.js';

describe('sandbox auth', () => {
  let harness: SandboxHarness;
  let db: Database.Database;
  let owner: Awaited<ReturnType<SandboxHarness['signUp']>>;

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'auth' });
    db = new Database(path.join(harness.sandbox.dataDir, DATABASE_FILE_NAME));
    owner = await harness.signUp('owner@auth.example', 'Auth Studio');
  });
  afterAll(async () => {
    db.close();
    await harness.stop();
  });

  function expectUnauthorized(reply: Awaited<ReturnType<SandboxHarness['rpc']>>): void {
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toContain('Bearer');
    const error = reply.body?.error as { code: number; message: string };
    expect(error.code).toBe(-32001);
    expect(error.message).toMatch(/^UNAUTHORIZED:/);
    expect(error.message).toContain('sign');
    expect(error.message).toContain('Settings → MCP Keys');
    expect(reply.body?.id).toBe(reply.sentId);
  }

  it('gives a key tool called with no key an isError UNAUTHORIZED result the agent can read', async () => {
    const error = await harness.fails('list_my_companies', {}, 'UNAUTHORIZED');
    expect(error.message).toContain('register_organisation_request');
    expect(error.message).toContain('Settings → MCP Keys');
  });

  it('answers an unknown key with HTTP 401 and a -32001 JSON-RPC error', async () => {
    const reply = await harness.rpc('tools/call', { name: 'list_my_companies', arguments: {} }, 'fav_mcp_0000000000000000000000000000000000000000');
    expectUnauthorized(reply);
  });

  it('answers a malformed Authorization header with 401 too', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ']) {
      const reply = await harness.rpc('tools/call', { name: 'list_my_companies', arguments: {} }, undefined, { Authorization: header });
      expect(reply.status, header).toBe(401);
    }
  });

  it('applies the 401 to other methods (initialize, ping) but not to tools/list or the bootstrap tools', async () => {
    const badKey = 'fav_mcp_revokedOrUnknownrevokedOrUnknown1';
    expectUnauthorized(
      await harness.rpc('initialize', { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'x', version: '1' } }, badKey),
    );
    expect((await harness.rpc('ping', {}, badKey)).status).toBe(401);

    const list = await harness.rpc('tools/list', {}, badKey);
    expect(list.status).toBe(200);
    expect((list.body?.result as { tools: unknown[] }).tools.length).toBeGreaterThan(5);

    const bootstrap = await harness.rpc(
      'tools/call',
      { name: 'register_organisation_request', arguments: { email: 'fresh@auth.example', organisationName: 'Fresh' } },
      badKey,
    );
    expect(bootstrap.status).toBe(200);
    expect((bootstrap.body?.result as { isError?: boolean }).isError).toBeFalsy();
  });

  it('rejects a revoked key with 401 while other keys keep working', async () => {
    const staff = await harness.joinByInvite(owner.apiKey, 'staff@auth.example');
    expect((await harness.call('list_my_companies', {}, staff.apiKey)).isError).toBe(false);
    db.prepare("UPDATE api_keys SET revoked_at = '2026-03-02T09:30:00.000Z' WHERE key_hash = (SELECT key_hash FROM api_keys WHERE user_id = (SELECT id FROM users WHERE email = ?))").run('staff@auth.example');
    const reply = await harness.rpc('tools/call', { name: 'list_my_companies', arguments: {} }, staff.apiKey);
    expectUnauthorized(reply);
    expect((await harness.call('list_my_companies', {}, owner.apiKey)).isError).toBe(false);
  });

  it('records one mcp_call usage event per tools/call made with a key, in the key’s company', async () => {
    const count = () =>
      db.prepare("SELECT COUNT(*) FROM usage_events WHERE company_id = ? AND kind = 'mcp_call'").pluck().get(owner.companyId) as number;
    const before = count();
    await harness.ok('list_my_companies', {}, owner.apiKey);
    await harness.fails('switch_company', { companyId: 'cmp_nope' }, 'NOT_FOUND', owner.apiKey);
    await harness.rpc('tools/list', {}, owner.apiKey);
    await harness.fails('list_my_companies', {}, 'UNAUTHORIZED');
    expect(count()).toBe(before + 2);
  });
});
