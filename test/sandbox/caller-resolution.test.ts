import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/sandbox/database/database.js';
import { SandboxHarness } from './sandbox-harness.js';

// resolveCaller reads the key and its active membership in one statement; these cover the paths around it.
describe('caller resolution', () => {
  let harness: SandboxHarness;
  let db: Database.Database;
  let owner: Awaited<ReturnType<SandboxHarness['signUp']>>;

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'caller-resolution' });
    db = new Database(path.join(harness.sandbox.dataDir, DATABASE_FILE_NAME));
    owner = await harness.signUp('owner@resolution.example', 'Home Studio');
  });
  afterAll(async () => {
    db.close();
    await harness.stop();
  });

  const activeCompanyOfKey = (): string =>
    db.prepare('SELECT active_company_id FROM api_keys WHERE user_id = ?').pluck().get(owner.userId) as string;

  it('falls back to the oldest remaining membership when the key’s active one is gone, and remembers it', async () => {
    const organisationId = db.prepare('SELECT organisation_id FROM companies WHERE id = ?').pluck().get(owner.companyId) as string;
    db.prepare("INSERT INTO companies (id, organisation_id, name, created_at) VALUES ('cmp_second', ?, 'Second Studio', '2026-03-02T10:00:00.000Z')").run(organisationId);
    db.prepare("INSERT INTO company_members (company_id, user_id, role, created_at) VALUES ('cmp_second', ?, 'manager', '2026-03-02T10:00:00.000Z')").run(owner.userId);
    db.prepare("UPDATE api_keys SET active_company_id = 'cmp_second' WHERE user_id = ?").run(owner.userId);
    expect((await harness.ok('list_my_companies', {}, owner.apiKey)).currentCompanyId).toBe('cmp_second');

    db.prepare("DELETE FROM company_members WHERE company_id = 'cmp_second' AND user_id = ?").run(owner.userId);
    expect((await harness.ok('list_my_companies', {}, owner.apiKey)).currentCompanyId).toBe(owner.companyId);
    expect(activeCompanyOfKey()).toBe(owner.companyId);
  });

  it('refuses the key (401) once its user belongs to no company at all', async () => {
    db.prepare('DELETE FROM company_members WHERE user_id = ?').run(owner.userId);
    const reply = await harness.rpc('tools/call', { name: 'list_my_companies', arguments: {} }, owner.apiKey);
    expect(reply.status).toBe(401);
  });
});
