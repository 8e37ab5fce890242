import { readFile, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENTS } from '../../src/connect/clients/index.js';
import { ConnectError } from '../../src/connect/connect-errors.js';
import { CLIENT_IDS, SERVER_NAME, type ClientId } from '../../src/connect/connect-types.js';
import type { ConnectReport } from '../../src/connect/run-connect.js';
import { CLIENT_SCHEMAS, KEY_REFERENCES } from './client-schemas.js';
import { BROKEN, EXISTING, FAKE_KEY, parseClientFile, REMOTE, tempPlace, type TempPlace } from './connect-fixtures.js';

let temp: TempPlace;
beforeEach(async () => {
  temp = await tempPlace();
});
afterEach(() => temp.cleanup());

/** Connects, agreeing to an inline key where the client needs one (the CLI asks, or takes --yes). */
async function connect(client: ClientId, request: { remove?: boolean; dryRun?: boolean; scope?: 'user' | 'project' } = {}): Promise<ConnectReport> {
  return temp.connect(client, { ...request, allowKeyInFile: true });
}

function servers(client: ClientId, parsed: Record<string, unknown>): Record<string, unknown> {
  const format = CLIENTS[client].format;
  return (parsed[format.kind === 'toml' ? 'mcp_servers' : format.container] ?? {}) as Record<string, unknown>;
}

function withoutFavcrm(client: ClientId, parsed: Record<string, unknown>): Record<string, unknown> {
  const format = CLIENTS[client].format;
  const container = format.kind === 'toml' ? 'mcp_servers' : format.container;
  const rest = { ...servers(client, parsed) };
  delete rest[SERVER_NAME];
  const copy: Record<string, unknown> = { ...parsed, [container]: rest };
  if (client === 'vscode') copy.inputs = (parsed.inputs as { id: string }[] | undefined)?.filter((input) => input.id !== 'favcrm-api-key');
  return copy;
}

describe.each(CLIENT_IDS)('connect %s', (client) => {
  it('writes a file that matches the client\'s documented schema, the key by reference where the client allows it', async () => {
    const report = await connect(client);
    expect(report).toMatchObject({ kind: 'result', written: true, plan: { action: 'create', url: REMOTE.url } });
    const text = await temp.read(client);
    const parsed = parseClientFile(client, text);
    expect(CLIENT_SCHEMAS[client].safeParse(parsed).error).toBeUndefined();
    const entry = servers(client, parsed)[SERVER_NAME];
    expect(JSON.stringify(entry)).toContain(REMOTE.url);
    if (client === 'claude-desktop') {
      // The one client that cannot take a reference: the key is in its env, the file is 0600.
      expect(text).toContain(FAKE_KEY);
      expect(await temp.mode(temp.file(client))).toBe(0o600);
    } else {
      expect(text).not.toContain(FAKE_KEY);
    }
    const reference = KEY_REFERENCES[client];
    if (reference) expect((entry as { headers: Record<string, string> }).headers.Authorization).toBe(reference);
    if (client === 'codex') expect(entry).toEqual({ url: REMOTE.url, bearer_token_env_var: 'FAVCRM_API_KEY' });
  });

  it('merges into a file with other servers and comments, losing nothing, and backs it up first', async () => {
    const original = EXISTING[client].text;
    const file = await temp.write(client, original);
    const report = await connect(client);
    expect(report).toMatchObject({ kind: 'result', written: true, plan: { action: 'add' } });
    const text = await temp.read(client);
    for (const comment of EXISTING[client].comments) expect(text).toContain(comment);
    const before = parseClientFile(client, original);
    const after = parseClientFile(client, text);
    expect(withoutFavcrm(client, after)).toEqual(withoutFavcrm(client, before));
    expect(Object.keys(servers(client, after))).toEqual(expect.arrayContaining([...Object.keys(servers(client, before)), SERVER_NAME]));
    expect(CLIENT_SCHEMAS[client].safeParse(after).error).toBeUndefined();
    const backups = await temp.backups(client);
    expect(backups).toHaveLength(1);
    expect(await readFile(backups[0] ?? '', 'utf8')).toBe(original);
    expect(await temp.mode(backups[0] ?? '')).toBe(0o600);
    expect(report.kind === 'result' && report.plan.backup).toBe(backups[0]);
    expect(file).toBe(temp.file(client));
  });

  it('is idempotent: a second run changes nothing, makes no backup, and says it is already connected', async () => {
    await temp.write(client, EXISTING[client].text);
    await connect(client);
    const first = await temp.read(client);
    const firstStat = await stat(temp.file(client));
    const again = await connect(client);
    expect(again).toMatchObject({ kind: 'result', written: false, plan: { action: 'unchanged' } });
    expect(await temp.read(client)).toBe(first);
    expect((await stat(temp.file(client))).mtimeMs).toBe(firstStat.mtimeMs);
    expect(await temp.backups(client)).toHaveLength(1);
  });

  it('--remove takes out exactly what connect added, and a second --remove finds nothing', async () => {
    const original = EXISTING[client].text;
    await temp.write(client, original);
    await connect(client);
    const removed = await connect(client, { remove: true });
    expect(removed).toMatchObject({ kind: 'result', written: true, plan: { action: 'remove' } });
    const text = await temp.read(client);
    expect(text).not.toContain(FAKE_KEY);
    // The inverse of the insertion: the file is back to the very bytes it had.
    expect(text).toBe(original);
    for (const comment of EXISTING[client].comments) expect(text).toContain(comment);
    expect(await connect(client, { remove: true })).toMatchObject({ kind: 'result', written: false, plan: { action: 'absent' } });
  });

  it('refuses a file it cannot parse, names the position but not the text, and writes nothing', async () => {
    const broken = BROKEN[client];
    await temp.write(client, broken);
    const failure = await connect(client).then(
      () => null,
      (error: unknown) => error,
    );
    expect(ConnectError.isInstance(failure)).toBe(true);
    const error = failure as ConnectError;
    expect(error.kind).toBe('unparseable');
    expect(error.message).toContain(temp.file(client));
    expect(error.message).toMatch(/line \d+, column \d+/);
    expect(error.message).not.toContain('BROKEN-LINE-SECRET-99');
    expect(await temp.read(client)).toBe(broken);
    expect(await temp.backups(client)).toEqual([]);
  });

  it('keeps a UTF-8 byte order mark (Notepad writes one) and edits the file behind it', async () => {
    const original = `\uFEFF${EXISTING[client].text}`;
    await temp.write(client, original);
    await connect(client);
    const text = await temp.read(client);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(CLIENT_SCHEMAS[client].safeParse(parseClientFile(client, text.slice(1))).error).toBeUndefined();
    await connect(client, { remove: true });
    expect(await temp.read(client)).toBe(original);
  });

  it('--dry-run shows the entry and writes nothing', async () => {
    const report = await connect(client, { dryRun: true });
    expect(report).toMatchObject({ kind: 'result', dryRun: true, written: false, plan: { action: 'create' } });
    await expect(stat(temp.file(client))).rejects.toThrow();
    const preview = report.kind === 'result' ? (report.plan.preview ?? '') : '';
    expect(preview).toContain(REMOTE.url);
    expect(preview).not.toContain(FAKE_KEY);
  });
});

describe('connect: keys, modes and scopes', () => {
  it('Claude Desktop: says the key goes inline and writes nothing until the person agrees', async () => {
    const report = await temp.connect('claude-desktop');
    expect(report.kind).toBe('needs-confirmation');
    expect(report.kind === 'needs-confirmation' && report.plan.warnings.join(' ')).toContain(`written into ${temp.file('claude-desktop')}`);
    await expect(stat(temp.file('claude-desktop'))).rejects.toThrow();
  });

  it('Claude Desktop: tightens a looser existing file to 0600 when the key goes in', async () => {
    const file = await temp.write('claude-desktop', EXISTING['claude-desktop'].text);
    const { chmod } = await import('node:fs/promises');
    await chmod(file, 0o644);
    await connect('claude-desktop');
    expect(await temp.mode(file)).toBe(0o600);
  });

  it('Claude Desktop: refuses without a key rather than writing a placeholder', async () => {
    const keyless = await tempPlace({ apiKey: null });
    try {
      await expect(keyless.connect('claude-desktop', { allowKeyInFile: true })).rejects.toMatchObject({ kind: 'no-key' });
    } finally {
      await keyless.cleanup();
    }
  });

  it('keeps the mode of a file it only adds a reference to', async () => {
    const file = await temp.write('gemini', EXISTING.gemini.text);
    const { chmod } = await import('node:fs/promises');
    await chmod(file, 0o640);
    await connect('gemini');
    expect(await temp.mode(file)).toBe(0o640);
  });

  it('project scope writes each client\'s project file; Claude Desktop has none', async () => {
    const expected: Partial<Record<ClientId, string>> = { 'claude-code': '.mcp.json', cursor: '.cursor/mcp.json', vscode: '.vscode/mcp.json', codex: '.codex/config.toml', gemini: '.gemini/settings.json' };
    for (const [client, relative] of Object.entries(expected) as [ClientId, string][]) {
      const report = await connect(client, { scope: 'project' });
      expect(report.kind === 'result' && report.plan.file).toBe(`${temp.place.cwd}/${relative}`);
      expect(CLIENT_SCHEMAS[client].safeParse(parseClientFile(client, await temp.read(client, 'project'))).error).toBeUndefined();
    }
    await expect(connect('claude-desktop', { scope: 'project' })).rejects.toMatchObject({ kind: 'unsupported-scope' });
  });

  it('a sandbox endpoint is allowed but warned about', async () => {
    const sandbox = await tempPlace({ endpoint: { url: 'http://127.0.0.1:8765/mcp', source: 'default (embedded sandbox)', sandbox: true } });
    try {
      const report = await sandbox.connect('cursor', { dryRun: true });
      expect(report.kind === 'result' && report.plan.warnings[0]).toMatch(/local sandbox.*only while the sandbox runs/);
    } finally {
      await sandbox.cleanup();
    }
  });

  it('Claude Code: says when a local-scope favcrm (what `claude mcp add` writes by default) will win in some folder', async () => {
    await temp.write('claude-code', JSON.stringify({ projects: { '/work/shop': { mcpServers: { favcrm: { type: 'http', url: 'https://old.example/mcp' } } }, '/work/other': { mcpServers: {} } } }));
    const report = await connect('claude-code');
    expect(report.kind === 'result' && report.plan.warnings.join(' ')).toContain('local-scope favcrm server for /work/shop, which it uses there instead');
    const removed = await connect('claude-code', { remove: true });
    expect(removed.kind === 'result' && removed.plan.warnings.join(' ')).toContain('/work/shop');
    // The local entry itself is the person's: untouched.
    expect(parseClientFile('claude-code', await temp.read('claude-code')).projects).toEqual({ '/work/shop': { mcpServers: { favcrm: { type: 'http', url: 'https://old.example/mcp' } } }, '/work/other': { mcpServers: {} } });
  });

  it('at user scope, says when this folder\'s project file also defines favcrm (the client prefers it here)', async () => {
    await temp.write('gemini', '{ "mcpServers": { "favcrm": { "httpUrl": "https://team.example/mcp" } } }', 'project');
    const report = await connect('gemini');
    expect(report.kind === 'result' && report.plan.warnings.join(' ')).toContain(`${temp.file('gemini', 'project')} also defines favcrm for this folder; in Gemini CLI a project entry may take the place`);
    await temp.write('gemini', '{ broken', 'project');
    expect((await connect('gemini', { dryRun: true })).kind).toBe('result');
  });

  it('says when it replaces an entry that pointed elsewhere', async () => {
    await temp.write('cursor', '{ "mcpServers": { "favcrm": { "url": "https://old.example/mcp" } } }');
    const report = await connect('cursor');
    expect(report).toMatchObject({ plan: { action: 'update' } });
    expect(report.kind === 'result' && report.plan.warnings).toContain('This replaces the favcrm entry that pointed at https://old.example/mcp.');
    // Same URL, another shape (here the key written inline by hand): still said, since the old entry goes.
    await temp.write('cursor', `{ "mcpServers": { "favcrm": { "url": "${REMOTE.url}", "headers": { "Authorization": "Bearer literal" } } } }`);
    const same = await connect('cursor');
    expect(same.kind === 'result' && same.plan.warnings.join(' ')).toContain('This replaces the favcrm entry already there');
    expect(await temp.read('cursor')).not.toContain('literal');
  });

  it('VS Code: keeps its input while another server still uses it, and removes it with the last user', async () => {
    await connect('vscode');
    const text = await temp.read('vscode');
    const shared = text.replace('"servers": {', '"servers": {\n    "mine": { "type": "http", "url": "https://mine.example/mcp", "headers": { "Authorization": "Bearer ${input:favcrm-api-key}" } },');
    await temp.write('vscode', shared);
    await connect('vscode', { remove: true });
    expect(parseClientFile('vscode', await temp.read('vscode')).inputs).toEqual([expect.objectContaining({ id: 'favcrm-api-key' })]);
  });

  it('refuses to write when the file changed between reading and writing (another program saved it)', async () => {
    const { prepareConnect } = await import('../../src/connect/connect-plan.js');
    const { applyConnect } = await import('../../src/connect/apply-connect.js');
    await temp.write('gemini', EXISTING.gemini.text);
    const prepared = await prepareConnect({ client: CLIENTS.gemini, scope: 'user', endpoint: REMOTE, place: temp.place, apiKey: FAKE_KEY, key: temp.context.key });
    const changed = EXISTING.gemini.text.replace('"GitHub"', '"Dracula"');
    await temp.write('gemini', changed);
    await expect(applyConnect(prepared)).rejects.toMatchObject({ kind: 'io', message: expect.stringContaining('changed while connect was working on it') });
    expect(await temp.read('gemini')).toBe(changed);
    expect(await temp.backups('gemini')).toEqual([]);
  });

  it('a config path that is a directory is refused with a message, not a stack trace', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(temp.file('cursor'), { recursive: true });
    await expect(connect('cursor')).rejects.toMatchObject({ kind: 'io', message: expect.stringContaining(`Could not read ${temp.file('cursor')}`) });
  });

  it('follows a symlinked config to its target, keeping the link', async () => {
    const { mkdir, symlink, lstat, writeFile } = await import('node:fs/promises');
    const dotfiles = `${temp.root}/dotfiles`;
    await mkdir(dotfiles, { recursive: true });
    await writeFile(`${dotfiles}/mcp.json`, EXISTING.cursor.text);
    await mkdir(`${temp.place.home}/.cursor`, { recursive: true });
    await symlink(`${dotfiles}/mcp.json`, temp.file('cursor'));
    await connect('cursor');
    expect((await lstat(temp.file('cursor'))).isSymbolicLink()).toBe(true);
    expect(await readFile(`${dotfiles}/mcp.json`, 'utf8')).toContain('"favcrm"');
  });
});
