import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { loadEnvironment } from '../../src/config/load-environment.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import { AppKeyFile } from '../../src/secrets/app-key-file.js';
import { runCommand } from '../helpers/run-command.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import { tempDir } from '../helpers/agent-fixture.js';
import { deadUrl } from '../helpers/fake-http-servers.js';

/**
 * #18.2: the chat (and headless mode), doctor and `auth status` read their settings from one resolver, so for every
 * key source and every way of naming the endpoint they agree on the URL and on whether a key is sent, and which.
 */

const PRODUCTION = 'https://mcp.favcrm.invalid/mcp';
const KEY = (tail: string) => `fav_mcp_${'K'.repeat(28)}${tail}`;

let refused: string;
let sandboxUrl: string;
beforeAll(async () => {
  refused = 'http://127.0.0.1:9/mcp';
  sandboxUrl = await deadUrl();
});

interface Case {
  args: string[];
  env: Record<string, string>;
  dotenv: Record<string, string>;
}

type KeySource = { name: string; apply: (home: string, setup: Case) => Promise<void> };
type UrlChoice = { name: string; apply: (setup: Case) => void };

const keySources: KeySource[] = [
  { name: 'no key', apply: async () => undefined },
  {
    name: '--api-key-file',
    apply: async (home, setup) => {
      const file = path.join(home, 'key.txt');
      fs.writeFileSync(file, `${KEY('File')}\n`, { mode: 0o600 });
      setup.args.push('--api-key-file', file);
    },
  },
  { name: 'FAVCRM_API_KEY (shell)', apply: async (_home, setup) => void (setup.env.FAVCRM_API_KEY = KEY('Shel')) },
  { name: 'FAVCRM_API_KEY (.env)', apply: async (_home, setup) => void (setup.dotenv.FAVCRM_API_KEY = KEY('Dotv')) },
  { name: 'config.toml for production', apply: async (home) => new ConfigFileStore({ path: paths(home).favcrmConfigFile }).save({ apiKey: KEY('Prod'), url: PRODUCTION }) },
  { name: 'config.toml for a sandbox', apply: async (home) => new ConfigFileStore({ path: paths(home).favcrmConfigFile }).save({ apiKey: KEY('Sand'), url: sandboxUrl }) },
  { name: 'keys.json for 127.0.0.1:9', apply: async (home) => new AppKeyFile(paths(home).appKeyFile).put({ apiKey: KEY('Nine'), url: refused }) },
];

const urlChoices: UrlChoice[] = [
  { name: 'no URL', apply: () => undefined },
  { name: '--url 127.0.0.1:9', apply: (setup) => void setup.args.push('--url', refused) },
  { name: '--url production', apply: (setup) => void setup.args.push('--url', PRODUCTION) },
  { name: 'FAVCRM_MCP_URL (shell)', apply: (setup) => void (setup.env.FAVCRM_MCP_URL = refused) },
  { name: 'FAVCRM_MCP_URL (.env)', apply: (setup) => void (setup.dotenv.FAVCRM_MCP_URL = refused) },
];

function paths(home: string) {
  return resolveAppPaths(environment(home), 'linux');
}

function environment(home: string): Record<string, string> {
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    FAVCRM_CHAT_KEYRING: 'off',
  };
}

/** Builds the case's HOME and environment (with its .env loaded the way the CLI loads it). */
async function prepare(source: KeySource, url: UrlChoice): Promise<{ home: string; args: string[]; env: Record<string, string | undefined> }> {
  const home = tempDir('agree');
  const setup: Case = { args: [], env: {}, dotenv: {} };
  await source.apply(home, setup);
  url.apply(setup);
  const project = path.join(home, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, '.env'), Object.entries(setup.dotenv).map(([name, value]) => `${name}=${value}\n`).join(''));
  const env: Record<string, string | undefined> = { ...environment(home), ...setup.env };
  loadEnvironment(env, project);
  return { home, args: setup.args, env };
}

async function authStatus(args: string[], env: Record<string, string | undefined>, home: string): Promise<Record<string, unknown>> {
  let stdout = '';
  stdout = (await runCommand(['auth', 'status', '--json', ...args], { env, paths: paths(home) })).stdout;
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('chat, headless, doctor and auth status resolve the same settings', () => {
  afterAll(() => undefined);
  const matrix = keySources.flatMap((source) => urlChoices.map((url) => [`${source.name} × ${url.name}`, source, url] as const));

  it.each(matrix)('%s', async (_name, source, url) => {
    const { home, args, env } = await prepare(source, url);
    const status = await authStatus(args, env, home);
    const app = await createAgentSession(parseAppOptions(['--headless', ...args]), env, paths(home));
    try {
      const auth = app.session.authStatus();
      const report = await app.session.doctor();
      expect({ keyPresent: report.keyPresent, maskedKey: auth.status === 'signed-in' ? auth.maskedKey : null }).toEqual({ keyPresent: status.keyPresent, maskedKey: status.maskedKey });
      if (!status.embeddedSandbox) {
        expect(report.url).toBe(status.url);
        expect(app.endpoint.url).toBe(status.url);
      } else {
        expect(app.endpoint.sandbox).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it('a key saved for production is not sent to --url 127.0.0.1:9, by auth status and doctor alike (#18)', async () => {
    const { home, args, env } = await prepare(keySources[4] as KeySource, urlChoices[1] as UrlChoice);
    const status = await authStatus(args, env, home);
    expect(status).toMatchObject({ keyPresent: false, maskedKey: null, url: refused });
    expect(JSON.stringify(status.keyHeldBack)).toContain(`belongs to ${PRODUCTION}`);
    const app = await createAgentSession(parseAppOptions(args), env, paths(home));
    try {
      expect(await app.session.doctor()).toMatchObject({ url: refused, keyPresent: false });
    } finally {
      await app.close();
    }
  });
});
