import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/sandbox/database/database.js';
import { SandboxHarness } from './sandbox-harness.js';

// Requests in flight together share the event loop and the usage-event batch; none may see another's caller.
describe('concurrent requests from different keys', () => {
  let harness: SandboxHarness;
  let db: Database.Database;
  let alice: Awaited<ReturnType<SandboxHarness['signUp']>>;
  let bob: Awaited<ReturnType<SandboxHarness['signUp']>>;

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'concurrent-callers' });
    db = new Database(path.join(harness.sandbox.dataDir, DATABASE_FILE_NAME));
    alice = await harness.signUp('alice@concurrent.example', 'Alice Concurrent');
    bob = await harness.signUp('bob@concurrent.example', 'Bob Concurrent');
  });
  afterAll(async () => {
    db.close();
    await harness.stop();
  });

  const usage = (companyId: string): number =>
    db.prepare("SELECT COUNT(*) FROM usage_events WHERE company_id = ? AND kind = 'mcp_call'").pluck().get(companyId) as number;

  it('answers each of many interleaved calls with its own key’s workspace and counts each call in that workspace', async () => {
    const before = { alice: usage(alice.companyId), bob: usage(bob.companyId) };
    const keys = Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? alice : bob));
    const replies = await Promise.all(keys.map((account) => harness.ok('list_my_companies', {}, account.apiKey)));
    replies.forEach((reply, index) => {
      const expected = keys[index]!;
      expect(reply.currentCompanyId).toBe(expected.companyId);
      expect(reply.items).toEqual([expect.objectContaining({ companyId: expected.companyId })]);
    });
    expect(usage(alice.companyId)).toBe(before.alice + 20);
    expect(usage(bob.companyId)).toBe(before.bob + 20);
  });

  it('keeps a signup running alongside keyed calls anonymous, and the keyed calls keyed', async () => {
    const [signup, aliceView, bobView] = await Promise.all([
      harness.ok('register_organisation_request', { email: 'carol@concurrent.example', organisationName: 'Carol' }, alice.apiKey),
      harness.ok('list_my_companies', {}, alice.apiKey),
      harness.ok('list_my_companies', {}, bob.apiKey),
    ]);
    expect(signup.requestId).toMatch(/^req_/);
    expect(aliceView.currentCompanyId).toBe(alice.companyId);
    expect(bobView.currentCompanyId).toBe(bob.companyId);
  });
});
