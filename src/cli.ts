import { config as loadDotenv } from 'dotenv';
import { enableCodeCache } from './app/code-cache.js';
import { runCommandLine } from './commands/run-command-line.js';
import { resolveAppPaths } from './config/paths.js';
import { errorMessage } from './errors/error-message.js';
import { redactSecrets } from './secrets/redact-secrets.js';

// Only what every command needs is imported statically: the command table holds words, flags and help, and each
// command imports what it runs. The AI SDK, the MCP SDK, zod, the sandbox and Ink load on demand, so `--version`
// stays instant and the chat draws its first frame before the heavy core has loaded.

/** Entry point: runs the command `argv` names (src/commands/command-table.ts). Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Before any of the lazily loaded chunks compiles (docs/build.md, "Code cache").
  enableCodeCache(process.env);
  loadDotenv({ quiet: true });
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
    process.stderr.write(`favcrm-chat: ${redactSecrets(errorMessage(error))}\n`);
    if (error instanceof Error && process.env.FAVCRM_CHAT_DEBUG) process.stderr.write(`${redactSecrets(error.stack ?? '')}\n`);
    else process.stderr.write('favcrm-chat: an unexpected error; FAVCRM_CHAT_DEBUG=1 shows where it happened.\n');
    process.exitCode = 1;
  },
);
