import { measureRequests, type RequestMeasure } from './context-recorder.js';
import { crmBrain, EVERYDAY, EXPLORING_PROMPT } from './crm-brain.js';
import { openai } from './dialects.js';
import { runSignupJourney, startHarness, type Harness } from './journey-harness.js';

/** Rounds of everyday requests after signup: ~40 turns, far more history than one window holds. */
export const ROUNDS = 6;

export interface LongSession {
  harness: Harness;
  measures: RequestMeasure[];
  /** Index of the exploring turn's first request. */
  exploringFrom: number;
}

/**
 * Signup, ROUNDS × the everyday requests, one exploring turn (four searches, ~30 tools loaded) and one request
 * after it, through the real provider and loop against the sandbox; every request measured. The caller closes it.
 */
export async function runLongSession(): Promise<LongSession> {
  const harness = await startHarness('openai', (body, index) => ({ frames: openai(crmBrain(body), index) }));
  await runSignupJourney(harness);
  for (let round = 0; round < ROUNDS; round += 1) for (const [text] of EVERYDAY) await harness.fixture.session.send(`${text} (round ${round + 1})`);
  const exploringFrom = harness.server.requests.length;
  await harness.fixture.session.send(EXPLORING_PROMPT);
  await harness.fixture.session.send('list my services after exploring');
  return { harness, measures: measureRequests(harness.server.requests), exploringFrom };
}

/** Median of the prefix shares of consecutive requests, and the share of pairs at or above 90%. */
export function prefixShareSummary(measures: readonly RequestMeasure[]): { median: number; atLeast90: number; min: number } {
  const shares = measures.flatMap((measure) => (measure.prefixShare === null ? [] : [measure.prefixShare])).sort((left, right) => left - right);
  return {
    median: shares[Math.floor(shares.length / 2)] ?? 0,
    atLeast90: shares.filter((share) => share >= 0.9).length / Math.max(1, shares.length),
    min: shares[0] ?? 0,
  };
}
