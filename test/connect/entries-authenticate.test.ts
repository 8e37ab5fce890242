/**
 * The entries connect writes, read the way each client's docs say it reads them, really authenticate against the
 * sandbox over HTTP: the reference syntax is the one the client expands, and the URL is the one the chat uses.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENTS } from '../../src/connect/clients/index.js';
import { CLIENT_IDS, SERVER_NAME, type ClientId } from '../../src/connect/connect-types.js';
import { SandboxHarness } from '../sandbox/sandbox-harness.js';
import { parseClientFile, tempPlace } from './connect-fixtures.js';

let harness: SandboxHarness;
let apiKey: string;
beforeAll(async () => {
  harness = await SandboxHarness.start({ label: 'connect' });
  apiKey = (await harness.signUp('connect@stretch.hk')).apiKey;
});
afterAll(() => harness.stop());

type Env = Record<string, string | undefined>;

/** `${NAME}` / `$NAME` (Claude Code, Gemini CLI) and `${env:NAME}` (Cursor), as each documents; unset expands to ''. */
function expand(value: string, env: Env, syntax: 'shell' | 'cursor'): string {
  return syntax === 'cursor' ? value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '') : value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? '');
}

/** What the client sends: its URL and headers, from its own entry, its environment and (VS Code) what was typed. */
function requestOf(client: ClientId, entry: Record<string, unknown>, env: Env, typedIntoVsCode: string): { url: string; headers: Record<string, string> } {
  const headers = (entry.headers ?? {}) as Record<string, string>;
  const map = (syntax: 'shell' | 'cursor') => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, expand(value, env, syntax)]));
  switch (client) {
    case 'claude-code':
      return { url: expand(entry.url as string, env, 'shell'), headers: map('shell') };
    case 'gemini':
      return { url: entry.httpUrl as string, headers: map('shell') };
    case 'cursor':
      return { url: entry.url as string, headers: map('cursor') };
    case 'vscode':
      return { url: entry.url as string, headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('${input:favcrm-api-key}', typedIntoVsCode)])) };
    case 'codex':
      return { url: entry.url as string, headers: { Authorization: `Bearer ${env[entry.bearer_token_env_var as string] ?? ''}` } };
    case 'claude-desktop': {
      // mcp-remote: args[…] is the URL, `--header Name:value` with ${VAR} from the entry's env (its own process env).
      const args = entry.args as string[];
      const header = /^([A-Za-z0-9_-]+):\s*(.*)$/.exec(args[args.indexOf('--header') + 1] ?? '');
      const ownEnv = entry.env as Env;
      return { url: args.find((arg) => arg.startsWith('http')) ?? '', headers: header ? { [header[1] ?? '']: expand(header[2] ?? '', ownEnv, 'shell') } : {} };
    }
  }
}

async function companiesVisible(request: { url: string; headers: Record<string, string> }): Promise<boolean> {
  const client = new Client({ name: 'connect-test', version: '1' });
  try {
    // An unknown or empty Bearer key is refused at initialize (HTTP 401), a known one sees its companies.
    await client.connect(new StreamableHTTPClientTransport(new URL(request.url), { requestInit: { headers: request.headers } }));
    const result = await client.callTool({ name: 'list_my_companies', arguments: {} });
    return result.isError !== true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

describe.each(CLIENT_IDS)('%s entry against the sandbox', (client) => {
  it('authenticates with the key from where the client takes it, and not without it', async () => {
    const temp = await tempPlace({ endpoint: { url: harness.url, source: '--url', sandbox: true }, apiKey });
    try {
      await temp.connect(client, { allowKeyInFile: true });
      const file = parseClientFile(client, await temp.read(client));
      const format = CLIENTS[client].format;
      const entry = ((file[format.kind === 'toml' ? 'mcp_servers' : format.container] as Record<string, unknown>)[SERVER_NAME]) as Record<string, unknown>;
      expect(await companiesVisible(requestOf(client, entry, { FAVCRM_API_KEY: apiKey }, apiKey))).toBe(true);
      if (client !== 'claude-desktop') expect(await companiesVisible(requestOf(client, entry, {}, ''))).toBe(false);
    } finally {
      await temp.cleanup();
    }
  });
});
