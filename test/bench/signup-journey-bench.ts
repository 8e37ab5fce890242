import fs from 'node:fs';
import type { AgentEvent } from '../../src/agent/events.js';
import { startSandbox } from '../../src/sandbox/start-sandbox.js';
import { createAppHome, HeadlessApp, peakRssKib, REPO_ROOT } from '../helpers/app-process.js';
import type { BenchLine } from './bench-report.js';
import { bareNodeSpec, benchTempDir, progress, withBenchCodeCache } from './bench-environment.js';
import { bareNodePeakRssKib, timeToExit } from './process-timing.js';
import { ratioLine } from './startup-bench.js';
import { summarise } from './statistics.js';

/** The goal: the whole offline signup, process start to first CRM call, within 3× a bare node start. */
const JOURNEY_GOAL_RATIO = 3;

export interface JourneySamples {
  bareExit: number[];
  ready: number[];
  firstCall: number[];
  summary: number[];
  exit: number[];
  appPeakRssKib: number[];
  barePeakRssKib: number[];
}

const isToolEnd = (toolName: string) => (event: AgentEvent) => event.type === 'tool-call-end' && event.toolName === toolName;

/**
 * The real CLI, headless and offline, against a sandbox running in this process: one sentence with the email, the
 * code read from the sandbox outbox, the key stored, the first CRM calls. Fresh HOME and a unique email per run.
 */
export async function benchSignupJourney(runs: number): Promise<{ lines: BenchLine[]; samples: JourneySamples }> {
  const sandbox = await startSandbox({ port: 0, dataDir: benchTempDir('journey'), signupRate: null, quiet: true });
  const samples: JourneySamples = { bareExit: [], ready: [], firstCall: [], summary: [], exit: [], appPeakRssKib: [], barePeakRssKib: [] };
  const bare = bareNodeSpec();
  try {
    for (let round = 0; round <= runs; round += 1) {
      const bareExit = await timeToExit(bare);
      const barePeak = await bareNodePeakRssKib({ command: process.execPath, cwd: REPO_ROOT, env: process.env });
      const home = createAppHome('bench-journey');
      home.env = withBenchCodeCache(home.env);
      const email = `bench${round}.${process.pid}.${Date.now()}@journey.test`;

      const started = performance.now();
      const app = HeadlessApp.start(home, ['--url', sandbox.url]);
      try {
        const readyAt = app.waitForEvent((event) => event.type === 'session-ready').then(() => performance.now() - started);
        app.send(`Sign me up for FavCRM: a yoga studio called Bench Yoga ${round} in Hong Kong, ${email}`);
        await app.waitForTurnEnd(0);
        const requested = app.events.find(isToolEnd('register_organisation_request'));
        if (!requested || requested.type !== 'tool-call-end' || !requested.ok) throw new Error(`signup request failed:\n${JSON.stringify(app.events)}\n${app.stderr}`);
        const message = sandbox.outbox.list(1)[0];
        if (!message?.code || message.to !== email) throw new Error(`no code in the outbox for ${email}`);

        const from = app.events.length;
        app.send(message.code);
        await app.waitForEvent(isToolEnd('list_my_companies'), { from });
        const firstCall = performance.now() - started;
        await app.waitForTurnEnd(from);
        const summary = performance.now() - started;
        const peak = peakRssKib(app.pid);
        if (!/api_key = "fav_mcp_/.test(fs.readFileSync(home.configFile, 'utf8'))) throw new Error('the key was not stored');
        app.endInput();
        await app.exited;
        const exit = performance.now() - started;
        if (round > 0) {
          samples.bareExit.push(bareExit);
          samples.barePeakRssKib.push(barePeak);
          samples.ready.push(await readyAt);
          samples.firstCall.push(firstCall);
          samples.summary.push(summary);
          samples.exit.push(exit);
          if (peak !== null) samples.appPeakRssKib.push(peak);
        }
        progress(`  journey round ${round}/${runs}${round > 0 ? '' : ' (warm-up)'}: first CRM call ${Math.round(firstCall)} ms, peak RSS ${peak === null ? '?' : Math.round(peak / 1024)} MiB`);
      } finally {
        await app.stop('SIGKILL');
      }
    }
  } finally {
    await sandbox.close();
  }
  const bareExit = summarise(samples.bareExit);
  const inApp = samples.firstCall.map((value, index) => value - (samples.ready[index] ?? 0));
  const lines: BenchLine[] = [
    ratioLine('signup', `signup: spawn → first CRM call (headless, offline, bin → dist)`, summarise(samples.firstCall), bareExit, 'node -e ""', JOURNEY_GOAL_RATIO),
    ratioLine('signup', 'signup: spawn → signed-up summary', summarise(samples.summary), bareExit, 'node -e ""', null),
    ratioLine('signup', 'signup: session ready → first CRM call (2 turns)', summarise(inApp), bareExit, 'node -e ""', null),
  ];
  if (samples.appPeakRssKib.length > 0) {
    const app = summarise(samples.appPeakRssKib.map((kib) => kib / 1024));
    const base = summarise(samples.barePeakRssKib.map((kib) => kib / 1024));
    lines.push({
      section: 'memory',
      figure: 'memory: app peak RSS through the journey',
      value: app.median,
      unit: 'MiB',
      baseline: base.median,
      baselineLabel: 'node -e ""',
      ratio: app.median / base.median,
      goal: 'info',
      pass: null,
      detail: `VmHWM of the headless process after the first CRM calls; median of ${app.runs} (min ${app.min.toFixed(0)}, max ${app.max.toFixed(0)} MiB)`,
    });
  }
  return { lines, samples };
}
