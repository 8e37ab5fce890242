import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedEnvironment, runCli } from '../helpers/spawn-cli.js';

/** Not FavCRM-shaped: only connect's own care keeps it out of what the process prints. */
const KEY = 'zqx-E2E-CONNECT-SECRET-5150';
const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

describe('favcrm-chat connect as a process (the shipped bundle)', () => {
  it('lists, connects Codex and Claude Desktop, is idempotent, removes, and never prints the key', async () => {
    const { home, env } = isolatedEnvironment({ FAVCRM_API_KEY: KEY });
    homes.push(home);
    const url = ['--url', 'https://api.favcrm.example/mcp'];
    const outputs: string[] = [];
    const run = async (args: string[]) => {
      const result = await runCli(['connect', ...args, ...url], env);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const listing = await run(['--json']);
    expect(listing.code).toBe(0);
    expect((JSON.parse(listing.stdout) as { clients: unknown[] }).clients).toHaveLength(6);

    expect((await run(['codex'])).code).toBe(0);
    expect(fs.readFileSync(path.join(home, '.codex', 'config.toml'), 'utf8')).toBe('[mcp_servers.favcrm]\nurl = "https://api.favcrm.example/mcp"\nbearer_token_env_var = "FAVCRM_API_KEY"\n');
    expect((await run(['codex'])).stdout).toContain('already connected');

    // stdin is a pipe: nobody to ask, so the inline key needs --yes.
    const refused = await run(['claude-desktop']);
    expect(refused.code).toBe(1);
    const desktop = path.join(env.XDG_CONFIG_HOME ?? '', 'Claude', 'claude_desktop_config.json');
    expect(fs.existsSync(desktop)).toBe(false);
    expect((await run(['claude-desktop', '--yes'])).code).toBe(0);
    expect(fs.statSync(desktop).mode & 0o777).toBe(0o600);

    expect((await run(['--remove', 'codex'])).code).toBe(0);
    expect(fs.readFileSync(path.join(home, '.codex', 'config.toml'), 'utf8')).toBe('');
    for (const output of outputs) expect(output).not.toContain(KEY);
  });
});
