import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { startTestSandbox } from '../helpers/agent-fixture.js';
import { deadUrl, startFakeServer } from '../helpers/fake-http-servers.js';
import { CliProcess, isolatedEnvironment, runCli } from '../helpers/spawn-cli.js';

const events = (stdout: string): AgentEvent[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as AgentEvent);

describe('favcrm-chat as a process: headless, doctor, auth and the sandbox outbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('runs the whole offline journey in --headless --json, and the key lands only in the 0600 config file', async () => {
    const { home, env } = isolatedEnvironment();
    const cli = new CliProcess(['--headless', '--json', '--yes', '--url', sandbox.url], env);
    cli.send('Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong');
    await cli.waitFor(() => cli.stdout.includes('What should I use'), 'the email question');
    cli.send('headless@stretch.hk');
    await cli.waitFor(() => events(cli.stdout).some((event) => event.type === 'signup-pending'), 'signup-pending');
    const code = sandbox.outbox.list().find((entry) => entry.to === 'headless@stretch.hk')?.code ?? '';
    cli.send(`my code: ${code}`);
    await cli.waitFor(() => events(cli.stdout).some((event) => event.type === 'tool-call-end' && event.toolName === 'list_services'), 'first CRM calls');
    expect(await cli.finish()).toBe(0);

    const all = events(cli.stdout);
    expect(all.filter((event) => event.type === 'tool-call-end').map((event) => (event.type === 'tool-call-end' ? event.toolName : ''))).toEqual([
      'register_organisation_request',
      'register_organisation_verify',
      'list_my_companies',
      'get_plan_status',
      'list_services',
    ]);
    const configFile = path.join(home, '.config', 'favcrm', 'config.toml');
    const apiKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(configFile, 'utf8'))?.[1] ?? 'missing';
    expect(apiKey).toMatch(/^fav_mcp_/);
    expect(fs.statSync(configFile).mode & 0o777).toBe(0o600);
    const stateFile = fs.readFileSync(path.join(home, '.local', 'state', 'favcrm-chat', 'session.json'), 'utf8');
    for (const captured of [cli.stdout, cli.stderr, stateFile]) {
      expect(captured).not.toContain(apiKey);
      expect(captured).not.toContain(code);
    }

    // The same key works for the next commands, and never prints in full.
    const doctor = await runCli(['doctor'], env);
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ url: sandbox.url, authenticated: true, reachable: true, authSource: 'config file' });
    expect(JSON.stringify(report.currentUser)).toContain('Stretch + Breathe');
    const status = await runCli(['auth', 'status'], env);
    expect(status.stdout).toContain(`fav_mcp_...${apiKey.slice(-4)}`);
    for (const output of [doctor.stdout, doctor.stderr, status.stdout, status.stderr]) expect(output).not.toContain(apiKey);

    // Pointed at another server, the saved key stays home: doctor runs signed out and says why.
    const elsewhere = await startTestSandbox();
    try {
      const other = await runCli(['doctor', '--url', elsewhere.url], env);
      expect(JSON.parse(other.stdout)).toMatchObject({ url: elsewhere.url, authenticated: false, reachable: true });
      expect(other.stderr).toContain(`belongs to ${sandbox.url}, so it was not sent to ${elsewhere.url}`);
      expect(other.stdout + other.stderr).not.toContain(apiKey);
    } finally {
      await elsewhere.close();
    }
  });

  it('without --yes a gated call waits for the next stdin line: y approves, n declines, other text declines and is the next turn', async () => {
    const sentence = 'Sign me up: Moon Cafe in Osaka, Japan. Email me at';
    const approved = await runCli(['--headless', '--json', '--url', sandbox.url], isolatedEnvironment().env, `${sentence} yes@mooncafe.jp\ny\n`);
    expect(approved.code).toBe(0);
    expect(approved.stderr).toMatch(/Approve ".+"\? .* Answer y or n on the next line/);
    expect(events(approved.stdout).some((event) => event.type === 'approval-resolved' && event.approved)).toBe(true);
    expect(events(approved.stdout).some((event) => event.type === 'signup-pending')).toBe(true);
    expect(sandbox.outbox.list().some((entry) => entry.to === 'yes@mooncafe.jp')).toBe(true);

    const declined = await runCli(['--headless', '--json', '--url', sandbox.url], isolatedEnvironment().env, `${sentence} no@mooncafe.jp\nn\n`);
    expect(declined.stderr).toContain('Declined');
    expect(events(declined.stdout).some((event) => event.type === 'approval-resolved' && !event.approved)).toBe(true);
    expect(events(declined.stdout).some((event) => event.type === 'signup-pending')).toBe(false);
    expect(sandbox.outbox.list().some((entry) => entry.to === 'no@mooncafe.jp')).toBe(false);
    // "n" answered the approval: it was not sent as a message.
    expect(events(declined.stdout).filter((event) => event.type === 'user-message')).toHaveLength(1);

    const other = await runCli(['--headless', '--json', '--url', sandbox.url], isolatedEnvironment().env, `${sentence} other@mooncafe.jp\nwhat does this cost?\n`);
    expect(events(other.stdout).some((event) => event.type === 'approval-resolved' && !event.approved)).toBe(true);
    expect(events(other.stdout).filter((event) => event.type === 'user-message').map((event) => (event.type === 'user-message' ? event.text : ''))).toEqual([
      `${sentence} other@mooncafe.jp`,
      'what does this cost?',
    ]);

    const ended = await runCli(['--headless', '--url', sandbox.url], isolatedEnvironment().env, `${sentence} eof@mooncafe.jp\n`);
    expect(ended.stderr).toMatch(/Declined ".+" \(stdin ended\)/);
    expect(sandbox.outbox.list().some((entry) => entry.to === 'eof@mooncafe.jp')).toBe(false);
  });

  it('piped stdin without --headless runs headless and says so; a dead server exits 1 with a message', async () => {
    const { env } = isolatedEnvironment();
    const url = await deadUrl();
    const result = await runCli(['--url', url], env, 'hello\n');
    expect(result.stderr).toContain('running headless');
    expect(result.stderr).toContain(`Can't reach FavCRM at ${url} (fetch failed: connect ECONNREFUSED`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
  });

  it('bad flags exit 2 with a hint, and --model openai without a key says what to set', async () => {
    const { env } = isolatedEnvironment();
    const unknown = await runCli(['--bogus'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('favcrm-chat: Unknown option --bogus. See favcrm-chat --help.\n');
    const missing = await runCli(['--headless', '--url'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('favcrm-chat: --url needs a value. See favcrm-chat --help.\n');
    // A --model that cannot work is a bad flag too (README: bad flags exit 2).
    for (const model of ['bogus', '']) {
      const bad = await runCli(['--headless', '--model', model], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`Unknown model "${model}"`);
    }
    // doctor takes no words after it and none of the chat's flags.
    for (const args of [['doctor', 'extra'], ['doctor', '--yes']]) {
      const bad = await runCli(args, env);
      expect(bad.code, args.join(' ')).toBe(2);
    }
    const noKey = await runCli(['--headless', '--model', 'openai:gpt-4o-mini'], env);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/OPENAI_API_KEY/);
  });

  it('doctor with a key the server rejects: not authenticated, and the advice is about the flag, not /logout', async () => {
    const { env } = isolatedEnvironment();
    const rejected = 'fav_mcp_AAAAbbbbCCCCddddEEEEffffGGGGhhhh1234';
    const doctor = await runCli(['--api-key', rejected, 'doctor', '--url', sandbox.url], env);
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ url: sandbox.url, authenticated: false, keyPresent: true, authSource: 'flag', reachable: true });
    expect(report.currentUserError).toMatch(/rejected the API key.*pass a valid key/);
    expect(report.currentUserError).not.toMatch(/logout/);
    const fromEnvironment = await runCli(['doctor', '--url', sandbox.url], { ...env, FAVCRM_API_KEY: rejected });
    expect(JSON.parse(fromEnvironment.stdout)).toMatchObject({ authenticated: false, keyPresent: true, authSource: 'FAVCRM_API_KEY' });
    expect(fromEnvironment.stdout).toMatch(/set FAVCRM_API_KEY to a valid key, or unset it/);
    for (const output of [doctor.stdout, doctor.stderr, fromEnvironment.stdout, fromEnvironment.stderr]) expect(output).not.toContain(rejected);
  });

  it('`auth status` takes --api-key and names the embedded sandbox when no URL is configured', async () => {
    const { env } = isolatedEnvironment({ FAVCRM_SANDBOX_PORT: '8765' });
    const status = await runCli(['auth', 'status', '--api-key', 'fav_mcp_AAAAbbbbCCCCddddEEEEffffGGGGhhhh1234'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Signed in with fav_mcp_...1234');
    expect(status.stdout).toContain("Endpoint:  the FavCRM sandbox at http://127.0.0.1:8765/mcp (one of this app's already running there, else one the chat starts");
    expect(status.stdout).not.toContain('api.favcrm.io/mcp (default)');
    // Flags may come before the command too.
    const flagsFirst = await runCli(['--api-key', 'fav_mcp_AAAAbbbbCCCCddddEEEEffffGGGGhhhh5678', 'auth', 'status'], env);
    expect(flagsFirst.stdout).toContain('Signed in with fav_mcp_...5678');
  });

  it('a --url that serves a web page says it is not an MCP endpoint, with no HTML in the message', async () => {
    const page = await startFakeServer((_request, response) => {
      response.writeHead(501, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE HTML>\n<html><head><title>Error response</title></head><body>Unsupported method</body></html>');
    });
    try {
      const result = await runCli(['--headless', '--url', page.url], isolatedEnvironment().env, 'hello\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${page.url} does not look like a FavCRM MCP endpoint (it answered with HTTP 501 Not Implemented, an HTML page).`);
      expect(result.stderr).toContain('Check --url / FAVCRM_MCP_URL');
      expect(result.stderr).not.toMatch(/DOCTYPE|try again in a moment/);
    } finally {
      await page.close();
    }
  });

  it('`sandbox outbox` lists the codes a person needs', async () => {
    const { env } = isolatedEnvironment();
    const dataDir = path.dirname(sandbox.outboxDirectory);
    const listing = await runCli(['sandbox', 'outbox', '--data', dataDir], env);
    expect(listing.code).toBe(0);
    expect(listing.stdout).toContain('headless@stretch.hk');
    expect(listing.stdout).toMatch(/\b\d{6}\b/);
    const flagsFirst = await runCli(['--data', dataDir, 'sandbox', 'outbox', '--json'], env);
    expect(JSON.parse(flagsFirst.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ to: 'headless@stretch.hk' })]));
  });
});
