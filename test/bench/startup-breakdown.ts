import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppHome, REPO_ROOT } from '../helpers/app-process.js';
import type { BenchLine } from './bench-report.js';
import { bareNodeSpec, benchTempDir, progress, withBenchCodeCache } from './bench-environment.js';
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
 * The same src/cli.ts three ways, in a temp dir laid out like the package (node_modules, prompts and package.json
 * symlinked, so src/agent/prompts.ts finds <dir>/prompts): from source through tsx (`npm run dev`), compiled
 * file by file with tsc (the build before the bundle, kept for comparison), and the esbuild bundle `npm run build`
 * ships (scripts/build.mjs; what the bin runs when dist/ is fresh).
 */
async function buildVariants(): Promise<{ variants: Variant[]; notes: string[] }> {
  const root = benchTempDir('variants');
  for (const name of ['node_modules', 'prompts', 'package.json']) fs.symlinkSync(path.join(REPO_ROOT, name), path.join(root, name));
  fs.mkdirSync(path.join(root, 'dist', 'bench'), { recursive: true });
  const viaTsx = path.join(root, 'dist', 'bench', 'tsx-fallback.mjs');
  const tsxApi = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  fs.writeFileSync(viaTsx, `import { register } from ${JSON.stringify(tsxApi)};\nregister({ tsconfig: ${JSON.stringify(path.join(REPO_ROOT, 'tsconfig.json'))} });\nawait import(${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src', 'cli.ts')).href)});\n`);
  const variants: Variant[] = [{ label: 'tsx from src (npm run dev)', entry: viaTsx }];

  // What `npm run build` was before the bundle: tsc emitting src/ file by file.
  const tscConfig = path.join(root, 'tsconfig.tsc.json');
  const compilerOptions = { noEmit: false, outDir: path.join(root, 'dist'), rootDir: path.join(REPO_ROOT, 'src'), sourceMap: false, declaration: false };
  fs.writeFileSync(tscConfig, JSON.stringify({ extends: path.join(REPO_ROOT, 'tsconfig.json'), compilerOptions, include: [path.join(REPO_ROOT, 'src')], exclude: [path.join(REPO_ROOT, 'src', '**', '*.test.ts')] }));
  await runToCompletion(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tscConfig]);
  variants.push({ label: 'tsc, file by file (the build before the bundle)', entry: path.join(root, 'dist', 'cli.js') });

  const bundleDirectory = path.join(root, 'bundle');
  await runToCompletion(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--outdir', bundleDirectory]);
  variants.push({ label: 'esbuild bundle (npm run build)', entry: path.join(bundleDirectory, 'cli.js') });
  return { variants, notes: [] };
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
      const headless = await timeToOutput({ command: process.execPath, args: [variant.entry, '--headless'], cwd: REPO_ROOT, env: withBenchCodeCache(createAppHome('bench-pre').env) }, /FavCRM http\S+ \[SANDBOX\]/);
      const chat = await timeToPtyText({ command: process.execPath, args: [variant.entry], cwd: REPO_ROOT, env: withBenchCodeCache(createAppHome('bench-pre-chat').env) }, INPUT_PROMPT_TEXT);
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
