import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { editRootStrings } from '../../src/secrets/toml-root-string-edit.js';

const KEY = 'fav_mcp_AbCdEfGhIjKlMnOpQrSt9876';

/** What the store expects after the edit: the parsed file with the updates applied. */
function expectedAfter(text: string, updates: Record<string, string | undefined>): Record<string, unknown> {
  const table: Record<string, unknown> = { ...parse(text) };
  for (const [key, value] of Object.entries(updates)) {
    if (value === undefined) delete table[key];
    else table[key] = value;
  }
  return table as never;
}

function edit(text: string, updates: Record<string, string | undefined>): string | undefined {
  return editRootStrings(text, updates, expectedAfter(text, updates) as never);
}

describe('editRootStrings', () => {
  it('replaces values in place, keeping comments, order and trailing notes', () => {
    const text = '# my favcrm settings\ntheme = "dark" # night owl\n\n# the key\napi_key = \'old\'  # from the portal\nurl = "https://old/mcp"\n\n[profile]\nname = "Ada"\n';
    expect(edit(text, { api_key: KEY, url: 'http://127.0.0.1:4319/mcp' })).toBe(
      `# my favcrm settings\ntheme = "dark" # night owl\n\n# the key\napi_key = "${KEY}"  # from the portal\nurl = "http://127.0.0.1:4319/mcp"\n\n[profile]\nname = "Ada"\n`,
    );
  });

  it('adds missing keys to the root table, before blank lines and tables, not inside [profile]', () => {
    const text = '# settings\ntheme = "dark"\n\n[profile]\napi_key = "not-root"\n';
    const result = edit(text, { api_key: KEY, url: 'http://x/mcp' });
    expect(result).toBe(`# settings\ntheme = "dark"\napi_key = "${KEY}"\nurl = "http://x/mcp"\n\n[profile]\napi_key = "not-root"\n`);
    expect(parse(result ?? '')).toMatchObject({ api_key: KEY, profile: { api_key: 'not-root' } });
  });

  it('removes a key line and leaves the rest alone', () => {
    const text = `# keep me\napi_key = "${KEY}" # secret\nurl = "http://x/mcp"\n`;
    expect(edit(text, { api_key: undefined })).toBe('# keep me\nurl = "http://x/mcp"\n');
  });

  it('keeps CRLF line endings', () => {
    expect(edit('# c\r\nurl = "a"\r\n', { url: 'b' })).toBe('# c\r\nurl = "b"\r\n');
  });

  it('escapes values as TOML strings', () => {
    const result = edit('', { url: 'http://x/"q"\\p' });
    expect(parse(result ?? '')).toEqual({ url: 'http://x/"q"\\p' });
  });

  it('refuses layouts it cannot edit line by line, so the caller rewrites the file', () => {
    expect(edit('api_key = """\nold"""\n', { api_key: KEY })).toBeUndefined();
    // A value that is not a string on the line (an array) cannot be replaced safely either.
    expect(edit('url = ["a"]\n', { url: 'b' })).toBeUndefined();
  });
});
