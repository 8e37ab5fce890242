import { UsageError } from '../errors/fatal-error.js';
import { CONNECT_FLAGS, connectArgumentsFrom } from '../connect/connect-arguments.js';
import type { ConnectCommandDeps } from '../connect/connect-command.js';
// connect-types only: run-connect would load every client's config editor on the chat's first-frame path.
import { CLIENT_IDS } from '../connect/connect-types.js';
import type { CommandDefinition } from './command.js';

/** What tests may replace in connect (the platform, the working directory, the clock, the store, the question). */
export type ConnectCommandOverrides = Partial<Omit<ConnectCommandDeps, 'env' | 'paths' | 'stdout' | 'stderr'>>;

/** `favcrm-chat connect [CLIENT]`; the work is src/connect/ (which the chat's /connect uses too). */
export function connectCommandWith(overrides: ConnectCommandOverrides = {}): CommandDefinition {
  return {
    name: 'connect',
    usage: `  favcrm-chat connect [CLIENT] [--scope user|project] [--dry-run] [--remove] [--json] [--yes]
                                    add FavCRM to Claude Code, Cursor, VS Code, Codex, Gemini CLI or Claude Desktop
`,
    details: `CLIENT: ${CLIENT_IDS.join(', ')}
With no CLIENT: lists the clients found on this machine and what connect would write where.
`,
    flags: CONNECT_FLAGS,
    positionals: { max: 1, names: 'CLIENT' },
    async run(line, context) {
      const checked = connectArgumentsFrom(line.values, line.positionals);
      if ('error' in checked) throw new UsageError(`${checked.error}.`.replace(/\.\.$/, '.'));
      const { runConnectCommand, terminalQuestion } = await import('../connect/connect-command.js');
      const ask = terminalQuestion(context.io.stdin as NodeJS.ReadStream, context.io.stderr as NodeJS.WriteStream);
      return runConnectCommand(checked, { env: context.env, paths: context.paths, stdin: context.io.stdin as NodeJS.ReadStream, stdout: context.io.stdout, stderr: context.io.stderr, ...(ask ? { ask } : {}), ...overrides });
    },
  };
}

export const connectCommand = connectCommandWith();
