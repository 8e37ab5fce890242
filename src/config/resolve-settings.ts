import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { resolveEndpoint, SAVED_SANDBOX_URL } from '../mcp/endpoint.js';
import { AppKeyFile } from '../secrets/app-key-file.js';
import { chooseSecretStore, displayPath, type ChooseSecretStoreOptions, type SecretStoreChoice } from '../secrets/choose-secret-store.js';
import { isLoopbackUrl, parseUrl, portOf, sameEndpoint } from '../secrets/endpoint-url.js';
import type { KeyringProbeResult } from '../secrets/keyring-store.js';
import type { KeyStorePreference } from '../secrets/key-store-preference.js';
import { maskKey } from '../secrets/mask-key.js';
import { resolveApiKey, resolveStoredUrl, type ResolvedApiKey } from '../secrets/resolve-api-key.js';
import { keyForEndpoint } from '../secrets/saved-key-endpoint.js';
import { checkGivenKey, readApiKeyFile, readApiKeyLine } from './api-key-input.js';
import { environmentOrigins } from './load-environment.js';
import type { AppPaths } from './paths.js';

type Env = Record<string, string | undefined>;

/** The flags every command shares that decide where to talk and with which key. */
export interface SettingsOptions {
  url?: string;
  /** `--api-key KEY`, or `-` for the first line of stdin. */
  apiKey?: string;
  apiKeyFile?: string;
  keyStore?: KeyStorePreference;
  /** `--data DIR`: the embedded sandbox's data directory. */
  data?: string;
}

export interface ResolveSettingsInput {
  options: SettingsOptions;
  env: Env;
  paths: AppPaths;
  /** The keyring probe begun early (a child process), or a test's answer. */
  probe?: () => Promise<KeyringProbeResult | boolean>;
  /** Test seam for the store choice. */
  chooseStore?: (options: ChooseSecretStoreOptions) => Promise<SecretStoreChoice>;
  /** Read by `--api-key -`. */
  stdin?: Readable & { isTTY?: boolean };
}

/** Where FavCRM is: a URL, or the embedded sandbox the chat starts (its port and data are known, its URL is not yet). */
export type SettingsEndpoint =
  | { kind: 'remote'; url: string; source: string; fromDotenv: boolean }
  | { kind: 'embedded'; preferredPort: number; source: string; dataDir: string; savedUrlIn?: 'keyring' | 'config file' };

export interface SavedKeyListing {
  maskedKey: string;
  /** The endpoint it belongs to; absent for a key written by hand without one. */
  url?: string;
  location: string;
  kind: string;
  /** A sandbox's key: where that sandbox keeps its data. */
  dataDir?: string;
}

export interface Settings {
  endpoint: SettingsEndpoint;
  /** The key that is sent to the endpoint, or null. */
  key: ResolvedApiKey | null;
  /** A key that was found but is not sent to this endpoint, and why. */
  keyHeldBack: { maskedKey: string; reason: string } | null;
  /** For a saved sandbox key: the data directory of the sandbox that issued it. */
  keyDataDir?: string;
  stores: SecretStoreChoice;
  appFile: AppKeyFile;
  /** Every saved key with the endpoint it belongs to, and retired keys kept. */
  savedKeys: SavedKeyListing[];
  retiredKeys: number;
  /** The environment the model provider is built from: OPENAI_API_KEY is left out where it must not go. */
  modelEnv: Env;
  /** config.toml could not be read or parsed: any key or URL in it is ignored. */
  configFileProblem: string | null;
  /** One line each, shown at start (the chat), on stderr (doctor, auth status). */
  notices: string[];
}

/** The `.env` file as people see it: `./.env` when it is the working directory's. */
function describeDotenv(file: string | null): string {
  if (file === null) return '.env';
  const cwd = process.cwd();
  return file.startsWith(cwd) ? `.${file.slice(cwd.length)}` : file;
}

/**
 * The one place that decides where the app talks and with which key (#18.2): the chat, headless mode, doctor and
 * `auth status` all call it, so they cannot disagree. It applies, in order: the key sources (contract §1.4, plus
 * `--api-key-file` and `--api-key -`), the endpoint (§1.5: `--url`, FAVCRM_MCP_URL, FAVCRM_API_BASE, the saved URL,
 * else the embedded sandbox), keys per endpoint (a saved key goes only to the endpoint it was saved for; another
 * endpoint's key comes from favcrm-chat's own file), the `.env` rule (a key from the shell or a store goes only to an
 * endpoint named outside `.env`; OPENAI_API_KEY from the shell only to a model server named outside `.env`), and
 * the key store for new keys. It starts nothing and sends nothing.
 */
export async function resolveSettings(input: ResolveSettingsInput): Promise<Settings> {
  const { options, env, paths } = input;
  const notices: string[] = [];
  const origins = environmentOrigins(env);
  const dotenv = describeDotenv(origins.file);
  if (origins.ignored.length > 0) {
    notices.push(`${dotenv} sets ${origins.ignored.join(', ')}, which favcrm-chat does not take from a .env file (only FAVCRM_* and OPENAI_* settings): ignored.`);
  }

  const flagKey = await explicitKey(options, input.stdin, (text) => notices.push(text));
  const choice = await (input.chooseStore ?? chooseSecretStore)({
    env,
    paths,
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    ...(input.probe ? { probe: input.probe } : {}),
    onWarning: (text) => notices.push(text),
  });
  if (choice.warning) notices.push(choice.warning);
  const appFile = new AppKeyFile(paths.appKeyFile);
  const explicit = await resolveApiKey({ ...(flagKey ? { apiKeyFlag: flagKey.key } : {}), env, stores: [] });
  if (explicit && flagKey) explicit.storage = { kind: 'environment', location: flagKey.location };
  const saved = await resolveApiKey({ env: {}, stores: choice.readStores, onWarning: (text) => notices.push(text) });
  const configState = await choice.configFile.inspect();
  const configFileProblem =
    configState.status === 'malformed' || configState.status === 'unreadable'
      ? `${displayPath(configState.path, env)} could not be read (${configState.status === 'malformed' ? 'not valid TOML: ' : ''}${configState.problem}), so any key or URL in it is ignored`
      : null;
  if (configState.status === 'malformed' || configState.status === 'unreadable') {
    notices.push(`${displayPath(configState.path, env)} could not be read (${configState.problem}), so any key or URL in it is ignored. Fix the file or move it away; a key saved here backs it up to config.toml.bak first.`);
  }

  const storedUrl = await resolveStoredUrl(choice.readStores);
  const chosen = resolveEndpoint({ ...(options.url ? { urlFlag: options.url } : {}), env, storedUrl: storedUrl?.url ?? null });
  const endpointFromDotenv = (chosen.source === 'FAVCRM_MCP_URL' || chosen.source === 'FAVCRM_API_BASE') && origins.fromDotenv.has(chosen.source);
  if (endpointFromDotenv && chosen.kind === 'remote') notices.push(`The FavCRM endpoint ${chosen.url} comes from ${dotenv} (${chosen.source}), not from you: check it is the one you mean.`);

  // The URL the key is checked against: the embedded sandbox's is known only once it runs, so its preferred port.
  const embedded = chosen.kind === 'embedded';
  const endpointUrl = chosen.kind === 'remote' ? chosen.url : `http://127.0.0.1:${chosen.preferredPort}/mcp`;
  const { key, keyHeldBack } = await decideKey({
    explicit,
    saved,
    appFile,
    endpointUrl,
    embedded,
    fromDotenv: origins.fromDotenv,
    dotenvNamesEndpoint: endpointFromDotenv ? `${dotenv} (${chosen.source})` : null,
  });
  if (keyHeldBack) notices.push(keyHeldBack.reason);

  const keyDataDir = key && key.storage.kind !== 'environment' && isLoopbackUrl(key.savedFor ?? endpointUrl) ? await appFile.sandboxDataDir(key.savedFor ?? endpointUrl, key.apiKey) : undefined;
  let endpoint: SettingsEndpoint;
  if (chosen.kind === 'remote') {
    endpoint = { kind: 'remote', url: chosen.url, source: chosen.source === 'saved config' && storedUrl ? storedUrl.source : chosen.source, fromDotenv: endpointFromDotenv };
  } else {
    // The saved key's sandbox keeps its accounts in its own data directory: run the sandbox over that one.
    const keyData = options.data === undefined && keyDataDir !== undefined && fs.existsSync(keyDataDir) ? keyDataDir : undefined;
    endpoint = {
      kind: 'embedded',
      preferredPort: chosen.preferredPort,
      source: chosen.source,
      dataDir: options.data ?? keyData ?? paths.sandboxDataDir,
      ...(chosen.source === SAVED_SANDBOX_URL && storedUrl ? { savedUrlIn: storedUrl.source } : {}),
    };
  }

  return {
    endpoint,
    key,
    keyHeldBack,
    ...(keyDataDir ? { keyDataDir } : {}),
    stores: choice,
    appFile,
    ...(await savedKeyListing(choice, appFile, env)),
    modelEnv: modelEnvironment(env, origins.fromDotenv, dotenv, notices),
    configFileProblem,
    notices,
  };
}

interface KeyDecisionInput {
  /** `--api-key*`, FAVCRM_API_KEY or FAVCRM_MCP_TOKEN. */
  explicit: ResolvedApiKey | null;
  /** The home store's key (keyring, then config.toml), whatever endpoint it is for. */
  saved: ResolvedApiKey | null;
  appFile: AppKeyFile;
  endpointUrl: string;
  embedded: boolean;
  fromDotenv: ReadonlySet<string>;
  /** `./.env (FAVCRM_MCP_URL)` when only `.env` names the endpoint, else null. */
  dotenvNamesEndpoint: string | null;
}

/**
 * The key sent to the endpoint, or the one found and held back with why: a given key wins; else the home store's
 * key when it is for this endpoint; else the key favcrm-chat's own file keeps for it. A key from the shell, a flag or
 * a store never goes to an endpoint only `.env` names (a store's key may go to its own URL), and a stored key with
 * a space or line break in it never goes anywhere.
 */
async function decideKey(input: KeyDecisionInput): Promise<Pick<Settings, 'key' | 'keyHeldBack'>> {
  const { explicit, saved, endpointUrl, dotenvNamesEndpoint } = input;
  const held = (found: ResolvedApiKey, reason: string): Pick<Settings, 'key' | 'keyHeldBack'> => ({ key: null, keyHeldBack: { maskedKey: maskKey(found.apiKey), reason } });
  const dotenvRule = (found: ResolvedApiKey, label: string): string =>
    `The endpoint ${endpointUrl} is named only by ${dotenvNamesEndpoint ?? '.env'}, so the key ${maskKey(found.apiKey)} from ${label} was not sent there. ` +
    'A key from your shell or a key store goes only to an endpoint you name yourself: pass --url, or set the variable in your shell.';
  if (explicit) {
    const fromDotenvItself = explicit.source !== 'flag' && input.fromDotenv.has(explicit.source);
    if (dotenvNamesEndpoint && !fromDotenvItself) return held(explicit, dotenvRule(explicit, explicit.source === 'flag' ? 'the command line' : `${explicit.source} in your shell`));
    return { key: explicit, keyHeldBack: null };
  }
  const home = saved ? keyForEndpoint(saved, { url: endpointUrl, sandbox: input.embedded }) : { key: null, notice: null };
  const found = home.key ?? (await keyFromAppFile(input.appFile, endpointUrl, input.embedded));
  if (!found) return home.notice && saved ? held(saved, home.notice) : { key: null, keyHeldBack: null };
  if (/[\s\u0000-\u001f\u007f]/.test(found.apiKey)) {
    // A key with a line break in it would break every request's headers (or smuggle one in): never sent.
    return held(found, `The key saved in ${found.storage.location} holds a space or line break, so it is not a usable key and was not sent. Fix the file (api_key = "fav_mcp_…" on one line), or sign in again.`);
  }
  // The store's own URL counts as named outside .env; a hand-written key (no URL) or another URL does not.
  if (dotenvNamesEndpoint && !sameEndpoint(found.savedFor, endpointUrl)) return held(found, dotenvRule(found, found.storage.location));
  return { key: found, keyHeldBack: null };
}

/** `--api-key-file`, `--api-key -` or `--api-key KEY` (with its `ps` warning), checked; null without one. */
async function explicitKey(options: SettingsOptions, stdin: ResolveSettingsInput['stdin'], warn: (text: string) => void): Promise<{ key: string; location: string } | null> {
  if (options.apiKeyFile !== undefined) return { key: await readApiKeyFile(options.apiKeyFile, warn), location: `--api-key-file ${options.apiKeyFile}` };
  if (options.apiKey === '-') {
    if (!stdin) return null;
    return { key: await readApiKeyLine(stdin), location: '--api-key - (stdin)' };
  }
  if (options.apiKey === undefined || options.apiKey.trim() === '') return null;
  warn('--api-key on the command line can be seen by other users (`ps`) and lands in shell history and npm logs: use --api-key-file PATH or --api-key - instead.');
  return { key: checkGivenKey(options.apiKey, '--api-key'), location: '--api-key flag' };
}

/** A key favcrm-chat's own file holds for this endpoint (for the embedded sandbox: its port's, else any sandbox's). */
async function keyFromAppFile(appFile: AppKeyFile, url: string, embedded: boolean): Promise<ResolvedApiKey | null> {
  let entry = await appFile.find(url);
  if (!entry && embedded) {
    const keys = await appFile.read().catch(() => null);
    entry = keys?.keys.find((candidate) => isLoopbackUrl(candidate.url) && portOf(candidate.url) === portOf(url)) ?? null;
  }
  if (!entry) return null;
  return { apiKey: entry.apiKey, source: 'app key file', storage: { kind: 'app-file', location: `${appFile.path} (for ${entry.url})` }, savedFor: entry.url };
}

async function savedKeyListing(choice: SecretStoreChoice, appFile: AppKeyFile, env: Env): Promise<{ savedKeys: SavedKeyListing[]; retiredKeys: number }> {
  const savedKeys: SavedKeyListing[] = [];
  const file = await appFile.read().catch(() => null);
  for (const store of choice.readStores) {
    const credential = await store.load().catch(() => null);
    if (!credential) continue;
    const location = store.info.kind === 'keyring' ? store.info.location : displayPath(store.info.location, env);
    const note = credential.url ? file?.sandboxes.find((entry) => sameEndpoint(entry.url, credential.url) && entry.keyEnding === credential.apiKey.slice(-4)) : undefined;
    savedKeys.push({ maskedKey: maskKey(credential.apiKey), ...(credential.url ? { url: credential.url } : {}), location, kind: store.info.kind, ...(note ? { dataDir: note.dataDir } : {}) });
  }
  for (const entry of file?.keys ?? []) {
    savedKeys.push({ maskedKey: maskKey(entry.apiKey), url: entry.url, location: displayPath(appFile.path, env), kind: 'app-file', ...(entry.dataDir ? { dataDir: entry.dataDir } : {}) });
  }
  return { savedKeys, retiredKeys: file?.retired.length ?? 0 };
}

/** OpenAI's own API: a key from the shell may always go there. */
function isOpenAiOwn(baseUrl: string): boolean {
  const host = parseUrl(baseUrl)?.hostname.toLowerCase() ?? '';
  return parseUrl(baseUrl)?.protocol === 'https:' && (host === 'api.openai.com' || host.endsWith('.openai.com'));
}

/**
 * The model's environment: OPENAI_API_KEY from the shell goes only to a base URL from the shell or to OpenAI's own
 * API; a model server named only by `.env` gets no key from the shell (local servers need none).
 */
function modelEnvironment(env: Env, fromDotenv: ReadonlySet<string>, dotenv: string, notices: string[]): Env {
  const baseUrl = env.OPENAI_BASE_URL?.trim();
  if (!baseUrl || !fromDotenv.has('OPENAI_BASE_URL')) return env;
  notices.push(`The model server ${baseUrl} comes from ${dotenv} (OPENAI_BASE_URL), not from you: what you type goes there.`);
  if (!env.OPENAI_API_KEY || fromDotenv.has('OPENAI_API_KEY') || isOpenAiOwn(baseUrl)) return env;
  notices.push(`Your OPENAI_API_KEY from the shell is not sent to ${baseUrl}, which only ${dotenv} names: set OPENAI_BASE_URL in your shell to send it there.`);
  const { OPENAI_API_KEY: _withheld, ...rest } = env;
  return rest;
}
