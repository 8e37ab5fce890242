import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession, type AppContext } from '../../src/app/create-agent-session.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { runCommand } from '../helpers/run-command.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { latestCode, startTestSandbox, tempDir } from '../helpers/agent-fixture.js';
import { signUpDirectly } from '../helpers/direct-signup.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { startHostileProxy, type HostileProxy } from '../helpers/hostile-mcp-proxy.js';
import { signupModel } from '../helpers/signup-model-script.js';

/** #15: keys are kept per endpoint, and a key FavCRM shows once is never lost. */

let production: RunningSandbox;
let productionUrl: HostileProxy;
let sandbox: RunningSandbox;
let model: FakeOpenAiServer;
beforeAll(async () => {
  // "Production": another FavCRM at its own URL (a sandbox behind a proxy, so its Authorization headers are seen).
  production = await startTestSandbox();
  productionUrl = await startHostileProxy(production.url, () => undefined);
  sandbox = await startTestSandbox();
  model = await startFakeOpenAiServer((body) => signupModel(body));
});
afterAll(async () => {
  await model.close();
  await productionUrl.close();
  await production.close();
  await sandbox.close();
});

function homeEnvironment(home = tempDir('keys-home')): Record<string, string> {
  return { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state'), FAVCRM_CHAT_KEYRING: 'off', OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'fake' };
}

async function open(args: string[], env: Record<string, string>): Promise<{ app: AppContext; events: AgentEvent[] }> {
  const app = await createAgentSession(parseAppOptions(['--headless', '--yes', ...args]), env, resolveAppPaths(env, 'linux'));
  const events: AgentEvent[] = [];
  app.session.subscribe((event) => events.push(event));
  await app.session.start();
  return { app, events };
}

async function signUp(app: AppContext, email: string): Promise<void> {
  await app.session.send(`Sign us up please, ${email}`);
  await app.session.send(latestCode(sandbox, email));
}

async function status(env: Record<string, string>, args: string[] = []): Promise<string> {
  let stdout = '';
  stdout = (await runCommand(['auth', 'status', ...args], { env, paths: resolveAppPaths(env, 'linux') })).stdout;
  return stdout;
}

describe('a person with a production key tries the sandbox and comes back with nothing lost', () => {
  it('keeps config.toml\'s production key through a sandbox signup, and uses each key for its own URL', async () => {
    const env = homeEnvironment();
    const productionKey = await signUpDirectly(production, 'owner@real.example');
    const configFile = resolveAppPaths(env, 'linux').favcrmConfigFile;
    await new ConfigFileStore({ path: configFile }).save({ apiKey: productionKey, url: productionUrl.url });
    const before = fs.readFileSync(configFile, 'utf8');

    const trial = await open(['--url', sandbox.url], env);
    expect(trial.app.session.authStatus().status).toBe('signed-out');
    await signUp(trial.app, 'trial@sandbox.example');
    expect(trial.events.some((event) => event.type === 'signup-completed')).toBe(true);
    const signedIn = trial.app.session.authStatus();
    expect(signedIn).toMatchObject({ status: 'signed-in', storage: { kind: 'app-file' } });
    await trial.app.close();

    // config.toml is untouched: `favcrm` still works against production.
    expect(fs.readFileSync(configFile, 'utf8')).toBe(before);
    const keysFile = resolveAppPaths(env, 'linux').appKeyFile;
    expect(fs.statSync(keysFile).mode & 0o777).toBe(0o600);
    const sandboxKey = (JSON.parse(fs.readFileSync(keysFile, 'utf8')) as { keys: Array<{ url: string; apiKey: string }> }).keys.find((entry) => entry.url === sandbox.url)?.apiKey ?? '';
    expect(sandboxKey).toMatch(/^fav_mcp_/);

    // Back to production: its key, sent to its URL. (Named with --url: a saved loopback URL means the embedded
    // sandbox, and this test's "production" listens on loopback.)
    const back = await open(['--url', productionUrl.url], env);
    expect(back.app.endpoint.url).toBe(productionUrl.url);
    expect(back.app.session.authStatus()).toMatchObject({ status: 'signed-in', maskedKey: `fav_mcp_...${productionKey.slice(-4)}` });
    await back.app.session.send('which companies am I in?');
    expect(productionUrl.calls.at(-1)).toMatchObject({ toolName: 'list_my_companies', authorization: `Bearer ${productionKey}` });
    await back.app.close();

    // And the sandbox again: its own key, from favcrm-chat's file.
    const again = await open(['--url', sandbox.url], env);
    expect(again.app.session.authStatus()).toMatchObject({ status: 'signed-in', maskedKey: `fav_mcp_...${sandboxKey.slice(-4)}` });
    await again.app.close();

    // auth status says which key belongs to which endpoint.
    const shown = await status(env);
    expect(shown).toContain(`fav_mcp_...${productionKey.slice(-4)}`);
    expect(shown).toContain(`Also saved: fav_mcp_...${sandboxKey.slice(-4)} in ~${path.sep}${path.join('config', 'favcrm-chat', 'keys.json')} for ${sandbox.url}`);
    expect(shown).not.toContain(productionKey);
    expect(shown).not.toContain(sandboxKey);
  });

  it('keeps the first key when a second business signs up on the same endpoint (retired, not lost)', async () => {
    const env = homeEnvironment();
    const first = await open(['--url', sandbox.url], env);
    await signUp(first.app, 'first@same.example');
    await first.app.close();
    const configFile = resolveAppPaths(env, 'linux').favcrmConfigFile;
    const firstKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(configFile, 'utf8'))?.[1] ?? '';
    const second = await open(['--url', sandbox.url], env);
    await signUp(second.app, 'second@same.example');
    await second.app.close();
    const secondKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(configFile, 'utf8'))?.[1] ?? '';
    expect(secondKey).not.toBe(firstKey);
    const keys = JSON.parse(fs.readFileSync(resolveAppPaths(env, 'linux').appKeyFile, 'utf8')) as { retired: Array<{ apiKey: string; url: string }> };
    expect(keys.retired).toEqual([expect.objectContaining({ apiKey: firstKey, url: sandbox.url })]);
  });
});

describe('a key FavCRM shows once is never lost', () => {
  it('keeps the person signed in when no store can be written, and saves the key once the problem is fixed', async () => {
    const home = tempDir('unwritable');
    const env = homeEnvironment(home);
    // $XDG_CONFIG_HOME is a file: neither config.toml nor favcrm-chat's key file can be written under it.
    fs.writeFileSync(env.XDG_CONFIG_HOME as string, 'not a directory');
    const { app, events } = await open(['--url', sandbox.url], env);
    await signUp(app, 'stuck@unwritable.example');

    const verify = events.find((event): event is Extract<AgentEvent, { type: 'tool-call-end' }> => event.type === 'tool-call-end' && event.toolName === 'register_organisation_verify');
    expect(verify).toMatchObject({ ok: true });
    expect(JSON.stringify(verify?.data)).toContain('apiKeyNotSaved');
    expect(app.session.authStatus()).toMatchObject({ status: 'signed-in', storage: { kind: 'memory' } });
    const notice = events.find((event) => event.type === 'notice' && event.text.includes('/save-key'));
    expect(notice).toBeTruthy();
    // Still working with the key.
    await app.session.send('which companies am I in?');
    expect(events.filter((event) => event.type === 'tool-call-end' && event.toolName === 'list_my_companies').at(-1)).toMatchObject({ ok: true });

    // Revealed once, to the caller's own sink only; never in an event.
    let shown = '';
    expect(app.session.revealUnsavedKey((key) => (shown = key))).toBe(true);
    expect(shown).toMatch(/^fav_mcp_[A-Za-z0-9]{32,}$/);
    expect(app.session.revealUnsavedKey(() => undefined)).toBe(false);
    expect(JSON.stringify(events)).not.toContain(shown);

    // Fixed: /save-key stores it.
    fs.rmSync(env.XDG_CONFIG_HOME as string);
    expect(await app.session.saveUnsavedKey()).toContain('Saved the key');
    expect(fs.readFileSync(resolveAppPaths(env, 'linux').favcrmConfigFile, 'utf8')).toContain(shown);
    expect(app.session.authStatus()).toMatchObject({ status: 'signed-in', storage: { kind: 'config-file' } });
    await app.close();
  });
});
