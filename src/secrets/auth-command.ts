import type { AppPaths } from '../config/paths.js';
import { checkEndpointUrl, resolveEndpoint, SAVED_SANDBOX_URL } from '../mcp/endpoint.js';
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

const USAGE = `Usage: favcrm-chat auth status [--json] [--api-key KEY] [--url URL] [--key-store auto|file|keyring]
       favcrm-chat auth logout [--key-store auto|file|keyring]
`;

/** The endpoint the chat and doctor would use; `url` is null when the embedded sandbox would pick a free port. */
export interface EffectiveUrl {
  url: string | null;
  source: string;
  /** True when nothing names a server, so the chat starts (or reuses) the embedded sandbox. */
  embeddedSandbox?: boolean;
}

export interface AuthCommandDeps {
  env: Env;
  paths: AppPaths;
  stdout: Output;
  stderr: Output;
  chooseStore?: (options: ChooseSecretStoreOptions) => Promise<SecretStoreChoice>;
  apiKeyFlag?: string;
  keyStore?: KeyStorePreference;
  urlFlag?: string;
  /** The endpoint resolution; the default is the chat's own (`resolveEndpoint`), embedded sandbox included. */
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
  // `--api-key` / `--url` here are the same flags the chat takes, so status answers for that exact invocation.
  const effective: AuthCommandDeps = {
    ...deps,
    ...(parsed.apiKey !== undefined ? { apiKeyFlag: parsed.apiKey } : {}),
    ...(parsed.url !== undefined ? { urlFlag: parsed.url } : {}),
  };
  const choose = deps.chooseStore ?? chooseSecretStore;
  let choice: SecretStoreChoice;
  try {
    choice = await choose({ env: deps.env, paths: deps.paths, keyStore: parsed.keyStore ?? deps.keyStore ?? 'auto' });
  } catch (error) {
    err(`${describeError(error)}\n`);
    return 1;
  }
  return parsed.command === 'status'
    ? showStatus(choice, effective, parsed.json, out, err)
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
  // Only the parser's position and reason, never the file's text: a broken line may be the key itself.
  const configProblem =
    fileState.status === 'malformed' || fileState.status === 'unreadable'
      ? `${displayPath(fileState.path, deps.env)} could not be read (${fileState.status === 'malformed' ? 'not valid TOML: ' : ''}${fileState.problem}), so any key or URL in it is ignored`
      : null;
  if (configProblem) warnings.push(configProblem);
  const resolved = await resolveApiKey({
    env: deps.env,
    stores: choice.readStores,
    onWarning: (message) => warnings.push(message),
    ...(deps.apiKeyFlag !== undefined ? { apiKeyFlag: deps.apiKeyFlag } : {}),
  });
  const saved = await savedKeys(choice, deps.env);
  const stored = await resolveStoredUrl(choice.readStores);
  const endpoint = (deps.resolveUrl ?? chatEndpoint(deps.env, deps.urlFlag, saved.length > 0))(stored);

  if (json) {
    out(
      `${JSON.stringify(
        {
          // A key was found here; whether FavCRM accepts it is doctor's `authenticated` (this reads local settings only).
          keyPresent: resolved !== null,
          acceptedByServer: 'not checked: run `favcrm-chat doctor`',
          maskedKey: resolved ? maskKey(resolved.apiKey) : null,
          source: resolved?.source ?? null,
          storage: resolved?.storage ?? null,
          url: endpoint.url,
          urlSource: endpoint.source,
          embeddedSandbox: endpoint.embeddedSandbox ?? false,
          configFileProblem: configProblem,
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
    const sourceLabel = resolved.source === 'flag' ? '--api-key' : resolved.source;
    out(`Signed in with ${maskKey(resolved.apiKey)}\n`);
    out(`  Key from:  ${sourceLabel}${resolved.storage.kind === 'environment' ? '' : ` (${displayLocation(resolved.storage.location, deps.env)})`}\n`);
    out(`  Endpoint:  ${describeEndpoint(endpoint)}\n`);
    // This command reads local settings only; a revoked key still shows here.
    out('  Accepted?  not checked here: `favcrm-chat doctor` asks FavCRM (its `authenticated`)\n');
    if (configProblem) out(`  Warning:   ${configProblem}. Fix the file or delete it.\n`);
    for (const key of saved) {
      if (resolved.storage.kind !== 'environment' && key.location === displayLocation(resolved.storage.location, deps.env)) continue;
      out(`  Also saved: ${key.maskedKey} in ${key.location} (${sourceLabel} takes precedence)\n`);
    }
  } else {
    out(configProblem ? `Not signed in: ${configProblem}.\n  Fix the file or delete it; \`favcrm-chat auth logout\` will not edit a file it cannot read.\n` : 'Not signed in.\n');
    out(`  Looked in: --api-key, FAVCRM_API_KEY, FAVCRM_MCP_TOKEN, ${choice.readStores.map((store) => displayLocation(store.info.location, deps.env)).join(', ')}\n`);
    out(`  Endpoint:  ${describeEndpoint(endpoint)}\n`);
  }
  if (!json) {
    const problem = choice.keyringProblem ? ` (OS keyring not used: ${choice.keyringProblem})` : '';
    out(`  Saves to:  ${displayLocation(choice.store.info.location, deps.env)}${problem}\n`);
    if (!resolved) out('  Sign up in the chat (run `favcrm-chat`), set FAVCRM_API_KEY, or run `favcrm login <KEY>`.\n');
  }
  // The config file's problem is already in the report above; the rest (e.g. a locked keyring) go to stderr.
  if (!json) for (const warning of warnings) if (warning !== configProblem) err(`warning: ${warning}\n`);
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

/**
 * The endpoint the chat and doctor would use (`resolveEndpoint`): `--url`, FAVCRM_MCP_URL, FAVCRM_API_BASE, the
 * saved URL, else the embedded sandbox (not production, unlike the official CLI). Nothing is started or probed.
 */
function chatEndpoint(env: Env, urlFlag: string | undefined, keySaved: boolean): (stored: ResolvedStoredUrl | null) => EffectiveUrl {
  return (stored) => {
    const choice = resolveEndpoint({ ...(urlFlag !== undefined ? { urlFlag } : {}), env, storedUrl: stored?.url ?? null });
    if (choice.kind === 'remote') return { url: choice.url, source: choice.source === 'saved config' && stored ? stored.source : choice.source };
    const port = Number.isInteger(choice.preferredPort) && choice.preferredPort > 0 ? choice.preferredPort : null;
    // After a logout config.toml keeps its url (like `favcrm logout`), so it may be saved with no key beside it.
    const savedWith = keySaved ? 'the URL saved with the key' : 'the URL saved (no key beside it)';
    const source = choice.source === SAVED_SANDBOX_URL ? `${savedWith}${stored ? ` in ${stored.source}` : ''}` : 'no URL configured';
    return { url: port === null ? null : `http://127.0.0.1:${port}/mcp`, source, embeddedSandbox: true };
  };
}

/** "https://api.favcrm.io/mcp (FAVCRM_MCP_URL)", or the embedded sandbox the chat would start, and why. */
function describeEndpoint(endpoint: EffectiveUrl): string {
  if (!endpoint.embeddedSandbox) return `${endpoint.url ?? 'unknown'} (${endpoint.source})`;
  if (endpoint.url === null) return `the embedded FavCRM sandbox (on a free port, started by the chat; ${endpoint.source})`;
  // Not probed here: the chat uses a sandbox already on that port when it proves to be this app's (its token in
  // the data dir), else starts its own, so "started by the chat" would be wrong half the time.
  return `the FavCRM sandbox at ${endpoint.url} (one of this app's already running there, else one the chat starts; ${endpoint.source})`;
}

type ParsedArgs =
  | { command: 'status' | 'logout' | 'help'; json: boolean; keyStore?: KeyStorePreference; apiKey?: string; url?: string }
  | { error: string };

function parseArgs(args: string[]): ParsedArgs {
  let command: 'status' | 'logout' | 'help' | undefined;
  let json = false;
  let keyStore: KeyStorePreference | undefined;
  let apiKey: string | undefined;
  let url: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const flag = /^(--api-key|--url)(?:=([\s\S]*))?$/.exec(arg);
    if (arg === '--json') json = true;
    else if (flag) {
      const value = flag[2] ?? args[(index += 1)];
      if (value === undefined || value === '') return { error: `${flag[1]} needs a value` };
      if (flag[1] === '--url') {
        const problem = checkEndpointUrl(value);
        if (problem) return { error: problem };
        url = value;
      } else apiKey = value;
    }
    else if (arg === '-h' || arg === '--help' || arg === 'help') command = 'help';
    else if (arg === '--key-store' || arg.startsWith('--key-store=')) {
      const value = arg === '--key-store' ? args[(index += 1)] : arg.slice('--key-store='.length);
      keyStore = parseKeyStorePreference(value);
      if (!keyStore) return { error: `--key-store must be auto, file or keyring (got ${value ?? 'nothing'})` };
    } else if ((arg === 'status' || arg === 'logout') && command === undefined) command = arg;
    else return { error: `Unknown argument: ${arg}` };
  }
  if (command === undefined) return { error: 'Missing subcommand.' };
  if (command === 'logout' && (apiKey !== undefined || url !== undefined)) {
    return { error: '--api-key and --url only apply to `auth status`; logout removes the saved key wherever it is.' };
  }
  return { command, json, ...(keyStore ? { keyStore } : {}), ...(apiKey !== undefined ? { apiKey } : {}), ...(url !== undefined ? { url } : {}) };
}

/** File locations are shown as `~/…`; the keyring description is shown as is. */
function displayLocation(location: string, env: Env): string {
  return location.startsWith('OS keyring') ? location : displayPath(location, env);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
