import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.js';
import { selectModel } from '../../src/agent/model-selection.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, startTestSandbox, tempDir } from '../helpers/agent-fixture.js';
import { deadUrl, startFakeServer } from '../helpers/fake-http-servers.js';
import { scriptedModel } from '../helpers/scripted-model.js';
import { portOutsideEphemeralRange } from '../helpers/stable-port.js';

const errorsOf = (events: AgentEvent[]) => events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
const userMessagesKept = (messages: readonly { role: string; content: unknown }[]) => messages.filter((message) => message.role === 'user').map((message) => message.content);

function failingModel(error: Error): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async () => {
      throw error;
    },
  });
}

describe('failures give a clear message and lose nothing', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('a dead server: start reports it, a turn reports it, the message is kept', async () => {
    const fixture = createTestSession(await deadUrl(), scriptedModel([]));
    await fixture.session.start();
    expect(errorsOf(fixture.events)[0]).toMatchObject({ code: 'SERVER_UNREACHABLE' });
    expect(errorsOf(fixture.events)[0]?.message).toMatch(/Can't reach FavCRM at http:\/\/127\.0\.0\.1:\d+\/mcp/);
    expect(errorsOf(fixture.events)[0]?.hint).toMatch(/FAVCRM_MCP_URL/);
    await fixture.session.send('Sign me up please');
    expect(errorsOf(fixture.events)).toHaveLength(2);
    expect(fixture.events.at(-1)).toMatchObject({ type: 'turn-end', reason: 'error' });
    expect(userMessagesKept(fixture.session.messages)).toEqual(['Sign me up please']);
    await fixture.session.close();
  });

  it('a server answering 500 and one answering garbage are named as such, with no stack trace', async () => {
    const broken = await startFakeServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
    });
    const garbage = await startFakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"this is": not json');
    });
    try {
      for (const [url, code] of [
        [broken.url, /^SERVER_(ERROR|PROTOCOL)$/],
        [garbage.url, /SERVER_PROTOCOL/],
      ] as const) {
        const fixture = createTestSession(url, scriptedModel([]));
        await fixture.session.start();
        const [error] = errorsOf(fixture.events);
        expect(error?.code).toMatch(code);
        expect(error?.message).not.toMatch(/\n\s+at /);
        expect(error?.hint).toBeTruthy();
        await fixture.session.close();
      }
    } finally {
      await broken.close();
      await garbage.close();
    }
  });

  it.each([
    [401, 'MODEL_AUTH', /OPENAI_API_KEY/],
    [429, 'MODEL_RATE_LIMIT', /nothing was lost/],
  ])('a model answering %i says %s and keeps the conversation', async (status, code, hint) => {
    sandbox = await startTestSandbox();
    const error = new APICallError({ message: `HTTP ${status}`, url: 'https://api.openai.com/v1/chat/completions', requestBodyValues: {}, statusCode: status, isRetryable: false });
    const fixture = createTestSession(sandbox.url, failingModel(error));
    await fixture.session.start();
    await fixture.session.send('Sign me up for FavCRM');
    const [reported] = errorsOf(fixture.events);
    expect(reported?.code).toBe(code);
    expect(reported?.hint).toMatch(hint);
    expect(userMessagesKept(fixture.session.messages)).toEqual(['Sign me up for FavCRM']);
    await fixture.session.close();
  });

  it('a model that never answers times out with MODEL_TIMEOUT', async () => {
    sandbox = await startTestSandbox();
    // A server that accepts the request and never writes a byte.
    const silent = await startFakeServer(() => undefined);
    const { model } = await selectModel('openai:llama3.1', { OPENAI_BASE_URL: `${silent.url}/v1`, FAVCRM_CHAT_MODEL_TIMEOUT_MS: '200' });
    const fixture = createTestSession(sandbox.url, model);
    await fixture.session.start();
    await fixture.session.send('hello?');
    expect(errorsOf(fixture.events)[0]).toMatchObject({ code: 'MODEL_TIMEOUT' });
    await fixture.session.close();
    await silent.close();
  });

  it('the server dying mid-journey ends the turn with SERVER_UNREACHABLE; the pending signup survives a restart of both', async () => {
    const dataDir = tempDir('sandbox-restart');
    // A port from listen(0) could go to another test's server once this one dies; this one cannot.
    const port = await portOutsideEphemeralRange();
    sandbox = await startTestSandbox({ dataDir, port });
    const home = tempDir('home-restart');
    const requestModel = scriptedModel([
      () => ({ toolCalls: [{ toolName: 'register_organisation_request', input: { email: 'kill@restart.test', organisationName: 'Restart Yoga' } }] }),
      () => ({ text: 'Paste the code.' }),
      () => ({ toolCalls: [{ toolName: 'register_organisation_verify', input: { requestId: 'whatever', code: '[code ******]' } }] }),
    ]);
    const first = createTestSession(sandbox.url, requestModel, { home });
    await first.session.start();
    await first.session.send('Sign me up: Restart Yoga, kill@restart.test');
    const code = sandbox.outbox.list()[0]?.code ?? '';
    await sandbox.close();
    await first.session.send(code);
    expect(errorsOf(first.events).at(-1)?.code).toBe('SERVER_UNREACHABLE');
    // Refused before connecting: the code never left, so the person is not told it "may have been accepted".
    expect(errorsOf(first.events).at(-1)?.message).toContain('The code was not sent, so it is still good.');
    expect(errorsOf(first.events).at(-1)?.hint).toContain('Paste the code again once FavCRM answers');
    await first.session.close();

    sandbox = await startTestSandbox({ dataDir, port });
    const verifyModel = scriptedModel([
      (options) => {
        const system = options.prompt.find((message) => message.role === 'system');
        const requestId = /requestId (\S+),/.exec(String(system?.content))?.[1];
        return { toolCalls: [{ toolName: 'register_organisation_verify', input: { requestId, code: '[code ******]' } }] };
      },
      () => ({ text: 'Welcome.' }),
    ]);
    const second = createTestSession(sandbox.url, verifyModel, { home });
    await second.session.start();
    const ready = second.events.find((event) => event.type === 'session-ready');
    expect(ready && ready.type === 'session-ready' && ready.pendingSignup?.maskedEmail).toBeTruthy();
    expect(ready && ready.type === 'session-ready' && ready.history.some((entry) => entry.kind === 'error')).toBe(true);
    const restoredCard = ready && ready.type === 'session-ready' ? ready.history.find((entry) => entry.kind === 'tool') : undefined;
    expect(restoredCard).toMatchObject({ toolName: 'register_organisation_request', title: 'Request signup code', ok: true });
    expect(restoredCard && restoredCard.kind === 'tool' ? restoredCard.argsSummary : '').toContain('email kill@restart.test');
    await second.session.send(code);
    expect(second.session.authStatus().status).toBe('signed-in');
    await second.session.close();
  });
});
