import { UsageError } from '../errors/fatal-error.js';
import { checkEndpointUrl } from '../mcp/endpoint.js';
import { parseKeyStorePreference, type KeyStorePreference } from '../secrets/key-store-preference.js';
import type { AuthCommandDeps } from '../secrets/auth-command.js';
import type { CommandContext, CommandDefinition, ParsedCommandLine } from './command.js';
import { CONNECTION_FLAGS, booleanFlag, textFlag, type Flags } from './flags.js';

const KEY_STORE_FLAG = { 'key-store': CONNECTION_FLAGS['key-store'] } as const satisfies Flags;

const STATUS_FLAGS = {
  // The same flags the chat takes, so status answers for that exact invocation.
  url: CONNECTION_FLAGS.url,
  'api-key': CONNECTION_FLAGS['api-key'],
  'api-key-file': CONNECTION_FLAGS['api-key-file'],
  json: { type: 'boolean', description: 'the same facts as JSON (still masked)' },
} as const satisfies Flags;

/** What tests may replace in the auth command (the store chooser, the endpoint rule); the rest comes from the context. */
export type AuthCommandOverrides = Partial<Omit<AuthCommandDeps, 'env' | 'paths' | 'stdout' | 'stderr'>>;

/** `favcrm-chat auth status|logout`; the work is src/secrets/auth-command.ts, which owns key custody. */
export function authCommandWith(overrides: AuthCommandOverrides = {}): CommandDefinition {
  const run = (command: 'status' | 'logout') => async (line: ParsedCommandLine, context: CommandContext): Promise<number> => {
    const keyStore = keyStoreFlag(textFlag(line.values, 'key-store'));
    const apiKey = textFlag(line.values, 'api-key');
    const apiKeyFile = textFlag(line.values, 'api-key-file');
    const url = textFlag(line.values, 'url');
    if (apiKey === '') throw new UsageError('--api-key needs a value.');
    if (apiKeyFile === '') throw new UsageError('--api-key-file needs a value.');
    if (url !== undefined) {
      const problem = url === '' ? '--url needs a value.' : checkEndpointUrl(url);
      if (problem) throw new UsageError(problem);
    }
    const { runAuthCommand } = await import('../secrets/auth-command.js');
    return runAuthCommand(
      {
        command,
        json: booleanFlag(line.values, 'json'),
        ...(keyStore ? { keyStore } : {}),
        ...(apiKey !== undefined ? { apiKey } : {}),
        ...(apiKeyFile !== undefined ? { apiKeyFile } : {}),
        ...(url !== undefined ? { url } : {}),
      },
      { env: context.env, paths: context.paths, stdout: context.io.stdout, stderr: context.io.stderr, stdin: context.io.stdin as NonNullable<AuthCommandDeps['stdin']>, ...overrides },
    );
  };
  return {
    name: 'auth',
    usage: `  favcrm-chat auth status [--json] [--api-key-file PATH | --api-key -] [--url URL] [--key-store auto|file|keyring]
                                    where the key is stored (masked) and which endpoint it is for
  favcrm-chat auth logout [--key-store auto|file|keyring]
                                    forget the saved key
`,
    flags: KEY_STORE_FLAG,
    subcommands: [
      { name: 'status', usage: '', flags: STATUS_FLAGS, run: run('status') },
      { name: 'logout', usage: '', run: run('logout') },
    ],
  };
}

export const authCommand = authCommandWith();

function keyStoreFlag(value: string | undefined): KeyStorePreference | undefined {
  if (value === undefined) return undefined;
  const keyStore = parseKeyStorePreference(value);
  if (!keyStore) throw new UsageError(`--key-store must be auto, file or keyring (got ${value || 'nothing'}).`);
  return keyStore;
}
