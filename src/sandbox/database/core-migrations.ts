import type { Migration } from './migration.js';

/**
 * Accounts, keys, signup and invites. Table and column names are a contract with the CRM tools
 * (crm-migrations.ts), which join on `companies.id` and count `usage_events`.
 */
export const coreMigrations: Migration[] = [
  {
    id: 'core-001-accounts',
    sql: `
      CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        industry TEXT,
        country TEXT,
        timezone TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE companies (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        name TEXT NOT NULL,
        industry TEXT,
        country TEXT,
        timezone TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX companies_organisation ON companies(organisation_id);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE company_members (
        company_id TEXT NOT NULL REFERENCES companies(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (company_id, user_id)
      );
      CREATE INDEX company_members_user ON company_members(user_id);
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        key_hash TEXT NOT NULL UNIQUE,
        last4 TEXT NOT NULL,
        active_company_id TEXT NOT NULL REFERENCES companies(id),
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE usage_events (
        company_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX usage_events_company_kind_at ON usage_events(company_id, kind, at);
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    id: 'core-002-signup-and-invites',
    sql: `
      CREATE TABLE signup_requests (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        organisation_name TEXT NOT NULL,
        industry TEXT,
        country TEXT,
        timezone TEXT,
        code_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        client_ip TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE team_invites (
        id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL REFERENCES companies(id),
        email TEXT NOT NULL,
        name TEXT,
        role TEXT NOT NULL CHECK (role IN ('manager', 'staff')),
        token_hash TEXT NOT NULL UNIQUE,
        invited_by_user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        code_hash TEXT,
        code_expires_at TEXT,
        code_failed_attempts INTEGER NOT NULL DEFAULT 0,
        accepted_at TEXT,
        accepted_user_id TEXT REFERENCES users(id)
      );
      CREATE INDEX team_invites_company ON team_invites(company_id);
      CREATE TABLE rate_events (
        scope TEXT NOT NULL,
        subject TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX rate_events_scope_subject_at ON rate_events(scope, subject, at);
    `,
  },
];
