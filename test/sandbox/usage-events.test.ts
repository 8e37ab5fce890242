import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sandbox/database/database.js';
import { recordUsageEvent } from '../../src/sandbox/usage-events.js';
import { makeTempDir } from './sandbox-harness.js';

const AT = '2026-03-02T09:00:00.000Z';

describe('recordUsageEvent (group commit of mcp_call usage rows)', () => {
  const db = openDatabase(makeTempDir('usage-events'));
  afterAll(() => db.close());
  const count = (companyId: string): number =>
    db.prepare("SELECT COUNT(*) FROM usage_events WHERE company_id = ? AND kind = 'mcp_call'").pluck().get(companyId) as number;

  it('commits the calls of one event-loop turn together, each in its own company, before any of them resumes', async () => {
    const before = { a: count('cmp_a'), b: count('cmp_b') };
    const calls = [
      recordUsageEvent(db, 'cmp_a', AT),
      recordUsageEvent(db, 'cmp_b', AT),
      recordUsageEvent(db, 'cmp_a', AT),
    ];
    // One batch: every call of the turn waits on the same commit.
    expect(new Set(calls).size).toBe(1);
    // Nothing is written until the turn ends...
    expect(count('cmp_a')).toBe(before.a);
    const seenOnResume = await calls[0]!.then(() => ({ a: count('cmp_a'), b: count('cmp_b') }));
    // ...and everything is, by the time the first caller resumes.
    expect(seenOnResume).toEqual({ a: before.a + 2, b: before.b + 1 });
  });

  it('starts a new batch for calls made after a commit, so a lone call still commits in its own turn', async () => {
    const first = recordUsageEvent(db, 'cmp_c', AT);
    await first;
    const second = recordUsageEvent(db, 'cmp_c', AT);
    expect(second).not.toBe(first);
    await second;
    expect(count('cmp_c')).toBe(2);
  });

  it('keeps databases apart: each database gets its own batch', async () => {
    const other = openDatabase(makeTempDir('usage-events-other'));
    try {
      await Promise.all([recordUsageEvent(db, 'cmp_d', AT), recordUsageEvent(other, 'cmp_d', AT)]);
      expect(count('cmp_d')).toBe(1);
      expect(other.prepare("SELECT COUNT(*) FROM usage_events WHERE company_id = 'cmp_d'").pluck().get()).toBe(1);
    } finally {
      other.close();
    }
  });

  it('fails every call of the batch when the commit fails', async () => {
    const doomed = openDatabase(makeTempDir('usage-events-doomed'));
    const calls = [recordUsageEvent(doomed, 'cmp_e', AT), recordUsageEvent(doomed, 'cmp_e', AT)];
    doomed.exec('DROP TABLE usage_events');
    for (const call of calls) await expect(call).rejects.toThrow(/usage_events/);
    doomed.close();
  });
});
