import { DEFAULT_REQUEST_BUDGET_TOKENS } from '../../src/agent/request-budget.js';
import { prefixShareSummary, runLongSession } from '../agent/model-servers/long-session.js';
import type { BenchLine } from './bench-report.js';

/**
 * The real provider over a replayed OpenAI stream, through a long session and an exploring turn: the largest request
 * the server received and how much of each request repeats the previous one's prefix (prompt/KV cache reuse).
 */
export async function benchModelServerContext(): Promise<BenchLine[]> {
  const run = await runLongSession();
  try {
    const largest = Math.max(...run.measures.map((measure) => measure.tokens));
    const tools = Math.max(...run.measures.map((measure) => measure.toolCount));
    const shares = prefixShareSummary(run.measures);
    return [
      {
        section: 'context',
        figure: `context: largest request over ${run.measures.length} (long session + exploring turn, real provider)`,
        value: largest,
        unit: 'tok',
        baseline: null,
        baselineLabel: 'budget',
        ratio: largest / DEFAULT_REQUEST_BUDGET_TOKENS,
        goal: `≤ ${DEFAULT_REQUEST_BUDGET_TOKENS.toLocaleString('en-US')} tok`,
        pass: largest <= DEFAULT_REQUEST_BUDGET_TOKENS,
        detail: `chars/4 of messages + tools as received; at most ${tools} tools offered (exploring loads ~30)`,
      },
      {
        section: 'context',
        figure: 'context: prefix share of consecutive requests, median',
        value: Math.round(shares.median * 1000) / 10,
        unit: '%',
        baseline: null,
        baselineLabel: '',
        ratio: null,
        goal: '≥ 90%',
        pass: shares.median >= 0.9,
        detail: `${Math.round(shares.atLeast90 * 100)}% of pairs ≥ 90%; lowest ${Math.round(shares.min * 100)}% (a history-window jump or tools loaded)`,
      },
    ];
  } finally {
    await run.harness.close();
  }
}
