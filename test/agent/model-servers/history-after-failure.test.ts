import { afterEach, describe, expect, it } from 'vitest';
import { openai } from './dialects.js';
import { errorsOf, PROVIDERS, runSignupJourney, startHarness, type Harness } from './journey-harness.js';
import type { ChatRequest, Reply } from './replay-server.js';
import { signupBrain } from './signup-brain.js';

/** The step right after verify fails (a 500); the verify and its result must still be in the next request. */
describe.each(PROVIDERS)('history after a failure through %s', (provider) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('a verify that succeeded stays in the model history when the next step fails', async () => {
    let failed = false;
    const answeredVerify = (body: ChatRequest) => body.messages.some((message) => message.role === 'tool') && JSON.stringify(body.messages.at(-1)).includes('apiKeyStored');
    harness = await startHarness(provider, (body, index): Reply => {
      if (!failed && answeredVerify(body)) {
        failed = true;
        return { status: 500, body: JSON.stringify({ error: { message: 'CUDA out of memory', type: 'server_error' } }) };
      }
      return { frames: openai(signupBrain(body), index) };
    });
    await runSignupJourney(harness);
    expect(errorsOf(harness.fixture.events).map((error) => error.code)).toEqual(['MODEL_SERVER_ERROR']);
    expect(harness.fixture.session.authStatus().status).toBe('signed-in');

    await harness.fixture.session.send('what happened?');
    const next = harness.server.requests.at(-1)?.body.messages ?? [];
    const verifyCall = next.find((message) => message.tool_calls?.some((call) => call.function.name === 'register_organisation_verify'));
    expect(verifyCall).toBeDefined();
    const verifyResult = next.find((message) => message.role === 'tool' && message.tool_call_id === verifyCall?.tool_calls?.[0]?.id);
    expect(String(verifyResult?.content)).toContain('fav_mcp_...');
    expect(next.map((message) => message.role).join(',')).not.toMatch(/user,user/);
  });
});
