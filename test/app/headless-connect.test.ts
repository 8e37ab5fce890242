import { stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHeadlessCommand } from '../../src/app/headless-commands.js';
import { chatConnectClients } from '../../src/connect/chat-connect.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { FAKE_KEY, tempPlace, type TempPlace } from '../connect/connect-fixtures.js';

let temp: TempPlace;
beforeEach(async () => {
  temp = await tempPlace();
});
afterEach(() => temp.cleanup());

function session(): ScriptedSession {
  const connect = chatConnectClients(temp.place.env, 'linux', temp.place.cwd);
  return new ScriptedSession({ connect: (request) => connect(request, { url: 'https://api.favcrm.example/mcp', sandbox: false, apiKey: FAKE_KEY, storage: null }) });
}

describe('headless /connect', () => {
  it('connects a client that takes the key by reference', async () => {
    const output = await runHeadlessCommand({ name: 'connect', args: ['gemini'] }, session());
    expect(output.title).toBe('Connect Gemini CLI');
    expect(output.lines[0]).toBe(`Created ${temp.file('gemini')}.`);
    expect(JSON.stringify(output)).not.toContain(FAKE_KEY);
  });

  it('never writes a key inline without someone agreeing: it points at the CLI\'s --yes', async () => {
    const output = await runHeadlessCommand({ name: 'connect', args: ['claude-desktop'] }, session());
    expect(output.lines.at(-1)).toBe('Headless: run `favcrm-chat connect claude-desktop --yes` to write it.');
    await expect(stat(temp.file('claude-desktop'))).rejects.toThrow();
    expect(JSON.stringify(output)).not.toContain(FAKE_KEY);
  });
});
