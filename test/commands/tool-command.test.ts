import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import { ConfigFileStore } from '../../src/secrets/config-file-store.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { deadUrl } from '../helpers/fake-http-servers.js';
import { latestCode, startTestSandbox, tempDir } from '../helpers/agent-fixture.js';
import { runCommand } from '../helpers/run-command.js';

let sandbox: RunningSandbox;
let apiKey: string;

/** A HOME of its own, no keyring, and no endpoint or key from the outer environment. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const home = tempDir('tool-home');
  return { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_STATE_HOME: path.join(home, 'state'), FAVCRM_CHAT_KEYRING: 'off', PATH: process.env.PATH ?? '' };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  // A workspace signed up over MCP, as the chat would: its key is what the tool command must find.
  const connection = await connectFavcrm(sandbox.url, null);
  const email = 'owner@tool-command.test';
  const request = await connection.callTool('register_organisation_request', { email, organisationName: 'Tool Studio', country: 'HK', timezone: 'Asia/Hong_Kong' });
  const verify = await connection.callTool('register_organisation_verify', { requestId: (request.data as { requestId: string }).requestId, code: latestCode(sandbox, email) });
  apiKey = (verify.data as { apiKey: string }).apiKey;
  await connection.close();
});
afterAll(() => sandbox.close());

describe('favcrm-chat tool list|describe|call', () => {
  it('lists the tools like `favcrm tool list`, and --json gives every field the server sent', async () => {
    const env = isolatedEnv();
    const list = await runCommand(['tool', 'list', '--url', sandbox.url], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^\d+ tool\(s\) available:\n\n {2}register_organisation_request {5}Start signing up/);
    expect(list.stdout).toContain("favcrm-chat tool call <name> '{...}'");
    const json = await runCommand(['--json', 'tool', 'list', '--url', sandbox.url], { env });
    const tools = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(tools.find((tool) => tool.name === 'register_organisation_request')).toMatchObject({ inputSchema: { type: 'object' }, annotations: { title: 'Request signup code' } });
  });

  it('describes one tool with its whole description and input schema', async () => {
    const env = isolatedEnv();
    const described = await runCommand(['tool', 'describe', 'register_organisation_request', '--url', sandbox.url], { env });
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/^# register_organisation_request\n\nStart signing up[\s\S]*Limited to 3 requests[\s\S]*\n\n## Input schema\n\{\n {2}"/);
    const missing = await runCommand(['tool', 'describe', 'no_such_tool', '--url', sandbox.url], { env });
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('No tool named "no_such_tool"');
  });

  it('calls a tool with the key saved for that endpoint, drawing its rows as the official CLI does', async () => {
    const env = isolatedEnv();
    const paths = (await import('../../src/config/paths.js')).resolveAppPaths(env);
    await new ConfigFileStore({ path: paths.favcrmConfigFile }).save({ apiKey, url: sandbox.url });
    // The chat's rule: a key saved with the sandbox's URL is used there (no --url needed: the saved URL is the endpoint).
    const companies = await runCommand(['tool', 'call', 'list_my_companies', '--url', sandbox.url], { env, paths });
    expect(companies.code).toBe(0);
    expect(companies.stdout).toMatch(/^╭─+┬/);
    expect(companies.stdout).toContain('Tool Studio');
    // The shortcut and --json.
    const json = await runCommand(['tool', 'list_my_companies', '{}', '--json', '--url', sandbox.url], { env, paths });
    expect(JSON.parse(json.stdout)).toMatchObject({ items: [expect.objectContaining({ name: 'Tool Studio' })] });
    for (const output of [companies.stdout, companies.stderr, json.stdout, json.stderr]) expect(output).not.toContain(apiKey);
  });

  it('the saved key stays with its endpoint: another URL gets no key, as in the chat and doctor', async () => {
    const env = isolatedEnv();
    const paths = (await import('../../src/config/paths.js')).resolveAppPaths(env);
    await new ConfigFileStore({ path: paths.favcrmConfigFile }).save({ apiKey, url: 'https://mcp.favcrm.io/mcp' });
    const call = await runCommand(['tool', 'call', 'list_my_companies', '--url', sandbox.url], { env, paths });
    expect(call.code).toBe(1);
    expect(`${call.stdout}${call.stderr}`).toMatch(/UNAUTHORI[SZ]ED|API key/i);
    expect(call.stderr).toContain('belongs to https://mcp.favcrm.io/mcp, so it was not sent');
  });

  it('refuses what cannot work before connecting: no name, bad JSON, a code-taking tool', async () => {
    const env = isolatedEnv();
    const dead = 'http://127.0.0.1:9/mcp';
    expect(await runCommand(['tool', 'call', '--url', dead], { env })).toMatchObject({ code: 2 });
    const badJson = await runCommand(['tool', 'call', 'list_services', '{limit:2}', '--url', dead], { env });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain("Invalid JSON for the tool's arguments");
    const array = await runCommand(['tool', 'list_services', '[1]', '--url', dead], { env });
    expect(array.stderr).toContain('must be a JSON object');
    const verify = await runCommand(['tool', 'call', 'register_organisation_verify', '{"requestId":"r","code":"123456"}', '--url', dead], { env });
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain('finish the signup in the chat');
  });

  it('an unreachable server is an expected failure: exit 1 with the reason, no stack', async () => {
    const url = await deadUrl();
    const result = await runCommand(['tool', 'list', '--url', url], { env: isolatedEnv() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Can't reach FavCRM at ${url}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a tool-level error prints the answer and exits 1', async () => {
    const call = await runCommand(['tool', 'call', 'register_organisation_request', '{"email":"not-an-email","organisationName":"X"}', '--url', sandbox.url], { env: isolatedEnv() });
    expect(call.code).toBe(1);
    expect(call.stdout).toContain('"error"');
    expect(call.stderr).toMatch(/register_organisation_request failed: \w+/);
  });
});
