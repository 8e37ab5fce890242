import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/run-command.js';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import { CLI_HEADERS, makeTempDir } from './sandbox-harness.js';
import path from 'node:path';

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** `favcrm-chat sandbox <args>` through the command table (a leading `sandbox` in `args` is the command word). */
async function runSandboxCommand(args: string[], io: { stdout: Capture; stderr: Capture; signal?: AbortSignal }): Promise<number> {
  const argv = args[0] === 'sandbox' ? args : ['sandbox', ...args];
  return (await runCommand(argv, { stdout: io.stdout, stderr: io.stderr, ...(io.signal ? { signal: io.signal } : {}) })).code;
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('favcrm-chat sandbox', () => {
  const controllers: AbortController[] = [];
  afterEach(() => {
    for (const controller of controllers.splice(0)) controller.abort();
  });

  it('serves until stopped, printing the listening URL, with the signup rate from the flag', async () => {
    const dataDir = makeTempDir('command');
    const stdout = new Capture();
    const stderr = new Capture();
    const controller = new AbortController();
    controllers.push(controller);
    const exit = runSandboxCommand(['--port', '0', '--data', dataDir, '--signup-rate', '1/h,5/d', '--quiet'], {
      stdout,
      stderr,
      signal: controller.signal,
    });
    const url = await waitFor(() => /FavCRM sandbox listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stdout.text)?.[1], 'the listening line');

    const call = async (email: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: CLI_HEADERS,
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'register_organisation_request', arguments: { email, organisationName: 'Cmd Co' } },
        }),
      });
      return ((await response.json()) as { result: { structuredContent: { error?: { code: string } } } }).result.structuredContent;
    };
    expect((await call('one@example.com')).error).toBeUndefined();
    expect((await call('two@example.com')).error?.code).toBe('RATE_LIMITED');

    controller.abort();
    expect(await exit).toBe(0);
    expect(stdout.text).toContain('FavCRM sandbox stopped.');
    expect(stderr.text).toBe('');
    await expect(fetch(url, { method: 'POST', headers: CLI_HEADERS, body: '{}' })).rejects.toThrow();
  });

  it('lists the outbox newest first, as a table or JSON, with the code', async () => {
    const dataDir = makeTempDir('command-outbox');
    const outbox = createOutbox(path.join(dataDir, 'outbox'));
    outbox.send({ to: 'old@example.com', subject: 'Your FavCRM verification code: 111111', text: 'x', code: '111111' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    outbox.send({ to: 'new@example.com', subject: 'Your FavCRM verification code: 222222', text: 'y', code: '222222' });

    const json = new Capture();
    expect(await runSandboxCommand(['outbox', '--data', dataDir, '--json', '--limit', '1'], { stdout: json, stderr: new Capture() })).toBe(0);
    const rows = JSON.parse(json.text) as { to: string; subject: string; code: string; sentAt: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ to: 'new@example.com', code: '222222', subject: 'Your FavCRM verification code: 222222' });
    expect(rows[0]?.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const table = new Capture();
    expect(await runSandboxCommand(['sandbox', 'outbox', '--data', dataDir], { stdout: table, stderr: new Capture() })).toBe(0);
    const lines = table.text.split('\n');
    expect(lines[0]).toMatch(/^TIME\s+TO\s+CODE\s+SUBJECT$/);
    expect(lines[1]).toContain('new@example.com');
    expect(lines[1]).toContain('222222');
    expect(lines[2]).toContain('old@example.com');

    const empty = new Capture();
    await runSandboxCommand(['outbox', '--data', makeTempDir('command-empty')], { stdout: empty, stderr: new Capture() });
    expect(empty.text).toMatch(/^No messages in /);

    // A mistyped --data is not "no codes yet".
    const missing = new Capture();
    expect(await runSandboxCommand(['outbox', '--data', path.join(dataDir, 'nope')], { stdout: new Capture(), stderr: missing })).toBe(1);
    expect(missing.text).toContain(`There is no sandbox data in ${path.join(dataDir, 'nope')}.`);
  });

  it('exits 2 with the usage on bad flags', async () => {
    for (const args of [['--port', 'eighty'], ['--signup-rate', 'lots'], ['--invite-code-rate', '5 per hour'], ['--bogus'], ['outbox', '--limit', '0']]) {
      const stderr = new Capture();
      expect(await runSandboxCommand(args, { stdout: new Capture(), stderr }), args.join(' ')).toBe(2);
      expect(stderr.text).toContain('Usage:');
    }
  });

  it('exits 1 with advice when the port is taken', async () => {
    const controller = new AbortController();
    controllers.push(controller);
    const stdout = new Capture();
    const exit = runSandboxCommand(['--port', '0', '--data', makeTempDir('command-port'), '--quiet'], { stdout, stderr: new Capture(), signal: controller.signal });
    const port = await waitFor(() => /127\.0\.0\.1:(\d+)\/mcp/.exec(stdout.text)?.[1], 'the first sandbox');
    const stderr = new Capture();
    expect(await runSandboxCommand(['--port', port, '--data', makeTempDir('command-port-2')], { stdout: new Capture(), stderr })).toBe(1);
    expect(stderr.text).toMatch(/already in use.*--port/);
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('refuses a port fetch clients will not connect to, before touching the data directory', async () => {
    const stderr = new Capture();
    const dataDir = path.join(makeTempDir('command-bad-port'), 'never-made');
    expect(await runSandboxCommand(['--port', '6000', '--data', dataDir], { stdout: new Capture(), stderr })).toBe(1);
    expect(stderr.text).toContain('Port 6000 is one that fetch clients (this app, Node, browsers) refuse to connect to');
    expect(await fetch('http://127.0.0.1:1/').catch((error: Error) => String(error.cause))).toMatch(/bad port/);
  });
});
