import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runChatUi } from '../../src/ui/render-chat.js';
import { ScriptedSession } from '../helpers/scripted-session.js';
import { KEY, stripAnsi, tick } from './helpers.js';

/** Just enough of a TTY read stream for Ink: raw mode and 'readable' + read(). */
class FakeStdin extends EventEmitter {
  isTTY: boolean;
  private pending: string | null = null;
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  send(data: string): void {
    this.pending = data;
    this.emit('readable');
  }
  read(): string | null {
    const data = this.pending;
    this.pending = null;
    return data;
  }
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  output = '';
  write(chunk: string): boolean {
    this.output += chunk;
    return true;
  }
}

function streams(isTTY = true) {
  const stdin = new FakeStdin(isTTY);
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  return {
    stdin,
    stdout,
    stderr,
    asStreams: { patchConsole: false, stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream },
  };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await tick(10);
  }
}

describe('runChatUi', () => {
  it('refuses to draw without an interactive terminal: exit code 2, a message, and the session closed', async () => {
    const session = new ScriptedSession();
    const io = streams(false);
    await expect(runChatUi(session, io.asStreams)).resolves.toBe(2);
    expect(io.stderr.output).toContain('needs an interactive terminal');
    expect(session.calls.start).toBe(0);
    expect(session.calls.close).toBe(1);
  });

  it('starts the session, draws the chat, quits on Ctrl+D with 0 and closes the session', async () => {
    const session = new ScriptedSession();
    const io = streams();
    const running = runChatUi(session, io.asStreams);
    await until(() => stripAnsi(io.stdout.output).includes('Tell me about your business'));
    expect(session.calls.start).toBe(1);
    expect(session.calls.close).toBe(0);
    // Ctrl+D may land before the key handler is attached; press until the UI lets go.
    let exitCode: number | undefined;
    void running.then((code) => (exitCode = code));
    await until(() => {
      if (exitCode === undefined) io.stdin.send(KEY.ctrlD);
      return exitCode !== undefined;
    });
    expect(exitCode).toBe(0);
    expect(session.calls.close).toBe(1);
  });

  it('returns 1 when the session never became ready', async () => {
    const session = new ScriptedSession({ startError: 'connect ECONNREFUSED' });
    const io = streams();
    const running = runChatUi(session, io.asStreams);
    await until(() => stripAnsi(io.stdout.output).includes('ECONNREFUSED'));
    let exitCode: number | undefined;
    void running.then((code) => (exitCode = code));
    await until(() => {
      if (exitCode === undefined) io.stdin.send(KEY.ctrlD);
      return exitCode !== undefined;
    });
    expect(exitCode).toBe(1);
    expect(session.calls.close).toBe(1);
  });
});
