import path from 'node:path';
import { windowsAppData, xdgConfigHome, type ClientDefinition } from '../client-definition.js';

/** The variable mcp-remote fills the header from; its value ("Bearer <key>") sits in the entry's `env`. */
export const DESKTOP_HEADER_VARIABLE = 'FAVCRM_AUTHORIZATION';

/**
 * Claude Desktop: `claude_desktop_config.json` takes local (stdio) servers only, so a remote server goes through
 * `npx mcp-remote URL --header ...`. The servers it starts get only a few variables (HOME, PATH, USER), not the
 * person's shell: the key has to be in the entry's `env`, i.e. in the file.
 */
export const claudeDesktop: ClientDefinition = {
  id: 'claude-desktop',
  name: 'Claude Desktop',
  aliases: ['claude-app', 'desktop'],
  custody: {
    kind: 'inline',
    reason: 'Claude Desktop passes the servers it starts only a few variables (HOME, PATH, USER), not your shell\'s, so the key must be written into its config file',
  },
  format: {
    kind: 'json',
    comments: false,
    container: 'mcpServers',
    entry: (url, key) => ({
      command: 'npx',
      // No space in the --header value: some clients split args on spaces (mcp-remote README); the value is in env.
      args: ['-y', 'mcp-remote', url, '--header', `Authorization:\${${DESKTOP_HEADER_VARIABLE}}`, '--transport', 'http-only', ...(needsAllowHttp(url) ? ['--allow-http'] : [])],
      env: { [DESKTOP_HEADER_VARIABLE]: `Bearer ${key}` },
    }),
  },
  configFile: (scope, place) => (scope === 'project' ? null : path.join(desktopDirectory(place), 'claude_desktop_config.json')),
  executables: [],
  markers: (place) => [desktopDirectory(place)],
  urlOf: (entry) => {
    const args = typeof entry === 'object' && entry !== null ? (entry as { args?: unknown }).args : undefined;
    return Array.isArray(args) ? (args.find((arg): arg is string => typeof arg === 'string' && /^https?:\/\//.test(arg)) ?? null) : null;
  },
  caveats: (_scope, endpoint) => [
    'Claude Desktop reaches a remote server through mcp-remote, which it runs with npx: Node.js must be installed.',
    ...(endpoint.url.startsWith('http://') && !endpoint.sandbox && needsAllowHttp(endpoint.url) ? ['The URL is plain http: mcp-remote is told --allow-http, so the key travels unencrypted.'] : []),
  ],
  reload: 'Quit Claude Desktop completely and open it again; favcrm appears under Settings → Developer.',
  sources: [
    'https://modelcontextprotocol.io/quickstart/user',
    'https://modelcontextprotocol.io/legacy/tools/debugging',
    'https://github.com/geelen/mcp-remote',
  ],
};

/** mcp-remote refuses plain http except to localhost / 127.0.0.1 unless told `--allow-http`. */
function needsAllowHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && !(parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

function desktopDirectory(place: Parameters<ClientDefinition['markers']>[0]): string {
  if (place.platform === 'darwin') return path.join(place.home, 'Library', 'Application Support', 'Claude');
  if (place.platform === 'win32') return path.join(windowsAppData(place), 'Claude');
  // No official Linux build; community builds use the XDG config directory.
  return path.join(xdgConfigHome(place), 'Claude');
}

