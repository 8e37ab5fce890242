import type { CommandDefinition } from './command.js';
import { flagHelpLines, GLOBAL_FLAGS, type Flags } from './flags.js';

const ABOUT = 'favcrm-chat: sign a business up for FavCRM from a chat, then work in it.';

/** `favcrm-chat --help`: every command's usage, then the chat's flags. */
export function mainHelp(table: readonly CommandDefinition[], defaultCommand: CommandDefinition): string {
  const usage = table.filter((command) => !command.hidden).map((command) => command.usage).join('');
  return `${ABOUT}

Usage:
${usage}
Options (the chat's; run favcrm-chat <command> --help for another command's):
${flagHelpLines({ ...defaultCommand.flags, ...GLOBAL_FLAGS }).join('\n')}
`;
}

/** `favcrm-chat <command> --help`: its usage, what else to know, and its flags (its subcommands' too). */
export function commandHelp(command: CommandDefinition): string {
  const flags: Flags = { ...command.flags, ...Object.assign({}, ...(command.subcommands ?? []).map((sub) => sub.flags ?? {})) };
  return `${usageBlock(command)}${command.details ? `\n${command.details}` : ''}
Options:
${flagHelpLines({ ...flags, help: GLOBAL_FLAGS.help }).join('\n')}
`;
}

/** `Usage: favcrm-chat auth status …` and the command's other synopsis lines. */
export function usageBlock(command: CommandDefinition): string {
  return `Usage: ${command.usage.trimStart()}`;
}
