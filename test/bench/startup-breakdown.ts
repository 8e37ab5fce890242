import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppHome, REPO_ROOT } from '../helpers/app-process.js';
import type { BenchLine } from './bench-report.js';
import { bareNodeSpec, benchTempDir, progress } from './bench-environment.js';
import { timeToExit, timeToOutput, timeToPtyText, type SpawnSpec } from './process-timing.js';
import { ratioLine, INPUT_PROMPT_TEXT } from './startup-bench.js';
import { median, summarise } from './statistics.js';

/** One step of the import timeline: what it costs on top of everything loaded before it. */
export interface TimelineStep {
  step: string;
  incrementalMs: number;
  cumulativeMs: number;
}

/**
 * Loads what the shipped bin loads, in its order, timestamping each step (performance.now() counts from process
 * start): tsx's loader, the heavy dependencies, our own modules, then the work headless start does.
 */
const TIMELINE_SCRIPT = `
const marks = [['node bootstrap', performance.now()]];
const mark = (label) => marks.push([label, performance.now()]);
const { register } = await import('tsx/esm/api'); register(); mark('tsx loader registered');
await import('dotenv'); mark('dotenv');
await import('zod'); mark('zod');
await import('ai'); mark('ai (AI SDK core)');
await import('@ai-sdk/openai'); mark('@ai-sdk/openai');
await import('@modelcontextprotocol/sdk/client/index.js'); await import('@modelcontextprotocol/sdk/client/streamableHttp.js'); mark('MCP SDK client');
await import('@modelcontextprotocol/sdk/server/mcp.js'); mark('MCP SDK server');
await import('better-sqlite3'); await import('@napi-rs/keyring'); mark('better-sqlite3 + keyring (native)');
await import('./src/sandbox/start-sandbox.ts'); mark('src/sandbox (82 tools, zod schemas)');
await import('./src/app/create-agent-session.ts'); await import('./src/app/headless.ts'); mark('src/app + src/agent + src/mcp + src/secrets');
await import('react'); await import('ink'); mark('ink + react (chat only)');
await import('./src/ui/render-chat.tsx'); mark('src/ui (chat only)');
const os = await import('node:os'); const fs = await import('node:fs'); const path = await import('node:path');
const { startSandbox } = await import('./src/sandbox/start-sandbox.ts');
const sandbox = await startSandbox({ port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-bench-timeline-')), signupRate: null, quiet: true });
mark('run: start embedded sandbox (fresh dir, migrations)');
const { connectFavcrm } = await import('./src/mcp/favcrm-connection.ts');
const connection = await connectFavcrm(sandbox.url, null); mark('run: MCP connect');
await connection.listTools(); mark('run: tools/list');
await connection.close(); await sandbox.close();
process.stdout.write(JSON.stringify(marks));
`;

function runTimeline(): Promise<Array<[string, number]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', TIMELINE_SCRIPT], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(output) as Array<[string, number]>);
      } catch {
        reject(new Error(`import timeline failed (${code}): ${errors}`));
      }
    });
  });
}

/** Median incremental cost of each step over `runs` fresh processes. */
export async function importTimeline(runs: number): Promise<TimelineStep[]> {
  const deltas = new Map<string, number[]>();
  const order: string[] = [];
  for (let run = 0; run < runs; run += 1) {
    const marks = await runTimeline();
    let previous = 0;
    for (const [step, at] of marks) {
      if (!deltas.has(step)) {
        deltas.set(step, []);
        order.push(step);
      }
      deltas.get(step)?.push(at - previous);
      previous = at;
    }
  }
  let cumulative = 0;
  return order.map((step) => {
    const incrementalMs = median(deltas.get(step) ?? []);
    cumulative += incrementalMs;
    return { step, incrementalMs, cumulativeMs: cumulative };
  });
}

export function formatTimeline(steps: readonly TimelineStep[]): string {
  const width = Math.max(...steps.map((step) => step.step.length));
  return steps.map((step) => `  ${step.step.padEnd(width)}  ${String(Math.round(step.incrementalMs)).padStart(5)} ms  (cumulative ${Math.round(step.cumulativeMs)} ms)`).join('\n');
}

interface Variant {
  label: string;
  entry: string;
}

function runToCompletion(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (${code}): ${errors}`))));
  });
}

/**
 * The same src/cli.ts four ways, in a temp dir laid out like the repository (node_modules and prompts symlinked, so
 * src/agent/prompts.ts finds <dir>/prompts from <dir>/dist/...): from source through tsx (the bin's fallback),
 * compiled by tsc as `npm run build` does (what the bin runs when dist/ is fresh), and two esbuild experiments
 * (esbuild comes with tsx): src bundled with node_modules external, and node_modules bundled too (natives apart).
 */
async function buildVariants(): Promise<{ variants: Variant[]; notes: string[] }> {
  const notes: string[] = [];
  const root = benchTempDir('variants');
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.symlinkSync(path.join(REPO_ROOT, 'prompts'), path.join(root, 'prompts'), 'dir');
  fs.mkdirSync(path.join(root, 'dist', 'bench'), { recursive: true });
  const viaTsx = path.join(root, 'dist', 'bench', 'tsx-fallback.mjs');
  const tsxApi = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  fs.writeFileSync(viaTsx, `import { register } from ${JSON.stringify(tsxApi)};\nregister();\nawait import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src', 'cli.ts')).href)});\n`);
  const variants: Variant[] = [{ label: 'tsx from src (bin fallback)', entry: viaTsx }];

  await runToCompletion(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', path.join(root, 'dist')]);
  variants.push({ label: 'tsc build (npm run build)', entry: path.join(root, 'dist', 'cli.js') });

  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    notes.push(`esbuild not available (${(error as Error).message}); skipped the bundling experiments`);
    return { variants, notes };
  }
  const common: import('esbuild').BuildOptions = { entryPoints: [path.join(REPO_ROOT, 'src', 'cli.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', jsx: 'automatic', logLevel: 'error', outExtension: { '.js': '.mjs' } };
  // Code splitting keeps `import('./ui/render-chat.js')` lazy, as in the sources; without it a bundle hoists Ink
  // into headless start. Two levels below <dir>, so prompts.ts still resolves <dir>/prompts.
  const srcOnlyDirectory = path.join(root, 'esbuild', 'src-bundled');
  await esbuild.build({ ...common, outdir: srcOnlyDirectory, splitting: true, packages: 'external' });
  const fullDirectory = path.join(root, 'esbuild', 'all-bundled');
  await esbuild.build({
    ...common,
    outdir: fullDirectory,
    splitting: true,
    // Native addons stay outside; CommonJS inside an ESM bundle needs a real `require`.
    external: ['better-sqlite3', '@napi-rs/keyring'],
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    // Ink imports its devtools only when DEV=true; the bundle must still resolve the name.
    plugins: [
      {
        name: 'no-devtools',
        setup(build) {
          build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'bench-stub' }));
          build.onLoad({ filter: /.*/, namespace: 'bench-stub' }, () => ({ contents: 'export default {};' }));
        },
      },
    ],
  });
  variants.push(
    { label: 'experiment: esbuild, src bundled', entry: path.join(srcOnlyDirectory, 'cli.mjs') },
    { label: 'experiment: esbuild, all bundled', entry: path.join(fullDirectory, 'cli.mjs') },
  );
  return { variants, notes };
}

/** Headless-ready and chat-prompt times of the precompiled variants, against node -e in the same rounds. */
export async function benchBuildVariants(runs: number): Promise<{ lines: BenchLine[]; notes: string[] }> {
  const { variants, notes } = await buildVariants();
  const bare = bareNodeSpec();
  const barePty: SpawnSpec = { ...bare, args: ['-e', "process.stdout.write('ready\\n'); setTimeout(() => undefined, 60000)"] };
  const bareSamples: number[] = [];
  const barePtySamples: number[] = [];
  const ready = new Map<string, number[]>(variants.map((variant) => [variant.label, []]));
  const prompt = new Map<string, number[]>(variants.map((variant) => [variant.label, []]));
  for (let round = 0; round <= runs; round += 1) {
    const bareMs = await timeToExit(bare);
    const barePtyMs = (await timeToPtyText(barePty, 'ready')).textMs;
    for (const variant of variants) {
      const headless = await timeToOutput({ command: process.execPath, args: [variant.entry, '--headless'], cwd: REPO_ROOT, env: createAppHome('bench-pre').env }, /FavCRM http\S+ \[SANDBOX\]/);
      const chat = await timeToPtyText({ command: process.execPath, args: [variant.entry], cwd: REPO_ROOT, env: createAppHome('bench-pre-chat').env }, INPUT_PROMPT_TEXT);
      if (round > 0) {
        ready.get(variant.label)?.push(headless.outputMs);
        prompt.get(variant.label)?.push(chat.textMs);
      }
    }
    if (round > 0) {
      bareSamples.push(bareMs);
      barePtySamples.push(barePtyMs);
    }
    progress(`  build variants round ${round}/${runs}${round > 0 ? '' : ' (warm-up)'}`);
  }
  const lines: BenchLine[] = [];
  for (const variant of variants) {
    lines.push(ratioLine('startup', `${variant.label}: chat input prompt`, summarise(prompt.get(variant.label) ?? []), summarise(barePtySamples), 'node -e in pty', null));
    lines.push(ratioLine('startup', `${variant.label}: headless ready`, summarise(ready.get(variant.label) ?? []), summarise(bareSamples), 'node -e ""', null));
  }
  return { lines, notes };
}
