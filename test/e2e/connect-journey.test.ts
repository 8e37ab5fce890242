import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyApp } from '../helpers/pty-app.js';

describe('connect in a real terminal, right after signing up', () => {
  let app: PtyApp | undefined;
  afterEach(() => app?.kill());

  it('the panel offers /connect; the chat writes Cursor by reference and Claude Desktop (asked twice) with the issued key, never shown', async () => {
    app = new PtyApp();
    await app.requestSignupCode();
    await app.typeLine(String(app.latestOutboxCode()));
    await app.waitFor(/Use it from your other agents/);
    await app.waitFor(/signed in fav_mcp_\.\.\.\w{4}/);
    // The turn goes on with the first CRM calls; commands are typed once it has finished.
    await app.waitFor(/What next\?/);
    const apiKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(path.join(app.home, '.config', 'favcrm', 'config.toml'), 'utf8'))?.[1] ?? '';
    expect(apiKey).toMatch(/^fav_mcp_/);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(app.screenText)?.[1] ?? '';

    await app.typeLine('/connect cursor');
    await app.waitFor(/Connect Cursor/);
    const cursor = JSON.parse(fs.readFileSync(path.join(app.home, '.cursor', 'mcp.json'), 'utf8')) as { mcpServers: { favcrm: { url: string; headers: Record<string, string> } } };
    expect(cursor.mcpServers.favcrm).toEqual({ url, headers: { Authorization: 'Bearer ${env:FAVCRM_API_KEY}' } });

    await app.typeLine('/connect claude-desktop');
    await app.waitFor(/Type \/connect claude-desktop again/);
    const desktop = path.join(app.home, '.config', 'Claude', 'claude_desktop_config.json');
    expect(fs.existsSync(desktop)).toBe(false);
    await app.typeLine('/connect claude-desktop');
    await app.waitFor(/Connect Claude Desktop/);
    expect(fs.statSync(desktop).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(desktop, 'utf8')).toContain(`"FAVCRM_AUTHORIZATION": "Bearer ${apiKey}"`);

    expect(app.rawOutput).not.toContain(apiKey);
    app.press('\u0004');
    expect(await app.waitForExit()).toBe(0);

    // The command in a terminal: already connected needs no question; after --remove it asks before writing the key.
    const home = app.home;
    app = new PtyApp(['connect', 'claude-desktop', '--url', url], {}, home);
    expect(await app.waitForExit()).toBe(0);
    expect(app.screenText).toContain('is already connected');
    app = new PtyApp(['connect', '--remove', 'claude-desktop', '--url', url], {}, home);
    expect(await app.waitForExit()).toBe(0);
    expect(fs.readFileSync(desktop, 'utf8')).not.toContain(apiKey);
    app = new PtyApp(['connect', 'claude-desktop', '--url', url], {}, home);
    await app.waitFor(/\[y\/N\]/);
    expect(app.screenText).toContain('cannot take the key by reference');
    await app.typeLine('y');
    expect(await app.waitForExit()).toBe(0);
    expect(app.screenText).toMatch(/Added favcrm to ~\/\.config\/Claude\/claude_desktop_config\.json/);
    expect(fs.readFileSync(desktop, 'utf8')).toContain(apiKey);
    expect(app.rawOutput).not.toContain(apiKey);
  });
});
