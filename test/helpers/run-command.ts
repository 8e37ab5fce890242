import { Readable } from 'node:stream';
import type { AppPaths } from '../../src/config/paths.js';
import { resolveAppPaths } from '../../src/config/paths.js';
import type { CommandDefinition } from '../../src/commands/command.js';
import { COMMANDS } from '../../src/commands/command-table.js';
import { runCommandLine } from '../../src/commands/run-command-line.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  env?: NodeJS.ProcessEnv;
  paths?: AppPaths;
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  signal?: AbortSignal;
  /** Entries that replace the table's own by name (a command built with test doubles). */
  replace?: readonly CommandDefinition[];
}

/** Runs `favcrm-chat <argv>` in this process through the real command table, capturing what it prints. */
export async function runCommand(argv: readonly string[], options: RunCommandOptions = {}): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const env = options.env ?? process.env;
  const table = COMMANDS.map((command) => options.replace?.find((replacement) => replacement.name === command.name) ?? command);
  const code = await runCommandLine(
    argv,
    {
      env,
      paths: options.paths ?? resolveAppPaths(env),
      io: {
        stdin: Readable.from([]),
        stdout: options.stdout ?? { write: (text: string) => (stdout += text) },
        stderr: options.stderr ?? { write: (text: string) => (stderr += text) },
        ...(options.signal ? { signal: options.signal } : {}),
      },
    },
    table,
  );
  return { code, stdout, stderr };
}
