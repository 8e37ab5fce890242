import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createAppHome, REPO_ROOT } from '../helpers/app-process.js';
import { benchTempDir, progress } from './bench-environment.js';
import { timeToOutput, timeToPtyText, type SpawnSpec } from './process-timing.js';
import { INPUT_OPEN_TEXT } from './startup-bench.js';
import { median } from './statistics.js';

/** One way of building and running: `--without` pieces of scripts/build.mjs, and the code-cache switch. */
interface Variant {
  label: string;
  without: string[];
  codeCache: 'auto' | 'off';
  root: string;
  cacheHome: string;
}

export interface PieceFigures {
  label: string;
  firstFrameMs: number;
  readyMs: number;
  /** Median over rounds of (this variant − the full build) in the same round: what leaving the piece out costs. */
  firstFrameCostMs: number;
  readyCostMs: number;
  /** The same on CPU time (process-timing.ts cpuMsOf): the process's own work, steadier on a busy machine. */
  firstFrameCpuMs: number;
  readyCpuMs: number;
  firstFrameCpuCostMs: number;
  readyCpuCostMs: number;
  /** The UI chunk (render-chat) and the core chunk: size, and CPU to import each in a fresh process (median, and its difference to the full build). */
  uiChunkKb: number;
  coreChunkKb: number;
  uiImportCpuMs: number;
  coreImportCpuMs: number;
  uiImportCpuCostMs: number;
  coreImportCpuCostMs: number;
}

/** Imports one chunk in a fresh process and prints the CPU that took (all threads): parse, compile, evaluate. */
const CHUNK_IMPORT = 'const started = process.cpuUsage(); await import(process.argv[1]); const used = process.cpuUsage(started); process.stdout.write(String((used.user + used.system) / 1000)); process.exit(0);';

function chunkImportCpuMs(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHUNK_IMPORT, file], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('exit', () => (Number.isFinite(Number(output)) && output ? resolve(Number(output)) : reject(new Error(`importing ${file} failed: ${errors}`))));
  });
}

/** dist/<prefix>-<hash>.js of a build. */
function chunkFile(variant: Variant, prefix: string): string {
  const name = fs.readdirSync(path.join(variant.root, 'dist')).find((file) => new RegExp(`^${prefix}-[A-Z0-9]+\\.js$`).test(file));
  if (!name) throw new Error(`no ${prefix} chunk in ${variant.root}/dist`);
  return path.join(variant.root, 'dist', name);
}

/** The headless session-ready line on stderr (src/app/headless.ts). */
const HEADLESS_READY = /FavCRM http\S+ \[SANDBOX\] · model/;

function runToCompletion(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (${code}): ${errors}`))));
  });
}

/** A directory laid out like the installed package (bin, dist, prompts, package.json, node_modules) for one build. */
async function buildVariant(label: string, without: string[], codeCache: Variant['codeCache']): Promise<Variant> {
  const root = benchTempDir(`piece-${label.replace(/\W+/g, '-')}`);
  for (const name of ['node_modules', 'prompts', 'package.json']) fs.symlinkSync(path.join(REPO_ROOT, name), path.join(root, name));
  fs.cpSync(path.join(REPO_ROOT, 'bin'), path.join(root, 'bin'), { recursive: true });
  await runToCompletion([path.join(REPO_ROOT, 'scripts', 'build.mjs'), '--outdir', path.join(root, 'dist'), ...(without.length ? ['--without', without.join(',')] : [])]);
  return { label, without, codeCache, root, cacheHome: path.join(root, 'cache') };
}

function spec(variant: Variant, args: string[]): SpawnSpec {
  const env = { ...createAppHome('bench-piece').env, XDG_CACHE_HOME: variant.cacheHome, FAVCRM_CHAT_CODE_CACHE: variant.codeCache };
  return { command: process.execPath, args: [path.join(variant.root, 'bin', 'favcrm-chat.js'), ...args], cwd: REPO_ROOT, env };
}

/**
 * What each piece of the build buys (docs/build.md): the full build against the same build without one piece, and
 * with the code cache off, timing the chat's first frame (pty, input open) and headless ready. Every variant runs
 * once per round in a rotating order, so machine noise falls on all of them; round 0 warms each code cache and is
 * discarded. The cost of a piece is the median of its per-round difference to the full build.
 */
export async function benchBuildPieces(runs: number, pieces: readonly string[], compare?: string): Promise<PieceFigures[]> {
  const variants = [await buildVariant('full build', [], 'auto'), await buildVariant('code cache off', [], 'off')];
  for (const piece of pieces) variants.push(await buildVariant(`without ${piece}`, [piece], 'auto'));
  // Another checkout, built as it builds itself (e.g. the commit before a change), timed in the same rounds.
  if (compare) variants.push({ label: `checkout ${compare}`, without: [], codeCache: 'auto', root: compare, cacheHome: benchTempDir('piece-compare-cache') });
  const series = () => new Map<string, number[]>(variants.map((variant) => [variant.label, []]));
  const [frame, ready, frameCpu, readyCpu, uiImport, coreImport] = [series(), series(), series(), series(), series(), series()];
  for (let round = 0; round <= runs; round += 1) {
    const order = variants.map((_, index) => variants[(index + round) % variants.length] as Variant);
    for (const variant of order) {
      const chat = await timeToPtyText(spec(variant, []), INPUT_OPEN_TEXT);
      const headless = await timeToOutput(spec(variant, ['--headless']), HEADLESS_READY);
      if (round > 0) {
        frame.get(variant.label)?.push(chat.textMs);
        ready.get(variant.label)?.push(headless.outputMs);
        frameCpu.get(variant.label)?.push(chat.cpuMs ?? Number.NaN);
        readyCpu.get(variant.label)?.push(headless.cpuMs ?? Number.NaN);
        uiImport.get(variant.label)?.push(await chunkImportCpuMs(chunkFile(variant, 'render-chat')));
        coreImport.get(variant.label)?.push(await chunkImportCpuMs(chunkFile(variant, 'core')));
      }
    }
    progress(`  build pieces round ${round}/${runs}${round > 0 ? '' : ' (warm-up)'}`);
  }
  const full = variants[0] as Variant;
  const paired = (samples: Map<string, number[]>, label: string) => {
    const base = samples.get(full.label) ?? [];
    return median((samples.get(label) ?? []).map((value, index) => value - (base[index] ?? Number.NaN)).filter(Number.isFinite));
  };
  return variants.map((variant) => ({
    label: variant.label,
    firstFrameMs: median(frame.get(variant.label) ?? []),
    readyMs: median(ready.get(variant.label) ?? []),
    firstFrameCostMs: paired(frame, variant.label),
    readyCostMs: paired(ready, variant.label),
    firstFrameCpuMs: median((frameCpu.get(variant.label) ?? []).filter(Number.isFinite)),
    readyCpuMs: median((readyCpu.get(variant.label) ?? []).filter(Number.isFinite)),
    firstFrameCpuCostMs: paired(frameCpu, variant.label),
    readyCpuCostMs: paired(readyCpu, variant.label),
    uiChunkKb: fs.statSync(chunkFile(variant, 'render-chat')).size / 1024,
    coreChunkKb: fs.statSync(chunkFile(variant, 'core')).size / 1024,
    uiImportCpuMs: median(uiImport.get(variant.label) ?? []),
    coreImportCpuMs: median(coreImport.get(variant.label) ?? []),
    uiImportCpuCostMs: paired(uiImport, variant.label),
    coreImportCpuCostMs: paired(coreImport, variant.label),
  }));
}

export function formatPieces(figures: readonly PieceFigures[]): string {
  const width = Math.max(...figures.map((figure) => figure.label.length));
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${Math.round(value)}`.padStart(5);
  const ms = (value: number) => String(Math.round(value)).padStart(4);
  return figures
    .map(
      (figure) =>
        `  ${figure.label.padEnd(width)}  first frame ${ms(figure.firstFrameMs)} ms (${signed(figure.firstFrameCostMs)}), CPU ${ms(figure.firstFrameCpuMs)} ms (${signed(figure.firstFrameCpuCostMs)})` +
        `  headless ready ${ms(figure.readyMs)} ms (${signed(figure.readyCostMs)}), CPU ${ms(figure.readyCpuMs)} ms (${signed(figure.readyCpuCostMs)})` +
        `  UI chunk ${ms(figure.uiChunkKb)} kB, import CPU ${ms(figure.uiImportCpuMs)} ms (${signed(figure.uiImportCpuCostMs)})` +
        `  core chunk ${ms(figure.coreChunkKb)} kB, import CPU ${ms(figure.coreImportCpuMs)} ms (${signed(figure.coreImportCpuCostMs)})`,
    )
    .join('\n');
}
