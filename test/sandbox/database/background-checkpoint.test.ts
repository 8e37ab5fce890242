import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, startBackgroundCheckpoints } from '../../../src/sandbox/database/background-checkpoint.js';
import { DATABASE_FILE_NAME, openDatabase } from '../../../src/sandbox/database/database.js';
import { makeTempDir } from '../sandbox-harness.js';

const autocheckpoint = (db: Database.Database): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;

/** Polls until `check` holds (the worker runs on its own clock). */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startBackgroundCheckpoints', () => {
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  it('copies the WAL into the database from the worker, while the serving connection only keeps a backstop', async () => {
    const dataDir = makeTempDir('checkpoint-worker');
    const db = openDatabase(dataDir);
    opened.push(db);
    const logged: string[] = [];
    const checkpointer = startBackgroundCheckpoints(db, (line) => logged.push(line));
    expect(autocheckpoint(db)).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);

    const file = path.join(dataDir, DATABASE_FILE_NAME);
    const sizeBefore = fs.statSync(file).size;
    // ~200 pages: far below the backstop, so only the worker can have moved them into the database file.
    const insert = db.prepare("INSERT INTO meta (key, value) VALUES (?, hex(randomblob(2000)))");
    for (let index = 0; index < 200; index += 1) insert.run(`filler-${index}`);
    await eventually(() => fs.statSync(file).size > sizeBefore + 100 * 4096);

    await checkpointer.stop();
    await checkpointer.stop();
    expect(autocheckpoint(db)).toBe(1000);
    expect(logged).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) FROM meta WHERE key LIKE 'filler-%'").pluck().get()).toBe(200);
  });

  it('hands checkpointing back to the serving connection when the worker cannot run', async () => {
    const file = path.join(makeTempDir('checkpoint-worker-fails'), 'gone.sqlite');
    const db = new Database(file);
    opened.push(db);
    const logged: string[] = [];
    const checkpointer = startBackgroundCheckpoints(db, (line) => logged.push(line));
    // The worker opens the file by name (fileMustExist) a few milliseconds from now; by then it is gone.
    fs.rmSync(file);
    await eventually(() => logged.length > 0);
    expect(logged[0]).toMatch(/checkpoint worker failed/);
    expect(autocheckpoint(db)).toBe(1000);
    await checkpointer.stop();
  });
});
