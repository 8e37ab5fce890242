import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ID_PREFIX, type IdKind } from './id-prefixes.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 40 base62 chars ≈ 238 bits: far beyond guessing, and long enough that CLI masking shows `fav_mcp_...XXXX`. */
const API_KEY_RANDOM_LENGTH = 40;

/** Uniform random base62 string from the OS CSPRNG (randomInt avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  for (let index = 0; index < length; index += 1) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** A random id with its kind's prefix (`org_…`, `cmp_…`, `usr_…`, `key_…`, `req_…`; id-prefixes.ts). */
export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${randomBase62(20)}`;
}

/** A new `fav_mcp_*` API key; shown once and stored only as its hash. */
export function generateApiKey(): string {
  return `fav_mcp_${randomBase62(API_KEY_RANDOM_LENGTH)}`;
}

/** A random invite token (URL safe, `invite_…`, unlike the invite's id `tmi_…`); stored only as its hash. */
export function generateInviteToken(): string {
  return `${ID_PREFIX.inviteToken}_${randomBase62(32)}`;
}

/** A 6-digit emailed code, leading zeros kept. */
export function generateVerificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * Hash for high-entropy secrets (API keys, invite tokens). A plain SHA-256 is enough here because the input
 * cannot be brute-forced; it also lets us look a key up by its hash.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Hash for a 6-digit code. A million candidates is trivially brute-forced from a plain hash, so the code is
 * keyed with a pepper that lives outside the SQLite file, and bound to the request it belongs to.
 */
export function hashCode(pepper: Buffer, scope: string, code: string): string {
  return createHmac('sha256', pepper).update(`${scope}\u0000${code}`, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests (different lengths compare unequal without leaking where). */
export function digestsEqual(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  if (expected.length !== actual.length || expected.length === 0) return false;
  return timingSafeEqual(expected, actual);
}

/** File next to the database holding the code pepper; 0600 so only the owner can read it. */
export const PEPPER_FILE_NAME = 'code-pepper.key';

/** Reads the per-database pepper, creating a random one (0600) on first use; `wx` keeps two processes from racing. */
export function loadOrCreatePepper(dataDir: string): Buffer {
  const file = path.join(dataDir, PEPPER_FILE_NAME);
  try {
    fs.writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const pepper = fs.readFileSync(file);
  if (pepper.length < 32) {
    throw new Error(`The sandbox code pepper ${file} is damaged; delete it (pending codes stop working) and restart.`);
  }
  return pepper;
}
