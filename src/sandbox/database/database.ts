import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { crmMigrations } from './crm-migrations.js';
import { coreMigrations } from './core-migrations.js';
import type { Migration } from './migration.js';

/** File name inside the data dir; the official CLI never sees it, only our sandbox does. */
export const DATABASE_FILE_NAME = 'favcrm-sandbox.sqlite';

/** Every migration the sandbox runs, core first because CRM tables reference companies. */
export function allMigrations(): Migration[] {
  return [...coreMigrations, ...crmMigrations];
}

/**
 * Opens (creating if needed) the sandbox database in `dataDir`: WAL so the `sandbox outbox` command and a running
 * server can share it, foreign keys on, and every pending migration applied in order.
 */
export function openDatabase(dataDir: string, migrations: Migration[] = allMigrations()): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const db = new Database(file);
  try {
    fs.chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    // WAL's recommended setting: a commit no longer waits for an fsync (~250–550 µs here, more than the rest of a
    // tools/call), and the file stays consistent if the process dies; only a power cut or OS crash can lose the
    // last commits. A local sandbox trades that for speed; the real FavCRM is a hosted database.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction. */
export function applyMigrations(db: Database.Database, migrations: Migration[]): string[] {
  const ids = new Set<string>();
  for (const migration of migrations) {
    if (ids.has(migration.id)) throw new Error(`Duplicate sandbox migration id ${migration.id}`);
    ids.add(migration.id);
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    db
      .prepare('SELECT id FROM schema_migrations')
      .pluck()
      .all()
      .map((id) => String(id)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    })();
    ran.push(migration.id);
  }
  return ran;
}
