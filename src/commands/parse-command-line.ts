import { parseArgs } from 'node:util';
import { UsageError } from '../errors/fatal-error.js';
import { errorMessage } from '../errors/error-message.js';
import type { CommandDefinition, ParsedCommandLine } from './command.js';
import { GLOBAL_FLAGS, parseArgsOptions, type FlagSpec, type Flags, type FlagValues } from './flags.js';

/** A usage error found while parsing, with the command it concerns (for its usage lines). */
export class CommandLineError extends UsageError {
  constructor(
    message: string,
    readonly path: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The one argument parser: Node's `util.parseArgs`, run twice. First leniently with every flag the table knows,
 * only to find the command words (a flag's value is never mistaken for one, and flags may come before the
 * command, like the official CLI's global flags); then strictly with the flags of that command alone.
 */
export function parseCommandLine(argv: readonly string[], table: readonly CommandDefinition[], defaultCommand: string): ParsedCommandLine {
  const known = allFlags(table);
  const words = commandWords(argv, known);
  const fallback = table.find((command) => command.name === defaultCommand);
  if (!fallback) throw new Error(`The command table has no default command "${defaultCommand}".`);

  let command = table.find((entry) => entry.name === words[0]) ?? fallback;
  const path = [command.name];
  let consumed = command === fallback && words[0] !== fallback.name ? 0 : 1;
  let flags: Flags = { ...GLOBAL_FLAGS, ...command.flags };
  let helpWord = false;
  let missing: string | null = null;
  while (command.subcommands && !helpWord && missing === null) {
    const word = words[consumed];
    if (word === 'help') {
      helpWord = true;
      consumed += 1;
      break;
    }
    const sub = command.subcommands.find((entry) => entry.name === word) ?? command.subcommands.find((entry) => entry.name === command.defaultSubcommand);
    if (!sub) {
      missing = word === undefined ? `${path.join(' ')} needs a subcommand: ${names(command.subcommands)}.` : `Unknown subcommand "${word}" for ${path.join(' ')}: use ${names(command.subcommands)}.`;
      break;
    }
    if (sub.name === word) consumed += 1;
    command = sub;
    path.push(sub.name);
    flags = { ...flags, ...sub.flags };
  }

  let parsed: { values: FlagValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: parseArgsOptions(flags), strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    throw new CommandLineError(describeParseError(error, { path, flags, known, table }), path);
  }
  // `favcrm-chat connect help`, like `auth help`: a command that takes words still reads `help` as asking for it.
  if (!helpWord && consumed > 0 && !command.subcommands && parsed.positionals[consumed] === 'help') {
    helpWord = true;
    consumed += 1;
  }
  const help = helpWord || parsed.values.help === true;
  const line: ParsedCommandLine = {
    path,
    named: consumed > 0,
    command,
    values: parsed.values,
    positionals: parsed.positionals.slice(consumed),
    help,
    version: parsed.values.version === true,
  };
  if (help || line.version) return line;
  if (missing !== null) throw new CommandLineError(missing, path);
  const max = command.positionals?.max ?? 0;
  const extra = line.positionals[max];
  if (extra !== undefined) {
    if (!line.named) throw new CommandLineError(`Unknown command "${extra}".`, path);
    throw new CommandLineError(
      max === 0
        ? `Unexpected "${extra}" after ${path.join(' ')}: it takes no arguments, only flags.`
        : `${`Unexpected "${extra}" after ${shownPath(path, table)} ${command.positionals?.names ?? ''}`.trimEnd()}.`,
      path,
    );
  }
  return line;
}

/** The words that name the command: positionals before any `--`, found with every known flag's type. */
function commandWords(argv: readonly string[], known: Flags): string[] {
  const { tokens } = parseArgs({ args: [...argv], options: parseArgsOptions(known), strict: false, allowPositionals: true, tokens: true });
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') break;
    if (token.kind === 'positional') words.push(token.value);
  }
  return words;
}

/** Every flag of every command, so the lenient pass knows which flags take a value. */
export function allFlags(table: readonly CommandDefinition[]): Flags {
  const flags: Record<string, FlagSpec> = { ...GLOBAL_FLAGS };
  const visit = (commands: readonly CommandDefinition[]): void => {
    for (const command of commands) {
      for (const [name, spec] of Object.entries(command.flags ?? {})) {
        const seen = flags[name];
        // One flag name, one meaning: a command-line word must parse the same whichever command it goes to.
        if (seen && (seen.type !== spec.type || seen.short !== spec.short)) throw new Error(`Flag --${name} is declared twice with different types.`);
        flags[name] = spec;
      }
      visit(command.subcommands ?? []);
    }
  };
  visit(table);
  return flags;
}

/** Commands (as `auth status`) whose flags include `name`. */
function ownersOf(name: string, table: readonly CommandDefinition[], prefix: string[] = []): string[] {
  return table.flatMap((command) => {
    // A hidden default subcommand (`sandbox serve`) is named by its parent alone.
    const path = command.hidden ? prefix : [...prefix, command.name];
    const here = command.flags && name in command.flags ? [path.join(' ')] : [];
    return [...here, ...ownersOf(name, command.subcommands ?? [], path)];
  });
}

/** `auth status`, `sandbox` (not `sandbox serve`): the words a person types. */
function shownPath(path: readonly string[], table: readonly CommandDefinition[]): string {
  const shown: string[] = [];
  let level: readonly CommandDefinition[] = table;
  for (const word of path) {
    const command = level.find((entry) => entry.name === word);
    if (!command?.hidden) shown.push(word);
    level = command?.subcommands ?? [];
  }
  return shown.join(' ');
}

function names(commands: readonly CommandDefinition[]): string {
  return commands.map((command) => command.name).join(', ');
}

/**
 * Node's parseArgs messages are written for script authors ("place it at the end of the command after '--', as
 * in '-- "--bogus"'"); a person needs the option and what is wrong with it.
 */
function describeParseError(error: unknown, { path, flags, known, table }: { path: readonly string[]; flags: Flags; known: Flags; table: readonly CommandDefinition[] }): string {
  const message = errorMessage(error);
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  // The quoted part is the option: '--bogus', '--url <value>' or '-m, --model <value>' (its long name is last).
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.match(/--?[\w-]+/g)?.at(-1) ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const long = option.replace(/^--?/, '');
    const name = Object.entries(known).find(([flag, spec]) => flag === long || spec.short === long)?.[0];
    const owners = name && !(name in flags) ? ownersOf(name, table) : [];
    if (owners.length > 0) return `${shownPath(path, table)} does not take ${option}; it is for ${owners.join(', ')}.`;
    return `Unknown option ${option}.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(message)) return `${option} needs a value.`;
    if (/does not take an argument/.test(message)) return `${option} does not take a value.`;
    if (/ambiguous/.test(message)) return `${option} needs a value; for a value starting with "-", write ${option}=VALUE.`;
  }
  return `${message.split('\n')[0] ?? message}.`.replace(/\.\.$/, '.');
}
