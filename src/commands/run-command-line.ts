import { FatalError, UsageError } from '../errors/fatal-error.js';
import { redactSecrets } from '../secrets/redact-secrets.js';
import { terminalSafeText } from '../text/terminal-safe-text.js';
import type { CommandContext, CommandDefinition } from './command.js';
import { COMMANDS, DEFAULT_COMMAND } from './command-table.js';
import { commandHelp, mainHelp, usageBlock } from './help-text.js';
import { CommandLineError, parseCommandLine } from './parse-command-line.js';

export const VERSION = '0.1.0';

/**
 * Parses `argv` with the command table and runs the command. Returns the exit code: 0 on success, 2 for a usage
 * error (with the command's usage), a FatalError's own code for an expected failure (its message, no stack).
 * Anything else is a crash and propagates to the CLI, which shows its stack under FAVCRM_CHAT_DEBUG.
 */
export async function runCommandLine(argv: readonly string[], context: CommandContext, table: readonly CommandDefinition[] = COMMANDS): Promise<number> {
  const fallback = table.find((command) => command.name === DEFAULT_COMMAND);
  if (!fallback) throw new Error(`The command table has no "${DEFAULT_COMMAND}" command.`);
  const fail = (error: FatalError, path: readonly string[]): number => {
    const top = table.find((command) => command.name === path[0]);
    const named = top && top !== fallback ? top : undefined;
    const hint = UsageError.isInstance(error) ? ` See favcrm-chat${named ? ` ${named.name}` : ''} --help.` : '';
    const usage = UsageError.isInstance(error) && named ? `\n${usageBlock(named)}` : '';
    // Messages quote flags, servers and `.env`: terminal-safe first, then redacted.
    context.io.stderr.write(redactSecrets(terminalSafeText(`favcrm-chat: ${error.message}${hint}\n${usage}`)));
    return error.exitCode;
  };

  let line;
  try {
    line = parseCommandLine(argv, table, DEFAULT_COMMAND);
  } catch (error) {
    if (error instanceof CommandLineError) return fail(error, error.path);
    throw error;
  }
  if (line.version) {
    context.io.stdout.write(`favcrm-chat ${VERSION}\n`);
    return 0;
  }
  if (line.help) {
    const top = table.find((command) => command.name === line.path[0]);
    context.io.stdout.write(line.named && top ? commandHelp(top) : mainHelp(table, fallback));
    return 0;
  }
  if (!line.command.run) throw new Error(`Command "${line.path.join(' ')}" has nothing to run.`);
  try {
    return await line.command.run(line, context);
  } catch (error) {
    if (FatalError.isInstance(error)) return fail(error, line.named ? line.path : [DEFAULT_COMMAND]);
    throw error;
  }
}
