import os from 'node:os';
import { execFileSync } from 'node:child_process';

/** One row of the benchmark table: a figure measured in this run against a baseline measured in the same run. */
export interface BenchLine {
  section: 'startup' | 'signup' | 'sandbox' | 'context' | 'memory';
  figure: string;
  value: number;
  unit: string;
  baseline: number | null;
  baselineLabel: string;
  /** value / baseline (or baseline share, for throughput); null when there is no baseline. */
  ratio: number | null;
  /** Human goal, e.g. `≤ 2×`; `info` when the issue sets none. */
  goal: string;
  /** null = informational. */
  pass: boolean | null;
  /** Spread and anything else a reader needs to trust the figure. */
  detail?: string;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  nodeVersion: string;
  platform: string;
  totalMemoryMiB: number;
  /** 1-minute load average when the bench started and ended: a busy machine explains noisy figures. */
  loadAverageAtStart: number;
  loadAverageAtEnd?: number;
  date: string;
  gitCommit: string | null;
}

export function machineInfo(repoRoot: string): MachineInfo {
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    gitCommit = null;
  }
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    nodeVersion: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
    loadAverageAtStart: os.loadavg()[0] ?? 0,
    date: new Date().toISOString(),
    gitCommit,
  };
}

/** Numbers as people read them: 3 significant digits, thousands separated. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

function formatRatio(line: BenchLine): string {
  if (line.ratio === null) return '—';
  return line.unit === 'req/s' ? `${formatNumber(line.ratio * 100)}%` : `${formatNumber(line.ratio)}×`;
}

/** The table `npm run bench` prints: figure, value, baseline, ratio, goal, pass flag. */
export function formatTable(lines: readonly BenchLine[]): string {
  const rows = [
    ['figure', 'value', 'baseline', 'ratio', 'goal', 'ok'],
    ...lines.map((line) => [
      line.figure,
      `${formatNumber(line.value)} ${line.unit}`,
      line.baseline === null ? line.baselineLabel || '—' : `${formatNumber(line.baseline)} ${line.unit} (${line.baselineLabel})`,
      formatRatio(line),
      line.goal,
      line.pass === null ? 'info' : line.pass ? 'PASS' : 'FAIL',
    ]),
  ];
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const render = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const separator = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(rows[0] ?? []), separator, ...rows.slice(1).map(render)].join('\n');
}

export function formatMachine(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryMiB} MiB, ${machine.platform}, Node ${machine.nodeVersion}, ${machine.date}, commit ${machine.gitCommit ?? '?'}, load ${machine.loadAverageAtStart.toFixed(2)}${machine.loadAverageAtEnd === undefined ? '' : ` → ${machine.loadAverageAtEnd.toFixed(2)}`}`;
}
