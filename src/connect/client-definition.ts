import path from 'node:path';
import type { ClientId, ConnectEndpoint, ConnectPlace, ConnectScope, KeyCustody } from './connect-types.js';

/** A JSON (or JSONC) file with one object of servers keyed by name. */
export interface JsonFormat {
  kind: 'json';
  /** Comments and trailing commas are part of the format (VS Code, Cursor, Gemini); strict JSON otherwise. */
  comments: boolean;
  /** The top-level object holding servers. */
  container: 'mcpServers' | 'servers';
  /** The server entry; `key` is only used by a client that must hold the key inline. */
  entry(url: string, key: string): Record<string, unknown>;
  /** An element of the top-level `inputs` array the entry refers to (VS Code's secret prompt). */
  input?: { id: string } & Record<string, unknown>;
}

/** Codex's config.toml: one `[mcp_servers.<name>]` table per server. */
export interface TomlFormat {
  kind: 'toml';
  table(url: string): Record<string, string>;
}

/** One MCP client: where it reads servers from, the entry it understands, and how it takes the key. */
export interface ClientDefinition {
  id: ClientId;
  name: string;
  /** Other spellings accepted on the command line. */
  aliases: readonly string[];
  custody: KeyCustody;
  format: JsonFormat | TomlFormat;
  /** The file for a scope, or null when the client has no such scope. */
  configFile(scope: ConnectScope, place: ConnectPlace): string | null;
  /** Commands whose presence on PATH shows the client is installed. */
  executables: readonly string[];
  /** Directories whose presence shows the client has been used here. */
  markers(place: ConnectPlace): string[];
  /** The URL an existing entry points at, for the listing. */
  urlOf(entry: unknown): string | null;
  /** Client-specific caveats, said before writing. */
  caveats(scope: ConnectScope, endpoint: ConnectEndpoint): string[];
  /** Entries elsewhere in the same file that the client prefers to this one (said on connect and on remove). */
  shadowedBy?(root: Record<string, unknown>, scope: ConnectScope): string[];
  /** How the person makes the client pick the entry up. */
  reload: string;
  /** Where the format is documented (docs/connect.md cites the same). */
  sources: readonly string[];
}

/** `$XDG_CONFIG_HOME` (absolute only, as the XDG spec says), else `~/.config`. */
export function xdgConfigHome(place: ConnectPlace): string {
  const value = place.env.XDG_CONFIG_HOME;
  return value && path.isAbsolute(value) ? value : path.join(place.home, '.config');
}

/** Roaming application data on Windows: `%APPDATA%`, else `~/AppData/Roaming`. */
export function windowsAppData(place: ConnectPlace): string {
  return place.env.APPDATA || path.join(place.home, 'AppData', 'Roaming');
}

/** An entry's string field, or null. */
export function stringField(entry: unknown, field: string): string | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const value = (entry as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

/** `Authorization` with a placeholder the client fills in; the key itself never appears. */
export function bearerHeader(reference: string): Record<string, string> {
  return { Authorization: `Bearer ${reference}` };
}
