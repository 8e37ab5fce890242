import { config as loadDotenv } from 'dotenv';
import { resolveAppPaths } from './config/paths.js';
import { ModelConfigurationError } from './agent/model-selection.js';
import { parseAppOptions, USAGE, UsageError } from './app/app-options.js';
import { createAgentSession } from './app/create-agent-session.js';
import { runHeadless } from './app/headless.js';
import { redactSecrets } from './secrets/redact-secrets.js';
import { runAuthCommand } from './secrets/auth-command.js';
import { runSandboxCommand } from './sandbox/sandbox-command.js';

const VERSION = '0.1.0';

/** Entry point: picks the chat UI, headless mode, doctor, auth or the sandbox server. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const env = process.env;
  const paths = resolveAppPaths(env);
  const [command, ...rest] = argv;
  if (command === 'sandbox') return runSandboxCommand(rest);
  if (command === 'auth') return runAuthCommand(rest, { env, paths, stdout: process.stdout, stderr: process.stderr });

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

  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const chatUi = subcommand !== 'doctor' && interactive && !options.headless;
  // Ink is the slowest import; load it while the session, secret store and sandbox are being set up.
  const uiModule = chatUi ? import('./ui/render-chat.js') : null;
  uiModule?.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const app = await createAgentSession(options, env, paths);
  try {
    if (subcommand === 'doctor') {
      const report = await app.session.doctor();
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    if (!uiModule) {
      if (!options.headless) process.stderr.write('stdin is not a terminal: running headless (one turn per line).\n');
      return await runHeadless(app.session, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, { json: options.json, autoApprove: options.yes });
    }
    const { runChatUi } = await uiModule;
    return await runChatUi(app.session);
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The embedded sandbox and MCP client are closed; exit so a stray handle can't keep the terminal waiting.
    setTimeout(() => process.exit(code), 100).unref();
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ModelConfigurationError || (error instanceof Error && /Error$/.test(error.name) && error.name !== 'Error');
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`favcrm-chat: ${redactSecrets(message)}\n`);
    if (!known && error instanceof Error && process.env.FAVCRM_CHAT_DEBUG) process.stderr.write(`${redactSecrets(error.stack ?? '')}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
