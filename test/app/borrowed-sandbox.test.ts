import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { startEmbeddedSandbox } from '../../src/app/embedded-sandbox.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import { startTestSandbox } from '../helpers/agent-fixture.js';

/** A person's own HOME and XDG dirs under `home`, the keyring off. */
function homeEnv(home: string): Record<string, string> {
  return { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state'), XDG_DATA_HOME: path.join(home, '.data'), FAVCRM_CHAT_KEYRING: 'off' };
}

describe('a sandbox borrowed from another favcrm-chat window', () => {
  it('when that window quits, this one runs its own on the same data: the pending signup survives and finishes', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-borrow-'));
    const dataDir = path.join(home, 'sandbox');
    // "Window A": a sandbox this session finds already listening on the preferred port.
    const windowA = await startTestSandbox({ dataDir });
    const port = Number(new URL(windowA.url).port);
    // As under `npm start`: the outbox hint must name a command that works there.
    const env = { ...homeEnv(home), FAVCRM_SANDBOX_PORT: String(port), npm_lifecycle_event: 'start', npm_package_name: 'favcrm-chat' };
    const app = await createAgentSession(parseAppOptions(['--new', '--yes', '--data', dataDir]), env, resolveAppPaths(env));
    const events: AgentEvent[] = [];
    app.session.subscribe((event) => events.push(event));
    const code = () => createOutbox(path.join(dataDir, 'outbox')).list(1)[0]?.code ?? 'none';
    try {
      await app.session.start();
      expect(events.some((event) => event.type === 'notice' && /already running on port/.test(event.text))).toBe(true);
      await app.session.send('Sign me up: Bean There cafe in Lisbon, bob@beanthere.pt');
      expect(app.session.authStatus().status).toBe('signed-out');
      const notice = events.find((event) => event.type === 'outbox-notice');
      expect(notice?.type === 'outbox-notice' && notice.command).toBe(`npm start -- sandbox outbox --data ${dataDir}`);

      await windowA.close();
      const before = events.length;
      await app.session.send(code());
      const after = events.slice(before);
      const revived = after.find((event) => event.type === 'notice' && /run by another favcrm-chat window\) stopped/.test(event.text));
      expect(revived && revived.type === 'notice' && revived.text).toMatch(/now runs its own on the same data\. Nothing was lost: send your message again\./);
      // The misleading "is the server running? check --url" is not what the person sees.
      expect(after.filter((event) => event.type === 'error')).toEqual([]);

      await app.session.send(code());
      expect(app.session.authStatus().status).toBe('signed-in');
      expect(fs.readFileSync(path.join(home, '.config', 'favcrm', 'config.toml'), 'utf8')).toContain(`url = "http://127.0.0.1:${port}/mcp"`);
    } finally {
      await app.close();
      await windowA.close().catch(() => undefined);
    }
  });

  it('does not borrow a sandbox that keeps other data: it runs its own, so /outbox shows its codes', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-borrow-'));
    const dataDir = path.join(home, 'sandbox');
    const otherData = path.join(home, 'someone-elses-sandbox');
    const other = await startTestSandbox({ dataDir: otherData });
    const port = Number(new URL(other.url).port);
    const env = { ...homeEnv(home), FAVCRM_SANDBOX_PORT: String(port) };
    const app = await createAgentSession(parseAppOptions(['--new', '--yes', '--data', dataDir]), env, resolveAppPaths(env));
    const events: AgentEvent[] = [];
    app.session.subscribe((event) => events.push(event));
    try {
      await app.session.start();
      const notice = events.find((event) => event.type === 'notice' && /keeps its data in/.test(event.text));
      expect(notice?.type === 'notice' && notice.text).toContain(`keeps its data in ${otherData}, not ${dataDir}`);
      const ready = events.find((event) => event.type === 'session-ready');
      expect(ready?.type === 'session-ready' && ready.endpoint.url).not.toBe(other.url);
      await app.session.send('Sign me up: Bean There cafe in Lisbon, bob@beanthere.pt');
      expect(createOutbox(path.join(dataDir, 'outbox')).list(1)[0]?.to).toBe('bob@beanthere.pt');
      expect(createOutbox(path.join(otherData, 'outbox')).list(1)).toEqual([]);
    } finally {
      await app.close();
      await other.close();
    }
  });

  it("borrows the saved key's sandbox whatever its data, and reads the outbox where that sandbox keeps it", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-borrow-'));
    const theirs = path.join(home, 'signed-up-here');
    const other = await startTestSandbox({ dataDir: theirs });
    const port = Number(new URL(other.url).port);
    try {
      const borrowed = await startEmbeddedSandbox({ preferredPort: port, dataDir: path.join(home, 'ours'), env: {}, keyLivesThere: true });
      expect(borrowed).toMatchObject({ borrowed: true, url: other.url, dataDir: theirs, outboxDirectory: path.join(theirs, 'outbox') });
      expect(borrowed.notice).toContain(`its data is in ${theirs}`);
    } finally {
      await other.close();
    }
  });

  it('a FAVCRM_SANDBOX_PORT fetch refuses to reach is swapped for a free port, and the person is told', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-bad-port-'));
    const sandbox = await startEmbeddedSandbox({ preferredPort: 6000, dataDir: path.join(home, 'data'), env: {} });
    try {
      expect(sandbox.url).not.toContain(':6000/');
      expect(sandbox.notice).toBe(`Port 6000 is one fetch clients refuse to connect to, so the sandbox runs on ${sandbox.url} this time.`);
      expect((await fetch(sandbox.url.replace(/\/mcp$/, '/'))).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('a sandbox reached with --url (`favcrm-chat sandbox` in another terminal) is shown as one, and /outbox reads its codes', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-borrow-'));
    const theirs = path.join(home, 'separate-sandbox');
    const other = await startTestSandbox({ dataDir: theirs });
    const env = homeEnv(home);
    const app = await createAgentSession(parseAppOptions(['--new', '--yes', '--url', other.url]), env, resolveAppPaths(env));
    const events: AgentEvent[] = [];
    app.session.subscribe((event) => events.push(event));
    try {
      await app.session.start();
      const ready = events.find((event) => event.type === 'session-ready');
      expect(ready?.type === 'session-ready' && ready.endpoint).toMatchObject({ url: other.url, sandbox: true, outboxDirectory: path.join(theirs, 'outbox') });
      await app.session.send('Sign me up: Bean There cafe in Lisbon, bob@beanthere.pt');
      expect((await app.session.readOutbox(1))?.[0]?.to).toBe('bob@beanthere.pt');
    } finally {
      await app.close();
      await other.close();
    }
  });
});
