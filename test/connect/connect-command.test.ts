import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCommandWith } from '../../src/commands/connect-command.js';
import type { ConnectCommandDeps } from '../../src/connect/connect-command.js';
import { runCommand } from '../helpers/run-command.js';
import { CLIENT_IDS } from '../../src/connect/connect-types.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { createTempConfigHome, type TempConfigHome } from '../secrets/temp-config-home.js';

/** Not FavCRM-shaped, so the pattern redactor cannot be what keeps it out: connect itself must. */
const KEY = 'zqx-CONNECT-SECRET-7f3a9c2e41';
const PROJECT = 'project';

let home: TempConfigHome;
let everything = '';
beforeEach(async () => {
  home = await createTempConfigHome();
  everything = '';
  await mkdir(path.join(home.root, PROJECT), { recursive: true });
});
afterEach(async () => {
  // Whatever a test printed, the key was never in it.
  expect(everything).not.toContain(KEY);
  await home.cleanup();
});

async function run(args: string[], overrides: Partial<ConnectCommandDeps> & { env?: Record<string, string | undefined> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // `favcrm-chat connect <args>` through the command table, with connect's test doubles.
  const { env: envOverrides, paths: _paths, stdout: _stdout, stderr: _stderr, ...doubles } = overrides;
  const { code, stdout, stderr } = await runCommand(['connect', ...args], {
    paths: home.paths,
    env: { ...home.env, FAVCRM_API_KEY: KEY, PATH: '', ...envOverrides },
    replace: [connectCommandWith({ platform: 'linux', cwd: path.join(home.root, PROJECT), now: () => new Date('2026-12-07T09:30:00Z'), ...doubles })],
  });
  everything += stdout + stderr;
  return { code, stdout, stderr };
}

const desktopFile = () => path.join(home.env.XDG_CONFIG_HOME ?? '', 'Claude', 'claude_desktop_config.json');

describe('favcrm-chat connect (the command)', () => {
  it('with no client lists every client, what it would write where, and the endpoint; --json the same as data', async () => {
    const text = await run([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('FavCRM endpoint: http://127.0.0.1:8765/mcp');
    for (const name of ['Claude Code', 'Cursor', 'VS Code', 'Codex CLI', 'Gemini CLI', 'Claude Desktop']) expect(text.stdout).toContain(name);
    expect(text.stdout).toContain('would create ~/.claude.json');
    const json = await run(['--json']);
    const report = JSON.parse(json.stdout) as { kind: string; clients: { client: string; plan: { file: string } }[] };
    expect(report.kind).toBe('listing');
    expect(report.clients.map((client) => client.client)).toEqual([...CLIENT_IDS]);
  });

  it('--scope project with no client lists what each client would write in this folder', async () => {
    const { stdout } = await run(['--scope', 'project']);
    expect(stdout).toContain(`would create ~${path.sep}${path.join(PROJECT, '.mcp.json')}`);
    expect(stdout).toContain('cannot connect: Claude Desktop has no project configuration.');
  });

  it('finds an installed client by its command on PATH and its config directory', async () => {
    const bin = path.join(home.root, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'codex'), '#!/bin/sh\n', { mode: 0o755 });
    await mkdir(path.join(home.root, '.gemini'), { recursive: true });
    const { stdout } = await run(['--json'], { env: { PATH: bin } });
    const clients = (JSON.parse(stdout) as { clients: { client: string; evidence: string[] }[] }).clients;
    expect(clients.find((client) => client.client === 'codex')?.evidence[0]).toContain('codex on PATH');
    expect(clients.find((client) => client.client === 'gemini')?.evidence).toEqual([path.join(home.root, '.gemini')]);
    expect(clients.find((client) => client.client === 'cursor')?.evidence).toEqual([]);
  });

  it.each(CLIENT_IDS)('%s: connect, re-run, dry-run, remove and JSON never print the key', async (client) => {
    const yes = client === 'claude-desktop' ? ['--yes'] : [];
    const dry = await run([client, '--dry-run']);
    expect(dry.code).toBe(0);
    const first = await run([client, ...yes]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Created /);
    const again = await run([client, ...yes, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, kind: 'result', written: false, plan: { action: 'unchanged' } });
    expect((await run([client, ...yes])).stdout).toContain('is already connected');
    const removed = await run(['--remove', client, '--json']);
    expect(JSON.parse(removed.stdout)).toMatchObject({ ok: true, plan: { action: 'remove' } });
  });

  it('Claude Desktop headless: says the key would go inline, writes nothing without --yes, and names the file', async () => {
    const { code, stdout, stderr } = await run(['claude-desktop']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('cannot take the key by reference');
    expect(stderr).toContain(`written into ${desktopFile()}`);
    expect(stderr).toContain('Run it again with --yes');
    await expect(stat(desktopFile())).rejects.toThrow();
    const json = await run(['claude-desktop', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, kind: 'needs-confirmation' });
  });

  it('Claude Desktop in a terminal: asks, and writes the key 0600 only on yes', async () => {
    const questions: string[] = [];
    const no = await run(['claude-desktop'], { ask: async (question) => (questions.push(question), false) });
    expect(no.code).toBe(1);
    await expect(stat(desktopFile())).rejects.toThrow();
    const yes = await run(['claude-desktop'], { ask: async () => true });
    expect(yes.code).toBe(0);
    expect(questions[0]).toContain('Write the key into ~/');
    expect((await stat(desktopFile())).mode & 0o777).toBe(0o600);
    expect(await readFile(desktopFile(), 'utf8')).toContain(KEY);
  });

  it('refuses an unparseable file that holds the key, without echoing any of it, and leaves it alone', async () => {
    await mkdir(path.dirname(desktopFile()), { recursive: true });
    const broken = `{ "mcpServers": { "old": { "env": { "T": "Bearer ${KEY}" } }\n`;
    await writeFile(desktopFile(), broken);
    for (const args of [['claude-desktop', '--yes'], ['claude-desktop', '--yes', '--json'], []]) {
      const result = await run(args);
      expect(result.stdout + result.stderr).toContain('claude_desktop_config.json');
    }
    const { code, stderr } = await run(['claude-desktop', '--yes']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/is not valid JSON: .* at line \d+, column \d+\. Nothing was written\./);
    expect(await readFile(desktopFile(), 'utf8')).toBe(broken);
  });

  it('writes for the endpoint the chat would use (--url), with no sandbox warning for a remote one', async () => {
    const { stdout } = await run(['cursor', '--url', 'https://api.favcrm.example/mcp']);
    expect(stdout).toContain('Endpoint: https://api.favcrm.example/mcp');
    expect(stdout).not.toContain('local sandbox');
    const file = await readFile(path.join(home.root, '.cursor', 'mcp.json'), 'utf8');
    expect(file).toContain('"url": "https://api.favcrm.example/mcp"');
  });

  it('never puts a saved key into a file for another FavCRM than the one that issued it', async () => {
    await new ConfigFileStore({ path: home.paths.favcrmConfigFile }).save({ apiKey: KEY, url: 'http://127.0.0.1:4319/mcp' });
    const { code, stderr } = await run(['claude-desktop', '--yes', '--url', 'https://elsewhere.example/mcp', '--key-store', 'file'], { env: { FAVCRM_API_KEY: undefined } });
    expect(code).toBe(1);
    expect(stderr).toContain('no FavCRM key was found');
    await expect(stat(desktopFile())).rejects.toThrow();
  });

  it('usage errors exit 2: an unknown client, a bad scope, --remove without a client, Claude Desktop at project scope', async () => {
    expect((await run(['notepad'])).code).toBe(2);
    expect((await run(['cursor', '--scope', 'team'])).code).toBe(2);
    expect((await run(['--remove'])).code).toBe(2);
    const desktop = await run(['claude-desktop', '--scope', 'project', '--yes']);
    expect(desktop.code).toBe(2);
    expect(desktop.stderr).toContain('Claude Desktop has no project configuration');
  });

  it('refuses when the chat would put its sandbox on a free port: there is no URL another client could keep', async () => {
    const { code, stderr } = await run(['cursor'], { env: { FAVCRM_SANDBOX_PORT: '0' } });
    expect(code).toBe(1);
    expect(stderr).toContain('no fixed URL to give another client');
  });

  it('--api-key-file gives the key for Claude Desktop without it ever being on the command line or in the output', async () => {
    const keyFile = path.join(home.root, 'key.txt');
    await writeFile(keyFile, `${KEY}\n`, { mode: 0o600 });
    const { code } = await run(['claude-desktop', '--yes', '--api-key-file', keyFile], { env: { FAVCRM_API_KEY: undefined } });
    expect(code).toBe(0);
    expect(await readFile(desktopFile(), 'utf8')).toContain(`Bearer ${KEY}`);
    const missing = await run(['claude-desktop', '--yes', '--api-key-file', path.join(home.root, 'absent.txt')], { env: { FAVCRM_API_KEY: undefined } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read --api-key-file');
  });

  it('project scope writes into the working directory', async () => {
    const { code } = await run(['claude-code', '--scope', 'project']);
    expect(code).toBe(0);
    expect(JSON.parse(await readFile(path.join(home.root, PROJECT, '.mcp.json'), 'utf8'))).toEqual({
      mcpServers: { favcrm: { type: 'http', url: 'http://127.0.0.1:8765/mcp', headers: { Authorization: 'Bearer ${FAVCRM_API_KEY}' } } },
    });
  });
});
