import { render } from 'ink';
import type { AgentSessionPort } from '../agent/events.js';
import { App } from './app.js';
import { enableBracketedPaste } from './input/bracketed-paste.js';
import { keepScrollback } from './keep-scrollback.js';
import { errorMessage } from '../errors/error-message.js';

/** Where to draw; the process streams by default (tests pass fakes). */
export interface ChatUiOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Ink routes console.* above the UI; off where console cannot be replaced (test runners). Default true. */
  patchConsole?: boolean;
}

/** Exit code when there is no interactive terminal to draw on (the CLI should pick headless mode instead). */
const NO_TERMINAL_EXIT_CODE = 2;

/**
 * Runs the chat UI until the person quits, then closes the session.
 * Returns 0 after a normal quit, 1 when the session never became ready or the UI crashed, 2 without a terminal.
 */
export async function runChatUi(session: AgentSessionPort, streams: ChatUiOptions = {}): Promise<number> {
  const stdin = streams.stdin ?? process.stdin;
  const stderr = streams.stderr ?? process.stderr;
  if (!stdin.isTTY) {
    stderr.write('favcrm-chat: the chat needs an interactive terminal. Pipe a message to headless mode instead.\n');
    await closeQuietly(session);
    return NO_TERMINAL_EXIT_CODE;
  }
  let exitCode = 0;
  const instance = render(<App session={session} onExit={(code) => (exitCode = code)} />, {
    stdin,
    stdout: keepScrollback(streams.stdout ?? process.stdout),
    stderr,
    // Ctrl+C cancels a running step first; the App decides when it quits.
    exitOnCtrlC: false,
    patchConsole: streams.patchConsole ?? true,
  });
  const disablePaste = enableBracketedPaste(streams.stdout ?? process.stdout);
  try {
    await instance.waitUntilExit();
  } catch (error) {
    stderr.write(`favcrm-chat: ${errorMessage(error)}\n`);
    exitCode = 1;
  } finally {
    disablePaste();
    await closeQuietly(session);
  }
  return exitCode;
}

async function closeQuietly(session: AgentSessionPort): Promise<void> {
  try {
    await session.close();
  } catch {
    // Closing is best effort on the way out; the process is about to end anyway.
  }
}
