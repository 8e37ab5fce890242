import type { AppPaths } from '../config/paths.js';
import type { FlagValues, Flags } from './flags.js';

export interface Output {
  write(text: string): unknown;
}

/** Where a command reads and writes; tests pass their own. */
export interface CommandIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Output & { isTTY?: boolean };
  stderr: Output;
  /** Stops a long-running command (`sandbox`) like SIGINT would. */
  signal?: AbortSignal;
}

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  paths: AppPaths;
  io: CommandIo;
}

/** What the one parser found: which command (and subcommand), its flag values and the words after them. */
export interface ParsedCommandLine {
  /** `['auth', 'status']`, `['chat']`. */
  path: readonly string[];
  /** False when no command word was given (`favcrm-chat --headless`): the default command runs. */
  named: boolean;
  command: CommandDefinition;
  values: FlagValues;
  positionals: readonly string[];
  /** `favcrm-chat auth help`, `--help` or `-h` anywhere. */
  help: boolean;
  version: boolean;
}

/**
 * One entry of the command table: its words, flags, help text and what it runs. A command with subcommands
 * (`auth status`, `sandbox outbox`, `tool list`) lists them; their flags add to the parent's.
 */
export interface CommandDefinition {
  name: string;
  /** Synopsis lines (`  favcrm-chat doctor` and what it does), shown in `favcrm-chat --help` and on a usage error. */
  usage: string;
  /** More help for `favcrm-chat <name> --help` (what the flags do is added from `flags`). */
  details?: string;
  flags?: Flags;
  /** How many words may follow the command's words (`tool call NAME JSON`: 2); more is a usage error. */
  positionals?: { max: number; names?: string };
  subcommands?: readonly CommandDefinition[];
  /**
   * The subcommand that runs when the next word is none of them: `sandbox` serves, `tool NAME` calls NAME (the
   * official CLI's shortcut). Without one, a missing subcommand is a usage error.
   */
  defaultSubcommand?: string;
  /** Hidden from `favcrm-chat --help` (aliases). */
  hidden?: boolean;
  run?(line: ParsedCommandLine, context: CommandContext): Promise<number>;
}
