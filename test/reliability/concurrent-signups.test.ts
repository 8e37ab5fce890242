import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxHarness, type ToolReply } from '../sandbox/sandbox-harness.js';

/** Enough to interleave every step of many signups on one sandbox, small enough for a 2-core CI box. */
const SIGNUPS = 200;

const emailOf = (index: number) => `owner${index}@concurrent${index % 7}.test`;
const nameOf = (index: number) => `Concurrent Studio ${index}`;

function tableCounts(dataDir: string): { counts: Record<string, number>; integrity: string } {
  const db = new Database(path.join(dataDir, 'favcrm-sandbox.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      counts: {
        organisations: count('SELECT COUNT(*) AS n FROM organisations'),
        companies: count('SELECT COUNT(*) AS n FROM companies'),
        users: count('SELECT COUNT(*) AS n FROM users'),
        members: count("SELECT COUNT(*) AS n FROM company_members WHERE role = 'owner'"),
        keys: count('SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL'),
        usedRequests: count('SELECT COUNT(*) AS n FROM signup_requests WHERE used_at IS NOT NULL'),
        distinctCompanyNames: count('SELECT COUNT(DISTINCT name) AS n FROM companies'),
      },
      integrity: (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
    };
  } finally {
    db.close();
  }
}

describe(`${SIGNUPS} concurrent signups over HTTP (rate limit off)`, () => {
  let harness: SandboxHarness;
  const verified = new Map<number, Record<string, unknown> & { apiKey: string; companyId: string }>();

  beforeAll(async () => {
    harness = await SandboxHarness.start({ label: 'concurrent' });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('every request and every verify succeeds, each with its own working key', async () => {
    const indexes = Array.from({ length: SIGNUPS }, (_unused, index) => index);
    const requests = await Promise.all(
      indexes.map((index) => harness.ok('register_organisation_request', { email: emailOf(index), organisationName: nameOf(index), industry: 'fitness', country: 'HK' })),
    );
    expect(new Set(requests.map((request) => request.requestId)).size).toBe(SIGNUPS);

    // One read of the outbox: the newest code per address (each address asked once).
    const codes = new Map(harness.sandbox.outbox.list().map((entry) => [entry.to, entry.code]));
    expect(codes.size).toBe(SIGNUPS);

    const replies: ToolReply[] = await Promise.all(
      indexes.map((index) => harness.call('register_organisation_verify', { requestId: requests[index]?.requestId, code: codes.get(emailOf(index)) })),
    );
    replies.forEach((reply, index) => {
      expect(reply.isError, JSON.stringify(reply.error)).toBe(false);
      verified.set(index, reply.data as Record<string, unknown> & { apiKey: string; companyId: string });
    });
    const keys = [...verified.values()].map((data) => data.apiKey);
    expect(new Set(keys).size).toBe(SIGNUPS);
    expect(new Set([...verified.values()].map((data) => data.companyId)).size).toBe(SIGNUPS);
    for (const key of keys) expect(key).toMatch(/^fav_mcp_[0-9A-Za-z]{40}$/);

    const whoami = await Promise.all(indexes.map((index) => harness.ok('list_my_companies', {}, verified.get(index)?.apiKey)));
    whoami.forEach((data, index) => {
      const companies = data.items as Array<{ companyId: string; name: string }>;
      expect(companies, JSON.stringify(data)).toHaveLength(1);
      expect(companies[0]?.companyId).toBe(verified.get(index)?.companyId);
      expect(data.currentCompanyId).toBe(verified.get(index)?.companyId);
      expect(companies[0]?.name).toBe(nameOf(index));
    });
  });

  it('no workspace is lost or duplicated, and the database passes integrity_check', () => {
    expect(verified.size).toBe(SIGNUPS);
    const { counts, integrity } = tableCounts(harness.sandbox.dataDir);
    expect(counts).toEqual({
      organisations: SIGNUPS,
      companies: SIGNUPS,
      users: SIGNUPS,
      members: SIGNUPS,
      keys: SIGNUPS,
      usedRequests: SIGNUPS,
      distinctCompanyNames: SIGNUPS,
    });
    expect(integrity).toBe('ok');
  });

  it('a second verify of any used request fails instead of creating a second workspace', async () => {
    const requests = await Promise.all(
      [0, 1, 2].map((index) => harness.ok('register_organisation_request', { email: `again${index}@concurrent.test`, organisationName: `Again ${index}` })),
    );
    const codes = new Map(harness.sandbox.outbox.list(10).map((entry) => [entry.to, entry.code]));
    // The same verify fired five times at once per request: exactly one wins.
    const replies = await Promise.all(
      requests.flatMap((request, index) =>
        Array.from({ length: 5 }, () => harness.call('register_organisation_verify', { requestId: request.requestId, code: codes.get(`again${index}@concurrent.test`) })),
      ),
    );
    expect(replies.filter((reply) => !reply.isError)).toHaveLength(3);
    expect(new Set(replies.filter((reply) => reply.isError).map((reply) => reply.error?.code))).toEqual(new Set(['NOT_FOUND']));
    expect(tableCounts(harness.sandbox.dataDir).counts.organisations).toBe(SIGNUPS + 3);
  });
});
