import { DEFAULT_SANDBOX_PORT } from '../config/sandbox-port.js';
import type { CommandDefinition } from './command.js';
import { booleanFlag, textFlag, type Flags } from './flags.js';

const DATA_FLAG = { data: { type: 'string', value: 'DIR', description: 'the sandbox data directory (default: the one the chat uses)' } } as const satisfies Flags;

const SERVE_FLAGS = {
  port: { type: 'string', value: 'N', description: `port on 127.0.0.1 (default ${DEFAULT_SANDBOX_PORT}; 0 picks a free one)` },
  'signup-rate': { type: 'string', value: 'R', description: 'signup requests allowed per email, as 3/h,20/d, or off' },
  'invite-code-rate': { type: 'string', value: 'R', description: 'invite codes allowed per email, as 5/h,20/d, or off' },
  quiet: { type: 'boolean', description: 'no request log on stderr' },
} as const satisfies Flags;

const OUTBOX_FLAGS = {
  json: { type: 'boolean', description: 'the messages as JSON' },
  limit: { type: 'string', value: 'N', description: 'how many messages, newest first (default 20)' },
} as const satisfies Flags;

/** `favcrm-chat sandbox [outbox]`; the work is src/sandbox/sandbox-command.ts. */
export const sandboxCommand: CommandDefinition = {
  name: 'sandbox',
  usage: `  favcrm-chat sandbox [--port N] [--data DIR] [--signup-rate 3/h,20/d|off] [--invite-code-rate 5/h,20/d|off] [--quiet]
      Run the local FavCRM MCP server on 127.0.0.1 until Ctrl-C (default port ${DEFAULT_SANDBOX_PORT}; 0 picks a free one).
  favcrm-chat sandbox outbox [--data DIR] [--json] [--limit N]
      Show the newest "emails" the sandbox wrote (verification codes, invites).
`,
  flags: DATA_FLAG,
  defaultSubcommand: 'serve',
  subcommands: [
    {
      name: 'serve',
      hidden: true,
      usage: '',
      flags: SERVE_FLAGS,
      async run(line, context) {
        const { serveSandbox } = await import('../sandbox/sandbox-command.js');
        const { values } = line;
        const flag = (name: string) => textFlag(values, name);
        return serveSandbox(
          {
            ...optional('port', flag('port')),
            ...optional('data', flag('data')),
            ...optional('signupRate', flag('signup-rate')),
            ...optional('inviteCodeRate', flag('invite-code-rate')),
            quiet: booleanFlag(values, 'quiet'),
          },
          context.io,
        );
      },
    },
    {
      name: 'outbox',
      usage: '',
      flags: OUTBOX_FLAGS,
      async run(line, context) {
        const { showOutbox } = await import('../sandbox/sandbox-command.js');
        const { values } = line;
        return showOutbox({ ...optional('data', textFlag(values, 'data')), ...optional('limit', textFlag(values, 'limit')), json: booleanFlag(values, 'json') }, context.io);
      },
    },
  ],
};

/** `{ [key]: value }` when the flag was given, else nothing (exactOptionalPropertyTypes). */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}
