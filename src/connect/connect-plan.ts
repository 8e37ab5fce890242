import { promises as fs } from 'node:fs';
import type { ClientDefinition, JsonFormat } from './client-definition.js';
import { splitByteOrderMark } from './byte-order-mark.js';
import { ConnectError } from './connect-errors.js';
import { SERVER_NAME, type ConnectEndpoint, type ConnectPlace, type ConnectPlan, type ConnectScope, type PlanAction } from './connect-types.js';
import { existingJsonEntry, jsonEntryMatches, readJsonConfig, removeJsonServer, setJsonServer } from './json-config-edit.js';
import { keyVariableSteps, type KeyWhereabouts } from './key-instructions.js';
import { existingTomlServer, readTomlConfig, removeTomlServer, setTomlServer } from './toml-table-edit.js';
import { isDeepStrictEqual } from 'node:util';

/** Stands for the key in previews and dry runs. */
const KEY_PLACEHOLDER = '<your FavCRM API key>';

export interface PlanInput {
  client: ClientDefinition;
  scope: ConnectScope;
  endpoint: ConnectEndpoint;
  place: ConnectPlace;
  /** The key, needed only by a client that must hold it inline; every other client gets a reference. */
  apiKey: string | null;
  key: KeyWhereabouts;
  remove?: boolean;
}

/**
 * A plan plus what applying it writes. `contents` may hold the key (Claude Desktop), so it is kept apart from
 * `plan`, which is what gets printed or serialised.
 */
export interface PreparedConnect {
  plan: ConnectPlan;
  /** The file as read (null: it does not exist), to notice a change between planning and writing. */
  original: string | null;
  /** The new file text; null when nothing is to be written. */
  contents: string | null;
  /** The mode to write it with. */
  mode: number;
}

/** Works out what connecting (or removing) one client means for its file, without writing anything. */
export async function prepareConnect(input: PlanInput): Promise<PreparedConnect> {
  const { client, scope, endpoint } = input;
  const file = client.configFile(scope, input.place);
  if (file === null) {
    throw new ConnectError('unsupported-scope', `${client.name} has no ${scope} configuration.`, `Run connect ${client.id} --scope user.`);
  }
  const keyInFile = client.custody.kind === 'inline';
  if (keyInFile && !input.remove && !input.apiKey) {
    throw new ConnectError('no-key', `${client.name} needs the key written into its config, and no FavCRM key was found.`, 'Sign up in the chat, or set FAVCRM_API_KEY, then run connect again.');
  }
  const { text: original, mode: currentMode } = await readIfPresent(file);
  const { bom, body: text } = splitByteOrderMark(original ?? '');
  const format = client.format;
  const entry = format.kind === 'json' ? format.entry(endpoint.url, input.apiKey ?? KEY_PLACEHOLDER) : format.table(endpoint.url);
  // Parsed once here: a file that cannot be read is refused before anything else happens.
  const root = format.kind === 'json' ? readJsonConfig(text, file, format) : readTomlConfig(text, file);
  const existing = format.kind === 'json' ? existingJsonEntry(root, format, SERVER_NAME) : existingTomlServer(root, SERVER_NAME);

  let action: PlanAction;
  let contents: string | null = null;
  if (input.remove) {
    action = existing === undefined ? 'absent' : 'remove';
    if (action === 'remove') contents = format.kind === 'json' ? removeJsonServer(text, file, format, SERVER_NAME) : removeTomlServer(text, file, SERVER_NAME);
  } else {
    const same = format.kind === 'json' ? jsonEntryMatches(root, format, SERVER_NAME, entry) : isDeepStrictEqual(plainValue(existing), entry);
    action = original === null ? 'create' : existing === undefined ? 'add' : same ? 'unchanged' : 'update';
    if (action !== 'unchanged') contents = format.kind === 'json' ? setJsonServer(text, file, format, SERVER_NAME, entry) : setTomlServer(text, file, SERVER_NAME, entry as Record<string, string>);
  }

  const shadows = [...(client.shadowedBy?.(root, scope) ?? []), ...(await projectShadow(client, scope, input.place))];
  const warnings = [...(input.remove ? removalWarnings(client, file, action) : connectWarnings(input, file, action === 'update' ? existing : undefined)), ...shadows];
  const nextSteps = input.remove ? [client.reload] : [...(client.custody.kind === 'environment' ? keyVariableSteps(client.name, input.place, input.key) : []), client.reload];
  const plan: ConnectPlan = {
    client: client.id,
    clientName: client.name,
    scope,
    file,
    action,
    custody: client.custody,
    keyInFile,
    url: endpoint.url,
    ...(input.remove ? {} : { preview: preview(client, endpoint.url) }),
    warnings,
    nextSteps,
  };
  if (contents !== null) contents = `${bom}${contents}`;
  // Owner-only when the key is inside; else keep the file's mode, and a new file in a project is shared (0644).
  const mode = keyInFile ? 0o600 : (currentMode ?? (scope === 'project' ? 0o644 : 0o600));
  return { plan, original, contents, mode };
}

/** At user scope: the project file of the folder connect runs in also names favcrm, and the client prefers it there. */
async function projectShadow(client: ClientDefinition, scope: ConnectScope, place: ConnectPlace): Promise<string[]> {
  const projectFile = scope === 'user' ? client.configFile('project', place) : null;
  if (projectFile === null || projectFile === client.configFile('user', place)) return [];
  try {
    const { body } = splitByteOrderMark((await readIfPresent(projectFile)).text ?? '');
    const format = client.format;
    const entry = format.kind === 'json' ? existingJsonEntry(readJsonConfig(body, projectFile, format), format, SERVER_NAME) : existingTomlServer(readTomlConfig(body, projectFile), SERVER_NAME);
    return entry === undefined ? [] : [`${projectFile} also defines favcrm for this folder; in ${client.name} a project entry may take the place of this one here.`];
  } catch {
    // An unreadable project file is not this command's business at user scope.
    return [];
  }
}

/** After taking an inline key out, its earlier copies are still in the backups connect made. */
function removalWarnings(client: ClientDefinition, file: string, action: PlanAction): string[] {
  if (client.custody.kind !== 'inline' || action !== 'remove') return [];
  return [`Backups connect made beside ${file} (*.bak) still hold the key; delete them once you no longer need them.`];
}

/** `replaced`: the entry an update overwrites. */
function connectWarnings(input: PlanInput, file: string, replaced: unknown): string[] {
  const { client, endpoint } = input;
  const warnings: string[] = [];
  if (endpoint.sandbox) {
    warnings.push(`${endpoint.url} is the local sandbox: ${client.name} reaches it only while the sandbox runs (the chat, or \`favcrm-chat sandbox\`), and only a key it issued works there.`);
  }
  if (client.custody.kind === 'inline') {
    warnings.push(`${client.custody.reason}. The key will be written into ${file}, readable by you only (0600).`);
  }
  if (replaced !== undefined) {
    const previousUrl = client.urlOf(replaced);
    warnings.push(
      previousUrl !== null && previousUrl !== endpoint.url
        ? `This replaces the favcrm entry that pointed at ${previousUrl}.`
        : 'This replaces the favcrm entry already there, which differs from what connect writes (the old one is in the backup).',
    );
  }
  warnings.push(...client.caveats(input.scope, endpoint));
  return warnings;
}

/** The entry as the file will hold it, with a placeholder where an inline key goes. */
function preview(client: ClientDefinition, url: string): string {
  const format = client.format;
  if (format.kind === 'toml') {
    return [`[mcp_servers.${SERVER_NAME}]`, ...Object.entries(format.table(url)).map(([key, value]) => `${key} = ${JSON.stringify(value)}`)].join('\n');
  }
  const shape: Record<string, unknown> = { [format.container]: { [SERVER_NAME]: format.entry(url, KEY_PLACEHOLDER) } };
  if ((format as JsonFormat).input) shape.inputs = [format.input];
  return JSON.stringify(shape, null, 2);
}

async function readIfPresent(file: string): Promise<{ text: string | null; mode: number | null }> {
  try {
    const [text, stats] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { text, mode: stats.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, mode: null };
    throw new ConnectError('io', `Could not read ${file}: ${(error as Error).message}`, 'Check the file\'s permissions.');
  }
}

/** smol-toml's tables have a null prototype; compare them as plain objects. */
function plainValue(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
}
