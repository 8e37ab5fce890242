import type { CommandDefinition, ParsedCommandLine, CommandContext } from './command.js';
import { CONNECTION_FLAGS, booleanFlag, type Flags } from './flags.js';
import type { ToolRequest } from './tool-runner.js';

const TOOL_FLAGS = {
  ...CONNECTION_FLAGS,
  json: { type: 'boolean', description: 'raw JSON: the tools/list entries, or the tool\'s answer' },
} as const satisfies Flags;

function runWith(verb: ToolRequest['verb']) {
  return async (line: ParsedCommandLine, context: CommandContext): Promise<number> => {
    const { runToolRequest } = await import('./tool-runner.js');
    const [name, args] = line.positionals;
    return runToolRequest({ verb, json: booleanFlag(line.values, 'json'), ...(name !== undefined ? { name } : {}), ...(args !== undefined ? { args } : {}) }, line.values, context);
  };
}

/**
 * `favcrm-chat tool list|describe|call`, with the official `favcrm tool` arguments (`tool NAME [JSON]` is its
 * shortcut for call), over the same endpoint and key the chat would use.
 */
export const toolCommand: CommandDefinition = {
  name: 'tool',
  usage: `  favcrm-chat tool list [--json]    the FavCRM tools, like \`favcrm tool list\`
  favcrm-chat tool describe NAME [--json]
                                    one tool's description and input schema
  favcrm-chat tool call NAME ['{"key":"value"}'] [--json]
                                    call one tool (\`tool NAME '{…}'\` works too); prints its answer
`,
  details: `The endpoint and key are the chat's: --url, --api-key, the environment, then the saved key (for the endpoint it
was saved with), else the embedded sandbox. Tools that take an emailed code (register_organisation_verify,
accept_team_invite_verify) run in the chat, which stores the key they issue.
`,
  flags: TOOL_FLAGS,
  defaultSubcommand: 'call',
  subcommands: [
    { name: 'list', usage: '', run: runWith('list') },
    { name: 'describe', usage: '', positionals: { max: 1, names: 'NAME' }, run: runWith('describe') },
    { name: 'call', usage: '', positionals: { max: 2, names: "NAME ['{…}']" }, run: runWith('call') },
  ],
};
