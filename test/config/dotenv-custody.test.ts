import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { loadEnvironment } from '../../src/config/load-environment.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { probeKeyringWithReason } from '../../src/secrets/keyring-store.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestSandbox, tempDir } from '../helpers/agent-fixture.js';
import { signUpDirectly } from '../helpers/direct-signup.js';
import { startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { startHostileProxy } from '../helpers/hostile-mcp-proxy.js';

/** #15: a `.env` in the working directory configures the app; it cannot run code or move a secret elsewhere. */

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function project(dotenv: string): string {
  const directory = tempDir('project');
  fs.writeFileSync(path.join(directory, '.env'), dotenv);
  return directory;
}

function homeEnvironment(): Record<string, string | undefined> {
  const home = tempDir('dotenv-home');
  return { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state'), FAVCRM_CHAT_KEYRING: 'off' };
}

describe('.env may configure favcrm-chat, nothing else', () => {
  it('ignores NODE_OPTIONS, HOME, XDG_*, DBUS_* and proxies, and says so; the shell always wins', () => {
    const directory = project(
      ['NODE_OPTIONS=--require ./payload.cjs', 'HOME=/tmp/elsewhere', 'XDG_CONFIG_HOME=/tmp/elsewhere', 'DBUS_SESSION_BUS_ADDRESS=unix:path=/tmp/evil', 'HTTPS_PROXY=http://evil:8080', 'FAVCRM_MCP_URL=http://evil.example/mcp', 'OPENAI_MODEL=gpt-4o-mini', 'FAVCRM_SANDBOX_PORT=1234'].join('\n'),
    );
    const env: Record<string, string | undefined> = { HOME: '/home/me', FAVCRM_SANDBOX_PORT: '0' };
    const origins = loadEnvironment(env, directory);
    expect(env).toEqual({ HOME: '/home/me', FAVCRM_SANDBOX_PORT: '0', FAVCRM_MCP_URL: 'http://evil.example/mcp', OPENAI_MODEL: 'gpt-4o-mini' });
    expect([...origins.fromDotenv].sort()).toEqual(['FAVCRM_MCP_URL', 'OPENAI_MODEL']);
    expect(origins.ignored).toEqual(['NODE_OPTIONS', 'HOME', 'XDG_CONFIG_HOME', 'DBUS_SESSION_BUS_ADDRESS', 'HTTPS_PROXY']);
  });

  it('gives the keyring probe a minimal environment: no NODE_OPTIONS (no code run), no keys', async () => {
    const directory = tempDir('probe');
    const marker = path.join(directory, 'payload-ran');
    const seen = path.join(directory, 'child-env.json');
    fs.writeFileSync(path.join(directory, 'payload.cjs'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
    fs.writeFileSync(
      path.join(directory, 'recording-keyring.cjs'),
      `require('fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify(process.env));
class Entry { setPassword(value) { this.value = value; } getPassword() { return this.value; } deleteCredential() { return true; } }
module.exports = { Entry };\n`,
    );
    const env = { NODE_OPTIONS: `--require ${path.join(directory, 'payload.cjs')}`, FAVCRM_API_KEY: `fav_mcp_${'S'.repeat(40)}`, OPENAI_API_KEY: 'sk-shell', PATH: process.env.PATH ?? '' };
    expect(await probeKeyringWithReason(5000, { env, modulePath: path.join(directory, 'recording-keyring.cjs') })).toEqual({ available: true });
    expect(fs.existsSync(marker)).toBe(false);
    const childEnv = JSON.parse(fs.readFileSync(seen, 'utf8')) as Record<string, string>;
    expect(Object.keys(childEnv).filter((name) => /NODE_OPTIONS|KEY|TOKEN|FAVCRM|OPENAI/.test(name))).toEqual([]);
  });

  it('does not send a key from the shell to an endpoint only .env names, and says so at start', async () => {
    const shellKey = await signUpDirectly(sandbox, 'shell@dotenv.example');
    const proxy = await startHostileProxy(sandbox.url, () => undefined);
    try {
      const env = { ...homeEnvironment(), FAVCRM_API_KEY: shellKey };
      loadEnvironment(env, project(`FAVCRM_MCP_URL=${proxy.url}\n`));
      const app = await createAgentSession(parseAppOptions(['--headless']), env, resolveAppPaths(env, 'linux'));
      try {
        await app.session.start();
        expect(app.session.authStatus()).toEqual({ status: 'signed-out' });
        expect(proxy.authorizations.length).toBeGreaterThan(0);
        expect(proxy.authorizations.filter((header) => header !== '')).toEqual([]);
        expect(app.startupNotices.join('\n')).toContain(`The FavCRM endpoint ${proxy.url} comes from`);
        expect(app.startupNotices.join('\n')).toContain('was not sent there');
      } finally {
        await app.close();
      }
      // Named outside .env (a flag), the same key goes.
      const named = { ...homeEnvironment(), FAVCRM_API_KEY: shellKey };
      loadEnvironment(named, project(`FAVCRM_MCP_URL=${proxy.url}\n`));
      const flagged = await createAgentSession(parseAppOptions(['--headless', '--url', proxy.url]), named, resolveAppPaths(named, 'linux'));
      await flagged.session.start();
      expect(flagged.session.authStatus().status).toBe('signed-in');
      await flagged.close();
    } finally {
      await proxy.close();
    }
  });

  it('sends a stored key to .env\'s endpoint only when it is the URL the key was saved for', async () => {
    const storedKey = await signUpDirectly(sandbox, 'stored@dotenv.example');
    const proxy = await startHostileProxy(sandbox.url, () => undefined);
    try {
      // A key written by hand (no URL) would go anywhere; .env alone cannot send it.
      for (const [savedFor, sent] of [[undefined, false], [sandbox.url, false], [proxy.url, true]] as const) {
        const env = homeEnvironment();
        await new ConfigFileStore({ path: resolveAppPaths(env, 'linux').favcrmConfigFile }).save({ apiKey: storedKey, ...(savedFor ? { url: savedFor } : {}) });
        loadEnvironment(env, project(`FAVCRM_MCP_URL=${proxy.url}\n`));
        const before = proxy.authorizations.length;
        const app = await createAgentSession(parseAppOptions(['--headless']), env, resolveAppPaths(env, 'linux'));
        await app.session.start();
        expect(proxy.authorizations.slice(before).some((header) => header === `Bearer ${storedKey}`), String(savedFor)).toBe(sent);
        await app.close();
      }
    } finally {
      await proxy.close();
    }
  });

  it('sends OPENAI_API_KEY from the shell only to a model server named outside .env', async () => {
    const server = await startFakeOpenAiServer(() => ({ text: 'Hello.' }));
    try {
      for (const [where, expected] of [['.env', 'Bearer not-needed'], ['shell', 'Bearer sk-from-the-shell']] as const) {
        const env: Record<string, string | undefined> = { ...homeEnvironment(), OPENAI_API_KEY: 'sk-from-the-shell', FAVCRM_MCP_URL: sandbox.url, OPENAI_MODEL: 'm' };
        if (where === 'shell') env.OPENAI_BASE_URL = server.baseURL;
        loadEnvironment(env, project(where === '.env' ? `OPENAI_BASE_URL=${server.baseURL}\n` : ''));
        const app = await createAgentSession(parseAppOptions(['--headless']), env, resolveAppPaths(env, 'linux'));
        await app.session.start();
        await app.session.send('hello');
        expect(server.authorizations.at(-1), where).toBe(expected);
        if (where === '.env') expect(app.startupNotices.join('\n')).toContain('is not sent to');
        await app.close();
      }
    } finally {
      await server.close();
    }
  });
});
