import type { ParseArgsConfig } from 'node:util';

/** One flag: its parseArgs shape plus what `--help` says about it. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The placeholder shown in help (`--url URL`); string flags only. */
  value?: string;
  description: string;
}

export type Flags = Readonly<Record<string, FlagSpec>>;

/** What the parser hands a command: flag values by long name, and the words after the command's own words. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** Every command takes these; they never reach a command's `run`. */
export const GLOBAL_FLAGS = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
} as const satisfies Flags;

/**
 * How to reach FavCRM, the same for every command that talks to it (chat, doctor, tool), so one invocation's
 * flags mean the same thing whichever command they go to.
 */
export const CONNECTION_FLAGS = {
  url: { type: 'string', value: 'URL', description: 'FavCRM MCP endpoint (or FAVCRM_MCP_URL, FAVCRM_API_BASE); default: the embedded sandbox' },
  'api-key-file': { type: 'string', value: 'PATH', description: 'FavCRM key from a file (safe: not visible in `ps`); --api-key - reads it from stdin\'s first line' },
  'api-key': { type: 'string', value: 'KEY', description: 'FavCRM key (or FAVCRM_API_KEY, FAVCRM_MCP_TOKEN; on the command line others can see it); default: the saved key' },
  'key-store': { type: 'string', value: 'S', description: 'auto | keyring | file (where a new key is saved; default auto)' },
  data: { type: 'string', value: 'DIR', description: 'data dir of the embedded sandbox' },
} as const satisfies Flags;

/** The parseArgs `options` for a set of flags (help text stripped). */
export function parseArgsOptions(flags: Flags): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(flags)) options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  return options;
}

/** `  --url URL           FavCRM MCP endpoint …` lines, aligned. */
export function flagHelpLines(flags: Flags): string[] {
  const entries = Object.entries(flags).map(([name, spec]) => [`--${name}${spec.value ? ` ${spec.value}` : ''}${spec.short ? `, -${spec.short}` : ''}`, spec.description] as const);
  const width = Math.max(18, ...entries.map(([left]) => left.length + 2));
  return entries.map(([left, description]) => `  ${left.padEnd(width)}${description}`);
}

/** A string flag's value, or undefined when absent. */
export function textFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean flag: true only when given. */
export function booleanFlag(values: FlagValues, name: string): boolean {
  return values[name] === true;
}
