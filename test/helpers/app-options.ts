import { parseArgs } from 'node:util';
import type { AppOptions } from '../../src/app/app-options.js';
import { CHAT_FLAGS } from '../../src/commands/chat-command.js';
import { parseArgsOptions } from '../../src/commands/flags.js';
import { appOptionsFrom } from '../../src/commands/session-flags.js';

/** The session options the chat would build from these flags (`--url X --new`), parsed by its own flag table. */
export function parseAppOptions(argv: string[]): AppOptions {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(CHAT_FLAGS), strict: true });
  return appOptionsFrom(values as Record<string, string | boolean | undefined>);
}
