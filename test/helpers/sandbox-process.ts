import { spawn } from 'node:child_process';
import path from 'node:path';
import { createOutbox } from '../../src/sandbox/outbox-directory.js';
import type { Outbox } from '../../src/sandbox/outbox.js';
import { APP_BIN, REPO_ROOT } from './app-process.js';

/** `favcrm-chat sandbox` as its own process, so it can be crashed with SIGKILL or measured from /proc. */
export interface SandboxProcess {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** The outbox directory of `dataDir`, read from disk (the process writes it). */
  outbox: Outbox;
  /** False once the process has exited (crashed or stopped). */
  running(): boolean;
  /** Everything the process wrote to stdout and stderr so far (the request log, unless `quiet`). */
  output(): string;
  /** Sends `signal` (SIGTERM by default, SIGKILL for a crash) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node bin/favcrm-chat.js sandbox --port N --data DIR --signup-rate off [--quiet]` and waits for its URL. */
export async function startSandboxProcess(options: { dataDir: string; port?: number; signupRate?: string; quiet?: boolean; timeoutMs?: number }): Promise<SandboxProcess> {
  const args = [APP_BIN, 'sandbox', '--port', String(options.port ?? 0), '--data', options.dataDir, '--signup-rate', options.signupRate ?? 'off'];
  if (options.quiet ?? true) args.push('--quiet');
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The sandbox process did not start within ${options.timeoutMs ?? 30_000} ms:\n${output}`)), options.timeoutMs ?? 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => fail(new Error(`The sandbox process exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? -1,
    dataDir: options.dataDir,
    outbox: createOutbox(path.join(options.dataDir, 'outbox')),
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
