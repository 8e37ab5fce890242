import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCREEN_SCROLLED_AWAY } from '../../src/ui/hooks/use-static-refresh.js';
import { DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE } from '../../src/ui/input/bracketed-paste.js';
import { PtyApp, stripEscapes, waitUntil } from '../helpers/pty-app.js';

describe('the real app in a real terminal (pseudo-terminal)', () => {
  let app: PtyApp | undefined;
  afterEach(() => app?.kill());

  it('signs up with the offline model against the embedded sandbox, reading the code from the outbox', async () => {
    app = new PtyApp();
    await app.waitFor('SANDBOX');
    await app.waitFor(/Tell me about your business/);
    await app.typeLine('Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong');
    await app.waitFor(/What should I use/);
    await app.typeLine('owner@stretch.hk');
    await app.waitFor(/y yes · n no/);
    app.press('y');
    await app.waitFor(/Paste the 6-digit code/);
    expect(app.screenText).toMatch(/o\*\*\*r@s\*\*\*h\.hk/);

    // Like a person: read the outbox the notice points at (here, in the chat) and copy the code off the screen.
    expect(app.screenText).toMatch(/landed in the local outbox\. Type \/outbox to read it/);
    await app.typeLine('/outbox');
    await app.waitFor(/code \d{6} · to owner@stretch\.hk/);
    const code = /code (\d{6}) · to owner@stretch\.hk/.exec(app.screenText)?.[1];
    expect(code).toBe(app.latestOutboxCode());
    await app.typeLine(String(code));
    await app.waitFor(/You're signed up!/);
    await app.waitFor(/signed in fav_mcp_\.\.\.\w{4}/);

    const configFile = path.join(app.home, '.config', 'favcrm', 'config.toml');
    const toml = fs.readFileSync(configFile, 'utf8');
    const apiKey = /api_key = "([^"]+)"/.exec(toml)?.[1] ?? '';
    expect(apiKey).toMatch(/^fav_mcp_/);
    expect(fs.statSync(configFile).mode & 0o777).toBe(0o600);
    expect(app.rawOutput).not.toContain(apiKey);
    // The person sees their own digits while typing; once sent, the transcript and the saved state show the placeholder.
    expect(app.screenText).toContain('› [code ******]');
    const stateFile = path.join(app.home, '.local', 'state', 'favcrm-chat', 'session.json');
    expect(fs.readFileSync(stateFile, 'utf8')).not.toContain(String(code));
    expect(fs.readFileSync(stateFile, 'utf8')).not.toContain(apiKey);

    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
  });

  it('quitting mid-signup and starting again resumes at "paste your code"', async () => {
    app = new PtyApp();
    await app.requestSignupCode();
    const code = app.latestOutboxCode();
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);

    const home = app.home;
    app = new PtyApp([], {}, home);
    await app.waitFor(/Paste the 6-digit code/);
    expect(app.screenText).toContain('Rise & Shine');
    await app.typeLine(String(code));
    await app.waitFor(/You're signed up!/);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
  });

  it('opens the input on the first frame; a message typed while connecting is sent once the session is ready', async () => {
    app = new PtyApp();
    await app.waitFor('Type a message or /help');
    // Typed at once, like someone who starts before the header shows, and in one write with its Enter, the way keys
    // pile up while the core loads: nothing is lost or sent twice.
    app.press('Sign me up. My business is a yoga studio called Stretch + Breathe in Hong Kong\r');
    await app.waitFor(/What should I use/);
    expect(app.screenText).toContain('SANDBOX');
    // Sent exactly once: the saved transcript holds one user line for it.
    const stateFile = path.join(app.home, '.local', 'state', 'favcrm-chat', 'session.json');
    const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { transcript: Array<{ kind: string; text?: string }> };
    expect(saved.transcript.filter((entry) => entry.kind === 'user' && entry.text?.startsWith('Sign me up. My business'))).toHaveLength(1);
    // And shown once, with no "saved conversation, resumed" on a first start (the history once aliased the live one).
    expect(app.screenText.split('Sign me up. My business').length - 1).toBe(1);
    expect(app.screenText).not.toContain('saved conversation, resumed');
    // A quick line sent with its Enter in one write, then the answer key by key, as a person types it: each key lands
    // after the one before (the box once kept its cursor past the end of such a line, and this came out "kh.bs@oj").
    app.press('/auth\r');
    await app.waitFor(/› \/auth[\s\S]*Auth/);
    for (const key of 'jo@sb.hk') {
      app.press(key);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    app.press('\r');
    await app.waitFor(/email jo@sb\.hk\)/);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
  });

  it('narrowing the window moves the screen up and prints the transcript again at the new width', async () => {
    app = new PtyApp();
    await app.waitFor(/Tell me about your business/);
    app.press('Sign me up: Moon Cafe in Osaka, Japan\r');
    await app.waitFor(/What should I use/);
    const before = app.rawOutput.length;
    app.resize(40);
    await waitUntil(() => SCREEN_SCROLLED_AWAY.test(app!.rawOutput.slice(before)));
    // Printed again after the screen moved up: the header, the message and the answer, wrapped within 40 columns.
    const lastClear = () => [...app!.rawOutput.matchAll(new RegExp(SCREEN_SCROLLED_AWAY.source, 'g'))].at(-1)?.index ?? 0;
    const reprinted = () => stripEscapes(app!.rawOutput.slice(lastClear()));
    await waitUntil(() => /What should I use/.test(reprinted()));
    expect(reprinted()).toContain('favcrm-chat');
    expect(reprinted()).toContain('› Sign me up: Moon Cafe in Osaka, Japan');
    const answer = reprinted().split(/\r?\n/).filter((line) => /Moon Cafe|What should I use|email/.test(line));
    expect(answer.length).toBeGreaterThanOrEqual(2);
    for (const line of answer) expect(line.length).toBeLessThanOrEqual(40);
    // The header's URL moves to its own line rather than breaking inside the port.
    expect(reprinted()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp\s*$/m);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
  });

  it('turns bracketed paste on: a pasted line with its line break waits for Enter; the mode is off again after quitting', async () => {
    app = new PtyApp();
    await app.waitFor(/Tell me about your business/);
    await waitUntil(() => app!.rawOutput.includes(ENABLE_BRACKETED_PASTE));
    // What a terminal sends for a paste of two lines, ending in a line break, in bracketed paste mode.
    app.press('\u001B[200~Sign me up: Moon Cafe\nin Osaka, Japan\n\u001B[201~');
    await app.waitFor('› Sign me up: Moon Cafe in Osaka, Japan');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(app.screenText).not.toMatch(/What should I use/);
    app.press('\r');
    await app.waitFor(/What should I use/);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
    expect(app.rawOutput.lastIndexOf(DISABLE_BRACKETED_PASTE)).toBeGreaterThan(app.rawOutput.lastIndexOf(ENABLE_BRACKETED_PASTE));
  });

  it('a line typed before the app took over the terminal is sent, not left in the box', async () => {
    app = new PtyApp();
    // Straight away: the terminal is still in line mode, which hands the line over ending in a line feed.
    app.press('Sign me up: Moon Cafe in Osaka, Japan\r');
    await app.waitFor(/What should I use/);
    const stateFile = path.join(app.home, '.local', 'state', 'favcrm-chat', 'session.json');
    const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { transcript: Array<{ kind: string; text?: string }> };
    expect(saved.transcript.filter((entry) => entry.kind === 'user').map((entry) => entry.text)).toEqual(['Sign me up: Moon Cafe in Osaka, Japan']);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);
  });

  it('a session that cannot be set up ends the chat with the reason and a non-zero exit', async () => {
    // --key-store keyring insists on the OS keyring, which the test environment switches off.
    app = new PtyApp(['--key-store', 'keyring']);
    expect(await app.waitForExit(30_000)).toBe(1);
    expect(app.screenText).toMatch(/favcrm-chat: .*keyring/i);
    expect(app.screenText).not.toMatch(/at \S+ \(.*:\d+:\d+\)/); // no stack trace
  });
});
