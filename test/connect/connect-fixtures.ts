import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { CLIENTS } from '../../src/connect/clients/index.js';
import { resolveConnectPlace } from '../../src/connect/connect-place.js';
import type { ClientId, ConnectEndpoint, ConnectPlace, ConnectScope } from '../../src/connect/connect-types.js';
import { runConnect, type ConnectContext, type ConnectReport, type ConnectRequest } from '../../src/connect/run-connect.js';

/** Distinctive, and deliberately not FavCRM-shaped: only connect's own care can keep it out of output. */
export const FAKE_KEY = 'zqx-CONNECT-SECRET-7f3a9c2e41';
export const REMOTE: ConnectEndpoint = { url: 'https://api.favcrm.example/mcp', source: 'FAVCRM_MCP_URL', sandbox: false };

export interface TempPlace {
  root: string;
  place: ConnectPlace;
  context: ConnectContext;
  file(client: ClientId, scope?: ConnectScope): string;
  connect(client: ClientId, request?: Omit<ConnectRequest, 'client'>): Promise<ConnectReport>;
  write(client: ClientId, text: string, scope?: ConnectScope): Promise<string>;
  read(client: ClientId, scope?: ConnectScope): Promise<string>;
  /** Backups beside the client's file. */
  backups(client: ClientId, scope?: ConnectScope): Promise<string[]>;
  mode(file: string): Promise<number>;
  cleanup(): Promise<void>;
}

/** A temp HOME (and project directory) on the given platform; every client path lands inside it. */
export async function tempPlace(options: { platform?: NodeJS.Platform; env?: Record<string, string>; endpoint?: ConnectEndpoint; apiKey?: string | null } = {}): Promise<TempPlace> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'favcrm-connect-'));
  const home = path.join(root, 'home');
  const project = path.join(root, 'project');
  await mkdir(home, { recursive: true });
  await mkdir(project, { recursive: true });
  const place = resolveConnectPlace({ HOME: home, PATH: '', ...options.env }, options.platform ?? 'linux', project);
  const context: ConnectContext = {
    endpoint: options.endpoint ?? REMOTE,
    apiKey: options.apiKey === undefined ? FAKE_KEY : options.apiKey,
    key: { inEnvironment: false, storedIn: 'OS keyring (service favcrm-chat)', storedKind: 'keyring' },
    place,
    now: () => new Date('2026-12-07T09:30:00Z'),
  };
  const file = (client: ClientId, scope: ConnectScope = 'user'): string => {
    const found = CLIENTS[client].configFile(scope, place);
    if (found === null) throw new Error(`${client} has no ${scope} file`);
    return found;
  };
  return {
    root,
    place,
    context,
    file,
    connect: (client, request = {}) => runConnect({ client, ...request }, context),
    async write(client, text, scope) {
      const target = file(client, scope);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
      return target;
    },
    read: (client, scope) => readFile(file(client, scope), 'utf8'),
    async backups(client, scope) {
      const target = file(client, scope);
      const names = await readdir(path.dirname(target)).catch(() => [] as string[]);
      return names.filter((name) => name.startsWith(path.basename(target)) && name.endsWith('.bak')).map((name) => path.join(path.dirname(target), name));
    },
    mode: async (target) => (await stat(target)).mode & 0o777,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Parses a client's file the way the client does (JSONC, JSON or TOML). */
export function parseClientFile(client: ClientId, text: string): Record<string, unknown> {
  if (CLIENTS[client].format.kind === 'toml') return JSON.parse(JSON.stringify(parseToml(text))) as Record<string, unknown>;
  return parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, unknown>;
}

/** Each client's file as a person might have it: another server, other settings, and (where allowed) comments. */
export const EXISTING: Record<ClientId, { text: string; comments: string[] }> = {
  'claude-code': {
    text: `{
  "numStartups": 42,
  "projects": { "/work/app": { "mcpServers": { "local-only": { "command": "node", "args": ["x.js"] } } } },
  "mcpServers": {
    "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer \${GITHUB_PAT}" } }
  }
}
`,
    comments: [],
  },
  cursor: {
    text: `{
  // servers for every project
  "mcpServers": {
    "context7": {
      "url": "https://mcp.context7.com/mcp", // docs lookup
      "headers": { "CONTEXT7_API_KEY": "\${env:CONTEXT7_API_KEY}" },
    },
    /* the browser */
    "playwright": { "command": "npx", "args": ["-y", "@playwright/mcp@latest"] },
  },
}
`,
    comments: ['// servers for every project', '// docs lookup', '/* the browser */'],
  },
  vscode: {
    text: `{
\t// my MCP servers
\t"inputs": [
\t\t{ "type": "promptString", "id": "perplexity-key", "description": "Perplexity API Key", "password": true }
\t],
\t"servers": {
\t\t// search
\t\t"perplexity": { "type": "stdio", "command": "npx", "args": ["-y", "server-perplexity-ask"], "env": { "PERPLEXITY_API_KEY": "\${input:perplexity-key}" } }
\t}
}
`,
    comments: ['// my MCP servers', '// search'],
  },
  codex: {
    text: `# Codex settings
model = "gpt-5-codex" # the default model

[mcp_servers.docs]
# documentation lookups
command = "npx"
args = ["-y", "mcp-docs"]

[mcp_servers.docs.env]
DOCS_TOKEN_FILE = "/home/me/.docs-token"

# profiles below
[profiles.fast]
model = "o4-mini"
`,
    comments: ['# Codex settings', '# the default model', '# documentation lookups', '# profiles below'],
  },
  gemini: {
    text: `{
  // look and feel
  "theme": "GitHub",
  "mcpServers": {
    "tracker": { "httpUrl": "https://tracker.example/mcp", "headers": { "X-Token": "$TRACKER_TOKEN" }, "timeout": 5000 }
  }
}
`,
    comments: ['// look and feel'],
  },
  'claude-desktop': {
    text: `{
  "mcpServers": {
    "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"] }
  },
  "globalShortcut": "Ctrl+Space"
}
`,
    comments: [],
  },
};

/** A file of each client's format that does not parse; the broken line holds a secret-looking value. */
export const BROKEN: Record<ClientId, string> = {
  'claude-code': '{\n  "mcpServers": {\n    "x": { "headers": { "Authorization": "Bearer BROKEN-LINE-SECRET-99" } \n',
  cursor: '{\n  "mcpServers": { "x": { "url": BROKEN-LINE-SECRET-99 } }\n}\n',
  vscode: '{\n  "servers": { "x": { "type": "http" "url": "BROKEN-LINE-SECRET-99" } }\n}\n',
  codex: '[mcp_servers.x]\nurl = "https://x"\nbearer_token = BROKEN-LINE-SECRET-99\n',
  gemini: '{\n  "mcpServers": {\n    "x": { "httpUrl": "BROKEN-LINE-SECRET-99", }\n  ]\n}\n',
  'claude-desktop': '{\n  // comments are not JSON\n  "mcpServers": { "x": { "command": "BROKEN-LINE-SECRET-99" } }\n}\n',
};
