import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pty from 'node-pty';
import { TEST_CODE_CACHE_HOME } from './app-process.js';

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Za-z0-9]|\u001b[=>78M]/g;

/** Terminal output as text: escape sequences removed. */
export function stripEscapes(output: string): string {
  return output.replace(ANSI, '');
}

/** Polls `check` until it holds (a terminal draws asynchronously). */
export async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the terminal');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The real app in a real pseudo-terminal, with its own HOME and XDG dirs, as a person would run it. */
export class PtyApp {
  private output = '';
  private exitCode: number | null = null;
  readonly home: string;
  private readonly terminal: pty.IPty;

  constructor(args: string[] = [], extraEnv: Record<string, string> = {}, home?: string) {
    this.home = home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-pty-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, '.config'),
      XDG_DATA_HOME: path.join(this.home, '.local', 'share'),
      XDG_STATE_HOME: path.join(this.home, '.local', 'state'),
      XDG_CACHE_HOME: TEST_CODE_CACHE_HOME,
      TERM: 'xterm-256color',
      FAVCRM_CHAT_KEYRING: 'off',
      FAVCRM_SANDBOX_PORT: '0',
      ...extraEnv,
    };
    this.terminal = pty.spawn(process.execPath, [path.resolve('bin/favcrm-chat.js'), ...args], { name: 'xterm-256color', cols: 110, rows: 40, cwd: process.cwd(), env });
    this.terminal.onData((data) => {
      this.output += data;
    });
    this.terminal.onExit(({ exitCode }) => {
      this.exitCode = exitCode;
    });
  }

  /** Everything the terminal showed so far, with escape sequences removed. */
  get screenText(): string {
    return stripEscapes(this.output);
  }

  /** The raw bytes, escape sequences included (for leak checks). */
  get rawOutput(): string {
    return this.output;
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 30_000): Promise<void> {
    const matches = () => (typeof pattern === 'string' ? this.screenText.includes(pattern) : pattern.test(this.screenText));
    const started = Date.now();
    while (!matches()) {
      if (this.exitCode !== null) throw new Error(`app exited (${this.exitCode}) before showing ${String(pattern)}:\n${this.screenText.slice(-2000)}`);
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}:\n${this.screenText.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Types a line the way a person does: the text, a pause, then Enter. */
  async typeLine(text: string): Promise<void> {
    this.terminal.write(text);
    await new Promise((resolve) => setTimeout(resolve, 150));
    this.terminal.write('\r');
  }

  press(keys: string): void {
    this.terminal.write(keys);
  }

  /** Resizes the terminal, as dragging its window does (the app gets SIGWINCH). */
  resize(columns: number, rows = 40): void {
    this.terminal.resize(columns, rows);
  }

  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const started = Date.now();
    while (this.exitCode === null) {
      if (Date.now() - started > timeoutMs) {
        this.terminal.kill();
        throw new Error('app did not exit');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.exitCode;
  }

  kill(): void {
    if (this.exitCode === null) this.terminal.kill();
  }

  /** From the greeting to "paste your code": asks for a signup in one sentence and approves the code request. */
  async requestSignupCode(sentence = 'Register my bakery Rise & Shine in Cairo, Egypt. bake@rise.eg'): Promise<void> {
    await this.waitFor(/Tell me about your business/);
    await this.typeLine(sentence);
    await this.waitFor(/y yes · n no/);
    this.press('y');
    await this.waitFor(/Paste the 6-digit code/);
  }

  /** The embedded sandbox's outbox, like `favcrm-chat sandbox outbox` would read it. */
  latestOutboxCode(): string | null {
    const outbox = path.join(this.home, '.local', 'share', 'favcrm-chat', 'sandbox', 'outbox');
    if (!fs.existsSync(outbox)) return null;
    const newest = fs.readdirSync(outbox).filter((name) => name.endsWith('.eml')).sort().at(-1);
    if (!newest) return null;
    return /\b(\d{6})\b/.exec(fs.readFileSync(path.join(outbox, newest), 'utf8'))?.[1] ?? null;
  }
}
