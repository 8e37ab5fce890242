import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_CODE_CACHE_HOME } from './app-process.js';

/** Temp HOME + XDG dirs with the keyring off, so a spawned app never touches the real user's files. */
export function isolatedEnvironment(extra: Record<string, string> = {}): { home: string; env: Record<string, string> } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'favcrm-cli-'));
  return {
    home,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_STATE_HOME: path.join(home, '.local', 'state'),
      XDG_CACHE_HOME: TEST_CODE_CACHE_HOME,
      FAVCRM_CHAT_KEYRING: 'off',
      FAVCRM_SANDBOX_PORT: '0',
      ...extra,
    },
  };
}

/** The real CLI as a child process (stdin a pipe, so not a TTY), with helpers to talk to it line by line. */
export class CliProcess {
  stdout = '';
  stderr = '';
  readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [path.resolve('bin/favcrm-chat.js'), ...args], { env, cwd: process.cwd() });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? 1)));
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  async waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Closes stdin (end of the conversation) and resolves with the exit code. */
  async finish(): Promise<number> {
    this.child.stdin.end();
    return this.exited;
  }
}

/** Runs the CLI to completion with `input` on stdin. */
export async function runCli(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = new CliProcess(args, env);
  if (input) cli.child.stdin.write(input);
  const code = await cli.finish();
  return { code, stdout: cli.stdout, stderr: cli.stderr };
}
