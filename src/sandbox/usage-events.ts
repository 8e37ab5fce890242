import type Database from 'better-sqlite3';
import { prepareCached } from './database/prepared-statements.js';

/** The calls waiting for the next group commit on one database, and the promise they all wait on. */
interface PendingBatch {
  rows: Array<{ companyId: string; at: string }>;
  committed: Promise<void>;
}

const pendingByDatabase = new WeakMap<Database.Database, PendingBatch>();

/**
 * Counts one `mcp_call` usage event, resolving once its row is committed. Rows from the calls that arrive in the
 * same event-loop turn share one transaction: every commit is a WAL append with its own locks and page writes
 * (most of an INSERT's cost), and concurrent clients would otherwise pay one each. A lone call still commits in
 * the same turn, before its tool runs, so counts read afterwards (plan limits, tests) always include it.
 */
export function recordUsageEvent(db: Database.Database, companyId: string, at: string): Promise<void> {
  let batch = pendingByDatabase.get(db);
  if (!batch) {
    const rows: PendingBatch['rows'] = [];
    const committed = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        // Later calls start a new batch; this one is closed as soon as it runs.
        pendingByDatabase.delete(db);
        try {
          commitUsageRows(db, rows);
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    batch = { rows, committed };
    pendingByDatabase.set(db, batch);
  }
  batch.rows.push({ companyId, at });
  return batch.committed;
}

/** One transaction for the whole batch: all rows count, or (on a database error) none and every caller hears it. */
function commitUsageRows(db: Database.Database, rows: PendingBatch['rows']): void {
  const insert = prepareCached(db, "INSERT INTO usage_events (company_id, kind, at) VALUES (?, 'mcp_call', ?)");
  db.transaction(() => {
    for (const row of rows) insert.run(row.companyId, row.at);
  })();
}
