import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { refusal } from '../helpers/connect-refusal.js';
import { removeTomlServer, setTomlServer } from '../../src/connect/toml-table-edit.js';

const TABLE = { url: 'https://api.favcrm.example/mcp', bearer_token_env_var: 'FAVCRM_API_KEY' };
const set = (text: string) => setTomlServer(text, 'config.toml', 'favcrm', TABLE);
const remove = (text: string) => removeTomlServer(text, 'config.toml', 'favcrm');


describe('Codex config.toml: table-level edits', () => {
  it('replaces an old favcrm table and its sub-tables in place, keeping the comments around them', () => {
    const text = [
      '# top',
      '[mcp_servers.a]',
      'command = "a"',
      '',
      '# FavCRM, added by hand',
      '[mcp_servers.favcrm]',
      'url = "https://old.example/mcp"',
      'bearer_token = "inline-secret"',
      '',
      '[mcp_servers.favcrm.http_headers]',
      'X-Old = "1"',
      '',
      '# about profiles',
      '[profiles.p]',
      'model = "m"',
      '',
    ].join('\n');
    const result = set(text);
    expect(result).toContain('# FavCRM, added by hand\n[mcp_servers.favcrm]\nurl = "https://api.favcrm.example/mcp"');
    expect(result).toContain('# about profiles\n[profiles.p]');
    expect(result).not.toContain('inline-secret');
    expect(result).not.toContain('X-Old');
    expect(JSON.parse(JSON.stringify(parse(result)))).toEqual({ mcp_servers: { a: { command: 'a' }, favcrm: TABLE }, profiles: { p: { model: 'm' } } });
  });

  it('finds the table under a quoted header', () => {
    const result = set('[mcp_servers."favcrm"]\nurl = "https://old.example/mcp"\n');
    expect(result).toBe('[mcp_servers.favcrm]\nurl = "https://api.favcrm.example/mcp"\nbearer_token_env_var = "FAVCRM_API_KEY"\n');
  });

  it('does not take a header-looking line inside a multi-line string for a header', () => {
    const text = 'notes = """\n[mcp_servers.favcrm]\nurl = "in a string"\n"""\n';
    const result = set(text);
    expect(result.startsWith(text)).toBe(true);
    expect((parse(result) as { notes: string }).notes).toContain('[mcp_servers.favcrm]');
  });

  it('refuses a favcrm server written as dotted keys or an inline table, writing nothing', () => {
    for (const text of ['mcp_servers.favcrm.url = "https://x"\n', '[mcp_servers]\nfavcrm = { url = "https://x" }\n']) {
      const error = refusal(() => set(text));
      expect(error.kind).toBe('unsupported-layout');
      expect(error.message).toContain('[mcp_servers.favcrm]');
    }
  });

  it('refuses a file that is not TOML, with the position and without its text', () => {
    const error = refusal(() => set('[mcp_servers.x]\nbearer_token = SECRET-ON-BROKEN-LINE\n'));
    expect(error.kind).toBe('unparseable');
    expect(error.message).toMatch(/line 2, column \d+/);
    expect(error.message).not.toContain('SECRET-ON-BROKEN-LINE');
  });

  it('keeps CRLF line endings', () => {
    const result = set('model = "m"\r\n\r\n[profiles.p]\r\nmodel = "n"\r\n');
    expect(result.split('\r\n').length).toBeGreaterThan(5);
    expect(result.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('removing the only server leaves the rest of the file as it was', () => {
    const original = 'model = "m" # mine\n\n[profiles.p]\nmodel = "n"\n';
    expect(remove(set(original))).toBe(original);
  });

  it('removing keeps a comment that introduces the next table', () => {
    const text = '[mcp_servers.favcrm]\nurl = "https://x"\n\n# next: docs\n[mcp_servers.docs]\ncommand = "d"\n';
    expect(remove(text)).toBe('# next: docs\n[mcp_servers.docs]\ncommand = "d"\n');
  });
});
