import { afterEach, describe, expect, it } from 'vitest';
import { CODE_PLACEHOLDER } from '../../src/agent/code-guard.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { ModelConfigurationError, selectModel } from '../../src/agent/model-selection.js';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, latestCode, startTestSandbox } from '../helpers/agent-fixture.js';
import { lastToolMessage, startFakeOpenAiServer, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';

describe('an OpenAI-compatible server (OPENAI_BASE_URL) through the same loop, with no code change', () => {
  let sandbox: RunningSandbox | undefined;
  let provider: FakeOpenAiServer | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await provider?.close();
    sandbox = provider = undefined;
  });

  it('selects offline without configuration, chat completions with OPENAI_BASE_URL, and refuses openai without a key', async () => {
    expect((await selectModel(undefined, {})).info).toMatchObject({ offline: true });
    expect((await selectModel(undefined, { OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_MODEL: 'llama3.1' })).info.label).toBe('openai-compatible:llama3.1 @ http://localhost:11434/v1');
    expect((await selectModel('openai:gpt-4o', { OPENAI_API_KEY: 'sk-test' })).info.label).toBe('openai:gpt-4o');
    expect(() => selectModel('openai:gpt-4o', {})).toThrow(ModelConfigurationError);
    expect(() => selectModel('claude', {})).toThrow(/Unknown model/);
  });

  it('signs up with streamed tool calls; the provider never receives the key or the code', async () => {
    sandbox = await startTestSandbox();
    provider = await startFakeOpenAiServer((body, index) => {
      const steps = [
        () => ({ toolCalls: [{ name: 'register_organisation_request', arguments: { email: 'llm@moon.jp', organisationName: 'Moon Cafe', industry: 'hospitality', country: 'JP', timezone: 'Asia/Tokyo' } }] }),
        () => ({ text: 'Check your inbox for the code.' }),
        () => ({ toolCalls: [{ name: 'register_organisation_verify', arguments: { requestId: lastRequestId, code: CODE_PLACEHOLDER } }] }),
        () => ({ text: `Done: ${JSON.stringify(lastToolMessage(body))}` }),
      ];
      if (index === 1) lastRequestId = String(lastToolMessage(body)?.requestId);
      return (steps[index] ?? (() => ({ text: 'ok' })))();
    });
    let lastRequestId = '';
    const { model, info } = await selectModel(undefined, { OPENAI_BASE_URL: provider.baseURL, OPENAI_MODEL: 'llama3.1' });
    const fixture = createTestSession(sandbox.url, model, { modelInfo: info });
    await fixture.session.start();
    await fixture.session.send('Sign me up: Moon Cafe in Kyoto, llm@moon.jp');
    const code = latestCode(sandbox, 'llm@moon.jp');
    await fixture.session.send(code);

    expect(fixture.session.authStatus().status).toBe('signed-in');
    const usage = fixture.events.filter((event): event is Extract<AgentEvent, { type: 'usage' }> => event.type === 'usage');
    expect(usage.at(-1)?.inputTokens).toBeGreaterThan(0);
    expect(provider.requests[0]?.model).toBe('llama3.1');
    expect(provider.authorizations[0]).toBe('Bearer not-needed');
    const sent = JSON.stringify(provider.requests);
    const apiKey = (await fixture.store.load())?.apiKey ?? 'missing';
    expect(sent).not.toContain(apiKey);
    expect(sent).not.toContain(code);
    expect(sent).toContain('fav_mcp_...');
    // Lean context: before auth only the bootstrap tools are offered (the loader would have nothing to load; #17).
    const firstTools = (provider.requests[0]?.tools as Array<{ function: { name: string } }>).map((tool) => tool.function.name);
    expect(firstTools.sort()).toEqual(['accept_team_invite_request', 'accept_team_invite_verify', 'register_organisation_request', 'register_organisation_verify']);
    await fixture.session.close();
  });

  it('a 401 from the provider becomes MODEL_AUTH with the variable to check', async () => {
    sandbox = await startTestSandbox();
    provider = await startFakeOpenAiServer(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }));
    const { model, info } = await selectModel('openai:gpt-4o-mini', { OPENAI_BASE_URL: provider.baseURL, OPENAI_API_KEY: 'sk-wrong' });
    const fixture = createTestSession(sandbox.url, model, { modelInfo: info });
    await fixture.session.start();
    await fixture.session.send('hello');
    const error = fixture.events.find((event) => event.type === 'error');
    expect(error && error.type === 'error' && error.error).toMatchObject({ code: 'MODEL_AUTH' });
    expect(JSON.stringify(fixture.events)).not.toContain('sk-wrong');
    await fixture.session.close();
  });
});
