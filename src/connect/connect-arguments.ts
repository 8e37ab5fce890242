import { parseArgs } from 'node:util';
import { checkEndpointUrl } from '../mcp/endpoint.js';
import { parseKeyStorePreference, type KeyStorePreference } from '../secrets/key-store-preference.js';
import { SCOPES, type ConnectScope } from './connect-types.js';
import type { ConnectRequest } from './run-connect.js';

/** `connect`'s flags (the command table's shape): the chat's `--url`, `--api-key`, `--key-store`, so connect writes for the same endpoint. */
export const CONNECT_FLAGS = {
  scope: { type: 'string', value: 'S', description: 'user (default) or project: which of the client\'s config files' },
  'dry-run': { type: 'boolean', short: 'n', description: 'show the change, write nothing' },
  remove: { type: 'boolean', description: 'take the favcrm entry out again' },
  uninstall: { type: 'boolean', description: 'the same as --remove' },
  yes: { type: 'boolean', short: 'y', description: 'agree to a key written inline (Claude Desktop) without asking' },
  json: { type: 'boolean', description: 'the report as JSON' },
  url: { type: 'string', value: 'URL', description: 'the FavCRM endpoint to connect (default: the chat\'s)' },
  'api-key': { type: 'string', value: 'KEY', description: 'the key to connect with (default: the chat\'s); `-` reads it from stdin' },
  'api-key-file': { type: 'string', value: 'PATH', description: 'read the key to connect with from a file' },
  'key-store': { type: 'string', value: 'S', description: 'auto | keyring | file: where the chat\'s key is read from' },
} as const;

type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

export type ConnectArguments = { json: boolean; yes: boolean; request: ConnectRequest; url?: string; apiKey?: string; apiKeyFile?: string; keyStore?: KeyStorePreference };

export type ParsedConnectArgs = (ConnectArguments & { help: boolean }) | { error: string };

/** Checks parsed flags and the client word once, for `favcrm-chat connect` and the chat's `/connect` alike. */
export function connectArgumentsFrom(values: FlagValues, positionals: readonly string[]): ConnectArguments | { error: string } {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const request: ConnectRequest = {};
  for (const name of ['url', 'api-key', 'api-key-file', 'key-store', 'scope'] as const) if (text(name) === '') return { error: `--${name} needs a value` };
  const url = text('url');
  if (url !== undefined) {
    const problem = checkEndpointUrl(url);
    if (problem) return { error: problem };
  }
  const keyStoreText = text('key-store');
  const keyStore = keyStoreText === undefined ? undefined : parseKeyStorePreference(keyStoreText);
  if (keyStoreText !== undefined && !keyStore) return { error: `--key-store must be auto, file or keyring (got ${keyStoreText})` };
  const scope = text('scope');
  if (scope !== undefined) {
    if (!(SCOPES as readonly string[]).includes(scope)) return { error: `--scope must be user or project (got ${scope})` };
    request.scope = scope as ConnectScope;
  }
  if (values['dry-run'] === true) request.dryRun = true;
  if (values.remove === true || values.uninstall === true) request.remove = true;
  const [client, extra] = positionals;
  if (extra !== undefined) return { error: `Unexpected "${extra}": connect takes one client at a time.` };
  if (client !== undefined) request.client = client;
  if (request.remove && request.client === undefined) return { error: '--remove needs a client: favcrm-chat connect --remove <client>' };
  const apiKey = text('api-key');
  const apiKeyFile = text('api-key-file');
  return {
    json: values.json === true,
    yes: values.yes === true,
    request,
    ...(url !== undefined ? { url } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(apiKeyFile !== undefined ? { apiKeyFile } : {}),
    ...(keyStore ? { keyStore } : {}),
  };
}

/** The chat's `/connect …` words, parsed with the same flags and rules as the command. */
export function parseConnectArgs(args: readonly string[]): ParsedConnectArgs {
  const options = Object.fromEntries(Object.entries(CONNECT_FLAGS).map(([name, spec]) => [name, 'short' in spec ? { type: spec.type, short: spec.short } : { type: spec.type }]));
  const words = [...args];
  const help = words.some((word) => word === 'help' || word === '-h' || word === '--help');
  let parsed: { values: FlagValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: words.filter((word) => word !== 'help' && word !== '-h' && word !== '--help'), options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    const option = /'([^']+)'/.exec(error instanceof Error ? error.message : '')?.[1]?.match(/--?[\w-]+/g)?.at(-1);
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { error: `Unknown flag: ${option ?? 'unknown'}` };
    return { error: option ? `${option} needs a value` : 'Cannot read the flags.' };
  }
  const checked = connectArgumentsFrom(parsed.values, parsed.positionals);
  return 'error' in checked ? checked : { ...checked, help };
}
