import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { parseAppOptions } from '../helpers/app-options.js';
import { createAgentSession } from '../../src/app/create-agent-session.js';
import { runHeadless } from '../../src/app/headless.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { latestCode, startTestSandbox, tempDir } from '../helpers/agent-fixture.js';
import { codeForms } from '../helpers/code-forms.js';
import { signUpDirectly } from '../helpers/direct-signup.js';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { signupModel } from '../helpers/signup-model-script.js';

/**
 * #15: for every way of writing the code, signed out and signed in (a second business), nothing the app produces
 * holds the code: not a request body the model server received, not an event, not stdout or stderr, not a file under
 * HOME. The key is in exactly one file, the store it was saved to.
 */

function filesUnder(directory: string): Array<{ file: string; text: string }> {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    if (!entry.isFile()) return [];
    const file = path.join(entry.parentPath, entry.name);
    return [{ file, text: fs.readFileSync(file, 'latin1') + fs.readFileSync(file, 'utf8') }];
  });
}

/** The code's six digits standing alone, or joined by the separators people type (checked on everything captured). */
function codePattern(code: string): RegExp {
  return new RegExp(`(?<![0-9A-Za-z])${[...code].join('[\\s.,\\-_/#()\\u2013\\u2014\\u00a0\\u2009\\u202f\\u200b\\u2060\\ufeff\\u00ad]{0,3}')}(?![0-9A-Za-z])`);
}

let sandbox: RunningSandbox;
let model: FakeOpenAiServer;
let signups = 0;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  model = await startFakeOpenAiServer((body) => signupModel(body));
});
afterAll(async () => {
  await model.close();
  await sandbox.close();
});

async function signUpWithCode(typed: (code: string) => string, signedInWith: string | null) {
  const home = tempDir('capture');
  const env: Record<string, string> = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    FAVCRM_CHAT_KEYRING: 'off',
    FAVCRM_MCP_URL: sandbox.url,
    OPENAI_BASE_URL: model.baseURL,
    OPENAI_MODEL: 'fake-model',
    ...(signedInWith ? { FAVCRM_API_KEY: signedInWith } : {}),
  };
  const email = `capture${(signups += 1)}@studio.example`;
  const firstRequest = model.requests.length;
  const app = await createAgentSession(parseAppOptions(['--headless', '--json', '--yes']), env, resolveAppPaths(env, 'linux'));
  const events: AgentEvent[] = [];
  app.session.subscribe((event) => events.push(event));
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  // The code is typed only once it has been emailed: the first line asks for the signup.
  let code = '';
  const lines = (async function* () {
    yield `Sign our second studio up please, ${email}\n`;
    while (!events.some((event) => event.type === 'signup-pending')) {
      if (events.some((event) => event.type === 'turn-end')) throw new Error(`no signup started: ${JSON.stringify(events.slice(-6))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    code = latestCode(sandbox, email);
    yield `${typed(code)}\n`;
  })();
  await runHeadless(app.session, { stdin: Readable.from(lines), stdout, stderr }, { json: true, autoApprove: true });
  await app.close();
  return { code, typedCode: typed(code), home, events, out, err, requests: model.requests.slice(firstRequest) };
}

const forms = codeForms('000000').map(([label], index) => [label, (code: string) => codeForms(code)[index]?.[1] ?? code] as const);

describe.each([
  ['signed out', false],
  ['signed in (a second business)', true],
])('the code never leaves the app, %s', (_state, signedIn) => {
  it.each(forms)('typed as: %s', async (_label, typed) => {
    const firstKey = signedIn ? await signUpDirectly(sandbox, `first${(signups += 1)}@studio.example`) : null;
    const run = await signUpWithCode(typed, firstKey);
    const completed = run.events.find((event) => event.type === 'signup-completed');
    expect(completed, `${run.err}\n${run.out.slice(-2000)}`).toBeTruthy();

    const files = filesUnder(run.home);
    const captured = [JSON.stringify(run.requests), JSON.stringify(run.events), run.out, run.err, ...files.map((entry) => entry.text)];
    for (const text of captured) {
      expect(text).not.toContain(run.typedCode);
      expect(text).not.toMatch(codePattern(run.code));
    }
    // The new key is in one file (where it was saved), in no request, event or output; the shell's key in none.
    const configFile = path.join(run.home, 'config', 'favcrm', 'config.toml');
    const newKey = /api_key = "([^"]+)"/.exec(fs.readFileSync(configFile, 'utf8'))?.[1] ?? '';
    expect(newKey).toMatch(/^fav_mcp_[A-Za-z0-9]{32,}$/);
    expect(files.filter((entry) => entry.text.includes(newKey)).map((entry) => entry.file)).toEqual([configFile]);
    for (const text of [JSON.stringify(run.requests), JSON.stringify(run.events), run.out, run.err]) {
      expect(text).not.toContain(newKey);
      if (firstKey) expect(text).not.toContain(firstKey);
    }
    if (firstKey) for (const entry of files) expect(entry.text).not.toContain(firstKey);
  });
});
