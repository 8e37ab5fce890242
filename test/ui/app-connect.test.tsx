import { readFile, stat } from 'node:fs/promises';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatConnectClients } from '../../src/connect/chat-connect.js';
import { App } from '../../src/ui/app.js';
import { CONNECT_OFFER, SignupSuccessPanel } from '../../src/ui/components/signup-success-panel.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { FAKE_KEY, tempPlace, type TempPlace } from '../connect/connect-fixtures.js';
import { flat, screen, typeAndSend, waitForFrame } from './helpers.js';

let temp: TempPlace;
beforeEach(async () => {
  temp = await tempPlace();
});
afterEach(async () => {
  cleanup();
  await temp.cleanup();
});

/** A scripted chat whose /connect runs the real core against a temp HOME, for the chat's own endpoint and key. */
function chatWithConnect(): ScriptedSession {
  const connect = chatConnectClients(temp.place.env, 'linux', temp.place.cwd);
  const live = { url: 'http://127.0.0.1:7777/mcp', sandbox: true, apiKey: FAKE_KEY, storage: { kind: 'keyring' as const, location: 'OS keyring (service favcrm-chat)' } };
  return new ScriptedSession({ connect: (request) => connect(request, live) });
}

describe('App: /connect', () => {
  it('/connect lists the clients and what it would write, without calling the model', async () => {
    const session = chatWithConnect();
    const app = render(<App session={session} />);
    await typeAndSend(app, '/connect');
    const frame = flat(await waitForFrame(app, 'Connect another agent'));
    expect(frame).toContain('http://127.0.0.1:7777/mcp');
    expect(frame).toContain('Claude Desktop');
    expect(session.calls.send).toEqual([]);
    expect(session.calls.connectClient).toEqual([{}]);
  });

  it('/connect cursor writes the entry with the key by reference and says how to set the variable', async () => {
    const app = render(<App session={chatWithConnect()} />);
    await typeAndSend(app, '/connect cursor');
    const frame = flat(await waitForFrame(app, 'Connect Cursor'));
    expect(frame).toContain('reads FAVCRM_API_KEY from its environment');
    expect(frame).toContain('only while the sandbox runs');
    expect(await readFile(temp.file('cursor'), 'utf8')).toContain('${env:FAVCRM_API_KEY}');
  });

  it('/connect claude-desktop says the key goes into the file, and writes it (0600) only when typed again', async () => {
    const session = chatWithConnect();
    const app = render(<App session={session} />);
    await typeAndSend(app, '/connect claude-desktop');
    const asked = flat(await waitForFrame(app, 'Type /connect claude-desktop again'));
    expect(asked).toContain('cannot take the key by reference');
    await expect(stat(temp.file('claude-desktop'))).rejects.toThrow();
    await typeAndSend(app, '/connect claude-desktop');
    await waitForFrame(app, 'Connect Claude Desktop');
    expect((await stat(temp.file('claude-desktop'))).mode & 0o777).toBe(0o600);
    expect(session.calls.connectClient.map((request) => request.allowKeyInFile ?? false)).toEqual([false, true]);
    expect(screen(app)).not.toContain(FAKE_KEY);
  });

  it('refuses the CLI-only flags and unknown clients with a hint', async () => {
    const app = render(<App session={chatWithConnect()} />);
    await typeAndSend(app, '/connect cursor --api-key abc');
    await waitForFrame(app, (text) => flat(text).includes('here connect uses the chat\'s endpoint and key'));
    await typeAndSend(app, '/connect notepad');
    await waitForFrame(app, (text) => flat(text).includes('"notepad" is not a client connect knows'));
  });
});

describe('SignupSuccessPanel: the connect offer', () => {
  it('offers /connect once, in the panel that shows the new key', () => {
    const frame = flat(
      screen(
        render(<SignupSuccessPanel result={{ maskedKey: 'fav_mcp_...5678', storage: { kind: 'keyring', location: 'OS keyring' }, nextSteps: [] }} columns={100} />),
      ),
    );
    expect(frame).toContain('Use it from your other agents');
    expect(frame).toContain(CONNECT_OFFER.slice(0, 40));
  });
});
