import type { AppPaths } from '../config/paths.js';
import type { Readable } from 'node:stream';
import { resolveSettings, type SavedKeyListing, type Settings } from '../config/resolve-settings.js';
import { SAVED_SANDBOX_URL } from '../mcp/endpoint.js';
import { AppKeyFile } from './app-key-file.js';
import {
  chooseSecretStore,
  displayPath,
  type ChooseSecretStoreOptions,
  type KeyStorePreference,
  type SecretStoreChoice,
} from './choose-secret-store.js';
import { maskKey } from './mask-key.js';
import { terminalSafeJson, terminalSafeText } from '../text/terminal-safe-text.js';
import { errorMessage } from '../errors/error-message.js';
import { redactSecrets } from './redact-secrets.js';

type Env = Record<string, string | undefined>;

interface Output {
  write(text: string): unknown;
}

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
  /** Read by `--api-key -`. */
  stdin?: Readable & { isTTY?: boolean };
}

/** `auth status` or `auth logout` with its flags, as the command layer (src/commands/auth-command.ts) parsed them. */
export interface AuthRequest {
  command: 'status' | 'logout';
  json: boolean;
  keyStore?: KeyStorePreference;
  apiKey?: string;
  apiKeyFile?: string;
  url?: string;
}

/** `favcrm-chat auth status|logout`: where the key is and which one is used, never the key itself. Returns the exit code. */
export async function runAuthCommand(parsed: AuthRequest, deps: AuthCommandDeps): Promise<number> {
  // Everything printed passes the redactor as well, in case a key ever reaches a message, and the terminal-safe
  // filter first: URLs, paths and messages come from `.env`, the config file and servers (a key split by an escape
  // sequence is whole again, and masked). JSON is written with `terminalSafeJson`, which this leaves as it is.
  const out = (text: string): void => void deps.stdout.write(redactSecrets(terminalSafeText(text)));
  const err = (text: string): void => void deps.stderr.write(redactSecrets(terminalSafeText(text)));
  const choose = deps.chooseStore ?? chooseSecretStore;
  const keyStore = parsed.keyStore ?? deps.keyStore ?? 'auto';
  if (parsed.command === 'logout') {
    let choice: SecretStoreChoice;
    try {
      choice = await choose({ env: deps.env, paths: deps.paths, keyStore });
    } catch (error) {
      err(`${errorMessage(error)}\n`);
      return 1;
    }
    return logout(choice, new AppKeyFile(deps.paths.appKeyFile), deps.env, out, err);
  }
  // The same resolver the chat and doctor use, with the same flags, so status answers for that exact invocation.
  let settings: Settings;
  try {
    settings = await resolveSettings({
      options: {
        keyStore,
        ...(parsed.url ?? deps.urlFlag ? { url: parsed.url ?? deps.urlFlag } : {}),
        ...(parsed.apiKey ?? deps.apiKeyFlag ? { apiKey: parsed.apiKey ?? deps.apiKeyFlag } : {}),
        ...(parsed.apiKeyFile !== undefined ? { apiKeyFile: parsed.apiKeyFile } : {}),
      },
      env: deps.env,
      paths: deps.paths,
      chooseStore: choose,
      stdin: deps.stdin ?? process.stdin,
    });
  } catch (error) {
    err(`${errorMessage(error)}\n`);
    return 1;
  }
  return showStatus(settings, deps.env, parsed.json, out, err);
}

function showStatus(settings: Settings, env: Env, json: boolean, out: (text: string) => void, err: (text: string) => void): number {
  const choice = settings.stores;
  const resolved = settings.key;
  const configProblem = settings.configFileProblem;
  const keySaved = settings.savedKeys.some((key) => key.kind !== 'app-file');
  const endpoint = effectiveUrl(settings, keySaved);
  // Notices already shown in the report itself are not repeated on stderr.
  const warnings = settings.notices.filter(
    (notice) => !(configProblem && notice.includes('could not be read') && notice.includes('any key or URL in it is ignored')) && notice !== settings.keyHeldBack?.reason && notice !== choice.warning,
  );

  if (json) {
    out(
      `${terminalSafeJson(
        {
          // A key was found here; whether FavCRM accepts it is doctor's `authenticated` (this reads local settings only).
          keyPresent: resolved !== null,
          acceptedByServer: 'not checked: run `favcrm-chat doctor`',
          maskedKey: resolved ? maskKey(resolved.apiKey) : null,
          source: resolved?.source ?? null,
          storage: resolved?.storage ?? null,
          keyFor: resolved ? (resolved.savedFor ?? null) : null,
          keyHeldBack: settings.keyHeldBack,
          url: endpoint.url,
          urlSource: endpoint.source,
          embeddedSandbox: endpoint.embeddedSandbox ?? false,
          configFileProblem: configProblem,
          savedKeys: settings.savedKeys,
          retiredKeys: settings.retiredKeys,
          saveTo: choice.store.info,
          keyringProblem: choice.keyringProblem ?? null,
          warnings,
        },
        2,
      )}\n`,
    );
    return resolved ? 0 : 1;
  }
  const usedLocation = resolved && resolved.storage.kind !== 'environment' ? displayLocation(resolved.storage.location, env) : null;
  if (resolved) {
    const sourceLabel = resolved.source === 'flag' ? resolved.storage.location.replace(/ flag$/, '') : resolved.source;
    out(`Signed in with ${maskKey(resolved.apiKey)}\n`);
    out(`  Key from:  ${sourceLabel}${usedLocation ? ` (${usedLocation})` : ''}\n`);
    if (resolved.savedFor) out(`  Key for:   ${resolved.savedFor}\n`);
    out(`  Endpoint:  ${describeEndpoint(endpoint)}\n`);
    // This command reads local settings only; a revoked key still shows here.
    out('  Accepted?  not checked here: `favcrm-chat doctor` asks FavCRM (its `authenticated`)\n');
    if (configProblem) out(`  Warning:   ${configProblem}. Fix the file or delete it.\n`);
    for (const key of settings.savedKeys) {
      // The key in use is listed above; a saved copy of a key given in the environment is not "also" saved.
      if (usedLocation && key.maskedKey === maskKey(resolved.apiKey)) continue;
      const precedence = resolved.storage.kind === 'environment' ? ` (${sourceLabel} takes precedence)` : '';
      out(`  Also saved: ${describeSavedKey(key)}${precedence}\n`);
    }
  } else {
    if (configProblem) out(`Not signed in: ${configProblem}.\n  Fix the file or delete it; \`favcrm-chat auth logout\` will not edit a file it cannot read.\n`);
    else if (settings.keyHeldBack) out(`Not signed in here: ${settings.keyHeldBack.reason}\n`);
    else out('Not signed in.\n');
    out(`  Looked in: --api-key, FAVCRM_API_KEY, FAVCRM_MCP_TOKEN, ${[...choice.readStores.map((store) => displayLocation(store.info.location, env)), displayPath(settings.appFile.path, env)].join(', ')}\n`);
    out(`  Endpoint:  ${describeEndpoint(endpoint)}\n`);
    for (const key of settings.savedKeys) out(`  Saved:     ${describeSavedKey(key)}\n`);
  }
  if (settings.retiredKeys > 0) out(`  Retired:   ${settings.retiredKeys} earlier key(s) kept in ${displayPath(settings.appFile.path, env)}\n`);
  const problem = choice.keyringProblem ? ` (OS keyring not used: ${choice.keyringProblem})` : '';
  out(`  Saves to:  ${displayLocation(choice.store.info.location, env)}${problem}; keys for other endpoints to ${displayPath(settings.appFile.path, env)}\n`);
  if (!resolved) out('  Sign up in the chat (run `favcrm-chat`), set FAVCRM_API_KEY, or run `favcrm login <KEY>`.\n');
  for (const warning of warnings) err(`warning: ${warning}\n`);
  return resolved ? 0 : 1;
}

/** "fav_mcp_...9876 for https://api.favcrm.io/mcp in ~/.config/favcrm/config.toml". */
function describeSavedKey(key: SavedKeyListing): string {
  const sandbox = key.dataDir ? ` (sandbox data in ${key.dataDir})` : '';
  return `${key.maskedKey} in ${key.location}${key.url ? ` for ${key.url}` : ''}${sandbox}`;
}

/** The endpoint as `auth status` shows it; nothing is started or probed. */
function effectiveUrl(settings: Settings, keySaved: boolean): EffectiveUrl {
  const chosen = settings.endpoint;
  if (chosen.kind === 'remote') return { url: chosen.url, source: chosen.source };
  const port = Number.isInteger(chosen.preferredPort) && chosen.preferredPort > 0 ? chosen.preferredPort : null;
  // After a logout config.toml keeps its url (like `favcrm logout`), so it may be saved with no key beside it.
  const savedWith = keySaved ? 'the URL saved with the key' : 'the URL saved (no key beside it)';
  const source = chosen.source === SAVED_SANDBOX_URL ? `${savedWith}${chosen.savedUrlIn ? ` in ${chosen.savedUrlIn}` : ''}` : 'no URL configured';
  return { url: port === null ? null : `http://127.0.0.1:${port}/mcp`, source, embeddedSandbox: true };
}

/**
 * Removes every saved key this app reads for signing in: the home stores' and those in favcrm-chat's own file (keys
 * by endpoint). Retired keys in that file stay: they are kept on purpose, and removed by hand.
 */
async function logout(choice: SecretStoreChoice, appFile: AppKeyFile, env: Env, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let removed = 0;
  let failed = false;
  for (const store of choice.readStores) {
    const location = displayLocation(store.info.location, env);
    const credential = await store.load().catch(() => null);
    try {
      await store.clear();
    } catch (error) {
      failed = true;
      err(`Could not remove the key from ${location}: ${errorMessage(error)}\n`);
      continue;
    }
    if (credential) {
      removed += 1;
      out(`Removed ${maskKey(credential.apiKey)} from ${location}\n`);
    }
  }
  try {
    for (const entry of (await appFile.read()).keys) {
      await appFile.remove(entry.url);
      removed += 1;
      out(`Removed ${maskKey(entry.apiKey)} (for ${entry.url}) from ${displayPath(appFile.path, env)}\n`);
    }
  } catch (error) {
    failed = true;
    err(`Could not remove the keys from ${displayPath(appFile.path, env)}: ${errorMessage(error)}\n`);
  }
  if (removed === 0 && !failed) {
    out(`No saved key found in ${choice.readStores.map((store) => displayLocation(store.info.location, env)).join(' or ')}.\n`);
  }
  for (const name of ['FAVCRM_API_KEY', 'FAVCRM_MCP_TOKEN'] as const) {
    if (env[name]?.trim()) out(`${name} is still set in your environment and will still be used; unset it to sign out fully.\n`);
  }
  return failed ? 1 : 0;
}

/** "https://api.favcrm.io/mcp (FAVCRM_MCP_URL)", or the embedded sandbox the chat would start, and why. */
function describeEndpoint(endpoint: EffectiveUrl): string {
  if (!endpoint.embeddedSandbox) return `${endpoint.url ?? 'unknown'} (${endpoint.source})`;
  if (endpoint.url === null) return `the embedded FavCRM sandbox (on a free port, started by the chat; ${endpoint.source})`;
  // Not probed here: the chat uses a sandbox already on that port when it proves to be this app's (its token in
  // the data dir), else starts its own, so "started by the chat" would be wrong half the time.
  return `the FavCRM sandbox at ${endpoint.url} (one of this app's already running there, else one the chat starts; ${endpoint.source})`;
}

/** File locations are shown as `~/…`; the keyring description is shown as is. */
function displayLocation(location: string, env: Env): string {
  return location.startsWith('OS keyring') ? location : displayPath(location, env);
}
