import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/agent-fixture.js';
import { startHostileMcpServer, type HostileServer } from '../helpers/hostile-mcp-server.js';
import { runCommand } from '../helpers/run-command.js';

/** CSI and OSC in 7-bit and 8-bit form (OSC 52 writes the clipboard), a bell, a lone CR, bidi overrides and marks. */
const HOSTILE = 'Evil\u009b2J\x1b]52;c;ZXZpbA==\x07 Spa\u202egnirts\u2066x\u2069\u200f\r\bdone\u0085\x7f';
/** Every character a terminal may act on, raw. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** A key-shaped string a server might echo back. */
const PLANTED_KEY = 'fav_mcp_PlantedByTheServer0000000000000001';

function expectTerminalSafe(...outputs: string[]): void {
  for (const output of outputs) {
    const found = UNSAFE.exec(output);
    expect(found, found ? `raw U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')} in:\n${JSON.stringify(output)}` : '').toBeNull();
  }
}

function isolatedEnv(): NodeJS.ProcessEnv {
  const home = tempDir('tool-hostile');
  return { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state'), FAVCRM_CHAT_KEYRING: 'off', PATH: process.env.PATH ?? '' };
}

describe('favcrm-chat tool against a server that lies in its text', () => {
  let server: HostileServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('lists, describes and calls with every server string inert, a planted key masked, and JSON that reads back exactly', async () => {
    server = await startHostileMcpServer({
      tools: [{ name: 'list_services', title: HOSTILE, description: `${HOSTILE}\nsecond line`, inputSchema: { type: 'object', properties: { note: { type: 'string', description: HOSTILE } } }, annotations: { readOnlyHint: true } }],
      answer: () => ({ items: [{ name: HOSTILE, secret: PLANTED_KEY }] }),
    });
    const env = isolatedEnv();
    const url = server.url;
    const runs = [
      await runCommand(['tool', 'list', '--url', url], { env }),
      await runCommand(['tool', 'describe', 'list_services', '--url', url], { env }),
      await runCommand(['tool', 'call', 'list_services', '--url', url], { env }),
      await runCommand(['tool', 'call', 'list_services', '--json', '--url', url], { env }),
    ];
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expectTerminalSafe(run.stdout, run.stderr);
      expect(run.stdout + run.stderr).not.toContain(PLANTED_KEY);
    }
    const [, , table, json] = runs;
    expect(table?.stdout).toMatch(/^╭/);
    // Escaped, not altered: the JSON reads back the server's own text.
    expect((JSON.parse(json?.stdout ?? '') as { items: Array<{ name: string }> }).items[0]?.name).toBe(HOSTILE);
    const listed = await runCommand(['tool', 'list', '--json', '--url', url], { env });
    expect((JSON.parse(listed.stdout) as Array<{ title: string }>)[0]?.title).toBe(HOSTILE);
  });
});
