import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENTS } from '../../src/connect/clients/index.js';
import { resolveConnectPlace } from '../../src/connect/connect-place.js';
import type { ClientId } from '../../src/connect/connect-types.js';

const userFiles = (env: Record<string, string>, platform: NodeJS.Platform): Record<ClientId, string | null> => {
  const place = resolveConnectPlace(env, platform, '/work/project');
  return Object.fromEntries(Object.values(CLIENTS).map((client) => [client.id, client.configFile('user', place)])) as Record<ClientId, string | null>;
};

describe('client config paths', () => {
  it('Linux: HOME, XDG_CONFIG_HOME, CODEX_HOME and CLAUDE_CONFIG_DIR are honoured', () => {
    expect(userFiles({ HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux')).toEqual({
      'claude-code': '/h/.claude.json',
      cursor: '/h/.cursor/mcp.json',
      vscode: '/x/Code/User/mcp.json',
      codex: '/h/.codex/config.toml',
      gemini: '/h/.gemini/settings.json',
      'claude-desktop': '/x/Claude/claude_desktop_config.json',
    });
    const moved = userFiles({ HOME: '/h', CODEX_HOME: '/c', CLAUDE_CONFIG_DIR: '/cc', XDG_CONFIG_HOME: 'relative' }, 'linux');
    expect(moved.codex).toBe('/c/config.toml');
    expect(moved['claude-code']).toBe('/cc/.claude.json');
    // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
    expect(moved.vscode).toBe('/h/.config/Code/User/mcp.json');
  });

  it('macOS: Application Support for VS Code and Claude Desktop', () => {
    const files = userFiles({ HOME: '/Users/me' }, 'darwin');
    expect(files.vscode).toBe('/Users/me/Library/Application Support/Code/User/mcp.json');
    expect(files['claude-desktop']).toBe('/Users/me/Library/Application Support/Claude/claude_desktop_config.json');
    expect(files.cursor).toBe('/Users/me/.cursor/mcp.json');
  });

  it('Windows: %APPDATA% for VS Code and Claude Desktop, %USERPROFILE% as home', () => {
    const files = userFiles({ USERPROFILE: 'C:\\Users\\me', APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32');
    expect(files.vscode).toBe(path.join('C:\\Users\\me\\AppData\\Roaming', 'Code', 'User', 'mcp.json'));
    expect(files['claude-desktop']).toBe(path.join('C:\\Users\\me\\AppData\\Roaming', 'Claude', 'claude_desktop_config.json'));
    expect(files.gemini).toBe(path.join('C:\\Users\\me', '.gemini', 'settings.json'));
  });

  it('accepts the names people type', async () => {
    const { findClient } = await import('../../src/connect/clients/index.js');
    expect(findClient('Claude Code').id).toBe('claude-code');
    expect(findClient('code').id).toBe('vscode');
    expect(findClient('gemini-cli').id).toBe('gemini');
    expect(findClient('claude_desktop').id).toBe('claude-desktop');
    expect(() => findClient('notepad')).toThrow(expect.objectContaining({ kind: 'unknown-client', hint: 'Use one of: claude-code, cursor, vscode, codex, gemini, claude-desktop.' }));
  });

  it('Claude Desktop: mcp-remote is told --allow-http only for a plain-http URL that is not local', () => {
    const format = CLIENTS['claude-desktop'].format;
    if (format.kind !== 'json') throw new Error('json expected');
    const args = (url: string) => (format.entry(url, 'k') as { args: string[] }).args;
    expect(args('http://127.0.0.1:8765/mcp')).not.toContain('--allow-http');
    expect(args('https://api.favcrm.io/mcp')).not.toContain('--allow-http');
    expect(args('http://crm.lan:8080/mcp')).toContain('--allow-http');
    // No space in the header argument: some clients split args on spaces (mcp-remote README).
    expect(args('https://api.favcrm.io/mcp').find((arg) => arg.startsWith('Authorization:'))).not.toContain(' ');
  });
});
