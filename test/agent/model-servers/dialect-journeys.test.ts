import { afterEach, describe, expect, it } from 'vitest';
import * as dialects from './dialects.js';
import { assistantTexts, errorsOf, journeyIn, PROVIDERS, runSignupJourney, startHarness, toolEnds, type Harness } from './journey-harness.js';
import { FINAL_SUMMARY, textOf } from './signup-brain.js';

/**
 * Every server dialect and quirk, replayed byte for byte through the real provider (both @ai-sdk/openai and
 * @ai-sdk/openai-compatible) and the real agent loop against the real sandbox: the journey must complete.
 */
const DIALECTS: Array<[string, dialects.Dialect]> = [
  ['OpenAI (fragments, ids on first fragment, usage chunk with choices: [])', dialects.openai],
  ['Ollama (whole tool calls, finish_reason "stop" after tool calls)', dialects.ollama],
  ['Ollama with a thinking model (delta.reasoning)', dialects.ollamaThinking],
  ['llama.cpp (content: null, reasoning_content, timings)', dialects.llamaCpp],
  ['vLLM (reasoning_content, interleaved parallel calls)', dialects.vllm],
  ['LM Studio (ids on every fragment, stats)', dialects.lmStudio],
  ['OpenRouter (keep-alive comments, provider, usage with cost)', dialects.openRouter],
  ['a <think> model (deepseek-r1, qwen3 without a reasoning parser)', dialects.thinkInContent],
  ['Qwen <tool_call> text (tool parser off)', dialects.qwenTextToolCalls],
  ['no `choices` key (Vercel v0, ROCm servers)', dialects.noChoicesKey],
  ['role: "" (MiniMax)', dialects.emptyRole],
  ['tool calls without `index`', dialects.toolCallWithoutIndex],
  ['`arguments` as an object', dialects.objectArguments],
  ['every parallel call numbered index 0', dialects.sameIndexForEveryCall],
  ['`arguments: ""` for a tool without arguments', dialects.emptyStringArguments],
];

describe.each(PROVIDERS)('model-server dialects through %s', (provider) => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it.each(DIALECTS)('%s: signs up and summarises, no error, nothing of the thinking shown or sent back', async (_name, dialect) => {
    harness = await startHarness(provider, journeyIn(dialect));
    await runSignupJourney(harness);
    const { fixture, server } = harness;
    expect(errorsOf(fixture.events)).toEqual([]);
    expect(fixture.session.authStatus().status).toBe('signed-in');
    expect(toolEnds(fixture.events)).toEqual(['register_organisation_request:ok', 'register_organisation_verify:ok', 'list_my_companies:ok', 'get_plan_status:ok']);
    const said = assistantTexts(fixture.events);
    expect(said.at(-1)).toBe(FINAL_SUMMARY);
    expect(said.join('\n')).not.toMatch(/<think>|<\/think>|tool_call|must not reveal|Okay, the person|work out the next|tools can do it/);
    // Nothing of any step's thinking goes back to the server, and every request is a valid conversation.
    const sent = JSON.stringify(server.requests.map((request) => request.body.messages));
    expect(sent).not.toMatch(/<think>|must not reveal|reasoning_content|Okay, the person|work out the next|tools can do it/);
    for (const request of server.requests) {
      const roles = request.body.messages.map((message) => message.role);
      expect(roles.join(',')).not.toMatch(/user,user/);
      expect(textOf(request.body.messages.at(-1))).not.toBe('');
    }
  });
});
