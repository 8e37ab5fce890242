import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareCached } from '../../../src/sandbox/database/prepared-statements.js';

describe('prepareCached', () => {
  const opened: Database.Database[] = [];
  const open = (): Database.Database => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    opened.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  it('prepares each SQL text once per database and reuses the statement', () => {
    const db = open();
    const insert = prepareCached(db, 'INSERT INTO notes (text) VALUES (?)');
    expect(prepareCached(db, 'INSERT INTO notes (text) VALUES (?)')).toBe(insert);
    expect(prepareCached(db, 'SELECT text FROM notes')).not.toBe(insert);
    insert.run('first');
    prepareCached(db, 'INSERT INTO notes (text) VALUES (?)').run('second');
    expect(prepareCached(db, 'SELECT text FROM notes ORDER BY id').pluck().all()).toEqual(['first', 'second']);
  });

  it('keeps databases apart: the same SQL gets its own statement on each', () => {
    const first = open();
    const second = open();
    const sql = 'INSERT INTO notes (text) VALUES (?)';
    expect(prepareCached(first, sql)).not.toBe(prepareCached(second, sql));
    prepareCached(first, sql).run('only in the first');
    expect(prepareCached(second, 'SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 0 });
    expect(prepareCached(first, 'SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 1 });
  });

  it('still sees schema changes made after the statement was cached', () => {
    const db = open();
    prepareCached(db, 'INSERT INTO notes (text) VALUES (?)').run('before');
    const select = prepareCached(db, 'SELECT * FROM notes');
    db.exec("ALTER TABLE notes ADD COLUMN tag TEXT NOT NULL DEFAULT 'none'");
    expect(prepareCached(db, 'SELECT * FROM notes')).toBe(select);
    expect(select.all()).toEqual([{ id: 1, text: 'before', tag: 'none' }]);
  });
});
