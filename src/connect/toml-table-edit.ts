import { isDeepStrictEqual } from 'node:util';
import { parse, TomlError, type TomlTable } from 'smol-toml';
import { ConnectError } from './connect-errors.js';

/** The parent table of every Codex MCP server. */
const SERVERS_TABLE = 'mcp_servers';

/** `[a.b]` or `[[a.b]]` on its own line, maybe with a comment. Group 1: the brackets' inside. */
const TABLE_HEADER = /^\s*\[\[?\s*([^\][]+?)\s*\]\]?\s*(?:#.*)?$/;

/**
 * Reads config.toml. Missing or blank is an empty table; a file that does not parse is refused with the parser's
 * position only (a broken line may hold a key).
 */
export function readTomlConfig(text: string, file: string): TomlTable {
  if (text.trim() === '') return {};
  try {
    return parse(text);
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    throw new ConnectError('unparseable', `${file} is not valid TOML${where}. Nothing was written.`, 'Fix the file (or move it aside) and run connect again.');
  }
}

/** The `[mcp_servers.<name>]` table already there, if any. */
export function existingTomlServer(root: Readonly<Record<string, unknown>>, name: string): unknown {
  const servers = root[SERVERS_TABLE];
  return isTable(servers) && Object.hasOwn(servers, name) ? servers[name] : undefined;
}

/**
 * Sets `[mcp_servers.<name>]` to exactly `table` by replacing that table's lines (and its sub-tables') or appending
 * it, so every comment and other table stays as written. smol-toml would drop comments on a round trip, hence text.
 * The result must parse to the old content plus exactly this change, or nothing is written.
 */
export function setTomlServer(text: string, file: string, name: string, table: Record<string, string>): string {
  const root = readTomlConfig(text, file);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const { lines, at } = withoutServerTables(text, name);
  const block = [`[${SERVERS_TABLE}.${tomlKey(name)}]`, ...Object.entries(table).map(([key, value]) => `${tomlKey(key)} = ${JSON.stringify(value)}`)];
  if (at === null) {
    while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
    if (lines.length > 0) lines.push('');
    lines.push(...block);
  } else {
    lines.splice(at, 0, ...block, ...(at < lines.length && lines[at]?.trim() !== '' ? [''] : []));
  }
  const expected = { ...root, [SERVERS_TABLE]: { ...(isTable(root[SERVERS_TABLE]) ? root[SERVERS_TABLE] : {}), [name]: table } };
  return checked(`${lines.join(newline).replace(/\s+$/, '')}${newline}`, expected, file, name);
}

/** Removes `[mcp_servers.<name>]` and its sub-tables. */
export function removeTomlServer(text: string, file: string, name: string): string {
  const root = readTomlConfig(text, file);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const { lines } = withoutServerTables(text, name);
  const servers = { ...(isTable(root[SERVERS_TABLE]) ? root[SERVERS_TABLE] : {}) };
  delete servers[name];
  const expected = { ...root, [SERVERS_TABLE]: servers };
  const joined = lines.join(newline).replace(/\s+$/, '');
  return checked(joined === '' ? '' : `${joined}${newline}`, expected, file, name);
}

/**
 * The file's lines without `[mcp_servers.<name>]` and `[mcp_servers.<name>.*]`, and the line where the first of them
 * began. Comment and blank lines just before the next header stay: they describe what follows. Headers inside
 * multi-line strings are not headers; the final parse check catches anything this line view gets wrong.
 */
function withoutServerTables(text: string, name: string): { lines: string[]; at: number | null } {
  const source = text === '' ? [] : text.split(/\r?\n/);
  const kept: string[] = [];
  let at: number | null = null;
  let skipping = false;
  let pending: string[] = [];
  let inMultiline: '"""' | "'''" | null = null;
  for (const line of source) {
    const header = inMultiline === null ? TABLE_HEADER.exec(line) : null;
    inMultiline = multilineStateAfter(line, inMultiline);
    if (header) {
      const keys = splitDottedKey(header[1] ?? '');
      const ours = keys !== null && keys[0] === SERVERS_TABLE && keys[1] === name;
      if (skipping) {
        // No doubled blank line where the table was.
        while (pending[0]?.trim() === '' && (kept.length === 0 || kept[kept.length - 1]?.trim() === '')) pending.shift();
        kept.push(...pending);
      }
      pending = [];
      if (ours) {
        at ??= kept.length;
        skipping = true;
        continue;
      }
      skipping = false;
      kept.push(line);
      continue;
    }
    if (!skipping) {
      kept.push(line);
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) pending.push(line);
    else pending = [];
  }
  if (skipping) kept.push(...pending.filter((line) => line.trim() !== ''));
  return { lines: kept, at };
}

function checked(result: string, expected: TomlTable, file: string, name: string): string {
  let parsed: TomlTable;
  try {
    parsed = parse(result);
  } catch {
    parsed = { unparseable: true };
  }
  if (!isDeepStrictEqual(normalise(parsed), normalise(expected))) {
    throw new ConnectError(
      'unsupported-layout',
      `${file} defines [${SERVERS_TABLE}.${name}] in a form connect does not edit (dotted keys or an inline table), so nothing was written.`,
      `Edit that entry by hand, or remove it and run connect again.`,
    );
  }
  return result;
}

/** Plain objects, and an empty `mcp_servers` the same as none (removing our only server may drop the header). */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, entry]) => [key, normalise(entry)] as const);
  return Object.fromEntries(entries.filter(([key, entry]) => !(key === SERVERS_TABLE && isTable(entry) && Object.keys(entry).length === 0)));
}

/** `a."b.c".d` → ['a', 'b.c', 'd']; null when it is not a plain dotted key. */
function splitDottedKey(source: string): string[] | null {
  const keys: string[] = [];
  const part = /\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(\.|$)/y;
  let index = 0;
  while (index < source.length) {
    part.lastIndex = index;
    const match = part.exec(source);
    if (!match) return null;
    const quoted = match[2];
    keys.push(match[1] ?? (quoted !== undefined ? safeJsonString(quoted) : (match[3] ?? '')));
    index = part.lastIndex;
    if (match[4] === '') break;
  }
  return keys;
}

function safeJsonString(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

/** Tracks whether a line leaves us inside a `"""` or `'''` string. */
function multilineStateAfter(line: string, state: '"""' | "'''" | null): '"""' | "'''" | null {
  let current = state;
  let rest = line;
  for (;;) {
    if (current === null) {
      const basic = rest.indexOf('"""');
      const literal = rest.indexOf("'''");
      const hash = rest.indexOf('#');
      const first = [basic, literal].filter((position) => position !== -1).sort((a, b) => a - b)[0];
      if (first === undefined || (hash !== -1 && hash < first)) return null;
      current = first === basic ? '"""' : "'''";
      rest = rest.slice(first + 3);
    } else {
      const end = rest.indexOf(current);
      if (end === -1) return current;
      rest = rest.slice(end + 3);
      current = null;
    }
  }
}

/** A bare key when it can be one, else a quoted one. */
function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
