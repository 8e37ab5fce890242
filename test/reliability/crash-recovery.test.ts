import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { createAppHome, HeadlessApp, readSessionFile } from '../helpers/app-process.js';
import { tempDir } from '../helpers/agent-fixture.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/sandbox-process.js';
import { portOutsideEphemeralRange } from '../helpers/stable-port.js';

const toolEnds = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'tool-call-end' ? [event] : []));
const errorsOf = (events: readonly AgentEvent[]) => events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
const isReady = (event: AgentEvent): event is Extract<AgentEvent, { type: 'session-ready' }> => event.type === 'session-ready';

function codeFor(sandbox: SandboxProcess, email: string): string {
  const code = sandbox.outbox.list().find((entry) => entry.to === email)?.code;
  if (!code) throw new Error(`no code for ${email} in ${sandbox.dataDir}`);
  return code;
}

/** Rows in the sandbox database, read through a fresh read-only connection (what survived on disk). */
function countRows(dataDir: string, table: string): number {
  const db = new Database(path.join(dataDir, 'favcrm-sandbox.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('real crashes mid-journey: SIGKILL, restart, nothing lost', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('the sandbox process is SIGKILLed after the code was sent: the running app reports it, and the same code works after a restart', async () => {
    const dataDir = tempDir('crash-sandbox');
    // Its port must stay dead after the kill: one from listen(0) could go to another test's server meanwhile.
    let sandbox = await startSandboxProcess({ dataDir, port: await portOutsideEphemeralRange() });
    cleanups.push(() => sandbox.stop('SIGKILL'));
    const home = createAppHome('crash-app');
    const app = HeadlessApp.start(home, ['--url', sandbox.url]);
    cleanups.push(() => app.stop('SIGKILL'));
    await app.waitForEvent(isReady);

    const requested = await app.turn('Sign me up: Crash Yoga, a yoga studio in London, crash@yoga.test');
    expect(toolEnds(requested).map((call) => `${call.toolName}:${call.ok}`)).toEqual(['register_organisation_request:true']);
    const pending = readSessionFile(home)?.pendingSignup;
    expect(pending?.maskedEmail).toBe('c***h@y***a.test');
    const code = codeFor(sandbox, 'crash@yoga.test');

    await sandbox.stop('SIGKILL');
    const failed = await app.turn(code);
    expect(errorsOf(failed).map((error) => error.code)).toEqual(['SERVER_UNREACHABLE']);
    expect(errorsOf(failed)[0]?.message).toContain(sandbox.url);
    expect(errorsOf(failed)[0]?.hint).toBeTruthy();
    expect(failed.at(-1)).toMatchObject({ type: 'turn-end', reason: 'error' });
    // The pending signup and the conversation are on disk, unchanged.
    expect(readSessionFile(home)?.pendingSignup).toEqual(pending);
    expect(fs.existsSync(home.configFile) && /api_key/.test(fs.readFileSync(home.configFile, 'utf8'))).toBe(false);
    // The committed signup request survived the kill.
    expect(countRows(dataDir, 'signup_requests')).toBe(1);

    sandbox = await startSandboxProcess({ dataDir, port: sandbox.port });
    const resumed = await app.turn(code);
    expect(toolEnds(resumed).map((call) => `${call.toolName}:${call.ok}`)).toEqual([
      'register_organisation_verify:true',
      'list_my_companies:true',
      'get_plan_status:true',
      'list_services:true',
    ]);
    expect(resumed.some((event) => event.type === 'signup-completed')).toBe(true);
    expect(fs.readFileSync(home.configFile, 'utf8')).toMatch(/api_key = "fav_mcp_/);
    expect(readSessionFile(home)?.pendingSignup).toBeNull();
    app.endInput();
    expect((await app.exited).code).toBe(0);
    expect(countRows(dataDir, 'organisations')).toBe(1);
    expect(countRows(dataDir, 'api_keys')).toBe(1);
  });

  it('the app is SIGKILLed while waiting for the code: a new app process resumes the pending signup', async () => {
    const dataDir = tempDir('crash-sandbox');
    const sandbox = await startSandboxProcess({ dataDir });
    cleanups.push(() => sandbox.stop('SIGKILL'));
    const home = createAppHome('crash-app');
    const first = HeadlessApp.start(home, ['--url', sandbox.url]);
    cleanups.push(() => first.stop('SIGKILL'));
    await first.waitForEvent(isReady);
    await first.turn('Register my bakery Crumb Club in Lisbon, Portugal. owner@crumb.test');
    const code = codeFor(sandbox, 'owner@crumb.test');
    await first.stop('SIGKILL');

    const second = HeadlessApp.start(home, ['--url', sandbox.url]);
    cleanups.push(() => second.stop('SIGKILL'));
    const ready = await second.waitForEvent(isReady);
    expect(ready.pendingSignup).toMatchObject({ maskedEmail: 'o***r@c***b.test', organisationName: 'Crumb Club' });
    expect(ready.history.some((entry) => entry.kind === 'user' && entry.text.includes('Crumb Club'))).toBe(true);
    const resumed = await second.turn(`here it is: ${code}`);
    expect(toolEnds(resumed)[0]).toMatchObject({ toolName: 'register_organisation_verify', ok: true });
    expect(fs.readFileSync(home.configFile, 'utf8')).toMatch(/api_key = "fav_mcp_/);
    second.endInput();
    expect((await second.exited).code).toBe(0);
    expect(countRows(dataDir, 'signup_requests')).toBe(1);
    expect(countRows(dataDir, 'organisations')).toBe(1);
  });
});
