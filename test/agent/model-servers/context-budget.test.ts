import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_BUDGET_TOKENS } from '../../../src/agent/request-budget.js';
import { measureRequests, type RequestMeasure } from './context-recorder.js';
import { crmBrain, EVERYDAY, EXPLORING_PROMPT } from './crm-brain.js';
import { openai } from './dialects.js';
import { errorsOf, runSignupJourney, startHarness, toolEnds, type Harness } from './journey-harness.js';

/** Rounds of everyday requests after signup: ~40 turns, far more history than one window holds. */
const ROUNDS = 6;

/**
 * Every request of a long session and an exploring turn, measured as the server receives it: its size stays within
 * the budget, and consecutive requests repeat ≥ 90% of the previous one's prompt (prompt and KV caches work).
 */
describe('the context stays lean and cache-friendly through a long session and an exploring turn', () => {
  let harness: Harness;
  let measures: RequestMeasure[];
  let exploringFrom = 0;
  beforeAll(async () => {
    harness = await startHarness('openai', (body, index) => ({ frames: openai(crmBrain(body), index) }));
    await runSignupJourney(harness);
    for (let round = 0; round < ROUNDS; round += 1) for (const [text] of EVERYDAY) await harness.fixture.session.send(`${text} (round ${round + 1})`);
    exploringFrom = harness.server.requests.length;
    await harness.fixture.session.send(EXPLORING_PROMPT);
    await harness.fixture.session.send('list my services after exploring');
    measures = measureRequests(harness.server.requests);
    const line = (measure: RequestMeasure) => `#${measure.index} ${measure.tokens} tok ${measure.toolCount} tools share ${measure.prefixShare === null ? '-' : (measure.prefixShare * 100).toFixed(1)}%`;
    console.info(`context per request:\n${measures.map(line).join('\n')}`);
  }, 120_000);
  afterAll(async () => harness.close());

  it('the whole session ran without an error, exploring included', () => {
    expect(errorsOf(harness.fixture.events)).toEqual([]);
    expect(toolEnds(harness.fixture.events).filter((end) => end.startsWith('query_favcrm_platform'))).toHaveLength(4);
    expect(toolEnds(harness.fixture.events)).toContain('list_deals:ok');
    expect(measures.length).toBeGreaterThan(ROUNDS * EVERYDAY.length * 2);
  });

  it(`no request exceeds the budget (${DEFAULT_REQUEST_BUDGET_TOKENS} tokens), not even the exploring turn's`, () => {
    // The loop budgets characters/4 of system + messages + tools; the wire adds a little JSON framing.
    const largest = Math.max(...measures.map((measure) => measure.tokens));
    expect(largest).toBeLessThanOrEqual(DEFAULT_REQUEST_BUDGET_TOKENS * 1.05);
    const exploring = measures.slice(exploringFrom);
    expect(Math.max(...exploring.map((measure) => measure.toolCount))).toBeLessThan(36);
  });

  it('consecutive requests share ≥ 90% of their prefix (median), and most pairs do', () => {
    const shares = measures.flatMap((measure) => (measure.prefixShare === null ? [] : [measure.prefixShare])).sort((left, right) => left - right);
    const median = shares[Math.floor(shares.length / 2)] ?? 0;
    expect(median).toBeGreaterThanOrEqual(0.9);
    const high = shares.filter((share) => share >= 0.9).length / shares.length;
    expect(high).toBeGreaterThanOrEqual(0.8);
  });
});
