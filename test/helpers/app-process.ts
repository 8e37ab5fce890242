import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AgentEvent } from '../../src/agent/events.js';

/** The repository root: the shipped bin is run from here so tsx finds the project's tsconfig (see the README bug note). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** What ships: the bin that runs the TypeScript through tsx. */
export const APP_BIN = path.join(REPO_ROOT, 'bin', 'favcrm-chat.js');

/**
 * One code-cache home (docs/build.md) for every app the tests start: each gets its own HOME, but compiled code is
 * shared as it is between a person's starts, so a start does not pay for compiling and writing the cache every time
 * (which also changes the timing just after the first frame). Tests about the cache set their own XDG_CACHE_HOME.
 */
export const TEST_CODE_CACHE_HOME = path.join(os.tmpdir(), 'favcrm-test-code-cache');

/** Variables from the developer's shell that would point a spawned app somewhere else. */
const LEAKY_VARIABLES = ['FAVCRM_MCP_URL', 'FAVCRM_API_BASE', 'FAVCRM_API_KEY', 'FAVCRM_MCP_TOKEN', 'FAVCRM_SANDBOX_SIGNUP_RATE', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_MODEL'];

/** A throwaway HOME with its own XDG dirs, so a spawned app reads and writes nothing of the person running the tests. */
export interface AppHome {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Where a key is saved with FAVCRM_CHAT_KEYRING=off (the official CLI's config file, contract §1.7). */
  configFile: string;
  /** The conversation and pending signup (`$XDG_STATE_HOME/favcrm-chat/session.json`). */
  stateFile: string;
}

export function createAppHome(label: string): AppHome {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `favcrm-${label}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: TEST_CODE_CACHE_HOME,
    FAVCRM_CHAT_KEYRING: 'off',
    FAVCRM_SANDBOX_PORT: '0',
    NO_COLOR: '1',
  };
  for (const name of LEAKY_VARIABLES) delete env[name];
  return {
    home,
    env,
    configFile: path.join(home, 'config', 'favcrm', 'config.toml'),
    stateFile: path.join(home, 'state', 'favcrm-chat', 'session.json'),
  };
}

/** The saved session file, parsed, or null when there is none yet. */
export function readSessionFile(home: AppHome): { pendingSignup: { requestId: string; maskedEmail: string } | null; transcript: Array<{ kind: string }> } | null {
  if (!fs.existsSync(home.stateFile)) return null;
  return JSON.parse(fs.readFileSync(home.stateFile, 'utf8')) as ReturnType<typeof readSessionFile>;
}

/** Peak resident set (VmHWM) of a live process in KiB, from /proc; null where /proc is missing or the process is gone. */
export function peakRssKib(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * `favcrm-chat --headless --json` as a real child process: write lines, wait for events. Every event and every
 * stderr line is kept, so a failing test can print what the app said.
 */
export class HeadlessApp {
  readonly events: AgentEvent[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    // A write racing a crash (the tests kill the app on purpose) must not take the test process down with EPIPE.
    child.stdin.on('error', () => undefined);
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as AgentEvent);
      } catch {
        this.stderr += `[stdout, not JSON] ${line}\n`;
      }
      this.wake();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
      this.wake();
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        resolve({ code, signal });
        this.wake();
      });
    });
  }

  /** Spawns `node bin/favcrm-chat.js --headless --json --yes [...args]` in `home`. */
  static start(home: AppHome, args: string[] = []): HeadlessApp {
    const child = spawn(process.execPath, [APP_BIN, '--headless', '--json', '--yes', ...args], { cwd: REPO_ROOT, env: home.env, stdio: 'pipe' });
    return new HeadlessApp(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** One turn's worth of text, as a person would type it. */
  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Closes stdin: the app finishes the running turn, saves and exits. */
  endInput(): void {
    this.child.stdin.end();
  }

  /** Resolves with the first event (from index `from`) matching `predicate`; rejects after `timeoutMs` or if the app exits first. */
  waitForEvent<T extends AgentEvent>(predicate: (event: AgentEvent) => event is T, options?: { from?: number; timeoutMs?: number }): Promise<T>;
  waitForEvent(predicate: (event: AgentEvent) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<AgentEvent>;
  waitForEvent(predicate: (event: AgentEvent) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<AgentEvent> {
    const from = options.from ?? 0;
    return this.waitFor(() => this.events.slice(from).find(predicate), `an event after #${from}`, options.timeoutMs);
  }

  /** Resolves once the next turn that started at or after event index `from` has ended. */
  waitForTurnEnd(from: number, timeoutMs?: number): Promise<Extract<AgentEvent, { type: 'turn-end' }>> {
    return this.waitForEvent((event): event is Extract<AgentEvent, { type: 'turn-end' }> => event.type === 'turn-end', { from, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  /** Sends a line and waits for that turn to end; returns the events of the turn. */
  async turn(line: string, timeoutMs?: number): Promise<AgentEvent[]> {
    const from = this.events.length;
    this.send(line);
    await this.waitForTurnEnd(from, timeoutMs);
    return this.events.slice(from);
  }

  /** Kills the app if it is still running (SIGKILL when asked: a crash, not a shutdown). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }

  private waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = find();
        if (found !== undefined) {
          done();
          resolve(found);
          return true;
        }
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
          done();
          reject(new Error(`favcrm-chat exited (${this.child.exitCode ?? this.child.signalCode}) before ${what}.\nstderr:\n${this.stderr}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\nevents: ${this.events.map((event) => event.type).join(', ')}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(listener);
      };
      const listener = (): void => void check();
      if (!check()) this.waiters.add(listener);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
