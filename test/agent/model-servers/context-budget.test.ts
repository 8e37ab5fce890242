import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_BUDGET_TOKENS } from '../../../src/agent/request-budget.js';
import type { RequestMeasure } from './context-recorder.js';
import { EVERYDAY } from './crm-brain.js';
import { errorsOf, runSignupJourney, startHarness, toolEnds } from './journey-harness.js';
import { crmBrain } from './crm-brain.js';
import { openai } from './dialects.js';
import { measureRequests } from './context-recorder.js';
import { selectModel } from '../../../src/agent/model-selection.js';
import { prefixShareSummary, ROUNDS, runLongSession, type LongSession } from './long-session.js';

/**
 * Every request of a long session and an exploring turn, measured as the server receives it: its size stays within
 * the budget, and consecutive requests repeat ≥ 90% of the previous one's prompt (prompt and KV caches work).
 */
describe('the context stays lean and cache-friendly through a long session and an exploring turn', () => {
  let run: LongSession;
  beforeAll(async () => {
    run = await runLongSession();
    const line = (measure: RequestMeasure) => `#${measure.index} ${measure.tokens} tok ${measure.toolCount} tools share ${measure.prefixShare === null ? '-' : (measure.prefixShare * 100).toFixed(1)}%`;
    console.info(`context per request:\n${run.measures.map(line).join('\n')}`);
  }, 120_000);
  afterAll(async () => run.harness.close());

  it('the whole session ran without an error, exploring included', () => {
    const events = run.harness.fixture.events;
    expect(errorsOf(events)).toEqual([]);
    expect(toolEnds(events).filter((end) => end.startsWith('query_favcrm_platform'))).toHaveLength(4);
    expect(toolEnds(events)).toContain('list_deals:ok');
    expect(run.measures.length).toBeGreaterThan(ROUNDS * EVERYDAY.length * 2);
  });

  it(`no request exceeds the budget (${DEFAULT_REQUEST_BUDGET_TOKENS} tokens), not even the exploring turn's`, () => {
    const largest = Math.max(...run.measures.map((measure) => measure.tokens));
    expect(largest).toBeLessThanOrEqual(DEFAULT_REQUEST_BUDGET_TOKENS);
    const exploring = run.measures.slice(run.exploringFrom);
    // Four searches name ~30 tools; unbudgeted the step offered 36 tools and reached 13.7k tokens.
    expect(Math.max(...exploring.map((measure) => measure.toolCount))).toBeLessThan(36);
  });

  it('consecutive requests share ≥ 90% of their prefix (median), and most pairs do', () => {
    const summary = prefixShareSummary(run.measures);
    expect(summary.median).toBeGreaterThanOrEqual(0.9);
    expect(summary.atLeast90).toBeGreaterThanOrEqual(0.8);
  });
});

describe('FAVCRM_CHAT_CONTEXT_BUDGET_TOKENS sets the budget', () => {
  it('is read from the environment (ignored when too small to hold the prompt) and every request keeps to it', async () => {
    expect((await selectModel('openai:m', { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', FAVCRM_CHAT_CONTEXT_BUDGET_TOKENS: '4500' })).contextBudgetTokens).toBe(4500);
    expect((await selectModel('openai:m', { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', FAVCRM_CHAT_CONTEXT_BUDGET_TOKENS: '50' })).contextBudgetTokens).toBeUndefined();
    const harness = await startHarness('openai', (body, index) => ({ frames: openai(crmBrain(body), index) }), undefined, { contextBudgetTokens: 4_500 });
    try {
      await runSignupJourney(harness);
      for (const [text] of EVERYDAY) await harness.fixture.session.send(text);
      for (const [text] of EVERYDAY) await harness.fixture.session.send(`${text} again`);
      expect(errorsOf(harness.fixture.events)).toEqual([]);
      const largest = Math.max(...measureRequests(harness.server.requests).map((measure) => measure.tokens));
      expect(largest).toBeLessThanOrEqual(4_500);
      expect(largest).toBeGreaterThan(3_500);
    } finally {
      await harness.close();
    }
  });
});
