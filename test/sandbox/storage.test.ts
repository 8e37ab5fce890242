import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/sandbox/database/database.js';
import { PEPPER_FILE_NAME } from '../../src/sandbox/secret-hashing.js';
import { SandboxHarness, makeTempDir } from './sandbox-harness.js';

/** Every file SQLite writes for the database: the main file, its WAL and shared-memory index. */
function databaseFiles(dataDir: string): string[] {
  return fs
    .readdirSync(dataDir)
    .filter((name) => name.startsWith(DATABASE_FILE_NAME))
    .map((name) => path.join(dataDir, name));
}

function expectAbsentFromDatabase(dataDir: string, secrets: string[], expectWal: boolean): void {
  const files = databaseFiles(dataDir);
  // While the server runs, recent writes sit in the WAL; after a clean close SQLite checkpoints and removes it.
  expect(files.some((file) => file.endsWith('-wal'))).toBe(expectWal);
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} found in ${path.basename(file)}`).toBe(false);
    }
  }
}

describe('sandbox storage', () => {
  const running: SandboxHarness[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((harness) => harness.stop()));
  });

  async function start(dataDir: string): Promise<SandboxHarness> {
    const harness = await SandboxHarness.start({ dataDir });
    running.push(harness);
    return harness;
  }

  it('keeps no plaintext API key, invite token or code in the SQLite file or its WAL', async () => {
    const dataDir = makeTempDir('storage-secrets');
    const harness = await start(dataDir);
    const owner = await harness.signUp('secret@owner.example', 'Secret Spa');
    const ownerCode = harness.latestCode('secret@owner.example');
    const invite = await harness.ok('create_team_member_invite', { email: 'secret@staff.example' }, owner.apiKey);
    await harness.ok('accept_team_invite_request', { token: invite.token });
    const staffCode = harness.latestCode('secret@staff.example');
    const staff = await harness.ok('accept_team_invite_verify', { token: invite.token, code: staffCode });
    const pending = await harness.ok('register_organisation_request', { email: 'pending@owner.example', organisationName: 'Pending' });
    const pendingCode = harness.latestCode('pending@owner.example');
    const secrets = [owner.apiKey, staff.apiKey as string, invite.token as string, ownerCode, staffCode, pendingCode];

    // The sanity check that the scan can see what is there: the ids and the key's last 4 are stored.
    const mainAndWal = Buffer.concat(databaseFiles(dataDir).map((file) => fs.readFileSync(file)));
    expect(mainAndWal.includes(Buffer.from(pending.requestId as string))).toBe(true);
    expect(mainAndWal.includes(Buffer.from('secret@owner.example'))).toBe(true);

    expectAbsentFromDatabase(dataDir, secrets, true);
    // The plaintext code lives only in the outbox, which is the sandbox's stand-in for the person's mailbox.
    expect(harness.sandbox.outbox.list().some((message) => message.code === pendingCode)).toBe(true);
    await harness.stop();
    running.splice(0);
    expectAbsentFromDatabase(dataDir, secrets, false);
  });

  it('keeps the code pepper in a 0600 file outside the database, and the database 0600', async () => {
    const dataDir = makeTempDir('storage-modes');
    await start(dataDir);
    const pepperFile = path.join(dataDir, PEPPER_FILE_NAME);
    expect(fs.statSync(pepperFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, DATABASE_FILE_NAME)).mode & 0o777).toBe(0o600);
    const pepper = fs.readFileSync(pepperFile);
    expect(pepper.length).toBe(32);
    for (const file of databaseFiles(dataDir)) expect(fs.readFileSync(file).includes(pepper)).toBe(false);
  });

  it('loses nothing across a restart: keys, active company, pending codes and invites keep working', async () => {
    const dataDir = makeTempDir('storage-restart');
    const first = await start(dataDir);
    const owner = await first.signUp('restart@owner.example', 'Restart Studio');
    const other = await first.signUp('restart@other.example', 'Other Studio');
    const invite = await first.ok('create_team_member_invite', { email: 'restart@owner.example' }, other.apiKey);
    await first.ok('accept_team_invite_request', { token: invite.token });
    const inviteCode = first.latestCode('restart@owner.example');
    const pending = await first.ok('register_organisation_request', { email: 'restart@pending.example', organisationName: 'Pending' });
    const pendingCode = first.latestCode('restart@pending.example');
    await first.stop();
    running.splice(0);

    const second = await start(dataDir);
    expect(second.url).not.toBe('');
    const joined = await second.ok('accept_team_invite_verify', { token: invite.token, code: inviteCode });
    expect(joined.companyId).toBe(other.companyId);
    await second.ok('switch_company', { companyId: other.companyId }, owner.apiKey);
    await second.ok('register_organisation_verify', { requestId: pending.requestId, code: pendingCode });
    expect(second.sandbox.outbox.list().length).toBeGreaterThanOrEqual(4);
    await second.stop();
    running.splice(0);

    const third = await start(dataDir);
    const view = await third.ok('list_my_companies', {}, owner.apiKey);
    expect(view.currentCompanyId).toBe(other.companyId);
    expect(view.total).toBe(2);
    await third.ok('list_my_companies', {}, other.apiKey);
  });

  it('records every migration once and re-opens without re-running them', async () => {
    const dataDir = makeTempDir('storage-migrations');
    const harness = await start(dataDir);
    await harness.stop();
    running.splice(0);
    await (await start(dataDir)).stop();
    running.splice(0);
    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all() as string[];
      expect(ids).toEqual(expect.arrayContaining(['core-001-accounts', 'core-002-signup-and-invites']));
      expect(new Set(ids).size).toBe(ids.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
