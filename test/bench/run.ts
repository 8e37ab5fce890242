import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../helpers/app-process.js';
import { formatMachine, formatTable, machineInfo, type BenchLine } from './bench-report.js';
import { progress } from './bench-environment.js';
import { benchModelContext } from './model-context-bench.js';
import { benchModelServerContext } from './model-server-context-bench.js';
import { benchSandboxLoad } from './sandbox-load-bench.js';
import { benchSignupJourney } from './signup-journey-bench.js';
import { benchBuildVariants, formatTimeline, importTimeline } from './startup-breakdown.js';
import { benchBuildPieces, formatPieces, type PieceFigures } from './build-pieces-bench.js';
// @ts-expect-error: a plain .mjs build script without type declarations
import { BUILD_PIECES } from '../../scripts/build-pieces.mjs';
import { benchStartup } from './startup-bench.js';

/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the same run on the same machine, so
 * numbers from a busy laptop and a CI box compare. Prints the table, writes test/bench/results.json, and exits 0
 * whatever the pass flags say (they are information, not a gate); only a crash of the bench itself fails.
 */
const SECTIONS = ['context', 'startup', 'signup', 'breakdown', 'pieces', 'sandbox'] as const;
type Section = (typeof SECTIONS)[number];
/** `pieces` builds and times ~8 variants of the build (docs/build.md): only when asked for with `--only pieces`. */
const DEFAULT_SECTIONS: readonly Section[] = SECTIONS.filter((section) => section !== 'pieces');

/** The bench makes dozens of throwaway HOMEs and sandboxes (favcrm-bench-*); remove the ones this run created. */
function removeTempDirs(since: number): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith('favcrm-bench-')) continue;
    const full = path.join(os.tmpdir(), name);
    try {
      if (fs.statSync(full).ctimeMs >= since - 1_000) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Already gone, or not ours to remove.
    }
  }
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(REPO_ROOT, 'test', 'bench', 'results.json') },
    // pieces: also time another built checkout (bin, dist, node_modules) in the same rounds, e.g. the commit before.
    compare: { type: 'string' },
    // pieces: which pieces to leave out one at a time (comma-separated, `none` for none); all by default.
    pieces: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const runs = quick ? 3 : Math.max(1, Number(values.runs));
const only = new Set((values.only?.split(',').map((name) => name.trim()) ?? DEFAULT_SECTIONS) as Section[]);

const benchStarted = Date.now();
const machine = machineInfo(REPO_ROOT);
const lines: BenchLine[] = [];
const results: Record<string, unknown> = { machine, runs, method: 'medians of alternating app/baseline runs after one discarded warm-up round; tokens are chars/4' };
const notes: string[] = [];

progress(`favcrm-chat bench on ${formatMachine(machine)}`);
if (only.has('context')) {
  progress('model context per step…');
  const context = await benchModelContext();
  lines.push(...context.lines);
  results.contextSteps = context.steps;
  progress('model-server context: long session + exploring turn…');
  lines.push(...(await benchModelServerContext()));
}
if (only.has('startup')) {
  progress(`startup, ${runs} rounds…`);
  const startup = await benchStartup(runs);
  lines.push(...startup.lines);
  results.startupSamples = startup.samples;
}
if (only.has('signup')) {
  progress(`signup journey, ${runs} rounds…`);
  const journey = await benchSignupJourney(runs);
  lines.push(...journey.lines);
  results.journeySamples = journey.samples;
}
if (only.has('breakdown')) {
  const timelineRuns = quick ? 2 : 5;
  progress(`startup breakdown: import timeline × ${timelineRuns}, build variants × ${timelineRuns}…`);
  results.importTimeline = await importTimeline(timelineRuns);
  const variants = await benchBuildVariants(timelineRuns);
  lines.push(...variants.lines);
  notes.push(...variants.notes);
}
if (only.has('pieces')) {
  const allPieces = [...(BUILD_PIECES as Array<{ name: string; required?: boolean }>).filter((piece) => !piece.required).map((piece) => piece.name), 'code-cache-scripts'];
  const pieces = values.pieces === undefined ? allPieces : values.pieces.split(',').filter((name) => name && name !== 'none');
  progress(`build pieces: full build, code cache off, and without each of ${pieces.length} pieces, ${runs} rounds…`);
  results.buildPieces = await benchBuildPieces(runs, pieces, values.compare);
}
if (only.has('sandbox')) {
  progress('sandbox load (autocannon)…');
  const load = await benchSandboxLoad(quick ? { readRequests: 200, signupPairs: 50 } : { readRequests: 3_000, signupPairs: 300 });
  lines.push(...load.lines);
  results.loadCells = load.cells;
}

machine.loadAverageAtEnd = os.loadavg()[0] ?? 0;
removeTempDirs(benchStarted);
results.lines = lines;
results.notes = notes;
fs.writeFileSync(values.out ?? 'results.json', `${JSON.stringify(results, null, 2)}\n`);

const output = [
  `favcrm-chat benchmarks — ${formatMachine(machine)}`,
  `Medians of ${runs} runs after a warm-up; app and baseline runs alternate; ratios are against the baseline measured in this run.`,
  'bin/favcrm-chat.js ran dist/ (built by `npm run bench`); the "build variants" rows time the other ways explicitly.',
  '',
  formatTable(lines),
  '',
  'Details:',
  ...lines.filter((line) => line.detail).map((line) => `  ${line.figure.trim()}: ${line.detail}`),
];
if (results.importTimeline) {
  output.push('', 'Where startup time goes on the tsx path (loader, then imports in load order, then the start-up work; medians):', formatTimeline(results.importTimeline as Parameters<typeof formatTimeline>[0]));
}
if (results.buildPieces) {
  output.push('', 'What each piece of the build buys (medians; in brackets the median per-round difference to the full build):', formatPieces(results.buildPieces as PieceFigures[]));
}
if (notes.length) output.push('', ...notes.map((note) => `Note: ${note}`));
output.push('', `Written to ${path.relative(process.cwd(), values.out ?? '') || values.out}`);
process.stdout.write(`${output.join('\n')}\n`);
