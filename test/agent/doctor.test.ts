import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/agent/doctor.js';
import { connectFavcrm, type ConnectFavcrm, type FavcrmConnection } from '../../src/mcp/favcrm-connection.js';
import type { ToolOutcome } from '../../src/mcp/tool-result.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestSandbox } from '../helpers/agent-fixture.js';

/** A well-formed key the sandbox never issued (what QA passed with --api-key). */
const UNKNOWN_KEY = 'fav_mcp_AAAAbbbbCCCCddddEEEEffffGGGGhhhh1234';

/** A connection whose tools answer from `answers`; for servers that accept any key at connect time. */
function fakeConnect(answers: Record<string, ToolOutcome>): ConnectFavcrm {
  return async (url, apiKey): Promise<FavcrmConnection> => ({
    url,
    authenticated: apiKey !== null,
    listTools: async () => [],
    callTool: async (name) => answers[name] ?? { ok: true, data: {} },
    close: async () => undefined,
  });
}

describe('doctor: authenticated means the server accepted the key', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('a key the sandbox rejects: keyPresent, not authenticated, and the advice fits where the key came from', async () => {
    const advice: Record<string, RegExp> = {
      flag: /pass a valid key, or leave --api-key out/,
      FAVCRM_API_KEY: /set FAVCRM_API_KEY to a valid key, or unset it/,
      FAVCRM_MCP_TOKEN: /set FAVCRM_MCP_TOKEN to a valid key, or unset it/,
      'config file': /run \/logout \(or `favcrm-chat auth logout`\)/,
    };
    for (const [authSource, expected] of Object.entries(advice)) {
      const report = await runDoctor({ url: sandbox.url, apiKey: UNKNOWN_KEY, authSource, connect: connectFavcrm });
      expect(report).toMatchObject({ url: sandbox.url, authenticated: false, keyPresent: true, authSource, reachable: true });
      expect(report.currentUserError).toMatch(/rejected the API key/);
      expect(report.currentUserError).toMatch(expected);
      if (authSource !== 'config file') expect(report.currentUserError).not.toMatch(/logout/);
      expect(JSON.stringify(report)).not.toContain(UNKNOWN_KEY);
    }
  });

  it('no key: neither present nor authenticated, and the server is still checked', async () => {
    const report = await runDoctor({ url: sandbox.url, apiKey: null, authSource: null, connect: connectFavcrm });
    expect(report).toMatchObject({ authenticated: false, keyPresent: false, reachable: true });
    expect(report).not.toHaveProperty('authSource');
    expect(report.toolCount).toBeGreaterThan(0);
  });

  it('authenticated only when whoami answers with the caller, not with an error', async () => {
    const accepted = await runDoctor({
      url: 'http://fake/mcp',
      apiKey: UNKNOWN_KEY,
      authSource: 'keyring',
      connect: fakeConnect({ list_my_companies: { ok: true, data: { total: 1 } } }),
    });
    expect(accepted).toMatchObject({ authenticated: true, keyPresent: true, currentUser: { total: 1 } });

    const refused = await runDoctor({
      url: 'http://fake/mcp',
      apiKey: UNKNOWN_KEY,
      authSource: 'FAVCRM_API_KEY',
      connect: fakeConnect({
        list_my_companies: { ok: false, data: { error: { code: 'UNAUTHORIZED' } }, errorCode: 'UNAUTHORIZED', errorMessage: 'bad key' },
      }),
    });
    expect(refused).toMatchObject({ authenticated: false, keyPresent: true, authSource: 'FAVCRM_API_KEY' });
  });
});
