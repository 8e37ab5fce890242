import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authCommandWith } from '../../src/commands/auth-command.js';
import type { AuthCommandDeps } from '../../src/secrets/auth-command.js';
import { runCommand } from '../helpers/run-command.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { keyringInfo, MemorySecretStore } from './memory-secret-store.js';
import { createTempConfigHome, type TempConfigHome } from './temp-config-home.js';

const KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrSt9876';
const ENV_KEY = 'fav_mcp_FromTheEnvironment1111';
const SANDBOX_URL = 'http://127.0.0.1:4319/mcp';

let home: TempConfigHome;
beforeEach(async () => {
  home = await createTempConfigHome();
});
afterEach(() => home.cleanup());

async function run(args: string[], overrides: Partial<AuthCommandDeps> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // `favcrm-chat auth <args>` through the command table, with the auth command's test doubles.
  const { env = home.env, paths = home.paths, stdout: _stdout, stderr: _stderr, ...doubles } = overrides;
  return runCommand(['auth', ...args], { env, paths, replace: [authCommandWith(doubles)] });
}

async function saveToFile(apiKey = KEY): Promise<void> {
  await new ConfigFileStore({ path: home.paths.favcrmConfigFile }).save({ apiKey, url: SANDBOX_URL });
}

function expectNoFullKey(...outputs: string[]): void {
  for (const output of outputs) {
    expect(output).not.toContain(KEY);
    expect(output).not.toContain(ENV_KEY);
  }
}

describe('favcrm-chat auth status', () => {
  it('shows where the key is, masked, and the endpoint saved with it', async () => {
    await saveToFile();
    const { code, stdout, stderr } = await run(['status']);
    expect(code).toBe(0);
    expect(stdout).toContain('Signed in with fav_mcp_...9876');
    expect(stdout).toContain('Accepted?  not checked here: `favcrm-chat doctor` asks FavCRM');
    expect(stdout).toContain(`config file (~${path.sep}${path.join('config', 'favcrm', 'config.toml')})`);
    // A saved loopback URL means the sandbox: the chat starts (or reuses) it on that port.
    expect(stdout).toContain(`Endpoint:  the FavCRM sandbox at ${SANDBOX_URL} (one of this app's already running there, else one the chat starts; the URL saved with the key in config file)`);
    expectNoFullKey(stdout, stderr);
  });

  it('--json gives the same facts, still masked', async () => {
    await saveToFile();
    const { code, stdout, stderr } = await run(['status', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      keyPresent: true,
      acceptedByServer: 'not checked: run `favcrm-chat doctor`',
      maskedKey: 'fav_mcp_...9876',
      source: 'config file',
      storage: { kind: 'config-file', location: home.paths.favcrmConfigFile },
      url: SANDBOX_URL,
      embeddedSandbox: true,
      saveTo: { kind: 'config-file' },
    });
    expectNoFullKey(stdout, stderr);
  });

  it('names the environment variable that wins and the saved key it hides', async () => {
    await saveToFile();
    const { stdout, stderr } = await run(['status'], { env: { ...home.env, FAVCRM_API_KEY: ENV_KEY, FAVCRM_MCP_URL: 'http://other/mcp' } });
    expect(stdout).toContain('Signed in with fav_mcp_...1111');
    expect(stdout).toContain('Key from:  FAVCRM_API_KEY');
    expect(stdout).toContain('http://other/mcp (FAVCRM_MCP_URL)');
    expect(stdout).toContain('Also saved: fav_mcp_...9876');
    expectNoFullKey(stdout, stderr);
  });

  it('masks a key passed with --api-key', async () => {
    const { stdout, stderr } = await run(['status', '--json'], { apiKeyFlag: KEY });
    expect(JSON.parse(stdout)).toMatchObject({ source: 'flag', maskedKey: 'fav_mcp_...9876' });
    expectNoFullKey(stdout, stderr);
  });

  it('takes the chat\'s own --api-key and --url, the flags its "Looked in" line names', async () => {
    const { code, stdout, stderr } = await run(['status', '--api-key', KEY, '--url=https://crm.example/mcp']);
    expect(code).toBe(0);
    expect(stdout).toContain('Signed in with fav_mcp_...9876');
    expect(stdout).toContain('Key from:  --api-key');
    expect(stdout).toContain('Endpoint:  https://crm.example/mcp (--url)');
    expectNoFullKey(stdout, stderr);
    const json = JSON.parse((await run(['status', '--json', '--url', 'http://127.0.0.1:1/mcp', '--api-key', KEY])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ source: 'flag', url: 'http://127.0.0.1:1/mcp', urlSource: '--url', embeddedSandbox: false });
    expect((await run(['status', '--url', 'ftp://nowhere'])).stderr).toContain('must start with http:// or https://');
    expect((await run(['status', '--api-key'])).code).toBe(2);
    // Logout removes saved keys; a key on the command line is not one of them.
    expect((await run(['logout', '--api-key', KEY])).code).toBe(2);
  });

  it('exits 1 and says how to sign in when there is no key, naming the embedded sandbox the chat would start', async () => {
    const { code, stdout } = await run(['status']);
    expect(code).toBe(1);
    expect(stdout).toContain('Not signed in.');
    expect(stdout).toContain("Endpoint:  the FavCRM sandbox at http://127.0.0.1:8765/mcp (one of this app's already running there, else one the chat starts; no URL configured)");
    expect(stdout).not.toContain('api.favcrm.io');
    expect(stdout).toContain('Saves to:  ~');
    expect(stdout).toContain('OS keyring not used: disabled by FAVCRM_CHAT_KEYRING=off');
  });

  it('follows the chat\'s endpoint order: FAVCRM_SANDBOX_PORT, FAVCRM_API_BASE, a saved remote URL', async () => {
    const port = await run(['status', '--json'], { env: { ...home.env, FAVCRM_SANDBOX_PORT: '9123' } });
    expect(JSON.parse(port.stdout)).toMatchObject({ url: 'http://127.0.0.1:9123/mcp', embeddedSandbox: true });
    const random = await run(['status'], { env: { ...home.env, FAVCRM_SANDBOX_PORT: '0' } });
    expect(random.stdout).toContain('the embedded FavCRM sandbox (on a free port, started by the chat');
    const base = await run(['status'], { env: { ...home.env, FAVCRM_API_BASE: 'https://api-dev.favcrm.io/' } });
    expect(base.stdout).toContain('Endpoint:  https://api-dev.favcrm.io/mcp (FAVCRM_API_BASE)');
    await new ConfigFileStore({ path: home.paths.favcrmConfigFile }).save({ apiKey: KEY, url: 'https://api.favcrm.io/mcp' });
    const saved = await run(['status', '--json']);
    expect(JSON.parse(saved.stdout)).toMatchObject({ url: 'https://api.favcrm.io/mcp', urlSource: 'config file', embeddedSandbox: false });
  });

  it('says a malformed config file could not be read, and where, without quoting the key in it', async () => {
    await mkdir(path.dirname(home.paths.favcrmConfigFile), { recursive: true });
    await writeFile(home.paths.favcrmConfigFile, `api_key = "${KEY}\n`);
    const { code, stdout, stderr } = await run(['status']);
    expect(code).toBe(1);
    const where = `~${path.sep}${path.join('config', 'favcrm', 'config.toml')}`;
    expect(stdout).toContain(`Not signed in: ${where} could not be read (not valid TOML: `);
    expect(stdout).toContain('line 1, column');
    expect(stdout).toContain('Fix the file or delete it');
    expect(stderr).toBe('');
    expectNoFullKey(stdout, stderr);
    expect(stdout).not.toContain('AbCdEfGh');

    // With a key from elsewhere the broken file is still named, not hidden behind "Signed in".
    const withEnv = await run(['status'], { env: { ...home.env, FAVCRM_API_KEY: ENV_KEY } });
    expect(withEnv.stdout).toContain(`Warning:   ${where} could not be read`);
    const json = JSON.parse((await run(['status', '--json'])).stdout) as Record<string, unknown>;
    expect(json.configFileProblem).toMatch(/could not be read/);
    expectNoFullKey(withEnv.stdout, withEnv.stderr, JSON.stringify(json));
  });

  it('rejects unknown arguments with usage', async () => {
    const { code, stderr } = await run(['status', '--verbose']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: favcrm-chat auth status');
    expect((await run(['--key-store', 'disk', 'status'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('favcrm-chat auth logout', () => {
  it('removes the key from the config file, keeps the url, and says so', async () => {
    await saveToFile();
    const { code, stdout, stderr } = await run(['logout']);
    expect(code).toBe(0);
    expect(stdout).toContain('Removed fav_mcp_...9876 from ~');
    expectNoFullKey(stdout, stderr);
    const text = await readFile(home.paths.favcrmConfigFile, 'utf8');
    expect(text).not.toContain('api_key');
    expect(text).toContain(SANDBOX_URL);
    // The url stays (as `favcrm logout` leaves it), and status no longer calls it "saved with the key".
    const after = await run(['status']);
    expect(after.stdout).toContain('the URL saved (no key beside it) in config file');
    expect(after.stdout).not.toContain('saved with the key');
  });

  it('clears both the keyring and a key `favcrm login` left in the file', async () => {
    await saveToFile();
    const keyring = new MemorySecretStore(keyringInfo, { apiKey: 'fav_mcp_InTheKeyring00002222' });
    const configFile = new ConfigFileStore({ path: home.paths.favcrmConfigFile });
    const { code, stdout, stderr } = await run(['logout'], {
      chooseStore: async () => ({ store: keyring, readStores: [keyring, configFile], configFile }),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Removed fav_mcp_...2222 from OS keyring (service favcrm-chat)');
    expect(stdout).toContain('Removed fav_mcp_...9876 from ~');
    expect(keyring.credential).toBeNull();
    expect(await configFile.load()).toBeNull();
    expect(stdout + stderr).not.toContain('fav_mcp_InTheKeyring00002222');
    expectNoFullKey(stdout, stderr);
  });

  it('says nothing was saved, and that environment keys still apply', async () => {
    const { code, stdout } = await run(['logout'], { env: { ...home.env, FAVCRM_API_KEY: ENV_KEY, FAVCRM_MCP_TOKEN: ENV_KEY } });
    expect(code).toBe(0);
    expect(stdout).toContain('No saved key found');
    expect(stdout).toContain('FAVCRM_API_KEY is still set in your environment and will still be used');
    expect(stdout).toContain('FAVCRM_MCP_TOKEN is still set');
    expectNoFullKey(stdout);
  });

  it('fails with an actionable message on a malformed file, leaving it alone', async () => {
    await mkdir(path.dirname(home.paths.favcrmConfigFile), { recursive: true });
    const broken = `api_key = "${KEY}\n`;
    await writeFile(home.paths.favcrmConfigFile, broken);
    const { code, stdout, stderr } = await run(['logout']);
    expect(code).toBe(1);
    expect(stderr).toContain('Fix the file or delete it');
    expectNoFullKey(stdout, stderr);
    expect(await readFile(home.paths.favcrmConfigFile, 'utf8')).toBe(broken);
  });

  it('reports a forced but unavailable keyring instead of crashing', async () => {
    const { code, stderr } = await run(['logout', '--key-store', 'keyring'], { env: { ...home.env, FAVCRM_CHAT_KEYRING: 'off' } });
    expect(code).toBe(1);
    expect(stderr).toContain('OS keyring unavailable');
  });
});
