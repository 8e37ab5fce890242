import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD_TOOLS_NAME } from '../../../src/mcp/tool-exposure.js';
import { connectFavcrm } from '../../../src/mcp/favcrm-connection.js';
import { openai, type Intent } from './dialects.js';
import { runSignupJourney, startHarness, type Harness } from './journey-harness.js';
import type { ChatRequest, RecordedRequest } from './replay-server.js';
import { signupBrain, textOf } from './signup-brain.js';

/**
 * Every signup stage's system prompt, as the server receives it, names only tools offered in that same request.
 * The journey runs through the real provider and loop against the sandbox; each stage is one request picked out.
 */
const SEARCH_WORDS = 'create a booking';

function brain(body: ChatRequest): Intent {
  const last = body.messages.at(-1);
  if (last?.role === 'user' && textOf(last).includes(SEARCH_WORDS)) return { kind: 'tools', calls: [{ name: 'query_favcrm_platform', args: { query: SEARCH_WORDS } }] };
  if (last?.role === 'tool' && textOf(last).includes('callableNow')) return { kind: 'text', text: 'I can book that now.' };
  return signupBrain(body);
}

const systemOf = (request: RecordedRequest) => textOf(request.body.messages.find((message) => message.role === 'system'));
const offeredIn = (request: RecordedRequest) => new Set((request.body.tools ?? []).map((tool) => tool.function.name));

describe('prompts match the tools at every signup stage', () => {
  let harness: Harness;
  let toolNames: string[];
  beforeAll(async () => {
    harness = await startHarness('openai', (body, index) => ({ frames: openai(brain(body), index) }));
    await runSignupJourney(harness);
    await harness.fixture.session.send('what next?');
    await harness.fixture.session.send(`I want to ${SEARCH_WORDS}`);
    await harness.fixture.session.send('thanks');
    const connection = await connectFavcrm(harness.sandbox.url, null);
    toolNames = [...(await connection.listTools()).map((tool) => tool.name), LOAD_TOOLS_NAME];
    await connection.close();
  });
  afterAll(async () => harness.close());

  const stage = (pick: (request: RecordedRequest) => boolean) => (): RecordedRequest => {
    const found = harness.server.requests.find(pick);
    if (!found) throw new Error('stage not reached');
    return found;
  };
  const stages: Array<[string, () => RecordedRequest]> = [
    ['signed out, nothing pending (first message)', stage((request) => systemOf(request).includes('pending signup: none') && systemOf(request).includes('auth: signed-out'))],
    ['signed out, code pending', stage((request) => /pending signup: requestId/.test(systemOf(request)))],
    ['the step right after verify (relay the result, first calls)', stage((request) => systemOf(request).includes('Just signed up'))],
    ['signed in, a later turn', stage((request) => systemOf(request).includes('auth: signed-in') && !systemOf(request).includes('Just signed up'))],
    ['signed in, after a search loaded tools', stage((request) => textOf(request.body.messages.at(-1)).includes('callableNow'))],
  ];

  it.each(stages)('%s: every tool the system prompt names is offered', (_name, pick) => {
    const request = pick();
    const system = systemOf(request);
    const named = toolNames.filter((name) => new RegExp(`\\b${name}\\b`).test(system));
    expect(named.length).toBeGreaterThan(0);
    const offered = offeredIn(request);
    expect(named.filter((name) => !offered.has(name))).toEqual([]);
  });

  it('the step after verify carries the playbook step that relays the login URL and makes the first calls', () => {
    const system = systemOf(stages[2]![1]());
    expect(system).toMatch(/loginUrl/);
    expect(system).toMatch(/list_my_companies.*get_plan_status.*list_services/);
  });

  it('a search makes callable exactly the tools it names, and the next request offers them', () => {
    const answered = stages[4]![1]();
    const result = JSON.parse(textOf(answered.body.messages.at(-1))) as { items: Array<{ name: string }>; callableNow: string[] };
    const named = result.items.map((item) => item.name);
    expect(named.length).toBeGreaterThan(5);
    expect(result.callableNow).toEqual(named);
    const offered = offeredIn(answered);
    expect(named.filter((name) => !offered.has(name))).toEqual([]);
  });

  it('the clock is not in the system prompt on the wire but after the newest user message (a cache-friendly prefix)', () => {
    for (const request of harness.server.requests) {
      expect(systemOf(request)).not.toMatch(/^now:/m);
      const newestUser = [...request.body.messages].reverse().find((message) => message.role === 'user');
      expect(textOf(newestUser)).toMatch(/\n\[time now: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\]$/);
    }
  });

  it('before signup the loader is not offered (it could load nothing)', () => {
    expect(offeredIn(stages[0]![1]()).has(LOAD_TOOLS_NAME)).toBe(false);
    expect(offeredIn(stages[3]![1]()).has(LOAD_TOOLS_NAME)).toBe(true);
  });
});

describe('a search that names more tools than one load takes', () => {
  it('loads its best matches, and says exactly which it loaded and which not', async () => {
    const harness = await startHarness('openai', (body, index) => {
      const last = body.messages.at(-1);
      if (last?.role === 'user' && textOf(last).includes('everything')) return { frames: openai({ kind: 'tools', calls: [{ name: 'query_favcrm_platform', args: { query: 'list', limit: 30 } }] }, index) };
      if (last?.role === 'tool' && textOf(last).includes('callableNow')) return { frames: openai({ kind: 'text', text: 'Loaded.' }, index) };
      return { frames: openai(signupBrain(body), index) };
    });
    try {
      await runSignupJourney(harness);
      await harness.fixture.session.send('show me everything you can list');
      const answered = harness.server.requests.at(-1)!;
      const result = JSON.parse(textOf(answered.body.messages.at(-1))) as { items: Array<{ name: string }>; callableNow: string[]; notLoaded?: string[] };
      const named = result.items.map((item) => item.name);
      expect(named.length).toBeGreaterThan(24);
      expect([...result.callableNow, ...(result.notLoaded ?? [])].sort()).toEqual([...named].sort());
      // The best matches (first in the answer) are loaded; others are callable only if already offered (core tools).
      expect(result.callableNow).toEqual(expect.arrayContaining(named.slice(0, 8)));
      expect(result.notLoaded?.length).toBeGreaterThan(0);
      const offered = new Set((answered.body.tools ?? []).map((tool) => tool.function.name));
      expect(result.callableNow.filter((name) => !offered.has(name))).toEqual([]);
    } finally {
      await harness.close();
    }
  });
});
