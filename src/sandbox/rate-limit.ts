import type Database from 'better-sqlite3';
import { prepareCached } from './database/prepared-statements.js';

/** How many events a subject may cause per hour and per day. */
export interface RateLimit {
  perHour: number;
  perDay: number;
}

/** FavCRM's signup limit: 3 requests an hour and 20 a day per client network (docs/favcrm-contract.md §5.2, §6.4). */
export const DEFAULT_SIGNUP_RATE: RateLimit = { perHour: 3, perDay: 20 };

/**
 * Codes for one team invite: 5 an hour and 20 a day. Each new code resets the 5 tries, so without this limit
 * someone holding a leaked invite token could keep asking for codes and guess through all million of them.
 */
export const DEFAULT_INVITE_CODE_RATE: RateLimit = { perHour: 5, perDay: 20 };

/** The subject that stands for every loopback address in a per-network limit. */
export const LOOPBACK_CLIENT = 'loopback';

/**
 * The client a per-network limit counts for an address. Every address in 127.0.0.0/8 (and ::1, and their
 * IPv4-mapped forms) is this machine, so they are one client: hopping from 127.0.0.2 to 127.0.0.3 buys nothing.
 * The limit lives in the data directory's database, so it is also one budget per data directory.
 */
export function networkClient(address: string): string {
  const plain = address.toLowerCase().replace(/^::ffff:/, '');
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain) || plain === '::1' || plain === '0:0:0:0:0:0:0:1') return LOOPBACK_CLIENT;
  return plain;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type RateDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; window: 'hour' | 'day'; limit: number };

/**
 * Decides whether `subject` (a client IP) may cause one more `scope` event now. Only events that were recorded
 * count, so callers record after the thing they limit actually happened.
 */
export function checkRate(
  db: Database.Database,
  scope: string,
  subject: string,
  limit: RateLimit | null,
  now: Date,
): RateDecision {
  if (limit === null) return { allowed: true };
  const windows = [
    { window: 'hour' as const, ms: HOUR_MS, limit: limit.perHour },
    { window: 'day' as const, ms: DAY_MS, limit: limit.perDay },
  ];
  let blocked: RateDecision = { allowed: true };
  for (const { window, ms, limit: max } of windows) {
    const since = new Date(now.getTime() - ms).toISOString();
    const times = prepareCached(db, 'SELECT at FROM rate_events WHERE scope = ? AND subject = ? AND at > ? ORDER BY at DESC')
      .pluck()
      .all(scope, subject, since) as string[];
    if (times.length < max) continue;
    // The oldest event that must age out before one more fits.
    const oldestBlocking = times[max - 1];
    const retryAt = oldestBlocking === undefined ? now.getTime() : Date.parse(oldestBlocking) + ms;
    const retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000));
    // When both windows are full, the later retry time is the true one.
    if (!blocked.allowed && blocked.retryAfterSeconds >= retryAfterSeconds) continue;
    blocked = { allowed: false, retryAfterSeconds, window, limit: max };
  }
  return blocked;
}

/** How often old rows are pruned per scope; rows past a day are never counted, so they may linger this long. */
const PRUNE_EVERY_MS = 60 * 1000;
const lastPruneByDatabase = new WeakMap<Database.Database, Map<string, number>>();

/**
 * True when `scope` was last pruned over PRUNE_EVERY_MS ago (or the clock went back). The prune matches on scope and
 * age, which no index covers, so running it on every event scanned the whole day's events of the scope each time.
 */
function pruneDue(db: Database.Database, scope: string, now: Date): boolean {
  let lastPrune = lastPruneByDatabase.get(db);
  if (!lastPrune) {
    lastPrune = new Map();
    lastPruneByDatabase.set(db, lastPrune);
  }
  const last = lastPrune.get(scope);
  if (last !== undefined && now.getTime() >= last && now.getTime() - last < PRUNE_EVERY_MS) return false;
  lastPrune.set(scope, now.getTime());
  return true;
}

/** Records one event; old rows (over a day) are pruned now and then so the table stays small. */
export function recordRateEvent(db: Database.Database, scope: string, subject: string, now: Date): void {
  if (pruneDue(db, scope, now)) {
    prepareCached(db, 'DELETE FROM rate_events WHERE scope = ? AND at <= ?').run(scope, new Date(now.getTime() - DAY_MS).toISOString());
  }
  prepareCached(db, 'INSERT INTO rate_events (scope, subject, at) VALUES (?, ?, ?)').run(scope, subject, now.toISOString());
}

/** Parses `3/h,20/d` (either order, `hour`/`day` spelled out too) or `off`; null for `off`. */
export function parseRateLimit(text: string): RateLimit | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off' || trimmed === 'none') return null;
  const result: Partial<RateLimit> = {};
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\d{1,6})\s*\/\s*(h|hour|d|day)\s*$/.exec(part);
    if (!match?.[1] || !match[2]) throw new Error(`Bad rate "${text}": use like 3/h,20/d or off.`);
    const count = Number(match[1]);
    if (match[2].startsWith('h')) result.perHour = count;
    else result.perDay = count;
  }
  if (result.perHour === undefined || result.perDay === undefined) {
    throw new Error(`Bad rate "${text}": give both an hourly and a daily limit, like 3/h,20/d, or off.`);
  }
  return { perHour: result.perHour, perDay: result.perDay };
}
