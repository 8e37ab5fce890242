import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/sandbox/database/database.js';
import { checkRate, parseRateLimit, recordRateEvent } from '../../src/sandbox/rate-limit.js';
import { makeTempDir } from './sandbox-harness.js';

describe('parseRateLimit', () => {
  it('reads the --signup-rate forms', () => {
    expect(parseRateLimit('3/h,20/d')).toEqual({ perHour: 3, perDay: 20 });
    expect(parseRateLimit(' 20/day , 5/hour ')).toEqual({ perHour: 5, perDay: 20 });
    expect(parseRateLimit('off')).toBeNull();
    expect(parseRateLimit('OFF')).toBeNull();
  });

  it('refuses anything else with a message that shows the form', () => {
    for (const text of ['3', '3/h', '3/w,20/d', 'x/h,1/d', '']) {
      expect(() => parseRateLimit(text), text).toThrow(/3\/h,20\/d/);
    }
  });
});

describe('recordRateEvent', () => {
  const db = openDatabase(makeTempDir('rate-events'));
  afterAll(() => db.close());
  const rows = (): number => db.prepare("SELECT COUNT(*) FROM rate_events WHERE scope = 'test'").pluck().get() as number;
  const at = (hours: number): Date => new Date(Date.parse('2026-03-02T09:00:00.000Z') + hours * 3_600_000);

  it('prunes events over a day old (now and then, not on every event) and never counts them', () => {
    recordRateEvent(db, 'test', '127.0.0.1', at(0));
    recordRateEvent(db, 'test', '127.0.0.1', at(1));
    expect(rows()).toBe(2);
    expect(checkRate(db, 'test', '127.0.0.1', { perHour: 5, perDay: 2 }, at(2))).toMatchObject({ allowed: false, window: 'day' });
    // A day later both are stale: they no longer count, and the next event prunes them.
    expect(checkRate(db, 'test', '127.0.0.1', { perHour: 5, perDay: 2 }, at(25.5))).toEqual({ allowed: true });
    recordRateEvent(db, 'test', '127.0.0.1', at(25.5));
    expect(rows()).toBe(1);
  });
});
