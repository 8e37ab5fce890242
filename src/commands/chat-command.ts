import type { AppContext } from '../app/create-agent-session.js';
import { checkAppOptions } from '../app/check-app-options.js';
import { afterWaitLine, waitingLine } from '../app/quit-report.js';
import { cliInvocation } from '../config/cli-invocation.js';
import type { HeadlessIo } from '../app/headless.js';
import type { KeyStorePreference } from '../secrets/key-store-preference.js';
import type { AppOptions } from '../app/app-options.js';
import type { CommandContext, CommandDefinition } from './command.js';
import { CONNECTION_FLAGS, booleanFlag, type Flags } from './flags.js';
import { appOptionsFrom } from './session-flags.js';
import { startCore } from './start-core.js';

/** The chat's flags; doctor and tool share the connection ones. */
export const CHAT_FLAGS = {
  ...CONNECTION_FLAGS,
  model: { type: 'string', short: 'm', value: 'M', description: 'offline | openai:<model-id> (OPENAI_API_KEY; OPENAI_BASE_URL for Ollama, llama.cpp, vLLM)' },
  yes: { type: 'boolean', short: 'y', description: 'run destructive / external tools without asking (scripts)' },
  new: { type: 'boolean', description: 'start a new conversation (forget the saved one and any pending signup)' },
  headless: { type: 'boolean', description: 'read turns from stdin line by line, write the conversation to stdout' },
  json: { type: 'boolean', description: 'headless: one JSON event per line' },
} as const satisfies Flags;

/** `favcrm-chat [chat]`: the chat UI in a terminal, headless (one turn per line) otherwise. */
export const chatCommand: CommandDefinition = {
  name: 'chat',
  usage: `  favcrm-chat                       open the chat (headless when stdin is not a terminal)
  favcrm-chat --headless [--json]   read turns from stdin line by line, write the conversation to stdout
`,
  details: `In headless mode a gated call waits for the next line (y/yes approves, anything else declines); --yes approves
without asking. The chat's slash commands (/auth, /outbox, /doctor, /tools, /new, /logout, /help) work there too.
`,
  flags: CHAT_FLAGS,
  async run(line, context) {
    const options = appOptionsFrom(line.values);
    const headless = booleanFlag(line.values, 'headless');
    const { keyStore } = checkAppOptions(options, context.env);
    const interactive = context.io.stdin.isTTY === true && context.io.stdout.isTTY === true;
    if (interactive && !headless) return runChat(options, context, keyStore);
    const { app, core } = await startCore(options, context.env, context.paths, keyStore);
    try {
      if (!headless) context.io.stderr.write('stdin is not a terminal: running headless (one turn per line).\n');
      // The process's own streams (or a test's): headless reads stdin line by line and writes both outputs.
      return await core.exports.runHeadless(app.session, context.io as HeadlessIo, { json: booleanFlag(line.values, 'json'), autoApprove: options.yes });
    } finally {
      await app.close();
    }
  },
};

/**
 * The chat: Ink draws the screen (input open, "Connecting…") first; the core loads and connects behind it, and
 * anything typed meanwhile is sent once it is ready. A session that cannot be built ends the chat with its reason.
 */
async function runChat(options: AppOptions, context: CommandContext, keyStore: KeyStorePreference | undefined): Promise<number> {
  const { env, paths } = context;
  const [{ loadChatUi }, { DeferredSession }] = await Promise.all([import('./load-chat-ui.js'), import('../app/deferred-session.js')]);
  const chatUi = await loadChatUi();
  let settle!: (app: Promise<AppContext>) => void;
  const app = new Promise<AppContext>((resolve) => (settle = resolve));
  const exited = chatUi.ui.runChatUi(new DeferredSession(app.then((started) => started.session)));
  // The first frame is drawn, so the code it ran is compiled: cache it for the next start (once; a no-op after).
  // Right away, not later: a chat quit within a second would otherwise never get one.
  setImmediate(() => chatUi.saveCodeCache());
  // The first frame is on screen now; loading the AI SDK, MCP and sandbox code (and spawning the keyring probe)
  // would otherwise delay it.
  settle(startCore(options, env, paths, keyStore).then((started) => started.app));
  const exitCode = await exited;
  // Rethrown for the CLI's handler, which prints why the chat could not start.
  const started = await app;
  const waited = started.session.hasCallThatMustFinish();
  const before = started.session.authStatus();
  if (waited) context.io.stderr.write(`${waitingLine(before.status === 'signed-in')}\n`);
  await started.close();
  // Quitting mid-verify: the key was stored while we waited; say where, as the chat would have.
  const after = waited ? afterWaitLine(before, started.session.authStatus(), started.session.pendingSignup(), cliInvocation(context.env).replace(/\s+--$/, '')) : null;
  if (after) context.io.stderr.write(`${after}\n`);
  return exitCode;
}
