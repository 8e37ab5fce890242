import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../src/app/line-reader.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { resolveSettings, type SettingsOptions } from '../../src/config/resolve-settings.js';
import { tempDir } from '../helpers/agent-fixture.js';

const KEY = `fav_mcp_${'F'.repeat(36)}`;

function home(): { env: Record<string, string>; dir: string } {
  const dir = tempDir('key-input');
  return { dir, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'), XDG_STATE_HOME: path.join(dir, 'state'), FAVCRM_CHAT_KEYRING: 'off' } };
}

async function settings(options: SettingsOptions, stdin?: PassThrough & { isTTY?: boolean }) {
  const { env } = home();
  return resolveSettings({ options: { url: 'http://127.0.0.1:9/mcp', ...options }, env, paths: resolveAppPaths(env, 'linux'), ...(stdin ? { stdin } : {}) });
}

describe('the safe ways to pass a key', () => {
  it('--api-key-file reads the key (a trailing newline is fine) and warns when others can read the file', async () => {
    const { dir } = home();
    const file = path.join(dir, 'key.txt');
    fs.writeFileSync(file, `${KEY}\n`, { mode: 0o600 });
    const privateFile = await settings({ apiKeyFile: file });
    expect(privateFile.key).toMatchObject({ apiKey: KEY, source: 'flag', storage: { kind: 'environment', location: `--api-key-file ${file}` } });
    expect(privateFile.notices.join('\n')).not.toContain('other users');
    fs.chmodSync(file, 0o644);
    expect((await settings({ apiKeyFile: file })).notices.join('\n')).toContain('can be read by other users');
    await expect(settings({ apiKeyFile: path.join(dir, 'missing.txt') })).rejects.toThrow(/Cannot read --api-key-file .*ENOENT/);
    fs.writeFileSync(file, `${KEY}\nsecond line\n`);
    await expect(settings({ apiKeyFile: file })).rejects.toThrow(/not a FavCRM key/);
  });

  it('--api-key - takes the first line of stdin and leaves the rest for the turns; never from a terminal', async () => {
    const stdin = new PassThrough();
    stdin.end(`${KEY}\nfirst turn\nsecond turn\n`);
    const resolved = await settings({ apiKey: '-' }, stdin);
    expect(resolved.key?.apiKey).toBe(KEY);
    expect(resolved.key?.storage.location).toBe('--api-key - (stdin)');
    const lines = new LineReader(stdin);
    expect([await lines.next(), await lines.next(), await lines.next()]).toEqual(['first turn', 'second turn', null]);
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    await expect(settings({ apiKey: '-' }, terminal)).rejects.toThrow(/in a terminal use --api-key-file/);
  });

  it('--api-key KEY works, with a one-line warning about ps; a key with a space inside is refused', async () => {
    const resolved = await settings({ apiKey: KEY });
    expect(resolved.key?.apiKey).toBe(KEY);
    const warnings = resolved.notices.filter((notice) => notice.includes('ps'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('--api-key-file PATH or --api-key -');
    expect(warnings[0]).not.toContain(KEY);
    await expect(settings({ apiKey: `${KEY} extra` })).rejects.toThrow(/not a FavCRM key/);
  });
});

describe('a stored key that is not one', () => {
  it('is never sent when it holds a line break (it would break or smuggle headers), and the start says why', async () => {
    const { env } = home();
    const { ConfigFileStore } = await import('../../src/secrets/config-file-store.js');
    await new ConfigFileStore({ path: resolveAppPaths(env, 'linux').favcrmConfigFile }).save({ apiKey: `${KEY}\r\nX-Injected: 1`, url: 'http://127.0.0.1:9/mcp' });
    const resolved = await resolveSettings({ options: { url: 'http://127.0.0.1:9/mcp' }, env, paths: resolveAppPaths(env, 'linux') });
    expect(resolved.key).toBeNull();
    expect(resolved.notices.join('\n')).toContain('holds a space or line break');
    expect(resolved.notices.join('\n')).not.toContain(KEY);
  });
});
