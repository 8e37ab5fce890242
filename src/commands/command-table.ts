import { authCommand } from './auth-command.js';
import { chatCommand } from './chat-command.js';
import { connectCommand } from './connect-command.js';
import type { CommandDefinition } from './command.js';
import { doctorCommand } from './doctor-command.js';
import { sandboxCommand } from './sandbox-command.js';
import { toolCommand } from './tool-command.js';

/**
 * Every `favcrm-chat` command, in the order `--help` lists them. A new command is one file here that exports a
 * CommandDefinition (words, flags, help, run) and one line below. Entries stay
 * light: what a command runs is imported inside its `run`, so `--help` and the chat's first frame load none of it.
 */
export const COMMANDS: readonly CommandDefinition[] = [chatCommand, doctorCommand, authCommand, connectCommand, sandboxCommand, toolCommand];

/** What `favcrm-chat` with no command word runs. */
export const DEFAULT_COMMAND = 'chat';
