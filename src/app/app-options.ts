import { parseArgs } from 'node:util';

/** Flags shared by the chat, headless mode and doctor; validated once here, trusted afterwards. */
export interface AppOptions {
  url?: string;
  /** `--api-key KEY`, or `-` for the first line of stdin. */
  apiKey?: string;
  /** `--api-key-file PATH`: the safe way to pass a key (not in `ps`). */
  apiKeyFile?: string;
  model?: string;
  keyStore?: string;
  /** `--data DIR`: the embedded sandbox's data dir. */
  data?: string;
  yes: boolean;
  fresh: boolean;
  json: boolean;
  headless: boolean;
  help: boolean;
  version: boolean;
  positionals: string[];
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses the global flags (they work before or after a subcommand, like the official CLI's). */
export function parseAppOptions(argv: string[]): AppOptions {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        'api-key-file': { type: 'string' },
        model: { type: 'string', short: 'm' },
        'key-store': { type: 'string' },
        data: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        new: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        headless: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    return {
      ...(values.url !== undefined ? { url: values.url } : {}),
      ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
      ...(values['api-key-file'] !== undefined ? { apiKeyFile: values['api-key-file'] } : {}),
      ...(values.model !== undefined ? { model: values.model } : {}),
      ...(values['key-store'] !== undefined ? { keyStore: values['key-store'] } : {}),
      ...(values.data !== undefined ? { data: values.data } : {}),
      yes: values.yes ?? false,
      fresh: values.new ?? false,
      json: values.json ?? false,
      headless: values.headless ?? false,
      help: values.help ?? false,
      version: values.version ?? false,
      positionals,
    };
  } catch (error) {
    throw new UsageError(`${describeParseError(error)} See favcrm-chat --help.`);
  }
}

/**
 * Node's parseArgs messages are written for script authors ("place it at the end of the command after '--', as
 * in '-- "--bogus"'"); a person needs the option and what is wrong with it.
 */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  // The quoted part is the option: '--bogus', '--url <value>' or '-m, --model <value>' (its long name is last).
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.match(/--?[\w-]+/g)?.at(-1) ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(message)) return `${option} needs a value.`;
    if (/does not take an argument/.test(message)) return `${option} does not take a value.`;
    if (/ambiguous/.test(message)) return `${option} needs a value; for a value starting with "-", write ${option}=VALUE.`;
  }
  return `${message.split('\n')[0] ?? message}.`.replace(/\.\.$/, '.');
}

export const USAGE = `favcrm-chat: sign a business up for FavCRM from a chat, then work in it.

Usage:
  favcrm-chat                       open the chat (headless when stdin is not a terminal)
  favcrm-chat --headless [--json]   read turns from stdin line by line, write the conversation to stdout
  favcrm-chat doctor                check the endpoint, key, plan and WhatsApp; JSON like \`favcrm doctor\`
  favcrm-chat auth status|logout [--json]
                                    where the key is stored (masked), or forget it
  favcrm-chat connect [CLIENT] [--scope user|project] [--dry-run] [--remove] [--json]
                                    add FavCRM to Claude Code, Cursor, VS Code, Codex, Gemini CLI or Claude Desktop
  favcrm-chat sandbox [--port N] [--data DIR] [--signup-rate 3/h,20/d|off] [--invite-code-rate 5/h,20/d|off] [--quiet]
                                    run the local FavCRM sandbox server (sandbox --help for more)
  favcrm-chat sandbox outbox [--data DIR] [--json] [--limit N]
                                    read the sandbox's "emails" (signup codes)

Options:
  --url URL           FavCRM MCP endpoint (or FAVCRM_MCP_URL, FAVCRM_API_BASE); default: the embedded sandbox
  --api-key-file PATH FavCRM key from a file (safe: not visible in \`ps\`); --api-key - reads it from stdin's first line
  --api-key KEY       FavCRM key (or FAVCRM_API_KEY, FAVCRM_MCP_TOKEN; on the command line others can see it); default: the saved key
  --model M           offline | openai:<model-id> (OPENAI_API_KEY; OPENAI_BASE_URL for Ollama, llama.cpp, vLLM)
  --key-store S       auto | keyring | file (where a new key is saved; default auto)
  --data DIR          data dir of the embedded sandbox
  --yes, -y           run destructive / external tools without asking (scripts)
  --new               start a new conversation (forget the saved one and any pending signup)
  --json              one JSON event per line (headless), or JSON output (auth status); doctor always prints JSON
`;
