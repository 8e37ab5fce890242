import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_BUDGET_TOKENS } from '../../../src/agent/request-budget.js';
import type { RequestMeasure } from './context-recorder.js';
import { EVERYDAY } from './crm-brain.js';
import { errorsOf, toolEnds } from './journey-harness.js';
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
