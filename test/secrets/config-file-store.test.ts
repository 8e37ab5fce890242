import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { ConfigFileError } from '../../src/secrets/secret-store-errors.js';
import { createTempConfigHome, type TempConfigHome } from './temp-config-home.js';

const KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrSt9876';
const SANDBOX_URL = 'http://127.0.0.1:4319/mcp';
const isPosix = process.platform !== 'win32';

let home: TempConfigHome;
let store: ConfigFileStore;
let file: string;

beforeEach(async () => {
  home = await createTempConfigHome();
  file = home.paths.favcrmConfigFile;
  store = new ConfigFileStore({ path: file });
});
afterEach(() => home.cleanup());

const mode = async (target: string): Promise<number> => (await stat(target)).mode & 0o777;

describe('ConfigFileStore', () => {
  it('uses the XDG path and describes itself as the config file', () => {
    expect(file).toBe(path.join(home.root, 'config', 'favcrm', 'config.toml'));
    expect(new ConfigFileStore({ env: home.env }).path).toBe(file);
    expect(store.info).toEqual({ kind: 'config-file', location: file });
  });

  it('treats a missing file as empty', async () => {
    expect(await store.load()).toBeNull();
    expect(await store.loadUrl()).toBeUndefined();
    expect(await store.inspect()).toEqual({ status: 'missing', path: file });
    await store.clear();
  });

  it('creates the file 0600 in a new 0700 directory, with no temp files left', async () => {
    await store.save({ apiKey: KEY, url: SANDBOX_URL });
    if (isPosix) {
      expect(await mode(file)).toBe(0o600);
      expect(await mode(path.dirname(file))).toBe(0o700);
    }
    expect(await readdir(path.dirname(file))).toEqual(['config.toml']);
    expect(await store.load()).toEqual({ apiKey: KEY, url: SANDBOX_URL });
  });

  it('tightens an existing 0644 file to 0600', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `url = "${SANDBOX_URL}"\n`, { mode: 0o644 });
    await chmod(file, 0o644);
    await store.save({ apiKey: KEY, url: SANDBOX_URL });
    if (isPosix) expect(await mode(file)).toBe(0o600);
  });

  it('keeps every other key and table when saving', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'api_key = "old"\nurl = "https://old/mcp"\ntheme = "dark"\n\n[profile]\nname = "Ada"\n');
    await store.save({ apiKey: KEY, url: SANDBOX_URL });
    expect(parse(await readFile(file, 'utf8'))).toEqual({ api_key: KEY, url: SANDBOX_URL, theme: 'dark', profile: { name: 'Ada' } });
  });

  it('keeps the comments and layout of a hand-edited file through save and logout', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '# work laptop\ntheme = "dark" # easier at night\n\n[profile]\nname = "Ada"\n');
    await store.save({ apiKey: KEY, url: SANDBOX_URL });
    expect(await readFile(file, 'utf8')).toBe(
      `# work laptop\ntheme = "dark" # easier at night\napi_key = "${KEY}"\nurl = "${SANDBOX_URL}"\n\n[profile]\nname = "Ada"\n`,
    );
    await store.clear();
    expect(await readFile(file, 'utf8')).toBe(
      `# work laptop\ntheme = "dark" # easier at night\nurl = "${SANDBOX_URL}"\n\n[profile]\nname = "Ada"\n`,
    );
  });

  it('drops a saved url when the new key comes without one (the CLI then uses its default)', async () => {
    await store.save({ apiKey: 'fav_mcp_first_key_000000', url: SANDBOX_URL });
    await store.save({ apiKey: KEY });
    expect(await store.load()).toEqual({ apiKey: KEY });
  });

  it('reads what the official CLI writes, and writes what it can read back', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `api_key = "${KEY}"\nurl = "${SANDBOX_URL}"\n`);
    expect(await store.load()).toEqual({ apiKey: KEY, url: SANDBOX_URL });
    await store.save({ apiKey: KEY, url: SANDBOX_URL });
    expect(await readFile(file, 'utf8')).toBe(`api_key = "${KEY}"\nurl = "${SANDBOX_URL}"\n`);
  });

  it('clear removes only api_key, keeping url and other keys', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `api_key = "${KEY}"\nurl = "${SANDBOX_URL}"\ntheme = "dark"\n`);
    await store.clear();
    expect(await store.load()).toBeNull();
    expect(await store.loadUrl()).toBe(SANDBOX_URL);
    expect(parse(await readFile(file, 'utf8'))).toEqual({ url: SANDBOX_URL, theme: 'dark' });
    if (isPosix) expect(await mode(file)).toBe(0o600);
  });

  it('writes through a symlinked config.toml instead of replacing the link', async () => {
    if (!isPosix) return;
    const real = path.join(home.root, 'dotfiles', 'favcrm.toml');
    await mkdir(path.dirname(real), { recursive: true });
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(real, 'theme = "dark"\n');
    await symlink(real, file);
    await store.save({ apiKey: KEY, url: SANDBOX_URL });
    expect(parse(await readFile(real, 'utf8'))).toEqual({ api_key: KEY, url: SANDBOX_URL, theme: 'dark' });
    expect(await mode(real)).toBe(0o600);
  });

  describe('malformed file', () => {
    const broken = `api_key = "${KEY}\nurl = \n`;

    beforeEach(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, broken, { mode: 0o644 });
    });

    it('is reported, not thrown, and the problem never quotes the key', async () => {
      const state = await store.inspect();
      expect(state.status).toBe('malformed');
      if (state.status !== 'malformed') return;
      expect(state.problem).toMatch(/line 1, column \d+/);
      expect(state.problem).not.toContain(KEY);
      expect(await store.load()).toBeNull();
    });

    it('treats a non-string api_key as malformed, as the CLI does', async () => {
      await writeFile(file, 'api_key = 42\n');
      expect(await store.inspect()).toMatchObject({ status: 'malformed', problem: 'api_key must be a string' });
    });

    it('is backed up to config.toml.bak (0600) before a save, and the warning says so', async () => {
      const warnings: string[] = [];
      const warned = new ConfigFileStore({ path: file, onWarning: (message) => warnings.push(message) });
      const report = await warned.saveWithReport({ apiKey: KEY, url: SANDBOX_URL });
      expect(report).toEqual({ path: file, backupPath: `${file}.bak` });
      expect(await readFile(`${file}.bak`, 'utf8')).toBe(broken);
      if (isPosix) expect(await mode(`${file}.bak`)).toBe(0o600);
      expect(await warned.load()).toEqual({ apiKey: KEY, url: SANDBOX_URL });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`${file}.bak`);
      expect(warnings[0]).not.toContain(KEY);
    });

    it('never overwrites an earlier backup', async () => {
      await writeFile(`${file}.bak`, 'earlier backup');
      const report = await store.saveWithReport({ apiKey: KEY });
      expect(report.backupPath).toBe(`${file}.bak.1`);
      expect(await readFile(`${file}.bak`, 'utf8')).toBe('earlier backup');
    });

    it('makes clear refuse with an actionable error and leaves the file alone', async () => {
      const error = await store.clear().catch((caught: unknown) => caught);
      expect(ConfigFileError.isInstance(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/Fix the file or delete it/);
      expect(await readFile(file, 'utf8')).toBe(broken);
    });
  });
});
