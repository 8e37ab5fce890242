import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pty from 'node-pty';

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * CPU time the process has run on a core so far, all its threads, in ms (Linux /proc/<pid>/task/<tid>/schedstat,
 * nanosecond precision); null where /proc is missing. Unlike the wall clock it barely moves when other work on a
 * busy machine keeps the process waiting for a core, so small differences between builds show on a shared box.
 */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    let total = 0;
    for (const thread of fs.readdirSync(`/proc/${pid}/task`)) total += Number(fs.readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    return total / 1e6;
  } catch {
    return null;
  }
}

/** Escape sequences out, so "Tell me about your business" matches however Ink colours and positions it. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]/g, '');
}

/** Milliseconds from spawn to exit, with stdin closed at once (what `node -e ""` and `--headless </dev/null` see). */
export function timeToExit(spec: SpawnSpec): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end();
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}

/**
 * Milliseconds from spawn until stderr+stdout contains `needle`, and until exit; stdin is closed at once.
 * Rejects if the process exits without printing it.
 */
export function timeToOutput(spec: SpawnSpec, needle: string | RegExp, timeoutMs = 60_000): Promise<{ outputMs: number; exitMs: number; cpuMs: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end();
    let output = '';
    let outputMs: number | null = null;
    let cpuMs: number | null = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${String(needle)} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (outputMs === null && (typeof needle === 'string' ? output.includes(needle) : needle.test(output))) {
        outputMs = performance.now() - started;
        cpuMs = cpuMsOf(child.pid);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      const exitMs = performance.now() - started;
      if (outputMs === null) reject(new Error(`exited without printing ${String(needle)}:\n${output}`));
      else resolve({ outputMs, exitMs, cpuMs });
    });
  });
}

/**
 * Runs the command in a pseudo-terminal (a real TTY, so the Ink UI renders) and times the first byte of output
 * and the first frame containing `needle` (ANSI stripped); then hangs up and waits for the exit.
 */
export async function timeToPtyText(spec: SpawnSpec, needle: string, timeoutMs = 60_000): Promise<{ firstOutputMs: number; textMs: number; cpuMs: number | null }> {
  const { firstOutputMs, textMs, cpuMs } = await timeToPtyTexts(spec, [needle], timeoutMs);
  return { firstOutputMs, textMs: textMs[0] ?? Number.NaN, cpuMs };
}

/** Like timeToPtyText, for several texts in one run: when each first appeared on the screen (in `needles` order). */
export function timeToPtyTexts(spec: SpawnSpec, needles: string[], timeoutMs = 60_000): Promise<{ firstOutputMs: number; textMs: number[]; cpuMs: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const terminal = pty.spawn(spec.command, spec.args, { name: 'xterm-256color', cols: 120, rows: 40, cwd: spec.cwd, env: spec.env as Record<string, string> });
    let output = '';
    let firstOutputMs: number | null = null;
    const seenMs = new Map<string, number>();
    const allSeen = (): boolean => needles.every((needle) => seenMs.has(needle));
    let cpuMs: number | null = null;
    const result = () => ({ firstOutputMs: firstOutputMs ?? Number.NaN, textMs: needles.map((needle) => seenMs.get(needle) ?? Number.NaN), cpuMs });
    const missing = () => needles.filter((needle) => !seenMs.has(needle)).map((needle) => `"${needle}"`).join(', ');
    let settled = false;
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const killTimer = setTimeout(() => terminal.kill('SIGKILL'), 5_000);
      terminal.onExit(() => {
        clearTimeout(killTimer);
        if (error) reject(error);
        else resolve(result());
      });
      terminal.kill('SIGTERM');
    };
    const timer = setTimeout(() => finish(new Error(`no ${missing()} on the terminal within ${timeoutMs} ms:\n${stripAnsi(output).slice(-2_000)}`)), timeoutMs);
    terminal.onData((data) => {
      const now = performance.now() - started;
      firstOutputMs ??= now;
      output += data;
      const screen = stripAnsi(output);
      for (const needle of needles) if (!seenMs.has(needle) && screen.includes(needle)) seenMs.set(needle, now);
      if (allSeen()) {
        // CPU time when the last text showed: the process's own work to get there.
        cpuMs = cpuMsOf(terminal.pid);
        finish(null);
      }
    });
    terminal.onExit(({ exitCode }) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        if (!allSeen()) reject(new Error(`exited (${exitCode}) before ${missing()} appeared:\n${stripAnsi(output).slice(-2_000)}`));
        else resolve(result());
      }
    });
  });
}

/** Peak RSS of `node -e ""`-sized work in KiB, reported by the process itself (getrusage maxrss). */
export async function bareNodePeakRssKib(spec: Omit<SpawnSpec, 'args'>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', () => resolve(Number(output)));
  });
}
