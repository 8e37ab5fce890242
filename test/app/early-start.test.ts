import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { beginEarlyStart } from '../../src/app/early-start.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestSandbox } from '../helpers/agent-fixture.js';

describe('work begun before the core loads', () => {
  it('starts no keyring probe when the key goes to the file anyway, or the keyring is switched off', async () => {
    expect(await beginEarlyStart('file', {})).toEqual({});
    expect(await beginEarlyStart(undefined, { FAVCRM_CHAT_KEYRING: 'off' })).toEqual({});
    expect(await beginEarlyStart('auto', { FAVCRM_CHAT_KEYRING: 'no' })).toEqual({});
  });

  it('starts the probe otherwise, and it settles with an answer (never a rejection)', async () => {
    const { keyringProbe } = await beginEarlyStart('auto', { FAVCRM_CHAT_KEYRING: 'auto', PATH: process.env.PATH });
    expect(keyringProbe).toBeInstanceOf(Promise);
    const answer = await keyringProbe;
    expect(typeof answer?.available).toBe('boolean');
  });

  describe('createAgentSession with an early probe', () => {
    let sandbox: RunningSandbox;
    beforeAll(async () => {
      sandbox = await startTestSandbox();
    });
    afterAll(async () => {
      await sandbox.close();
    });

    it('says at start when config.toml cannot be read, instead of a bare "signed out"', async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-early-'));
      const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state'), FAVCRM_CHAT_KEYRING: 'off' };
      const configFile = path.join(home, '.config', 'favcrm', 'config.toml');
      fs.mkdirSync(path.dirname(configFile), { recursive: true });
      fs.writeFileSync(configFile, 'api_key = "fav_mcp_AAAAbbbbCCCCddddEEEEffff1234\nurl = [', { mode: 0o600 });
      const app = await createAgentSession(parseAppOptions(['--url', sandbox.url, '--new']), env, resolveAppPaths(env));
      try {
        const notice = app.startupNotices.find((text) => text.includes('could not be read'));
        // Under HOME, the path is shown the way a person types it.
        expect(notice).toContain(`~/${path.relative(home, configFile)} could not be read`);
        expect(notice).toContain('any key or URL in it is ignored');
        expect(notice).not.toContain('AAAAbbbb');
      } finally {
        await app.close();
      }
    });

    it("uses the probe's answer: an unavailable keyring means the 0600 file, with a warning that says why", async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-early-'));
      const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_STATE_HOME: path.join(home, '.state') };
      let probed = 0;
      const keyringProbe = Promise.resolve().then(() => {
        probed += 1;
        return { available: false, reason: 'probe said no' };
      });
      const app = await createAgentSession(parseAppOptions(['--url', sandbox.url, '--new']), env, resolveAppPaths(env), { keyringProbe });
      const events: AgentEvent[] = [];
      app.session.subscribe((event) => events.push(event));
      try {
        await app.session.start();
        expect(probed).toBe(1);
        const warnings = events.filter((event) => event.type === 'notice').map((event) => (event.type === 'notice' ? event.text : ''));
        expect(warnings).toContain('OS keyring unavailable (probe said no); keys are saved to ~/.config/favcrm/config.toml with mode 0600');
      } finally {
        await app.close();
      }
    });
  });
});
