import { parseArgs } from 'node:util';

/** Flags shared by the chat, headless mode and doctor; validated once here, trusted afterwards. */
export interface AppOptions {
  url?: string;
  apiKey?: string;
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
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Run favcrm-chat --help for the options.`);
  }
}

export const USAGE = `favcrm-chat: sign a business up for FavCRM from a chat, then work in it.

Usage:
  favcrm-chat                       open the chat (headless when stdin is not a terminal)
  favcrm-chat --headless [--json]   read turns from stdin line by line, write the conversation to stdout
  favcrm-chat doctor [--json]       check the endpoint, key, plan and WhatsApp (like \`favcrm doctor\`)
  favcrm-chat auth status|logout    where the key is stored (masked), or forget it
  favcrm-chat sandbox [--port N] [--data DIR] [--signup-rate 3/h,20/d|off]
                                    run the local FavCRM sandbox server
  favcrm-chat sandbox outbox [--data DIR] [--json]
                                    read the sandbox's "emails" (signup codes)

Options:
  --url URL           FavCRM MCP endpoint (or FAVCRM_MCP_URL, FAVCRM_API_BASE); default: the embedded sandbox
  --api-key KEY       FavCRM key (or FAVCRM_API_KEY, FAVCRM_MCP_TOKEN); default: the saved key
  --model M           offline | openai:<model-id> (OPENAI_API_KEY; OPENAI_BASE_URL for Ollama, llama.cpp, vLLM)
  --key-store S       auto | keyring | file (where a new key is saved; default auto)
  --data DIR          data dir of the embedded sandbox
  --yes, -y           run destructive / external tools without asking (scripts)
  --new               start a new conversation (forget the saved one and any pending signup)
  --json              one JSON event per line (headless), or JSON output (doctor, auth status)
`;
