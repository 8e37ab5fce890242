import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import { ERASE_SCROLLBACK, SCREEN_SCROLLED_AWAY } from '../../src/ui/hooks/use-static-refresh.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { pending } from './fixtures/signup-script.js';
import { flat, KEY, pressUntil, screen, stripAnsi, typeAndSend, waitForFrame, waitForInput } from './helpers.js';

afterEach(() => cleanup());

const tools = [
  { name: 'list_contacts', title: 'List contacts', summary: 'Lists contacts', requiresApproval: false },
  { name: 'delete_contact', title: 'Delete contact', summary: 'Deletes a contact', requiresApproval: true },
];

describe('App: slash commands', () => {
  it('/help lists the commands without calling the model', async () => {
    const session = new ScriptedSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, '/help');
    const frame = await waitForFrame(app, 'Commands');
    for (const command of ['/doctor', '/tools [filter]', '/outbox', '/auth', '/logout', '/new', '/quit']) expect(frame).toContain(command);
    expect(session.calls.send).toEqual([]);
  });

  it('/tools [filter] calls listTools with the filter and shows the matches', async () => {
    const session = new ScriptedSession({ tools });
    const app = render(<App session={session} />);
    await typeAndSend(app, '/tools delete');
    const frame = await waitForFrame(app, 'Tools matching "delete"');
    expect(frame).toContain('delete_contact: Deletes a contact (asks first)');
    expect(frame).not.toContain('list_contacts:');
    expect(session.calls.listTools).toEqual(['delete']);
    // The scripted session runs the offline model: its /tools says what it understands, and that these tools need a
    // real model, instead of offering tools it would refuse.
    await typeAndSend(app, '/tools');
    await waitForFrame(app, (frame) => /What the offline model can do[\s\S]*more tools? that need a real model/.test(frame));
    expect(session.calls.listTools).toEqual(['delete', undefined]);
  });

  it('/outbox shows the sandbox\'s newest emails with their codes, and says plainly when there is no outbox', async () => {
    const session = new ScriptedSession({
      outbox: [
        { to: 'maya@stretch.hk', subject: 'Your FavCRM verification code: 482913', code: '482913', sentAt: '2026-11-25T04:09:46.404Z' },
        { to: 'maya@stretch.hk', subject: 'Your FavCRM verification code: 110022', code: '110022', sentAt: '2026-11-25T03:58:01.000Z' },
      ],
    });
    const app = render(<App session={session} />);
    await typeAndSend(app, '/outbox');
    const frame = await waitForFrame(app, 'Sandbox outbox (newest first)');
    expect(frame).toContain('code 482913 · to maya@stretch.hk · 04:09:46 UTC · Your FavCRM verification code: 482913');
    expect(frame.indexOf('482913')).toBeLessThan(frame.indexOf('110022'));
    expect(session.calls.send).toEqual([]);
    cleanup();

    const empty = render(<App session={new ScriptedSession({ outbox: [] })} />);
    await typeAndSend(empty, '/outbox');
    await waitForFrame(empty, 'The outbox is empty');
    cleanup();

    const remote = render(<App session={new ScriptedSession({ endpoint: { url: 'https://mcp.favcrm.io/mcp', sandbox: false } })} />);
    await typeAndSend(remote, '/mail');
    const remoteFrame = await waitForFrame(remote, 'There is no local outbox');
    expect(remoteFrame).toContain('→ Check the inbox of the address you signed up with.');
  });

  it('/doctor shows the report compactly', async () => {
    const session = new ScriptedSession({
      doctorReport: { url: 'http://127.0.0.1:7777/mcp', reachable: true, authenticated: false, server: { name: 'favcrm-sandbox', version: '0.1.0' }, keyring: false },
    });
    const app = render(<App session={session} />);
    await typeAndSend(app, '/doctor');
    const frame = await waitForFrame(app, 'Doctor');
    expect(frame).toContain('✓ reachable · ✗ authenticated · http://127.0.0.1:7777/mcp');
    expect(frame).toContain('server.version: 0.1.0');
    expect(frame).toContain('✗ keyring');
    expect(frame).not.toContain('{');
    expect(session.calls.doctor).toBe(1);
  });

  it('/doctor failures become an error line with a next step', async () => {
    const session = new ScriptedSession();
    session.doctor = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:7777'));
    const app = render(<App session={session} />);
    await typeAndSend(app, '/doctor');
    const frame = await waitForFrame(app, 'ECONNREFUSED');
    expect(frame).toContain('✗ connect ECONNREFUSED 127.0.0.1:7777');
    expect(frame).toContain('→ Is the endpoint URL right?');
    await waitForFrame(app, (text) => /│ › /.test(text));
  });

  it('/auth shows the masked key and where it is stored; /logout signs out', async () => {
    const session = new ScriptedSession({ auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'keyring', location: 'OS keyring (service favcrm-chat)' } } });
    const app = render(<App session={session} />);
    await typeAndSend(app, '/auth');
    const auth = await waitForFrame(app, 'Key stored in');
    expect(auth).toContain('Signed in with fav_mcp_...abcd');
    expect(auth).toContain('Key stored in OS keyring (service favcrm-chat) (keyring)');
    expect(session.calls.authStatus).toBeGreaterThan(0);

    // The key exists only here (FavCRM shows it once): /logout asks once more, and anything else keeps it.
    await typeAndSend(app, '/logout');
    const asked = await waitForFrame(app, 'Type /logout again to sign out');
    expect(flat(asked)).toContain('This removes the key fav_mcp_...abcd from OS keyring (service favcrm-chat).');
    // On the sandbox (the scripted default) the portal cannot make a new key: say what does work there.
    expect(flat(asked)).toContain('This is the local sandbox: its keys cannot be made again');
    expect(session.calls.logout).toBe(0);
    await typeAndSend(app, '/auth');
    await waitForFrame(app, (text) => text.split('Signed in with').length > 2);
    await typeAndSend(app, '/logout');
    await waitForFrame(app, (text) => text.split('Type /logout again').length > 2);
    expect(session.calls.logout).toBe(0);
    await typeAndSend(app, '/logout');
    const out = await waitForFrame(app, 'Signed out. The stored key was removed.');
    expect(session.calls.logout).toBe(1);
    expect(out).toMatch(/signed out\s+\/help/);
  });

  it('/logout with a key from the environment needs no confirmation (nothing stored is removed)', async () => {
    const session = new ScriptedSession({ auth: { status: 'signed-in', maskedKey: 'fav_mcp_...abcd', storage: { kind: 'environment', location: 'FAVCRM_API_KEY' } } });
    const app = render(<App session={session} />);
    await typeAndSend(app, '/logout');
    await waitForFrame(app, 'Auth');
    expect(screen(app)).not.toContain('Type /logout again');
  });

  it('/new resets the session and stops asking for a code', async () => {
    const session = new ScriptedSession({ pendingSignup: pending });
    const app = render(<App session={session} />);
    await waitForFrame(app, 'Paste the 6-digit code');
    // Dropping a pending signup is confirmed first: the emailed code stops working here.
    await typeAndSend(app, '/new');
    await waitForFrame(app, 'Type /new again to start over, or paste the code.');
    expect(session.calls.reset).toBe(0);
    await typeAndSend(app, '/new');
    const frame = await waitForFrame(app, (text) => text.includes('Started a new conversation.') && /│ › Tell me about your business/.test(text));
    expect(frame).not.toContain('Paste the 6-digit code');
    expect(session.calls.reset).toBe(1);
    // The old conversation leaves the screen: it is cleared, and what follows starts with the header again.
    const cleared = app.frames.findIndex((written) => SCREEN_SCROLLED_AWAY.test(written));
    expect(cleared).toBeGreaterThan(-1);
    // Moved up into the scrollback, not erased: what was there before the app is still there.
    expect(app.frames.join('')).not.toContain(ERASE_SCROLLBACK);
    const afterwards = stripAnsi(app.frames.slice(cleared).join(''));
    expect(afterwards).toContain('favcrm-chat');
    expect(afterwards).toContain('Started a new conversation.');
  });

  it('an unknown command says so and lists the commands', async () => {
    const session = new ScriptedSession();
    const app = render(<App session={session} />);
    await typeAndSend(app, '/frobnicate now');
    const frame = await waitForFrame(app, 'Unknown command /frobnicate.');
    expect(frame).toContain('→ Try one of: /help /doctor /tools /outbox /auth /logout /save-key /reveal-key /connect /new /quit');
    expect(session.calls.send).toEqual([]);
  });

  it('/quit exits and reports exit code 0', async () => {
    const session = new ScriptedSession();
    const codes: number[] = [];
    const app = render(<App session={session} onExit={(code) => codes.push(code)} />);
    await waitForInput(app);
    await pressUntil(app, '/quit', '│ › /quit');
    await pressUntil(app, KEY.enter, () => codes.length > 0);
    expect(codes).toEqual([0]);
  });
});
