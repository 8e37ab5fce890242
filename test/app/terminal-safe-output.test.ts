import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { tempDir } from '../helpers/agent-fixture.js';
import { runCommand } from '../helpers/run-command.js';
import { runHeadlessLines, unattendedSession } from '../helpers/headless-run.js';
import { startHostileMcpServer, type HostileServer } from '../helpers/hostile-mcp-server.js';
import { scriptedModel } from '../helpers/scripted-model.js';
import { isolatedEnvironment, runCli } from '../helpers/spawn-cli.js';
import { createTempConfigHome } from '../secrets/temp-config-home.js';

/**
 * What a hostile server (or whoever named the workspace) might put in its text: CSI and OSC sequences in 7-bit and
 * 8-bit form (OSC 52 writes the clipboard), a bell, a backspace, a lone CR, bidi overrides, isolates and marks.
 */
const HOSTILE = 'Evil\u009b2J\x1b]52;c;ZXZpbA==\x07 Spa\u202egnirts\u2066x\u2069\u200f\r\bdone\u0085\x7f';

/** Every character a terminal may act on, raw. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function expectTerminalSafe(...outputs: string[]): void {
  for (const output of outputs) {
    const found = UNSAFE.exec(output);
    expect(found, found ? `raw U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')} in:\n${JSON.stringify(output)}` : '').toBeNull();
  }
}

/** `favcrm-chat sandbox <args>` through the command table. */
async function runSandboxCommand(args: string[], streams: ReturnType<typeof capture>['streams']): Promise<number> {
  return (await runCommand(['sandbox', ...args], streams)).code;
}

/** `favcrm-chat auth <args>` through the command table. */
async function runAuthCommand(args: string[], options: { env: NodeJS.ProcessEnv; paths: import('../../src/config/paths.js').AppPaths } & ReturnType<typeof capture>['streams']): Promise<number> {
  return (await runCommand(['auth', ...args], options)).code;
}

function capture() {
  const io = { stdout: '', stderr: '' };
  return {
    io,
    streams: { stdout: { write: (text: string) => (io.stdout += text) }, stderr: { write: (text: string) => (io.stderr += text) } },
  };
}

describe('server text is printed terminal-safe everywhere', () => {
  let server: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function hostileFavcrm(): Promise<HostileServer> {
    server = await startHostileMcpServer({
      tools: ['list_my_companies', 'get_plan_status', 'get_whatsapp_connection_status'].map((name) => ({ name, annotations: { readOnlyHint: true, openWorldHint: false } })),
      answer: () => ({ name: HOSTILE, status: HOSTILE, items: [{ name: HOSTILE }] }),
    });
    return server;
  }

  it('`doctor` (JSON on stdout) escapes them, and the JSON still reads back the server\'s exact text', async () => {
    const { url } = await hostileFavcrm();
    const result = await runCli(['doctor', '--url', url, '--api-key', 'fav_mcp_HostileDoctorKey000000000001'], isolatedEnvironment().env);
    expect(result.code, result.stderr).toBe(0);
    expectTerminalSafe(result.stdout, result.stderr);
    const report = JSON.parse(result.stdout) as { currentUser: { name: string } };
    expect(report.currentUser.name).toBe(HOSTILE);
  });

  it('`/doctor` in headless text and JSON output carries none of them either', async () => {
    const { url } = await hostileFavcrm();
    const { session } = unattendedSession(url, scriptedModel([]), 'fav_mcp_HostileDoctorKey000000000001');
    const text = await runHeadlessLines(session, ['/doctor']);
    expectTerminalSafe(text.stdout, text.stderr);
    expect(text.stdout).toContain('currentUser.name: Evil Spagnirts');
    const { session: jsonSession } = unattendedSession(url, scriptedModel([]), 'fav_mcp_HostileDoctorKey000000000001');
    const json = await runHeadlessLines(jsonSession, ['/doctor'], { json: true });
    expectTerminalSafe(json.stdout, json.stderr);
  });

  it('`sandbox outbox` prints a hostile invite subject inert, as a table and as JSON', async () => {
    const dataDir = tempDir('outbox-safety');
    createOutbox(path.join(dataDir, 'outbox')).send({ to: `kit@team.test${HOSTILE}`, subject: `You're invited to join ${HOSTILE} on FavCRM`, text: HOSTILE });
    const table = capture();
    expect(await runSandboxCommand(['outbox', '--data', dataDir], table.streams)).toBe(0);
    expectTerminalSafe(table.io.stdout, table.io.stderr);
    expect(table.io.stdout).toContain("You're invited to join Evil Spagnirts");
    const json = capture();
    expect(await runSandboxCommand(['outbox', '--data', dataDir, '--json'], json.streams)).toBe(0);
    expectTerminalSafe(json.io.stdout);
    const rows = JSON.parse(json.io.stdout) as Array<{ subject: string }>;
    // Escaped, not altered: the JSON reads back exactly what the outbox holds.
    expect(rows[0]?.subject).toBe(createOutbox(path.join(dataDir, 'outbox')).list(1)[0]?.subject);
    expect(rows[0]?.subject).toContain('\u009b2J\x1b]52;c;');
  });

  it('`auth status` prints a hostile saved URL inert, as text and as JSON', async () => {
    const home = await createTempConfigHome();
    try {
      const hostileUrl = `https://evil.test/mcp?${HOSTILE}`;
      fs.mkdirSync(path.dirname(home.paths.favcrmConfigFile), { recursive: true });
      await new ConfigFileStore({ path: home.paths.favcrmConfigFile }).save({ apiKey: 'fav_mcp_AbCdEfGhIjKlMnOpQrSt9876', url: hostileUrl });
      for (const args of [['status'], ['status', '--json']]) {
        const output = capture();
        await runAuthCommand(args, { env: { ...home.env, FAVCRM_MCP_URL: `https://env.evil.test/${HOSTILE}` }, paths: home.paths, ...output.streams });
        expectTerminalSafe(output.io.stdout, output.io.stderr);
        expect(output.io.stdout + output.io.stderr).toContain('evil.test');
      }
    } finally {
      await home.cleanup();
    }
  });

  it('a CLI error quoting a hostile --url is printed inert', async () => {
    const result = await runCli(['doctor', '--url', `ftp://evil.test/${HOSTILE}`], isolatedEnvironment().env);
    expectTerminalSafe(result.stdout, result.stderr);
    expect(result.stderr).toContain('evil.test');
  });
});
