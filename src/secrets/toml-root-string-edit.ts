import { isDeepStrictEqual } from 'node:util';
import { parse, type TomlTable } from 'smol-toml';

/** A root-level key's new string value, or `undefined` to remove the key. */
export type RootStringUpdates = Readonly<Record<string, string | undefined>>;

/**
 * `key = "value"  # note` on one line: a bare or quoted key, a one-line basic or literal string, maybe a comment.
 * Groups: 1 everything up to the value, 2 the key, 3 the value, 4 what follows it.
 */
const ROOT_STRING_LINE =
  /^(\s*["']?([A-Za-z0-9_-]+)["']?\s*=\s*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*')(\s*(?:#.*)?)$/;
/** The first table header ends the root table; keys added after it would land in that table. */
const TABLE_HEADER = /^\s*\[/;

/**
 * Sets or removes root-level string keys by editing only their own lines, so a person's comments, key order and
 * layout in config.toml survive a signup or a logout (a full re-serialisation drops every comment).
 * Returns `undefined` when the file is laid out in a way this line edit does not handle (a multi-line string, a
 * dotted key, a key inside an inline table): the caller then rewrites the whole file instead.
 * The result is checked by parsing it: it must equal `expected`, or the edit is refused.
 */
export function editRootStrings(text: string, updates: RootStringUpdates, expected: TomlTable): string | undefined {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const pending = new Map(Object.entries(updates));
  const edited: string[] = [];
  let inRoot = true;
  /** Where new keys go: after the last root line that holds something, before blank lines and tables. */
  let insertAt = 0;

  for (const line of text.split(/\r?\n/)) {
    if (inRoot && TABLE_HEADER.test(line)) inRoot = false;
    const match = inRoot ? ROOT_STRING_LINE.exec(line) : null;
    const key = match?.[2];
    if (match !== null && key !== undefined && pending.has(key)) {
      const value = pending.get(key);
      pending.delete(key);
      // Removing a key removes its line; a comment on that line described the old value, so it goes too.
      if (value !== undefined) edited.push(`${match[1]}${tomlString(value)}${match[4]}`);
    } else {
      edited.push(line);
    }
    const trimmed = line.trim();
    if (inRoot && trimmed !== '' && !trimmed.startsWith('#')) insertAt = edited.length;
  }

  const added = [...pending].flatMap(([key, value]) => (value === undefined ? [] : [`${key} = ${tomlString(value)}`]));
  edited.splice(insertAt, 0, ...added);

  let result = edited.join(newline).replace(/(\r?\n)+$/, '');
  result = result.trim() === '' ? '' : result + newline;
  return parsesTo(result, expected) ? result : undefined;
}

/** A TOML basic string; JSON's escapes (`\"`, `\\`, `\n`, `\u0001`) are all valid TOML escapes. */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

function parsesTo(text: string, expected: TomlTable): boolean {
  try {
    return isDeepStrictEqual(plain(parse(text)), plain(expected));
  } catch {
    return false;
  }
}

/** Tables as ordinary objects: the parser makes null-prototype ones, which a strict comparison would tell apart. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== null && prototype !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]));
}
