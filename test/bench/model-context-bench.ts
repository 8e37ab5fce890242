import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { OfflineLanguageModel } from '../../src/agent/offline/offline-model.js';
import { connectFavcrm } from '../../src/mcp/favcrm-connection.js';
import { startSandbox } from '../../src/sandbox/start-sandbox.js';
import { createTestSession, latestCode } from '../helpers/agent-fixture.js';
import type { BenchLine } from './bench-report.js';
import { benchTempDir } from './bench-environment.js';
import { median } from './statistics.js';

/** The goals for what one model step carries, in tokens. */
const GOAL_BEFORE_AUTH = 3_000;
const GOAL_AFTER_AUTH = 6_000;

/**
 * Tokens estimated as characters / 4 of the JSON the model receives (prompt messages + tool definitions): the
 * same estimate the offline model reports as usage. Real tokenizers differ by ±30% for JSON-heavy English.
 */
export function estimateTokens(prompt: unknown, tools: unknown): number {
  return Math.ceil((JSON.stringify(prompt).length + JSON.stringify(tools ?? []).length) / 4);
}

/** What a person types in the offline journey: sentence, email, code, then everyday requests. */
const TURNS = [
  'Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong',
  'yoga@stretchbreathe.hk',
  '<code>',
  'add a service Yoga class, 60 min, 150',
  'list services',
  'plan status',
  'show my bookings',
  'doctor',
];

export interface ContextStep {
  turn: number;
  phase: 'before-auth' | 'after-auth';
  toolCount: number;
  /** The tool definitions alone, and the messages alone (system prompt included). */
  toolTokens: number;
  messageTokens: number;
  leanTokens: number;
  allToolsTokens: number;
}

/**
 * Runs the offline model behind `MockLanguageModelV3` (which keeps every prompt exactly as the loop sent it) through
 * the journey against a real sandbox, and prices each step as sent and as it would be with every tools/list schema.
 */
export async function benchModelContext(): Promise<{ lines: BenchLine[]; steps: ContextStep[] }> {
  const sandbox = await startSandbox({ port: 0, dataDir: benchTempDir('context'), signupRate: null, quiet: true });
  try {
    const offline = new OfflineLanguageModel();
    const recorder = new MockLanguageModelV3({ doStream: (options) => offline.doStream(options) });
    const fixture = createTestSession(sandbox.url, recorder);
    await fixture.session.start();
    const turnOfCall: number[] = [];
    for (const [index, text] of TURNS.entries()) {
      const before = recorder.doStreamCalls.length;
      await fixture.session.send(text === '<code>' ? latestCode(sandbox, 'yoga@stretchbreathe.hk') : text);
      for (let call = before; call < recorder.doStreamCalls.length; call += 1) turnOfCall.push(index + 1);
    }
    if (fixture.session.authStatus().status !== 'signed-in') throw new Error('the context journey did not sign in');
    const catalogue = await fixture.session.listTools();
    await fixture.session.close();

    // Every tools/list schema, in the exact shape the SDK hands a provider.
    const connection = await connectFavcrm(sandbox.url, null);
    const listed = await connection.listTools();
    await connection.close();
    const allTools: LanguageModelV3FunctionTool[] = listed.map((tool) => ({ type: 'function', name: tool.name, description: tool.description, inputSchema: tool.inputSchema as LanguageModelV3FunctionTool['inputSchema'] }));
    if (allTools.length !== catalogue.length) throw new Error('tools/list and the session catalogue differ');

    const steps: ContextStep[] = recorder.doStreamCalls.map((call: LanguageModelV3CallOptions, index) => {
      const toolNames = (call.tools ?? []).map((tool) => tool.name);
      return {
        turn: turnOfCall[index] ?? 0,
        phase: toolNames.includes('list_my_companies') ? 'after-auth' : 'before-auth',
        toolCount: toolNames.length,
        toolTokens: estimateTokens([], call.tools),
        messageTokens: estimateTokens(call.prompt, []),
        leanTokens: estimateTokens(call.prompt, call.tools),
        allToolsTokens: estimateTokens(call.prompt, allTools),
      };
    });

    const lines: BenchLine[] = [];
    for (const [phase, goal] of [['before-auth', GOAL_BEFORE_AUTH], ['after-auth', GOAL_AFTER_AUTH]] as const) {
      const inPhase = steps.filter((step) => step.phase === phase);
      const lean = inPhase.map((step) => step.leanTokens);
      const all = inPhase.map((step) => step.allToolsTokens);
      const maxLean = Math.max(...lean);
      const maxAll = Math.max(...all);
      const label = phase === 'before-auth' ? 'before auth' : 'after auth';
      lines.push({
        section: 'context',
        figure: `context: tokens/step ${label}, largest of ${inPhase.length} steps`,
        value: maxLean,
        unit: 'tok',
        baseline: maxAll,
        baselineLabel: `all ${allTools.length} tool schemas`,
        ratio: maxLean / maxAll,
        goal: `≤ ${goal.toLocaleString('en-US')} tok`,
        pass: maxLean <= goal,
        detail: `chars/4 of prompt JSON + tool JSON; ${Math.max(...inPhase.map((step) => step.toolCount))} tools offered (${Math.max(...inPhase.map((step) => step.toolTokens))} tok); messages grow ${Math.min(...inPhase.map((step) => step.messageTokens))}–${Math.max(...inPhase.map((step) => step.messageTokens))} tok over ${new Set(inPhase.map((step) => step.turn)).size} turns`,
      });
      lines.push({
        section: 'context',
        figure: `context: tokens/step ${label}, median`,
        value: median(lean),
        unit: 'tok',
        baseline: median(all),
        baselineLabel: 'all tool schemas',
        ratio: median(lean) / median(all),
        goal: 'info',
        pass: null,
      });
    }
    return { lines, steps };
  } finally {
    await sandbox.close();
  }
}
