import type Database from 'better-sqlite3';
import { prepareCached } from './database/prepared-statements.js';
import { digestsEqual, generateApiKey, hashSecret, newId } from './secret-hashing.js';
import type { Caller } from './tools/tool-definition.js';

export type MemberRole = Caller['role'];

/** The FavCRM merchant portal (contract §1.1); sandbox links point at it the way the real server's do. */
export const PORTAL_URL = 'https://app.favcrm.io';
/** Where people create keys by hand (contract §1.1). */
export const PORTAL_KEYS_URL = `${PORTAL_URL}/settings/mcp-keys`;

/** Portal login link for an address, as returned by signup and invite acceptance. */
export function loginUrlFor(email: string): string {
  return `${PORTAL_URL}/login?email=${encodeURIComponent(email)}`;
}

/** Creates a key for `userId` working in `companyId`; returns the plaintext once (only its hash is stored). */
export function issueApiKey(db: Database.Database, userId: string, companyId: string, now: Date): { keyId: string; apiKey: string } {
  const apiKey = generateApiKey();
  const keyId = newId('apiKey');
  prepareCached(
    db,
    'INSERT INTO api_keys (id, user_id, key_hash, last4, active_company_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(keyId, userId, hashSecret(apiKey), apiKey.slice(-4), companyId, now.toISOString());
  return { keyId, apiKey };
}

interface KeyRow {
  id: string;
  key_hash: string;
  user_id: string;
  active_company_id: string;
  revoked_at: string | null;
  /** The membership in the key's active company, joined in; null when that membership (or company) is gone. */
  company_id: string | null;
  organisation_id: string | null;
  role: MemberRole | null;
}

interface MembershipRow {
  company_id: string;
  organisation_id: string;
  role: MemberRole;
}

/** The key and its active membership in one statement: resolveCaller runs on every authenticated request. */
const KEY_WITH_ACTIVE_MEMBERSHIP = `
  SELECT k.id, k.key_hash, k.user_id, k.active_company_id, k.revoked_at, m.company_id, c.organisation_id, m.role
  FROM api_keys k
  LEFT JOIN company_members m ON m.company_id = k.active_company_id AND m.user_id = k.user_id
  LEFT JOIN companies c ON c.id = m.company_id
  WHERE k.key_hash = ?`;

/**
 * Turns a bearer key into the caller it stands for, or null if the key is unknown, revoked, or its user belongs to
 * no company any more. If the key's active company membership is gone, it falls back to the user's oldest one.
 */
export function resolveCaller(db: Database.Database, apiKey: string): Caller | null {
  const presentedHash = hashSecret(apiKey);
  const key = prepareCached(db, KEY_WITH_ACTIVE_MEMBERSHIP).get(presentedHash) as KeyRow | undefined;
  // The lookup is by hash already; the constant-time compare keeps the check itself timing-neutral.
  if (!key || key.revoked_at !== null || !digestsEqual(key.key_hash, presentedHash)) return null;
  const active: MembershipRow | undefined =
    key.company_id !== null && key.organisation_id !== null && key.role !== null
      ? { company_id: key.company_id, organisation_id: key.organisation_id, role: key.role }
      : undefined;
  const membership =
    active ??
    (prepareCached(
      db,
      `SELECT m.company_id, c.organisation_id, m.role FROM company_members m JOIN companies c ON c.id = m.company_id
       WHERE m.user_id = ? ORDER BY m.created_at, m.company_id LIMIT 1`,
    ).get(key.user_id) as MembershipRow | undefined);
  if (!membership) return null;
  if (!active) prepareCached(db, 'UPDATE api_keys SET active_company_id = ? WHERE id = ?').run(membership.company_id, key.id);
  return {
    keyId: key.id,
    userId: key.user_id,
    organisationId: membership.organisation_id,
    companyId: membership.company_id,
    role: membership.role,
  };
}

/** True when some user already has this address (case-insensitive, like the `users.email` column). */
export function emailTaken(db: Database.Database, email: string): boolean {
  return prepareCached(db, 'SELECT 1 FROM users WHERE email = ?').get(email) !== undefined;
}

/** `jane.doe@example.com` → `j***e@e***.com`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const domainName = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  const maskPart = (part: string) => (part.length <= 2 ? `${part[0] ?? ''}***` : `${part[0]}***${part[part.length - 1]}`);
  return `${maskPart(local)}@${maskPart(domainName)}${tld}`;
}
