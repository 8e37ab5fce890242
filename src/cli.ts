import { loadEnvironment } from './config/load-environment.js';
import { ModelConfigurationError } from './agent/model-choice.js';
import { type AppOptions, parseAppOptions, USAGE, UsageError } from './app/app-options.js';
import { checkAppOptions } from './app/check-app-options.js';
import { findRoutedCommand } from './app/command-word.js';
import type { LoadedScript } from './app/cached-script.js';
import { enableCodeCache } from './app/code-cache.js';
import type { AppContext } from './app/create-agent-session.js';
import { type CoreModule, loadCore } from './app/load-core.js';
import type { KeyStorePreference } from './secrets/key-store-preference.js';
import { resolveAppPaths, type AppPaths } from './config/paths.js';
import { redactSecrets } from './secrets/redact-secrets.js';
import { cliInvocation } from './config/cli-invocation.js';
import { afterWaitLine, waitingLine } from './app/quit-report.js';
import { terminalSafeJson, terminalSafeText } from './ui/format/terminal-safe-text.js';

// Only what every command needs is imported statically. The AI SDK, the MCP SDK, zod, the sandbox and Ink load on
// demand, so `--version` stays instant and the chat draws its first frame before the heavy core has loaded.
const VERSION = '0.1.0';

/** Entry point: picks the chat UI, headless mode, doctor, auth or the sandbox server. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Before any of the lazily loaded chunks compiles (docs/build.md, "Code cache").
  enableCodeCache(process.env);
  loadEnvironment();
  const env = process.env;
  const paths = resolveAppPaths(env);
  const routed = findRoutedCommand(argv);
  if (routed?.command === 'sandbox') return (await import('./sandbox/sandbox-command.js')).runSandboxCommand(routed.args);
  if (routed?.command === 'auth') {
    const { runAuthCommand } = await import('./secrets/auth-command.js');
    return runAuthCommand(routed.args, { env, paths, stdout: process.stdout, stderr: process.stderr });
  }
  if (routed?.command === 'connect') {
    const { runConnectCommand, terminalQuestion } = await import('./connect/connect-command.js');
    const ask = terminalQuestion(process.stdin, process.stderr);
    return runConnectCommand(routed.args, { env, paths, stdout: process.stdout, stderr: process.stderr, ...(ask ? { ask } : {}) });
  }

  const options = parseAppOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`favcrm-chat ${VERSION}\n`);
    return 0;
  }
  const subcommand = options.positionals[0];
  if (subcommand && subcommand !== 'doctor' && subcommand !== 'chat') {
    throw new UsageError(`Unknown command "${subcommand}".`);
  }
  if (options.positionals.length > 1) {
    throw new UsageError(`Unexpected "${options.positionals[1] ?? ''}" after ${subcommand ?? 'the command'}: it takes no arguments, only flags.`);
  }
  if (subcommand === 'doctor' && (options.headless || options.yes || options.fresh)) {
    throw new UsageError('doctor takes --url, --api-key, --key-store and --json; --headless, --yes and --new are for the chat.');
  }

  const { keyStore } = checkAppOptions(options, env);
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (subcommand !== 'doctor' && interactive && !options.headless) return runChat(options, env, paths, keyStore);

  // The keyring probe (a child process) starts first, so it runs while the core loads.
  const { beginEarlyStart } = await import('./app/early-start.js');
  const early = await beginEarlyStart(keyStore, env);
  const core = await loadCore();
  const { createAgentSession, runHeadless } = core.exports;
  const app = await createAgentSession(options, env, paths, early);
  saveCodeCacheWhenReady(app.session, core);
  try {
    if (subcommand === 'doctor') {
      // Doctor never starts the session, which shows these in the chat; its JSON stays alone on stdout.
      for (const notice of app.startupNotices) process.stderr.write(`warning: ${terminalSafeText(notice)}\n`);
      const report = await app.session.doctor();
      // The report is the server's own words (workspace names, plan, WhatsApp status): escaped so they print inert.
      process.stdout.write(`${terminalSafeJson(report, 2)}\n`);
      core.saveCodeCache();
      return 0;
    }
    if (!options.headless) process.stderr.write('stdin is not a terminal: running headless (one turn per line).\n');
    return await runHeadless(app.session, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, { json: options.json, autoApprove: options.yes });
  } finally {
    await app.close();
  }
}

/**
 * The chat: Ink draws the screen (input open, "Connecting…") first; the core loads and connects behind it, and
 * anything typed meanwhile is sent once it is ready. A session that cannot be built ends the chat with its reason.
 */
async function runChat(options: AppOptions, env: NodeJS.ProcessEnv, paths: AppPaths, keyStore: KeyStorePreference | undefined): Promise<number> {
  const [{ loadChatUi }, { DeferredSession }] = await Promise.all([import('./ui/load-chat-ui.js'), import('./app/deferred-session.js')]);
  const chatUi = await loadChatUi();
  let settle!: (app: Promise<AppContext>) => void;
  const app = new Promise<AppContext>((resolve) => (settle = resolve));
  const exited = chatUi.ui.runChatUi(new DeferredSession(app.then((context) => context.session)));
  // The first frame is drawn, so the code it ran is compiled: cache it for the next start (once; a no-op after).
  // Right away, not later: a chat quit within a second would otherwise never get one.
  setImmediate(() => chatUi.saveCodeCache());
  // The first frame is on screen now; loading the AI SDK, MCP and sandbox code (and spawning the keyring probe)
  // would otherwise delay it.
  settle(
    import('./app/early-start.js').then(async ({ beginEarlyStart }) => {
      const early = await beginEarlyStart(keyStore, env);
      const core = await loadCore();
      const context = await core.exports.createAgentSession(options, env, paths, early);
      saveCodeCacheWhenReady(context.session, core);
      return context;
    }),
  );
  const exitCode = await exited;
  // Rethrown for main's handler, which prints why the chat could not start.
  const context = await app;
  const waited = context.session.hasCallThatMustFinish();
  const before = context.session.authStatus();
  if (waited) process.stderr.write(`${waitingLine(before.status === 'signed-in')}\n`);
  await context.close();
  // Quitting mid-verify: the key was stored while we waited; say where, as the chat would have.
  const after = waited ? afterWaitLine(before, context.session.authStatus(), context.session.pendingSignup(), cliInvocation(env).replace(/\s+--$/, '')) : null;
  if (after) process.stderr.write(`${after}\n`);
  return exitCode;
}

/**
 * The core's code cache holds what was compiled when it is written: after `session-ready` that is the whole way to
 * ready (connect, tool discovery, state restore). Written once, on the first start of a build; a no-op after.
 */
function saveCodeCacheWhenReady(session: AppContext['session'], core: LoadedScript<CoreModule>): void {
  const unsubscribe = session.subscribe((event) => {
    if (event.type !== 'session-ready') return;
    unsubscribe();
    setImmediate(() => core.saveCodeCache());
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The embedded sandbox and MCP client are closed; exit so a stray handle can't keep the terminal waiting.
    setTimeout(() => process.exit(code), 100).unref();
  },
  (error: unknown) => {
    // A bad flag or `--model` value is a usage error: exit 2, as the README says. By name as well as by class: the
    // core may run from its own bundle, whose classes are not the ones imported here.
    const usage = error instanceof UsageError || error instanceof ModelConfigurationError || (error instanceof Error && (error.name === 'UsageError' || error.name === 'ModelConfigurationError'));
    const known = usage || (error instanceof Error && /Error$/.test(error.name) && error.name !== 'Error');
    const message = error instanceof Error ? error.message : String(error);
    // Error messages quote servers, flags and `.env`: made terminal-safe, then redacted (see headless.ts).
    process.stderr.write(`favcrm-chat: ${redactSecrets(terminalSafeText(message))}\n`);
    if (!known && error instanceof Error && process.env.FAVCRM_CHAT_DEBUG) process.stderr.write(`${redactSecrets(terminalSafeText(error.stack ?? ''))}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
