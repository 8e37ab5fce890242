import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { latestCode, startTestSandbox, tempDir } from '../helpers/agent-fixture.js';
import { signUpDirectly } from '../helpers/direct-signup.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { signupModel } from '../helpers/signup-model-script.js';

/** #15: a sandbox key remembers which sandbox issued it; no other sandbox can call it rejected. */

let model: FakeOpenAiServer;
beforeAll(async () => {
  model = await startFakeOpenAiServer((body) => signupModel(body));
});
afterAll(async () => {
  await model.close();
});

function homeEnvironment(): Record<string, string> {
  const home = tempDir('sandbox-key');
  return { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state'), FAVCRM_CHAT_KEYRING: 'off', OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'fake' };
}

async function start(env: Record<string, string>, args: string[] = []) {
  const app = await createAgentSession(parseAppOptions(['--headless', '--yes', ...args]), env, resolveAppPaths(env, 'linux'));
  const events: AgentEvent[] = [];
  app.session.subscribe((event) => events.push(event));
  await app.session.start();
  return { app, events };
}

describe('a sandbox key and the sandbox that issued it', () => {
  it('runs the embedded sandbox over the data of the sandbox that issued the saved key, once that one has stopped', async () => {
    const env = homeEnvironment();
    const otherData = tempDir('separate-sandbox');
    const separate = await startTestSandbox({ dataDir: otherData });
    const first = await start(env, ['--url', separate.url]);
    await first.app.session.send('Sign us up please, owner@separate.example');
    await first.app.session.send(latestCode(separate, 'owner@separate.example'));
    expect(first.app.session.authStatus().status).toBe('signed-in');
    await first.app.close();
    await separate.close();

    // Its URL named while it is stopped: the start says which sandbox issued the key and how to start it.
    const named = await start(env, ['--url', separate.url]);
    const notice = named.events.find((event): event is Extract<AgentEvent, { type: 'notice' }> => event.type === 'notice' && event.text.includes('is not running'));
    expect(notice?.text).toContain(`sandbox --port ${new URL(separate.url).port} --data`);
    expect(JSON.stringify(named.events)).not.toMatch(/rejected|\/logout/);
    await named.app.close();

    // No URL now: the saved loopback URL means the embedded sandbox, over the data that knows the key.
    const again = await start(env);
    try {
      expect(again.app.endpoint.sandbox).toBe(true);
      expect(again.app.endpoint.dataDirectory && fs.realpathSync(again.app.endpoint.dataDirectory)).toBe(fs.realpathSync(otherData));
      expect(again.app.session.authStatus().status).toBe('signed-in');
      expect(JSON.stringify(again.events)).not.toContain('rejected');
    } finally {
      await again.app.close();
    }
  });

  it('never calls a saved sandbox key rejected, or suggests /logout, when a sandbox over other data refuses it', async () => {
    const env = homeEnvironment();
    const issuer = await startTestSandbox();
    const key = await signUpDirectly(issuer, 'owner@issuer.example');
    await issuer.close();
    // Saved by hand (or by an older version): which sandbox issued it is not known.
    await new ConfigFileStore({ path: resolveAppPaths(env, 'linux').favcrmConfigFile }).save({ apiKey: key, url: issuer.url });
    const { app, events } = await start(env);
    try {
      expect(app.session.authStatus().status).toBe('signed-out');
      const notice = events.find((event): event is Extract<AgentEvent, { type: 'notice' }> => event.type === 'notice' && event.text.includes('does not know the saved key'));
      expect(notice?.text).toContain('The key is kept');
      expect(notice?.text).toContain('sandbox --port');
      expect(JSON.stringify(events)).not.toMatch(/rejected|\/logout/);
      const report = await app.session.doctor();
      expect(JSON.stringify(report)).not.toMatch(/rejected|\/logout/);
      // The key is still where it was.
      expect(fs.readFileSync(resolveAppPaths(env, 'linux').favcrmConfigFile, 'utf8')).toContain(key);
    } finally {
      await app.close();
    }
  });
});
