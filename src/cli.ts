import { enableCodeCache } from './app/code-cache.js';
import { runCommandLine } from './commands/run-command-line.js';
import { loadEnvironment } from './config/load-environment.js';
import { resolveAppPaths } from './config/paths.js';
import { errorMessage } from './errors/error-message.js';
import { redactSecrets } from './secrets/redact-secrets.js';
import { terminalSafeText } from './text/terminal-safe-text.js';

// Only what every command needs is imported statically: the command table holds words, flags and help, and each
// command imports what it runs. The AI SDK, the MCP SDK, zod, the sandbox and Ink load on demand, so `--version`
// stays instant and the chat draws its first frame before the heavy core has loaded.

/** Entry point: runs the command `argv` names (src/commands/command-table.ts). Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Before any of the lazily loaded chunks compiles (docs/build.md, "Code cache").
  enableCodeCache(process.env);
  loadEnvironment();
  const env = process.env;
  return runCommandLine(argv, { env, paths: resolveAppPaths(env), io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr } });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The embedded sandbox and MCP client are closed; exit so a stray handle can't keep the terminal waiting.
    setTimeout(() => process.exit(code), 100).unref();
  },
  (error: unknown) => {
    // Expected failures (FatalError) were reported by the command layer; this is a crash, a bug to report.
    // Error messages quote servers, flags and `.env`: made terminal-safe, then redacted (see headless.ts).
    process.stderr.write(`favcrm-chat: ${redactSecrets(terminalSafeText(errorMessage(error)))}\n`);
    if (error instanceof Error && process.env.FAVCRM_CHAT_DEBUG) process.stderr.write(`${redactSecrets(terminalSafeText(error.stack ?? ''))}\n`);
    else process.stderr.write('favcrm-chat: an unexpected error; FAVCRM_CHAT_DEBUG=1 shows where it happened.\n');
    process.exitCode = 1;
  },
);
