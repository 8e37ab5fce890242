import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { RunningSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, startTestSandbox } from '../helpers/agent-fixture.js';
import { scriptedModel } from '../helpers/scripted-model.js';

/** The tool results the model got back on its previous step, as it reads them. */
function toolResultsSeen(options: LanguageModelV3CallOptions): Array<{ toolName: string; output: unknown }> {
  const last = options.prompt.at(-1);
  if (last?.role !== 'tool') return [];
  return last.content.flatMap((part) => (part.type === 'tool-result' ? [{ toolName: part.toolName, output: part.output }] : []));
}

const REQUEST = { email: 'owner@mistakes.test', organisationName: 'Mistake Yoga', industry: 'fitness', country: 'HK', timezone: 'Asia/Hong_Kong' };

// Small local models (Ollama, llama.cpp) get tool calls wrong now and then. A wrong call must come back to the model
// as a result it can correct, not end the turn or the session.
describe('a model that calls tools wrongly', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it.each([
    ['a tool that does not exist', { toolName: 'create_booking_now', input: {} }, /create_booking_now/],
    ['a CRM tool before signing in', { toolName: 'list_services', input: {} }, /list_services/],
    ['malformed JSON arguments', { toolName: 'register_organisation_request', input: '{"email": "owner@mistakes.test", organisationName' }, /register_organisation_request|JSON|input/i],
  ])('%s: the model gets an error result it can act on, then recovers', async (_label, wrongCall, mentions) => {
    sandbox = await startTestSandbox();
    const seen: Array<Array<{ toolName: string; output: unknown }>> = [];
    const model = scriptedModel([
      () => ({ toolCalls: [wrongCall] }),
      (options) => {
        seen.push(toolResultsSeen(options));
        return { toolCalls: [{ toolName: 'register_organisation_request', input: REQUEST }] };
      },
      (options) => {
        seen.push(toolResultsSeen(options));
        return { text: 'Check your email for the code.' };
      },
    ]);
    const fixture = createTestSession(sandbox.url, model);
    await fixture.session.start();
    await fixture.session.send(`Sign me up: Mistake Yoga in Hong Kong, ${REQUEST.email}`);

    const [afterWrong, afterRight] = seen;
    expect(afterWrong).toHaveLength(1);
    const wrongResult = JSON.stringify(afterWrong?.[0]?.output);
    expect(wrongResult).toMatch(mentions);
    expect(afterWrong?.[0]?.output).toMatchObject({ type: expect.stringMatching(/^error-/) });
    expect(afterRight?.[0]?.toolName).toBe('register_organisation_request');
    // The person sees the wrong call as a failed tool card, then the right one.
    const cards = fixture.events.filter((event) => event.type === 'tool-call-end');
    expect(cards.map((event) => event.type === 'tool-call-end' && [event.toolName, event.ok])).toEqual([
      [wrongCall.toolName, false],
      ['register_organisation_request', true],
    ]);
    expect(cards[0]).toMatchObject({ errorCode: expect.stringMatching(/^(UNKNOWN_TOOL|INVALID_ARGUMENTS)$/) });
    expect(fixture.events.some((event) => event.type === 'error')).toBe(false);
    expect(fixture.events.find((event) => event.type === 'signup-pending')).toBeTruthy();
    await fixture.session.close();
  });

  it('the saved transcript keeps the order the screen showed: text, the failed card, the real card, text', async () => {
    sandbox = await startTestSandbox();
    const model = scriptedModel([
      () => ({ text: "I'll look that up.", toolCalls: [{ toolName: 'list_services', input: {} }] }),
      () => ({ text: 'First I need to sign you up.', toolCalls: [{ toolName: 'register_organisation_request', input: REQUEST }] }),
      () => ({ text: 'Check your email for the code.' }),
    ]);
    const fixture = createTestSession(sandbox.url, model);
    await fixture.session.start();
    await fixture.session.send(`List my services. I'm Mistake Yoga in Hong Kong, ${REQUEST.email}`);

    const screen = fixture.events.flatMap((event) =>
      event.type === 'assistant-message' ? [`text ${event.text}`] : event.type === 'tool-call-end' ? [`card ${event.toolName} ${event.ok ? 'ok' : 'failed'}`] : [],
    );
    expect(screen).toEqual([
      "text I'll look that up.",
      'card list_services failed',
      'text First I need to sign you up.',
      'card register_organisation_request ok',
      'text Check your email for the code.',
    ]);
    await fixture.session.close();
    const saved = JSON.parse(fs.readFileSync(path.join(fixture.stateDir, 'session.json'), 'utf8')) as { transcript: Array<Record<string, unknown>> };
    const restored = saved.transcript.flatMap((entry) =>
      entry.kind === 'assistant' ? [`text ${String(entry.text)}`] : entry.kind === 'tool' ? [`card ${String(entry.toolName)} ${entry.ok ? 'ok' : 'failed'}`] : [],
    );
    expect(restored).toEqual(screen);
  });
});
