import type { AppPaths } from '../config/paths.js';
import {
  chooseSecretStore,
  displayPath,
  parseKeyStorePreference,
  type ChooseSecretStoreOptions,
  type KeyStorePreference,
  type SecretStoreChoice,
} from './choose-secret-store.js';
import { maskKey } from './mask-key.js';
import { redactSecrets } from './redact-secrets.js';
import { resolveApiKey, resolveStoredUrl, type ResolvedStoredUrl } from './resolve-api-key.js';

type Env = Record<string, string | undefined>;

interface Output {
  write(text: string): unknown;
}

/** The official CLI's default endpoint (contract §1.1). */
const DEFAULT_URL = 'https://api.favcrm.io/mcp';

const USAGE = `Usage: favcrm-chat auth status [--json] [--key-store auto|file|keyring]
       favcrm-chat auth logout [--key-store auto|file|keyring]
`;

export interface EffectiveUrl {
  url: string;
  source: string;
}

export interface AuthCommandDeps {
  env: Env;
  paths: AppPaths;
  stdout: Output;
  stderr: Output;
  chooseStore?: (options: ChooseSecretStoreOptions) => Promise<SecretStoreChoice>;
  apiKeyFlag?: string;
  keyStore?: KeyStorePreference;
  /** The lead's endpoint resolution; the default follows contract §1.5 without a `--url` flag. */
  resolveUrl?: (stored: ResolvedStoredUrl | null) => EffectiveUrl;
}

/** `favcrm-chat auth status|logout`: where the key is and which one is used, never the key itself. Returns the exit code. */
export async function runAuthCommand(args: string[], deps: AuthCommandDeps): Promise<number> {
  const parsed = parseArgs(args);
  // Everything printed passes the redactor as well, in case a key ever reaches a message.
  const out = (text: string): void => void deps.stdout.write(redactSecrets(text));
  const err = (text: string): void => void deps.stderr.write(redactSecrets(text));
  if ('error' in parsed) {
    err(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  if (parsed.command === 'help') {
    out(USAGE);
    return 0;
  }
  const choose = deps.chooseStore ?? chooseSecretStore;
  let choice: SecretStoreChoice;
  try {
    choice = await choose({ env: deps.env, paths: deps.paths, keyStore: parsed.keyStore ?? deps.keyStore ?? 'auto' });
  } catch (error) {
    err(`${describeError(error)}\n`);
    return 1;
  }
  return parsed.command === 'status'
    ? showStatus(choice, deps, parsed.json, out, err)
    : logout(choice, deps.env, out, err);
}

interface SavedKey {
  location: string;
  kind: string;
  maskedKey: string;
}

async function showStatus(
  choice: SecretStoreChoice,
  deps: AuthCommandDeps,
  json: boolean,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  // The chooser's "keys are saved to" warning is for save time; status shows the same fact as a "Saves to" line.
  const warnings: string[] = [];
  const fileState = await choice.configFile.inspect();
  if (fileState.status === 'malformed' || fileState.status === 'unreadable') {
    warnings.push(`${displayPath(fileState.path, deps.env)} is ${fileState.status} (${fileState.problem}); it is ignored`);
  }
  const resolved = await resolveApiKey({
    env: deps.env,
    stores: choice.readStores,
    onWarning: (message) => warnings.push(message),
    ...(deps.apiKeyFlag !== undefined ? { apiKeyFlag: deps.apiKeyFlag } : {}),
  });
  const saved = await savedKeys(choice, deps.env);
  const stored = await resolveStoredUrl(choice.readStores);
  const endpoint = (deps.resolveUrl ?? defaultResolveUrl(deps.env))(stored);

  if (json) {
    out(
      `${JSON.stringify(
        {
          authenticated: resolved !== null,
          maskedKey: resolved ? maskKey(resolved.apiKey) : null,
          source: resolved?.source ?? null,
          storage: resolved?.storage ?? null,
          url: endpoint.url,
          urlSource: endpoint.source,
          savedKeys: saved,
          saveTo: choice.store.info,
          keyringProblem: choice.keyringProblem ?? null,
          warnings,
        },
        null,
        2,
      )}\n`,
    );
  } else if (resolved) {
    out(`Signed in with ${maskKey(resolved.apiKey)}\n`);
    out(`  Key from:  ${resolved.source}${resolved.storage.kind === 'environment' ? '' : ` (${displayLocation(resolved.storage.location, deps.env)})`}\n`);
    out(`  Endpoint:  ${endpoint.url} (${endpoint.source})\n`);
    for (const key of saved) {
      if (resolved.storage.kind !== 'environment' && key.location === displayLocation(resolved.storage.location, deps.env)) continue;
      out(`  Also saved: ${key.maskedKey} in ${key.location} (${resolved.source} takes precedence)\n`);
    }
  } else {
    out('Not signed in.\n');
    out(`  Looked in: --api-key, FAVCRM_API_KEY, FAVCRM_MCP_TOKEN, ${choice.readStores.map((store) => displayLocation(store.info.location, deps.env)).join(', ')}\n`);
    out(`  Endpoint:  ${endpoint.url} (${endpoint.source})\n`);
  }
  if (!json) {
    const problem = choice.keyringProblem ? ` (OS keyring not used: ${choice.keyringProblem})` : '';
    out(`  Saves to:  ${displayLocation(choice.store.info.location, deps.env)}${problem}\n`);
    if (!resolved) out('  Sign up in the chat (run `favcrm-chat`), set FAVCRM_API_KEY, or run `favcrm login <KEY>`.\n');
  }
  if (!json) for (const warning of warnings) err(`warning: ${warning}\n`);
  return resolved ? 0 : 1;
}

async function logout(choice: SecretStoreChoice, env: Env, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let removed = 0;
  let failed = false;
  for (const store of choice.readStores) {
    const location = displayLocation(store.info.location, env);
    const credential = await store.load().catch(() => null);
    try {
      await store.clear();
    } catch (error) {
      failed = true;
      err(`Could not remove the key from ${location}: ${describeError(error)}\n`);
      continue;
    }
    if (credential) {
      removed += 1;
      out(`Removed ${maskKey(credential.apiKey)} from ${location}\n`);
    }
  }
  if (removed === 0 && !failed) {
    out(`No saved key found in ${choice.readStores.map((store) => displayLocation(store.info.location, env)).join(' or ')}.\n`);
  }
  for (const name of ['FAVCRM_API_KEY', 'FAVCRM_MCP_TOKEN'] as const) {
    if (env[name]?.trim()) out(`${name} is still set in your environment and will still be used; unset it to sign out fully.\n`);
  }
  return failed ? 1 : 0;
}

async function savedKeys(choice: SecretStoreChoice, env: Env): Promise<SavedKey[]> {
  const keys: SavedKey[] = [];
  for (const store of choice.readStores) {
    const credential = await store.load().catch(() => null);
    if (credential) keys.push({ location: displayLocation(store.info.location, env), kind: store.info.kind, maskedKey: maskKey(credential.apiKey) });
  }
  return keys;
}

/** Contract §1.5 steps 2–5 (no `--url` here): FAVCRM_MCP_URL, FAVCRM_API_BASE + /mcp, the saved url, the default. */
function defaultResolveUrl(env: Env): (stored: ResolvedStoredUrl | null) => EffectiveUrl {
  return (stored) => {
    const mcpUrl = env.FAVCRM_MCP_URL?.trim();
    if (mcpUrl) return { url: mcpUrl, source: 'FAVCRM_MCP_URL' };
    const apiBase = env.FAVCRM_API_BASE?.trim();
    if (apiBase) return { url: `${apiBase.replace(/\/+$/, '')}/mcp`, source: 'FAVCRM_API_BASE' };
    if (stored) return { url: stored.url, source: stored.source };
    return { url: DEFAULT_URL, source: 'default' };
  };
}

type ParsedArgs =
  | { command: 'status' | 'logout' | 'help'; json: boolean; keyStore?: KeyStorePreference }
  | { error: string };

function parseArgs(args: string[]): ParsedArgs {
  let command: 'status' | 'logout' | 'help' | undefined;
  let json = false;
  let keyStore: KeyStorePreference | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '-h' || arg === '--help' || arg === 'help') command = 'help';
    else if (arg === '--key-store' || arg.startsWith('--key-store=')) {
      const value = arg === '--key-store' ? args[(index += 1)] : arg.slice('--key-store='.length);
      keyStore = parseKeyStorePreference(value);
      if (!keyStore) return { error: `--key-store must be auto, file or keyring (got ${value ?? 'nothing'})` };
    } else if ((arg === 'status' || arg === 'logout') && command === undefined) command = arg;
    else return { error: `Unknown argument: ${arg}` };
  }
  if (command === undefined) return { error: 'Missing subcommand.' };
  return { command, json, ...(keyStore ? { keyStore } : {}) };
}

/** File locations are shown as `~/…`; the keyring description is shown as is. */
function displayLocation(location: string, env: Env): string {
  return location.startsWith('OS keyring') ? location : displayPath(location, env);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
