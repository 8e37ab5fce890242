import { APP_BIN, createAppHome, REPO_ROOT } from '../helpers/app-process.js';
import type { BenchLine } from './bench-report.js';
import { bareNodeSpec, progress, withBenchCodeCache } from './bench-environment.js';
import { timeToExit, timeToOutput, timeToPtyText, timeToPtyTexts, type SpawnSpec } from './process-timing.js';
import { summarise, type Summary } from './statistics.js';

/** The goal: the app is up within twice a bare `node -e ""` on the same machine. */
const STARTUP_GOAL_RATIO = 2;
/** What the input box shows to a signed-out person once the session is ready (src/ui/state/input-placeholder.ts). */
export const INPUT_PROMPT_TEXT = 'Tell me about your business';
/** What the input box shows from the first frame, while the core still loads and connects behind it. */
export const INPUT_OPEN_TEXT = 'Type a message or /help';
/** The headless session-ready line on stderr (src/app/headless.ts). */
const HEADLESS_READY = /FavCRM http\S+ \[SANDBOX\] · model/;

export interface StartupSamples {
  bareExit: number[];
  barePty: number[];
  chatFirstOutput: number[];
  chatInputOpen: number[];
  chatPrompt: number[];
  headlessReady: number[];
  headlessExit: number[];
}

function appSpec(args: string[], label: string): SpawnSpec {
  const home = createAppHome(label);
  return { command: process.execPath, args: [APP_BIN, ...args], cwd: REPO_ROOT, env: withBenchCodeCache(home.env) };
}

/** Ratio line with the spread in the detail column. */
export function ratioLine(section: BenchLine['section'], figure: string, app: Summary, base: Summary, baselineLabel: string, goalRatio: number | null): BenchLine {
  const ratio = app.median / base.median;
  return {
    section,
    figure,
    value: app.median,
    unit: 'ms',
    baseline: base.median,
    baselineLabel,
    ratio,
    goal: goalRatio === null ? 'info' : `≤ ${goalRatio}×`,
    pass: goalRatio === null ? null : ratio <= goalRatio,
    detail: `median of ${app.runs} (min ${Math.round(app.min)}, p25 ${Math.round(app.p25)}, p75 ${Math.round(app.p75)}, max ${Math.round(app.max)} ms); baseline min ${Math.round(base.min)}, max ${Math.round(base.max)} ms`,
  };
}

/**
 * Time to the chat's first frame (in a pseudo-terminal) and to headless "ready", against `node -e ""` run the same
 * way. App and baseline runs alternate so machine noise falls on both; the first round is a discarded warm-up.
 */
export async function benchStartup(runs: number): Promise<{ lines: BenchLine[]; samples: StartupSamples }> {
  const samples: StartupSamples = { bareExit: [], barePty: [], chatFirstOutput: [], chatInputOpen: [], chatPrompt: [], headlessReady: [], headlessExit: [] };
  const bare = bareNodeSpec();
  // Stays alive after printing, like the app, so both are hung up on the same way.
  const barePty: SpawnSpec = { ...bare, args: ['-e', "process.stdout.write('ready\\n'); setTimeout(() => undefined, 60000)"] };
  for (let round = 0; round <= runs; round += 1) {
    const keep = round > 0;
    const bareExit = await timeToExit(bare);
    const headless = await timeToOutput(appSpec(['--headless'], 'bench-headless'), HEADLESS_READY);
    const barePtyResult = await timeToPtyText(barePty, 'ready');
    const chat = await timeToPtyTexts(appSpec([], 'bench-chat'), [INPUT_OPEN_TEXT, INPUT_PROMPT_TEXT]);
    if (keep) {
      samples.bareExit.push(bareExit);
      samples.headlessReady.push(headless.outputMs);
      samples.headlessExit.push(headless.exitMs);
      samples.barePty.push(barePtyResult.textMs);
      samples.chatFirstOutput.push(chat.firstOutputMs);
      samples.chatInputOpen.push(chat.textMs[0] ?? Number.NaN);
      samples.chatPrompt.push(chat.textMs[1] ?? Number.NaN);
    }
    progress(`  startup round ${round}/${runs}${keep ? '' : ' (warm-up)'}: chat input open ${Math.round(chat.textMs[0] ?? Number.NaN)} ms, ready ${Math.round(chat.textMs[1] ?? Number.NaN)} ms, headless ready ${Math.round(headless.outputMs)} ms, node -e "" ${Math.round(bareExit)} ms`);
  }
  const bareExit = summarise(samples.bareExit);
  const barePtyText = summarise(samples.barePty);
  const via = 'bin → dist';
  return {
    samples,
    lines: [
      ratioLine('startup', `chat: first frame, input open (pty, ${via})`, summarise(samples.chatInputOpen), barePtyText, 'node -e in pty', STARTUP_GOAL_RATIO),
      ratioLine('startup', `chat: first output byte (pty, ${via})`, summarise(samples.chatFirstOutput), barePtyText, 'node -e in pty', null),
      ratioLine('startup', `chat: session ready, signed-out prompt (pty, ${via})`, summarise(samples.chatPrompt), barePtyText, 'node -e in pty', null),
      ratioLine('startup', `headless: session-ready line (${via})`, summarise(samples.headlessReady), bareExit, 'node -e ""', STARTUP_GOAL_RATIO),
      ratioLine('startup', `headless: exit, stdin closed (${via})`, summarise(samples.headlessExit), bareExit, 'node -e ""', null),
    ],
  };
}
